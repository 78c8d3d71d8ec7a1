/* libFuzzer entry for scripts/fuzz-shims.sh (compiled by clang there; not part of the package). */
#include <stdint.h>
#include <stdlib.h>
#include "CImageShims.h"
/* Drives gif_shim.c / tiff_shim.c exactly as GIFDecoder/TIFFDecoder do, with a 1 MP limit. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
#ifdef GIF
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
