#include "CKernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define CKERNELS_X86 1
#endif

// libjpeg's YCbCr → RGB in 16-bit fixed point (jdcolor.c, SCALEBITS 16): R = Y + (FIX(1.402)·Cr + ½) >> 16,
// G = Y + (−FIX(0.34414)·Cb − FIX(0.71414)·Cr + ½) >> 16, B = Y + (FIX(1.772)·Cb + ½) >> 16, Cb and Cr centred
// on 128, each result clamped to 0…255. Its fancy upsampling (jdsample.c) is a triangle filter: vertically
// 3·nearest + next nearest row, horizontally (3·this + neighbour) with biases that alternate between even and
// odd output columns, the edges repeating the last sample.

#define ONE_HALF 32768

static inline uint8_t clamp255(int v) { return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v); }

static inline void convert_pixel(int y, int cb, int cr, uint8_t *dst) {
    cb -= 128;
    cr -= 128;
    dst[0] = clamp255(y + ((91881 * cr + ONE_HALF) >> 16));
    dst[1] = clamp255(y + ((-22554 * cb - 46802 * cr + ONE_HALF) >> 16));
    dst[2] = clamp255(y + ((116130 * cb + ONE_HALF) >> 16));
}

// One chroma plane's row at full width, as int16, into `out` (`chromaWidth` samples, ×2 with xSpan 2).
// `sums` holds chromaWidth + 2 column sums: the edge columns repeated on either side. 4:2:2's horizontal-only
// filter, (3v + w + 1 or 2) >> 2, is the same sum scaled by 4: (12v + 4w + 4 or 8) >> 4.
#define UPSAMPLE_BODY                                                                                        \
    if (xSpan == 1) {                                                                                        \
        for (size_t k = 0; k < chromaWidth; k++) out[k] = near[k];                                           \
        return;                                                                                              \
    }                                                                                                        \
    if (ySpan == 2) {                                                                                        \
        for (size_t k = 0; k < chromaWidth; k++) sums[k + 1] = (int16_t)(near[k] * 3 + far[k]);             \
    } else {                                                                                                 \
        for (size_t k = 0; k < chromaWidth; k++) sums[k + 1] = (int16_t)(near[k] * 4);                       \
    }                                                                                                        \
    sums[0] = sums[1];                                                                                       \
    sums[chromaWidth + 1] = sums[chromaWidth];                                                               \
    const int even = ySpan == 2 ? 8 : 4, odd = ySpan == 2 ? 7 : 8;                                           \
    for (size_t k = 0; k < chromaWidth; k++) {                                                               \
        out[2 * k] = (int16_t)((sums[k + 1] * 3 + sums[k] + even) >> 4);                                     \
        out[2 * k + 1] = (int16_t)((sums[k + 1] * 3 + sums[k + 2] + odd) >> 4);                              \
    }

// MARK: - Portable

static void upsample_portable(const uint8_t *near, const uint8_t *far, size_t chromaWidth, int xSpan, int ySpan,
                              int16_t *sums, int16_t *out) {
    UPSAMPLE_BODY
}

// MARK: - AVX2

#ifdef CKERNELS_X86
__attribute__((target("avx2")))
static void upsample_avx2(const uint8_t *near, const uint8_t *far, size_t chromaWidth, int xSpan, int ySpan,
                          int16_t *sums, int16_t *out) {
    UPSAMPLE_BODY  // the same loops, vectorized by the compiler for AVX2
}

