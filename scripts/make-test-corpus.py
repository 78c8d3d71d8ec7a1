#!/usr/bin/env python3
"""Builds Tests/Corpus, the compact test corpus the repository carries, from the team's shared corpora.

    python3 scripts/make-test-corpus.py [SHARED_CORPORA]      (default ../shared/corpora)

The tests always run on Tests/Corpus; the shared corpora, when present, extend the same tests. Each set keeps
the shared layout: the files, a MANIFEST.tsv with the same columns (rows for the files kept, in the same
order) and SOURCE.md (the source's own, verbatim, with the licence, under a note saying what was kept).

What is kept (a few MB in all):
- every file under 16 KiB of each set (PngSuite, libpng's contrib, most hostile and odd cases are that small);
- whole sets that are small: libjpeg-turbo's test images;
- the files the tests name (NAMED below) and the JPEG `decode-with-warning` rows;
- of the HEIF/AVIF and GIF/TIFF sets, every file under 200 KB, plus arrow.heic and iss634.gif;
- the EXIF orientation set as a derived copy: each photo decoded at 1/4 scale by djpeg and re-encoded by
  cjpeg (quality 90), with the original EXIF APP1 segment (and so its Orientation) put back unchanged.
  The source is MIT-licensed, which allows modified copies; the manifest rows give the new dimensions.
Needs Python 3 and libjpeg-turbo-progs (djpeg, cjpeg). Run it again only to change the selection.
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "corpora"))
OUT = os.path.join(ROOT, "Tests", "Corpus")
SMALL = 16 * 1024

# Sets the JPEG, PNG and WebP tests read; the new formats bring their own subsets.
SETS = ["pngsuite", "libpng-contrib", "image-rs-png", "libjpeg-turbo-testimages", "pillow-tests",
        "sharp-fixtures", "libwebp-test-data", "image-rs-webp", "wide-gamut-tests", "heif-tests", "gif-tiff-tests"]
# The input-only formats (issue 17) keep every file under 200 KB (their phone photos are 0.1-2.4 MB each).
SMALL_FOR = {"heif-tests": 200 * 1024, "gif-tiff-tests": 200 * 1024}
WHOLE = {"libjpeg-turbo-testimages"}
NAMED = {
    "image-rs-png": ["bugfixes/F-exif-chunk-early.png"],
    "image-rs-webp": ["animated/random_lossless.webp", "animated/random_lossy.webp", "regression/tiny.webp"],
    "libwebp-test-data": ["alpha_color_cache.webp", "lossless1.webp", "alpha_filter_1.webp", "bug3.webp",
                          "vp80-00-comprehensive-001.webp", "grid.png", "peak.png"],
    "pillow-tests": ["apng_blend_op_over.png", "exif-dpi-zerodivision.jpg", "exif-ifd-offset.jpg", "flower.webp",
                     "icc-after-SOF.jpg", "icc_profile.png", "icc_profile_big.jpg", "truncated_image.png",
                     "truncated_jpeg.jpg", "anim_frame1.webp", "broken_data_stream.png", "truncated_end_chunk.png"]
                    + [f"hopper_orientation_{n}.webp" for n in range(2, 9)],
    # the iPhone photo with irot 270 + EXIF Orientation 6 (the HEIC end-to-end test) and the animated GIF
    # without a global colour table
    "heif-tests": ["arrow.heic"],
    "gif-tiff-tests": ["iss634.gif"],
    "sharp-fixtures": ["2569067123_aca715a2ee_o.jpg", "Channel_digital_image_CMYK_color_no_profile.jpg",
                       "flowers.jpeg", "320x240.jpg"],
    "wide-gamut-tests": ["P3-sRGB-color-bars.jpg", "P3-sRGB-color-ring.png", "R2020-sRGB-color-ring.jpg",
                         "rgb-to-gbr-test.png"],
}


def manifest(set_name):
    with open(os.path.join(SHARED, set_name, "MANIFEST.tsv")) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    return rows[0], rows[1:]


def keep(set_name, row):
    name, size, expectation = row[0], int(row[1]), row[5]
    if set_name in WHOLE or size < SMALL_FOR.get(set_name, SMALL) or name in NAMED.get(set_name, []):
        return True
    return expectation == "decode-with-warning" and name.lower().endswith((".jpg", ".jpeg"))


def write_set(set_name, header, rows, note):
    os.makedirs(os.path.join(OUT, set_name), exist_ok=True)
    with open(os.path.join(OUT, set_name, "MANIFEST.tsv"), "w") as f:
        f.writelines("\t".join(row) + "\n" for row in [header] + rows)
    with open(os.path.join(SHARED, set_name, "SOURCE.md")) as f:
        source = f.read()
    with open(os.path.join(OUT, set_name, "SOURCE.md"), "w") as f:
        f.write(f"<!-- Tests/Corpus subset: {note} Made by scripts/make-test-corpus.py. -->\n\n{source}")


def copy_subset(set_name):
    header, rows = manifest(set_name)
    kept = [r for r in rows if keep(set_name, r)]
    for r in kept:
        destination = os.path.join(OUT, set_name, r[0])
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copyfile(os.path.join(SHARED, set_name, r[0]), destination)
    write_set(set_name, header, kept, f"{len(kept)} of {len(rows)} files, unchanged copies.")


def exif_segment(jpeg):
    """The first APP1 segment that holds EXIF, marker and length included."""
    i = 2
    while i + 4 <= len(jpeg) and jpeg[i] == 0xFF:
        length = jpeg[i + 2] << 8 | jpeg[i + 3]
        if jpeg[i + 1] == 0xE1 and jpeg[i + 4:i + 10] == b"Exif\0\0":
            return jpeg[i:i + 2 + length]
        if jpeg[i + 1] == 0xDA:
            break
        i += 2 + length
    return None


def derive_orientation_set():
    set_name = "exif-orientation-examples"
    header, rows = manifest(set_name)
    derived = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in rows:
            source = os.path.join(SHARED, set_name, r[0])
            ppm = os.path.join(tmp, "small.ppm")
            subprocess.run(["djpeg", "-scale", "1/4", "-outfile", ppm, source], check=True)
            small = subprocess.run(["cjpeg", "-quality", "90", ppm], check=True, capture_output=True).stdout
            exif = exif_segment(open(source, "rb").read())
            assert exif is not None, source
            # After SOI and cjpeg's JFIF APP0, as cameras write it.
            app0_end = 2 + 2 + (small[4] << 8 | small[5])
            data = small[:app0_end] + exif + small[app0_end:]
            with open(os.path.join(OUT, set_name, r[0]), "wb") as f:
                f.write(data)
            width, height = (int(r[3]) + 3) // 4, (int(r[4]) + 3) // 4
            derived.append([r[0], str(len(data)), r[2], str(width), str(height), r[5],
                            f"derived: 1/4-scale re-encode (djpeg -scale 1/4, cjpeg -quality 90) with the original "
                            f"EXIF APP1 kept | {r[6]}"])
    write_set(set_name, header, derived, "every file, derived at 1/4 scale with its EXIF segment kept (see the rows' notes).")


def main():
    if not os.path.isdir(SHARED):
        sys.exit(f"make-test-corpus: {SHARED} not found")
    for set_name in SETS + ["exif-orientation-examples"]:  # other sets (new formats) are kept as they are
        shutil.rmtree(os.path.join(OUT, set_name), ignore_errors=True)
    for set_name in SETS:
        copy_subset(set_name)
    os.makedirs(os.path.join(OUT, "exif-orientation-examples"), exist_ok=True)
    derive_orientation_set()
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(OUT) for f in fs)
    files = sum(len(fs) for _, _, fs in os.walk(OUT))
    print(f"make-test-corpus: {files} files, {total / 1e6:.1f} MB in {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
