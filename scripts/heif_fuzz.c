/* libFuzzer entry for `scripts/fuzz-shims.sh heif` (compiled by clang there; not part of the package).
 * HEIF has no C shim of its own: HEIFDecoder calls libheif from Swift (through heif_loader.c, which loads it on
 * first use and forwards each call unchanged). This harness links libheif and makes the
 * same libheif calls in the same order, with the fuzz limits (1 MP, 1 MiB metadata): context from memory
 * (no copy), primary handle, displayed and ispe size checked before decoding, ICC and EXIF read, then
 * heif_decode_image to interleaved RGB(A), 8-bit or 16-bit, or (8-bit without alpha) to planar RGB as
 * HEIFDecoder.decodeRows asks for normalize (picked by the input's last byte, as the Swift decode variants are),
 * and every row read as HEIFDecoder.copyPixels or Planes.interleave reads it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libheif/heif.h>

static int within(int w, int h) { return w > 0 && h > 0 && w <= 8192 && h <= 8192 && (int64_t)w * h <= (1 << 20); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    struct heif_context *ctx = heif_context_alloc();
    if (!ctx) return 0;
    struct heif_image_handle *handle = NULL;
    /* HEIFContext.with sets libheif's size limit from the decode limits first: sqrt(1 MP) + 1 = 1025 here. */
    heif_context_set_maximum_image_size_limit(ctx, 1025);
    if (heif_context_read_from_memory_without_copy(ctx, data, size, NULL).code != heif_error_Ok) goto done;
    if (heif_context_get_primary_image_handle(ctx, &handle).code != heif_error_Ok || !handle) goto done;
    (void)heif_context_get_number_of_top_level_images(ctx);
    int w = heif_image_handle_get_width(handle), h = heif_image_handle_get_height(handle);
    int iw = heif_image_handle_get_ispe_width(handle), ih = heif_image_handle_get_ispe_height(handle);
    if (!within(w, h) || !within(iw, ih)) goto done;
    int bits = heif_image_handle_get_luma_bits_per_pixel(handle);
    int alpha = heif_image_handle_has_alpha_channel(handle) != 0;
    enum heif_color_profile_type type = heif_image_handle_get_color_profile_type(handle);
    if (type == heif_color_profile_type_prof || type == heif_color_profile_type_rICC) {
        size_t n = heif_image_handle_get_raw_color_profile_size(handle);
        if (n > 0 && n <= (1 << 20)) {
            uint8_t *icc = malloc(n);
            if (icc) { heif_image_handle_get_raw_color_profile(handle, icc); free(icc); }
        }
    } else if (type == heif_color_profile_type_nclx) {
        struct heif_color_profile_nclx *nclx = NULL;
        heif_image_handle_get_nclx_color_profile(handle, &nclx);
        if (nclx) heif_nclx_color_profile_free(nclx);  /* handed out even on error (unknown primaries) */
    }
    heif_item_id id;
    if (heif_image_handle_get_list_of_metadata_block_IDs(handle, "Exif", &id, 1) == 1) {
        size_t n = heif_image_handle_get_metadata_size(handle, id);
        if (n > 4 && n <= (1 << 20)) {
            uint8_t *exif = malloc(n);
            if (exif) { heif_image_handle_get_metadata(handle, id, exif); free(exif); }
        }
    }
    int sixteen = bits > 8 && size > 0 && (data[size - 1] & 1);
    /* HEIFDecoder.decodeRows (normalize of an 8-bit file without alpha): planar RGB, rows interleaved from it. */
    int planar = bits == 8 && !alpha && size > 0 && (data[size - 1] & 2);
    enum heif_chroma chroma = sixteen ? (alpha ? heif_chroma_interleaved_RRGGBBAA_LE : heif_chroma_interleaved_RRGGBB_LE)
                                      : (alpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB);
    if (planar) chroma = heif_chroma_444;
    struct heif_decoding_options *options = heif_decoding_options_alloc();
    if (!options) goto done;
    options->convert_hdr_to_8bit = sixteen ? 0 : 1;
    struct heif_image *image = NULL;
    struct heif_error err = heif_decode_image(handle, &image, heif_colorspace_RGB, chroma, options);
    heif_decoding_options_free(options);
    if (err.code == heif_error_Ok && image && planar) {
        int stride[3] = {0, 0, 0};
        const uint8_t *plane[3];
        enum heif_channel channels[3] = {heif_channel_R, heif_channel_G, heif_channel_B};
        int ok = 1, dw = heif_image_get_width(image, heif_channel_R), dh = heif_image_get_height(image, heif_channel_R);
        for (int c = 0; c < 3; c++) {
            plane[c] = heif_image_get_plane_readonly(image, channels[c], &stride[c]);
            ok = ok && plane[c] && heif_image_get_bits_per_pixel_range(image, channels[c]) == 8 && stride[c] >= dw &&
                 heif_image_get_width(image, channels[c]) == dw && heif_image_get_height(image, channels[c]) == dh;
        }
        uint8_t *row = ok && within(dw, dh) ? malloc((size_t)dw * 3) : NULL;
        for (int y = 0; row && y < dh; y++)
            for (int x = 0; x < dw; x++)
                for (int c = 0; c < 3; c++) row[x * 3 + c] = plane[c][(size_t)y * stride[c] + x];
        free(row);
        heif_image_release(image);
    } else if (err.code == heif_error_Ok && image) {
        int dw = heif_image_get_width(image, heif_channel_interleaved), dh = heif_image_get_height(image, heif_channel_interleaved);
        int stride = 0;
        const uint8_t *plane = heif_image_get_plane_readonly(image, heif_channel_interleaved, &stride);
        size_t row = (size_t)(dw > 0 ? dw : 0) * (alpha ? 4 : 3) * (sixteen ? 2 : 1);
        if (plane && within(dw, dh) && (size_t)stride >= row) {
            uint8_t *copy = malloc(row ? row : 1);
            for (int y = 0; copy && y < dh; y++) memcpy(copy, plane + (size_t)y * stride, row);
            free(copy);
        }
        (void)heif_image_is_premultiplied_alpha(image);
        heif_image_release(image);
    }
done:
    if (handle) heif_image_handle_release(handle);
    heif_context_free(ctx);
    return 0;
}
