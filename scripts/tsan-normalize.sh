#!/usr/bin/env bash
# ThreadSanitizer over the concurrent pipeline: builds imageprep with --sanitize=thread (.build-tsan) and runs
# `imageprep normalize --jobs 2` over every decodable corpus image (manifest expectation decode or
# decode-with-warning) plus samples/, writing into a temp folder. Fails on any TSan report ("WARNING:
# ThreadSanitizer") or crash; per-file refusals (exit 1) are reported, not failures.
# Usage: bash scripts/tsan-normalize.sh [JOBS, default 2]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"
corpora="${IMAGEPREP_CORPORA:-$root/../shared/corpora}"
jobs="${1:-2}"
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
swift build --product imageprep --sanitize=thread --scratch-path .build-tsan 2>&1 | grep -v "^\[" | tail -1
bin="$(swift build --product imageprep --sanitize=thread --scratch-path .build-tsan --show-bin-path)/imageprep"

files=()
while IFS= read -r f; do files+=("$f"); done < <(
    find samples -maxdepth 1 -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) | sort
    for m in "$corpora"/*/MANIFEST.tsv; do
        [[ -f "$m" ]] || continue
        awk -F'\t' -v dir="$(dirname "$m")" 'NR > 1 && ($6 == "decode" || $6 == "decode-with-warning") && tolower($1) ~ /\.(jpe?g|png|webp)$/ { print dir "/" $1 }' "$m"
    done)
echo "tsan-normalize: ${#files[@]} files, --jobs $jobs"
export TSAN_OPTIONS="halt_on_error=0:exitcode=66:report_signal_unsafe=0"
status=0
"$bin" normalize --jobs "$jobs" -o "$out" "${files[@]}" > "$out/stdout" 2> "$out/stderr" || status=$?
races=$(grep -c "WARNING: ThreadSanitizer" "$out/stderr" || true)
written=$(find "$out" -maxdepth 1 -type f \( -name '*.jpg' -o -name '*.png' -o -name '*.webp' \) | wc -l)
echo "normalize exit $status, $written outputs written, ThreadSanitizer reports: $races"
if ((races > 0 || status > 1)); then
    grep -A30 "WARNING: ThreadSanitizer" "$out/stderr" | head -80 >&2
    exit 1
fi
grep -v "^$" "$out/stderr" | head -5 || true
echo "tsan-normalize: clean"
