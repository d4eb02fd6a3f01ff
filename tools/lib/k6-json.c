#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "k6-json.h"
#include "msg.h"

struct po_k6_json {
	po_k6_json_fn fn;
	void *ctx;
	const char *buf;
	yajl_handle handle;
	int depth;                      /* true depth */
	bool is_array[PO_K6_JSON_KEYS];
	char *keys[PO_K6_JSON_KEYS];
	struct po_k6_json_path path;
	char *reason;
	bool reported;          /* the handler printed its own message */
};

void
po_k6_json_fail(struct po_k6_json *json, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	free(json->reason);
	json->reason = po_xstrdup(buf);
}

void
po_k6_json_stop(struct po_k6_json *json)
{
	json->reported = true;
}

void
po_k6_json_position(const char *buf, size_t offset, long *line, long *col)
{
	const char *end = buf + offset;
	const char *nl;

	*line = 1;
	*col = 1;
	while ((nl = memchr(buf, '\n', (size_t)(end - buf))) != NULL) {
		(*line)++;
		buf = nl + 1;
	}
	*col += end - buf;
}

void
po_k6_json_where(const struct po_k6_json *json, long *line, long *col)
{
	po_k6_json_position(json->buf, yajl_get_bytes_consumed(json->handle),
	    line, col);
}

/* A value advances the index of the array holding it before it is
 * reported, so that the path names the value itself. */
static void
enter_value(struct po_k6_json *json)
{
	int top = json->depth - 1;

	if (top >= 0 && top < PO_K6_JSON_KEYS && json->is_array[top])
		json->path.index[top]++;
}

static int
deliver(struct po_k6_json *json, enum po_scan_kind kind, const char *text,
    size_t len)
{
	return json->fn(json, json->ctx, &json->path, kind, text, len) == 0;
}

static int
open_container(void *ctx, bool is_array)
{
	struct po_k6_json *json = ctx;
	int d = json->depth;

	enter_value(json);
	if (!deliver(json, is_array ? PO_SCAN_OPEN_ARRAY : PO_SCAN_OPEN_MAP,
	    "", 0))
		return 0;
	if (d >= PO_SCAN_MAX_DEPTH) {
		po_k6_json_fail(json, "nesting deeper than %d levels",
		    PO_SCAN_MAX_DEPTH);
		return 0;
	}
	if (d < PO_K6_JSON_KEYS) {
		json->is_array[d] = is_array;
		json->path.keys[d] = NULL;
		json->path.index[d] = -1;
	}
	json->depth++;
	json->path.depth = json->depth;
	return 1;
}

static int
close_container(void *ctx, bool is_array)
{
	struct po_k6_json *json = ctx;

	json->depth--;
	if (json->depth < PO_K6_JSON_KEYS) {
		free(json->keys[json->depth]);
		json->keys[json->depth] = NULL;
		json->path.keys[json->depth] = NULL;
	}
	json->path.depth = json->depth;
	return deliver(json, is_array ? PO_SCAN_CLOSE_ARRAY :
	    PO_SCAN_CLOSE_MAP, "", 0);
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

static int
cb_map_key(void *ctx, const unsigned char *key, size_t len)
{
	struct po_k6_json *json = ctx;
	int d = json->depth - 1;

	if (d < PO_K6_JSON_KEYS) {
		free(json->keys[d]);
		json->keys[d] = po_xstrndup((const char *)key, len);
		json->path.keys[d] = json->keys[d];
	}
	return 1;
}

static int
scalar(void *ctx, enum po_scan_kind kind, const char *text, size_t len)
{
	enter_value(ctx);
	return deliver(ctx, kind, text, len);
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
	return scalar(ctx, PO_SCAN_STRING, (const char *)text, len);
}

static const yajl_callbacks callbacks = {
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

static void
report(const char *name, struct po_k6_json *json, size_t len, bool complete)
{
	size_t consumed = complete ? len : yajl_get_bytes_consumed(json->handle);
	unsigned char *err;
	char *nl;
	long line;
	long col;

	if (json->reported)
		return;
	if (consumed > len)
		consumed = len;
	po_k6_json_position(json->buf, consumed, &line, &col);
	if (json->reason != NULL) {
		po_error(name, line, col, "%s", json->reason);
		return;
	}
	err = yajl_get_error(json->handle, 0, NULL, 0);
	nl = strchr((char *)err, '\n');
	if (nl != NULL)
		*nl = '\0';
	if (err[0] != '\0' && err[strlen((char *)err) - 1] == '.')
		err[strlen((char *)err) - 1] = '\0';
	po_error(name, line, col, "invalid JSON: %s",
	    strncmp((char *)err, "parse error: ", 13) == 0 ?
	    (char *)err + 13 : strncmp((char *)err, "lexical error: ", 15) == 0 ?
	    (char *)err + 15 : (char *)err);
	yajl_free_error(json->handle, err);
}

int
po_k6_json_parse(const char *name, const char *buf, size_t len,
    po_k6_json_fn fn, void *ctx)
{
	struct po_k6_json json = { 0 };
	int ret = -1;

	json.fn = fn;
	json.ctx = ctx;
	json.buf = buf;
	json.handle = yajl_alloc(&callbacks, NULL, &json);
	if (json.handle == NULL)
		po_oom();
	if (len == 0) {
		po_error(name, 0, 0, "empty input: expected a JSON document");
		goto out;
	}
	if (yajl_parse(json.handle, (const unsigned char *)buf, len) !=
	    yajl_status_ok) {
		report(name, &json, len, false);
		goto out;
	}
	if (yajl_complete_parse(json.handle) != yajl_status_ok) {
		report(name, &json, len, true);
		goto out;
	}
	ret = 0;
out:
	for (int d = 0; d < PO_K6_JSON_KEYS; d++)
		free(json.keys[d]);
	free(json.reason);
	yajl_free(json.handle);
	return ret;
}
