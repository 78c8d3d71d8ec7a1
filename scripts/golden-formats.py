#!/usr/bin/env python3
"""Writes the independent pixel references the HEIF/AVIF, GIF and TIFF tests compare against (issue 17).

    python3 scripts/golden-formats.py [SHARED_CORPORA]      (default ../shared/corpora)

HEIF/AVIF: `heif-convert` (Debian libheif-examples 1.15) writes a PNG of the primary image (irot/imir/clap
applied, no colour conversion), read by Pillow. GIF/TIFF: Pillow alone (first frame/page, Orientation NOT
applied: the decoders return stored rows too). Each reference is 8-bit RGBA (16-bit samples reduced to their
high byte), sampled every STEP pixels on both axes so phone photos stay small:
Tests/ImageCodecsTests/Golden/formats/<set>/<file>.<width>x<height>.s<STEP>.rgba
(width x height is the full decoded size). Needs python3-pil and libheif-examples.
"""
import os
import subprocess
import sys
import tempfile

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "corpora"))
OUT = os.path.join(ROOT, "Tests", "ImageCodecsTests", "Golden", "formats")

HEIF = {"RGB_8__29x100.heif": 1, "RGBA_10__29x100.heif": 1, "RGB_12__128x128.avif": 1, "RGBA_8__29x100.avif": 1,
        "LA_8__128x128.avif": 1, "L_12__29x100.heif": 1, "tree-with-transparency.heic": 1,
        "fox.profile0.8bpc.yuv420.avif": 4, "arrow.heic": 32}
# The G4 Orientation files are left out (Pillow 11 transposes them while reading); CMYK is left out: Pillow's CMYK->RGB (255 - min(255, c + k)) is not libtiff's ((255 - c)(255 - k) / 255).
GIF_TIFF = ["hopper.gif", "transparent.gif", "first_frame_transparency.gif", "dispose_bgnd_transparency.gif",
            "hopper_zero_comment_subblocks.gif", "iss634.gif", "hopper.tif", "hopper_lzw.tif", "copyleft.tiff",
            "16bit.MM.deflate.tif", "tiff_16bit_RGB.tiff", "tiff_tiled_planar_lzw.tiff",
            "tiff_strip_ycbcr_jpeg_2x2_sampling.tif", "pil136.tiff", "multipage.tiff"]


def rgba8(image):
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    return image.convert("RGBA")


def write(set_name, name, image, step):
    image = rgba8(image)
    width, height = image.size
    pixels = image.load()
    data = bytearray()
    for y in range(0, height, step):
        for x in range(0, width, step):
            data += bytes(pixels[x, y])
    os.makedirs(os.path.join(OUT, set_name), exist_ok=True)
    with open(os.path.join(OUT, set_name, f"{name}.{width}x{height}.s{step}.rgba"), "wb") as f:
        f.write(data)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for name, step in HEIF.items():
            png = os.path.join(tmp, "out.png")
            subprocess.run(["heif-convert", os.path.join(SHARED, "heif-tests", name), png], check=True,
                           stdout=subprocess.DEVNULL)
            with Image.open(png) as image:
                write("heif-tests", name, image, step)
    for name in GIF_TIFF:
        with Image.open(os.path.join(SHARED, "gif-tiff-tests", name)) as image:
            image.seek(0)
            write("gif-tiff-tests", name, image, 1)
    print(f"golden-formats: {len(HEIF) + len(GIF_TIFF)} references in {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
