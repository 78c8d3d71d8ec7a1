#!/usr/bin/env bash
# Builds the libFuzzer + AddressSanitizer fuzz binary and runs one or all targets.
# Usage: bash scripts/fuzz.sh [TARGET|all] [SECONDS per target, default 60]
# Seeds (copied into .build-fuzz/seeds/<target>/, files under 1 MiB; `-size -1M` would mean empty files): $IMAGEPREP_CORPORA or ../shared/corpora
# (when present), samples/, the test fixtures under Tests/ and Tests/FuzzRegressions/<target>/.
# libFuzzer writes new inputs into the FIRST corpus folder it is given: that is always .build-fuzz/corpus/<target>
# (kept between runs), never samples/ or the shared corpora. Crashes go to .build-fuzz/crashes/<target>/; minimize
# with `IMAGEPREP_FUZZ_TARGET=T .build-fuzz/release/ImagePrepFuzz -minimize_crash=1 -runs=10000 FILE` and copy
# the reproducer into Tests/FuzzRegressions/<target>/. Extra libFuzzer flags: FUZZ_FLAGS="-jobs=… …"; inputs are
# capped at FUZZ_MAX_LEN bytes (default 65536: longer seeds are truncated, which still exercises the truncated-data paths).
# Each run's whole libFuzzer output is appended to .build-fuzz/logs/<target>.log; `bash scripts/fuzz-totals.sh`
# sums the executions recorded there.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
target="${1:-all}"
seconds="${2:-60}"

swift build -c release --product ImagePrepFuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xcc -fsanitize=fuzzer-no-link,address \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld 2>&1 | grep -v "Cannot export local symbol" | tail -3
bin=".build-fuzz/release/ImagePrepFuzz"
corpora="${IMAGEPREP_CORPORA:-../shared/corpora}"

seed_dir() {  # seed_dir TARGET -> prints a folder of seed files
    local t="$1" dir=".build-fuzz/seeds/$1"
    rm -rf "$dir"; mkdir -p "$dir"
    local pattern=""
    case "$t" in
        jpeg) pattern='*.jpg *.jpeg' ;;
        png) pattern='*.png' ;;
        webp) pattern='*.webp' ;;
        heif) pattern='*.heic *.heif *.hif *.avif' ;;
        gif) pattern='*.gif' ;;
        tiff) pattern='*.tif *.tiff' ;;
        info|normalize) pattern='*.jpg *.jpeg *.png *.webp *.heic *.heif *.avif *.gif *.tif *.tiff' ;;
        bundle) pattern='*.json' ;;
        # Mask importers sniff the content, so every target gets every fixture (own JSON, COCO, LabelMe,
        # GeoJSON, SVG, path data, CVAT XML and the hostile ones); the name picks which format the logs mean.
        maskjson|coco|labelme|geojson|svg|cvat)
            find Tests/ImageMasksTests/Fixtures -type f -not -name '*.py' -exec cp {} "$dir/" \;
            pattern='' ;;
        *) pattern="*.$t" ;;
    esac
    for p in $pattern; do
        # Copies named by content hash: same-named files from different folders all survive.
        find samples "$corpora" Tests -name "$p" -size -1024k -not -path '*/FuzzRegressions/*' -print0 2>/dev/null |
            while IFS= read -r -d '' f; do cp "$f" "$dir/$(sha1sum "$f" | cut -c1-16)-${f##*/}"; done
    done
    for d in "Tests/FuzzRegressions/$t" "Fuzz/Seeds/$t"; do
        [[ -d "$d" ]] && cp "$d"/* "$dir/" 2>/dev/null || true
    done
    echo "$dir"
}

run_target() {
    local t="$1" seeds work crashes
    seeds=$(seed_dir "$t")
    work=".build-fuzz/corpus/$t"; crashes=".build-fuzz/crashes/$t"
    mkdir -p "$work" "$crashes" .build-fuzz/logs
    echo "== fuzz $t for ${seconds}s (seeds: $(ls "$seeds" | wc -l))"
    IMAGEPREP_FUZZ_TARGET="$t" ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
        LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0" "$bin" \
        -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=10 -print_final_stats=1 \
        -max_len="${FUZZ_MAX_LEN:-65536}" ${FUZZ_FLAGS:-} -artifact_prefix="$crashes/" "$work" "$seeds" 2>&1 | tee -a ".build-fuzz/logs/$t.log" | grep -E "^(#|stat::number_of_executed_units|==|SUMMARY|Done)|ERROR" | tail -6
}

if [[ "$target" == all ]]; then
    for t in $("$bin" 2>/dev/null | sed -n 's/.*targets: \(.*\))/\1/p' | tr -d ','); do run_target "$t"; done
else
    run_target "$target"
fi
