#!/usr/bin/env bash
# libFuzzer + ASan straight on the GIF and TIFF C shims (gif_shim.c, tiff_shim.c), driven as GIFDecoder and
# TIFFDecoder drive them (1 MP limit). Builds in seconds with clang, unlike the whole-package fuzz build of
# scripts/fuzz.sh (targets heif, gif, tiff there run the Swift decoders too). giflib and libtiff themselves are
# Debian's uninstrumented builds: coverage counts the shim only, ASan still sees every access to our buffers.
# heif has no shim (HEIFDecoder calls libheif from Swift): scripts/heif_fuzz.c makes HEIFDecoder's libheif calls
# in the same order; libheif, libde265 and dav1d are uninstrumented too, so that target fuzzes their handling
# of the inputs under ASan's view of libc calls and our buffers.
# Extra libFuzzer flags: FUZZ_FLAGS; input cap FUZZ_MAX_LEN (default 65536). The whole output is appended to $out/<target>.log.
# jpeg fuzzes jpeg_shim.c's planes decode (start_planes/read_strip) and the C kernel that makes RGB rows of them
# (CKernels_ycc_rgb_row), which the Swift decoders' targets reach only through normalize; libjpeg-turbo is
# Debian's uninstrumented build.
# Usage: bash scripts/fuzz-shims.sh gif|tiff|heif|jpeg [SECONDS, default 120]
set -euo pipefail
cd "$(dirname "$0")/.."
t="$1"; seconds="${2:-120}"
out=".build-fuzz/shims"; mkdir -p "$out/corpus-$t" "$out/seeds-$t" "$out/crashes-$t"
cc="${CC:-/opt/swift/usr/bin/clang}"
flags=(-g -O1 -fsanitize=fuzzer,address -ISources/CImageShims/include -I/usr/include/x86_64-linux-gnu)
if [[ "$t" == heif ]]; then
    "$cc" "${flags[@]}" scripts/heif_fuzz.c -lheif -o "$out/fuzz-heif" 2>/dev/null
    find Tests/Corpus "${IMAGEPREP_CORPORA:-../shared/corpora}" \( -name '*.heic' -o -name '*.heif' -o -name '*.avif' -o -name '*.hif' \) \
        -size -64k -exec cp {} "$out/seeds-$t/" \; 2>/dev/null || true
elif [[ "$t" == jpeg ]]; then
    "$cc" "${flags[@]}" -DJPEG -ISources/CKernels/include scripts/shim_fuzz.c Sources/CImageShims/jpeg_shim.c \
        Sources/CKernels/ycc.c Sources/CKernels/resample.c -ljpeg -o "$out/fuzz-jpeg" 2>/dev/null
    find Tests/Corpus "${IMAGEPREP_CORPORA:-../shared/corpora}" \( -name '*.jpg' -o -name '*.jpeg' \) -size -64k \
        -exec cp {} "$out/seeds-$t/" \; 2>/dev/null || true
elif [[ "$t" == gif ]]; then
    "$cc" "${flags[@]}" -DGIF scripts/shim_fuzz.c Sources/CImageShims/gif_shim.c -lgif -o "$out/fuzz-gif" 2>/dev/null
    find Tests/Corpus "${IMAGEPREP_CORPORA:-../shared/corpora}" -name '*.gif' -exec cp {} "$out/seeds-$t/" \; 2>/dev/null || true
else
    "$cc" "${flags[@]}" scripts/shim_fuzz.c Sources/CImageShims/tiff_shim.c -ltiff -o "$out/fuzz-tiff" 2>/dev/null
    find Tests/Corpus "${IMAGEPREP_CORPORA:-../shared/corpora}" \( -name '*.tif' -o -name '*.tiff' \) -exec cp {} "$out/seeds-$t/" \; 2>/dev/null || true
fi
LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0" "$out/fuzz-$t" -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-65536}" -rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=10 \
    -print_final_stats=1 ${FUZZ_FLAGS:-} -artifact_prefix="$out/crashes-$t/" "$out/corpus-$t" "$out/seeds-$t" 2>&1 |
    tee -a "$out/$t.log" | grep -E "^(stat::number_of_executed_units|==|SUMMARY)|ERROR|Done" | tail -4
