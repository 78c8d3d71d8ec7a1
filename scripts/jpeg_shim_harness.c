/* Memory-safety harness for Sources/CImageShims/jpeg_shim.c, for valgrind or AddressSanitizer.
 *
 * For every file given: decodes it strictly and leniently at 1/1, 1/2, 1/4 and 1/8, does the same with the
 * first half of its bytes (a truncated file) and with a copy whose scan data has stray markers written into
 * it (corrupt data), calls every accessor, and re-encodes each full decode (baseline 4:2:0 and progressive
 * 4:4:4, with the file's ICC profile and EXIF block), once in one call and once in bands of rows (the files
 * must match), with the row encoder's misuses. YCbCr files are also decoded as planes a strip at a time
 * (start_planes/read_strip), strictly and leniently, whole, truncated and corrupt. Prints one line per file;
 * exits 0 unless the shim
 * misbehaves in a way the harness can see (valgrind's --error-exitcode catches the rest).
 *
 * Build and run: bash scripts/jpeg-shim-valgrind.sh [FILE...] */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "CImageShims_jpeg.h"

static int decoded, failed, encoded;

/* The same encode fed in bands of 1, 7 and 16 rows: the file must equal the one-shot's. Then the misuses
 * (finishing early, too many rows, writing after finishing) and an encoder freed unfinished. */
static void encode_in_bands(const CImageShims_jpeg_encode_params *params, const CImageShims_jpeg_encode_result *whole) {
    CImageShims_jpeg_encode_result result;
    CImageShims_jpeg_encoder *e = NULL;
    if (CImageShims_jpeg_encoder_start(params, &e, &result) != 0 || e == NULL) {
        fprintf(stderr, "encoder_start failed: %s\n", result.message);
        exit(1);
    }
    static const int bands[] = {1, 7, 16};
    for (int y = 0, i = 0; y < params->height; i++) {
        int count = bands[i % 3] < params->height - y ? bands[i % 3] : params->height - y;
        if (CImageShims_jpeg_encoder_write(e, params->pixels + (size_t)y * params->stride, params->stride, count, &result) != 0) {
            fprintf(stderr, "encoder_write failed: %s\n", result.message);
            exit(1);
        }
        y += count;
    }
    if (CImageShims_jpeg_encoder_write(e, params->pixels, params->stride, 1, &result) == 0) {
        fprintf(stderr, "encoder_write took a row past the bottom\n");
        exit(1);
    }
    if (CImageShims_jpeg_encoder_finish(e, &result) != 0 || result.size != whole->size ||
        memcmp(result.data, whole->data, whole->size) != 0) {
        fprintf(stderr, "banded encode differs from the one-shot encode\n");
        exit(1);
    }
    CImageShims_jpeg_encode_result_free(&result);
    if (CImageShims_jpeg_encoder_finish(e, &result) == 0 ||
        CImageShims_jpeg_encoder_write(e, params->pixels, params->stride, 1, &result) == 0) {
        fprintf(stderr, "a finished encoder took more\n");
        exit(1);
    }
    CImageShims_jpeg_encoder_free(e);
    /* Unfinished: half the rows, an early finish refused, then freed. */
    if (CImageShims_jpeg_encoder_start(params, &e, &result) != 0) exit(1);
    if (CImageShims_jpeg_encoder_write(e, params->pixels, params->stride, params->height / 2, &result) != 0) exit(1);
    if (params->height > 1 && CImageShims_jpeg_encoder_finish(e, &result) == 0) {
        fprintf(stderr, "encoder_finish accepted missing rows\n");
        exit(1);
    }
    CImageShims_jpeg_encoder_free(e);
}

