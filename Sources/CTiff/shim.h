#ifndef IMAGEPREP_CTIFF_H
#define IMAGEPREP_CTIFF_H
#include <tiffio.h>
#endif
