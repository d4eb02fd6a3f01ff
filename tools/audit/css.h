/* The requests a stylesheet makes: @import, the first source of each
 * @font-face (the one a browser that reads WOFF2 takes), and url() in
 * rules, taken as images. */
#ifndef PO_AUDIT_CSS_H
#define PO_AUDIT_CSS_H

#include <stddef.h>

#include "audit/html.h"

/* Adds to `html` what the `len` bytes of CSS at `base_url` load.  CSS has
 * no invalid input: what does not scan is skipped, as a browser does. */
void po_css_scan(struct po_html *html, const char *css, size_t len,
    const char *base_url);

#endif
