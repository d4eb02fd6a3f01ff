/* Sitemaps (sitemaps.org) read with libxml2's streaming xmlTextReader, so
 * that memory is bounded by a <loc>, not by the file: a <urlset> gives
 * pages, a <sitemapindex> gives more sitemaps to read. */
#ifndef PO_AUDIT_SITEMAP_H
#define PO_AUDIT_SITEMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "audit/targets.h"

struct po_sitemap_children {
	char **urls;
	size_t n;
};

/* Parses the `len` bytes of `xml`, named `name` in messages: the <loc> of
 * each <url> goes to `t`, that of each <sitemap> of an index to
 * `children` (the caller frees them with po_sitemap_children_free).
 * Entities are not loaded and nothing is fetched.  Returns 0, or -1 after
 * reporting the first problem: XML that is not well-formed, a root that is
 * not a sitemap's, a URL po-audit does not accept. */
int po_sitemap_parse(struct po_targets *t, struct po_sitemap_children *children,
    const char *xml, size_t len, const char *name, bool allow_file);

void po_sitemap_children_free(struct po_sitemap_children *children);

#endif
