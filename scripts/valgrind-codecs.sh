#!/usr/bin/env bash
# Runs the JPEG/PNG/WebP codecs over corpus files under valgrind: builds scripts/valgrind-harness.swift as a plain
# executable (a throwaway package in a temporary folder that depends on this package), DWARF 4 so that
# valgrind 3.19 can read the debug info, then
#   valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite codec-harness FILES...
# Usage: scripts/valgrind-codecs.sh [FILE...]
#   With no files: every reject / decode-with-warning JPEG, PNG and WebP row of the corpora's manifests, plus
#   every `decode` one under 64 kB, plus Tests/FuzzRegressions' image files (the bombs).
# The harness package and the log live in a fresh mktemp -d folder (parallel runs cannot clobber each other);
# the build is cached in .build-valgrind. Corpora: $IMAGEPREP_CORPORA, else ../shared/corpora.
# Exit status: valgrind's (1 when it found an error or a definite leak).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpora="${IMAGEPREP_CORPORA:-$root/../shared/corpora}"
work="$(mktemp -d "${TMPDIR:-/tmp}/imageprep-valgrind.XXXXXX")"
mkdir -p "$work/harness"
cp "$root/scripts/valgrind-harness.swift" "$work/harness/main.swift"
cat > "$work/harness/Package.swift" <<SWIFT
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "ValgrindHarness",
    dependencies: [.package(path: "$root")],
    targets: [.executableTarget(name: "codec-harness", dependencies: [.product(name: "ImagePrep", package: "$(basename "$root")")], path: ".", sources: ["main.swift"])]
)
SWIFT
swift build --package-path "$work/harness" --scratch-path "$root/.build-valgrind" -Xswiftc -g -Xswiftc -dwarf-version=4 -Xcc -gdwarf-4 >&2

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
    while IFS=$'\t' read -r set file bytes expectation; do
        files+=("$corpora/$set/$file")
    done < <(for m in "$corpora"/*/MANIFEST.tsv; do
        set=$(basename "$(dirname "$m")")
        awk -F'\t' -v set="$set" 'NR > 1 && tolower($1) ~ /\.(png|webp|jpe?g)$/ && ($6 != "decode" || $2 < 65536) { print set "\t" $1 "\t" $2 "\t" $6 }' "$m"
    done)
    while IFS= read -r f; do files+=("$f"); done < <(find "$root/Tests/FuzzRegressions" -type f \( -name '*.png' -o -name '*.jpg' -o -name '*.webp' \) | sort)
fi
echo "valgrind over ${#files[@]} files" >&2
status=0
valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --log-file="$work/valgrind.log" \
    "$root/.build-valgrind/debug/codec-harness" "${files[@]}" || status=$?
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost" "$work/valgrind.log" >&2 || true
echo "full log: $work/valgrind.log" >&2
exit $status
