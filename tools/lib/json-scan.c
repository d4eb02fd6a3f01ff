#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "json-scan.h"
#include "json-skim.h"
#include "msg.h"
#include "readbuf.h"
#include "utf8.h"

/* Tracks line and column of what yajl has consumed, so that a message can
 * point at the byte where parsing stopped. */
struct position {
	long line;
	long col;
	size_t total;
};

static void
advance(struct position *pos, const char *buf, size_t len)
{
	const char *end = buf + len;
	const char *nl;

	while ((nl = memchr(buf, '\n', (size_t)(end - buf))) != NULL) {
		pos->line++;
		pos->col = 1;
		buf = nl + 1;
	}
	pos->col += end - buf;
	pos->total += len;
}

struct po_scan {
	po_scan_fn fn;
	void *ctx;
	struct po_scan_path path;
	int depth;              /* true depth, which may exceed the kept frames */
	int skip_depth;         /* inside a container the handler passed over,
	                         * as deep as this or deeper; 0 when not */
	char *reason;           /* why the handler or a limit stopped the scan */
	bool stopped;           /* the handler said why itself */
	char *keys[PO_SCAN_KEY_DEPTH];  /* each level's key, grown as needed */
	size_t keys_size[PO_SCAN_KEY_DEPTH];
	yajl_handle handle;
	unsigned long ntokens;  /* tokens yajl has completed so far */
	const char *chunk;      /* the buffer yajl is parsing now */
	size_t span_at;         /* where in it the bytes yajl has start */
	struct position *base;  /* where that buffer starts */
	struct po_skim *skim;   /* passes over data: URLs, or NULL */
	uint64_t fed;           /* bytes handed to yajl before `chunk` */
	bool string_cut;        /* the string being handled was skimmed */
};

const char *
po_scan_key(const struct po_scan_path *path, int level)
{
	const struct po_scan_frame *frame;

	if (level < 0 || level >= path->depth || level >= PO_SCAN_KEY_DEPTH)
		return NULL;
	frame = &path->frames[level];
	if (frame->is_array || frame->key_cut)
		return NULL;
	return frame->key;
}

/* A path in a message shows this much of a key, then "...": enough to
 * recognise it, and a path stays one line however long its keys are. */
#define PATH_KEY_SHOWN 95

char *
po_scan_path_string(const struct po_scan_path *path, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int level = 0; level < path->depth && used < size; level++) {
		const struct po_scan_frame *frame = &path->frames[level];
		bool whole = !frame->key_cut &&
		    frame->keylen <= PATH_KEY_SHOWN;
		int n;

		if (frame->is_array)
			n = snprintf(buf + used, size - used, "[%ld]",
			    frame->index);
		else
			n = snprintf(buf + used, size - used, "%s%.*s%s",
			    level ? "." : "", whole ? (int)frame->keylen :
			    PATH_KEY_SHOWN, frame->key, whole ? "" : "...");
		if (n < 0)
			break;
		used += (size_t)n;
	}
	return buf;
}

bool
po_scan_at(const struct po_scan_path *path, int depth, int nkeys, ...)
{
	va_list ap;
	bool match = path->depth == depth;

	va_start(ap, nkeys);
	for (int level = 0; match && level < nkeys; level++) {
		const char *want = va_arg(ap, const char *);
		const char *key;

		if (want == NULL)
			continue;
		key = po_scan_key(path, level);
		match = key != NULL && strcmp(key, want) == 0;
	}
	va_end(ap);
	return match;
}

void
po_scan_fail(struct po_scan *scan, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free(scan->reason);
	scan->reason = po_xstrdup(buf);
}

void
po_scan_stop(struct po_scan *scan)
{
	scan->stopped = true;
}

/* Every value, scalar or container, advances the index of an enclosing
 * array before it is reported, so that the path names the value itself. */
static void
enter_value(struct po_scan *scan)
{
	int top = scan->path.depth - 1;

	if (top >= 0 && top == scan->depth - 1 && scan->path.frames[top].is_array)
		scan->path.frames[top].index++;
}

static int
deliver(struct po_scan *scan, enum po_scan_kind kind, const char *text,
    size_t len)
{
	int ret;

	scan->ntokens++;
	if (scan->fn == NULL) {
		scan->string_cut = false;
		return 1;
	}
	ret = scan->fn(scan, scan->ctx, &scan->path, kind, text, len);
	scan->string_cut = false;
	if (ret == PO_SCAN_SKIP && (kind == PO_SCAN_OPEN_MAP ||
	    kind == PO_SCAN_OPEN_ARRAY)) {
		scan->skip_depth = scan->depth + 1;
		return 1;
	}
	return ret == 0;
}

