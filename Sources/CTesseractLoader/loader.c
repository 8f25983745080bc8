// Definitions of the Tesseract C API and Leptonica functions Fangfei's OCR target calls, each
// forwarding to the real one in a library opened with dlopen on first use (see
// CTesseractLoader.h). The prototypes come from the libraries' own headers, so a mismatch is
// a compile error.
#include "CTesseractLoader.h"

#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <tesseract/capi.h>

#define FANGFEI_FUNCTIONS(X)                                                                   \
  X(TessBaseAPIClear)                                                                          \
  X(TessBaseAPICreate)                                                                         \
  X(TessBaseAPIDelete)                                                                         \
  X(TessBaseAPIEnd)                                                                            \
  X(TessBaseAPIGetUTF8Text)                                                                    \
  X(TessBaseAPIInit3)                                                                          \
  X(TessBaseAPIMeanTextConf)                                                                   \
  X(TessBaseAPIRecognize)                                                                      \
  X(TessBaseAPISetImage2)                                                                      \
  X(TessBaseAPISetPageSegMode)                                                                 \
  X(TessBaseAPISetSourceResolution)                                                            \
  X(TessBaseAPISetVariable)                                                                    \
  X(TessDeleteText)                                                                            \
  X(TessMonitorCreate)                                                                         \
  X(TessMonitorDelete)                                                                         \
  X(TessMonitorSetDeadlineMSecs)                                                               \
  X(pixAlphaBlendUniform)                                                                      \
  X(pixBackgroundNormMorph)                                                                    \
  X(pixConvertTo1)                                                                             \
  X(pixConvertTo8)                                                                             \
  X(pixDestroy)                                                                                \
  X(pixFindSkew)                                                                               \
  X(pixGetColormap)                                                                            \
  X(pixGetDepth)                                                                               \
  X(pixGetHeight)                                                                              \
  X(pixGetSpp)                                                                                 \
  X(pixGetWidth)                                                                               \
  X(pixReadHeaderMem)                                                                          \
  X(pixReadMem)                                                                                \
  X(pixReadMemJpeg)                                                                            \
  X(pixRotate)                                                                                 \
  X(pixScale)                                                                                  \
  X(pixSetResolution)                                                                          \
  X(setMsgSeverity)

// One pointer per function, typed after the header's declaration.
#define FANGFEI_POINTER(name) static __typeof__(&name) real_##name;
FANGFEI_FUNCTIONS(FANGFEI_POINTER)

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *failure;
static char message[512];
static void *tesseract;

static void *open_first(const char *a, const char *b) {
  void *handle = dlopen(a, RTLD_NOW | RTLD_GLOBAL);
  if (handle == NULL) handle = dlopen(b, RTLD_NOW | RTLD_GLOBAL);
  return handle;
}

