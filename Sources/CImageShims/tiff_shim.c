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
    TIFFGetFieldDefaulted(t, TIFFTAG_INKSET, &h->ink_set);
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

/* Copies one decoded tile (or, with tile_height 1, one scanline) of plane `sample` into the interleaved
 * output; `columns`/`rows` are already clipped to the image. */
static void place(uint8_t *out, const uint8_t *buf, uint32_t width, size_t bytes, size_t pixel, int separate,
                  uint16_t sample, uint32_t x0, uint32_t y0, uint32_t stride_px, uint32_t columns, uint32_t rows) {
    for (uint32_t r = 0; r < rows; r++) {
        uint8_t *dst = out + ((size_t)(y0 + r) * width + x0) * pixel;
        if (!separate) {
            memcpy(dst, buf + (size_t)r * stride_px * pixel, (size_t)columns * pixel);
            continue;
        }
        const uint8_t *src = buf + (size_t)r * stride_px * bytes;
        for (uint32_t c = 0; c < columns; c++) memcpy(dst + (size_t)c * pixel + (size_t)sample * bytes, src + (size_t)c * bytes, bytes);
    }
}

int CImageShims_tiff_read_samples(CImageShims_tiff_decoder *d, uint8_t *out, size_t capacity) {
    if (!d->tiff || !TIFFSetDirectory(d->tiff, 0)) return CImageShims_tiff_usage;
    TIFF *t = d->tiff;
    uint32_t width = 0, height = 0;
    uint16_t bits = 0, spp = 0, planar = 0;
    TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(t, TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(t, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(t, TIFFTAG_SAMPLESPERPIXEL, &spp);
    TIFFGetFieldDefaulted(t, TIFFTAG_PLANARCONFIG, &planar);
    if ((bits != 8 && bits != 16) || spp == 0) return CImageShims_tiff_unsupported;
    size_t bytes = bits / 8, pixel = (size_t)spp * bytes;
    if (capacity != (size_t)width * height * pixel) return CImageShims_tiff_usage;
    int separate = planar == PLANARCONFIG_SEPARATE;
    uint16_t planes = separate ? spp : 1;
    size_t unit = separate ? bytes : pixel;  /* bytes per pixel in one decoded plane */
    uint32_t tw = width, th = 1;
    uint64_t need, size;
    if (TIFFIsTiled(t)) {
        TIFFGetField(t, TIFFTAG_TILEWIDTH, &tw);
        TIFFGetField(t, TIFFTAG_TILELENGTH, &th);
        size = TIFFTileSize64(t);
    } else {
        size = TIFFScanlineSize64(t);
    }
    need = (uint64_t)tw * th * unit;
    if (tw == 0 || th == 0 || size < need || size > (uint64_t)d->max_single_alloc) {
        if (d->message[0] == 0) snprintf(d->message, sizeof d->message, "bad tile or strip size");
        return CImageShims_tiff_decode;
    }
    uint8_t *buf = malloc((size_t)size);
    if (!buf) return CImageShims_tiff_nomem;
    int rc = CImageShims_tiff_ok;
    for (uint16_t s = 0; s < planes && rc == 0; s++) {
        for (uint32_t y = 0; y < height && rc == 0; y += th) {
            if (!TIFFIsTiled(t)) {
                if (TIFFReadScanline(t, buf, y, s) < 0) rc = CImageShims_tiff_decode;
                else place(out, buf, width, bytes, pixel, separate, s, 0, y, width, width, 1);
                continue;
            }
            for (uint32_t x = 0; x < width && rc == 0; x += tw) {
                if (TIFFReadTile(t, buf, x, y, 0, s) < 0) { rc = CImageShims_tiff_decode; break; }
                uint32_t columns = width - x < tw ? width - x : tw, rows = height - y < th ? height - y : th;
                place(out, buf, width, bytes, pixel, separate, s, x, y, tw, columns, rows);
            }
        }
    }
    free(buf);
    if (rc != 0 && d->message[0] == 0) snprintf(d->message, sizeof d->message, "cannot read the TIFF samples");
    return rc;
}

const char *CImageShims_tiff_message(const CImageShims_tiff_decoder *d) { return d->message; }
int CImageShims_tiff_warning_count(const CImageShims_tiff_decoder *d) { return d->warnings; }
const char *CImageShims_tiff_warning_message(const CImageShims_tiff_decoder *d) { return d->warning; }

void CImageShims_tiff_decoder_destroy(CImageShims_tiff_decoder *d) {
    if (!d) return;
    if (d->tiff) TIFFClose(d->tiff);
    free(d);
}
