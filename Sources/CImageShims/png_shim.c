/* libpng behind setjmp: the only place ImagePrep calls libpng functions that can png_error (longjmp).
 *
 * Rules kept here (STYLE.md "What to absorb" 11-12):
 * - every function that calls libpng in a way that can longjmp does setjmp(png_jmpbuf(png)) itself, so no Swift
 *   frame ever sits between the setjmp and the longjmp;
 * - input comes from a C read callback over an in-memory buffer, output goes to a growing C buffer;
 * - the error callback copies libpng's message into the context (nothing is printed), warnings are counted and
 *   the first few kept;
 * - memory the shim allocates around a longjmp (row pointers, output buffer) is freed on every path. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>

#include "CImageShims.h"
#include "png_idat.h"

/* MARK: - Shared error handling */

/* The part of both contexts that the error and warning callbacks write. */
typedef struct {
    char message[CImageShims_png_message_capacity];
    char warnings[CImageShims_png_max_kept_warnings][CImageShims_png_message_capacity];
    int warning_count;
    int limit_exceeded;
    /* Set by a lenient read that ran past the end of the input (and zero-padded the request). */
    int truncated;
} shim_messages;

static void copy_text(char *destination, size_t capacity, const char *text) {
    if (capacity == 0) return;
    size_t length = text ? strlen(text) : 0;
    if (length >= capacity) length = capacity - 1;
    if (length) memcpy(destination, text, length);
    destination[length] = '\0';
}

static void shim_error(png_structp png, png_const_charp text) {
    shim_messages *messages = (shim_messages *)png_get_error_ptr(png);
    if (messages && messages->truncated) {
        /* The real cause: the data ended; what libpng then said about the zero padding is secondary. */
        char combined[CImageShims_png_message_capacity];
        snprintf(combined, sizeof combined, "unexpected end of file (truncated PNG); then: %s", text ? text : "");
        copy_text(messages->message, sizeof messages->message, combined);
    } else if (messages) {
        copy_text(messages->message, sizeof messages->message, text);
    }
    png_longjmp(png, 1);
}

static void shim_warning(png_structp png, png_const_charp text) {
    shim_messages *messages = (shim_messages *)png_get_error_ptr(png);
    if (!messages) return;
    if (messages->warning_count < CImageShims_png_max_kept_warnings)
        copy_text(messages->warnings[messages->warning_count], CImageShims_png_message_capacity, text);
    messages->warning_count++;
    /* png_check_IHDR warns "Image width/height exceeds user limit in IHDR" before failing. */
    if (text && strstr(text, "exceeds user limit")) messages->limit_exceeded = 1;
}

/* MARK: - Decoding */

struct CImageShims_png_decoder {
    shim_messages messages; /* first: png_get_error_ptr points here */
    png_structp png;
    png_infop info;
    const uint8_t *data;
    size_t size;
    size_t offset;
    png_bytep *rows;
    uint32_t height;
    uint32_t rows_read;
    int interlaced;
    int stage; /* 0 created, 1 header read, 2 transforms set, 3 pixels read, 4 end read, -1 failed */
    size_t max_allocation;
    int lenient;
};

/* libpng's allocator for a decoder: refuses any single block over the context's cap. libpng 1.6 only reports
 * an oversized ancillary chunk as a benign error and then allocates its declared length (up to 2 GB) before
 * finding the data missing; with the cap it gets NULL, warns "insufficient memory" and skips the chunk. */
static png_voidp shim_malloc(png_structp png, png_alloc_size_t size) {
    CImageShims_png_decoder *decoder = (CImageShims_png_decoder *)png_get_mem_ptr(png);
    if (decoder && size > decoder->max_allocation) return NULL;
    return malloc(size);
}

static void shim_free(png_structp png, png_voidp pointer) {
    (void)png;
    free(pointer);
}

