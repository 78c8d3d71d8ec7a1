#ifndef CKERNELS_H
#define CKERNELS_H

// The resampler's innermost loops and the conversion of a JPEG's planes to RGB rows, with a vector version
// picked at run time by what the CPU offers (AVX2 with FMA on x86-64) and a portable one that any C compiler
// vectorizes as it can. No library calls, no longjmp, no
// allocation: plain arithmetic on memory the caller owns for the duration of the call.

#include <stddef.h>
#include <stdint.h>

/// Which version of the kernels runs: 0 portable, 1 AVX2 with FMA.
int CKernels_level(void);

/// acc[i] = Σₖ rows[k][i] · weights[k], k = 0 … taps − 1, for i < length: the vertical pass over 8-bit rows,
/// summed in float. taps ≥ 1; length a multiple of 16 (each row readable that far). `level` is a value of
/// `CKernels_level()` or lower.
void CKernels_vsum(const uint8_t *const *rows, const float *weights, int taps, float *acc, size_t length, int level);

/// The horizontal pass over one row of RGB floats (`row`, three a pixel, its first pixel being source column
/// `first`): output pixel x is Σₖ row[3(starts[x] − first + k) + c] · weights[x · stride + k], k < counts[x], for
/// each channel c, clamped to 0…255, rounded to the nearest integer (ties to even) and stored at
/// dst[x · pixelStep + c], for x < width. The row must stay readable 8 floats past its last tap, and finite there
/// (the vector version reads whole 8-float registers and weights the extra lanes by 0).
void CKernels_hfilter_rgb(const float *row, int32_t first, const int32_t *starts, const int32_t *counts,
                          const float *weights, size_t stride, size_t width, uint8_t *dst, ptrdiff_t pixelStep,
                          int level);

/// Elements of int16 scratch `CKernels_ycc_rgb_row` needs for rows of `width` pixels.
size_t CKernels_ycc_scratch(size_t width);

/// One RGB row (`width` pixels, 3 bytes each, into `dst`) from a JPEG's YCbCr planes, byte for byte as libjpeg's
/// fancy upsampling and YCbCr → RGB conversion make it. `y`: the row's `width` luma samples. `cb`, `cr`: the
/// chroma row nearest this row and `cbFar`, `crFar` the next nearest (the row above for the upper of the two
/// rows a chroma row spans, the one below for the lower; libjpeg repeats the first and last rows at the edges),
/// `chromaWidth` samples each (the far rows are read only when ySpan is 2). (xSpan, ySpan): how many pixels
/// one chroma sample spans, (1, 1) for 4:4:4, (2, 1) for 4:2:2, (2, 2) for 4:2:0. `scratch` holds
/// `CKernels_ycc_scratch(width)` elements.
void CKernels_ycc_rgb_row(const uint8_t *y, const uint8_t *cb, const uint8_t *cbFar, const uint8_t *cr,
                          const uint8_t *crFar, size_t chromaWidth, size_t width, int xSpan, int ySpan,
                          int16_t *scratch, uint8_t *dst, int level);

#endif
