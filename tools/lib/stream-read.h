/* Reading the po stream: newline-delimited JSON documents from files named
 * on the command line or from standard input ("-").
 *
 * Each document is checked (valid JSON and UTF-8, an object, "po": 1, a
 * "type" that is one of the schema's five) before the caller sees it; a bad
 * one is reported with its file, line and column, raises the exit status to
 * 2, and is skipped. */
#ifndef PO_STREAM_READ_H
#define PO_STREAM_READ_H

#include <stddef.h>
#include <yajl/yajl_tree.h>

/* A document longer than this is refused rather than buffered. */
#define PO_STREAM_MAX_LINE (64UL * 1024 * 1024)

struct po_stream_doc {
	const char *file;       /* name for messages */
	long lineno;            /* 1-based line of the document */
	const char *line;       /* the document's text, without the newline */
	size_t len;
	yajl_val root;          /* the parsed object */
	const char *type;       /* its "type" */
};

/* Called once per good document; the document and its text are valid only
 * during the call.  The callback may keep the tree by setting doc->root to
 * NULL, and then owns it: it frees it with po_tree_free() (json-tree.h),
 * not yajl_tree_free().  Returns 0 to go on, -1 to stop reading. */
typedef int (*po_stream_fn)(void *ctx, struct po_stream_doc *doc);

/* Reads every document of every path in turn (`npaths` 0 means standard
 * input).  Returns 0 when every input was read to its end, -1 when one
 * could not be opened or read, or the callback stopped the reading. */
int po_stream_read(char **paths, int npaths, po_stream_fn fn, void *ctx);

#endif
