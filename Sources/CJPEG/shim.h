#ifndef IMAGEPREP_CJPEG_H
#define IMAGEPREP_CJPEG_H
#include <stddef.h>
#include <stdio.h>
#include <jpeglib.h>
#endif
