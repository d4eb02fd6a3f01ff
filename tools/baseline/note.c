#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline/note.h"
#include "lib/json-scan.h"
#include "lib/json-val.h"
#include "lib/msg.h"
#include "lib/utf8.h"

/* The key joins its parts with their lengths, so that no subject, however
 * odd its characters, can make two different keys collide. */
char *
po_note_key(yajl_val doc)
{
	const char *source = po_val_string(doc, "source");
	const char *subject = po_val_string(doc, "subject");
	const char *form_factor = po_val_string(po_val_get(doc, "tags"),
	    "form_factor");
	size_t size;
	char *key;

	if (source == NULL || subject == NULL)
		return NULL;
	size = strlen(source) + strlen(subject) +
	    (form_factor ? strlen(form_factor) : 0) + 80;
	key = po_xmalloc(size);
	snprintf(key, size, "%zu:%s%zu:%s%c%s", strlen(source), source,
	    strlen(subject), subject, form_factor ? '+' : '-',
	    form_factor ? form_factor : "");
	return key;
}

/* Reports a bad stored line: as an error when reading, as a warning when
 * the line is about to be replaced. */
__attribute__((format(printf, 5, 6)))
static void
complain(int lenient, const char *where, long lineno, long col,
    const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (lenient)
		po_warn(where, lineno, col, "%s", text);
	else
		po_error(where, lineno, col, "%s", text);
}

/* The deepest nesting of a line, counting brackets outside strings, so
 * that yajl_tree, which frees recursively, never gets a hostile depth. */
static size_t
max_depth(const char *s, size_t len)
{
	size_t depth = 0;
	size_t deepest = 0;
	int in_string = 0;

	for (size_t i = 0; i < len; i++) {
		if (in_string) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_string = 0;
		} else if (s[i] == '"') {
			in_string = 1;
		} else if (s[i] == '{' || s[i] == '[') {
			if (++depth > deepest)
				deepest = depth;
		} else if ((s[i] == '}' || s[i] == ']') && depth > 0) {
			depth--;
		}
	}
	return deepest;
}

int
po_note_parse_line(yajl_val *out, int lenient, const char *where, long lineno,
    const char *line, size_t len)
{
	char errbuf[256];
	char *copy;
	yajl_val doc;
	double version;
	const char *type;
	size_t bad;

	*out = NULL;
	if (memchr(line, '\0', len) != NULL) {
		complain(lenient, where, lineno, 0, "binary data: expected a "
		    "JSON document");
		return -1;
	}
	bad = po_utf8_check(line, len);
	if (bad < len) {
		complain(lenient, where, lineno, (long)bad + 1,
		    "invalid UTF-8");
		return -1;
	}
	if (max_depth(line, len) > PO_SCAN_MAX_DEPTH) {
		complain(lenient, where, lineno, 0, "nested deeper than %d",
		    PO_SCAN_MAX_DEPTH);
		return -1;
	}
	copy = po_xstrndup(line, len);
	doc = yajl_tree_parse(copy, errbuf, sizeof(errbuf));
	free(copy);
	if (doc == NULL) {
		/* The scanner says where the text went wrong, which
		 * yajl_tree does not; it reports as an error, so a lenient
		 * reader makes do with yajl_tree's words. */
		if (lenient || po_scan_buffer(where, lineno, line, len, NULL,
		    NULL) == 0)
			complain(lenient, where, lineno, 0, "invalid JSON: %s",
			    errbuf);
		return -1;
	}
	if (!YAJL_IS_OBJECT(doc) || po_val_number(&version, doc, "po") < 0) {
		complain(lenient, where, lineno, 1, "not a po document");
		goto bad;
	}
	if (version != 1) {
		complain(lenient, where, lineno, 1, "unsupported po stream "
		    "version %g (this po reads 1)", version);
		goto bad;
	}
	type = po_val_string(doc, "type");
	if (type == NULL || strcmp(type, "metrics") != 0) {
		complain(lenient, where, lineno, 1, "not a metrics document");
		goto bad;
	}
	if (po_val_string(doc, "source") == NULL ||
	    po_val_string(doc, "subject") == NULL ||
	    !YAJL_IS_OBJECT(po_val_get(doc, "metrics"))) {
		complain(lenient, where, lineno, 1, "metrics document "
		    "without a \"source\", \"subject\" or \"metrics\" "
		    "object");
		goto bad;
	}
	*out = doc;
	return 0;
bad:
	yajl_tree_free(doc);
	return -1;
}

size_t
po_note_load(struct po_note *note, int lenient, const char *where,
    const char *text, size_t len)
{
	const char *p = text;
	const char *end = text + len;
	size_t nbad = 0;
	long lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		size_t n = (size_t)(stop - p);
		yajl_val doc;
		char *key;

		lineno++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0) {
			if (po_note_parse_line(&doc, lenient, where, lineno, p,
			    n) < 0) {
				nbad++;
			} else {
				key = po_note_key(doc);
				po_note_put(note, key, p, n);
				free(key);
				yajl_tree_free(doc);
			}
		}
		p = nl ? nl + 1 : end;
	}
	return nbad;
}

void
po_note_put(struct po_note *note, const char *key, const char *text,
    size_t len)
{
	struct po_note_doc *slot = NULL;

	for (size_t i = 0; i < note->ndocs; i++)
		if (strcmp(note->docs[i].key, key) == 0) {
			slot = &note->docs[i];
			free(slot->text);
			break;
		}
	if (slot == NULL) {
		if (note->ndocs == note->cap) {
			note->cap = note->cap ? note->cap * 2 : 8;
			note->docs = po_xrealloc(note->docs,
			    note->cap * sizeof(*note->docs));
		}
		slot = &note->docs[note->ndocs++];
		slot->key = po_xstrdup(key);
	}
	slot->text = po_xstrndup(text, len);
	slot->len = len;
}

char *
po_note_text(const struct po_note *note)
{
	size_t size = 1;
	char *text;
	char *p;

	for (size_t i = 0; i < note->ndocs; i++)
		size += note->docs[i].len + 1;
	text = p = po_xmalloc(size);
	for (size_t i = 0; i < note->ndocs; i++) {
		memcpy(p, note->docs[i].text, note->docs[i].len);
		p += note->docs[i].len;
		*p++ = '\n';
	}
	*p = '\0';
	return text;
}

void
po_note_clear(struct po_note *note)
{
	for (size_t i = 0; i < note->ndocs; i++) {
		free(note->docs[i].text);
		free(note->docs[i].key);
	}
	free(note->docs);
	memset(note, 0, sizeof(*note));
}
