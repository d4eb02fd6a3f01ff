#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/css.h"
#include "audit/url.h"
#include "lib/msg.h"

struct scan {
	const char *p;
	const char *end;
};

static bool
at(const struct scan *s, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(s->end - s->p) >= n && strncasecmp(s->p, word, n) == 0;
}

static void
skip_space(struct scan *s)
{
	while (s->p < s->end && isspace((unsigned char)*s->p))
		s->p++;
}

/* Reads a quoted string or the inside of url(...) into a new string, or
 * returns NULL when there is none at the cursor. */
static char *
read_ref(struct scan *s)
{
	const char *start;
	char close;
	bool is_url = false;
	char *ref;

	skip_space(s);
	if (at(s, "url(")) {
		s->p += 4;
		is_url = true;
		skip_space(s);
	}
	if (s->p < s->end && (*s->p == '"' || *s->p == '\'')) {
		close = *s->p++;
	} else if (is_url) {
		close = ')';
	} else {
		return NULL;
	}
	start = s->p;
	while (s->p < s->end && *s->p != close && *s->p != '\n')
		s->p++;
	ref = po_xstrndup(start, (size_t)(s->p - start));
	if (s->p < s->end)
		s->p++;
	/* Trailing blanks inside an unquoted url( ... ). */
	for (size_t n = strlen(ref); n > 0 && isspace((unsigned char)ref[n - 1]);
	    n--)
		ref[n - 1] = '\0';
	return ref;
}

static void
add(struct po_html *html, const char *base, char *ref,
    enum po_audit_type type)
{
	char *url;

	if (ref && *ref && strncasecmp(ref, "data:", 5) != 0 &&
	    po_url_resolve(&url, base, ref) == 0)
		po_html_add(html, url, type);
	free(ref);
}

void
po_css_scan(struct po_html *html, const char *css, size_t len,
    const char *base_url)
{
	struct scan s = { css, css + len };
	int font_face_depth = -1;       /* brace depth of an @font-face */
	bool font_taken = false;
	int depth = 0;

	while (s.p < s.end) {
		if (at(&s, "/*")) {
			const char *close = NULL;

			for (const char *q = s.p + 2; q + 1 < s.end; q++)
				if (q[0] == '*' && q[1] == '/') {
					close = q;
					break;
				}
			s.p = close ? close + 2 : s.end;
		} else if (at(&s, "@import")) {
			s.p += 7;
			add(html, base_url, read_ref(&s), AUDIT_STYLESHEET);
		} else if (at(&s, "@font-face")) {
			s.p += 10;
			font_face_depth = depth;
			font_taken = false;
		} else if (at(&s, "url(")) {
			char *ref = read_ref(&s);

			if (font_face_depth >= 0) {
				if (!font_taken)
					add(html, base_url, ref, AUDIT_FONT);
				else
					free(ref);
				font_taken = true;
			} else {
				add(html, base_url, ref, AUDIT_IMAGE);
			}
		} else if (*s.p == '"' || *s.p == '\'') {
			free(read_ref(&s));
		} else {
			if (*s.p == '{')
				depth++;
			else if (*s.p == '}' && depth > 0 &&
			    --depth == font_face_depth)
				font_face_depth = -1;
			s.p++;
		}
	}
}
