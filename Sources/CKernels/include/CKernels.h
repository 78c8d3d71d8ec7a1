#ifndef CKERNELS_H
#define CKERNELS_H

// The resampler's innermost loops, with a vector version picked at run time by what the CPU offers (AVX2 with
// FMA on x86-64) and a portable one that any C compiler vectorizes as it can. No library calls, no longjmp, no
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

#endif