/* In a container the handler passes over, values are still counted and
 * checked (depth, UTF-8) but neither remembered nor delivered. */
static bool
skipping(const struct po_scan *scan)
{
	return scan->skip_depth > 0 && scan->depth >= scan->skip_depth;
}

static int
open_container(struct po_scan *scan, bool is_array)
{
	if (skipping(scan)) {
		scan->ntokens++;
		if (scan->depth >= PO_SCAN_MAX_DEPTH) {
			po_scan_fail(scan, "nesting deeper than %d levels",
			    PO_SCAN_MAX_DEPTH);
			return 0;
		}
		scan->depth++;
		return 1;
	}
	enter_value(scan);
	if (!deliver(scan, is_array ? PO_SCAN_OPEN_ARRAY : PO_SCAN_OPEN_MAP,
	    "", 0))
		return 0;
	if (scan->depth >= PO_SCAN_MAX_DEPTH) {
		po_scan_fail(scan, "nesting deeper than %d levels",
		    PO_SCAN_MAX_DEPTH);
		return 0;
	}
	if (scan->depth < PO_SCAN_KEY_DEPTH) {
		struct po_scan_frame *frame = &scan->path.frames[scan->depth];

		frame->is_array = is_array;
		frame->index = -1;
		frame->keylen = 0;
		frame->key = "";
		frame->key_cut = false;
		scan->path.depth = scan->depth + 1;
	}
	scan->depth++;
	return 1;
}

static int
close_container(struct po_scan *scan, bool is_array)
{
	if (skipping(scan)) {
		scan->ntokens++;
		if (--scan->depth >= scan->skip_depth)
			return 1;
		/* The end of the container passed over. */
		scan->skip_depth = 0;
		if (scan->path.depth > scan->depth)
			scan->path.depth = scan->depth;
		return 1;
	}
	scan->depth--;
	if (scan->path.depth > scan->depth)
		scan->path.depth = scan->depth;
	return deliver(scan, is_array ? PO_SCAN_CLOSE_ARRAY : PO_SCAN_CLOSE_MAP,
	    "", 0);
}

static int
cb_start_map(void *ctx)
{
	return open_container(ctx, false);
}

static int
cb_end_map(void *ctx)
{
	return close_container(ctx, false);
}

static int
cb_start_array(void *ctx)
{
	return open_container(ctx, true);
}

static int
cb_end_array(void *ctx)
{
	return close_container(ctx, true);
}

/* yajl lets overlong forms and surrogates through; po does not. */
static int
valid_text(struct po_scan *scan, const unsigned char *text, size_t len,
    const char *what)
{
	if (po_utf8_check((const char *)text, len) == len)
		return 1;
	po_scan_fail(scan, "invalid UTF-8 in a %s", what);
	return 0;
}

/* Whether the skimmer cut the string yajl has just lexed. */
static void
note_cut(struct po_scan *scan)
{
	if (scan->skim != NULL)
		scan->string_cut = po_skim_was_cut(scan->skim,
		    scan->fed + yajl_get_bytes_consumed(scan->handle));
}

bool
po_scan_string_cut(const struct po_scan *scan)
{
	return scan->string_cut;
}

/* Keeps the key of `level`, in that level's buffer: grown when a key does
 * not fit, never shrunk, so that the keys of a large document cost no
 * allocation each. */
static void
keep_key(struct po_scan *scan, int level, const unsigned char *key,
    size_t len, bool cut)
{
	struct po_scan_frame *frame = &scan->path.frames[level];
	size_t size = scan->keys_size[level];

	frame->key_cut = cut || len >= PO_SCAN_KEY_MAX;
	if (len >= PO_SCAN_KEY_MAX)
		len = PO_SCAN_KEY_MAX - 1;
	if (len >= size) {
		size = size ? size : 64;
		while (len >= size)
			size *= 2;
		scan->keys[level] = po_xrealloc(scan->keys[level], size);
		scan->keys_size[level] = size;
	}
	memcpy(scan->keys[level], key, len);
	scan->keys[level][len] = '\0';
	frame->key = scan->keys[level];
	frame->keylen = len;
}

static int
cb_map_key(void *ctx, const unsigned char *key, size_t len)
{
	struct po_scan *scan = ctx;
	bool cut;

	/* A skimmed key is a data: URL that yajl saw cut short: no handler
	 * may take what is left of it for the key. */
	note_cut(scan);
	cut = scan->string_cut;
	scan->string_cut = false;
	if (!valid_text(scan, key, len, "key"))
		return 0;
	scan->ntokens++;
	if (scan->depth > PO_SCAN_KEY_DEPTH || skipping(scan))
		return 1;
	keep_key(scan, scan->depth - 1, key, len, cut);
	return 1;
}

