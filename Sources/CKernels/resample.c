#include "CKernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define CKERNELS_X86 1
#endif

// MARK: - Portable

static void vsum_portable(const uint8_t *const *rows, const float *weights, int taps, float *acc, size_t length) {
    const float w0 = weights[0];
    const uint8_t *r0 = rows[0];
    for (size_t i = 0; i < length; i++) acc[i] = (float)r0[i] * w0;
    for (int k = 1; k < taps; k++) {
        const float w = weights[k];
        const uint8_t *r = rows[k];
        for (size_t i = 0; i < length; i++) acc[i] += (float)r[i] * w;
    }
}

/// v clamped to 0…255 and rounded to the nearest integer (ties to even). Adding 2²³ to a value in 0…255 leaves the
/// rounded integer in the significand's low bits, in the default rounding mode, without a library call.
static inline uint8_t sample(float v) {
    float c = v < 0 ? 0 : (v > 255 ? 255 : v);
    union { float f; uint32_t u; } bits = { .f = c + 8388608.0f };
    return (uint8_t)bits.u;
}

static void hfilter_rgb_portable(const float *row, int32_t first, const int32_t *starts, const int32_t *counts,
                                 const float *weights, size_t stride, size_t width, uint8_t *dst, ptrdiff_t pixelStep) {
    for (size_t x = 0; x < width; x++) {
        const float *p = row + (size_t)(starts[x] - first) * 3;
        const float *w = weights + x * stride;
        float r = 0, g = 0, b = 0;
        for (int32_t k = 0; k < counts[x]; k++, p += 3) {
            r += p[0] * w[k];
            g += p[1] * w[k];
            b += p[2] * w[k];
        }
        uint8_t *out = dst + (ptrdiff_t)x * pixelStep;
        out[0] = sample(r);
        out[1] = sample(g);
        out[2] = sample(b);
    }
}

// MARK: - AVX2 with FMA

#ifdef CKERNELS_X86
// Eight samples of a byte row as floats: one 8-byte load, widened to 32-bit integers, converted.
#define CKERNELS_LOAD8(r) _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)(const void *)(r))))

// Sixty-four samples per pass keep eight independent multiply-add chains in flight (two FMA units, four cycles
// each); the tail runs sixteen at a time. The rows stay bytes until they are in registers: a window of 24 rows
// of a 5856-pixel RGB image is 420 KB as bytes, within one core's L2, and 1.7 MB as floats, which is not.
__attribute__((target("avx2,fma")))
static void vsum_avx2(const uint8_t *const *rows, const float *weights, int taps, float *acc, size_t length) {
    size_t i = 0;
    for (; i + 64 <= length; i += 64) {
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int k = 0; k < taps; k++) {
            const __m256 w = _mm256_broadcast_ss(weights + k);
            const uint8_t *r = rows[k] + i;
            a0 = _mm256_fmadd_ps(CKERNELS_LOAD8(r), w, a0);
            a1 = _mm256_fmadd_ps(CKERNELS_LOAD8(r + 8), w, a1);
            a2 = _mm256_fmadd_ps(CKERNELS_LOAD8(r + 16), w, a2);
            a3 = _mm256_fmadd_ps(CKERNELS_LOAD8(r + 24), w, a3);
            a4 = _mm256_fmadd_ps(CKERNELS_LOAD8(r + 32), w, a4);
            a5 = _mm256_fmadd_ps(CKERNELS_LOAD8(r + 40), w, a5);
            a6 = _mm256_fmadd_ps(CKERNELS_LOAD8(r + 48), w, a6);
            a7 = _mm256_fmadd_ps(CKERNELS_LOAD8(r + 56), w, a7);
        }
        _mm256_storeu_ps(acc + i, a0);
        _mm256_storeu_ps(acc + i + 8, a1);
        _mm256_storeu_ps(acc + i + 16, a2);
        _mm256_storeu_ps(acc + i + 24, a3);
        _mm256_storeu_ps(acc + i + 32, a4);
        _mm256_storeu_ps(acc + i + 40, a5);
        _mm256_storeu_ps(acc + i + 48, a6);
        _mm256_storeu_ps(acc + i + 56, a7);
    }
    for (; i < length; i += 16) {
        __m256 a0 = _mm256_setzero_ps(), a1 = a0;
        for (int k = 0; k < taps; k++) {
            const __m256 w = _mm256_broadcast_ss(weights + k);
            const uint8_t *r = rows[k] + i;
            a0 = _mm256_fmadd_ps(CKERNELS_LOAD8(r), w, a0);
            a1 = _mm256_fmadd_ps(CKERNELS_LOAD8(r + 8), w, a1);
        }
        _mm256_storeu_ps(acc + i, a0);
        _mm256_storeu_ps(acc + i + 8, a1);
    }
}

