#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fields.h"
#include "lib/json-val.h"
#include "lib/msg.h"

/* Reports a field of a document of a known type: "check document: ...". */
static void __attribute__((format(printf, 4, 5)))
fail_field(const struct po_stream_doc *doc, const char *parent,
    const char *key, const char *fmt, ...)
{
	char message[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	po_field_fail(doc, parent, key, "%s document: %s", doc->type, message);
}

/* A field's name as messages spell it: "status", "origin.format". */
static const char *
field_name(char *buf, size_t size, const char *parent, const char *key)
{
	if (parent == NULL)
		snprintf(buf, size, "%s", key);
	else
		snprintf(buf, size, "%s.%s", parent, key);
	return buf;
}

/* Finds the field.  Returns 1 with *out set, 0 when it is absent (or null
 * and nullable) and may be, -1 after a message. */
static int
find(yajl_val *out, const struct po_stream_doc *doc, const char *parent,
    const char *key, int flags)
{
	yajl_val holder = parent ? po_val_get(doc->root, parent) : doc->root;
	char name[128];

	*out = po_val_get(holder, key);
	if (*out != NULL && !(YAJL_IS_NULL(*out) &&
	    (flags & PO_FIELD_NULLABLE)))
		return 1;
	if (*out == NULL && (flags & PO_FIELD_REQUIRED)) {
		fail_field(doc, parent, key, "missing \"%s\"",
		    field_name(name, sizeof(name), parent, key));
		return -1;
	}
	*out = NULL;
	return 0;
}

int
po_field_string(const char **out, const struct po_stream_doc *doc,
    const char *parent, const char *key, int flags)
{
	char name[128];
	yajl_val v;
	int got = find(&v, doc, parent, key, flags);

	*out = NULL;
	if (got <= 0)
		return got;
	if (!YAJL_IS_STRING(v)) {
		fail_field(doc, parent, key, "\"%s\" must be a string",
		    field_name(name, sizeof(name), parent, key));
		return -1;
	}
	*out = v->u.string;
	return 0;
}

/* Lists the words as a message says them: "a", "b" or "c". */
static void
list_words(char *buf, size_t size, const char *const *words)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; words[i] != NULL && len < size; i++) {
		const char *sep = i == 0 ? "" : words[i + 1] ? ", " : " or ";

		len += (size_t)snprintf(buf + len, size - len, "%s\"%s\"", sep,
		    words[i]);
	}
}

int
po_field_word(int *out, const struct po_stream_doc *doc, const char *parent,
    const char *key, const char *const *words, int flags)
{
	char name[128];
	char list[160];
	char shown[48];
	yajl_val v;
	int got = find(&v, doc, parent, key, flags);

	*out = -1;
	if (got <= 0)
		return got;
	for (int i = 0; YAJL_IS_STRING(v) && words[i] != NULL; i++) {
		if (strcmp(v->u.string, words[i]) == 0) {
			*out = i;
			return 0;
		}
	}
	list_words(list, sizeof(list), words);
	field_name(name, sizeof(name), parent, key);
	if (!YAJL_IS_STRING(v)) {
		fail_field(doc, parent, key, "\"%s\" must be %s", name,
		    list);
		return -1;
	}
	/* The word is shown so the user sees the typo, but cut short and
	 * with control characters replaced: it is untrusted text. */
	snprintf(shown, sizeof(shown), "%s", v->u.string);
	for (char *c = shown; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	fail_field(doc, parent, key, "\"%s\" must be %s, not '%s'", name,
	    list, shown);
	return -1;
}

int
po_field_number(double *out, bool *present, const struct po_stream_doc *doc,
    const char *parent, const char *key, int flags)
{
	char name[128];
	yajl_val v;
	int got = find(&v, doc, parent, key, flags);
	bool count = flags & PO_FIELD_COUNT;

	*out = 0;
	*present = false;
	if (got <= 0)
		return got;
	if (po_val_double(out, v) < 0 ||
	    (count && (*out < 0 || *out != floor(*out) || *out > 1e15))) {
		field_name(name, sizeof(name), parent, key);
		if (count)
			fail_field(doc, parent, key, "\"%s\" must be a whole "
			    "number, zero or more", name);
		else
			fail_field(doc, parent, key, "\"%s\" must be a finite "
			    "number%s", name, flags & PO_FIELD_NULLABLE ?
			    " or null" : "");
		return -1;
	}
	*present = true;
	return 0;
}

int
po_field_object(const struct po_stream_doc *doc, const char *key, int flags)
{
	yajl_val v;
	int got = find(&v, doc, NULL, key, flags);

	if (got <= 0)
		return got;
	if (!YAJL_IS_OBJECT(v)) {
		fail_field(doc, NULL, key, "\"%s\" must be an object", key);
		return -1;
	}
	return 0;
}
