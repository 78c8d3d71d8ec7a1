#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>
#include "CImageShims_tiff.h"

struct CImageShims_tiff_decoder {
    const uint8_t *data;
    size_t size;
    size_t position;
    int64_t max_single_alloc;
    TIFF *tiff;
    char message[CImageShims_tiff_message_capacity];
    char warning[CImageShims_tiff_message_capacity];
    int warnings;
};

static tmsize_t read_proc(thandle_t h, void *out, tmsize_t length) {
    CImageShims_tiff_decoder *d = h;
    if (length <= 0 || d->position >= d->size) return 0;
    size_t left = d->size - d->position;
    size_t n = (size_t)length < left ? (size_t)length : left;
    memcpy(out, d->data + d->position, n);
    d->position += n;
    return (tmsize_t)n;
}

static tmsize_t write_proc(thandle_t h, void *in, tmsize_t length) { (void)h; (void)in; (void)length; return -1; }

static toff_t seek_proc(thandle_t h, toff_t offset, int whence) {
    CImageShims_tiff_decoder *d = h;
    uint64_t base = whence == SEEK_CUR ? d->position : whence == SEEK_END ? d->size : 0;
    if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) return (toff_t)-1;
    if (offset > UINT64_MAX - base) return (toff_t)-1;
    uint64_t target = base + offset;
    if (target > d->size) target = d->size;  // reads past the end return 0 bytes
    d->position = (size_t)target;
    return target;
}

static int close_proc(thandle_t h) { (void)h; return 0; }
static toff_t size_proc(thandle_t h) { return ((CImageShims_tiff_decoder *)h)->size; }
static int map_proc(thandle_t h, void **base, toff_t *size) { (void)h; (void)base; (void)size; return 0; }
static void unmap_proc(thandle_t h, void *base, toff_t size) { (void)h; (void)base; (void)size; }

static int on_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif;
    CImageShims_tiff_decoder *d = user;
    if (d->message[0] == 0) {
        int n = snprintf(d->message, sizeof d->message, "%s: ", module ? module : "libtiff");
        if (n < 0 || (size_t)n >= sizeof d->message) n = 0;
        vsnprintf(d->message + n, sizeof d->message - (size_t)n, fmt, ap);
    }
    return 1;  // handled: nothing reaches the global (stderr) handler
}

static int on_warning(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
    (void)tif; (void)module;
    CImageShims_tiff_decoder *d = user;
    char text[CImageShims_tiff_message_capacity];
    vsnprintf(text, sizeof text, fmt, ap);
    if (strstr(text, "Unknown field with tag") != NULL) return 1;  // a private tag is not damage
    if (d->warnings++ == 0) snprintf(d->warning, sizeof d->warning, "%s", text);
    return 1;
}

CImageShims_tiff_decoder *CImageShims_tiff_decoder_create(const uint8_t *data, size_t size, int64_t max_single_alloc) {
    CImageShims_tiff_decoder *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->data = data;
    d->size = size;
    d->max_single_alloc = max_single_alloc;
    return d;
}

