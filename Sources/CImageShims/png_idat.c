/* The IDAT stream of a PNG: row filters chosen per row, then one libdeflate zlib stream.
 *
 * libpng filters and deflates row by row through zlib; libdeflate compresses the whole filtered image in one
 * call, which is both faster and smaller at the same level (docs/IMAGING.md, BENCHMARKS.md "PNG output").
 * Nothing here can longjmp: png_shim.c calls it between png_write_info and IEND. */

#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>

#include "png_idat.h"

enum { filter_none, filter_sub, filter_up, filter_average, filter_paeth, filter_count };

static inline uint8_t paeth(uint8_t a, uint8_t b, uint8_t c) {
    int p = (int)a + b - c;
    int pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
}

static inline size_t magnitude(uint8_t value) { return value < 128 ? value : 256u - value; }

/* Writes `row` filtered with `filter` (against `prior`, the previous raw row or zeros) into `out`; returns
 * libpng's heuristic cost: the sum of the filtered bytes read as signed magnitudes. One loop per filter, so
 * the compiler vectorizes the simple ones. */
static size_t filter_row(int filter, const uint8_t *restrict row, const uint8_t *restrict prior, size_t length,
                         size_t bpp, uint8_t *restrict out) {
    size_t cost = 0, head = bpp < length ? bpp : length;
    switch (filter) {
    case filter_sub:
        for (size_t i = 0; i < head; i++) out[i] = row[i];
        for (size_t i = head; i < length; i++) out[i] = (uint8_t)(row[i] - row[i - bpp]);
        break;
    case filter_up:
        for (size_t i = 0; i < length; i++) out[i] = (uint8_t)(row[i] - prior[i]);
        break;
    case filter_average:
        for (size_t i = 0; i < head; i++) out[i] = (uint8_t)(row[i] - (prior[i] >> 1));
        for (size_t i = head; i < length; i++)
            out[i] = (uint8_t)(row[i] - (uint8_t)(((unsigned)row[i - bpp] + prior[i]) >> 1));
        break;
    case filter_paeth:
        for (size_t i = 0; i < head; i++) out[i] = (uint8_t)(row[i] - prior[i]);
        for (size_t i = head; i < length; i++)
            out[i] = (uint8_t)(row[i] - paeth(row[i - bpp], prior[i], prior[i - bpp]));
        break;
    default:
        memcpy(out, row, length);
        break;
    }
    for (size_t i = 0; i < length; i++) cost += magnitude(out[i]);
    return cost;
}

/* Copies a row of native-endian 16-bit samples as PNG's big-endian ones (or 8-bit rows as they are). */
static void copy_row(const uint8_t *source, size_t length, int swap16, uint8_t *destination) {
    if (!swap16) {
        memcpy(destination, source, length);
        return;
    }
    for (size_t i = 0; i + 1 < length; i += 2) {
        destination[i] = source[i + 1];
        destination[i + 1] = source[i];
    }
}

int CImageShims_png_idat(const uint8_t *pixels, size_t row_stride, uint32_t height, size_t row_bytes,
                         size_t bytes_per_pixel, int swap16, int filters, int level,
                         uint8_t **output, size_t *output_size) {
    *output = NULL;
    *output_size = 0;
    if (row_bytes == 0 || height == 0 || bytes_per_pixel == 0) return -1;
    size_t line = row_bytes + 1;
    if (line > SIZE_MAX / height) return -1;
    uint8_t *filtered = malloc(line * height);
    uint8_t *scratch = malloc(row_bytes * (filter_count + 2));
    uint8_t *zeros = calloc(1, row_bytes);
    struct libdeflate_compressor *compressor = libdeflate_alloc_compressor(level < 0 ? 0 : level > 12 ? 12 : level);
    int status = -2;
    if (!filtered || !scratch || !zeros || !compressor) goto done;

    uint8_t *candidates = scratch, *previous = scratch + row_bytes * filter_count, *current = previous + row_bytes;
    const uint8_t *prior = zeros;
    for (uint32_t y = 0; y < height; y++) {
        copy_row(pixels + (size_t)y * row_stride, row_bytes, swap16, current);
        int best = -1;
        size_t best_cost = SIZE_MAX;
        for (int f = 0; f < filter_count; f++) {
            if (!(filters & (0x08 << f))) continue;  /* PNG_FILTER_NONE is 0x08, SUB 0x10, … PAETH 0x80 */
            size_t cost = filter_row(f, current, prior, row_bytes, bytes_per_pixel, candidates + row_bytes * f);
            if (cost < best_cost) best_cost = cost, best = f;
        }
        if (best < 0) best = filter_none, filter_row(filter_none, current, prior, row_bytes, bytes_per_pixel, candidates);
        uint8_t *line_start = filtered + (size_t)y * line;
        line_start[0] = (uint8_t)best;
        memcpy(line_start + 1, candidates + row_bytes * best, row_bytes);
        /* The current raw row becomes the prior of the next. */
        uint8_t *swap = previous;
        previous = current;
        current = swap;
        prior = previous;
    }

    size_t bound = libdeflate_zlib_compress_bound(compressor, line * height);
    uint8_t *compressed = malloc(bound);
    if (!compressed) goto done;
    size_t size = libdeflate_zlib_compress(compressor, filtered, line * height, compressed, bound);
    if (size == 0) {
        free(compressed);
        status = -3;
        goto done;
    }
    *output = compressed;
    *output_size = size;
    status = 0;
done:
    libdeflate_free_compressor(compressor);
    free(zeros);
    free(scratch);
    free(filtered);
    return status;
}
