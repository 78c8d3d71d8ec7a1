#!/usr/bin/env bash
# Peak memory on hostile input: runs every bomb (Tests/FuzzRegressions/*/bomb-*, plus the corpora's known
# decompression-DoS files) through `imageprep info` and `imageprep convert … out.png`, each in its own process
# under /usr/bin/time, and fails unless every peak RSS (getrusage ru_maxrss) is below 64 MB. Then makes a
# 50-megapixel valid photo (8660x5773 JPEG, vips upscale of bench/jpeg_6000x4000.jpg, in a temp folder) and
# reports the peak RSS of `imageprep normalize` on it (bounded by shrink-on-load: the JPEG is decoded at 1/2 or
# 1/4 scale, so the full 150 MB RGB frame never exists).
# Usage: bash scripts/bomb-rss.sh   (IMAGEPREP_BIN=path to use an existing imageprep; default: release build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"
corpora="${IMAGEPREP_CORPORA:-$root/../shared/corpora}"
limit_kb=$((64 * 1024))
if [[ -z "${IMAGEPREP_BIN:-}" ]]; then
    swift build -c release --product imageprep 2>&1 | grep -v "^\[" | tail -1
    IMAGEPREP_BIN="$(swift build -c release --product imageprep --show-bin-path)/imageprep"
fi
bin="$IMAGEPREP_BIN"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT

peak() {  # peak CMD... -> prints "KB EXIT"
    local status=0
    /usr/bin/time -f %M -o "$out/rss" "$@" > /dev/null 2> "$out/stderr" || status=$?
    echo "$(tail -1 "$out/rss") $status"
}

mapfile -t bombs < <(find Tests/FuzzRegressions \( -name 'bomb-*' -o -name 'oom-*' \) -type f | sort
                     for f in pillow-tests/png_decompression_dos.png libpng-contrib/testpngs/crashers/huge_zTXt_chunk.png \
                              libpng-contrib/testpngs/crashers/huge_iTXt_chunk.png libpng-contrib/testpngs/crashers/huge_IDAT.png; do
                         [[ -f "$corpora/$f" ]] && echo "$corpora/$f"
                     done)
failed=0
printf "%-62s %8s %12s %8s %12s\n" "bomb" "bytes" "info RSS" "exit" "convert RSS"
for f in "${bombs[@]}"; do
    read -r info_kb info_exit < <(peak "$bin" info "$f")
    read -r conv_kb conv_exit < <(peak "$bin" convert "$f" "$out/o.png")
    msg="$(head -c 120 "$out/stderr" | tr '\n' ' ')"
    printf "%-62s %8d %9.1f MB %8s %9.1f MB  %s\n" "${f#"$corpora/"}" "$(stat -c %s "$f")" "$(bc -l <<< "$info_kb/1024")" \
        "$info_exit/$conv_exit" "$(bc -l <<< "$conv_kb/1024")" "$msg"
    ((info_exit > 1 || conv_exit > 1)) && { echo "  crashed" >&2; failed=1; }
    ((info_kb >= limit_kb || conv_kb >= limit_kb)) && { echo "  over 64 MB" >&2; failed=1; }
done

big="$out/photo-8660x5773.jpg"
if [[ -f "$corpora/bench/jpeg_6000x4000.jpg" ]]; then
    vips resize "$corpora/bench/jpeg_6000x4000.jpg" "$big[Q=90]" 1.44333 --kernel lanczos3
    vipsheader "$big"
    read -r kb status < <(peak "$bin" normalize "$big" -o "$out/n.jpg")
    printf "50 MP normalize (%s, %d bytes): peak RSS %.1f MB, exit %s\n" "$(vipsheader "$big" | cut -d: -f2)" \
        "$(stat -c %s "$big")" "$(bc -l <<< "$kb/1024")" "$status"
    ((status == 0)) || { cat "$out/stderr" >&2; failed=1; }
    read -r kb status < <(peak "$bin" normalize "$big" -o "$out/n.jpg" --no-shrink-on-load)
    printf "50 MP normalize without shrink-on-load: peak RSS %.1f MB, exit %s\n" "$(bc -l <<< "$kb/1024")" "$status"
else
    echo "bench/jpeg_6000x4000.jpg absent: 50 MP normalize skipped" >&2
fi
((failed == 0)) && echo "bomb-rss: every bomb below 64 MB peak RSS"
exit $failed
