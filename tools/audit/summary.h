/* The resource summary of a page, as Lighthouse's resource-summary audit
 * counts it: transfer size (headers and the body as sent) and requests by
 * type, the total, and what third parties serve. */
#ifndef PO_AUDIT_SUMMARY_H
#define PO_AUDIT_SUMMARY_H

#include <stddef.h>

#include "audit/page.h"

struct po_summary {
	double size[AUDIT_NTYPES];
	double count[AUDIT_NTYPES];
	double total_size, total_count;
	double third_party_size, third_party_count;
	double requests;                /* every request, icons included */
	double byte_weight;             /* every request's transfer size */
	double failed;                  /* subresources with no 2xx/3xx */
	double third_party_origins;
};

/* The transfer size of one response: headers plus body bytes as sent. */
double po_summary_transfer(const struct po_fetch *f);

void po_summary_compute(struct po_summary *out, const struct po_page *page);

#endif