static void load(void) {
  void *lept = open_first("liblept.so.5", "liblept.so");
  tesseract = lept == NULL ? NULL : open_first("libtesseract.so.5", "libtesseract.so");
  if (lept == NULL || tesseract == NULL) {
    const char *why = dlerror();
    snprintf(message, sizeof message,
             "Tesseract/Leptonica not found (%s); install libtesseract5 and tesseract-ocr-chi-sim",
             why != NULL ? why : "dlopen failed");
    failure = message;
    return;
  }
#define FANGFEI_RESOLVE(name)                                                                  \
  real_##name = (__typeof__(&name))dlsym(strncmp(#name, "Tess", 4) == 0 ? tesseract : lept,    \
                                         #name);                                               \
  if (real_##name == NULL) {                                                                   \
    snprintf(message, sizeof message, "%s not found in Tesseract/Leptonica", #name);           \
    failure = message;                                                                         \
    return;                                                                                    \
  }
  FANGFEI_FUNCTIONS(FANGFEI_RESOLVE)
}

const char *fangfei_ocr_load(void) {
  pthread_once(&once, load);
  return failure;
}

void *fangfei_ocr_symbol(const char *name) {
  if (fangfei_ocr_load() != NULL) return NULL;
  return dlsym(tesseract, name);
}

// The forwarding definitions. Before a successful load they do nothing and return zero: the
// OCR target calls fangfei_ocr_load() first and reports its message instead.
#define READY() (fangfei_ocr_load() == NULL)

void TessBaseAPIClear(TessBaseAPI *handle) {
  if (READY()) real_TessBaseAPIClear(handle);
}
TessBaseAPI *TessBaseAPICreate(void) { return READY() ? real_TessBaseAPICreate() : NULL; }
void TessBaseAPIDelete(TessBaseAPI *handle) {
  if (READY()) real_TessBaseAPIDelete(handle);
}
void TessBaseAPIEnd(TessBaseAPI *handle) {
  if (READY()) real_TessBaseAPIEnd(handle);
}
char *TessBaseAPIGetUTF8Text(TessBaseAPI *handle) {
  return READY() ? real_TessBaseAPIGetUTF8Text(handle) : NULL;
}
int TessBaseAPIInit3(TessBaseAPI *handle, const char *datapath, const char *language) {
  return READY() ? real_TessBaseAPIInit3(handle, datapath, language) : -1;
}
int TessBaseAPIMeanTextConf(TessBaseAPI *handle) {
  return READY() ? real_TessBaseAPIMeanTextConf(handle) : 0;
}
int TessBaseAPIRecognize(TessBaseAPI *handle, ETEXT_DESC *monitor) {
  return READY() ? real_TessBaseAPIRecognize(handle, monitor) : -1;
}
void TessBaseAPISetImage2(TessBaseAPI *handle, struct Pix *pix) {
  if (READY()) real_TessBaseAPISetImage2(handle, pix);
}
void TessBaseAPISetPageSegMode(TessBaseAPI *handle, TessPageSegMode mode) {
  if (READY()) real_TessBaseAPISetPageSegMode(handle, mode);
}
void TessBaseAPISetSourceResolution(TessBaseAPI *handle, int ppi) {
  if (READY()) real_TessBaseAPISetSourceResolution(handle, ppi);
}
BOOL TessBaseAPISetVariable(TessBaseAPI *handle, const char *name, const char *value) {
  return READY() ? real_TessBaseAPISetVariable(handle, name, value) : FALSE;
}
void TessDeleteText(const char *text) {
  if (READY()) real_TessDeleteText(text);
}
ETEXT_DESC *TessMonitorCreate(void) { return READY() ? real_TessMonitorCreate() : NULL; }
void TessMonitorDelete(ETEXT_DESC *monitor) {
  if (READY()) real_TessMonitorDelete(monitor);
}
void TessMonitorSetDeadlineMSecs(ETEXT_DESC *monitor, int deadline) {
  if (READY()) real_TessMonitorSetDeadlineMSecs(monitor, deadline);
}

PIX *pixAlphaBlendUniform(PIX *pixs, l_uint32 color) {
  return READY() ? real_pixAlphaBlendUniform(pixs, color) : NULL;
}
PIX *pixBackgroundNormMorph(PIX *pixs, PIX *pixim, l_int32 reduction, l_int32 size, l_int32 bgval) {
  return READY() ? real_pixBackgroundNormMorph(pixs, pixim, reduction, size, bgval) : NULL;
}
PIX *pixConvertTo1(PIX *pixs, l_int32 threshold) {
  return READY() ? real_pixConvertTo1(pixs, threshold) : NULL;
}
PIX *pixConvertTo8(PIX *pixs, l_int32 cmapflag) {
  return READY() ? real_pixConvertTo8(pixs, cmapflag) : NULL;
}
void pixDestroy(PIX **ppix) {
  if (READY()) real_pixDestroy(ppix);
}
l_ok pixFindSkew(PIX *pixs, l_float32 *pangle, l_float32 *pconf) {
  return READY() ? real_pixFindSkew(pixs, pangle, pconf) : 1;
}
PIXCMAP *pixGetColormap(PIX *pix) { return READY() ? real_pixGetColormap(pix) : NULL; }
l_int32 pixGetDepth(const PIX *pix) { return READY() ? real_pixGetDepth(pix) : 0; }
l_int32 pixGetHeight(const PIX *pix) { return READY() ? real_pixGetHeight(pix) : 0; }
l_int32 pixGetSpp(const PIX *pix) { return READY() ? real_pixGetSpp(pix) : 0; }
l_int32 pixGetWidth(const PIX *pix) { return READY() ? real_pixGetWidth(pix) : 0; }
l_ok pixReadHeaderMem(const l_uint8 *data, size_t size, l_int32 *pformat, l_int32 *pw, l_int32 *ph,
                      l_int32 *pbps, l_int32 *pspp, l_int32 *piscmap) {
  return READY() ? real_pixReadHeaderMem(data, size, pformat, pw, ph, pbps, pspp, piscmap) : 1;
}
PIX *pixReadMem(const l_uint8 *data, size_t size) {
  return READY() ? real_pixReadMem(data, size) : NULL;
}
PIX *pixReadMemJpeg(const l_uint8 *data, size_t size, l_int32 cmflag, l_int32 reduction,
                    l_int32 *pnwarn, l_int32 hint) {
  return READY() ? real_pixReadMemJpeg(data, size, cmflag, reduction, pnwarn, hint) : NULL;
}
PIX *pixRotate(PIX *pixs, l_float32 angle, l_int32 type, l_int32 incolor, l_int32 width,
               l_int32 height) {
  return READY() ? real_pixRotate(pixs, angle, type, incolor, width, height) : NULL;
}
PIX *pixScale(PIX *pixs, l_float32 scalex, l_float32 scaley) {
  return READY() ? real_pixScale(pixs, scalex, scaley) : NULL;
}
l_ok pixSetResolution(PIX *pix, l_int32 xres, l_int32 yres) {
  return READY() ? real_pixSetResolution(pix, xres, yres) : 1;
}
l_int32 setMsgSeverity(l_int32 newsev) { return READY() ? real_setMsgSeverity(newsev) : 0; }