static void encode_back(const uint8_t *pixels, int w, int h, int c, const CImageShims_jpeg_header *header, int variant) {
    if (c != 1 && c != 3) return;
    CImageShims_jpeg_encode_params params = {
        .pixels = pixels, .width = w, .height = h, .components = c, .stride = (size_t)w * (size_t)c,
        .quality = variant ? 75 : 90, .chroma_444 = variant, .progressive = variant, .optimize_coding = 1,
        .icc = header->icc, .icc_length = header->icc_length,
        .exif = header->exif_length <= 65527 ? header->exif : NULL, .exif_length = header->exif_length,
    };
    CImageShims_jpeg_encode_result result;
    if (CImageShims_jpeg_encode(&params, &result) == 0) {
        encoded++;
        if (result.size < 4 || result.data[0] != 0xFF || result.data[1] != 0xD8) {
            fprintf(stderr, "encoder produced no JPEG\n");
            exit(1);
        }
        encode_in_bands(&params, &result);
    }
    CImageShims_jpeg_encode_result_free(&result);
}

static void decode_once(const uint8_t *data, size_t size, int strict, int scale, int encode) {
    /* strict: every warning class stops the decode; otherwise warnings are only collected. */
    CImageShims_jpeg_decoder *d = CImageShims_jpeg_decoder_create(data, size, strict ? (1 << CImageShims_jpeg_WARN_CLASSES) - 1 : 0, 0);
    if (d == NULL) { fprintf(stderr, "out of memory\n"); exit(1); }
    if (CImageShims_jpeg_decoder_bytes_read(d) != 0) { fprintf(stderr, "bytes read before reading\n"); exit(1); }
    CImageShims_jpeg_header header;
    int rc = CImageShims_jpeg_decoder_read_header(d, &header);
    if (rc == 0) {
        int space = header.color_space == CImageShims_jpeg_SPACE_GRAY ? CImageShims_jpeg_OUT_GRAY
                  : (header.color_space == CImageShims_jpeg_SPACE_CMYK || header.color_space == CImageShims_jpeg_SPACE_YCCK)
                        ? CImageShims_jpeg_OUT_CMYK : CImageShims_jpeg_OUT_RGB;
        int w = 0, h = 0, c = 0;
        rc = CImageShims_jpeg_decoder_start(d, scale, space, header.saw_adobe_marker, &w, &h, &c);
        if (rc == 0) {
            uint8_t *pixels = malloc((size_t)w * (size_t)h * (size_t)c);
            if (pixels == NULL) { fprintf(stderr, "out of memory\n"); exit(1); }
            size_t before = CImageShims_jpeg_decoder_bytes_read(d);
            rc = CImageShims_jpeg_decoder_read_image(d, pixels, (size_t)w * (size_t)c);
            size_t after = CImageShims_jpeg_decoder_bytes_read(d);
            if (before == 0 || after < before || after > size) { fprintf(stderr, "bytes read out of order\n"); exit(1); }
            if (rc == 0) {
                decoded++;
                if (encode) { encode_back(pixels, w, h, c, &header, 0); encode_back(pixels, w, h, c, &header, 1); }
            }
            free(pixels);
            /* Calling again after the end must be refused, not crash. */
            if (CImageShims_jpeg_decoder_read_image(d, (uint8_t *)"", 1) == 0) { fprintf(stderr, "read_image twice\n"); exit(1); }
        }
    }
    if (rc != 0) {
        failed++;
        if (strlen(CImageShims_jpeg_decoder_message(d)) == 0) { fprintf(stderr, "error without a message\n"); exit(1); }
    }
    for (int cls = 0; cls < CImageShims_jpeg_WARN_CLASSES; cls++) {
        const char *text = CImageShims_jpeg_decoder_warning_message(d, cls);
        if ((text != NULL) != (CImageShims_jpeg_decoder_warning_count(d, cls) > 0)) { fprintf(stderr, "warning mismatch\n"); exit(1); }
        (void)CImageShims_jpeg_decoder_warning_code(d, cls);
    }
    (void)CImageShims_jpeg_decoder_code(d);
    CImageShims_jpeg_decoder_destroy(d);
}

static int planes_decoded;

