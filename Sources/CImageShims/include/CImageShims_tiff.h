#ifndef C_IMAGE_SHIMS_TIFF_H
#define C_IMAGE_SHIMS_TIFF_H
#include <stddef.h>
#include <stdint.h>

/* libtiff (4.5) over memory through TIFFClientOpenExt. libtiff's error and warning handlers are routed into
 * the context (TIFFOpenOptionsSetErrorHandlerExtR): nothing is printed to stderr. Pixels come from
 * TIFFRGBAImage with libtiff's own row flips disabled, so rows arrive as stored and Swift applies the
 * Orientation tag once. Return codes: 0 = success, negative = failure (see CImageShims_tiff_status). */

typedef enum {
    CImageShims_tiff_ok = 0,
    /** libtiff could not open the file or read its first directory (message in the context). */
    CImageShims_tiff_error = -1,
    /** TIFFRGBAImage cannot handle the sample format (message in the context). */
    CImageShims_tiff_unsupported = -2,
    /** Decoding the pixels failed (message in the context). */
    CImageShims_tiff_decode = -3,
    /** Out of memory in the shim itself. */
    CImageShims_tiff_nomem = -4,
    /** The caller's buffer does not match the image. */
    CImageShims_tiff_usage = -5,
} CImageShims_tiff_status;

enum { CImageShims_tiff_message_capacity = 512 };

typedef struct CImageShims_tiff_decoder CImageShims_tiff_decoder;

/** The first directory's tags (after CImageShims_tiff_open). */
typedef struct {
    uint32_t width;
    uint32_t height;
    uint16_t bits_per_sample;
    uint16_t samples_per_pixel;
    uint16_t sample_format;
    uint16_t photometric;
    uint16_t planar_config;
    uint16_t compression;
    /** The Orientation tag, 1–8 (1 when absent). */
    uint16_t orientation;
    /** ExtraSamples[0]: 0 unspecified, 1 associated (premultiplied) alpha, 2 unassociated alpha; -1 when none. */
    int extra_sample;
    int tiled;
    /** Directories (pages) in the file. */
    int directories;
    /** InkSet (1 = CMYK, the default). */
    uint16_t ink_set;
    /** ICC profile bytes inside libtiff's memory (valid while the decoder lives), or NULL. */
    const uint8_t *icc;
    uint32_t icc_length;
} CImageShims_tiff_header;

/** A decoder over `data` (which must outlive it); `max_single_alloc` bounds each libtiff allocation. */
CImageShims_tiff_decoder *CImageShims_tiff_decoder_create(const uint8_t *data, size_t size, int64_t max_single_alloc);

/** Opens the file, reads the first directory's tags and checks TIFFRGBAImage can decode it. */
int CImageShims_tiff_open(CImageShims_tiff_decoder *decoder, CImageShims_tiff_header *header);

/** Decodes the first page into `rgba` (width*height*4 bytes, straight alpha, rows as stored). */
int CImageShims_tiff_read_rgba(CImageShims_tiff_decoder *decoder, uint8_t *rgba, size_t capacity);

/** Decodes the first page's samples as stored, without TIFFRGBAImage: every sample of a pixel interleaved
 * (planar files too), 8-bit or 16-bit (host order), rows as stored, strips or tiles, any compression libtiff
 * decodes. `out` holds width*height*samples_per_pixel*(bits/8) bytes. For 8/16-bit gray, RGB and CMYK files
 * that TIFFRGBAImage would reduce to 8-bit RGB. Returns CImageShims_tiff_unsupported for other bit depths. */
int CImageShims_tiff_read_samples(CImageShims_tiff_decoder *decoder, uint8_t *out, size_t capacity);

/** The first libtiff error ("" when none). */
const char *CImageShims_tiff_message(const CImageShims_tiff_decoder *decoder);
/** libtiff warnings seen that report damage (unknown tags excluded), and the first one's text. */
int CImageShims_tiff_warning_count(const CImageShims_tiff_decoder *decoder);
const char *CImageShims_tiff_warning_message(const CImageShims_tiff_decoder *decoder);

void CImageShims_tiff_decoder_destroy(CImageShims_tiff_decoder *decoder);

#endif
