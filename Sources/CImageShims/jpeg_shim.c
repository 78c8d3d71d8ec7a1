/* libjpeg-turbo behind setjmp, for ImagePrep's JPEG codec.
 *
 * Discipline (STYLE.md §6, "What to absorb" 12):
 *  - every exported function that calls into libjpeg sets the context's jmp_buf first and calls libjpeg only
 *    from that frame or from static helpers it calls (so the setjmp frame is live whenever libjpeg longjmps,
 *    and no Swift frame ever sits between setjmp and longjmp);
 *  - the functions that call setjmp change no locals after it (the work lives in the *_body helpers), so no
 *    local needs to be volatile; all state that must survive a longjmp lives in the heap context;
 *  - error_exit formats libjpeg's message into the context and longjmps; emit_message counts warnings by
 *    class and keeps the first text of each instead of printing; a warning whose class is in the fail-on mask
 *    longjmps like an error (TurboJPEG's TJFLAG_STOPONWARNING);
 *  - a progress monitor refuses more than max_scans scans (TurboJPEG's TJFLAG_LIMITSCANS), and
 *    mem->max_memory_to_use caps libjpeg's allocations at what the frame needs plus headroom;
 *  - the input source is jpeg_mem_src over caller-owned memory; the encoder writes into a buffer this file
 *    owns (malloc/realloc/free), so every path frees it. */

#include <limits.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#include "CImageShims_jpeg.h"

#define SHIM_DEFAULT_MAX_SCANS 500
#define SHIM_MEMORY_HEADROOM ((size_t)64 << 20)

_Static_assert(JMSG_LENGTH_MAX <= sizeof(((CImageShims_jpeg_encode_result *)0)->message),
               "encode result message buffer must hold a libjpeg message");

/* ------------------------------------------------------------------------------------------------------ */
/* Decoder                                                                                                 */
/* ------------------------------------------------------------------------------------------------------ */

enum { STATE_CREATED, STATE_HEADER, STATE_STARTED, STATE_DONE, STATE_FAILED };

struct CImageShims_jpeg_decoder {
    struct jpeg_decompress_struct cinfo;
    const uint8_t *input;  /* the caller's bytes (jpeg_mem_src), for bytes_read */
    size_t input_size;
    struct jpeg_error_mgr err;
    struct jpeg_progress_mgr progress;
    jmp_buf jmp;
    int created;
    int state;
    int fail_on; /* bit (1 << class) set: a warning of that class longjmps */
    int max_scans;
    int invert_cmyk;
    int planes; /* started with start_planes: read_strip, not read_rows */
    /* The return code a longjmp stands for, and the message/code that go with it. */
    int failure;
    int code;
    char message[JMSG_LENGTH_MAX];
    /* Warnings by class. */
    int warning_count[CImageShims_jpeg_WARN_CLASSES];
    int warning_code[CImageShims_jpeg_WARN_CLASSES];
    char warning_message[CImageShims_jpeg_WARN_CLASSES][JMSG_LENGTH_MAX];
    /* Metadata copied out of libjpeg's pools (which are freed by jpeg_finish_decompress). */
    uint8_t *exif;
    size_t exif_length;
    JOCTET *icc;
    unsigned int icc_length;
};

static struct CImageShims_jpeg_decoder *decoder_of(j_common_ptr cinfo) {
    return (struct CImageShims_jpeg_decoder *)cinfo->client_data;
}

static int warning_class(const struct jpeg_error_mgr *err) {
    switch (err->msg_code) {
    case JWRN_JPEG_EOF:
        return CImageShims_jpeg_WARN_TRUNCATED;
    case JWRN_EXTRANEOUS_DATA: {
        /* Junk before a restart marker sits inside the entropy-coded data; before any other marker it is
         * padding between segments that libjpeg skips without consequence. */
        int marker = err->msg_parm.i[1];
        return (marker >= 0xD0 && marker <= 0xD7) ? CImageShims_jpeg_WARN_CORRUPT : CImageShims_jpeg_WARN_EXTRANEOUS;
    }
    case JWRN_HIT_MARKER:
    case JWRN_HUFF_BAD_CODE:
    case JWRN_ARITH_BAD_CODE:
    case JWRN_MUST_RESYNC:
    case JWRN_NOT_SEQUENTIAL:
    case JWRN_BOGUS_PROGRESSION:
        return CImageShims_jpeg_WARN_CORRUPT;
    default:
        return CImageShims_jpeg_WARN_OTHER;
    }
}

