#ifndef C_IMAGE_SHIMS_JPEG_H
#define C_IMAGE_SHIMS_JPEG_H
#include <stddef.h>
#include <stdint.h>

/* libjpeg-turbo behind setjmp. Every function that calls into libjpeg sets its own jmp_buf before the first
 * call; the error manager copies the library's formatted message into the context and longjmps back there.
 * Swift sees an opaque context, int return codes and message accessors only. */

/* ---- Return codes (0 = success) ---- */
enum {
    CImageShims_jpeg_OK = 0,
    /** libjpeg's error_exit: see CImageShims_jpeg_decoder_message / _code. */
    CImageShims_jpeg_ERR_LIBRARY = -1,
    /** A warning of a class in the decoder's fail-on mask; the warning's text and code are the message. */
    CImageShims_jpeg_ERR_WARNING = -2,
    /** A progressive file with more scans than the limit. */
    CImageShims_jpeg_ERR_SCANS = -3,
    /** libjpeg needed more memory than the context's cap (or malloc failed). */
    CImageShims_jpeg_ERR_MEMORY = -4,
    /** The frame is larger than libjpeg's 65500-pixel maximum; the header's width/height are filled in. */
    CImageShims_jpeg_ERR_DIMENSIONS = -5,
    /** A bad argument from the caller (wrong state, unsupported parameter). */
    CImageShims_jpeg_ERR_USAGE = -6,
};

/* ---- Warning classes (libjpeg's JWRN_* codes sorted by consequence) ---- */
enum {
    /** Premature end of the file: libjpeg pads the rest of the image. */
    CImageShims_jpeg_WARN_TRUNCATED = 0,
    /** Corrupt entropy-coded data (bad Huffman/arithmetic code, lost restart sync, junk inside a scan). */
    CImageShims_jpeg_WARN_CORRUPT = 1,
    /** Junk bytes between header markers: skipped, the image is unaffected. */
    CImageShims_jpeg_WARN_EXTRANEOUS = 2,
    /** Anything else libjpeg warns about (unknown Adobe transform, bad ICC marker, JFIF revision). */
    CImageShims_jpeg_WARN_OTHER = 3,
    CImageShims_jpeg_WARN_CLASSES = 4,
};

/* ---- Output colour spaces ---- */
enum {
    CImageShims_jpeg_OUT_GRAY = 1,
    CImageShims_jpeg_OUT_RGB = 2,
    CImageShims_jpeg_OUT_CMYK = 3,
};

/* ---- File colour spaces (jpeg_color_space) ---- */
enum {
    CImageShims_jpeg_SPACE_UNKNOWN = 0,
    CImageShims_jpeg_SPACE_GRAY = 1,
    CImageShims_jpeg_SPACE_RGB = 2,
    CImageShims_jpeg_SPACE_YCBCR = 3,
    CImageShims_jpeg_SPACE_CMYK = 4,
    CImageShims_jpeg_SPACE_YCCK = 5,
};

/** Facts from the header. Metadata pointers are owned by the context and valid until it is destroyed. */
typedef struct CImageShims_jpeg_header {
    int width;
    int height;
    int components;
    /** One of CImageShims_jpeg_SPACE_*. */
    int color_space;
    int data_precision;
    int progressive;
    int arithmetic;
    int saw_adobe_marker;
    int adobe_transform;
    int saw_jfif_marker;
    /** Each component's sampling factors (the first 4 components; 0 beyond num_components). */
    int h_samp[4];
    int v_samp[4];
    /** The first APP1 "Exif\0\0" segment's payload after that prefix (TIFF header onwards), or NULL. */
    const uint8_t *exif;
    size_t exif_length;
    /** The ICC profile reassembled from APP2 segments, or NULL. */
    const uint8_t *icc;
    size_t icc_length;
} CImageShims_jpeg_header;

typedef struct CImageShims_jpeg_decoder CImageShims_jpeg_decoder;

/** A decoder over `size` bytes at `data`, which must stay valid and unchanged until destroy.
 *  `fail_on` is a mask of warning classes (1 << CImageShims_jpeg_WARN_*) whose first warning stops decoding with
 *  CImageShims_jpeg_ERR_WARNING; 0 only collects warnings.
 *  `max_scans` bounds the number of scans (0 = default 500). Returns NULL when out of memory. */
