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

/* A chunk of whole lines: `len` bytes of `bytes`, which holds `cap`. */
struct po_k6_chunkbuf {
	char *bytes;
	size_t len;
	size_t cap;
};

/* Reads the next chunk of about `want` bytes that ends at the end of a
 * line (or of the input).  The caller owns out->bytes: it frees it, or
 * hands it back with po_k6_source_recycle.  Returns 1, 0 at the end, or -1
 * after a message: a read or decompression error (a gzip stream cut
 * short), or a line longer than 64 MiB. */
int po_k6_source_chunk(struct po_k6_source *src, struct po_k6_chunkbuf *out,
    size_t want);

/* Takes back a chunk's buffer once its lines are parsed, for a later chunk
 * to read into.  Fresh memory costs a page fault a page on first touch
 * (about 10 us on the VMs CI runs on), which for 2 MiB chunks was a third
 * of po-k6-check's time; the few buffers in flight, reused, fault once.
 * Safe to call from any thread, also while another reads.  Frees what it
 * does not keep; out->bytes is NULL afterwards. */
void po_k6_source_recycle(struct po_k6_source *src,
    struct po_k6_chunkbuf *buf);

void po_k6_source_free(struct po_k6_source *src);

#endif
