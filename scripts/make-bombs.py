#!/usr/bin/python3
"""Writes the hand-made hostile inputs (decompression bombs) into Tests/FuzzRegressions/<target>/.

Each file is small on disk and asks a decoder for far more memory or work than its size suggests. The tests in
Tests/ImageCodecsTests/HostileInputTests.swift assert the exact typed error (or bounded success) for each, and
scripts/bomb-rss.sh measures the peak RSS of `imageprep info`/`convert` on them.
Usage: /usr/bin/python3 scripts/make-bombs.py   (deterministic; re-running rewrites the same bytes)
"""
import io, os, struct, zlib
from PIL import Image

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "FuzzRegressions")

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)

def png(width, height, idat, color_type=0, extra=b""):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", idat) + chunk(b"IEND", b"")

def zeros_deflated(n, level=9):
    c = zlib.compressobj(level)
    block = b"\0" * (1 << 20)
    out = b"".join(c.compress(block) for _ in range(n >> 20))
    return out + c.flush()

def write(target, name, data):
    os.makedirs(os.path.join(root, target), exist_ok=True)
    with open(os.path.join(root, target, name), "wb") as f:
        f.write(data)
    print(f"{target}/{name}: {len(data)} bytes")

# PNG: a 100000x100000 header (10 gigapixels) with a one-row IDAT.
write("png", "bomb-ihdr-100000x100000.png", png(100000, 100000, zlib.compress(b"\0" * 100001)))
# PNG: valid 1000x1000 gray whose IDAT inflates to 64 MiB (64x the declared 1 MB): memory stays at the declared image
# (libpng inflates the excess in 1 KiB pieces to check the stream: CPU time grows with it, memory does not).
write("png", "bomb-idat-64MiB.png", png(1000, 1000, zeros_deflated(64 << 20)))
# PNG: 8x8 gray with a zTXt and a compressed iTXt that each inflate to 128 MiB; the decoder must not inflate text.
text = zeros_deflated(128 << 20)
ztxt = chunk(b"zTXt", b"Comment\0\0" + text)
itxt = chunk(b"iTXt", b"Comment\0\1\0\0\0" + text)
write("png", "bomb-ztxt-itxt-128MiB.png", png(8, 8, zlib.compress(b"\0" * 72), extra=ztxt + itxt))

# JPEG: SOF0 declaring 65500x65500 (4.3 gigapixels).
small = io.BytesIO()
Image.new("RGB", (16, 16), (200, 40, 40)).save(small, "JPEG", quality=90)
b = bytearray(small.getvalue())
sof = b.find(b"\xff\xc0")
struct.pack_into(">HH", b, sof + 5, 65500, 65500)
write("jpeg", "bomb-sof-65500x65500.jpg", bytes(b))
# JPEG: a progressive 16x16 whose last scan is repeated 20,000 times ("endless" scans: each rescans the image).
prog = io.BytesIO()
Image.new("RGB", (16, 16), (30, 120, 200)).save(prog, "JPEG", quality=90, progressive=True)
p = prog.getvalue()
last_sos = p.rfind(b"\xff\xda")
eoi = p.rfind(b"\xff\xd9")
write("jpeg", "bomb-scans-20000.jpg", p[:eoi] + p[last_sos:eoi] * 20000 + b"\xff\xd9")

# WebP: VP8X canvas 16777216x16777216.
def riff(body):
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body
def webp_chunk(kind, data):
    pad = b"\0" if len(data) % 2 else b""
    return kind + struct.pack("<I", len(data)) + data + pad
vp8x = webp_chunk(b"VP8X", b"\0\0\0\0" + (0xffffff).to_bytes(3, "little") * 2)
tiny = io.BytesIO()
Image.new("RGB", (16, 16), (10, 200, 10)).save(tiny, "WEBP", quality=80)
vp8 = tiny.getvalue()[12:]
write("webp", "bomb-vp8x-canvas-16777216.webp", riff(vp8x + vp8))
# WebP: a lossy keyframe header claiming 16383x16383 (the VP8 maximum, exactly the default pixel limit) with 16x16 data.
frame = bytearray(vp8)
start = frame.find(b"\x9d\x01\x2a")
struct.pack_into("<HH", frame, start + 3, 16383, 16383)
write("webp", "bomb-vp8-16383x16383.webp", riff(bytes(frame)))
# WebP: a lossless header claiming 16384x16384 (above the default pixel limit).
vp8l = b"\x2f" + ((16383) | (16383 << 14) | (1 << 28)).to_bytes(4, "little") + b"\0" * 16
write("webp", "bomb-vp8l-16384x16384.webp", riff(webp_chunk(b"VP8L", vp8l)))
