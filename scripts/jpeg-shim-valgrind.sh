#!/usr/bin/env bash
# Builds scripts/jpeg_shim_harness.c against the JPEG shim and runs it under valgrind on JPEG files
# (default: every JPEG of the shared corpora except the 24-megapixel benchmark input, plus the crafted
# header files the harness makes itself: truncated halves, corrupt scans, empty input).
# Usage: bash scripts/jpeg-shim-valgrind.sh [FILE...]     Exit status: valgrind's (1 on any error or leak).
set -euo pipefail
cd "$(dirname "$0")/.."
corpora="${IMAGEPREP_CORPORA:-../shared/corpora}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
gcc -g -O1 -std=c11 -Wall -Wextra -ISources/CImageShims/include \
    scripts/jpeg_shim_harness.c Sources/CImageShims/jpeg_shim.c -ljpeg -o "$out/harness"
if (($# == 0)); then
    mapfile -t files < <(for f in "$corpora"/*/*; do
        [[ -f "$f" && "$f" != */bench/* ]] && [[ "$(head -c 3 "$f" | od -An -tx1 | tr -d ' \n')" == "ffd8ff" ]] && echo "$f"
    done)
    set -- "${files[@]}"
fi
echo "jpeg-shim-valgrind: $# files" >&2
valgrind --error-exitcode=1 --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes -q "$out/harness" "$@"