static int
scalar(struct po_scan *scan, enum po_scan_kind kind, const char *text,
    size_t len)
{
	if (skipping(scan)) {
		scan->ntokens++;
		scan->string_cut = false;
		return 1;
	}
	enter_value(scan);
	return deliver(scan, kind, text, len);
}

static int
cb_null(void *ctx)
{
	return scalar(ctx, PO_SCAN_NULL, "null", 4);
}

static int
cb_boolean(void *ctx, int value)
{
	return scalar(ctx, PO_SCAN_BOOL, value ? "true" : "false",
	    value ? 4 : 5);
}

static int
cb_number(void *ctx, const char *text, size_t len)
{
	return scalar(ctx, PO_SCAN_NUMBER, text, len);
}

static int
cb_string(void *ctx, const unsigned char *text, size_t len)
{
	note_cut(ctx);
	if (!valid_text(ctx, text, len, "string"))
		return 0;
	return scalar(ctx, PO_SCAN_STRING, (const char *)text, len);
}

static const yajl_callbacks scan_callbacks = {
	.yajl_null = cb_null,
	.yajl_boolean = cb_boolean,
	.yajl_number = cb_number,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_map_key,
	.yajl_end_map = cb_end_map,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = cb_end_array,
};


char *
po_scan_yajl_error(yajl_handle handle)
{
	unsigned char *err = yajl_get_error(handle, 0, NULL, 0);
	const char *what = (const char *)err;
	size_t len;
	char *text;

	/* yajl's "parse error: " and "lexical error: " say nothing the
	 * reader needs, its message runs on over lines, and po's messages
	 * end without a full stop. */
	if (strncmp(what, "parse error: ", 13) == 0)
		what += 13;
	else if (strncmp(what, "lexical error: ", 15) == 0)
		what += 15;
	len = strcspn(what, "\n");
	if (len > 0 && what[len - 1] == '.')
		len--;
	text = po_xstrndup(what, len);
	yajl_free_error(handle, err);
	return text;
}

/* Says where and why the scan stopped: the handler's reason, or yajl's. */
static void
report_yajl(const char *name, const struct position *pos, const char *chunk,
    size_t chunklen, struct po_scan *scan)
{
	struct position at = *pos;
	size_t consumed = yajl_get_bytes_consumed(scan->handle);
	char *what;

	if (scan->stopped)
		return;
	consumed += scan->span_at;
	if (consumed > chunklen)
		consumed = chunklen;
	advance(&at, chunk, consumed);
	if (scan->reason != NULL) {
		po_error(name, at.line, at.col, "%s", scan->reason);
		return;
	}
	what = po_scan_yajl_error(scan->handle);
	if (at.total == 0 && chunklen == 0)
		po_error(name, 0, 0, "empty input: expected a JSON document");
	else
		po_error(name, at.line, at.col, "invalid JSON: %s", what);
	free(what);
}

static yajl_handle
new_handle(struct po_scan *scan, po_scan_fn fn, void *ctx,
    struct position *base)
{
	yajl_handle handle;

	memset(scan, 0, sizeof(*scan));
	scan->fn = fn;
	scan->ctx = ctx;
	scan->base = base;
	handle = yajl_alloc(&scan_callbacks, NULL, scan);
	if (handle == NULL)
		po_oom();
	scan->handle = handle;
	return handle;
}

/* Frees what a scan holds; the scan itself lives on its caller's stack. */
static void
end_scan(struct po_scan *scan)
{
	for (int level = 0; level < PO_SCAN_KEY_DEPTH; level++)
		free(scan->keys[level]);
	free(scan->reason);
	po_skim_free(scan->skim);
	yajl_free(scan->handle);
}

void
po_scan_where(const struct po_scan *scan, long *line, long *col)
{
	struct position at = *scan->base;

	if (scan->chunk != NULL)
		advance(&at, scan->chunk, scan->span_at +
		    yajl_get_bytes_consumed(scan->handle));
	*line = at.line;
	*col = at.col;
}

static int
finish(const char *name, yajl_handle handle, struct position *pos,
    struct po_scan *scan)
{
	int ret = 0;

	if (pos->total == 0) {
		po_error(name, 0, 0, "empty input: expected a JSON document");
		ret = -1;
	} else if (yajl_complete_parse(handle) != yajl_status_ok) {
		report_yajl(name, pos, "", 0, scan);
		ret = -1;
	}
	return ret;
}

