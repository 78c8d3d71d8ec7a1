#ifndef IMAGEPREP_CLCMS2_H
#define IMAGEPREP_CLCMS2_H
#include <lcms2.h>
#endif
