#ifndef C_IMAGE_SHIMS_PNG_H
#define C_IMAGE_SHIMS_PNG_H
#include <stddef.h>
#include <stdint.h>

/* libpng (1.6) behind setjmp. Every function that calls into libpng in a way that can png_error/longjmp does
 * its own setjmp(png_jmpbuf(...)); Swift only sees int codes and text copied into C-owned buffers.
 * Return codes: 0 = success, negative = failure (see CImageShims_png_status). */

/** Status codes returned by the PNG shim. */
typedef enum {
    CImageShims_png_ok = 0,
    /** libpng reported an error (message in the context). */
    CImageShims_png_error = -1,
    /** The header exceeded png_set_user_limits (width/height); libpng's message is in the context. */
    CImageShims_png_limit = -2,
    /** Out of memory in the shim itself. */
    CImageShims_png_nomem = -3,
    /** The caller's arguments do not match the image (buffer too small, wrong call order). */
    CImageShims_png_usage = -4,
} CImageShims_png_status;

enum { CImageShims_png_message_capacity = 256, CImageShims_png_max_kept_warnings = 16 };

/** An opaque decoding context over an in-memory PNG (the bytes must outlive the context). */
typedef struct CImageShims_png_decoder CImageShims_png_decoder;

/** What IHDR and the chunks before IDAT said (after CImageShims_png_read_header). */
typedef struct {
    uint32_t width;
    uint32_t height;
    /** Bits per sample as stored: 1, 2, 4, 8 or 16. */
    int bit_depth;
    /** PNG colour type as stored (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA). */
    int color_type;
    /** 1 when Adam7 interlaced. */
    int interlaced;
    /** 1 when a tRNS chunk is present. */
    int has_trns;
} CImageShims_png_header;

/** Metadata pointers into libpng's memory: valid until the next shim call on the same context. */
typedef struct {
    int has_gamma;
    double gamma;
    int has_srgb;
    int srgb_intent;
    const uint8_t *icc;
    uint32_t icc_length;
    const uint8_t *exif;
    uint32_t exif_length;
} CImageShims_png_metadata;

/** The pixel format the decoder will produce after transforms (after CImageShims_png_start_pixels). */
typedef struct {
    /** 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. */
    int channels;
    /** 8 or 16 (16-bit samples are native-endian). */
    int bit_depth;
    /** Bytes per output row. */
    size_t row_bytes;
} CImageShims_png_output;

/** Creates a context reading `size` bytes at `data`. Limits: 0 means libpng's own default. libpng's own
 *  allocations are capped at 2 * max_chunk_bytes + 16 * max_width + 1 MiB per block, so a chunk that declares
 *  a huge length is skipped with a warning instead of being allocated. With `lenient` 1, CRC errors in
 *  critical chunks are warnings and the data is used (png_set_crc_action PNG_CRC_WARN_USE). Returns NULL when
 *  out of memory. */
CImageShims_png_decoder *CImageShims_png_decoder_create(const uint8_t *data, size_t size, uint32_t max_width,
                                                        uint32_t max_height, size_t max_chunk_bytes,
                                                        uint32_t max_cached_chunks, int lenient);
/** Frees the context and everything libpng allocated for it (safe after any failure). */
void CImageShims_png_decoder_destroy(CImageShims_png_decoder *decoder);

/** Reads the signature, IHDR and every chunk before the first IDAT (png_read_info). */
int CImageShims_png_read_header(CImageShims_png_decoder *decoder, CImageShims_png_header *header);
/** Copies pointers to gAMA/sRGB/iCCP/eXIf as currently known (no libpng call here can longjmp). */
void CImageShims_png_get_metadata(CImageShims_png_decoder *decoder, CImageShims_png_metadata *metadata);

/** Sets up the transforms (expand palette/gray/tRNS to 8-bit channels and alpha, interlace handling,
 *  16-bit kept native-endian unless `keep_sixteen_bit` is 0, then scaled to 8) and reports the output. */
int CImageShims_png_start_pixels(CImageShims_png_decoder *decoder, int keep_sixteen_bit,
                                 CImageShims_png_output *output);
/** Decodes the whole image (png_read_image over a row-pointer array the shim owns) into `pixels`
 *  (`row_stride` bytes per row, `size` bytes in all). When `zero_fill` is 1 the buffer is cleared first, so
 *  after a failure the parts not reached are zero. `rows_done` receives the number of rows libpng finished
 *  (summed over Adam7 passes for interlaced images; the height on success). */
int CImageShims_png_read_pixels(CImageShims_png_decoder *decoder, uint8_t *pixels, size_t size, size_t row_stride,
                                int zero_fill, uint32_t *rows_done);
/** Reads the chunks after the image data (png_read_end), for example a late eXIf. */
int CImageShims_png_read_end(CImageShims_png_decoder *decoder);

/** libpng's last error message (empty when none). */
const char *CImageShims_png_decoder_message(const CImageShims_png_decoder *decoder);
/** Warnings libpng reported so far (all of them, including those not kept). */
int CImageShims_png_decoder_warning_count(const CImageShims_png_decoder *decoder);
/** Warning `index` (< min(count, CImageShims_png_max_kept_warnings)), or "" when out of range. */
const char *CImageShims_png_decoder_warning(const CImageShims_png_decoder *decoder, int index);

/** What to write. `pixels` rows are packed as `color_type`/`bit_depth` say; 16-bit samples native-endian. */
typedef struct {
    uint32_t width;
    uint32_t height;
    /** 0 gray, 2 RGB, 4 gray+alpha, 6 RGBA. */
    int color_type;
    /** 8 or 16. */
    int bit_depth;
    /** zlib level 0–9. */
    int compression_level;
    /** A PNG_FILTER_* mask (PNG_ALL_FILTERS for libpng's adaptive choice). */
    int filters;
    /** An ICC profile to write as iCCP (NULL for none). */
    const uint8_t *icc;
    size_t icc_length;
    /** sRGB rendering intent 0–3, or -1 for no sRGB chunk (ignored when `icc` is set). */
    int srgb_intent;
    /** A raw EXIF block to write as eXIf (NULL for none). */
    const uint8_t *exif;
    size_t exif_length;
} CImageShims_png_encode_params;

/** Encodes into a malloc'ed buffer returned in `*output` / `*output_size` (free it with CImageShims_free).
 *  On failure `*output` is NULL and libpng's message is copied into `message` (`message_capacity` bytes). */
int CImageShims_png_encode(const CImageShims_png_encode_params *params, const uint8_t *pixels, size_t row_stride,
                           uint8_t **output, size_t *output_size, char *message, size_t message_capacity);

#endif
