#ifndef FANGFEI_CPCRE2_SHIM_H
#define FANGFEI_CPCRE2_SHIM_H

/* pcre2.h refuses to compile without a code unit width; Fangfei only uses the 8-bit (UTF-8) library.
   Swift still cannot import the unsuffixed function-like macros (pcre2_compile, pcre2_match, ...):
   call the _8 functions. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

/* PCRE2_UNSET is a cast expression that Swift does not import: the value of an unset ovector slot. */
static inline size_t fangfei_pcre2_unset(void) { return PCRE2_UNSET; }

#endif
