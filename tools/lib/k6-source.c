#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "input.h"
#include "k6-source.h"
#include "msg.h"

#define PEEK_STEP (64 * 1024)
#define PEEK_MAX (1024 * 1024)
#define MAX_LINE (64UL * 1024 * 1024)
/* Buffers kept for reuse: one per thread parsing, and one being read. */
#define MAX_SPARES 8

struct po_k6_source {
	struct po_input *in;
	char *pending;          /* read but not yet handed out */
	size_t len;
	size_t cap;
	bool eof;
	enum po_k6_kind kind;
	/* Chunk buffers handed back, of spare_cap[i] bytes each. */
	pthread_mutex_t spare_lock;
	char *spares[MAX_SPARES];
	size_t spare_cap[MAX_SPARES];
	size_t nspares;
};

/* Reads up to `n` more bytes after the pending ones.  Returns the count,
 * 0 at the end, -1 after a message. */
static ssize_t
fill(struct po_k6_source *src, size_t n)
{
	ssize_t got;

	if (src->eof)
		return 0;
	if (src->cap - src->len < n) {
		src->cap = src->len + n;
		src->pending = po_xrealloc(src->pending, src->cap + 1);
	}
	got = po_input_read(src->in, src->pending + src->len, n);
	if (got < 0)
		return -1;
	if (got == 0)
		src->eof = true;
	src->len += (size_t)got;
	return got;
}

struct sniff {
	int depth;
	enum po_k6_kind kind;
	bool decided;
};

static int
sniff_start_map(void *ctx)
{
	struct sniff *s = ctx;

	return ++s->depth == 1;
}

static int
sniff_key(void *ctx, const unsigned char *key, size_t len)
{
	struct sniff *s = ctx;

	if ((len == 4 && memcmp(key, "type", 4) == 0) ||
	    (len == 6 && memcmp(key, "metric", 6) == 0) ||
	    (len == 4 && memcmp(key, "data", 4) == 0))
		s->kind = PO_K6_KIND_POINTS;
	else if (len == 2 && memcmp(key, "po", 2) == 0)
		s->kind = PO_K6_KIND_PO_STREAM;
	else
		s->kind = PO_K6_KIND_SUMMARY;
	s->decided = true;
	return 0;
}

static int
sniff_other(void *ctx)
{
	struct sniff *s = ctx;

	s->kind = PO_K6_KIND_OTHER;
	s->decided = true;
	return 0;
}

static int
sniff_scalar(void *ctx, const char *text, size_t len)
{
	return sniff_other(ctx);
}

static int
sniff_bool(void *ctx, int value)
{
	return sniff_other(ctx);
}

static int
sniff_string(void *ctx, const unsigned char *text, size_t len)
{
	return sniff_other(ctx);
}

static int
sniff_end_map(void *ctx)
{
	return sniff_other(ctx);
}

static const yajl_callbacks sniff_callbacks = {
	.yajl_null = sniff_other,
	.yajl_boolean = sniff_bool,
	.yajl_number = sniff_scalar,
	.yajl_string = sniff_string,
	.yajl_start_map = sniff_start_map,
	.yajl_map_key = sniff_key,
	.yajl_end_map = sniff_end_map,
	.yajl_start_array = sniff_other,
};

/* The first key of the first object says what the input is: k6 writes
 * "type" or "metric" first on every line of raw points, and a summary has
 * none of those at its top.  Anything that is not an object first, or
 * not JSON, is OTHER; its reader then says what is wrong where. */
static int
recognise(struct po_k6_source *src)
{
	struct sniff s = { 0, PO_K6_KIND_OTHER, false };
	yajl_status status = yajl_status_ok;
	yajl_handle h;
	ssize_t got;

	do {
		got = fill(src, PEEK_STEP);
		if (got < 0)
			return -1;
		h = yajl_alloc(&sniff_callbacks, NULL, &s);
		if (h == NULL)
			po_oom();
		s.depth = 0;
		s.decided = false;
		status = yajl_parse(h, (const unsigned char *)src->pending,
		    src->len);
		yajl_free(h);
	} while (!s.decided && status == yajl_status_ok && !src->eof &&
	    src->len < PEEK_MAX);
	if (src->len == 0) {
		po_error(po_input_name(src->in), 0, 0, "empty input: expected "
		    "k6 output");
		return -1;
	}
	src->kind = s.decided ? s.kind : PO_K6_KIND_OTHER;
	return 0;
}

