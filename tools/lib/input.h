/* Input files: a path or "-" for standard input, read in chunks, with
 * gzip-compressed data recognised by its magic bytes (not by its name) and
 * decompressed on the fly by zlib.  Several gzip members one after the
 * other are read as one file, as gzip(1) reads them; anything else after a
 * member is an error. */
#ifndef PO_INPUT_H
#define PO_INPUT_H

#include <stddef.h>
#include <sys/types.h>

struct po_input;

/* Opens `path` ("-" is standard input).  On failure reports the error
 * naming the file and returns -1.  The caller owns *out. */
int po_input_open(struct po_input **out, const char *path);

/* Reads up to `size` bytes.  Returns the count, 0 at the end, or -1 after
 * reporting a read or decompression error: damaged or cut gzip data, or
 * trailing garbage after it. */
ssize_t po_input_read(struct po_input *in, void *buf, size_t size);

/* The name to use in messages: the path, or "<stdin>". */
const char *po_input_name(const struct po_input *in);

void po_input_free(struct po_input *in);

#endif