CImageShims_jpeg_decoder *CImageShims_jpeg_decoder_create(const uint8_t *data, size_t size, int fail_on, int max_scans);

/** Reads the markers up to the first scan. */
int CImageShims_jpeg_decoder_read_header(CImageShims_jpeg_decoder *decoder, CImageShims_jpeg_header *header);

/** Starts decompression at 1/`scale_denom` (1, 2, 4 or 8) into `out_space` (CImageShims_jpeg_OUT_*);
 *  `invert_cmyk` != 0 inverts CMYK samples (undoing Adobe's inverted storage). Caps libjpeg's memory at what
 *  the frame needs plus headroom. Reports the output geometry. */
int CImageShims_jpeg_decoder_start(CImageShims_jpeg_decoder *decoder, int scale_denom, int out_space, int invert_cmyk,
                                   int *out_width, int *out_height, int *out_components);

/** Decodes every scanline into `dst` (rows `stride` bytes apart; `stride` >= out_width * out_components;
 *  `dst` holds out_height rows) and finishes decompression. */
int CImageShims_jpeg_decoder_read_image(CImageShims_jpeg_decoder *decoder, uint8_t *dst, size_t stride);

/** Decodes the next `count` scanlines into `dst` (rows `stride` bytes apart), for callers that consume rows as
 *  they come (nothing holds the whole image); after the last row it finishes decompression. Call after start,
 *  any number of times, never asking for more rows than remain (see rows_left). Each call sets its own jmp_buf. */
int CImageShims_jpeg_decoder_read_rows(CImageShims_jpeg_decoder *decoder, uint8_t *dst, size_t stride, int count);

/** How many of the input bytes libjpeg has read so far. It reads its source front to back and never goes back,
 *  so the bytes before this offset are not read again by this decoder. */
size_t CImageShims_jpeg_decoder_bytes_read(const CImageShims_jpeg_decoder *decoder);

/** The three planes of a YCbCr decode without upsampling or colour conversion (libjpeg's raw_data_out). */
typedef struct CImageShims_jpeg_planes {
    /** Samples of each plane's rows that are image (libjpeg's downsampled_width). */
    int width[3];
    /** Rows of each plane that are image (downsampled_height). */
    int height[3];
    /** Bytes libjpeg writes in each plane's rows (width_in_blocks × 8 >= width). */
    int stride[3];
    /** Rows of each plane in one strip (one iMCU row: v_samp_factor × 8). */
    int strip_rows[3];
    /** How many image columns and rows one sample of each plane spans (max_samp_factor / samp_factor: 1 or 2). */
    int x_span[3];
    int y_span[3];
    /** Strips in the image. */
    int strips;
} CImageShims_jpeg_planes;

/** Starts decompression at full size into YCbCr planes, as libjpeg stores them (no upsampling, no colour
 *  conversion). Needs a 3-component YCbCr frame whose chroma is sampled 1x1 and whose luma is sampled 1x1, 2x1
 *  or 2x2 (4:4:4, 4:2:2, 4:2:0); anything else is a usage error. Caps memory as start does. */
int CImageShims_jpeg_decoder_start_planes(CImageShims_jpeg_decoder *decoder, CImageShims_jpeg_planes *planes);

/** Decodes the next strip into `dst`: plane 0's strip_rows[0] rows of stride[0] bytes, then plane 1's, then
 *  plane 2's. Rows of the last strip below the image are left as they were. After the last strip it finishes
 *  decompression. Each call sets its own jmp_buf. */
int CImageShims_jpeg_decoder_read_strip(CImageShims_jpeg_decoder *decoder, uint8_t *dst);

/** Strips still to be read after start_planes (0 otherwise, after the last strip or after a failure). */
int CImageShims_jpeg_decoder_strips_left(const CImageShims_jpeg_decoder *decoder);

/** Scanlines still to be read after start (0 before start, after the last row or after a failure). */
int CImageShims_jpeg_decoder_rows_left(const CImageShims_jpeg_decoder *decoder);