static void shim_read(png_structp png, png_bytep out, size_t length) {
    CImageShims_png_decoder *decoder = (CImageShims_png_decoder *)png_get_io_ptr(png);
    size_t available = decoder->size - decoder->offset;
    if (length > available) {
        /* Strict, or already padded once: fail. Lenient, while decoding pixels: hand libpng what is left plus
         * zeros, so the rows inside a final, cut IDAT still decode; the next read (or zlib) then fails. */
        if (!decoder->lenient || decoder->messages.truncated || decoder->stage != 2 || available == 0)
            png_error(png, "unexpected end of file (truncated PNG)");
        memcpy(out, decoder->data + decoder->offset, available);
        memset(out + available, 0, length - available);
        decoder->offset = decoder->size;
        decoder->messages.truncated = 1;
        return;
    }
    memcpy(out, decoder->data + decoder->offset, length);
    decoder->offset += length;
}

static void shim_row_done(png_structp png, png_uint_32 row, int pass) {
    (void)row;
    (void)pass;
    CImageShims_png_decoder *decoder = (CImageShims_png_decoder *)png_get_io_ptr(png);
    if (decoder) decoder->rows_read++;
}

CImageShims_png_decoder *CImageShims_png_decoder_create(const uint8_t *data, size_t size, uint32_t max_width,
                                                        uint32_t max_height, size_t max_chunk_bytes,
                                                        uint32_t max_cached_chunks, int lenient) {
    CImageShims_png_decoder *decoder = calloc(1, sizeof *decoder);
    if (!decoder) return NULL;
    decoder->data = data;
    decoder->size = data ? size : 0;
    /* The largest block libpng may need: chunk data and sPLT tables (about twice the chunk limit), rows of up
     * to 8 bytes per pixel (twice: current and previous row), zlib state and slack. */
    size_t chunk_cap = max_chunk_bytes ? max_chunk_bytes : (size_t)8000000;
    size_t width_cap = max_width ? max_width : 0x7fffffffU;
    decoder->max_allocation = 2 * chunk_cap + 16 * width_cap + ((size_t)1 << 20);
    /* png_create_read_struct_2 guards its own setjmp and returns NULL on failure. */
    decoder->png = png_create_read_struct_2(PNG_LIBPNG_VER_STRING, &decoder->messages, shim_error, shim_warning,
                                            decoder, shim_malloc, shim_free);
    if (!decoder->png) {
        free(decoder);
        return NULL;
    }
    decoder->info = png_create_info_struct(decoder->png);
    if (!decoder->info) {
        png_destroy_read_struct(&decoder->png, NULL, NULL);
        free(decoder);
        return NULL;
    }
    /* Plain setters: none of these can png_error. */
    png_set_read_fn(decoder->png, decoder, shim_read);
    png_set_read_status_fn(decoder->png, shim_row_done);
    const uint32_t png_max = 0x7fffffffU;
    png_set_user_limits(decoder->png, max_width && max_width < png_max ? max_width : png_max,
                        max_height && max_height < png_max ? max_height : png_max);
    if (max_chunk_bytes) png_set_chunk_malloc_max(decoder->png, max_chunk_bytes);
    if (max_cached_chunks) png_set_chunk_cache_max(decoder->png, max_cached_chunks);
    /* Text chunks are never used: skip them unread so a header read never inflates a zTXt/iTXt bomb
       (libpng would otherwise decompress every text chunk before IHDR's first IDAT). */
    static const png_byte text_chunks[] = {'t', 'E', 'X', 't', '\0', 'z', 'T', 'X', 't', '\0', 'i', 'T', 'X', 't', '\0'};
    png_set_keep_unknown_chunks(decoder->png, PNG_HANDLE_CHUNK_NEVER, text_chunks, 3);
    /* Lenient: a CRC mismatch in a critical chunk (IHDR, PLTE, IDAT) is a warning and the data is used. */
    if (lenient) png_set_crc_action(decoder->png, PNG_CRC_WARN_USE, PNG_CRC_WARN_USE);
    decoder->lenient = lenient;
    return decoder;
}

