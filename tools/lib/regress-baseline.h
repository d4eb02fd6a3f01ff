/* Reading the baseline a gate compares with (po-budget --baseline): a po
 * stream of metrics documents, such as po-baseline show prints. */
#ifndef PO_REGRESS_BASELINE_H
#define PO_REGRESS_BASELINE_H

#include "runs.h"

/* Reads the measurements of the stream `path` into `out`, grouped by
 * subject; other documents (checks, summaries, findings) are skipped.  A
 * baseline must be whole: a document that is not valid, an error document
 * (a run that could not be measured is no baseline) or a stream without
 * any measurement is reported and makes it -1.  Returns 0 or -1; the
 * caller frees *out with po_runset_free either way. */
int po_regress_load_baseline(struct po_runset *out, const char *path);

#endif
