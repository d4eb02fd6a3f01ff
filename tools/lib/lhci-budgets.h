/* Lighthouse CI's budgetsFile: a Lighthouse budget.json that lhci turns
 * into an assertMatrix (its budgets converter) and asserts like any other:
 * every budget whose path matches a URL applies, not only the last one as
 * in Lighthouse. */
#ifndef PO_LHCI_BUDGETS_H
#define PO_LHCI_BUDGETS_H

#include "lhci-model.h"

/* Reads the budget file `path` (relative to the directory of `rc_file`
 * unless absolute) and adds one option set per budget to `lhci`: a
 * matchingUrlPattern made of its path, then an "error" maxNumericValue
 * assertion per timing, per resource count and per resource size (KiB
 * times 1024), in that order.  Returns 0, or -1 after a message. */
int po_lhci_budgets_load(struct po_lhci *lhci, const char *path,
    const char *rc_file);

#endif
