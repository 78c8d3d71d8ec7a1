#ifndef IMAGEPREP_CPNG_H
#define IMAGEPREP_CPNG_H
#include <png.h>
#endif
