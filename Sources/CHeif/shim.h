#ifndef IMAGEPREP_CHEIF_H
#define IMAGEPREP_CHEIF_H
#include <libheif/heif.h>
#endif