/** The last error's text (libjpeg's own wording), or "" when none. */
const char *CImageShims_jpeg_decoder_message(const CImageShims_jpeg_decoder *decoder);

/** The last error's libjpeg message code (J_MESSAGE_CODE), or 0. */
int CImageShims_jpeg_decoder_code(const CImageShims_jpeg_decoder *decoder);

/** How many warnings of class `warning_class` were emitted (0 when none). */
int CImageShims_jpeg_decoder_warning_count(const CImageShims_jpeg_decoder *decoder, int warning_class);

/** The first warning text of class `warning_class`, or NULL when none. */
const char *CImageShims_jpeg_decoder_warning_message(const CImageShims_jpeg_decoder *decoder, int warning_class);

/** The first warning's libjpeg message code of class `warning_class`, or 0. */
int CImageShims_jpeg_decoder_warning_code(const CImageShims_jpeg_decoder *decoder, int warning_class);

/** Frees the context, libjpeg's state and every buffer, whatever state the decoder is in. NULL is allowed. */
void CImageShims_jpeg_decoder_destroy(CImageShims_jpeg_decoder *decoder);

/* ---- Encoding ---- */

/** Encoder input and options. */
typedef struct CImageShims_jpeg_encode_params {
    const uint8_t *pixels;
    int width;
    int height;
    /** 1 (gray) or 3 (RGB). */
    int components;
    size_t stride;
    /** 1-100. */
    int quality;
    /** Full-resolution chroma (4:4:4) when != 0, else 4:2:0. */
    int chroma_444;
    int progressive;
    int optimize_coding;
    /** An ICC profile to write (APP2 segments), or NULL. */
    const uint8_t *icc;
    size_t icc_length;
    /** An EXIF block (TIFF header onwards) to write as APP1 "Exif\0\0", or NULL. */
    const uint8_t *exif;
    size_t exif_length;
} CImageShims_jpeg_encode_params;

/** Encoder output: a malloc'd buffer (free it with CImageShims_jpeg_encode_result_free), or the error. */
typedef struct CImageShims_jpeg_encode_result {
    uint8_t *data;
    size_t size;
    int code;
    char message[200];
} CImageShims_jpeg_encode_result;

/** Encodes; returns 0 and fills result->data/size, or a negative code and result->message/code. */
int CImageShims_jpeg_encode(const CImageShims_jpeg_encode_params *params, CImageShims_jpeg_encode_result *result);

/** Frees result->data (NULL allowed) and clears it. */
void CImageShims_jpeg_encode_result_free(CImageShims_jpeg_encode_result *result);

/** An encode fed a band of rows at a time, so that it can overlap the work producing them. The file equals
 *  CImageShims_jpeg_encode's for the same params and rows (that function is start, write, finish, free). */
typedef struct CImageShims_jpeg_encoder CImageShims_jpeg_encoder;

/** Starts an encode with params' size, settings and metadata (params->pixels and stride are not read; the
 *  metadata is written here and need not outlive the call). Returns 0 and *encoder, or a negative code with
 *  result->message/code and *encoder NULL. */
int CImageShims_jpeg_encoder_start(const CImageShims_jpeg_encode_params *params, CImageShims_jpeg_encoder **encoder,
                                   CImageShims_jpeg_encode_result *result);

/** Compresses the next `count` rows (params->width × components bytes each, `stride` bytes apart), top to
 *  bottom; never more rows than remain. Returns 0, or a negative code with result->message/code, after which
 *  only free may be called. Each call sets its own jmp_buf. */
int CImageShims_jpeg_encoder_write(CImageShims_jpeg_encoder *encoder, const uint8_t *rows, size_t stride, int count,
                                   CImageShims_jpeg_encode_result *result);

/** After the last row: finishes the file and moves it into result->data/size (free it with
 *  CImageShims_jpeg_encode_result_free). Returns 0, or a negative code with result->message/code. */
int CImageShims_jpeg_encoder_finish(CImageShims_jpeg_encoder *encoder, CImageShims_jpeg_encode_result *result);

/** Frees the encoder, libjpeg's state and any unfinished file, whatever state it is in. NULL is allowed. */
void CImageShims_jpeg_encoder_free(CImageShims_jpeg_encoder *encoder);

#endif
