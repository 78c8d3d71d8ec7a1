"""The studio in headless Chromium: upload an EXIF-rotated photo, draw with the mouse, export and compare the
mask with `imageprep mask`, undo/redo, invert, the check panel, submit to the sandbox, the history across a
reload and a restart, and the token/Origin refusals. Runs in file order on one studio; screenshots go to
.build/studio-screenshots/."""
import glob
import io
import json
import os
import subprocess

from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ROOT, SCREENSHOTS

PHOTO = os.path.join(ROOT, "samples", "photo-rotated.jpg")  # 1200x1800 stored, EXIF orientation 6
REFERENCES = [os.path.join(ROOT, "samples", "logo-alpha.png"), os.path.join(ROOT, "samples", "lossy.webp")]


def hook(driver, name):
    return driver.find_element(By.CSS_SELECTOR, f'[data-testid="{name}"]')


def wait(driver, condition, timeout=60):
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)


def shot(driver, name):
    driver.save_screenshot(os.path.join(SCREENSHOTS, name + ".png"))


def mask_generation(driver):
    return int(driver.execute_script("return Number(document.body.dataset.maskGen || 0)"))


def settle_mask(driver, after):
    """Waits until the server rendered a mask newer than generation `after` and the page shows it."""
    wait(driver, lambda d: mask_generation(d) > after and d.execute_script("return document.body.dataset.maskState") == "ready")


def base_to_offset(driver, x, y):
    """Selenium offsets (from the canvas centre) of base pixel (x, y) at the current zoom."""
    rect = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", hook(driver, "base-canvas"))
    zoom = rect[0] / 1536
    return round(x * zoom - rect[0] / 2), round(y * zoom - rect[1] / 2)


def current_shapes(studio):
    status, body = studio.request("/api/shapes.json")
    assert status == 200
    return json.loads(body)["shapes"]


def test_requests_without_the_token_or_from_a_foreign_origin_are_refused(studio):
    s = studio["studio"]
    assert s.request("/", token=False)[0] == 401
    assert s.request("/api/config", token=False)[0] == 401
    assert s.request("/api/config", headers={"X-Studio-Token": "0" * 64}, token=False)[0] == 403
    assert s.request("/api/config")[0] == 200
    body = json.dumps({"prompt": "x"}).encode()
    foreign = s.request("/api/check", "POST", body, {"Origin": "http://evil.example", "Content-Type": "application/json"})
    assert foreign[0] == 403
    own = s.request("/api/check", "POST", body, {"Origin": s.origin, "Content-Type": "application/json"})
    assert own[0] == 200


def test_upload_an_exif_rotated_photo(driver, studio):
    driver.get(studio["studio"].url)
    assert driver.current_url == studio["studio"].origin + "/"  # the token left the address bar for a cookie
    wait(driver, lambda d: d.execute_script("return document.body.dataset.ready") == "1")
    assert hook(driver, "submit").get_attribute("disabled") is not None
    # The price comes from the provider's configuration (the sandbox stands in for the default provider).
    assert hook(driver, "cost").text == "estimated cost: 1 × 1.5 = 1.5 credits ($0.0208)"
    Select(hook(driver, "n")).select_by_value("4")
    assert hook(driver, "cost").text == "estimated cost: 4 × 1.5 = 6 credits ($0.0832)"
    Select(hook(driver, "n")).select_by_value("1")
    hook(driver, "upload-input").send_keys(PHOTO)
    wait(driver, lambda d: "1536×1024" in hook(d, "file-list").text)
    text = hook(driver, "file-list").text
    assert "photo-rotated.jpg" in text and "1800×1200" in text and "EXIF orientation 6" in text
    width, height = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];", hook(driver, "base-canvas"))
    assert abs(width / height - 1.5) < 0.01
    shot(driver, "01-uploaded")


