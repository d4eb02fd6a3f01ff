/* Unit tests of json-skim.c, in TAP: what the skimmer hands to yajl, for
 * documents cut into chunks at every possible place, and which strings it
 * says it cut.  Run by tests/json-skim.sh. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json-skim.h"
#include "lib/msg.h"
#include "tap.h"

/* A buffer that grows, for building documents and collecting spans. */
struct text {
	char *bytes;
	size_t len;
};

static void
add(struct text *t, const char *bytes, size_t len)
{
	t->bytes = po_xrealloc(t->bytes, t->len + len + 1);
	memcpy(t->bytes + t->len, bytes, len);
	t->len += len;
	t->bytes[t->len] = '\0';
}

static void
adds(struct text *t, const char *s)
{
	add(t, s, strlen(s));
}

static void
repeat(struct text *t, char c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		add(t, &c, 1);
}

/* What the skimmer hands over of `doc` read `chunk` bytes at a time, and
 * the fed offsets at which it says a string was cut (as a count). */
static struct text
skim(const struct text *doc, size_t chunk, int *ncut)
{
	struct po_skim *skim = po_skim_new();
	struct text fed = { NULL, 0 };

	*ncut = 0;
	adds(&fed, "");
	for (size_t at = 0; at < doc->len; at += chunk) {
		size_t len = doc->len - at < chunk ? doc->len - at : chunk;
		size_t pos = 0;
		size_t n;
		const char *span;

		while ((n = po_skim_span(skim, doc->bytes + at, len, &pos,
		    &span)) > 0)
			add(&fed, span, n);
	}
	/* Every cut string ends by the end of what was fed. */
	while (po_skim_was_cut(skim, fed.len))
		(*ncut)++;
	po_skim_free(skim);
	return fed;
}

/* Checks that every chunk size gives `want` and `want_cut` cut strings. */
static void
check(const char *name, const struct text *doc, const struct text *want,
    int want_cut)
{
	size_t bad_chunk = 0;

	for (size_t chunk = doc->len; chunk >= 1; chunk--) {
		int ncut;
		struct text fed = skim(doc, chunk, &ncut);
		int same = fed.len == want->len &&
		    memcmp(fed.bytes, want->bytes, fed.len) == 0;

		/* A cut string is counted once, whatever the chunks. */
		if (!same || (want_cut >= 0 && (ncut > 0) != (want_cut > 0)))
			bad_chunk = chunk;
		free(fed.bytes);
		if (bad_chunk)
			break;
	}
	tap_ok(bad_chunk == 0, name);
	if (bad_chunk)
		printf("# first wrong with chunks of %zu bytes\n", bad_chunk);
}

static void
free_texts(struct text *a, struct text *b)
{
	free(a->bytes);
	free(b->bytes);
	a->bytes = b->bytes = NULL;
	a->len = b->len = 0;
}

int
main(void)
{
	struct text doc = { NULL, 0 };
	struct text want = { NULL, 0 };

	po_msg_init("skim-test");

	adds(&doc, "{\"a\":\"b\",\"data\":[1,\"data\",\"x\\\"y\"]}");
	adds(&want, doc.bytes);
	check("JSON without data: URLs is handed over whole", &doc, &want, 0);
	free_texts(&doc, &want);

	adds(&doc, "{\"s\":\"data:");
	repeat(&doc, 'A', PO_SKIM_KEEP);
	adds(&doc, "\"}");
	adds(&want, doc.bytes);
	check("a data: URL of PO_SKIM_KEEP bytes is kept whole", &doc, &want,
	    0);
	free_texts(&doc, &want);

	adds(&doc, "{\"s\":\"data:image/png;base64,");
	repeat(&doc, 'A', 5000);
	adds(&doc, "\",\"t\":1}");
	adds(&want, "{\"s\":\"data:");
	adds(&want, "image/png;base64,");
	repeat(&want, 'A', PO_SKIM_KEEP - strlen("image/png;base64,"));
	adds(&want, "\",\"t\":1}");
	check("a long data: URL is cut to PO_SKIM_KEEP bytes", &doc, &want, 1);
	free_texts(&doc, &want);

	adds(&doc, "[\"data:");
	repeat(&doc, 'A', 300);
	adds(&doc, "\\/");
	repeat(&doc, 'B', 300);
	adds(&doc, "\xc3\xa9");
	repeat(&doc, 'C', 300);
	adds(&doc, "\x01\"]");
	adds(&want, "[\"data:");
	repeat(&want, 'A', PO_SKIM_KEEP);
	adds(&want, "\\/");
	repeat(&want, 'B', PO_SKIM_KEEP);
	adds(&want, "\xc3\xa9");
	repeat(&want, 'C', PO_SKIM_KEEP);
	adds(&want, "\x01\"]");
	check("escapes, non-ASCII and control bytes are kept for yajl", &doc,
	    &want, 1);
	free_texts(&doc, &want);

	adds(&doc, "[\"x\\\"data:");
	repeat(&doc, 'A', 1000);
	adds(&doc, "\"]");
	adds(&want, doc.bytes);
	check("an escaped quote does not open a data: URL", &doc, &want, 0);
	free_texts(&doc, &want);

	adds(&doc, "[\"x\\\\\\\"data:");
	repeat(&doc, 'A', 1000);
	adds(&doc, "\"]");
	adds(&want, doc.bytes);
	check("nor one after three backslashes", &doc, &want, 0);
	free_texts(&doc, &want);

	/* Not JSON: a string where no value can be, which yajl refuses as a
	 * whole token: never skimmed, so the message is yajl's own. */
	adds(&doc, "[\"x\\\\\"data:");
	repeat(&doc, 'A', 1000);
	adds(&doc, "\",1e9\"data:");
	repeat(&doc, 'A', 1000);
	adds(&doc, "\"]");
	adds(&want, doc.bytes);
	check("nor does a quote after a value", &doc, &want, 0);
	free_texts(&doc, &want);

	adds(&doc, "\"data:");
	repeat(&doc, 'A', 1000);
	adds(&doc, "\"");
	adds(&want, "\"data:");
	repeat(&want, 'A', PO_SKIM_KEEP);
	adds(&want, "\"");
	check("a data: URL that is the whole document", &doc, &want, 1);
	free_texts(&doc, &want);

	adds(&doc, "{\"k\" :\r\n\t \"data:");
	repeat(&doc, 'A', 1000);
	adds(&doc, "\"}");
	adds(&want, "{\"k\" :\r\n\t \"data:");
	repeat(&want, 'A', PO_SKIM_KEEP);
	adds(&want, "\"}");
	check("white space before the quote", &doc, &want, 1);
	free_texts(&doc, &want);

	adds(&doc, "{\"a\":\"data:");
	repeat(&doc, 'A', 400);
	adds(&doc, "\",\"b\":\"data:x\",\"c\":\"data:");
	repeat(&doc, 'B', 400);
	adds(&doc, "\"}");
	adds(&want, "{\"a\":\"data:");
	repeat(&want, 'A', PO_SKIM_KEEP);
	adds(&want, "\",\"b\":\"data:x\",\"c\":\"data:");
	repeat(&want, 'B', PO_SKIM_KEEP);
	adds(&want, "\"}");
	check("several data: URLs, long and short", &doc, &want, 2);
	free_texts(&doc, &want);

	adds(&doc, "[\"data:");
	repeat(&doc, 'A', 1000);
	adds(&want, "[\"data:");
	repeat(&want, 'A', PO_SKIM_KEEP);
	check("a document cut short inside a data: URL", &doc, &want, 0);
	free_texts(&doc, &want);

	return tap_done();
}
