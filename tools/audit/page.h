/* Auditing one page: the document fetched --samples times on fresh
 * connections, its HTML parsed once, and the subresources it loads fetched
 * concurrently on reused connections, as a browser with an empty cache. */
#ifndef PO_AUDIT_PAGE_H
#define PO_AUDIT_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"
#include "audit/fetch.h"
#include "audit/html.h"

struct po_page {
	char *url;                      /* as given */
	char *origin;                   /* of the final URL */
	struct po_fetch *samples;       /* the document, nsamples times */
	unsigned nsamples;
	struct po_html *html;           /* NULL when not HTML */
	struct po_fetch **subs;         /* one per html->refs entry fetched */
	size_t nsubs;
	size_t nskipped;                /* third party left out (--same-origin) */
	char *error;                    /* why the page has no result */
	const char *error_code;
};

/* Audits `url`.  Always returns a page (the caller frees it with
 * po_page_free); one that could not be audited has `error` set, and the
 * reason has been reported on stderr. */
struct po_page *po_page_audit(const char *url, const struct po_audit_opts *opts);

/* Whether `url` is third party to the page: its site (the host's last two
 * labels, or the whole host for an IP address) differs from the page's. */
bool po_page_third_party(const struct po_page *page, const char *url);

void po_page_free(struct po_page *page);

#endif
