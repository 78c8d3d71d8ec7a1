/* libheif through dlopen on first use (see CImageShims_heif.h). libheif does not longjmp: its errors are
 * returned as struct heif_error, which the Swift side turns into typed errors. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "CImageShims_heif.h"

#if defined(__APPLE__)
static const char library[] = "libheif.1.dylib";
#else
static const char library[] = "libheif.so.1";
#endif

/* libheif's functions, typed from its own declarations, resolved once. */
static struct {
    __typeof__(&heif_context_alloc) context_alloc;
    __typeof__(&heif_context_free) context_free;
    __typeof__(&heif_context_get_number_of_top_level_images) context_get_number_of_top_level_images;
    __typeof__(&heif_context_get_primary_image_handle) context_get_primary_image_handle;
    __typeof__(&heif_context_read_from_memory_without_copy) context_read_from_memory_without_copy;
    __typeof__(&heif_context_set_maximum_image_size_limit) context_set_maximum_image_size_limit;
    __typeof__(&heif_decode_image) decode_image;
    __typeof__(&heif_decoding_options_alloc) decoding_options_alloc;
    __typeof__(&heif_decoding_options_free) decoding_options_free;
    __typeof__(&heif_image_get_bits_per_pixel_range) image_get_bits_per_pixel_range;
    __typeof__(&heif_image_get_height) image_get_height;
    __typeof__(&heif_image_get_plane_readonly) image_get_plane_readonly;
    __typeof__(&heif_image_get_width) image_get_width;
    __typeof__(&heif_image_handle_get_color_profile_type) image_handle_get_color_profile_type;
    __typeof__(&heif_image_handle_get_height) image_handle_get_height;
    __typeof__(&heif_image_handle_get_ispe_height) image_handle_get_ispe_height;
    __typeof__(&heif_image_handle_get_ispe_width) image_handle_get_ispe_width;
    __typeof__(&heif_image_handle_get_luma_bits_per_pixel) image_handle_get_luma_bits_per_pixel;
    __typeof__(&heif_image_handle_get_list_of_metadata_block_IDs) image_handle_get_list_of_metadata_block_IDs;
    __typeof__(&heif_image_handle_get_metadata) image_handle_get_metadata;
    __typeof__(&heif_image_handle_get_metadata_size) image_handle_get_metadata_size;
    __typeof__(&heif_image_handle_get_nclx_color_profile) image_handle_get_nclx_color_profile;
    __typeof__(&heif_image_handle_get_raw_color_profile) image_handle_get_raw_color_profile;
    __typeof__(&heif_image_handle_get_raw_color_profile_size) image_handle_get_raw_color_profile_size;
    __typeof__(&heif_image_handle_get_width) image_handle_get_width;
    __typeof__(&heif_image_handle_has_alpha_channel) image_handle_has_alpha_channel;
    __typeof__(&heif_image_handle_release) image_handle_release;
    __typeof__(&heif_image_is_premultiplied_alpha) image_is_premultiplied_alpha;
    __typeof__(&heif_image_release) image_release;
    __typeof__(&heif_nclx_color_profile_free) nclx_color_profile_free;} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[CImageShims_heif_message_capacity];  /* empty when loaded */

static void load(void) {
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(failure, sizeof failure, "cannot load %s: %s", library, dlerror());
        return;
    }