def test_draw_a_rectangle_and_a_polygon_and_export_the_same_mask_as_the_cli(driver, studio, workspace, binary):
    canvas = hook(driver, "base-canvas")
    generation = mask_generation(driver)
    hook(driver, "tool-rect").click()
    ActionChains(driver).move_to_element_with_offset(canvas, *base_to_offset(driver, 200, 150)).click_and_hold() \
        .move_to_element_with_offset(canvas, *base_to_offset(driver, 420, 300)) \
        .move_to_element_with_offset(canvas, *base_to_offset(driver, 600, 450)).release().perform()
    settle_mask(driver, generation)
    generation = mask_generation(driver)
    hook(driver, "tool-polygon").click()
    chain = ActionChains(driver)
    for x, y in [(900, 200), (1300, 260), (1200, 800)]:
        chain.move_to_element_with_offset(canvas, *base_to_offset(driver, x, y)).click()
    chain.move_to_element_with_offset(canvas, *base_to_offset(driver, 950, 700)).double_click().perform()
    settle_mask(driver, generation)
    shapes = current_shapes(studio["studio"])
    assert [s["type"] for s in shapes] == ["rect", "polygon"]
    zoom_px = 1536 / driver.execute_script("return arguments[0].getBoundingClientRect().width", canvas)
    rect = shapes[0]
    assert abs(rect["x"] - 200) <= 2 * zoom_px and abs(rect["y"] - 150) <= 2 * zoom_px
    assert abs(rect["width"] - 400) <= 2 * zoom_px and abs(rect["height"] - 300) <= 2 * zoom_px
    assert len(shapes[1]["points"]) == 4
    shot(driver, "02-drawn")

    for name in ("export-mask", "export-shapes"):
        hook(driver, name).click()
    downloads = workspace["downloads"]
    wait(driver, lambda d: os.path.exists(os.path.join(downloads, "mask.png")) and os.path.exists(os.path.join(downloads, "shapes.json")))
    wait(driver, lambda d: not glob.glob(os.path.join(downloads, "*.crdownload")))
    status, base = studio["studio"].request("/api/uploads/u1/base.png")
    assert status == 200
    base_path = os.path.join(workspace["root"], "base.png")
    with open(base_path, "wb") as f:
        f.write(base)
    cli_mask = os.path.join(workspace["root"], "cli-mask.png")
    subprocess.run([binary, "mask", "--base", base_path, "--shapes", os.path.join(downloads, "shapes.json"), "-o", cli_mask],
                   check=True, capture_output=True, env=workspace["env"])
    page = Image.open(os.path.join(downloads, "mask.png"))
    cli = Image.open(cli_mask)
    assert page.size == cli.size == (1536, 1024)
    assert page.mode == cli.mode
    assert list(page.getdata()) == list(cli.getdata())
    alphas = [p[-1] for p in page.getdata()]
    assert alphas.count(0) > 100_000 and alphas.count(255) > 1_000_000  # both regions present


def test_undo_and_redo(driver, studio):
    generation = mask_generation(driver)
    hook(driver, "undo").click()
    settle_mask(driver, generation)
    assert [s["type"] for s in current_shapes(studio["studio"])] == ["rect"]
    generation = mask_generation(driver)
    ActionChains(driver).key_down("\ue009").key_down("\ue008").send_keys("z").key_up("\ue008").key_up("\ue009").perform()  # Ctrl+Shift+Z
    settle_mask(driver, generation)
    assert [s["type"] for s in current_shapes(studio["studio"])] == ["rect", "polygon"]


def test_invert_swaps_edit_and_keep(driver, studio):
    before = Image.open(io.BytesIO(studio["studio"].request("/api/mask.png")[1]))
    generation = mask_generation(driver)
    driver.find_element(By.ID, "invert").click()
    settle_mask(driver, generation)
    after = Image.open(io.BytesIO(studio["studio"].request("/api/mask.png")[1]))
    a, b = [p[-1] for p in before.getdata()], [p[-1] for p in after.getdata()]
    assert b.count(0) == a.count(255) and b.count(255) == a.count(0)
    shot(driver, "03-inverted")
    generation = mask_generation(driver)
    driver.find_element(By.ID, "invert").click()
    settle_mask(driver, generation)
    assert Image.open(io.BytesIO(studio["studio"].request("/api/mask.png")[1])).tobytes() == before.tobytes()


def test_the_check_panel_refuses_a_third_reference_with_a_mask(driver):
    hook(driver, "prompt").send_keys("a red wooden door")
    wait(driver, lambda d: "All rules pass." in hook(d, "check-list").text)
    wait(driver, lambda d: hook(d, "submit").get_attribute("disabled") is None)
    for path in REFERENCES:
        hook(driver, "upload-input").send_keys(path)
        name = os.path.basename(path)
        wait(driver, lambda d: name in hook(d, "file-list").text)
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="check-list"] li.error[data-rule="mask.multiple-images"]'))
    assert hook(driver, "submit").get_attribute("disabled") is not None
    shot(driver, "04-check-error")
    for remaining in (2, 1):  # remove the references, newest first
        driver.find_elements(By.CSS_SELECTOR, '[data-testid="file-list"] li[data-upload-id] button')[-1].click()
        wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, '[data-testid="file-list"] li[data-upload-id]')) == remaining)
    wait(driver, lambda d: "All rules pass." in hook(d, "check-list").text)
    wait(driver, lambda d: hook(d, "submit").get_attribute("disabled") is None)


def test_submit_to_the_sandbox_saves_the_result_and_the_history_survives(driver, studio, workspace, binary):
    hook(driver, "submit").click()
    wait(driver, lambda d: hook(d, "history-summary").text == "0 running · 1 completed", timeout=120)
    wait(driver, lambda d: d.execute_script(
        "const i = document.querySelector('[data-testid=\"result-image\"]'); return !!i && i.complete && i.naturalWidth > 0"))
    shot(driver, "05-completed")
    results = [p for p in glob.glob(os.path.join(workspace["data"], "tasks", "*", "*")) if os.path.basename(p).startswith("task-")]
    assert len(results) == 1
    with Image.open(results[0]) as result:
        assert result.size == (1536, 1024)
    listed = subprocess.run([binary, "tasks", "list"], check=True, capture_output=True, text=True, env=workspace["env"]).stdout
    task_id = os.path.basename(results[0]).rsplit("-", 1)[0]
    assert task_id in listed and "completed" in listed  # the CLI reads the same history

    driver.refresh()
    wait(driver, lambda d: hook(d, "history-summary").text == "0 running · 1 completed")
    assert len(hook(driver, "history").find_elements(By.CSS_SELECTOR, "li")) == 1

    studio["restart"]()
    driver.get(studio["studio"].url)
    wait(driver, lambda d: hook(d, "history-summary").text == "0 running · 1 completed")
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="result-image"]'))
    shot(driver, "06-after-restart")


