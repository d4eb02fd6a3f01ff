#include "config.h"

#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "num.h"
#include "stream-write.h"

static yajl_gen shared_gen;

/* A thread's documents held back between po_doc_capture_begin() and
 * po_doc_capture_end(), with the generator that thread writes them with. */
struct capture {
	yajl_gen gen;           /* NULL when not capturing */
	char *text;
	size_t len;
	size_t cap;
};

static _Thread_local struct capture capture;

static yajl_gen
new_gen(void)
{
	yajl_gen gen = yajl_gen_alloc(NULL);

	if (gen == NULL)
		po_oom();
	return gen;
}

yajl_gen
po_doc_begin(const char *type)
{
	yajl_gen gen = capture.gen;

	if (gen == NULL) {
		if (shared_gen == NULL)
			shared_gen = new_gen();
		gen = shared_gen;
	}
	yajl_gen_map_open(gen);
	po_gen_key(gen, "po");
	yajl_gen_integer(gen, PO_STREAM_VERSION);
	po_gen_key_string(gen, "type", type);
	return gen;
}

/* Writes one line of the stream: to stdout, or to this thread's capture. */
static void
put_line(const void *text, size_t len)
{
	if (capture.gen == NULL) {
		fwrite(text, 1, len, stdout);
		putchar('\n');
		return;
	}
	if (capture.cap - capture.len < len + 1) {
		capture.cap = 2 * (capture.len + len + 1);
		capture.text = po_xrealloc(capture.text, capture.cap);
	}
	memcpy(capture.text + capture.len, text, len);
	capture.len += len;
	capture.text[capture.len++] = '\n';
}

void
po_doc_end(yajl_gen gen)
{
	const unsigned char *buf;
	size_t len;

	yajl_gen_map_close(gen);
	yajl_gen_get_buf(gen, &buf, &len);
	put_line(buf, len);
	yajl_gen_clear(gen);
	yajl_gen_reset(gen, NULL);
}

void
po_doc_passthrough(const char *line, size_t len)
{
	put_line(line, len);
}

void
po_doc_capture_begin(void)
{
	capture.gen = new_gen();
}

char *
po_doc_capture_end(size_t *len)
{
	char *text = capture.text;

	*len = capture.len;
	yajl_gen_free(capture.gen);
	memset(&capture, 0, sizeof(capture));
	return text;
}

void
po_gen_string(yajl_gen gen, const char *s)
{
	po_gen_stringn(gen, s, strlen(s));
}

void
po_gen_stringn(yajl_gen gen, const char *s, size_t len)
{
	yajl_gen_string(gen, (const unsigned char *)s, len);
}

void
po_gen_raw_number(yajl_gen gen, const char *text, size_t len)
{
	yajl_gen_number(gen, text, len);
}

void
po_gen_double(yajl_gen gen, double value)
{
	char buf[PO_NUM_BUFSIZE];

	po_num_format(buf, value);
	if (strcmp(buf, "null") == 0)
		yajl_gen_null(gen);
	else
		yajl_gen_number(gen, buf, strlen(buf));
}

void
po_gen_key(yajl_gen gen, const char *key)
{
	po_gen_string(gen, key);
}

void
po_gen_key_string(yajl_gen gen, const char *key, const char *value)
{
	po_gen_key(gen, key);
	if (value == NULL)
		yajl_gen_null(gen);
	else
		po_gen_string(gen, value);
}

void
po_gen_key_double(yajl_gen gen, const char *key, double value)
{
	po_gen_key(gen, key);
	po_gen_double(gen, value);
}

void
po_gen_key_raw_number(yajl_gen gen, const char *key, const char *text)
{
	po_gen_key(gen, key);
	po_gen_raw_number(gen, text, strlen(text));
}

void
po_gen_key_bool(yajl_gen gen, const char *key, int value)
{
	po_gen_key(gen, key);
	yajl_gen_bool(gen, value);
}

void
po_doc_cleanup(void)
{
	if (shared_gen != NULL)
		yajl_gen_free(shared_gen);
	shared_gen = NULL;
}
