/* One streaming pass over a JSON document with yajl's callback parser.
 *
 * The scanner keeps the path from the root to the current value (object
 * keys and array indices) and hands each scalar, and each container as it
 * opens and closes, to the caller's handler with that path.  Nothing else
 * is kept, so memory is bounded by the nesting depth, not by the input:
 * a 10 MB report full of screenshots costs what a small one does. */
#ifndef PO_JSON_SCAN_H
#define PO_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include <yajl/yajl_parse.h>

#include "input.h"

/* Keys are remembered for the outer levels only; deeper levels still count
 * towards the depth limit but report NULL as their key. */
#define PO_SCAN_KEY_DEPTH 8
/* Keys shorter than this are kept whole: k6 metric names with tags
 * ("http_req_duration{url:https://...}") are compared in full, and a URL
 * in a tag may run to kilobytes.  No name is anywhere near 64 KiB; the
 * bound keeps a hostile key from costing more than that at each
 * remembered level. */
#define PO_SCAN_KEY_MAX (64 * 1024)
#define PO_SCAN_MAX_DEPTH 512

enum po_scan_kind {
	PO_SCAN_NULL,
	PO_SCAN_BOOL,
	PO_SCAN_NUMBER,   /* text is the number exactly as written */
	PO_SCAN_STRING,   /* text is the decoded string, not terminated */
	PO_SCAN_OPEN_MAP,
	PO_SCAN_CLOSE_MAP,
	PO_SCAN_OPEN_ARRAY,
	PO_SCAN_CLOSE_ARRAY
};

struct po_scan_frame {
	bool is_array;
	long index;                     /* position in an array, from 0 */
	size_t keylen;                  /* bytes in key */
	const char *key;                /* NUL-terminated; valid until the
	                                 * next key of this level */
	bool key_cut;                   /* key holds only the first bytes: the
	                                 * key was PO_SCAN_KEY_MAX bytes or
	                                 * longer, or skimmed (json-skim.h) */
};

struct po_scan_path {
	int depth;                      /* frames in use: 0 at the root */
	struct po_scan_frame frames[PO_SCAN_KEY_DEPTH];
};

/* The key of level `level` (0 = the root object's keys), or NULL when that
 * level is an array, is not remembered, or its key was cut short.  The key
 * is borrowed from the scanner: it is valid until the next key of that
 * level. */
const char *po_scan_key(const struct po_scan_path *path, int level);

/* Writes the path as text ("audits.dom-size.details.items[3]") into `buf`
 * of `size` bytes and returns `buf`; levels deeper than those remembered
 * are shown as "...". */
char *po_scan_path_string(const struct po_scan_path *path, char *buf,
    size_t size);

/* True when the path is exactly `depth` levels deep and the keys of its
 * first `nkeys` levels equal the given strings; a NULL string matches any
 * key or index at that level. */
bool po_scan_at(const struct po_scan_path *path, int depth, int nkeys, ...);

/* Called for every value.  `text`/`len` hold the scalar for NULL, BOOL
 * ("true"/"false"), NUMBER and STRING, and are empty for containers (the
 * path then names the container itself).  Returns 0 to go on, -1 to stop;
 * to stop with a message, call po_scan_fail first.  For OPEN_MAP and
 * OPEN_ARRAY it may return PO_SCAN_SKIP: nothing inside that container, not
 * even its close, is handed over, though all of it is still checked. */
#define PO_SCAN_SKIP 1
struct po_scan;
typedef int (*po_scan_fn)(struct po_scan *scan, void *ctx,
    const struct po_scan_path *path, enum po_scan_kind kind,
    const char *text, size_t len);

/* Records why the handler stopped the scan; the scanner prints it with the
 * file, line and column where it happened. */
void po_scan_fail(struct po_scan *scan, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Stops the scan without a message, for a handler that has printed its own
 * (with po_error, at a place other than the current one); the handler then
 * returns -1. */
void po_scan_stop(struct po_scan *scan);

/* The line and column (1-based) just past the token being handled: for an
 * OPEN_* callback, just past the '{' or '['.  Only valid in the handler. */
void po_scan_where(const struct po_scan *scan, long *line, long *col);

/* Scans the whole of `in` as one JSON document (or, with `multiple`, as a
 * sequence of documents).  Returns 0, or -1 after printing one message that
 * names the file, line and column of the first problem: bad JSON, invalid
 * UTF-8, a truncated document, nesting deeper than PO_SCAN_MAX_DEPTH, an
 * empty input, or the handler's own reason. */
int po_scan_run(struct po_input *in, po_scan_fn fn, void *ctx);

/* Like po_scan_run, but passes over the bulk of data: URLs as json-skim.h
 * says: a string that starts with "data:" reaches the handler cut short
 * where a run of printable ASCII passes PO_SKIM_KEEP bytes, and
 * po_scan_string_cut() then says so.  Everything is still checked. */
int po_scan_run_skimming(struct po_input *in, po_scan_fn fn, void *ctx);

/* True when the string or key being handled was cut short by
 * po_scan_run_skimming.  Only valid in the handler. */
bool po_scan_string_cut(const struct po_scan *scan);

/* Scans a memory buffer in the same way; `name` and `first_line` (the
 * line of the file where the buffer starts) are used in messages, and `fn`
 * may be NULL to check the JSON only. */
int po_scan_buffer(const char *name, long first_line, const char *buf,
    size_t len, po_scan_fn fn, void *ctx);

/* What yajl says is wrong with what `handle` stopped at, worded as po
 * words its messages: one line, without yajl's "parse error: " and its full
 * stop.  The caller frees it. */
char *po_scan_yajl_error(yajl_handle handle);

#endif