def test_refused_files_say_why_and_the_other_tools_edit_vectors_that_follow_a_new_size(driver, studio, workspace):
    driver.get(studio["studio"].url)
    wait(driver, lambda d: d.execute_script("return document.body.dataset.ready") == "1")
    broken = os.path.join(workspace["root"], "broken.jpg")
    with open(broken, "wb") as f:
        f.write(b"\xff\xd8\xff\xe0 this is not a JPEG")
    hook(driver, "upload-input").send_keys(PHOTO + "\n" + broken)
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, '[data-testid="file-list"] li.refused'))
    refused = driver.find_element(By.CSS_SELECTOR, '[data-testid="file-list"] li.refused').text
    assert refused.startswith("broken.jpg: ") and "broken.jpg" in refused[len("broken.jpg: "):]  # the library's message names the file
    wait(driver, lambda d: "1536×1024" in hook(d, "file-list").text)
    canvas = hook(driver, "base-canvas")
    s = studio["studio"]

    def drag(tool, points):
        generation = mask_generation(driver)
        hook(driver, tool).click()
        chain = ActionChains(driver).move_to_element_with_offset(canvas, *base_to_offset(driver, *points[0])).click_and_hold()
        for point in points[1:]:
            chain.move_to_element_with_offset(canvas, *base_to_offset(driver, *point))
        chain.release().perform()
        settle_mask(driver, generation)

    drag("tool-ellipse", [(300, 300), (500, 420), (700, 500)])
    drag("tool-brush", [(900, 300), (1000, 350), (1100, 420), (1200, 500)])
    drag("tool-eraser", [(1000, 250), (1050, 450)])
    shapes = current_shapes(s)
    assert [(x["type"], x.get("op", "add")) for x in shapes] == [("ellipse", "add"), ("multipolygon", "add"), ("multipolygon", "subtract")]
    ellipse = shapes[0]
    assert abs(ellipse["cx"] - 500) < 3 and abs(ellipse["rx"] - 200) < 3 and abs(ellipse["ry"] - 100) < 3
    shot(driver, "07-tools")

    drag("tool-select", [(500, 400), (540, 430), (560, 440)])  # move the ellipse by (60, 40)
    moved = current_shapes(s)[0]
    assert abs(moved["cx"] - ellipse["cx"] - 60) < 3 and abs(moved["cy"] - ellipse["cy"] - 40) < 3
    generation = mask_generation(driver)
    ActionChains(driver).send_keys("\ue017").perform()  # Delete removes the selected shape
    settle_mask(driver, generation)
    assert [x["type"] for x in current_shapes(s)] == ["multipolygon", "multipolygon"]
    generation = mask_generation(driver)
    hook(driver, "undo").click()
    settle_mask(driver, generation)
    assert current_shapes(s)[0] == moved  # back in its place

    before = json.loads(s.request("/api/config")[1])["state"]["uploads"][0]["transform"]
    generation = mask_generation(driver)
    driver.find_element(By.CSS_SELECTOR, '[data-testid="size"] option[value="1024x1024"]').click()
    wait(driver, lambda d: "base 1024×1024" in d.find_element(By.ID, "base-info").text)
    settle_mask(driver, generation)
    after = json.loads(s.request("/api/config")[1])["state"]["uploads"][0]["transform"]
    reprojected = current_shapes(s)[0]
    original = ((moved["cx"] - before["tx"]) / before["a"], (moved["cy"] - before["ty"]) / before["d"])
    assert abs(reprojected["cx"] - (after["a"] * original[0] + after["tx"])) < 0.01
    assert abs(reprojected["cy"] - (after["d"] * original[1] + after["ty"])) < 0.01
    assert abs(reprojected["rx"] - moved["rx"] / before["a"] * after["a"]) < 0.01
    mask = Image.open(io.BytesIO(s.request("/api/mask.png")[1]))
    assert mask.size == (1024, 1024)

    hook(driver, "zoom-fit").click()
    label = driver.find_element(By.ID, "zoom-label").text
    ActionChains(driver).scroll_from_origin(ScrollOrigin.from_element(canvas), 0, -300).perform()
    wait(driver, lambda d: d.find_element(By.ID, "zoom-label").text != label)
    zoomed = driver.find_element(By.ID, "zoom-label").text
    hook(driver, "zoom-fit").click()
    wait(driver, lambda d: d.find_element(By.ID, "zoom-label").text != zoomed)
    assert driver.execute_script("return arguments[0].getBoundingClientRect().height <= document.getElementById('viewport').clientHeight", canvas)
    shot(driver, "08-resized")
