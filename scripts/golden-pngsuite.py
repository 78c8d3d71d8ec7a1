#!/usr/bin/python3
"""Writes golden 8-bit RGBA pixels for every valid PngSuite image, decoded by Pillow (Debian python3-pil).

Run once from the package root; the output is committed:
    /usr/bin/python3 scripts/golden-pngsuite.py [CORPORA]
CORPORA defaults to $IMAGEPREP_CORPORA, then ../shared/corpora beside the package. Output: Tests/ImageCodecsTests/Golden/<set>/<file>.rgba (raw RGBA,
row-major, no header), for the `decode` rows of pngsuite/ and libpng-contrib/pngsuite/ in MANIFEST.tsv.

Pillow reduces 16-bit RGB(A) and gray+alpha to 8 bits by keeping the high byte, and opens 16-bit gray as
32-bit "I"; this script reduces "I" the same way (v >> 8) and applies a gray tRNS key on the 16-bit value, so
the tests compare against ImagePrep's 16-bit output reduced by the high byte as well. Pillow 9.4 also leaves the
tRNS key of 1/2/4-bit gray images unscaled while widening the samples; the script scales the key to match.
"""
import os
import sys

from PIL import Image

corpora = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("IMAGEPREP_CORPORA") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpora")
out_root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "ImageCodecsTests", "Golden")


def rgba8(im, bit_depth):
    key = im.info.get("transparency")
    if im.mode == "L" and bit_depth < 8 and isinstance(key, int):
        # Pillow widens 1/2/4-bit gray samples to 8 bits but leaves the tRNS key unscaled; scale it the same way
        # (PNG spec: the key is compared with the stored sample) so transparent pixels are found.
        scale = 255 // ((1 << bit_depth) - 1)
        alpha = bytes(0 if v == key * scale else 255 for v in im.getdata())
        rgba = im.convert("RGB").convert("RGBA")
        rgba.putalpha(Image.frombytes("L", im.size, alpha))
        return rgba.tobytes()
    if im.mode in ("I", "I;16", "I;16B"):
        w, h = im.size
        values = list(im.getdata())
        key = im.info.get("transparency")
        out = bytearray()
        for v in values:
            g = (v >> 8) & 0xFF
            out += bytes((g, g, g, 0 if key is not None and v == key else 255))
        return bytes(out)
    return im.convert("RGBA").tobytes()


count = 0
for set_name, prefix in (("pngsuite", ""), ("libpng-contrib", "pngsuite/")):
    folder = os.path.join(corpora, set_name)
    with open(os.path.join(folder, "MANIFEST.tsv")) as manifest:
        rows = [line.rstrip("\n").split("\t") for line in manifest][1:]
    for row in rows:
        name, expectation = row[0], row[5]
        if expectation != "decode" or not name.startswith(prefix) or not name.endswith(".png"):
            continue
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            bit_depth = f.read(25)[24]  # IHDR bit depth (every valid PngSuite file starts with IHDR)
        with Image.open(path) as im:
            im.load()
            data = rgba8(im, bit_depth)
            assert len(data) == im.size[0] * im.size[1] * 4
        target = os.path.join(out_root, set_name, name + ".rgba")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target + ".tmp", "wb") as f:
            f.write(data)
        os.replace(target + ".tmp", target)
        count += 1
print(f"wrote {count} golden files under {os.path.relpath(out_root)}")