static void decoder_error_exit(j_common_ptr cinfo) {
    struct CImageShims_jpeg_decoder *d = decoder_of(cinfo);
    cinfo->err->format_message(cinfo, d->message);
    d->code = cinfo->err->msg_code;
    switch (cinfo->err->msg_code) {
    case JERR_IMAGE_TOO_BIG: d->failure = CImageShims_jpeg_ERR_DIMENSIONS; break;
    case JERR_OUT_OF_MEMORY:
    case JERR_NO_BACKING_STORE: d->failure = CImageShims_jpeg_ERR_MEMORY; break;
    default: d->failure = CImageShims_jpeg_ERR_LIBRARY; break;
    }
    longjmp(d->jmp, 1);
}

static void decoder_emit_message(j_common_ptr cinfo, int msg_level) {
    if (msg_level >= 0) return; /* trace messages */
    struct CImageShims_jpeg_decoder *d = decoder_of(cinfo);
    int cls = warning_class(cinfo->err);
    cinfo->err->num_warnings++;
    if (d->warning_count[cls]++ == 0) {
        cinfo->err->format_message(cinfo, d->warning_message[cls]);
        d->warning_code[cls] = cinfo->err->msg_code;
    }
    if (d->fail_on & (1 << cls)) {
        cinfo->err->format_message(cinfo, d->message);
        d->code = cinfo->err->msg_code;
        d->failure = CImageShims_jpeg_ERR_WARNING;
        longjmp(d->jmp, 1);
    }
}

static void silent_output_message(j_common_ptr cinfo) { (void)cinfo; }

static void decoder_progress(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor) return;
    struct CImageShims_jpeg_decoder *d = decoder_of(cinfo);
    if (((j_decompress_ptr)cinfo)->input_scan_number > d->max_scans) {
        snprintf(d->message, sizeof d->message, "JPEG image has more than %d scans", d->max_scans);
        d->code = 0;
        d->failure = CImageShims_jpeg_ERR_SCANS;
        longjmp(d->jmp, 1);
    }
}

/* Marks the decoder failed after a longjmp; libjpeg's state is only good for jpeg_destroy from here on. */
static int decoder_failed(struct CImageShims_jpeg_decoder *d) {
    d->state = STATE_FAILED;
    return d->failure;
}

static int usage(struct CImageShims_jpeg_decoder *d, const char *text) {
    snprintf(d->message, sizeof d->message, "%s", text);
    d->code = 0;
    d->failure = CImageShims_jpeg_ERR_USAGE;
    return CImageShims_jpeg_ERR_USAGE;
}

static void create_body(struct CImageShims_jpeg_decoder *d, const uint8_t *data, size_t size) {
    jpeg_create_decompress(&d->cinfo);
    d->created = 1;
    d->cinfo.client_data = d;
    d->cinfo.progress = &d->progress;
    jpeg_mem_src(&d->cinfo, data, (unsigned long)size);
    d->input = data;
    d->input_size = size;
}

CImageShims_jpeg_decoder *CImageShims_jpeg_decoder_create(const uint8_t *data, size_t size, int fail_on, int max_scans) {
    struct CImageShims_jpeg_decoder *d = calloc(1, sizeof *d);
    if (d == NULL) return NULL;
    d->fail_on = fail_on;
    d->max_scans = max_scans > 0 ? max_scans : SHIM_DEFAULT_MAX_SCANS;
    d->state = STATE_CREATED;
    d->cinfo.err = jpeg_std_error(&d->err);
    d->err.error_exit = decoder_error_exit;
    d->err.emit_message = decoder_emit_message;
    d->err.output_message = silent_output_message;
    d->progress.progress_monitor = decoder_progress;
    /* jpeg_create_decompress reads client_data only after creation; set it for error_exit before that. */
    d->cinfo.client_data = d;
    if (setjmp(d->jmp)) {
        /* Creation failed (out of memory) or the input is empty: the context still reports the message. */
        decoder_failed(d);
        return d;
    }
    create_body(d, data, size);
    return d;
}

static int map_color_space(J_COLOR_SPACE space) {
    switch (space) {
    case JCS_GRAYSCALE: return CImageShims_jpeg_SPACE_GRAY;
    case JCS_RGB: return CImageShims_jpeg_SPACE_RGB;
    case JCS_YCbCr: return CImageShims_jpeg_SPACE_YCBCR;
    case JCS_CMYK: return CImageShims_jpeg_SPACE_CMYK;
    case JCS_YCCK: return CImageShims_jpeg_SPACE_YCCK;
    default: return CImageShims_jpeg_SPACE_UNKNOWN;
    }
}