/* A planes decode (YCbCr as stored, a strip at a time); frames that do not store such planes are refused. */
static void decode_planes(const uint8_t *data, size_t size, int strict) {
    CImageShims_jpeg_decoder *d = CImageShims_jpeg_decoder_create(data, size, strict ? (1 << CImageShims_jpeg_WARN_CLASSES) - 1 : 0, 0);
    if (d == NULL) { fprintf(stderr, "out of memory\n"); exit(1); }
    CImageShims_jpeg_header header;
    CImageShims_jpeg_planes planes;
    int rc = CImageShims_jpeg_decoder_read_header(d, &header);
    if (rc == 0) rc = CImageShims_jpeg_decoder_start_planes(d, &planes);
    if (rc == 0) {
        size_t bytes = 0;
        for (int i = 0; i < 3; i++) bytes += (size_t)planes.strip_rows[i] * (size_t)planes.stride[i];
        uint8_t *strip = malloc(bytes);
        if (strip == NULL) { fprintf(stderr, "out of memory\n"); exit(1); }
        if (CImageShims_jpeg_decoder_read_rows(d, strip, bytes, 1) == 0) { fprintf(stderr, "read_rows after start_planes\n"); exit(1); }
        int read = 0;
        while (rc == 0 && CImageShims_jpeg_decoder_strips_left(d) > 0) {
            rc = CImageShims_jpeg_decoder_read_strip(d, strip);
            read++;
        }
        if (rc == 0 && read != planes.strips) { fprintf(stderr, "%d strips read, %d announced\n", read, planes.strips); exit(1); }
        if (rc == 0) planes_decoded++;
        if (rc == 0 && CImageShims_jpeg_decoder_read_strip(d, strip) == 0) { fprintf(stderr, "read_strip after the end\n"); exit(1); }
        free(strip);
    }
    if (rc != 0 && strlen(CImageShims_jpeg_decoder_message(d)) == 0) { fprintf(stderr, "error without a message\n"); exit(1); }
    CImageShims_jpeg_decoder_destroy(d);
}

static void decode_all(const uint8_t *data, size_t size, int encode) {
    static const int scales[] = {1, 2, 4, 8};
    for (int strict = 1; strict >= 0; strict--) {
        for (int i = 0; i < 4; i++) decode_once(data, size, strict, scales[i], encode && strict == 0 && i == 0);
        decode_planes(data, size, strict);
    }
}

int main(int argc, char **argv) {
    for (int f = 1; f < argc; f++) {
        FILE *file = fopen(argv[f], "rb");
        if (file == NULL) { perror(argv[f]); return 2; }
        fseek(file, 0, SEEK_END);
        long length = ftell(file);
        fseek(file, 0, SEEK_SET);
        uint8_t *data = malloc(length > 0 ? (size_t)length : 1);
        if (data == NULL || fread(data, 1, (size_t)length, file) != (size_t)length) { fprintf(stderr, "read failed\n"); return 2; }
        fclose(file);
        size_t size = (size_t)length;
        int before = failed;

        decode_all(data, size, 1);
        decode_all(data, size / 2, 0);
        uint8_t *corrupt = malloc(size > 0 ? size : 1);
        memcpy(corrupt, data, size);
        size_t sos = 0;
        for (size_t i = 2; i + 1 < size; i++) if (corrupt[i] == 0xFF && corrupt[i + 1] == 0xDA) { sos = i; break; }
        if (sos > 0)
            for (size_t i = sos + 40; i + 2 < size; i += 97)
                if (corrupt[i] != 0xFF && corrupt[i - 1] != 0xFF && corrupt[i + 1] != 0xFF) { corrupt[i] = 0xFF; corrupt[i + 1] = 0xD3; }
        decode_all(corrupt, size, 0);
        free(corrupt);
        free(data);
        printf("%-60s %ld bytes, %d refusals\n", argv[f], length, failed - before);
    }
    decode_once((const uint8_t *)"", 0, 1, 1, 0); /* empty input */
    printf("decodes %d, refusals %d, encodes %d, planes decodes %d\n", decoded, failed, encoded, planes_decoded);
    return 0;
}
