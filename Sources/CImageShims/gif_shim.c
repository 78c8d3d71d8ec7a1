#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gif_lib.h>
#include "CImageShims_gif.h"

struct CImageShims_gif_decoder {
    const uint8_t *data;
    size_t size;
    size_t position;
    GifFileType *gif;
    char message[CImageShims_gif_message_capacity];
};

static int read_memory(GifFileType *gif, GifByteType *out, int length) {
    CImageShims_gif_decoder *d = gif->UserData;
    if (length <= 0) return 0;
    size_t left = d->size - d->position;
    size_t n = (size_t)length < left ? (size_t)length : left;
    memcpy(out, d->data + d->position, n);
    d->position += n;
    return (int)n;
}

static int fail(CImageShims_gif_decoder *d, int code, const char *what) {
    const char *text = GifErrorString(code);
    snprintf(d->message, sizeof d->message, "%s: %s", what, text ? text : "unknown giflib error");
    return CImageShims_gif_error;
}

CImageShims_gif_decoder *CImageShims_gif_decoder_create(const uint8_t *data, size_t size) {
    CImageShims_gif_decoder *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->data = data;
    d->size = size;
    return d;
}

int CImageShims_gif_open(CImageShims_gif_decoder *d, CImageShims_gif_screen *screen) {
    int error = 0;
    if (d->gif) return CImageShims_gif_usage;
    d->gif = DGifOpen(d, read_memory, &error);
    if (!d->gif) return fail(d, error, "cannot read the GIF screen descriptor");
    screen->width = d->gif->SWidth;
    screen->height = d->gif->SHeight;
    screen->has_global_map = d->gif->SColorMap != NULL;
    screen->color_resolution = d->gif->SColorMap ? d->gif->SColorMap->BitsPerPixel : 0;
    return CImageShims_gif_ok;
}

/* Skips an image's LZW blocks without decoding them. */
static int skip_image(GifFileType *gif) {
    int code_size = 0;
    GifByteType *block = NULL;
    if (DGifGetCode(gif, &code_size, &block) == GIF_ERROR) return GIF_ERROR;
    while (block != NULL) {
        if (DGifGetCodeNext(gif, &block) == GIF_ERROR) return GIF_ERROR;
    }
    return GIF_OK;
}

/* Decodes the current image's rows onto the screen. */
static int composite(CImageShims_gif_decoder *d, uint8_t *rgba, int transparent, CImageShims_gif_scan_result *r) {
    GifFileType *gif = d->gif;
    const GifImageDesc *desc = &gif->Image;
    const ColorMapObject *map = desc->ColorMap ? desc->ColorMap : gif->SColorMap;
    int sw = gif->SWidth, sh = gif->SHeight, fw = desc->Width, fh = desc->Height;
    if (!map) r->missing_palette = 1;
    GifPixelType *line = malloc(fw > 0 ? (size_t)fw : 1);
    if (!line) return CImageShims_gif_nomem;
    static const int offsets[4] = {0, 4, 2, 1}, jumps[4] = {8, 8, 4, 2};
    int passes = desc->Interlace ? 4 : 1;
    for (int pass = 0; pass < passes; pass++) {
        int start = desc->Interlace ? offsets[pass] : 0, step = desc->Interlace ? jumps[pass] : 1;
        for (int row = start; row < fh; row += step) {
            if (DGifGetLine(gif, line, fw) == GIF_ERROR) {
                free(line);
                return fail(d, gif->Error, "cannot decode the first GIF frame");
            }
            int y = desc->Top + row;
            if (y >= sh) continue;
            for (int col = 0; col < fw; col++) {
                int x = desc->Left + col;
                if (x >= sw) break;
                int index = line[col];
                if (index == transparent) continue;
                uint8_t *p = rgba + ((size_t)y * (size_t)sw + (size_t)x) * 4;
                if (!map) {
                    p[0] = p[1] = p[2] = (uint8_t)index;
                } else if (index < map->ColorCount) {
                    p[0] = map->Colors[index].Red; p[1] = map->Colors[index].Green; p[2] = map->Colors[index].Blue;
                } else {
                    r->index_out_of_range = 1;
                    p[0] = p[1] = p[2] = 0;
                }
                p[3] = 255;
            }
        }
    }
    free(line);
    return CImageShims_gif_ok;
}