static void read_header_body(struct CImageShims_jpeg_decoder *d, CImageShims_jpeg_header *h) {
    j_decompress_ptr cinfo = &d->cinfo;
    jpeg_save_markers(cinfo, JPEG_APP0 + 1, 0xFFFF);
    jpeg_save_markers(cinfo, JPEG_APP0 + 2, 0xFFFF);
    jpeg_read_header(cinfo, TRUE);

    h->width = (int)cinfo->image_width;
    h->height = (int)cinfo->image_height;
    h->components = cinfo->num_components;
    h->color_space = map_color_space(cinfo->jpeg_color_space);
    h->data_precision = cinfo->data_precision;
    h->progressive = cinfo->progressive_mode ? 1 : 0;
    h->arithmetic = cinfo->arith_code ? 1 : 0;
    h->saw_adobe_marker = cinfo->saw_Adobe_marker ? 1 : 0;
    h->adobe_transform = cinfo->Adobe_transform;
    h->saw_jfif_marker = cinfo->saw_JFIF_marker ? 1 : 0;
    for (int i = 0; i < cinfo->num_components && i < 4; i++) {
        h->h_samp[i] = cinfo->comp_info[i].h_samp_factor;
        h->v_samp[i] = cinfo->comp_info[i].v_samp_factor;
    }

    for (jpeg_saved_marker_ptr m = cinfo->marker_list; m != NULL; m = m->next) {
        if (m->marker == JPEG_APP0 + 1 && m->data_length >= 6 && memcmp(m->data, "Exif\0\0", 6) == 0) {
            size_t length = m->data_length - 6;
            d->exif = malloc(length > 0 ? length : 1);
            if (d->exif == NULL) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 1);
            memcpy(d->exif, m->data + 6, length);
            d->exif_length = length;
            break;
        }
    }
    JOCTET *icc = NULL;
    unsigned int icc_length = 0;
    if (jpeg_read_icc_profile(cinfo, &icc, &icc_length)) {
        d->icc = icc;
        d->icc_length = icc_length;
    }
    h->exif = d->exif;
    h->exif_length = d->exif_length;
    h->icc = d->icc;
    h->icc_length = d->icc_length;
}

int CImageShims_jpeg_decoder_read_header(CImageShims_jpeg_decoder *d, CImageShims_jpeg_header *header) {
    if (d == NULL || header == NULL) return CImageShims_jpeg_ERR_USAGE;
    if (d->state == STATE_FAILED) return d->failure;
    if (d->state != STATE_CREATED) return usage(d, "read_header called twice");
    memset(header, 0, sizeof *header);
    if (setjmp(d->jmp)) {
        /* get_sof stores the frame size before libjpeg checks it: report it for the limit check. */
        header->width = (int)d->cinfo.image_width;
        header->height = (int)d->cinfo.image_height;
        return decoder_failed(d);
    }
    read_header_body(d, header);
    d->state = STATE_HEADER;
    return CImageShims_jpeg_OK;
}

/* Memory the frame legitimately needs: whole-image coefficient arrays for multi-scan files (the largest
 * allocation libjpeg makes), with a margin, plus fixed headroom for tables and row buffers. */
static size_t memory_cap(j_decompress_ptr cinfo) {
    size_t total = 0;
    for (int i = 0; i < cinfo->num_components; i++) {
        const jpeg_component_info *c = &cinfo->comp_info[i];
        size_t blocks = ((size_t)c->width_in_blocks + (size_t)c->h_samp_factor) *
                        ((size_t)c->height_in_blocks + (size_t)c->v_samp_factor);
        total += blocks * DCTSIZE2 * sizeof(JCOEF);
    }
    total += total / 4 + SHIM_MEMORY_HEADROOM;
    return total > (size_t)LONG_MAX ? (size_t)LONG_MAX : total;
}

static void start_body(struct CImageShims_jpeg_decoder *d, int scale_denom, J_COLOR_SPACE out_space) {
    j_decompress_ptr cinfo = &d->cinfo;
    cinfo->scale_num = 1;
    cinfo->scale_denom = (unsigned int)scale_denom;
    cinfo->out_color_space = out_space;
    cinfo->mem->max_memory_to_use = (long)memory_cap(cinfo);
    jpeg_start_decompress(cinfo);
}

