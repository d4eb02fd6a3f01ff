/* Small input files read whole: a list of URLs, a headers file, a request
 * body, a sitemap. */
#ifndef PO_AUDIT_SLURP_H
#define PO_AUDIT_SLURP_H

#include <stddef.h>

/* Reads all of `path` ("-" is standard input; gzip is undone) into `out`,
 * NUL-terminated (the caller frees it), its length through `len`.  Returns
 * 0, or -1 after reporting a file that cannot be read or is larger than
 * `max` bytes. */
int po_slurp(char **out, size_t *len, const char *path, size_t max);

#endif
