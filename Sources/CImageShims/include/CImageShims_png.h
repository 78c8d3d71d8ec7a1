#ifndef C_IMAGE_SHIMS_PNG_H
#define C_IMAGE_SHIMS_PNG_H
#include <stddef.h>
#include <stdint.h>
/* libpng calls: declared by the PNG codec. */
#endif