void CImageShims_png_decoder_destroy(CImageShims_png_decoder *decoder) {
    if (!decoder) return;
    free(decoder->rows);
    png_destroy_read_struct(&decoder->png, &decoder->info, NULL);
    free(decoder);
}

int CImageShims_png_read_header(CImageShims_png_decoder *decoder, CImageShims_png_header *header) {
    if (!decoder || !header || decoder->stage != 0) return CImageShims_png_usage;
    png_structp png = decoder->png;
    png_infop info = decoder->info;
    if (setjmp(png_jmpbuf(png))) {
        decoder->stage = -1;
        return decoder->messages.limit_exceeded ? CImageShims_png_limit : CImageShims_png_error;
    }
    png_read_info(png, info);
    memset(header, 0, sizeof *header);
    header->width = png_get_image_width(png, info);
    header->height = png_get_image_height(png, info);
    header->bit_depth = png_get_bit_depth(png, info);
    header->color_type = png_get_color_type(png, info);
    header->interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    header->has_trns = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
    decoder->height = header->height;
    decoder->interlaced = header->interlaced;
    decoder->stage = 1;
    return CImageShims_png_ok;
}

void CImageShims_png_get_metadata(CImageShims_png_decoder *decoder, CImageShims_png_metadata *metadata) {
    if (!metadata) return;
    memset(metadata, 0, sizeof *metadata);
    if (!decoder || decoder->stage <= 0) return;
    png_structp png = decoder->png;
    png_infop info = decoder->info;
    /* Getters only: they never call png_error. */
    double gamma = 0;
    if (png_get_gAMA(png, info, &gamma)) {
        metadata->has_gamma = 1;
        metadata->gamma = gamma;
    }
    int intent = 0;
    if (png_get_sRGB(png, info, &intent)) {
        metadata->has_srgb = 1;
        metadata->srgb_intent = intent;
    }
    png_charp name = NULL;
    int compression = 0;
    png_bytep profile = NULL;
    png_uint_32 profile_length = 0;
    if (png_get_iCCP(png, info, &name, &compression, &profile, &profile_length) && profile) {
        metadata->icc = profile;
        metadata->icc_length = profile_length;
    }
    png_uint_32 exif_length = 0;
    png_bytep exif = NULL;
    if (png_get_eXIf_1(png, info, &exif_length, &exif) && exif) {
        metadata->exif = exif;
        metadata->exif_length = exif_length;
    }
}

int CImageShims_png_start_pixels(CImageShims_png_decoder *decoder, int keep_sixteen_bit,
                                 CImageShims_png_output *output) {
    if (!decoder || !output || decoder->stage != 1) return CImageShims_png_usage;
    png_structp png = decoder->png;
    png_infop info = decoder->info;
    if (setjmp(png_jmpbuf(png))) {
        decoder->stage = -1;
        return CImageShims_png_error;
    }
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (bit_depth == 16) {
        if (keep_sixteen_bit) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            png_set_swap(png); /* PNG is big-endian; ImageCore stores native-endian UInt16. */
#endif
        } else {
            png_set_scale_16(png); /* round(v / 257), like Image.to8Bit() */
        }
    }
    (void)png_set_interlace_handling(png);
    png_read_update_info(png, info);
    output->channels = png_get_channels(png, info);
    output->bit_depth = png_get_bit_depth(png, info);
    output->row_bytes = png_get_rowbytes(png, info);
    decoder->stage = 2;
    return CImageShims_png_ok;
}

