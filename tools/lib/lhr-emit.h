/* Writing a Lighthouse report to the po stream: one "metrics" document (or
 * an "error" document when the page could not be measured) and a "finding"
 * per failed opportunity or diagnostic. */
#ifndef PO_LHR_EMIT_H
#define PO_LHR_EMIT_H

#include <stdbool.h>
#include <yajl/yajl_gen.h>

#include "lhr.h"

/* Writes the documents of `lhr` to stdout, with its findings when
 * `with_findings` is set.  Returns the number of findings written. */
int po_lhr_emit(const struct po_lhr *lhr, bool with_findings);

/* Writes the members every Lighthouse document shares: source, subject,
 * file and tags. */
void po_lhr_emit_head(yajl_gen gen, const struct po_lhr *lhr);

/* Writes a "finding" for every failed opportunity or diagnostic of the
 * performance category.  Returns how many. */
int po_lhr_emit_findings(const struct po_lhr *lhr);

#endif