int CImageShims_jpeg_decoder_start(CImageShims_jpeg_decoder *d, int scale_denom, int out_space, int invert_cmyk,
                                   int *out_width, int *out_height, int *out_components) {
    if (d == NULL || out_width == NULL || out_height == NULL || out_components == NULL) return CImageShims_jpeg_ERR_USAGE;
    if (d->state == STATE_FAILED) return d->failure;
    if (d->state != STATE_HEADER) return usage(d, "start called before read_header or twice");
    if (scale_denom != 1 && scale_denom != 2 && scale_denom != 4 && scale_denom != 8)
        return usage(d, "scale denominator must be 1, 2, 4 or 8");
    J_COLOR_SPACE space;
    switch (out_space) {
    case CImageShims_jpeg_OUT_GRAY: space = JCS_GRAYSCALE; break;
    case CImageShims_jpeg_OUT_RGB: space = JCS_EXT_RGB; break;
    case CImageShims_jpeg_OUT_CMYK: space = JCS_CMYK; break;
    default: return usage(d, "unknown output colour space");
    }
    d->invert_cmyk = (out_space == CImageShims_jpeg_OUT_CMYK && invert_cmyk) ? 1 : 0;
    if (setjmp(d->jmp)) return decoder_failed(d);
    start_body(d, scale_denom, space);
    *out_width = (int)d->cinfo.output_width;
    *out_height = (int)d->cinfo.output_height;
    *out_components = d->cinfo.output_components;
    d->state = STATE_STARTED;
    return CImageShims_jpeg_OK;
}

static void start_planes_body(struct CImageShims_jpeg_decoder *d, CImageShims_jpeg_planes *planes) {
    j_decompress_ptr cinfo = &d->cinfo;
    cinfo->scale_num = 1;
    cinfo->scale_denom = 1;
    cinfo->out_color_space = JCS_YCbCr;
    cinfo->raw_data_out = TRUE;
    cinfo->mem->max_memory_to_use = (long)memory_cap(cinfo);
    jpeg_start_decompress(cinfo);
    for (int i = 0; i < 3; i++) {
        const jpeg_component_info *c = &cinfo->comp_info[i];
        planes->width[i] = (int)c->downsampled_width;
        planes->height[i] = (int)c->downsampled_height;
        planes->stride[i] = (int)c->width_in_blocks * DCTSIZE;
        planes->strip_rows[i] = c->v_samp_factor * DCTSIZE;
        planes->x_span[i] = cinfo->max_h_samp_factor / c->h_samp_factor;
        planes->y_span[i] = cinfo->max_v_samp_factor / c->v_samp_factor;
    }
    int strip = cinfo->max_v_samp_factor * DCTSIZE;
    planes->strips = (int)((cinfo->output_height + (JDIMENSION)strip - 1) / (JDIMENSION)strip);
}

int CImageShims_jpeg_decoder_start_planes(CImageShims_jpeg_decoder *d, CImageShims_jpeg_planes *planes) {
    if (d == NULL || planes == NULL) return CImageShims_jpeg_ERR_USAGE;
    if (d->state == STATE_FAILED) return d->failure;
    if (d->state != STATE_HEADER) return usage(d, "start_planes called before read_header or after start");
    const struct jpeg_decompress_struct *c = &d->cinfo;
    if (c->num_components != 3 || c->jpeg_color_space != JCS_YCbCr) return usage(d, "planes need a YCbCr frame");
    for (int i = 1; i < 3; i++)
        if (c->comp_info[i].h_samp_factor != 1 || c->comp_info[i].v_samp_factor != 1)
            return usage(d, "planes need chroma sampled 1x1");
    int h = c->comp_info[0].h_samp_factor, v = c->comp_info[0].v_samp_factor;
    if (!((h == 1 && v == 1) || (h == 2 && v == 1) || (h == 2 && v == 2)))
        return usage(d, "planes need 4:4:4, 4:2:2 or 4:2:0 sampling");
    memset(planes, 0, sizeof *planes);
    if (setjmp(d->jmp)) return decoder_failed(d);
    start_planes_body(d, planes);
    d->planes = 1;
    d->state = STATE_STARTED;
    return CImageShims_jpeg_OK;
}

static void read_strip_body(struct CImageShims_jpeg_decoder *d, uint8_t *dst) {
    j_decompress_ptr cinfo = &d->cinfo;
    JSAMPROW rows[3][2 * DCTSIZE];
    JSAMPARRAY image[3];
    uint8_t *at = dst;
    for (int i = 0; i < 3; i++) {
        const jpeg_component_info *c = &cinfo->comp_info[i];
        size_t stride = (size_t)c->width_in_blocks * DCTSIZE;
        for (int r = 0; r < c->v_samp_factor * DCTSIZE; r++) rows[i][r] = at + (size_t)r * stride;
        image[i] = rows[i];
        at += (size_t)(c->v_samp_factor * DCTSIZE) * stride;
    }
    JDIMENSION lines = (JDIMENSION)(cinfo->max_v_samp_factor * DCTSIZE);
    if (jpeg_read_raw_data(cinfo, image, lines) == 0) ERREXIT(cinfo, JERR_INPUT_EMPTY); /* never suspends */
    if (cinfo->output_scanline >= cinfo->output_height) jpeg_finish_decompress(cinfo);
}

