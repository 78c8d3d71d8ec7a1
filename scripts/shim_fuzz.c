/* libFuzzer entry for scripts/fuzz-shims.sh (compiled by clang there; not part of the package). */
#include <stdint.h>
#include <stdlib.h>
#include "CImageShims.h"
#include "CKernels.h"
/* Drives gif_shim.c / tiff_shim.c exactly as GIFDecoder/TIFFDecoder do, with a 1 MP limit; jpeg_shim.c's planes
 * decode (start_planes, read_strip: JPEGDecoder.decodeUnits(planes:)) likewise, strict or standard by the
 * input's last byte, each strip's rows made into RGB by CKernels_ycc_rgb_row at every level (YCbCrStrips.rgbRow
 * with the strip's own rows as the far chroma rows). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
#if defined(JPEG)
    int strict = size > 0 && (data[size - 1] & 1);
    CImageShims_jpeg_decoder *d = CImageShims_jpeg_decoder_create(data, size, strict ? (1 << CImageShims_jpeg_WARN_CLASSES) - 1 : 1, 0);
    CImageShims_jpeg_header h;
    CImageShims_jpeg_planes p;
    if (d != NULL && CImageShims_jpeg_decoder_read_header(d, &h) == 0 && (long)h.width * h.height <= (1 << 20) &&
        CImageShims_jpeg_decoder_start_planes(d, &p) == 0) {
        size_t n = 0;
        for (int i = 0; i < 3; i++) n += (size_t)p.strip_rows[i] * (size_t)p.stride[i];
        uint8_t *strip = malloc(n), *rgb = malloc((size_t)p.width[0] * 3);
        int16_t *scratch = malloc(sizeof(int16_t) * CKernels_ycc_scratch((size_t)p.width[0]));
        int rows = p.strip_rows[0];
        size_t luma = (size_t)rows * (size_t)p.stride[0], chroma = (size_t)p.strip_rows[1] * (size_t)p.stride[1];
        int strips = 0;
        while (CImageShims_jpeg_decoder_strips_left(d) > 0 && CImageShims_jpeg_decoder_read_strip(d, strip) == 0) {
            for (int r = 0; r < rows && strips * rows + r < p.height[0]; r++) {
                const uint8_t *cb = strip + luma + (size_t)(r / p.y_span[1]) * (size_t)p.stride[1];
                for (int level = 0; level <= CKernels_level(); level++)
                    CKernels_ycc_rgb_row(strip + (size_t)r * (size_t)p.stride[0], cb, cb, cb + chroma, cb + chroma,
                                         (size_t)p.width[1], (size_t)p.width[0], p.x_span[1], p.y_span[1], scratch, rgb, level);
            }
            strips++;
        }
        free(scratch);
        free(rgb);
        free(strip);
    }
    CImageShims_jpeg_decoder_destroy(d);
#elif defined(GIF)
    CImageShims_gif_decoder *d = CImageShims_gif_decoder_create(data, size);
    CImageShims_gif_screen s;
    if (CImageShims_gif_open(d, &s) == 0 && s.width > 0 && s.height > 0 && (long)s.width * s.height <= (1 << 20)) {
        size_t n = (size_t)s.width * s.height * 4;
        uint8_t *rgba = malloc(n);
        CImageShims_gif_scan_result r;
        CImageShims_gif_scan(d, rgba, n, &r);
        free(rgba);
    }
    CImageShims_gif_decoder_destroy(d);
#else
    CImageShims_tiff_decoder *d = CImageShims_tiff_decoder_create(data, size, 8 << 20);
    CImageShims_tiff_header h;
    if (CImageShims_tiff_open(d, &h) == 0 && h.width > 0 && h.height > 0 && (uint64_t)h.width * h.height <= (1 << 20)) {
        size_t n = (size_t)h.width * h.height * 4;
        uint8_t *rgba = malloc(n);
        CImageShims_tiff_read_rgba(d, rgba, n);
        free(rgba);
    }
    CImageShims_tiff_decoder_destroy(d);
#endif
    return 0;
}
