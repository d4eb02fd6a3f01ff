#include "config.h"

#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "num.h"
#include "stream-write.h"

static yajl_gen shared_gen;

yajl_gen
po_doc_begin(const char *type)
{
	if (shared_gen == NULL) {
		shared_gen = yajl_gen_alloc(NULL);
		if (shared_gen == NULL)
			po_oom();
	}
	yajl_gen_map_open(shared_gen);
	po_gen_key(shared_gen, "po");
	yajl_gen_integer(shared_gen, PO_STREAM_VERSION);
	po_gen_key_string(shared_gen, "type", type);
	return shared_gen;
}

void
po_doc_end(yajl_gen gen)
{
	const unsigned char *buf;
	size_t len;

	yajl_gen_map_close(gen);
	yajl_gen_get_buf(gen, &buf, &len);
	fwrite(buf, 1, len, stdout);
	putchar('\n');
	yajl_gen_clear(gen);
	yajl_gen_reset(gen, NULL);
}

void
po_doc_passthrough(const char *line, size_t len)
{
	fwrite(line, 1, len, stdout);
	putchar('\n');
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
