#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "json-scan.h"
#include "json-val.h"
#include "msg.h"
#include "stream-field.h"

/* Where a message about a field points: at its value when it is there,
 * otherwise at the closing brace of the object that should hold it. */
struct locator {
	const char *keys[2];
	int nkeys;
	bool at_end;
	const char *message;
	bool found;
};

static int
locate(struct po_scan *scan, void *ctx, const struct po_scan_path *path,
    enum po_scan_kind kind, const char *text, size_t len)
{
	struct locator *at = ctx;
	bool closing = kind == PO_SCAN_CLOSE_MAP || kind == PO_SCAN_CLOSE_ARRAY;

	if (at->at_end ? kind != PO_SCAN_CLOSE_MAP : closing)
		return 0;
	if (!po_scan_at(path, at->nkeys, at->nkeys, at->keys[0], at->keys[1]))
		return 0;
	at->found = true;
	po_scan_fail(scan, "%s", at->message);
	return -1;
}

void
po_field_fail(const struct po_stream_doc *doc, const char *parent,
    const char *key, const char *fmt, ...)
{
	struct locator at = { { NULL, NULL }, 0, false, NULL, false };
	yajl_val holder = parent ? po_val_get(doc->root, parent) : doc->root;
	char message[480];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	at.message = message;
	if (parent != NULL && holder != NULL)
		at.keys[at.nkeys++] = parent;
	if (po_val_get(holder, key) != NULL)
		at.keys[at.nkeys++] = key;
	else
		at.at_end = YAJL_IS_OBJECT(holder);
	/* The line was read once already; scanning it again costs nothing
	 * next to a report, and only happens on the way to exit 2. */
	po_scan_buffer(doc->file, doc->lineno, doc->line, doc->len, locate,
	    &at);
	if (!at.found)
		po_error(doc->file, doc->lineno, 0, "%s", message);
}
