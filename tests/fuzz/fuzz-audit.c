/* Fuzzes po-audit's small parsers: what it reads out of a server's answers
 * (the HTML walk for subresources, html.c, with the CSS scanner it calls,
 * css.c; the Server-Timing and Cache-Control readers, servertiming.c and
 * cache.c; the image header reader, imagesize.c) and out of its own
 * input files (a headers file, headers.c; a
 * file of URLs, targets.c).  The first byte picks the parser; the rest is
 * its input.  Every URL kept must be absolute and of a scheme po-audit
 * fetches. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <libxml/parser.h>

#include "audit/cache.h"
#include "audit/css.h"
#include "audit/headers.h"
#include "audit/html.h"
#include "audit/imagesize.h"
#include "audit/servertiming.h"
#include "audit/targets.h"
#include "audit/url.h"
#include "harness.h"
#include "lib/msg.h"

#define BASE "https://fuzz.example/dir/page.html"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	xmlInitParser();
	return 0;
}

static void
check_refs(const struct po_html *html)
{
	for (size_t i = 0; i < html->nrefs; i++)
		if (!po_url_acceptable(html->refs[i].url, true) ||
		    html->refs[i].type >= AUDIT_NTYPES)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct po_html *html;
	struct po_server_timing st[16];
	struct curl_slist *headers = NULL;
	struct po_targets targets = { NULL, 0 };
	long width, height;
	char *text;

	if (size == 0)
		return 0;
	text = po_xstrndup((const char *)data + 1, size - 1);
	switch (data[0] % 7) {
	case 0:
		if (po_html_parse(&html, (const char *)data + 1, size - 1,
		    BASE) == 0) {
			check_refs(html);
			po_html_free(html);
		}
		break;
	case 1:
		html = po_xcalloc(1, sizeof(*html));
		po_css_scan(html, (const char *)data + 1, size - 1, BASE);
		check_refs(html);
		po_html_free(html);
		break;
	case 2:
		if (po_server_timing_parse(st, 16, text) > 16)
			abort();
		break;
	case 3:
		if (!(po_cache_lifetime(text, text) >= 0))
			abort();
		break;
	case 4:
		po_headers_parse(&headers, (const char *)data + 1, size - 1,
		    "fuzz");
		for (struct curl_slist *h = headers; h; h = h->next)
			if (strchr(h->data, ':') == NULL ||
			    strpbrk(h->data, "\r\n"))
				abort();
		curl_slist_free_all(headers);
		break;
	case 5:
		if (po_image_size(&width, &height, data + 1, size - 1) == 0 &&
		    (width <= 0 || height <= 0))
			abort();
		break;
	default:
		po_targets_read_file(&targets, fuzz_file(data + 1, size - 1),
		    data[0] & 1);
		for (size_t i = 0; i < targets.n; i++)
			if (!po_url_acceptable(targets.urls[i], true))
				abort();
		po_targets_free(&targets);
		break;
	}
	free(text);
	return 0;
}