/* How much to read at a time: 128 KiB stays in a core's cache and touches
 * few pages (measured: 10.3 ms for the 12 reports of make bench against
 * 10.9 ms reading a megabyte at a time).  yajl re-lexes a token that a read
 * cut in two from its start with every further read.  When yajl was handed
 * a whole read and no token ended in it, the read was inside a longer
 * token: the next read is twice as large, which keeps the re-lexing
 * linear, up to the longest token po accepts.  The screenshots, the long
 * strings of a report, are skimmed (json-skim.h): yajl is handed only
 * their first bytes, has nothing to re-lex, and the reads stay small.
 * Growing them there only faulted in fresh pages, 10 us each on the VMs
 * CI runs on (256 KiB and 512 KiB reads for every full-page screenshot:
 * 2 ms of the 14 of make bench (b)). */
#define SCAN_READ_SIZE (128 * 1024)
#define SCAN_MAX_TOKEN (64 * 1024 * 1024)

/* Hands a chunk to yajl: whole, or the spans the skimmer keeps. */
static int
parse_chunk(struct po_scan *scan, const char *chunk, size_t len)
{
	size_t pos = 0;
	const char *span = chunk;
	size_t spanlen;

	if (scan->skim == NULL)
		return yajl_parse(scan->handle, (const unsigned char *)chunk,
		    len) == yajl_status_ok ? 0 : -1;
	while ((spanlen = po_skim_span(scan->skim, chunk, len, &pos,
	    &span)) > 0) {
		scan->span_at = (size_t)(span - chunk);
		if (yajl_parse(scan->handle, (const unsigned char *)span,
		    spanlen) != yajl_status_ok)
			return -1;
		scan->fed += spanlen;
	}
	return 0;
}

static int
scan_input(struct po_input *in, po_scan_fn fn, void *ctx, bool skim)
{
	size_t read_size;
	char *chunk = po_readbuf_get(SCAN_READ_SIZE, &read_size);
	struct position pos = { 1, 1, 0 };
	struct po_scan scan;
	yajl_handle handle = new_handle(&scan, fn, ctx, &pos);
	const char *name = po_input_name(in);
	size_t in_token = 0;    /* bytes read since a token last ended */
	ssize_t n;
	int ret = -1;

	if (skim)
		scan.skim = po_skim_new();
	while ((n = po_input_read(in, chunk, read_size)) > 0) {
		unsigned long before = scan.ntokens;
		uint64_t fed_before = scan.fed;

		scan.chunk = chunk;
		if (parse_chunk(&scan, chunk, (size_t)n) < 0) {
			report_yajl(name, &pos, chunk, (size_t)n, &scan);
			goto out;
		}
		advance(&pos, chunk, (size_t)n);
		scan.chunk = NULL;
		scan.span_at = 0;
		if (scan.ntokens != before) {
			in_token = 0;
			continue;
		}
		in_token += (size_t)n;
		if (in_token > SCAN_MAX_TOKEN) {
			po_error(name, pos.line, pos.col, "a single JSON value "
			    "longer than %d MiB", SCAN_MAX_TOKEN / (1024 * 1024));
			goto out;
		}
		if (read_size < SCAN_MAX_TOKEN && (scan.skim == NULL ||
		    scan.fed - fed_before == (uint64_t)n)) {
			read_size *= 2;
			chunk = po_xrealloc(chunk, read_size);
		}
	}
	if (n < 0)
		goto out;
	ret = finish(name, handle, &pos, &scan);
out:
	po_readbuf_put(chunk, read_size);
	end_scan(&scan);
	return ret;
}

int
po_scan_run(struct po_input *in, po_scan_fn fn, void *ctx)
{
	return scan_input(in, fn, ctx, false);
}

int
po_scan_run_skimming(struct po_input *in, po_scan_fn fn, void *ctx)
{
	return scan_input(in, fn, ctx, true);
}

int
po_scan_buffer(const char *name, long first_line, const char *buf,
    size_t len, po_scan_fn fn, void *ctx)
{
	struct position pos = { first_line, 1, 0 };
	struct po_scan scan;
	yajl_handle handle = new_handle(&scan, fn, ctx, &pos);
	int ret = -1;

	scan.chunk = buf;
	if (len > 0 && yajl_parse(handle, (const unsigned char *)buf, len)
	    != yajl_status_ok) {
		report_yajl(name, &pos, buf, len, &scan);
		goto out;
	}
	advance(&pos, buf, len);
	scan.chunk = NULL;
	ret = finish(name, handle, &pos, &scan);
out:
	end_scan(&scan);
	return ret;
}
