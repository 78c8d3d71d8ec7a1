#ifndef CKERNELS_H
#define CKERNELS_H

// The resampler's innermost loops, with a vector version picked at run time by what the CPU offers (AVX2 with
// FMA on x86-64) and a portable one that any C compiler vectorizes as it can. No library calls, no longjmp, no
// allocation: plain arithmetic on memory the caller owns for the duration of the call.

#include <stddef.h>
#include <stdint.h>

/// Which version of the kernels runs: 0 portable, 1 AVX2 with FMA.
int CKernels_level(void);

/// acc[i] = Σₖ rows[k][i] · weights[k], k = 0 … taps − 1 in order, for i < length; taps ≥ 1, length a multiple
/// of 16. `level` is a value of `CKernels_level()` or lower.
void CKernels_vsum(const float *const *rows, const float *weights, int taps, float *acc, size_t length, int level);

/// dst[i] = src[i] as a float, for i < count.
void CKernels_widen(const uint8_t *src, float *dst, size_t count, int level);

#endif
