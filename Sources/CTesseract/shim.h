// Tesseract's C API and the Leptonica image functions Fangfei's OCR target uses.
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
