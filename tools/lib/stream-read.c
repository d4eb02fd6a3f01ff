#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "json-scan.h"
#include "json-tree.h"
#include "json-val.h"
#include "msg.h"
#include "stream-field.h"
#include "stream-read.h"
#include "stream-write.h"
#include "utf8.h"

/* Past this many bad documents in one file, the rest is not read. */
#define PO_STREAM_MAX_BAD 10

/* The types of share/po-stream.schema.json.  A type outside them is
 * refused, not passed on: a gate would count nothing in it, and a new type
 * comes with a new version of the stream. */
static const char *const doc_types[] = { "metrics", "finding", "check",
	"summary", "error", NULL };

struct line_reader {
	struct po_input *in;
	char *buf;
	size_t cap;
	size_t start;           /* first unread byte */
	size_t end;             /* one past the last byte read */
	int eof;
};

/* Finds the next line in the buffer, reading more as needed.  Returns 1 with
 * the line in *line and *len (NUL-terminated in place), 0 at the end, -1 on a
 * read error or a line over the limit. */
static int
next_line(struct line_reader *r, char **line, size_t *len, long lineno)
{
	size_t scanned = r->start;

	for (;;) {
		char *nl = r->end > scanned ?
		    memchr(r->buf + scanned, '\n', r->end - scanned) : NULL;

		if (nl != NULL || (r->eof && r->end > r->start)) {
			size_t stop = nl ? (size_t)(nl - r->buf) : r->end;

			if (stop - r->start > PO_STREAM_MAX_LINE) {
				po_error(po_input_name(r->in), lineno, 0,
				    "document longer than %lu bytes",
				    PO_STREAM_MAX_LINE);
				return -1;
			}

			*line = r->buf + r->start;
			*len = stop - r->start;
			r->buf[stop] = '\0';
			r->start = nl ? stop + 1 : stop;
			return 1;
		}
		if (r->eof)
			return 0;
		scanned = r->end;
		if (r->start > 0) {
			memmove(r->buf, r->buf + r->start, r->end - r->start);
			scanned -= r->start;
			r->end -= r->start;
			r->start = 0;
		}
		if (r->end - r->start > PO_STREAM_MAX_LINE) {
			po_error(po_input_name(r->in), lineno, 0,
			    "document longer than %lu bytes",
			    PO_STREAM_MAX_LINE);
			return -1;
		}
		if (r->cap - r->end < 64 * 1024) {
			r->cap = r->cap ? r->cap * 2 : 256 * 1024;
			r->buf = po_xrealloc(r->buf, r->cap + 1);
		}
		ssize_t n = po_input_read(r->in, r->buf + r->end,
		    r->cap - r->end);
		if (n < 0)
			return -1;
		if (n == 0)
			r->eof = 1;
		r->end += (size_t)n;
	}
}

static bool
is_known_type(const char *type)
{
	for (const char *const *t = doc_types; *t; t++)
		if (strcmp(*t, type) == 0)
			return true;
	return false;
}

static int
is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Checks one line and builds its tree.  Returns 0, or -1 after a message. */
static int
parse_doc(struct po_stream_doc *doc)
{
	char errbuf[256];
	const char *type;
	double version;
	size_t bad;

	if (memchr(doc->line, '\0', doc->len) != NULL) {
		po_error(doc->file, doc->lineno, 0,
		    "binary data: expected a JSON document");
		return -1;
	}
	/* Outside strings JSON is ASCII, so checking the whole line checks
	 * every string, which yajl_tree would take with overlong forms. */
	bad = po_utf8_check(doc->line, doc->len);
	if (bad < doc->len) {
		po_error(doc->file, doc->lineno, (long)bad + 1,
		    "invalid UTF-8");
		return -1;
	}
	/* A line that cannot be a tree (bad JSON, or nesting deeper than
	 * the tree may be) is scanned again to say where it went wrong. */
	if (po_tree_parse(&doc->root, doc->line, doc->len, errbuf,
	    sizeof(errbuf)) < 0) {
		doc->root = NULL;
		if (po_scan_buffer(doc->file, doc->lineno, doc->line, doc->len,
		    NULL, NULL) == 0)
			po_error(doc->file, doc->lineno, 0, "invalid JSON: %s",
			    errbuf);
		return -1;
	}
	if (!YAJL_IS_OBJECT(doc->root)) {
		po_error(doc->file, doc->lineno, 1,
		    "expected a po document (a JSON object), found another "
		    "JSON value");
		return -1;
	}
	if (po_val_number(&version, doc->root, "po") < 0) {
		po_error(doc->file, doc->lineno, 1,
		    "not a po document: no \"po\" version (is this a report "
		    "that needs a parser such as po-lighthouse-parse?)");
		return -1;
	}
	if (version != PO_STREAM_VERSION) {
		po_error(doc->file, doc->lineno, 1,
		    "unsupported po stream version %g (this po reads %d)",
		    version, PO_STREAM_VERSION);
		return -1;
	}
	type = po_val_string(doc->root, "type");
	if (type == NULL) {
		po_error(doc->file, doc->lineno, 1,
		    "po document without a string \"type\"");
		return -1;
	}
	if (!is_known_type(type)) {
		po_field_fail(doc, NULL, "type", "unknown document type "
		    "'%.40s' (expected metrics, finding, check, summary or "
		    "error)", type);
		return -1;
	}
	doc->type = type;
	return 0;
}

/* Decides whether to stop reading a file after a bad document, so that a
 * file that is not a po stream at all (a report given where the stream was
 * expected) gives one message, not one per line. */
static bool
give_up(const struct po_stream_doc *doc, long ngood, long nbad)
{
	if (ngood == 0 && nbad == 1) {
		po_error(doc->file, 0, 0, "not a po stream (one JSON document "
		    "per line); a Lighthouse report is read by "
		    "po-lighthouse-parse, a k6 output by po-k6-check");
		return true;
	}
	if (nbad >= PO_STREAM_MAX_BAD) {
		po_error(doc->file, 0, 0, "giving up after %d bad documents",
		    PO_STREAM_MAX_BAD);
		return true;
	}
	return false;
}

static int
read_one(const char *path, po_stream_fn fn, void *ctx)
{
	struct line_reader reader = { 0 };
	struct po_stream_doc doc;
	char *line;
	size_t len;
	long lineno = 0;
	long ngood = 0;
	long nbad = 0;
	int got;
	int ret = 0;

	if (po_input_open(&reader.in, path) < 0)
		return -1;
	while ((got = next_line(&reader, &line, &len, lineno + 1)) > 0) {
		lineno++;
		if (is_blank(line, len))
			continue;
		memset(&doc, 0, sizeof(doc));
		doc.file = po_input_name(reader.in);
		doc.lineno = lineno;
		doc.line = line;
		doc.len = len;
		if (parse_doc(&doc) == 0) {
			ngood++;
			if (fn(ctx, &doc) < 0)
				ret = -1;
		} else if (give_up(&doc, ngood, ++nbad)) {
			ret = -1;
		}
		po_tree_free(doc.root);
		if (ret < 0)
			break;
	}
	if (got < 0)
		ret = -1;
	free(reader.buf);
	po_input_free(reader.in);
	return ret;
}

int
po_stream_read(char **paths, int npaths, po_stream_fn fn, void *ctx)
{
	static char *stdin_path[] = { "-" };
	int ret = 0;

	if (npaths == 0) {
		paths = stdin_path;
		npaths = 1;
	}
	for (int i = 0; i < npaths; i++)
		if (read_one(paths[i], fn, ctx) < 0)
			ret = -1;
	return ret;
}
