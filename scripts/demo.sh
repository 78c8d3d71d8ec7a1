#!/usr/bin/env bash
# The main job on samples/, offline: installs what it needs, builds, then takes a rotated phone photo all the
# way through ImagePrep — inspect, normalize, mask, prepare, check, and edit against the embedded sandbox —
# and normalizes every other sample. Results land in out/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

bash scripts/setup.sh
swift build -c release --product imageprep
bin="$PWD/.build/release/imageprep"
rm -rf out && mkdir -p out
# Keep the demo's task history out of the user's own.
export XDG_DATA_HOME="$PWD/out/.data"

step() { printf '\n== %s\n' "$*"; }

step "imageprep info samples/*   (format sniffed from bytes; upright size from EXIF)"
"$bin" info samples/*.jpg samples/*.png samples/*.webp

step "imageprep normalize samples -o out/normalized   (exact API sizes, sRGB, best quality under 10 MB)"
"$bin" normalize samples -o out/normalized

step "imageprep check the normalized photo   (every documented limit of gpt-4o-image)"
"$bin" check --image out/normalized/photo-rotated.jpg --prompt "Replace the sky with a starry night" --size 3:2

step "imageprep mask on the normalized photo   (exact anti-aliased, transparent = edit)"
"$bin" mask --base out/normalized/photo-rotated.jpg --ellipse 768,500,120,130 --feather 2 \
    -o out/ellipse-mask.png --preview out/ellipse-preview.png

step "imageprep edit samples/photo-rotated.jpg --shapes samples/edit-region.json --sandbox"
echo "   (shapes drawn on the original photo; prepare → check → upload → submit → wait → download)"
"$bin" edit samples/photo-rotated.jpg --shapes samples/edit-region.json \
    --prompt "Replace the sky with a starry night" -o out/edit --sandbox --sandbox-task-duration 2

step "imageprep check out/edit/bundle.json   (the prepared bundle passes)"
"$bin" check out/edit/bundle.json

step "imageprep tasks list"
"$bin" tasks list

step "results"
"$bin" info out/edit/task-unified-*.png | head -3
echo
echo "demo: results in out/ — out/edit/preview.png shows the edit region, out/edit/task-unified-*-1.png the sandbox result"