// [w[0] w[0] w[0] w[1] w[1] w[1] 0 0]: one 8-byte load (the upper half zeroed) spread by `spread`.
__attribute__((target("avx2")))
static inline __m256 pair(const float *w, __m256i spread) {
    return _mm256_permutevar8x32_ps(_mm256_castps128_ps256(_mm_castpd_ps(_mm_load_sd((const double *)(const void *)w))), spread);
}

// Two taps a register: the 8 floats from a tap's red hold its RGB and the next tap's (lanes 0-2, 3-5); lanes 6-7,
// the tap after, are weighted by 0. Weights [w0 w0 w0 w1 w1 w1 0 0] come from one 8-byte load and a permute. Four
// accumulators take the pairs in turn, so consecutive multiply-adds do not wait on each other; lanes 3-5 are
// folded onto 0-2 at the end.
__attribute__((target("avx2,fma")))
static void hfilter_rgb_avx2(const float *row, int32_t first, const int32_t *starts, const int32_t *counts,
                             const float *weights, size_t stride, size_t width, uint8_t *dst, ptrdiff_t pixelStep) {
    const __m256i spread = _mm256_setr_epi32(0, 0, 0, 1, 1, 1, 2, 2);  // lanes 6-7 read the zeroed third weight
    const __m256i fold = _mm256_setr_epi32(3, 4, 5, 3, 3, 3, 3, 3);
    const __m128 zero = _mm_setzero_ps(), top = _mm_set1_ps(255.0f);
    for (size_t x = 0; x < width; x++) {
        const float *p = row + (size_t)(starts[x] - first) * 3;
        const float *w = weights + x * stride;
        const int32_t taps = counts[x];
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        int32_t k = 0;
        for (; k + 8 <= taps; k += 8, p += 24) {
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(p), pair(w + k, spread), a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 6), pair(w + k + 2, spread), a1);
            a2 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 12), pair(w + k + 4, spread), a2);
            a3 = _mm256_fmadd_ps(_mm256_loadu_ps(p + 18), pair(w + k + 6, spread), a3);
        }
        for (; k + 2 <= taps; k += 2, p += 6) {
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(p), pair(w + k, spread), a0);
            __m256 t = a0; a0 = a1; a1 = a2; a2 = t;  // the next pair goes to another chain
        }
        if (k < taps) {
            __m256 w0 = _mm256_permutevar8x32_ps(_mm256_castps128_ps256(_mm_load_ss(w + k)), spread);
            a3 = _mm256_fmadd_ps(_mm256_loadu_ps(p), w0, a3);
        }
        __m256 a = _mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3));
        __m128 sum = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_castps256_ps128(_mm256_permutevar8x32_ps(a, fold)));
        __m128i rounded = _mm_cvtps_epi32(_mm_min_ps(_mm_max_ps(sum, zero), top));
        uint8_t *out = dst + (ptrdiff_t)x * pixelStep;
        out[0] = (uint8_t)_mm_cvtsi128_si32(rounded);
        out[1] = (uint8_t)_mm_extract_epi32(rounded, 1);
        out[2] = (uint8_t)_mm_extract_epi32(rounded, 2);
    }
}
#endif

// MARK: - Dispatch

int CKernels_level(void) {
#ifdef CKERNELS_X86
    static int level = -1;  // racing first calls store the same value
    int known = __atomic_load_n(&level, __ATOMIC_RELAXED);
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 1 : 0;
        __atomic_store_n(&level, known, __ATOMIC_RELAXED);
    }
    return known;
#else
    return 0;
#endif
}

void CKernels_vsum(const uint8_t *const *rows, const float *weights, int taps, float *acc, size_t length, int level) {
#ifdef CKERNELS_X86
    if (level >= 1) { vsum_avx2(rows, weights, taps, acc, length); return; }
#endif
    (void)level;
    vsum_portable(rows, weights, taps, acc, length);
}

void CKernels_hfilter_rgb(const float *row, int32_t first, const int32_t *starts, const int32_t *counts,
                          const float *weights, size_t stride, size_t width, uint8_t *dst, ptrdiff_t pixelStep,
                          int level) {
#ifdef CKERNELS_X86
    if (level >= 1) { hfilter_rgb_avx2(row, first, starts, counts, weights, stride, width, dst, pixelStep); return; }
#endif
    (void)level;
    hfilter_rgb_portable(row, first, starts, counts, weights, stride, width, dst, pixelStep);
}
