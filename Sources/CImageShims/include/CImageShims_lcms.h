#ifndef C_IMAGE_SHIMS_LCMS_H
#define C_IMAGE_SHIMS_LCMS_H
#include <stdint.h>

/* lcms2's pixel-format words. lcms2 builds them with function-like macros (COLORSPACE_SH, CHANNELS_SH, …),
 * which Swift cannot import; these functions apply the real macros so Swift never re-implements the bit
 * layout by hand. lcms2 calls themselves do not longjmp and are made from Swift (module CLCMS2). */

/** The pixel type word for `colorSpace` (an lcms2 PT_* value such as PT_RGB), `channels` colour channels,
 *  `extra` extra (alpha) channels and `bytesPerSample` bytes per sample (1 or 2):
 *  COLORSPACE_SH(colorSpace) | EXTRA_SH(extra) | CHANNELS_SH(channels) | BYTES_SH(bytesPerSample). */
uint32_t CImageShims_lcms_format(uint32_t colorSpace, uint32_t channels, uint32_t extra, uint32_t bytesPerSample);

#endif
