#ifndef C_IMAGE_SHIMS_PNG_IDAT_H
#define C_IMAGE_SHIMS_PNG_IDAT_H

#include <stddef.h>
#include <stdint.h>

/* Filters `height` rows of `row_bytes` bytes (`bytes_per_pixel` apart for the Sub/Average/Paeth neighbours),
 * each row chosen among the PNG_FILTER_* bits of `filters` by libpng's heuristic (least sum of signed
 * magnitudes), and deflates them as one zlib stream at libdeflate `level` (0–12). `swap16` writes native
 * little-endian 16-bit samples big-endian. Returns 0 and a malloc'ed stream, or a negative code (-1 bad
 * arguments, -2 out of memory, -3 compression failed). Cannot longjmp. */
int CImageShims_png_idat(const uint8_t *pixels, size_t row_stride, uint32_t height, size_t row_bytes,
                         size_t bytes_per_pixel, int swap16, int filters, int level,
                         uint8_t **output, size_t *output_size);

#endif