int CImageShims_png_read_pixels(CImageShims_png_decoder *decoder, uint8_t *pixels, size_t size, size_t row_stride,
                                int zero_fill, uint32_t *rows_done) {
    if (rows_done) *rows_done = 0;
    if (!decoder || !pixels || decoder->stage != 2) return CImageShims_png_usage;
    png_structp png = decoder->png;
    png_infop info = decoder->info;
    uint32_t height = decoder->height;
    if (row_stride < png_get_rowbytes(png, info) || height == 0 || size / row_stride < height)
        return CImageShims_png_usage;
    decoder->rows = malloc((size_t)height * sizeof *decoder->rows);
    if (!decoder->rows) return CImageShims_png_nomem;
    for (uint32_t y = 0; y < height; y++) decoder->rows[y] = pixels + (size_t)y * row_stride;
    /* Interlaced passes write pixels sparsely, so their buffer is zeroed up front; a sequential image only has
       the rows after the last one read zeroed, and only when one was read (a tiny truncated file declaring a
       huge image must not make us touch the whole buffer for nothing). */
    if (zero_fill && decoder->interlaced) memset(pixels, 0, (size_t)height * row_stride);
    decoder->rows_read = 0;
    if (setjmp(png_jmpbuf(png))) {
        free(decoder->rows);
        decoder->rows = NULL;
        decoder->stage = -1;
        uint32_t done = decoder->rows_read;
        if (zero_fill && !decoder->interlaced && done > 0 && done < height)
            memset(pixels + (size_t)done * row_stride, 0, (size_t)(height - done) * row_stride);
        if (rows_done) *rows_done = done;
        return CImageShims_png_error;
    }
    png_read_image(png, decoder->rows);
    free(decoder->rows);
    decoder->rows = NULL;
    decoder->stage = 3;
    if (rows_done) *rows_done = height;
    return CImageShims_png_ok;
}

int CImageShims_png_read_end(CImageShims_png_decoder *decoder) {
    if (!decoder || decoder->stage != 3) return CImageShims_png_usage;
    png_structp png = decoder->png;
    if (setjmp(png_jmpbuf(png))) {
        decoder->stage = -1;
        return CImageShims_png_error;
    }
    png_read_end(png, decoder->info);
    decoder->stage = 4;
    return CImageShims_png_ok;
}

const char *CImageShims_png_decoder_message(const CImageShims_png_decoder *decoder) {
    return decoder ? decoder->messages.message : "";
}

int CImageShims_png_decoder_warning_count(const CImageShims_png_decoder *decoder) {
    return decoder ? decoder->messages.warning_count : 0;
}

const char *CImageShims_png_decoder_warning(const CImageShims_png_decoder *decoder, int index) {
    if (!decoder || index < 0 || index >= decoder->messages.warning_count ||
        index >= CImageShims_png_max_kept_warnings)
        return "";
    return decoder->messages.warnings[index];
}

/* MARK: - Encoding */

typedef struct {
    shim_messages messages; /* first: png_get_error_ptr points here */
    uint8_t *data;
    size_t size;
    size_t capacity;
    /* The deflated IDAT stream (png_idat.c), freed on every path. */
    uint8_t *idat;
    size_t idat_size;
} shim_writer;

/* IDAT chunk size: any up to 2^31-1 is valid; 1 MiB keeps every reader's chunk buffer modest. */
static const size_t idat_chunk_bytes = (size_t)1 << 20;

static void shim_write(png_structp png, png_bytep bytes, size_t length) {
    shim_writer *writer = (shim_writer *)png_get_io_ptr(png);
    if (length > SIZE_MAX - writer->size) png_error(png, "output too large");
    if (writer->size + length > writer->capacity) {
        size_t capacity = writer->capacity ? writer->capacity : 8192;
        while (capacity < writer->size + length) {
            if (capacity > SIZE_MAX / 2) png_error(png, "output too large");
            capacity *= 2;
        }
        uint8_t *grown = realloc(writer->data, capacity);
        if (!grown) png_error(png, "out of memory for the encoded PNG");
        writer->data = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->data + writer->size, bytes, length);
    writer->size += length;
}

static void shim_flush(png_structp png) { (void)png; }

