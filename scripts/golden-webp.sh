#!/usr/bin/env bash
# Writes golden RGBA pixels for a few lossy WebP corpus files, decoded by libwebp's own dwebp (Debian `webp`),
# at full size and at half size (dwebp -resize to ceil(w/2) x ceil(h/2), what DecodeOptions(shrink: 2) asks
# libwebp's scaler for). Run once from the package root; the output is committed:
#   bash scripts/golden-webp.sh [CORPORA]
# Output: Tests/ImageCodecsTests/Golden/webp/<set>/<file>.rgba and .half.rgba (raw RGBA, no header).
set -euo pipefail
cd "$(dirname "$0")/.."
corpora="${1:-${IMAGEPREP_CORPORA:-../shared/corpora}}"
out="Tests/ImageCodecsTests/Golden/webp"
files=(pillow-tests/anim_frame1.webp libwebp-test-data/alpha_filter_1.webp libwebp-test-data/bug3.webp
       libwebp-test-data/vp80-00-comprehensive-001.webp)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
strip_pam() {  # PAM (P7) to raw samples: drop everything up to and including "ENDHDR\n"
    /usr/bin/python3 -c 'import sys; d=open(sys.argv[1],"rb").read(); i=d.index(b"ENDHDR\n")+7; open(sys.argv[2],"wb").write(d[i:])' "$1" "$2"
}
for f in "${files[@]}"; do
    mkdir -p "$out/$(dirname "$f")"
    read -r w h < <(webpinfo "$corpora/$f" | awk '/Width:/ {w=$2} /Height:/ {h=$2} END {print w, h}')
    dwebp -quiet "$corpora/$f" -pam -o "$tmp/full.pam"
    dwebp -quiet "$corpora/$f" -resize $(((w + 1) / 2)) $(((h + 1) / 2)) -pam -o "$tmp/half.pam"
    strip_pam "$tmp/full.pam" "$out/$f.rgba"
    strip_pam "$tmp/half.pam" "$out/$f.half.rgba"
    echo "$f ${w}x${h}"
done
