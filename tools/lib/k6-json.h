/* A yajl callback pass over a small JSON document held in memory (a k6
 * summary, a thresholds file), handing each value to a handler with its
 * path, as json-scan does, but keeping whole keys: k6 metric names with
 * tags ("http_req_duration{url:https://...}") outgrow json-scan's key
 * buffer, and these readers must compare them in full. */
#ifndef PO_K6_JSON_H
#define PO_K6_JSON_H

#include <stddef.h>

#include "json-scan.h"

/* Keys are kept for this many levels; deeper ones are NULL. */
#define PO_K6_JSON_KEYS 8

struct po_k6_json_path {
	int depth;                      /* 0 at the root */
	const char *keys[PO_K6_JSON_KEYS];      /* NULL for array levels */
	long index[PO_K6_JSON_KEYS];    /* position in an array level */
};

struct po_k6_json;

/* As po_scan_fn: called for every scalar and for each container as it
 * opens and closes, with the path naming the value.  Returns 0 to go on,
 * -1 to stop (after po_k6_json_fail, to say why). */
typedef int (*po_k6_json_fn)(struct po_k6_json *json, void *ctx,
    const struct po_k6_json_path *path, enum po_scan_kind kind,
    const char *text, size_t len);

void po_k6_json_fail(struct po_k6_json *json, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Stops the parse after the handler has reported the problem itself. */
void po_k6_json_stop(struct po_k6_json *json);

/* The line and column (1-based) just past the token being handled. */
void po_k6_json_where(const struct po_k6_json *json, long *line, long *col);

/* The line and column of byte `offset` of `buf`. */
void po_k6_json_position(const char *buf, size_t offset, long *line,
    long *col);

/* Parses `buf` as one JSON document.  Returns 0, or -1 after one message
 * naming `name`, the line and the column: invalid JSON or UTF-8, a
 * truncated or empty document, nesting beyond PO_SCAN_MAX_DEPTH, or the
 * handler's reason. */
int po_k6_json_parse(const char *name, const char *buf, size_t len,
    po_k6_json_fn fn, void *ctx);

#endif