int CImageShims_png_encode(const CImageShims_png_encode_params *params, const uint8_t *pixels, size_t row_stride,
                           uint8_t **output, size_t *output_size, char *message, size_t message_capacity) {
    if (output) *output = NULL;
    if (output_size) *output_size = 0;
    if (message && message_capacity) message[0] = '\0';
    if (!params || !pixels || !output || !output_size) return CImageShims_png_usage;
    shim_writer *writer = calloc(1, sizeof *writer);
    if (!writer) return CImageShims_png_nomem;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &writer->messages, shim_error, shim_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        free(writer);
        copy_text(message, message_capacity, "cannot create the libpng writer");
        return CImageShims_png_nomem;
    }
    /* `png`, `info` and `writer` are not modified after setjmp, so they need not be volatile. */
    if (setjmp(png_jmpbuf(png))) {
        copy_text(message, message_capacity, writer->messages.message);
        png_destroy_write_struct(&png, &info);
        free(writer->idat);
        free(writer->data);
        free(writer);
        return CImageShims_png_error;
    }
    png_set_write_fn(png, writer, shim_write, shim_flush);
    /* Profiles libpng merely dislikes (PCS illuminant not D50, a "known incorrect" sRGB profile) are written
     * with a warning, as they were read; a profile libpng cannot use at all is still dropped, caught below. */
    png_set_benign_errors(png, 1);
    png_set_IHDR(png, info, params->width, params->height, params->bit_depth, params->color_type,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, params->compression_level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, params->filters);
    if (params->icc && params->icc_length) {
        png_set_iCCP(png, info, "ICC profile", PNG_COMPRESSION_TYPE_BASE, params->icc,
                     (png_uint_32)params->icc_length);
        if (!png_get_valid(png, info, PNG_INFO_iCCP)) {
            /* libpng reports a rejected profile as a (benign) warning and drops it: make that an error. */
            char text[CImageShims_png_message_capacity];
            int kept = writer->messages.warning_count < CImageShims_png_max_kept_warnings
                           ? writer->messages.warning_count
                           : CImageShims_png_max_kept_warnings;
            copy_text(text, sizeof text, kept > 0 ? writer->messages.warnings[kept - 1] : "iCCP: profile rejected");
            png_error(png, text);
        }
    } else if (params->srgb_intent >= 0 && params->srgb_intent <= 3) {
        png_set_sRGB(png, info, params->srgb_intent);
    }
    if (params->exif && params->exif_length) {
        png_set_eXIf_1(png, info, (png_uint_32)params->exif_length, (png_bytep)params->exif);
    }
    png_write_info(png, info);
    /* libpng writes the signature, IHDR and the metadata chunks (validating the profile); the IDAT stream is
     * filtered and deflated by png_idat.c (libdeflate, whole image at once), then written as chunks. */
    {
        int channels = params->color_type == PNG_COLOR_TYPE_GRAY ? 1
                       : params->color_type == PNG_COLOR_TYPE_GRAY_ALPHA ? 2
                       : params->color_type == PNG_COLOR_TYPE_RGB ? 3 : 4;
        size_t bytes_per_pixel = (size_t)channels * (params->bit_depth == 16 ? 2 : 1);
        int swap16 = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        swap16 = params->bit_depth == 16;
#endif
        int status = CImageShims_png_idat(pixels, row_stride, params->height, bytes_per_pixel * params->width,
                                          bytes_per_pixel, swap16, params->filters, params->compression_level,
                                          &writer->idat, &writer->idat_size);
        if (status != 0) png_error(png, status == -2 ? "out of memory for the IDAT stream" : "IDAT compression failed");
    }
    for (size_t offset = 0; offset < writer->idat_size; offset += idat_chunk_bytes) {
        size_t length = writer->idat_size - offset < idat_chunk_bytes ? writer->idat_size - offset : idat_chunk_bytes;
        png_write_chunk(png, (png_const_bytep) "IDAT", writer->idat + offset, length);
    }
    png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
    png_destroy_write_struct(&png, &info);
    free(writer->idat);
    *output = writer->data;
    *output_size = writer->size;
    free(writer);
    return CImageShims_png_ok;
}
