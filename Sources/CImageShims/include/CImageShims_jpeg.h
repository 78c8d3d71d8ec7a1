#ifndef C_IMAGE_SHIMS_JPEG_H
#define C_IMAGE_SHIMS_JPEG_H
#include <stddef.h>
#include <stdint.h>
/* libjpeg-turbo calls: declared by the JPEG codec. */
#endif