#define LOAD(field, symbol)                                                                          \
    if (!(*(void **)&api.field = dlsym(handle, #symbol))) {                                          \
        snprintf(failure, sizeof failure, "%s has no %s", library, #symbol);                          \
        dlclose(handle);                                                                             \
        return;                                                                                      \
    }
    LOAD(context_alloc, heif_context_alloc);
    LOAD(context_free, heif_context_free);
    LOAD(context_get_number_of_top_level_images, heif_context_get_number_of_top_level_images);
    LOAD(context_get_primary_image_handle, heif_context_get_primary_image_handle);
    LOAD(context_read_from_memory_without_copy, heif_context_read_from_memory_without_copy);
    LOAD(context_set_maximum_image_size_limit, heif_context_set_maximum_image_size_limit);
    LOAD(decode_image, heif_decode_image);
    LOAD(decoding_options_alloc, heif_decoding_options_alloc);
    LOAD(decoding_options_free, heif_decoding_options_free);
    LOAD(image_get_bits_per_pixel_range, heif_image_get_bits_per_pixel_range);
    LOAD(image_get_height, heif_image_get_height);
    LOAD(image_get_plane_readonly, heif_image_get_plane_readonly);
    LOAD(image_get_width, heif_image_get_width);
    LOAD(image_handle_get_color_profile_type, heif_image_handle_get_color_profile_type);
    LOAD(image_handle_get_height, heif_image_handle_get_height);
    LOAD(image_handle_get_ispe_height, heif_image_handle_get_ispe_height);
    LOAD(image_handle_get_ispe_width, heif_image_handle_get_ispe_width);
    LOAD(image_handle_get_luma_bits_per_pixel, heif_image_handle_get_luma_bits_per_pixel);
    LOAD(image_handle_get_list_of_metadata_block_IDs, heif_image_handle_get_list_of_metadata_block_IDs);
    LOAD(image_handle_get_metadata, heif_image_handle_get_metadata);
    LOAD(image_handle_get_metadata_size, heif_image_handle_get_metadata_size);
    LOAD(image_handle_get_nclx_color_profile, heif_image_handle_get_nclx_color_profile);
    LOAD(image_handle_get_raw_color_profile, heif_image_handle_get_raw_color_profile);
    LOAD(image_handle_get_raw_color_profile_size, heif_image_handle_get_raw_color_profile_size);
    LOAD(image_handle_get_width, heif_image_handle_get_width);
    LOAD(image_handle_has_alpha_channel, heif_image_handle_has_alpha_channel);
    LOAD(image_handle_release, heif_image_handle_release);
    LOAD(image_is_premultiplied_alpha, heif_image_is_premultiplied_alpha);
    LOAD(image_release, heif_image_release);
    LOAD(nclx_color_profile_free, heif_nclx_color_profile_free);
#undef LOAD
}

int CImageShims_heif_load(char *message, size_t capacity) {
    pthread_once(&once, load);
    if (failure[0] == 0) return 0;
    if (message && capacity > 0) snprintf(message, capacity, "%s", failure);
    return -1;
}

struct heif_context* CImageShims_heif_context_alloc(void) { return api.context_alloc(); }
void CImageShims_heif_context_free(struct heif_context* ctx) { api.context_free(ctx); }
int CImageShims_heif_context_get_number_of_top_level_images(struct heif_context* ctx) { return api.context_get_number_of_top_level_images(ctx); }
struct heif_error CImageShims_heif_context_get_primary_image_handle(struct heif_context* ctx, struct heif_image_handle** handle) { return api.context_get_primary_image_handle(ctx, handle); }
struct heif_error CImageShims_heif_context_read_from_memory_without_copy(struct heif_context* ctx, const void* mem, size_t size, const struct heif_reading_options* options) { return api.context_read_from_memory_without_copy(ctx, mem, size, options); }
void CImageShims_heif_context_set_maximum_image_size_limit(struct heif_context* ctx, int maximum_width) { api.context_set_maximum_image_size_limit(ctx, maximum_width); }
struct heif_error CImageShims_heif_decode_image(const struct heif_image_handle* in_handle, struct heif_image** out_img, enum heif_colorspace colorspace, enum heif_chroma chroma, const struct heif_decoding_options* options) { return api.decode_image(in_handle, out_img, colorspace, chroma, options); }
struct heif_decoding_options* CImageShims_heif_decoding_options_alloc(void) { return api.decoding_options_alloc(); }
void CImageShims_heif_decoding_options_free(struct heif_decoding_options* options) { api.decoding_options_free(options); }
int CImageShims_heif_image_get_bits_per_pixel_range(const struct heif_image* image, enum heif_channel channel) { return api.image_get_bits_per_pixel_range(image, channel); }
int CImageShims_heif_image_get_height(const struct heif_image* image, enum heif_channel channel) { return api.image_get_height(image, channel); }
const uint8_t* CImageShims_heif_image_get_plane_readonly(const struct heif_image* image, enum heif_channel channel, int* out_stride) { return api.image_get_plane_readonly(image, channel, out_stride); }
int CImageShims_heif_image_get_width(const struct heif_image* image, enum heif_channel channel) { return api.image_get_width(image, channel); }
enum heif_color_profile_type CImageShims_heif_image_handle_get_color_profile_type(const struct heif_image_handle* handle) { return api.image_handle_get_color_profile_type(handle); }
int CImageShims_heif_image_handle_get_height(const struct heif_image_handle* handle) { return api.image_handle_get_height(handle); }
int CImageShims_heif_image_handle_get_ispe_height(const struct heif_image_handle* handle) { return api.image_handle_get_ispe_height(handle); }
int CImageShims_heif_image_handle_get_ispe_width(const struct heif_image_handle* handle) { return api.image_handle_get_ispe_width(handle); }
int CImageShims_heif_image_handle_get_luma_bits_per_pixel(const struct heif_image_handle* handle) { return api.image_handle_get_luma_bits_per_pixel(handle); }
int CImageShims_heif_image_handle_get_list_of_metadata_block_IDs(const struct heif_image_handle* handle, const char* type_filter, heif_item_id* ids, int count) { return api.image_handle_get_list_of_metadata_block_IDs(handle, type_filter, ids, count); }
struct heif_error CImageShims_heif_image_handle_get_metadata(const struct heif_image_handle* handle, heif_item_id metadata_id, void* out_data) { return api.image_handle_get_metadata(handle, metadata_id, out_data); }
size_t CImageShims_heif_image_handle_get_metadata_size(const struct heif_image_handle* handle, heif_item_id metadata_id) { return api.image_handle_get_metadata_size(handle, metadata_id); }
struct heif_error CImageShims_heif_image_handle_get_nclx_color_profile(const struct heif_image_handle* handle, struct heif_color_profile_nclx** out_data) { return api.image_handle_get_nclx_color_profile(handle, out_data); }
struct heif_error CImageShims_heif_image_handle_get_raw_color_profile(const struct heif_image_handle* handle, void* out_data) { return api.image_handle_get_raw_color_profile(handle, out_data); }
size_t CImageShims_heif_image_handle_get_raw_color_profile_size(const struct heif_image_handle* handle) { return api.image_handle_get_raw_color_profile_size(handle); }
int CImageShims_heif_image_handle_get_width(const struct heif_image_handle* handle) { return api.image_handle_get_width(handle); }
int CImageShims_heif_image_handle_has_alpha_channel(const struct heif_image_handle* handle) { return api.image_handle_has_alpha_channel(handle); }
void CImageShims_heif_image_handle_release(const struct heif_image_handle* handle) { api.image_handle_release(handle); }
int CImageShims_heif_image_is_premultiplied_alpha(struct heif_image* image) { return api.image_is_premultiplied_alpha(image); }
void CImageShims_heif_image_release(const struct heif_image* image) { api.image_release(image); }
void CImageShims_heif_nclx_color_profile_free(struct heif_color_profile_nclx* nclx_profile) { api.nclx_color_profile_free(nclx_profile); }
