#include <stdlib.h>
#include "CImageShims.h"

void CImageShims_free(void *pointer) { free(pointer); }