int
po_k6_source_open(struct po_k6_source **out, const char *path)
{
	struct po_k6_source *src = po_xcalloc(1, sizeof(*src));

	if (po_input_open(&src->in, path) < 0) {
		free(src);
		return -1;
	}
	pthread_mutex_init(&src->spare_lock, NULL);
	if (recognise(src) < 0) {
		po_k6_source_free(src);
		return -1;
	}
	*out = src;
	return 0;
}

enum po_k6_kind
po_k6_source_kind(const struct po_k6_source *src)
{
	return src->kind;
}

const char *
po_k6_source_name(const struct po_k6_source *src)
{
	return po_input_name(src->in);
}

int
po_k6_source_slurp(struct po_k6_source *src, char **out, size_t *len,
    size_t max_bytes)
{
	ssize_t got;

	do {
		got = fill(src, src->len < PEEK_STEP ? PEEK_STEP : src->len);
		if (got < 0)
			return -1;
	} while (got > 0 && src->len <= max_bytes);
	if (src->len > max_bytes) {
		po_error(po_input_name(src->in), 0, 0, "larger than %zu bytes: "
		    "too large for a k6 summary", max_bytes);
		return -1;
	}
	if (src->pending == NULL)
		src->pending = po_xmalloc(1);
	src->pending[src->len] = '\0';
	*out = src->pending;
	*len = src->len;
	src->pending = NULL;
	src->len = src->cap = 0;
	return 0;
}

static char *
last_newline(const char *buf, size_t len)
{
	return len ? memrchr(buf, '\n', len) : NULL;
}

/* A buffer of at least `size` bytes for the next pending lines: a spare
 * when one is large enough.  Sets *cap to its size. */
static char *
take_buffer(struct po_k6_source *src, size_t size, size_t *cap)
{
	char *buf = NULL;

	pthread_mutex_lock(&src->spare_lock);
	for (size_t i = src->nspares; i-- > 0;)
		if (src->spare_cap[i] >= size) {
			buf = src->spares[i];
			*cap = src->spare_cap[i];
			src->nspares--;
			src->spares[i] = src->spares[src->nspares];
			src->spare_cap[i] = src->spare_cap[src->nspares];
			break;
		}
	pthread_mutex_unlock(&src->spare_lock);
	if (buf == NULL) {
		buf = po_xmalloc(size);
		*cap = size;
	}
	return buf;
}

void
po_k6_source_recycle(struct po_k6_source *src, struct po_k6_chunkbuf *buf)
{
	pthread_mutex_lock(&src->spare_lock);
	if (src->nspares < MAX_SPARES) {
		src->spares[src->nspares] = buf->bytes;
		src->spare_cap[src->nspares] = buf->cap;
		src->nspares++;
		buf->bytes = NULL;
	}
	pthread_mutex_unlock(&src->spare_lock);
	free(buf->bytes);
	buf->bytes = NULL;
	buf->len = buf->cap = 0;
}

int
po_k6_source_chunk(struct po_k6_source *src, struct po_k6_chunkbuf *out,
    size_t want)
{
	size_t searched = 0;
	char *nl = NULL;
	size_t keep;
	size_t cap;

	while (src->len < want && !src->eof)
		if (fill(src, want - src->len) < 0)
			return -1;
	/* A line longer than the chunk: read on until it ends. */
	while ((nl = last_newline(src->pending + searched,
	    src->len - searched)) == NULL && !src->eof) {
		if (src->len > MAX_LINE) {
			po_error(po_input_name(src->in), 0, 0, "a line longer "
			    "than %lu bytes: not k6 output", MAX_LINE);
			return -1;
		}
		searched = src->len;
		if (fill(src, src->len > want ? src->len : want) < 0)
			return -1;
	}
	if (src->len == 0)
		return 0;
	keep = nl ? (size_t)(src->pending + src->len - nl - 1) : 0;
	/* The chunk keeps the buffer; what follows its last line moves to
	 * another, which is at most one partial line. */
	out->bytes = src->pending;
	out->len = src->len - keep;
	out->cap = src->cap + 1;
	src->pending = take_buffer(src, (keep > want ? keep : want) + 1,
	    &cap);
	src->cap = cap - 1;
	memcpy(src->pending, out->bytes + out->len, keep);
	src->len = keep;
	return 1;
}

void
po_k6_source_free(struct po_k6_source *src)
{
	if (src == NULL)
		return;
	po_input_free(src->in);
	free(src->pending);
	for (size_t i = 0; i < src->nspares; i++)
		free(src->spares[i]);
	pthread_mutex_destroy(&src->spare_lock);
	free(src);
}
