/* Writing a page's or an endpoint's results as po stream documents. */
#ifndef PO_AUDIT_EMIT_H
#define PO_AUDIT_EMIT_H

#include <yajl/yajl_gen.h>

#include "audit/page.h"

/* Writes `key` and the string `text`, which comes from a server (a header,
 * a URL, a message): a byte that does not begin valid UTF-8 becomes
 * U+FFFD, so that the stream stays JSON whatever the server sent. */
void po_audit_gen_key_text(yajl_gen gen, const char *key, const char *text);

/* The same for a URL, written without its credentials (po_url_display). */
void po_audit_gen_key_url(yajl_gen gen, const char *key, const char *url);

/* Writes "source", "subject" and "tags" of a document about `url`. */
void po_audit_emit_head(yajl_gen gen, const char *url, const char *final_url);

/* Writes one metric: value, unit, better, and the samples when there
 * are some. */
void po_audit_emit_metric(yajl_gen gen, const char *name, double value,
    const char *unit, const double *samples, size_t nsamples);

/* The metrics document of an audited page, or its error document. */
void po_audit_emit_page(const struct po_page *page);

/* An error document for `url` that could not be audited. */
void po_audit_emit_error(const char *url, const char *code,
    const char *message);

#endif
