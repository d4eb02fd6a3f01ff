#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "k6-name.h"
#include "msg.h"

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

/* Trims spaces, then quotes, as k6 does: strings.Trim(TrimSpace(s), "\"'"). */
static char *
trim_copy(const char *s, size_t len)
{
	while (len > 0 && is_space(*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_space(s[len - 1]))
		len--;
	while (len > 0 && (*s == '"' || *s == '\'')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == '"' || s[len - 1] == '\''))
		len--;
	return po_xstrndup(s, len);
}

static int
compare_tags(const void *a, const void *b)
{
	return strcmp(((const struct po_k6_tag *)a)->key,
	    ((const struct po_k6_tag *)b)->key);
}

/* Adds a tag; a key given twice keeps its last value, as k6's map does. */
static void
add_tag(struct po_k6_name *name, char *key, char *value)
{
	for (size_t i = 0; i < name->ntags; i++)
		if (strcmp(name->tags[i].key, key) == 0) {
			free(key);
			free(name->tags[i].value);
			name->tags[i].value = value;
			return;
		}
	name->tags = po_xrealloc(name->tags,
	    (name->ntags + 1) * sizeof(*name->tags));
	name->tags[name->ntags].key = key;
	name->tags[name->ntags].value = value;
	name->ntags++;
}

/* Splits the text between the braces into tags.  Each comma-separated
 * part needs a colon and something after it, as k6's ParseMetricName
 * requires. */
static int
parse_tags(struct po_k6_name *out, const char *inner, size_t len, char *why,
    size_t whylen)
{
	const char *end = inner + len;
	const char *part = inner;

	for (;;) {
		const char *comma = memchr(part, ',', (size_t)(end - part));
		const char *stop = comma ? comma : end;
		const char *colon = memchr(part, ':', (size_t)(stop - part));

		if (colon == NULL || colon + 1 == stop) {
			snprintf(why, whylen, "tag expression '%.*s' is "
			    "malformed: expected key:value", (int)(stop - part),
			    part);
			return -1;
		}
		add_tag(out, trim_copy(part, (size_t)(colon - part)),
		    trim_copy(colon + 1, (size_t)(stop - colon - 1)));
		if (comma == NULL)
			break;
		part = comma + 1;
	}
	qsort(out->tags, out->ntags, sizeof(*out->tags), compare_tags);
	return 0;
}

int
po_k6_name_parse(struct po_k6_name *out, const char *text, char *why,
    size_t whylen)
{
	const char *open = strchr(text, '{');
	const char *close = strrchr(text, '}');
	size_t len = strlen(text);

	memset(out, 0, sizeof(*out));
	if (len == 0) {
		snprintf(why, whylen, "empty metric name");
		return -1;
	}
	if ((open == NULL) != (close == NULL)) {
		snprintf(why, whylen, "unmatched %s curly brace",
		    open ? "opening" : "closing");
		return -1;
	}
	if (open != NULL && close < open) {
		snprintf(why, whylen, "closing curly brace before the opening "
		    "one");
		return -1;
	}
	if (open != NULL && close != text + len - 1) {
		snprintf(why, whylen, "text after the closing curly brace");
		return -1;
	}
	out->text = po_xstrdup(text);
	out->parent = po_xstrndup(text, open ? (size_t)(open - text) : len);
	if (open != NULL && parse_tags(out, open + 1,
	    (size_t)(close - open - 1), why, whylen) < 0) {
		po_k6_name_clear(out);
		return -1;
	}
	return 0;
}

bool
po_k6_name_same(const struct po_k6_name *a, const struct po_k6_name *b)
{
	if (strcmp(a->parent, b->parent) != 0 || a->ntags != b->ntags)
		return false;
	for (size_t i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i].key, b->tags[i].key) != 0 ||
		    strcmp(a->tags[i].value, b->tags[i].value) != 0)
			return false;
	return true;
}

const char *
po_k6_name_tag(const struct po_k6_name *name, const char *key)
{
	for (size_t i = 0; i < name->ntags; i++)
		if (strcmp(name->tags[i].key, key) == 0)
			return name->tags[i].value;
	return NULL;
}

void
po_k6_name_copy(struct po_k6_name *out, const struct po_k6_name *name)
{
	out->text = po_xstrdup(name->text);
	out->parent = po_xstrdup(name->parent);
	out->ntags = name->ntags;
	out->tags = po_xcalloc(name->ntags, sizeof(*out->tags));
	for (size_t i = 0; i < name->ntags; i++) {
		out->tags[i].key = po_xstrdup(name->tags[i].key);
		out->tags[i].value = po_xstrdup(name->tags[i].value);
	}
}

void
po_k6_name_clear(struct po_k6_name *name)
{
	if (name == NULL)
		return;
	for (size_t i = 0; i < name->ntags; i++) {
		free(name->tags[i].key);
		free(name->tags[i].value);
	}
	free(name->tags);
	free(name->text);
	free(name->parent);
	memset(name, 0, sizeof(*name));
}
