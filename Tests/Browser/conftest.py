"""Fixtures of the studio browser suite: the built `imageprep`, a studio started with --sandbox on a free
port over a temporary data folder and history, and headless Chromium driven by Selenium."""
import os
import re
import shutil
import signal
import subprocess
import urllib.error
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCREENSHOTS = os.path.join(ROOT, ".build", "studio-screenshots")
URL_LINE = re.compile(r"^studio: (http://127\.0\.0\.1:(\d+))/\?token=([0-9a-f]{64})$")


def pytest_addoption(parser):
    parser.addoption("--imageprep", required=True, help="the built imageprep binary")


class Studio:
    """One `imageprep studio --sandbox --no-open --port 0` process."""

    def __init__(self, binary, data, env):
        self.binary, self.data, self.env = binary, data, env
        self.process = subprocess.Popen(
            [binary, "studio", "--sandbox", "--no-open", "--port", "0", "--data", data, "--sandbox-task-duration", "1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = self.process.stdout.readline().rstrip("\n")
        match = URL_LINE.match(line)
        if not match:
            self.process.kill()
            raise AssertionError(f"unexpected first line {line!r}; stderr: {self.process.stderr.read()}")
        self.url, self.origin, self.port, self.token = line[len("studio: "):], match.group(1), int(match.group(2)), match.group(3)

    def request(self, path, method="GET", body=None, headers=None, token=True):
        """(status, body bytes) of one request sent without a browser."""
        request = urllib.request.Request(self.origin + path, data=body, method=method, headers=headers or {})
        if token:
            request.add_header("X-Studio-Token", self.token)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("studio")
    env = dict(os.environ, XDG_DATA_HOME=str(root / "xdg"), XDG_CONFIG_HOME=str(root / "config"))
    for key in ("IMAGEPREP_API_KEY", "IMAGEPREP_BASE_URL", "IMAGEPREP_FILES_URL", "IMAGEPREP_CONFIG", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(key, None)
    os.makedirs(SCREENSHOTS, exist_ok=True)
    return {"root": root, "data": str(root / "data"), "downloads": str(root / "downloads"), "env": env}


@pytest.fixture(scope="session")
def binary(pytestconfig):
    return os.path.abspath(pytestconfig.getoption("--imageprep"))


@pytest.fixture(scope="session")
def studio(binary, workspace):
    holder = {"studio": Studio(binary, workspace["data"], workspace["env"])}
    holder["restart"] = lambda: holder.update(studio=(holder["studio"].stop(), Studio(binary, workspace["data"], workspace["env"]))[1])
    yield holder
    holder["studio"].stop()


@pytest.fixture(scope="session")
def driver(workspace):
    os.makedirs(workspace["downloads"], exist_ok=True)
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1000",
                     "--force-device-scale-factor=1", "--disable-gpu"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": workspace["downloads"],
                                              "download.prompt_for_download": False})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    browser = webdriver.Chrome(options=options, service=service)
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": workspace["downloads"]})
    yield browser
    browser.quit()
