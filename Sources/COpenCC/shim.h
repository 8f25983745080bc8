#ifndef FANGFEI_COPENCC_SHIM_H
#define FANGFEI_COPENCC_SHIM_H

// The C API of OpenCC (opencc_open, opencc_convert_utf8, ...). Included without
// __cplusplus, so only the plain C declarations are visible to Swift.
#include <opencc/opencc.h>

#endif
