#include <lcms2.h>
#include "CImageShims_lcms.h"

uint32_t CImageShims_lcms_format(uint32_t colorSpace, uint32_t channels, uint32_t extra, uint32_t bytesPerSample) {
    return COLORSPACE_SH(colorSpace) | EXTRA_SH(extra) | CHANNELS_SH(channels) | BYTES_SH(bytesPerSample);
}
