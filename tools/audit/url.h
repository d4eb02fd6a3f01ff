/* URLs with libcurl's URL API: resolving a reference against the page, and
 * the origin that decides first or third party. */
#ifndef PO_AUDIT_URL_H
#define PO_AUDIT_URL_H

#include <stdbool.h>

/* The absolute URL of `ref` against `base`, without its fragment, through
 * `out` (the caller frees it).  Returns 0, or -1 for a reference that is
 * no URL, a data: URL or one with another scheme than http(s) or file. */
int po_url_resolve(char **out, const char *base, const char *ref);

/* "scheme://host:port" of `url` through `out` (the caller frees it), the
 * port always spelled out so that http://h and http://h:80 compare equal.
 * Returns 0, or -1 when `url` does not parse. */
int po_url_origin(char **out, const char *url);

/* `url` without the user name and password it may carry, for the stream
 * and for messages: credentials are never echoed.  The caller frees it; a
 * URL that does not parse is returned as it is. */
char *po_url_display(const char *url);

/* Whether `url` is an absolute http, https (or, with `allow_file`, file)
 * URL: what po-audit accepts as a page to audit. */
bool po_url_acceptable(const char *url, bool allow_file);

#endif
