#ifndef FANGFEI_TESSERACT_LOADER_H
#define FANGFEI_TESSERACT_LOADER_H

/// Loads Tesseract and Leptonica (libtesseract.so.5, liblept.so.5) on first use instead of at
/// process start: linking them pulls in some 55 shared libraries (curl, nss, gnutls, ICU, ...)
/// and cost every `fangfei` run about 16 ms before it could read a line of text.
///
/// Returns NULL once both libraries and every function Fangfei uses are found, or a message
/// saying what is missing. Thread-safe; the work is done once.
const char *fangfei_ocr_load(void);

/// A symbol of the loaded libraries or of their dependencies (such as OpenMP's), or NULL.
void *fangfei_ocr_symbol(const char *name);

#endif
