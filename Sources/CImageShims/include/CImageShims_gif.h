#ifndef C_IMAGE_SHIMS_GIF_H
#define C_IMAGE_SHIMS_GIF_H
#include <stddef.h>
#include <stdint.h>

/* giflib (5.2) over memory. giflib never longjmps; the shim owns the read callback, the record walk and the
 * compositing of the first frame on the logical screen, so Swift sees int codes and C-owned text.
 * Return codes: 0 = success, negative = failure (see CImageShims_gif_status). */

typedef enum {
    CImageShims_gif_ok = 0,
    /** giflib refused the data before the first frame was complete (message in the context). */
    CImageShims_gif_error = -1,
    /** Out of memory in the shim itself. */
    CImageShims_gif_nomem = -2,
    /** The caller's buffer does not match the logical screen. */
    CImageShims_gif_usage = -3,
    /** The file has no image at all. */
    CImageShims_gif_no_image = -4,
} CImageShims_gif_status;

enum { CImageShims_gif_message_capacity = 256 };

/** An opaque decoder over an in-memory GIF (the bytes must outlive it). */
typedef struct CImageShims_gif_decoder CImageShims_gif_decoder;

/** The logical screen (after CImageShims_gif_open). */
typedef struct {
    int width;
    int height;
    /** 1 when the file has a global colour table. */
    int has_global_map;
    /** Bits per index of the global table (1–8), 0 without one. */
    int color_resolution;
} CImageShims_gif_screen;

/** What the record walk found (after CImageShims_gif_scan). */
typedef struct {
    /** Image descriptors seen (the walk stops at the trailer or the first error after frame 1). */
    int frames;
    int first_left, first_top, first_width, first_height;
    int first_interlaced;
    /** 1 when the first frame has a transparent index. */
    int first_has_transparency;
    /** 1 when a pixel of the screen was left transparent (uncovered, or the transparent index). */
    int used_transparency;
    /** 1 when neither a local nor a global colour table existed: indices were shown as grey levels. */
    int missing_palette;
    /** 1 when an index pointed past the colour table (shown as black). */
    int index_out_of_range;
    /** 1 when giflib failed after the first frame; its message is in the context. */
    int trailing_error;
} CImageShims_gif_scan_result;

/** Opens the GIF and reads the logical screen descriptor. NULL only when out of memory. */
CImageShims_gif_decoder *CImageShims_gif_decoder_create(const uint8_t *data, size_t size);

/** Reads the signature and logical screen; 0 or a negative status. */
int CImageShims_gif_open(CImageShims_gif_decoder *decoder, CImageShims_gif_screen *screen);

/** Walks every record. When `rgba` is not NULL (capacity width*height*4 of the screen), the first frame is
 *  composited on a transparent screen there (interlace undone, transparency kept as alpha 0). */
int CImageShims_gif_scan(CImageShims_gif_decoder *decoder, uint8_t *rgba, size_t capacity,
                         CImageShims_gif_scan_result *result);

/** The last giflib error text ("" when none). */
const char *CImageShims_gif_message(const CImageShims_gif_decoder *decoder);

void CImageShims_gif_decoder_destroy(CImageShims_gif_decoder *decoder);

#endif
