/* What po-audit reads out of a page's HTML with libxml2's HTML parser: the
 * subresources a browser would request while parsing it, and the facts the
 * findings are made of. */
#ifndef PO_AUDIT_HTML_H
#define PO_AUDIT_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"

struct po_html_ref {
	char *url;                      /* absolute, owned */
	enum po_audit_type type;
	bool render_blocking;           /* a stylesheet or sync script in head */
	bool is_img;                    /* an <img> element */
	bool unsized;                   /* <img> without width and height */
	bool lazy;                      /* loading="lazy" */
	bool likely_offscreen;          /* past the first screenful of images */
	long width, height;             /* the attributes, 0 when absent */
};

struct po_html {
	struct po_html_ref *refs;
	size_t nrefs;
	size_t dom_elements;            /* elements in body, as Lighthouse */
	size_t dom_depth;
	bool has_viewport;
	char **preconnects;             /* origins of preconnect/dns-prefetch */
	size_t npreconnects;
};

/* Parses `len` bytes of HTML fetched from `base_url` into `out` (the caller
 * frees it with po_html_free).  libxml2 recovers from any markup, so this
 * fails (returns -1, and the caller says so) only when the body holds no
 * element at all. */
int po_html_parse(struct po_html **out, const char *body, size_t len,
    const char *base_url);

/* Adds a reference unless its URL is already there (a browser requests a
 * URL once); takes `url`. */
void po_html_add(struct po_html *html, char *url, enum po_audit_type type);

void po_html_free(struct po_html *html);

#endif
