/* Strict numbers: parsing that refuses trailing junk, and printing that
 * round-trips, so that a value read from a report is written out at the
 * precision the source gave. */
#ifndef PO_NUM_H
#define PO_NUM_H

#include <stddef.h>

/* Parses all of `text` (up to `len` bytes) as a finite double.
 * Returns 0, or -1 on an empty string, trailing junk, overflow or NaN. */
int po_num_parse(double *out, const char *text, size_t len);

/* Writes the shortest decimal that reads back as `value` (as JavaScript's
 * String(number) and Python's repr do) into `buf`, which holds at least
 * PO_NUM_BUFSIZE bytes.  Integers print without a fraction or exponent up
 * to 1e21, as in JavaScript.  Returns `buf`. */
#define PO_NUM_BUFSIZE 32
char *po_num_format(char *buf, double value);

/* Parses a duration or size with an optional unit suffix ("250ms", "2.5s",
 * "1m"; "10KiB", "1MB") into milliseconds or bytes.  `unit` is "ms" or
 * "bytes".  Returns 0, or -1 when the text is not such a number. */
int po_num_parse_unit(double *out, const char *text, const char *unit);

#endif
