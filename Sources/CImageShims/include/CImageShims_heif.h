#ifndef C_IMAGE_SHIMS_HEIF_H
#define C_IMAGE_SHIMS_HEIF_H
#include <stddef.h>
#include <stdint.h>
#include <libheif/heif.h>

/* libheif, loaded on first use: a process that never reads HEIF/AVIF does not load libheif and its codecs
 * (libheif's constructor builds libde265's tables; with libx265, libaom and dav1d mapped and relocated that is
 * about 3 ms of every start-up). CImageShims_heif_load opens libheif.so.1 once (thread-safe) and resolves
 * every function below; each CImageShims_heif_X then is libheif's heif_X. Only libheif's types and constants
 * come from its header; nothing links against it. */

enum { CImageShims_heif_message_capacity = 256 };

/** 0 when libheif is ready; otherwise -1 with dlopen's or dlsym's message copied into `message`. */
int CImageShims_heif_load(char *message, size_t capacity);

struct heif_context* CImageShims_heif_context_alloc(void);
void CImageShims_heif_context_free(struct heif_context* ctx);
int CImageShims_heif_context_get_number_of_top_level_images(struct heif_context* ctx);
struct heif_error CImageShims_heif_context_get_primary_image_handle(struct heif_context* ctx, struct heif_image_handle** handle);
struct heif_error CImageShims_heif_context_read_from_memory_without_copy(struct heif_context* ctx, const void* mem, size_t size, const struct heif_reading_options* options);
void CImageShims_heif_context_set_maximum_image_size_limit(struct heif_context* ctx, int maximum_width);
struct heif_error CImageShims_heif_decode_image(const struct heif_image_handle* in_handle, struct heif_image** out_img, enum heif_colorspace colorspace, enum heif_chroma chroma, const struct heif_decoding_options* options);
struct heif_decoding_options* CImageShims_heif_decoding_options_alloc(void);
void CImageShims_heif_decoding_options_free(struct heif_decoding_options* options);
int CImageShims_heif_image_get_bits_per_pixel_range(const struct heif_image* image, enum heif_channel channel);
int CImageShims_heif_image_get_height(const struct heif_image* image, enum heif_channel channel);
const uint8_t* CImageShims_heif_image_get_plane_readonly(const struct heif_image* image, enum heif_channel channel, int* out_stride);
int CImageShims_heif_image_get_width(const struct heif_image* image, enum heif_channel channel);
enum heif_color_profile_type CImageShims_heif_image_handle_get_color_profile_type(const struct heif_image_handle* handle);
int CImageShims_heif_image_handle_get_height(const struct heif_image_handle* handle);
int CImageShims_heif_image_handle_get_ispe_height(const struct heif_image_handle* handle);
int CImageShims_heif_image_handle_get_ispe_width(const struct heif_image_handle* handle);
int CImageShims_heif_image_handle_get_luma_bits_per_pixel(const struct heif_image_handle* handle);
int CImageShims_heif_image_handle_get_list_of_metadata_block_IDs(const struct heif_image_handle* handle, const char* type_filter, heif_item_id* ids, int count);
struct heif_error CImageShims_heif_image_handle_get_metadata(const struct heif_image_handle* handle, heif_item_id metadata_id, void* out_data);
size_t CImageShims_heif_image_handle_get_metadata_size(const struct heif_image_handle* handle, heif_item_id metadata_id);
struct heif_error CImageShims_heif_image_handle_get_nclx_color_profile(const struct heif_image_handle* handle, struct heif_color_profile_nclx** out_data);
struct heif_error CImageShims_heif_image_handle_get_raw_color_profile(const struct heif_image_handle* handle, void* out_data);
size_t CImageShims_heif_image_handle_get_raw_color_profile_size(const struct heif_image_handle* handle);
int CImageShims_heif_image_handle_get_width(const struct heif_image_handle* handle);
int CImageShims_heif_image_handle_has_alpha_channel(const struct heif_image_handle* handle);
void CImageShims_heif_image_handle_release(const struct heif_image_handle* handle);
int CImageShims_heif_image_is_premultiplied_alpha(struct heif_image* image);
void CImageShims_heif_image_release(const struct heif_image* image);
void CImageShims_heif_nclx_color_profile_free(struct heif_color_profile_nclx* nclx_profile);
#endif