// 16 pixels a step in 16-bit lanes. (k·v + ½) >> 16 for |k| < 2¹⁵ is the product's high half plus the top bit of
// its low half; the factors above 2¹⁵ split off whole multiples of v (1.402 = 1 + 26345/2¹⁶, 1.772 = 2 − 14942/2¹⁶,
// −0.71414 = −1 + 18734/2¹⁶), and G's two products are summed in 32 bits (madd) before the shift, as libjpeg does.
__attribute__((target("avx2")))
static void convert_avx2(const uint8_t *y, const int16_t *cb, const int16_t *cr, size_t width, uint8_t *dst) {
    const __m256i centre = _mm256_set1_epi16(128), rk = _mm256_set1_epi16(26345), bk = _mm256_set1_epi16(-14942);
    const __m256i gk = _mm256_set1_epi32((int)((18734u << 16) | (uint16_t)-22554)), half = _mm256_set1_epi32(ONE_HALF);
    // Interleaving: byte i of R, G and B goes to bytes 3i, 3i + 1 and 3i + 2 of the 48 written.
    const __m128i r0 = _mm_setr_epi8(0, -1, -1, 1, -1, -1, 2, -1, -1, 3, -1, -1, 4, -1, -1, 5);
    const __m128i g0 = _mm_setr_epi8(-1, 0, -1, -1, 1, -1, -1, 2, -1, -1, 3, -1, -1, 4, -1, -1);
    const __m128i b0 = _mm_setr_epi8(-1, -1, 0, -1, -1, 1, -1, -1, 2, -1, -1, 3, -1, -1, 4, -1);
    const __m128i r1 = _mm_setr_epi8(-1, -1, 6, -1, -1, 7, -1, -1, 8, -1, -1, 9, -1, -1, 10, -1);
    const __m128i g1 = _mm_setr_epi8(5, -1, -1, 6, -1, -1, 7, -1, -1, 8, -1, -1, 9, -1, -1, 10);
    const __m128i b1 = _mm_setr_epi8(-1, 5, -1, -1, 6, -1, -1, 7, -1, -1, 8, -1, -1, 9, -1, -1);
    const __m128i r2 = _mm_setr_epi8(-1, 11, -1, -1, 12, -1, -1, 13, -1, -1, 14, -1, -1, 15, -1, -1);
    const __m128i g2 = _mm_setr_epi8(-1, -1, 11, -1, -1, 12, -1, -1, 13, -1, -1, 14, -1, -1, 15, -1);
    const __m128i b2 = _mm_setr_epi8(10, -1, -1, 11, -1, -1, 12, -1, -1, 13, -1, -1, 14, -1, -1, 15);
    size_t x = 0;
    for (; x + 16 <= width; x += 16) {
        __m256i luma = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)(y + x)));
        __m256i b = _mm256_sub_epi16(_mm256_loadu_si256((const __m256i *)(cb + x)), centre);
        __m256i r = _mm256_sub_epi16(_mm256_loadu_si256((const __m256i *)(cr + x)), centre);
        __m256i rt = _mm256_add_epi16(_mm256_mulhi_epi16(r, rk), _mm256_srli_epi16(_mm256_mullo_epi16(r, rk), 15));
        __m256i bt = _mm256_add_epi16(_mm256_mulhi_epi16(b, bk), _mm256_srli_epi16(_mm256_mullo_epi16(b, bk), 15));
        __m256i lo = _mm256_srai_epi32(_mm256_add_epi32(_mm256_madd_epi16(_mm256_unpacklo_epi16(b, r), gk), half), 16);
        __m256i hi = _mm256_srai_epi32(_mm256_add_epi32(_mm256_madd_epi16(_mm256_unpackhi_epi16(b, r), gk), half), 16);
        __m256i red = _mm256_add_epi16(_mm256_add_epi16(luma, r), rt);
        __m256i green = _mm256_sub_epi16(_mm256_add_epi16(luma, _mm256_packs_epi32(lo, hi)), r);
        __m256i blue = _mm256_add_epi16(_mm256_add_epi16(luma, _mm256_add_epi16(b, b)), bt);
        __m128i R = _mm_packus_epi16(_mm256_castsi256_si128(red), _mm256_extracti128_si256(red, 1));
        __m128i G = _mm_packus_epi16(_mm256_castsi256_si128(green), _mm256_extracti128_si256(green, 1));
        __m128i B = _mm_packus_epi16(_mm256_castsi256_si128(blue), _mm256_extracti128_si256(blue, 1));
        uint8_t *d = dst + 3 * x;
        _mm_storeu_si128((__m128i *)d, _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(R, r0), _mm_shuffle_epi8(G, g0)),
                                                    _mm_shuffle_epi8(B, b0)));
        _mm_storeu_si128((__m128i *)(d + 16), _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(R, r1), _mm_shuffle_epi8(G, g1)),
                                                           _mm_shuffle_epi8(B, b1)));
        _mm_storeu_si128((__m128i *)(d + 32), _mm_or_si128(_mm_or_si128(_mm_shuffle_epi8(R, r2), _mm_shuffle_epi8(G, g2)),
                                                           _mm_shuffle_epi8(B, b2)));
    }
    for (; x < width; x++) convert_pixel(y[x], cb[x], cr[x], dst + 3 * x);
}
#endif

// MARK: - Entry

size_t CKernels_ycc_scratch(size_t width) { return 3 * (width + 4); }

void CKernels_ycc_rgb_row(const uint8_t *y, const uint8_t *cb, const uint8_t *cbFar, const uint8_t *cr,
                          const uint8_t *crFar, size_t chromaWidth, size_t width, int xSpan, int ySpan,
                          int16_t *scratch, uint8_t *dst, int level) {
    int16_t *sums = scratch, *cbFull = scratch + width + 4, *crFull = cbFull + width + 4;
#ifdef CKERNELS_X86
    if (level >= 1) {
        upsample_avx2(cb, cbFar, chromaWidth, xSpan, ySpan, sums, cbFull);
        upsample_avx2(cr, crFar, chromaWidth, xSpan, ySpan, sums, crFull);
        convert_avx2(y, cbFull, crFull, width, dst);
        return;
    }
#endif
    (void)level;
    upsample_portable(cb, cbFar, chromaWidth, xSpan, ySpan, sums, cbFull);
    upsample_portable(cr, crFar, chromaWidth, xSpan, ySpan, sums, crFull);
    for (size_t x = 0; x < width; x++) convert_pixel(y[x], cbFull[x], crFull[x], dst + 3 * x);
}
