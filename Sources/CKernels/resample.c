#include "CKernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define CKERNELS_X86 1
#endif

// MARK: - Portable

static void vsum_portable(const float *const *rows, const float *weights, int taps, float *acc, size_t length) {
    const float w0 = weights[0];
    const float *r0 = rows[0];
    for (size_t i = 0; i < length; i++) acc[i] = r0[i] * w0;
    for (int k = 1; k < taps; k++) {
        const float w = weights[k];
        const float *r = rows[k];
        for (size_t i = 0; i < length; i++) acc[i] += r[i] * w;
    }
}

static void widen_portable(const uint8_t *src, float *dst, size_t count) {
    for (size_t i = 0; i < count; i++) dst[i] = (float)src[i];
}

// MARK: - AVX2 with FMA

#ifdef CKERNELS_X86
// Sixty-four samples per pass keep eight independent multiply-add chains in flight (two FMA units, four cycles
// each); the tail runs sixteen at a time.
__attribute__((target("avx2,fma")))
static void vsum_avx2(const float *const *rows, const float *weights, int taps, float *acc, size_t length) {
    size_t i = 0;
    for (; i + 64 <= length; i += 64) {
        __m256 w = _mm256_broadcast_ss(weights);
        const float *r = rows[0] + i;
        __m256 a0 = _mm256_mul_ps(_mm256_loadu_ps(r), w), a1 = _mm256_mul_ps(_mm256_loadu_ps(r + 8), w);
        __m256 a2 = _mm256_mul_ps(_mm256_loadu_ps(r + 16), w), a3 = _mm256_mul_ps(_mm256_loadu_ps(r + 24), w);
        __m256 a4 = _mm256_mul_ps(_mm256_loadu_ps(r + 32), w), a5 = _mm256_mul_ps(_mm256_loadu_ps(r + 40), w);
        __m256 a6 = _mm256_mul_ps(_mm256_loadu_ps(r + 48), w), a7 = _mm256_mul_ps(_mm256_loadu_ps(r + 56), w);
        for (int k = 1; k < taps; k++) {
            w = _mm256_broadcast_ss(weights + k);
            r = rows[k] + i;
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(r), w, a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(r + 8), w, a1);
            a2 = _mm256_fmadd_ps(_mm256_loadu_ps(r + 16), w, a2);
            a3 = _mm256_fmadd_ps(_mm256_loadu_ps(r + 24), w, a3);
            a4 = _mm256_fmadd_ps(_mm256_loadu_ps(r + 32), w, a4);
            a5 = _mm256_fmadd_ps(_mm256_loadu_ps(r + 40), w, a5);
            a6 = _mm256_fmadd_ps(_mm256_loadu_ps(r + 48), w, a6);
            a7 = _mm256_fmadd_ps(_mm256_loadu_ps(r + 56), w, a7);
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
        __m256 w = _mm256_broadcast_ss(weights);
        const float *r = rows[0] + i;
        __m256 a0 = _mm256_mul_ps(_mm256_loadu_ps(r), w), a1 = _mm256_mul_ps(_mm256_loadu_ps(r + 8), w);
        for (int k = 1; k < taps; k++) {
            w = _mm256_broadcast_ss(weights + k);
            r = rows[k] + i;
            a0 = _mm256_fmadd_ps(_mm256_loadu_ps(r), w, a0);
            a1 = _mm256_fmadd_ps(_mm256_loadu_ps(r + 8), w, a1);
        }
        _mm256_storeu_ps(acc + i, a0);
        _mm256_storeu_ps(acc + i + 8, a1);
    }
}

__attribute__((target("avx2")))
static void widen_avx2(const uint8_t *src, float *dst, size_t count) {
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m128i bytes = _mm_loadl_epi64((const __m128i *)(const void *)(src + i));
        _mm256_storeu_ps(dst + i, _mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(bytes)));
    }
    for (; i < count; i++) dst[i] = (float)src[i];
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

void CKernels_vsum(const float *const *rows, const float *weights, int taps, float *acc, size_t length, int level) {
#ifdef CKERNELS_X86
    if (level >= 1) { vsum_avx2(rows, weights, taps, acc, length); return; }
#endif
    (void)level;
    vsum_portable(rows, weights, taps, acc, length);
}

void CKernels_widen(const uint8_t *src, float *dst, size_t count, int level) {
#ifdef CKERNELS_X86
    if (level >= 1) { widen_avx2(src, dst, count); return; }
#endif
    (void)level;
    widen_portable(src, dst, count);
}
