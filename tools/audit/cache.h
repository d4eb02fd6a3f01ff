/* How long a browser may keep a response without asking again, from its
 * Cache-Control and Expires headers (RFC 9111). */
#ifndef PO_AUDIT_CACHE_H
#define PO_AUDIT_CACHE_H

/* The freshness lifetime in seconds: max-age (s-maxage is for shared
 * caches, not the browser's), else Expires minus now; 0 for no-store,
 * no-cache, a missing or an unreadable header. */
double po_cache_lifetime(const char *cache_control, const char *expires);

#endif
