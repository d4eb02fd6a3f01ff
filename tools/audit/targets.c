#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "audit/slurp.h"
#include "audit/targets.h"
#include "audit/url.h"
#include "lib/msg.h"
#include "lib/utf8.h"

#define URL_MAX_BYTES 8192
#define URL_FILE_MAX_BYTES (64u << 20)

int
po_targets_add(struct po_targets *t, const char *url, size_t len,
    const char *file, long line, long col, bool allow_file)
{
	char *copy;
	size_t bad = po_utf8_check(url, len);

	if (bad < len) {
		po_error(file, line, col + (long)bad, "invalid UTF-8 in a URL");
		return -1;
	}
	if (len > URL_MAX_BYTES) {
		po_error(file, line, col, "a URL longer than %d bytes",
		    URL_MAX_BYTES);
		return -1;
	}
	if (t->n >= PO_TARGETS_MAX) {
		po_error(file, line, col, "more than %d pages to audit",
		    PO_TARGETS_MAX);
		return -1;
	}
	copy = po_xstrndup(url, len);
	if (memchr(url, '\0', len) || !po_url_acceptable(copy, allow_file)) {
		po_error(file, line, col, "not an %s URL '%s'", allow_file ?
		    "http, https or file" : "http or https", copy);
		free(copy);
		return -1;
	}
	t->urls = po_xrealloc(t->urls, (t->n + 1) * sizeof(char *));
	t->urls[t->n++] = copy;
	return 0;
}

int
po_targets_read_file(struct po_targets *t, const char *path, bool allow_file)
{
	char *text;
	size_t len;
	long lineno = 0;
	int ret = 0;

	if (po_slurp(&text, &len, path, URL_FILE_MAX_BYTES) < 0)
		return -1;
	for (const char *p = text; p < text + len;) {
		const char *nl = memchr(p, '\n', (size_t)(text + len - p));
		const char *end = nl ? nl : text + len;
		const char *start = p;

		lineno++;
		while (start < end && isspace((unsigned char)*start))
			start++;
		while (end > start && isspace((unsigned char)end[-1]))
			end--;
		if (start < end && *start != '#' &&
		    po_targets_add(t, start, (size_t)(end - start), path,
		    lineno, (long)(start - p) + 1, allow_file) < 0)
			ret = -1;
		p = nl ? nl + 1 : text + len;
	}
	free(text);
	return ret;
}

void
po_targets_free(struct po_targets *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->urls[i]);
	free(t->urls);
	t->urls = NULL;
	t->n = 0;
}
