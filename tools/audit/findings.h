/* The findings of a page: what a reviewer should fix, each with its
 * severity, the layer it belongs to, the evidence and what it would save.
 * Each maps to the Lighthouse audit of the same concern (po-audit(1)). */
#ifndef PO_AUDIT_FINDINGS_H
#define PO_AUDIT_FINDINGS_H

#include "audit/page.h"

/* Writes a finding document for every check the page fails. */
void po_audit_findings(const struct po_page *page);

#endif
