#!/usr/bin/env bash
# Checks that a built `imageprep` needs only the runtime libraries in deploy/runtime-libs.txt: run with
# LD_LIBRARY_PATH emptied (so nothing from the Swift toolchain or the build folder is found by accident), every
# library `ldd` lists must resolve and be on the list, and no Swift runtime library may appear (the release
# binary links the standard library and Foundation statically); then a HEIC is read, since libheif is loaded
# with dlopen on first use and ldd cannot see it.
# Usage: bash scripts/check-runtime.sh [BINARY]   (default .build/release/imageprep)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/release/imageprep}
list=deploy/runtime-libs.txt
[[ -x "$binary" ]] || { echo "check-runtime: $binary is not built (bash scripts/package.sh)" >&2; exit 1; }
allowed=$(grep -v '^#' "$list" | awk 'NF {print $1}')
out=$(env -u LD_LIBRARY_PATH LD_LIBRARY_PATH= ldd "$binary")
problems=0
while read -r line; do
    soname=$(echo "$line" | awk '{print $1}')
    [[ -z "$soname" ]] && continue
    case "$soname" in linux-vdso.so.*|/lib*/ld-linux*|/lib64/ld-linux*) continue ;; esac
    if [[ "$line" == *"not found"* ]]; then echo "check-runtime: $soname not found" >&2; problems=$((problems + 1)); continue; fi
    if [[ "$soname" == libswift* || "$soname" == libFoundation* || "$soname" == lib_FoundationICU* || "$soname" == libdispatch* || "$soname" == libBlocksRuntime* ]]; then
        echo "check-runtime: $soname is a Swift runtime library (build with --static-swift-stdlib)" >&2; problems=$((problems + 1)); continue
    fi
    if ! grep -qxF "$soname" <<<"$allowed"; then echo "check-runtime: $soname is not in $list" >&2; problems=$((problems + 1)); fi
done <<<"$out"
# libheif is opened with dlopen the first time a HEIF/AVIF is read, so ldd does not list it: read one.
heic=Tests/Corpus/heif-tests/zPug_3.heic
if ! env -i "$binary" info "$heic" >/dev/null; then
    echo "check-runtime: $binary cannot read $heic (is libheif.so.1 installed?)" >&2; problems=$((problems + 1))
fi
if (( problems > 0 )); then echo "check-runtime: $problems problem(s) in $binary" >&2; exit 1; fi
echo "check-runtime: $binary needs only the $(wc -l <<<"$allowed") libraries of $list ($(grep -c '=>' <<<"$out") resolved, LD_LIBRARY_PATH empty)"