int CImageShims_jpeg_decoder_read_strip(CImageShims_jpeg_decoder *d, uint8_t *dst) {
    if (d == NULL || dst == NULL) return CImageShims_jpeg_ERR_USAGE;
    if (d->state == STATE_FAILED) return d->failure;
    if (d->state != STATE_STARTED || !d->planes) return usage(d, "read_strip called before start_planes or after the last strip");
    if (setjmp(d->jmp)) return decoder_failed(d);
    read_strip_body(d, dst);
    if (d->cinfo.output_scanline >= d->cinfo.output_height) d->state = STATE_DONE;
    return CImageShims_jpeg_OK;
}

int CImageShims_jpeg_decoder_strips_left(const CImageShims_jpeg_decoder *d) {
    if (d == NULL || d->state != STATE_STARTED || !d->planes) return 0;
    JDIMENSION strip = (JDIMENSION)(d->cinfo.max_v_samp_factor * DCTSIZE);
    return (int)((d->cinfo.output_height - d->cinfo.output_scanline + strip - 1) / strip);
}

/* Adobe CMYK JPEGs store inverted ink: flip `count` rows of `row_bytes` in place. */
static void invert_rows(JSAMPROW *rows, JDIMENSION count, size_t row_bytes) {
    for (JDIMENSION i = 0; i < count; i++) {
        uint8_t *p = rows[i];
        for (size_t x = 0; x < row_bytes; x++) p[x] = (uint8_t)(255 - p[x]);
    }
}

static void read_image_body(struct CImageShims_jpeg_decoder *d, uint8_t *dst, size_t stride) {
    j_decompress_ptr cinfo = &d->cinfo;
    enum { BATCH = 16 };
    JSAMPROW rows[BATCH];
    size_t row_bytes = (size_t)cinfo->output_width * (size_t)cinfo->output_components;
    while (cinfo->output_scanline < cinfo->output_height) {
        JDIMENSION first = cinfo->output_scanline;
        JDIMENSION want = cinfo->output_height - first;
        if (want > BATCH) want = BATCH;
        for (JDIMENSION i = 0; i < want; i++) rows[i] = dst + (size_t)(first + i) * stride;
        JDIMENSION got = jpeg_read_scanlines(cinfo, rows, want);
        if (got == 0) ERREXIT(cinfo, JERR_INPUT_EMPTY); /* a memory source never suspends; refuse to spin */
        if (d->invert_cmyk) invert_rows(rows, got, row_bytes);
    }
    jpeg_finish_decompress(cinfo);
}

int CImageShims_jpeg_decoder_read_image(CImageShims_jpeg_decoder *d, uint8_t *dst, size_t stride) {
    if (d == NULL || dst == NULL) return CImageShims_jpeg_ERR_USAGE;
    if (d->state == STATE_FAILED) return d->failure;
    if (d->state != STATE_STARTED || d->planes) return usage(d, "read_image called before start or twice");
    if (stride < (size_t)d->cinfo.output_width * (size_t)d->cinfo.output_components)
        return usage(d, "row stride is smaller than a row");
    if (setjmp(d->jmp)) return decoder_failed(d);
    read_image_body(d, dst, stride);
    d->state = STATE_DONE;
    return CImageShims_jpeg_OK;
}

static void read_rows_body(struct CImageShims_jpeg_decoder *d, uint8_t *dst, size_t stride, int count) {
    j_decompress_ptr cinfo = &d->cinfo;
    enum { BATCH = 16 };
    JSAMPROW rows[BATCH];
    size_t row_bytes = (size_t)cinfo->output_width * (size_t)cinfo->output_components;
    int done = 0;
    while (done < count) {
        JDIMENSION want = (JDIMENSION)(count - done);
        if (want > BATCH) want = BATCH;
        for (JDIMENSION i = 0; i < want; i++) rows[i] = dst + (size_t)(done + (int)i) * stride;
        JDIMENSION got = jpeg_read_scanlines(cinfo, rows, want);
        if (got == 0) ERREXIT(cinfo, JERR_INPUT_EMPTY); /* a memory source never suspends; refuse to spin */
        if (d->invert_cmyk) invert_rows(rows, got, row_bytes);
        done += (int)got;
    }
    if (cinfo->output_scanline >= cinfo->output_height) jpeg_finish_decompress(cinfo);
}

