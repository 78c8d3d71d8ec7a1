#ifndef C_IMAGE_SHIMS_H
#define C_IMAGE_SHIMS_H

/* The only C ImagePrep writes. Every libjpeg / libpng call that can longjmp lives in these files, behind a
 * setjmp in the same C function; Swift sees int return codes (0 = success, negative = failure) and message
 * text copied into C-owned buffers. No Swift frame ever sits between a setjmp and its longjmp. lcms_shim.c
 * builds lcms2's pixel-format words with lcms2's own macros; heif_loader.c opens libheif on first use. */

#include <stddef.h>
#include <stdint.h>

#include "CImageShims_jpeg.h"
#include "CImageShims_png.h"
#include "CImageShims_lcms.h"
#include "CImageShims_gif.h"
#include "CImageShims_tiff.h"
#include "CImageShims_heif.h"

/** Frees a buffer the shim allocated for Swift (encoder output). */
void CImageShims_free(void *pointer);

#endif
