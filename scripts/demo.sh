#!/usr/bin/env bash
# The main job on samples/, offline: installs what it needs, builds, then runs ImagePrep on every sample.
# Results land in out/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh
swift build -c release --product imageprep
bin=".build/release/imageprep"
rm -rf out && mkdir -p out

echo "== imageprep info samples/*"
"$bin" info samples/*.jpg samples/*.png samples/*.webp

echo
echo "== imageprep convert (EXIF orientation applied, metadata stripped)"
"$bin" convert samples/photo-rotated.jpg out/photo-upright.png
"$bin" convert samples/logo-alpha.png out/logo.webp --quality 90
"$bin" convert samples/lossy.webp out/lossy.jpg --quality 85
"$bin" info out/photo-upright.png out/logo.webp out/lossy.jpg

echo
echo "== imageprep normalize samples -o out/normalized (exact API sizes, sRGB, under 10 MB)"
"$bin" normalize samples -o out/normalized --json > out/normalize-report.jsonl
cat out/normalize-report.jsonl | cut -c1-160

echo
echo "== imageprep check the normalized files"
"$bin" check --image out/normalized/photo-rotated.jpg --prompt "Turn the autumn leaves into spring blossoms" --size 3:2

echo
echo "demo: results in out/"