int CImageShims_jpeg_decoder_read_rows(CImageShims_jpeg_decoder *d, uint8_t *dst, size_t stride, int count) {
    if (d == NULL || dst == NULL || count < 0) return CImageShims_jpeg_ERR_USAGE;
    if (d->state == STATE_FAILED) return d->failure;
    if (d->state != STATE_STARTED || d->planes) return usage(d, "read_rows called before start or after the last row");
    if (stride < (size_t)d->cinfo.output_width * (size_t)d->cinfo.output_components)
        return usage(d, "row stride is smaller than a row");
    if ((JDIMENSION)count > d->cinfo.output_height - d->cinfo.output_scanline)
        return usage(d, "read_rows asked for more rows than remain");
    if (setjmp(d->jmp)) return decoder_failed(d);
    read_rows_body(d, dst, stride, count);
    if (d->cinfo.output_scanline >= d->cinfo.output_height) d->state = STATE_DONE;
    return CImageShims_jpeg_OK;
}

size_t CImageShims_jpeg_decoder_bytes_read(const CImageShims_jpeg_decoder *d) {
    if (d == NULL || d->cinfo.src == NULL) return 0;
    const JOCTET *next = d->cinfo.src->next_input_byte;
    /* Past the end, jpeg_mem_src reads from a static fake EOI marker: everything was read. */
    if (next < d->input || next > d->input + d->input_size) return d->input_size;
    return (size_t)(next - d->input);
}

int CImageShims_jpeg_decoder_rows_left(const CImageShims_jpeg_decoder *d) {
    if (d == NULL || d->state != STATE_STARTED || d->planes) return 0;
    return (int)(d->cinfo.output_height - d->cinfo.output_scanline);
}

const char *CImageShims_jpeg_decoder_message(const CImageShims_jpeg_decoder *d) {
    return d == NULL ? "out of memory" : d->message;
}

int CImageShims_jpeg_decoder_code(const CImageShims_jpeg_decoder *d) { return d == NULL ? 0 : d->code; }

int CImageShims_jpeg_decoder_warning_count(const CImageShims_jpeg_decoder *d, int cls) {
    if (d == NULL || cls < 0 || cls >= CImageShims_jpeg_WARN_CLASSES) return 0;
    return d->warning_count[cls];
}

const char *CImageShims_jpeg_decoder_warning_message(const CImageShims_jpeg_decoder *d, int cls) {
    if (d == NULL || cls < 0 || cls >= CImageShims_jpeg_WARN_CLASSES || d->warning_count[cls] == 0) return NULL;
    return d->warning_message[cls];
}

int CImageShims_jpeg_decoder_warning_code(const CImageShims_jpeg_decoder *d, int cls) {
    if (d == NULL || cls < 0 || cls >= CImageShims_jpeg_WARN_CLASSES) return 0;
    return d->warning_code[cls];
}

void CImageShims_jpeg_decoder_destroy(CImageShims_jpeg_decoder *d) {
    if (d == NULL) return;
    /* jpeg_destroy_decompress only frees pools; it never calls error_exit. */
    if (d->created) jpeg_destroy_decompress(&d->cinfo);
    free(d->exif);
    free(d->icc); /* jpeg_read_icc_profile allocates with malloc */
    free(d);
}

/* ------------------------------------------------------------------------------------------------------ */
/* Encoder                                                                                                 */
/* ------------------------------------------------------------------------------------------------------ */

struct CImageShims_jpeg_encoder {
    struct jpeg_compress_struct cinfo;
    struct jpeg_error_mgr err;
    struct jpeg_destination_mgr dest;
    jmp_buf jmp;
    int created;
    int state; /* STATE_STARTED (taking rows), STATE_DONE (finished) or STATE_FAILED */
    int failure;
    int code;
    char message[JMSG_LENGTH_MAX];
    uint8_t *buffer;
    size_t capacity;
    size_t size;
};

static struct CImageShims_jpeg_encoder *encoder_of(j_common_ptr cinfo) {
    return (struct CImageShims_jpeg_encoder *)cinfo->client_data;
}

static void encoder_error_exit(j_common_ptr cinfo) {
    struct CImageShims_jpeg_encoder *e = encoder_of(cinfo);
    cinfo->err->format_message(cinfo, e->message);
    e->code = cinfo->err->msg_code;
    e->failure = cinfo->err->msg_code == JERR_OUT_OF_MEMORY ? CImageShims_jpeg_ERR_MEMORY : CImageShims_jpeg_ERR_LIBRARY;
    longjmp(e->jmp, 1);
}

static void encoder_emit_message(j_common_ptr cinfo, int msg_level) {
    if (msg_level < 0) cinfo->err->num_warnings++; /* the compressor's warnings are not about our data */
}

static void dest_init(j_compress_ptr cinfo) {
    struct CImageShims_jpeg_encoder *e = encoder_of((j_common_ptr)cinfo);
    size_t initial = (size_t)cinfo->image_width * cinfo->image_height * (size_t)cinfo->input_components / 8 + 4096;
    if (initial > ((size_t)16 << 20)) initial = (size_t)16 << 20;
    e->buffer = malloc(initial);
    if (e->buffer == NULL) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 1);
    e->capacity = initial;
    e->dest.next_output_byte = e->buffer;
    e->dest.free_in_buffer = initial;
}

