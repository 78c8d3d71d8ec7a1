#!/usr/bin/env bash
# Issue 3's corpus walk: every corpus image (and every sample and saved hostile input) through `imageprep info`
# (one process, all files) and `imageprep convert` (one process per file, to PNG; every 8th file also to JPEG),
# with imageprep built under AddressSanitizer + LeakSanitizer; then a subset under valgrind memcheck through
# scripts/valgrind-codecs.sh. Fails on any sanitizer/valgrind report or crash. Exit status 1 from imageprep (a file was
# refused: a reject file) is expected and counted, not a failure.
# Usage: bash scripts/memcheck-corpus.sh [VALGRIND_SUBSET_SIZE, default 40]
# Corpora: $IMAGEPREP_CORPORA, else ../shared/corpora.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"
corpora="${IMAGEPREP_CORPORA:-$root/../shared/corpora}"
subset="${1:-40}"
export LSAN_OPTIONS="suppressions=$root/scripts/lsan-suppressions.txt:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:exitcode=86"
asan_status=86
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT

swift build --product imageprep --sanitize=address --scratch-path .build-asan 2>&1 | grep -v "^\[" | tail -1
bin="$(swift build --product imageprep --sanitize=address --scratch-path .build-asan --show-bin-path)/imageprep"
mapfile -t files < <({ find samples Tests/FuzzRegressions -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \)
                       [[ -d "$corpora" ]] && find "$corpora" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \); } | sort)
echo "memcheck-corpus: ${#files[@]} files ($corpora, samples/, Tests/FuzzRegressions/)"

check() {  # check STATUS WHAT: 0/1 are outcomes; anything else (ASan's 86, a signal) is a failure
    if (($1 > 1)); then echo "FAIL ($1): $2" >&2; exit 1; fi
}

status=0; "$bin" info --json "${files[@]}" > "$out/info.json" 2> "$out/info.err" || status=$?
check $status "imageprep info over ${#files[@]} files (see stderr above)"
echo "info: ${#files[@]} files in one process, exit $status, $(grep -c '"format"' "$out/info.json" || true) described"

ok=0; refused=0; jpegs=0; i=0
for f in "${files[@]}"; do
    status=0; "$bin" convert "$f" "$out/o.png" 2> "$out/err" || status=$?
    [[ $status -gt 1 ]] && cat "$out/err" >&2
    check $status "imageprep convert $f out.png"
    ((status == 0)) && ok=$((ok + 1)) || refused=$((refused + 1))
    if ((i % 8 == 0)); then
        status=0; "$bin" convert "$f" "$out/o.jpg" --quality 80 2> "$out/err" || status=$?
        [[ $status -gt 1 ]] && cat "$out/err" >&2
        check $status "imageprep convert $f out.jpg"; jpegs=$((jpegs + 1))
    fi
    i=$((i + 1))
done
echo "convert: ${#files[@]} files to PNG ($ok written, $refused refused with a typed error), $jpegs also to JPEG; ASan/LSan clean"

# valgrind: valgrind 3.19 cannot read the DWARF 5 debug info of a default Swift build ("Possibly corrupted
# debuginfo file"), so the subset goes through scripts/valgrind-codecs.sh: the same decode/encode calls as info and
# convert, in a small harness built with DWARF 4 (no concurrency, no server dependencies).
step=$(( (${#files[@]} + subset - 1) / subset )); picked=()
for ((k = 0; k < ${#files[@]}; k += step)); do picked+=("${files[$k]}"); done
bash scripts/valgrind-codecs.sh "${picked[@]}"
echo "valgrind: ${#picked[@]} files through the codec harness: no errors, no definite leaks"
