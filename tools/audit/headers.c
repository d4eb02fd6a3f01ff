#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/headers.h"
#include "audit/slurp.h"
#include "lib/msg.h"
#include "lib/utf8.h"

#define HEADERS_MAX_BYTES (1u << 20)

/* RFC 9110 token characters, which a field name is made of. */
static int
tchar(unsigned char c)
{
	return isalnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int
parse_line(struct curl_slist **list, const char *line, size_t len,
    const char *where, long lineno)
{
	const char *colon = memchr(line, ':', len);
	size_t bad;
	struct curl_slist *grown;
	char *copy;

	if (colon == NULL || colon == line) {
		po_error(where, lineno, 1, "not a 'Name: value' header line");
		return -1;
	}
	for (const char *p = line; p < colon; p++) {
		if (!tchar((unsigned char)*p)) {
			po_error(where, lineno, p - line + 1, "a header name "
			    "may not contain this character");
			return -1;
		}
	}
	bad = po_utf8_check(line, len);
	if (bad < len) {
		po_error(where, lineno, (long)bad + 1, "invalid UTF-8");
		return -1;
	}
	for (const char *p = colon + 1; p < line + len; p++) {
		if ((unsigned char)*p < 0x20 && *p != '\t') {
			po_error(where, lineno, p - line + 1, "a control "
			    "character in the value of a header");
			return -1;
		}
	}
	copy = po_xstrndup(line, len);
	grown = curl_slist_append(*list, copy);
	free(copy);
	if (grown == NULL)
		po_oom();
	*list = grown;
	return 0;
}

int
po_headers_parse(struct curl_slist **list, const char *text, size_t len,
    const char *where)
{
	long lineno = 0;
	int ret = 0;

	for (const char *p = text; p < text + len;) {
		const char *nl = memchr(p, '\n', (size_t)(text + len - p));
		const char *end = nl ? nl : text + len;

		lineno++;
		if (end > p && end[-1] == '\r')
			end--;
		if (end > p && *p != '#' &&
		    parse_line(list, p, (size_t)(end - p), where, lineno) < 0)
			ret = -1;
		p = nl ? nl + 1 : text + len;
	}
	return ret;
}

int
po_headers_read_file(struct curl_slist **list, const char *path)
{
	char *text;
	size_t len;
	int ret;

	if (po_slurp(&text, &len, path, HEADERS_MAX_BYTES) < 0)
		return -1;
	ret = po_headers_parse(list, text, len, path);
	free(text);
	return ret;
}

int
po_headers_read_env(struct curl_slist **list, const char *name)
{
	const char *value = getenv(name);
	char where[128];

	snprintf(where, sizeof(where), "$%s", name);
	if (value == NULL) {
		po_error(where, 0, 0, "the environment variable is not set");
		return -1;
	}
	return po_headers_parse(list, value, strlen(value), where);
}