static boolean dest_grow(j_compress_ptr cinfo) {
    struct CImageShims_jpeg_encoder *e = encoder_of((j_common_ptr)cinfo);
    size_t old = e->capacity;
    if (old > SIZE_MAX / 2) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 2);
    uint8_t *grown = realloc(e->buffer, old * 2);
    if (grown == NULL) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 3);
    e->buffer = grown;
    e->capacity = old * 2;
    e->dest.next_output_byte = grown + old;
    e->dest.free_in_buffer = old;
    return TRUE;
}

static void dest_term(j_compress_ptr cinfo) {
    struct CImageShims_jpeg_encoder *e = encoder_of((j_common_ptr)cinfo);
    e->size = e->capacity - e->dest.free_in_buffer;
}

static void encoder_start_body(struct CImageShims_jpeg_encoder *e, const CImageShims_jpeg_encode_params *p) {
    j_compress_ptr cinfo = &e->cinfo;
    jpeg_create_compress(cinfo);
    e->created = 1;
    cinfo->client_data = e;
    e->dest.init_destination = dest_init;
    e->dest.empty_output_buffer = dest_grow;
    e->dest.term_destination = dest_term;
    cinfo->dest = &e->dest;

    cinfo->image_width = (JDIMENSION)p->width;
    cinfo->image_height = (JDIMENSION)p->height;
    cinfo->input_components = p->components;
    cinfo->in_color_space = p->components == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(cinfo);
    jpeg_set_quality(cinfo, p->quality, TRUE);
    if (p->components == 3) {
        int luma = p->chroma_444 ? 1 : 2;
        cinfo->comp_info[0].h_samp_factor = luma;
        cinfo->comp_info[0].v_samp_factor = luma;
        cinfo->comp_info[1].h_samp_factor = cinfo->comp_info[1].v_samp_factor = 1;
        cinfo->comp_info[2].h_samp_factor = cinfo->comp_info[2].v_samp_factor = 1;
    }
    cinfo->optimize_coding = p->optimize_coding ? TRUE : FALSE;
    if (p->progressive) jpeg_simple_progression(cinfo);

    jpeg_start_compress(cinfo, TRUE);
    if (p->exif != NULL) {
        jpeg_write_m_header(cinfo, JPEG_APP0 + 1, (unsigned int)(p->exif_length + 6));
        static const char prefix[6] = {'E', 'x', 'i', 'f', 0, 0};
        for (int i = 0; i < 6; i++) jpeg_write_m_byte(cinfo, prefix[i]);
        for (size_t i = 0; i < p->exif_length; i++) jpeg_write_m_byte(cinfo, p->exif[i]);
    }
    if (p->icc != NULL) jpeg_write_icc_profile(cinfo, p->icc, (unsigned int)p->icc_length);
}

static void encoder_write_body(struct CImageShims_jpeg_encoder *e, const uint8_t *pixels, size_t stride, JDIMENSION count) {
    enum { BATCH = 16 };
    JSAMPROW rows[BATCH];
    for (JDIMENSION done = 0; done < count;) {
        JDIMENSION want = count - done;
        if (want > BATCH) want = BATCH;
        for (JDIMENSION i = 0; i < want; i++) rows[i] = (JSAMPROW)(pixels + (size_t)(done + i) * stride);
        JDIMENSION wrote = jpeg_write_scanlines(&e->cinfo, rows, want);
        if (wrote == 0) ERREXIT(&e->cinfo, JERR_CANT_SUSPEND);
        done += wrote;
    }
}

static int encode_usage(CImageShims_jpeg_encode_result *r, const char *text) {
    snprintf(r->message, sizeof r->message, "%s", text);
    return CImageShims_jpeg_ERR_USAGE;
}

/* Copies the failure a longjmp stood for into `r` and marks the encoder failed. */
static int encoder_failed(struct CImageShims_jpeg_encoder *e, CImageShims_jpeg_encode_result *r) {
    e->state = STATE_FAILED;
    memcpy(r->message, e->message, sizeof e->message);
    r->code = e->code;
    return e->failure;
}

