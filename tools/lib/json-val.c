#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "json-scan.h"
#include "json-val.h"
#include "msg.h"
#include "num.h"

yajl_val
po_val_get(yajl_val obj, const char *key)
{
	if (!YAJL_IS_OBJECT(obj))
		return NULL;
	/* Later duplicates win, as in JavaScript's JSON.parse. */
	for (size_t i = obj->u.object.len; i-- > 0;)
		if (strcmp(obj->u.object.keys[i], key) == 0)
			return obj->u.object.values[i];
	return NULL;
}

const char *
po_val_string(yajl_val obj, const char *key)
{
	yajl_val v = po_val_get(obj, key);

	return YAJL_IS_STRING(v) ? v->u.string : NULL;
}

const char *
po_val_raw_number(yajl_val v)
{
	return YAJL_IS_NUMBER(v) ? v->u.number.r : NULL;
}

int
po_val_double(double *out, yajl_val v)
{
	const char *raw = po_val_raw_number(v);

	if (raw == NULL)
		return -1;
	return po_num_parse(out, raw, strlen(raw));
}

int
po_val_number(double *out, yajl_val obj, const char *key)
{
	return po_val_double(out, po_val_get(obj, key));
}

int
po_val_load_file(yajl_val *out, const char *path, size_t max_bytes)
{
	char *text;
	size_t len;

	if (po_val_load_file_text(out, &text, &len, path, max_bytes) < 0)
		return -1;
	free(text);
	return 0;
}

int
po_val_load_file_text(yajl_val *out, char **text, size_t *textlen,
    const char *path, size_t max_bytes)
{
	struct po_input *in;
	char *buf = NULL;
	size_t len = 0;
	ssize_t n;
	char errbuf[256];
	int ret = -1;

	if (po_input_open(&in, path) < 0)
		return -1;
	buf = po_xmalloc(max_bytes + 1);
	while ((n = po_input_read(in, buf + len, max_bytes + 1 - len)) > 0) {
		len += (size_t)n;
		if (len > max_bytes) {
			po_error(path, 0, 0, "larger than %zu bytes", max_bytes);
			goto out;
		}
	}
	if (n < 0)
		goto out;
	buf[len] = '\0';
	if (memchr(buf, '\0', len) != NULL) {
		po_error(path, 0, 0, "binary data: expected JSON text");
		goto out;
	}
	/* The scan finds the line and column of a problem (and refuses
	 * absurd nesting) before yajl_tree builds anything. */
	if (po_scan_buffer(path, 1, buf, len, NULL, NULL) < 0)
		goto out;
	*out = yajl_tree_parse(buf, errbuf, sizeof(errbuf));
	if (*out == NULL) {
		po_error(path, 0, 0, "invalid JSON: %s", errbuf);
		goto out;
	}
	*text = buf;
	*textlen = len;
	buf = NULL;
	ret = 0;
out:
	free(buf);
	po_input_free(in);
	return ret;
}
