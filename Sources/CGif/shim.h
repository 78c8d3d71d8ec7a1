#ifndef IMAGEPREP_CGIF_H
#define IMAGEPREP_CGIF_H
#include <gif_lib.h>
#endif
