#!/usr/bin/env bash
# Sanitized runs over hostile input.
#   bash scripts/sanitize.sh --quick   (CI, every run; a few minutes) builds ImagePrepFuzz in replay mode under
#       AddressSanitizer (+LeakSanitizer) in .build-asan and replays every corpus image, every sample and every
#       saved regression through the fuzz targets (see replay() below). Any ASan/LSan report or crash fails.
#   bash scripts/sanitize.sh           (full) also (a) runs the whole test suite under ASan+LSan and (b) walks the
#       corpus's codec path under valgrind memcheck (scripts/valgrind-codecs.sh: errors or definite leaks fail).
# Corpora: the repository's Tests/Corpus always; the shared corpora too when present ($IMAGEPREP_CORPORA, else
# ../shared/corpora; a missing path hides them, as on a fresh clone).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"
corpora="${IMAGEPREP_CORPORA:-$root/../shared/corpora}"
export LSAN_OPTIONS="suppressions=$root/scripts/lsan-suppressions.txt:print_suppressions=0"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:exitcode=86"
mode="${1:-full}"

replay() {  # Replays inputs through targets with the ASan build; fails on the first sanitizer report.
    swift build --product ImagePrepFuzz --sanitize=address --scratch-path .build-asan 2>&1 | grep -v "^\[" | tail -2
    local bin; bin="$(swift build --product ImagePrepFuzz --sanitize=address --scratch-path .build-asan --show-bin-path)/ImagePrepFuzz"
    local list; list="$(mktemp)"; trap 'rm -f "$list"' RETURN
    local roots=(samples Tests/Corpus)
    if [[ -d "$corpora" ]]; then roots+=("$corpora"); else echo "sanitize: $corpora absent: replaying samples, Tests/Corpus and regressions" >&2; fi
    find "${roots[@]}" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \
        -o -iname '*.heic' -o -iname '*.heif' -o -iname '*.hif' -o -iname '*.avif' -o -iname '*.gif' -o -iname '*.tif' -o -iname '*.tiff' \) | sort > "$list"
    local images; images=$(wc -l < "$list")
    # jpeg/png/webp/heif/gif/tiff run the same sniff+decode code (they differ only in their seeds): one pass covers them.
    # The harness's fuzz limits apply (1 MP decode, 4 MP normalize): larger files are refused at the header.
    for target in info jpeg; do
        xargs -d '\n' -n 64 "$bin" "$target" < "$list" > /dev/null
    done
    # normalize (resample + encode, slow in a debug build) over the files under 128 KiB.
    local small; small=$(xargs -d '\n' -I{} find {} -size -128k < "$list" | tee "$list.small" | wc -l)
    xargs -d '\n' -n 64 "$bin" normalize < "$list.small" > /dev/null; rm -f "$list.small"
    local masks; mapfile -t masks < <(find Tests/ImageMasksTests/Fixtures -type f -not -name '*.py' | sort)
    for target in maskjson coco labelme geojson svg cvat; do "$bin" "$target" "${masks[@]}" > /dev/null; done
    local jsons; mapfile -t jsons < <(find samples Tests Fuzz/Seeds -name '*.json' -not -path '*/FuzzRegressions/*' | sort)
    "$bin" bundle "${jsons[@]}" > /dev/null
    local regressions=0
    for dir in Tests/FuzzRegressions/*/; do
        local target; target="$(basename "$dir")"
        mapfile -t files < <(find "$dir" -type f | sort)
        ((${#files[@]})) || continue
        "$bin" "$target" "${files[@]}" > /dev/null
        regressions=$((regressions + ${#files[@]}))
    done
    echo "sanitize: ASan replay clean: $images images x (info, decode), $small x normalize, ${#masks[@]} mask fixtures x 6 importer targets, ${#jsons[@]} JSON files x bundle, $regressions regressions"
}

replay
[[ "$mode" == --quick ]] && exit 0

echo "== (a) test suite under AddressSanitizer + LeakSanitizer"
swift test --scratch-path .build-asan --sanitize=address 2>&1 | grep -E "^✘|Test run with|Sanitizer" | tail -20

echo "== (b) codec path over the corpus under valgrind memcheck"
bash scripts/valgrind-codecs.sh
echo "sanitize: all clean"
