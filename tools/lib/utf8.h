/* Strict UTF-8 (RFC 3629).  yajl checks only the shape of multi-byte
 * sequences: overlong forms, UTF-16 surrogates and code points past
 * U+10FFFF pass it, and are not text any other program will accept. */
#ifndef PO_UTF8_H
#define PO_UTF8_H

#include <stddef.h>

/* The offset of the first byte of `s` that does not begin a valid UTF-8
 * sequence, or `len` when all of it is valid. */
size_t po_utf8_check(const char *s, size_t len);

#endif