int CImageShims_jpeg_encoder_start(const CImageShims_jpeg_encode_params *p, CImageShims_jpeg_encoder **out,
                                   CImageShims_jpeg_encode_result *r) {
    if (p == NULL || out == NULL || r == NULL) return CImageShims_jpeg_ERR_USAGE;
    *out = NULL;
    memset(r, 0, sizeof *r);
    if (p->width <= 0 || p->height <= 0 || p->width > JPEG_MAX_DIMENSION || p->height > JPEG_MAX_DIMENSION)
        return encode_usage(r, "image dimensions must be 1 to 65500 pixels for JPEG");
    if (p->components != 1 && p->components != 3) return encode_usage(r, "JPEG input must be gray or RGB");
    if (p->quality < 1 || p->quality > 100) return encode_usage(r, "quality must be 1 to 100");
    if (p->exif != NULL && p->exif_length > 65533 - 6)
        return encode_usage(r, "EXIF block is too large for one JPEG APP1 segment (65527 bytes at most)");
    if (p->icc != NULL && (p->icc_length == 0 || p->icc_length > UINT_MAX / 2))
        return encode_usage(r, "ICC profile size is out of range");

    struct CImageShims_jpeg_encoder *e = calloc(1, sizeof *e);
    if (e == NULL) {
        snprintf(r->message, sizeof r->message, "out of memory");
        return CImageShims_jpeg_ERR_MEMORY;
    }
    e->cinfo.err = jpeg_std_error(&e->err);
    e->err.error_exit = encoder_error_exit;
    e->err.emit_message = encoder_emit_message;
    e->err.output_message = silent_output_message;
    e->cinfo.client_data = e;
    if (setjmp(e->jmp)) {
        int failure = encoder_failed(e, r);
        CImageShims_jpeg_encoder_free(e);
        return failure;
    }
    encoder_start_body(e, p);
    e->state = STATE_STARTED;
    *out = e;
    return CImageShims_jpeg_OK;
}

int CImageShims_jpeg_encoder_write(CImageShims_jpeg_encoder *e, const uint8_t *rows, size_t stride, int count,
                                   CImageShims_jpeg_encode_result *r) {
    if (e == NULL || r == NULL) return CImageShims_jpeg_ERR_USAGE;
    memset(r, 0, sizeof *r);
    if (e->state != STATE_STARTED) return encode_usage(r, "the encoder is not taking rows (finished or failed)");
    if (count < 0 || (JDIMENSION)count > e->cinfo.image_height - e->cinfo.next_scanline)
        return encode_usage(r, "more rows than the image has left");
    if (count > 0 && (rows == NULL || stride < (size_t)e->cinfo.image_width * (size_t)e->cinfo.input_components))
        return encode_usage(r, "row stride is smaller than a row");
    if (setjmp(e->jmp)) return encoder_failed(e, r);
    encoder_write_body(e, rows, stride, (JDIMENSION)count);
    return CImageShims_jpeg_OK;
}

int CImageShims_jpeg_encoder_finish(CImageShims_jpeg_encoder *e, CImageShims_jpeg_encode_result *r) {
    if (e == NULL || r == NULL) return CImageShims_jpeg_ERR_USAGE;
    memset(r, 0, sizeof *r);
    if (e->state != STATE_STARTED) return encode_usage(r, "the encoder is not taking rows (finished or failed)");
    if (e->cinfo.next_scanline < e->cinfo.image_height) return encode_usage(r, "rows are missing at the bottom of the image");
    if (setjmp(e->jmp)) return encoder_failed(e, r);
    jpeg_finish_compress(&e->cinfo);
    e->state = STATE_DONE;
    r->data = e->buffer;
    r->size = e->size;
    e->buffer = NULL;
    return CImageShims_jpeg_OK;
}

void CImageShims_jpeg_encoder_free(CImageShims_jpeg_encoder *e) {
    if (e == NULL) return;
    if (e->created) jpeg_destroy_compress(&e->cinfo);
    free(e->buffer);
    free(e);
}

int CImageShims_jpeg_encode(const CImageShims_jpeg_encode_params *p, CImageShims_jpeg_encode_result *r) {
    if (p == NULL || r == NULL) return CImageShims_jpeg_ERR_USAGE;
    memset(r, 0, sizeof *r);
    if (p->pixels == NULL) return encode_usage(r, "image dimensions must be 1 to 65500 pixels for JPEG");
    CImageShims_jpeg_encoder *e = NULL;
    int rc = CImageShims_jpeg_encoder_start(p, &e, r);
    if (rc == CImageShims_jpeg_OK) rc = CImageShims_jpeg_encoder_write(e, p->pixels, p->stride, p->height, r);
    if (rc == CImageShims_jpeg_OK) rc = CImageShims_jpeg_encoder_finish(e, r);
    CImageShims_jpeg_encoder_free(e);
    return rc;
}

void CImageShims_jpeg_encode_result_free(CImageShims_jpeg_encode_result *r) {
    if (r == NULL) return;
    free(r->data);
    r->data = NULL;
    r->size = 0;
}
