/* Auditing every target: pages a few at a time on worker threads (each
 * with its own connections), or endpoints in API mode; the documents come
 * out in the order of the targets. */
#ifndef PO_AUDIT_RUN_H
#define PO_AUDIT_RUN_H

#include <stddef.h>

#include "audit/audit.h"
#include "audit/targets.h"

/* Audits every target and writes its documents.  Returns how many could be
 * audited (the rest have an error document). */
size_t po_audit_run(const struct po_targets *targets,
    const struct po_audit_opts *opts);

#endif
