#!/usr/bin/env bash
# Builds the DocC documentation of every public module (swift-docc-plugin) and fails on any DocC warning
# (a broken symbol link, a missing snippet, …). Archives land in .build/plugins/Swift-DocC/outputs/.
# Usage: bash scripts/docs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

targets=(ImageCore SystemIO ImageCodecs ImageMasks ImageRules ImagePrep ImageAPI ImageSandbox ImageFidelity ImageBatch)
args=()
for t in "${targets[@]}"; do args+=(--target "$t"); done
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift package generate-documentation "${args[@]}" 2>&1 | tee "$log" | grep -E "^(Finished|Generated|error|warning)" || true
# SwiftPM's own note about snippets that are also executable targets (so they compile in every build) is not a
# documentation problem; anything else DocC warns about is.
problems=$(grep -E "warning:|error:" "$log" | grep -v "ignoring duplicate product" | grep -v "unhandled; explicitly declare them" || true)
if [[ -n "$problems" ]]; then
    echo "$problems" >&2
    echo "docs: $(echo "$problems" | wc -l) DocC problem(s)" >&2
    exit 1
fi
echo "docs: ${#targets[@]} catalogs built without warnings"
