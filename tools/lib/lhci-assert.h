/* Asserting one option set of a Lighthouse CI configuration on the runs of
 * one URL, as @lhci/utils' assertions module does (0.14 and 0.15 assert
 * alike; only their presets differ). */
#ifndef PO_LHCI_ASSERT_H
#define PO_LHCI_ASSERT_H

#include <stddef.h>

#include "check.h"
#include "lhci-model.h"
#include "runs.h"

/* Writes one check document per assertion result of `set` on `runs` (the
 * runs of one final URL that the set's matchingUrlPattern matches, in
 * stream order), passing results included, and counts them in `tally`.
 * Returns how many checks were written. */
size_t po_lhci_assert_url(const struct po_lhci *lhci,
    const struct po_lhci_optset *set, const struct po_run *const *runs,
    size_t nruns, struct po_tally *tally);

#endif