/* Reads an extension's blocks; a graphics control block sets *transparent. */
static int read_extension(GifFileType *gif, int *transparent) {
    int code = 0;
    GifByteType *ext = NULL;
    if (DGifGetExtension(gif, &code, &ext) == GIF_ERROR) return GIF_ERROR;
    while (ext != NULL) {
        if (code == GRAPHICS_EXT_FUNC_CODE && ext[0] >= 4) {
            GraphicsControlBlock gcb;
            if (DGifExtensionToGCB(ext[0], ext + 1, &gcb) == GIF_OK) *transparent = gcb.TransparentColor;
        }
        code = 0;  // only the first block of an extension is its header
        if (DGifGetExtensionNext(gif, &ext) == GIF_ERROR) return GIF_ERROR;
    }
    return GIF_OK;
}

static int after_first(CImageShims_gif_decoder *d, CImageShims_gif_scan_result *r, const char *what) {
    if (r->frames == 0) return fail(d, d->gif->Error, what);
    r->trailing_error = 1;
    fail(d, d->gif->Error, what);
    return CImageShims_gif_ok;
}

int CImageShims_gif_scan(CImageShims_gif_decoder *d, uint8_t *rgba, size_t capacity, CImageShims_gif_scan_result *r) {
    GifFileType *gif = d->gif;
    if (!gif) return CImageShims_gif_usage;
    memset(r, 0, sizeof *r);
    size_t need = (size_t)gif->SWidth * (size_t)gif->SHeight * 4;
    if (rgba) {
        if (capacity != need) return CImageShims_gif_usage;
        memset(rgba, 0, need);
    }
    int transparent = -1;
    for (;;) {
        GifRecordType type;
        if (DGifGetRecordType(gif, &type) == GIF_ERROR) return after_first(d, r, "cannot read a GIF record");
        if (type == TERMINATE_RECORD_TYPE) break;
        if (type == EXTENSION_RECORD_TYPE) {
            if (read_extension(gif, &transparent) == GIF_ERROR) return after_first(d, r, "cannot read a GIF extension");
            continue;
        }
        if (type != IMAGE_DESC_RECORD_TYPE) continue;
        if (DGifGetImageDesc(gif) == GIF_ERROR) return after_first(d, r, "cannot read a GIF image descriptor");
        if (r->frames == 0) {
            r->first_left = gif->Image.Left; r->first_top = gif->Image.Top;
            r->first_width = gif->Image.Width; r->first_height = gif->Image.Height;
            r->first_interlaced = gif->Image.Interlace ? 1 : 0;
            r->first_has_transparency = transparent >= 0;
            if (rgba) {
                int rc = composite(d, rgba, transparent, r);
                if (rc != CImageShims_gif_ok) return rc;
            } else if (skip_image(gif) == GIF_ERROR) {
                return fail(d, gif->Error, "cannot read the first GIF frame");
            }
        } else if (skip_image(gif) == GIF_ERROR) {
            r->frames += 1;  // counted: its descriptor was read
            return after_first(d, r, "cannot read a later GIF frame");
        }
        r->frames += 1;
        transparent = -1;
    }
    if (r->frames == 0) {
        snprintf(d->message, sizeof d->message, "the GIF holds no image");
        return CImageShims_gif_no_image;
    }
    if (rgba) {
        for (size_t i = 3; i < need; i += 4) {
            if (rgba[i] == 0) { r->used_transparency = 1; break; }
        }
    }
    return CImageShims_gif_ok;
}

const char *CImageShims_gif_message(const CImageShims_gif_decoder *d) { return d->message; }

void CImageShims_gif_decoder_destroy(CImageShims_gif_decoder *d) {
    if (!d) return;
    if (d->gif) {
        int error = 0;
        DGifCloseFile(d->gif, &error);
    }
    free(d);
}