int CImageShims_tiff_open(CImageShims_tiff_decoder *d, CImageShims_tiff_header *h) {
    if (d->tiff) return CImageShims_tiff_usage;
    memset(h, 0, sizeof *h);
    TIFFOpenOptions *options = TIFFOpenOptionsAlloc();
    if (!options) return CImageShims_tiff_nomem;
    TIFFOpenOptionsSetErrorHandlerExtR(options, on_error, d);
    TIFFOpenOptionsSetWarningHandlerExtR(options, on_warning, d);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, d->max_single_alloc);
    d->tiff = TIFFClientOpenExt("memory", "rm", d, read_proc, write_proc, seek_proc, close_proc, size_proc,
                                map_proc, unmap_proc, options);
    TIFFOpenOptionsFree(options);
    if (!d->tiff) {
        if (d->message[0] == 0) snprintf(d->message, sizeof d->message, "not a readable TIFF");
        return CImageShims_tiff_error;
    }
    TIFF *t = d->tiff;
    uint16_t extra_count = 0, *extra = NULL;
    TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &h->width);
    TIFFGetField(t, TIFFTAG_IMAGELENGTH, &h->height);
    TIFFGetFieldDefaulted(t, TIFFTAG_BITSPERSAMPLE, &h->bits_per_sample);
    TIFFGetFieldDefaulted(t, TIFFTAG_SAMPLESPERPIXEL, &h->samples_per_pixel);
    TIFFGetFieldDefaulted(t, TIFFTAG_SAMPLEFORMAT, &h->sample_format);
    if (!TIFFGetField(t, TIFFTAG_PHOTOMETRIC, &h->photometric)) h->photometric = UINT16_MAX;
    TIFFGetFieldDefaulted(t, TIFFTAG_PLANARCONFIG, &h->planar_config);
    TIFFGetFieldDefaulted(t, TIFFTAG_COMPRESSION, &h->compression);
    if (!TIFFGetField(t, TIFFTAG_ORIENTATION, &h->orientation) || h->orientation < 1 || h->orientation > 8) h->orientation = 1;
    h->extra_sample = -1;
    if (TIFFGetField(t, TIFFTAG_EXTRASAMPLES, &extra_count, &extra) && extra_count > 0 && extra) h->extra_sample = extra[0];
    h->tiled = TIFFIsTiled(t);
    uint32_t icc_length = 0;
    void *icc = NULL;
    if (TIFFGetField(t, TIFFTAG_ICCPROFILE, &icc_length, &icc) && icc && icc_length > 0) {
        h->icc = icc;
        h->icc_length = icc_length;
    }
    char reason[1024] = {0};
    if (!TIFFRGBAImageOK(t, reason)) {
        snprintf(d->message, sizeof d->message, "%.500s", reason);
        return CImageShims_tiff_unsupported;
    }
    h->directories = (int)TIFFNumberOfDirectories(t);  // follows the IFD offsets; the current page stays
    return CImageShims_tiff_ok;
}

static void unpremultiply(uint8_t *rgba, size_t pixels) {
    for (size_t i = 0; i < pixels; i++) {
        uint8_t *p = rgba + i * 4;
        unsigned a = p[3];
        if (a == 0 || a == 255) continue;
        for (int c = 0; c < 3; c++) {
            unsigned v = (p[c] * 255u + a / 2) / a;
            p[c] = (uint8_t)(v > 255 ? 255 : v);
        }
    }
}

int CImageShims_tiff_read_rgba(CImageShims_tiff_decoder *d, uint8_t *rgba, size_t capacity) {
    if (!d->tiff || !TIFFSetDirectory(d->tiff, 0)) return CImageShims_tiff_usage;
    TIFFRGBAImage image;
    char reason[1024] = {0};
    if (!TIFFRGBAImageBegin(&image, d->tiff, 1, reason)) {
        snprintf(d->message, sizeof d->message, "%.500s", reason);
        return CImageShims_tiff_unsupported;
    }
    size_t pixels = (size_t)image.width * (size_t)image.height;
    if (capacity != pixels * 4) {
        TIFFRGBAImageEnd(&image);
        return CImageShims_tiff_usage;
    }
    image.req_orientation = ORIENTATION_TOPLEFT;  // no flips: rows as stored; Swift applies the tag
    image.orientation = ORIENTATION_TOPLEFT;
    int ok = TIFFRGBAImageGet(&image, (uint32_t *)(void *)rgba, image.width, image.height);
    TIFFRGBAImageEnd(&image);
    if (!ok) {
        if (d->message[0] == 0) snprintf(d->message, sizeof d->message, "TIFFRGBAImageGet failed");
        return CImageShims_tiff_decode;
    }
    // The raster is ABGR in host order: on little-endian hosts that is R, G, B, A bytes; premultiplied.
    uint32_t *words = (uint32_t *)(void *)rgba;
    for (size_t i = 0; i < pixels; i++) {
        uint32_t w = words[i];
        rgba[i * 4] = (uint8_t)TIFFGetR(w); rgba[i * 4 + 1] = (uint8_t)TIFFGetG(w);
        rgba[i * 4 + 2] = (uint8_t)TIFFGetB(w); rgba[i * 4 + 3] = (uint8_t)TIFFGetA(w);
    }
    unpremultiply(rgba, pixels);
    return CImageShims_tiff_ok;
}

const char *CImageShims_tiff_message(const CImageShims_tiff_decoder *d) { return d->message; }
int CImageShims_tiff_warning_count(const CImageShims_tiff_decoder *d) { return d->warnings; }
const char *CImageShims_tiff_warning_message(const CImageShims_tiff_decoder *d) { return d->warning; }

void CImageShims_tiff_decoder_destroy(CImageShims_tiff_decoder *d) {
    if (!d) return;
    if (d->tiff) TIFFClose(d->tiff);
    free(d);
}
