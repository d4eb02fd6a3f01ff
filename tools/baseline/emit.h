/* Writing a stored document again with what po-baseline log adds to it. */
#ifndef PO_BASELINE_EMIT_H
#define PO_BASELINE_EMIT_H

#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

/* Writes `doc` to `gen` as it was stored (members in their order, numbers
 * as spelled), with "commit" and "commit_time" set in its "tags", and with
 * only the metric `metric` in its "metrics" when `metric` is not NULL.
 * Returns 0, or 1 when the document lacks that metric and was not
 * written. */
int po_emit_tagged(yajl_gen gen, yajl_val doc, const char *metric,
    const char *commit_hex, const char *commit_time);

#endif
