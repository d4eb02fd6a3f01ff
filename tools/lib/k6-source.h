/* A k6 input: a file or standard input, plain or gzip-compressed (input.h
 * tells them apart by their magic bytes), recognised by its content, not
 * its name, and then read either whole (a summary) or in chunks of whole
 * lines (raw points). */
#ifndef PO_K6_SOURCE_H
#define PO_K6_SOURCE_H

#include <stddef.h>

enum po_k6_kind {
	PO_K6_KIND_POINTS,      /* --out json: Metric and Point lines */
	PO_K6_KIND_SUMMARY,     /* --summary-export or handleSummary data */
	PO_K6_KIND_PO_STREAM,   /* a po stream, not k6 output */
	PO_K6_KIND_OTHER        /* anything else */
};

struct po_k6_source;

/* Opens `path` ("-" is standard input) and reads ahead far enough to
 * recognise it by the first key of its first object: "type", "metric" or
 * "data" for raw points, "po" for a po stream, any other key for a summary.
 * Returns 0, or -1 after a message when it cannot be read or is empty.
 * The caller owns *out. */
int po_k6_source_open(struct po_k6_source **out, const char *path);

enum po_k6_kind po_k6_source_kind(const struct po_k6_source *src);
const char *po_k6_source_name(const struct po_k6_source *src);

/* Reads all of the rest, up to `max_bytes`, into a NUL-terminated buffer
 * the caller frees.  Returns 0, or -1 after a message. */
int po_k6_source_slurp(struct po_k6_source *src, char **out, size_t *len,
    size_t max_bytes);

/* Reads the next chunk of about `want` bytes that ends at the end of a
 * line (or of the input), into a buffer the caller frees.  Returns 1, 0 at
 * the end, or -1 after a message: a read or decompression error (a gzip
 * stream cut short), or a line longer than 64 MiB. */
int po_k6_source_chunk(struct po_k6_source *src, char **out, size_t *len,
    size_t want);

void po_k6_source_free(struct po_k6_source *src);

#endif
