#!/usr/bin/env bash
# Runs the PNG/WebP codecs over corpus files under valgrind: builds scripts/valgrind-harness.swift as a plain
# executable (a throwaway package in a temporary folder that depends on this package), DWARF 4 so that
# valgrind 3.19 can read the debug info, then
#   valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite codec-harness FILES...
# Usage: scripts/valgrind-codecs.sh [FILE...]
#   With no files: every reject / decode-with-warning PNG and WebP row of the corpora's manifests, plus every
#   `decode` PNG/WebP under 64 kB. Corpora: $IMAGEPREP_CORPORA, else ../shared/corpora.
# Exit status: valgrind's (1 when it found an error or a definite leak).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpora="${IMAGEPREP_CORPORA:-$root/../shared/corpora}"
# One work folder per checkout (worktrees of the same repository must not share a harness).
work="${TMPDIR:-/tmp}/imageprep-valgrind-$(id -u)-$(printf %s "$root" | md5sum | cut -c1-12)"
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
swift build --package-path "$work/harness" --scratch-path "$work/build" -Xswiftc -g -Xswiftc -dwarf-version=4 -Xcc -gdwarf-4 >&2

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
    while IFS=$'\t' read -r set file bytes expectation; do
        files+=("$corpora/$set/$file")
    done < <(for m in "$corpora"/*/MANIFEST.tsv; do
        set=$(basename "$(dirname "$m")")
        awk -F'\t' -v set="$set" 'NR > 1 && tolower($1) ~ /\.(png|webp)$/ && ($6 != "decode" || $2 < 65536) { print set "\t" $1 "\t" $2 "\t" $6 }' "$m"
    done)
fi
echo "valgrind over ${#files[@]} files" >&2
valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --log-file="$work/valgrind.log" \
    "$work/build/debug/codec-harness" "${files[@]}"
status=$?
grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost" "$work/valgrind.log" >&2 || true
echo "full log: $work/valgrind.log" >&2
exit $status
