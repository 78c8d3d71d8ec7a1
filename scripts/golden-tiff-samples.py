#!/usr/bin/env python3
"""Independent references for TIFFSamples (16-bit and CMYK TIFFs kept as stored samples), written into
Tests/ImageCodecsTests/Golden/tiff-samples/ as raw little-endian samples, interleaved, rows top to bottom:

- <file>.u16: tifffile's (pure Python + zlib, not libtiff) decode of Pillow's 16-bit test TIFFs;
- rgba16-planar-tiled.tif: made here by tifffile from tiff_16bit_RGB.tiff's pixels plus an alpha ramp, planar
  (separate) configuration, 16x16 tiles, Deflate, unassociated alpha; its .u16 is the array written;
- tiff_strip_cmyk_jpeg.tif.cmyk: Pillow's CMYK bytes of that JPEG-compressed CMYK strip TIFF;
- tiff_16bit_RGBa.tiff.rgba8: Pillow's 8-bit straight RGBA of that LZW file with associated 16-bit alpha
  (tifffile would need imagecodecs for LZW).

Needs numpy, tifffile (pip) and Pillow. Usage: python3 scripts/golden-tiff-samples.py
"""
import os
import numpy as np
import tifffile
from PIL import Image

root = os.path.join(os.path.dirname(__file__), "..")
corpus = os.path.join(root, "Tests/Corpus/gif-tiff-tests")
out = os.path.join(root, "Tests/ImageCodecsTests/Golden/tiff-samples")
os.makedirs(out, exist_ok=True)

for name in ["16bit.MM.deflate.tif", "tiff_16bit_RGB.tiff"]:
    tifffile.imread(os.path.join(corpus, name)).astype("<u2").tofile(os.path.join(out, name + ".u16"))

rgb = tifffile.imread(os.path.join(corpus, "tiff_16bit_RGB.tiff"))
h, w, _ = rgb.shape
alpha = (np.arange(w, dtype=np.uint32)[None, :] * 65535 // (w - 1)).repeat(h, axis=0).astype(np.uint16)
rgba = np.dstack([rgb, alpha])
made = os.path.join(out, "rgba16-planar-tiled.tif")
tifffile.imwrite(made, np.moveaxis(rgba, -1, 0), photometric="rgb", planarconfig="separate", tile=(16, 16), compression="zlib",
                 extrasamples=["unassalpha"])
rgba.astype("<u2").tofile(made + ".u16")

with Image.open(os.path.join(corpus, "tiff_strip_cmyk_jpeg.tif")) as im:
    assert im.mode == "CMYK"
    open(os.path.join(out, "tiff_strip_cmyk_jpeg.tif.cmyk"), "wb").write(im.tobytes())

with Image.open(os.path.join(corpus, "tiff_16bit_RGBa.tiff")) as im:
    assert im.mode == "RGBA"
    open(os.path.join(out, "tiff_16bit_RGBa.tiff.rgba8"), "wb").write(im.tobytes())
