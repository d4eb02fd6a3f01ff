/* The `ci.assert` section of a Lighthouse CI configuration
 * (lighthouserc.json): assertions, presets, assertMatrix, aggregation over
 * repeated runs and budgetsFile, with the verdicts `lhci assert` gives. */
#ifndef PO_BUDGET_LHCI_H
#define PO_BUDGET_LHCI_H

#include <yajl/yajl_tree.h>

#include "check.h"
#include "runs.h"

struct po_lhci;

/* True when `root` looks like a Lighthouse CI configuration (an object with
 * "ci"). */
int po_lhci_detect(yajl_val root);

/* Refuses, with a message, a configuration file that lhci would read as
 * JavaScript or YAML (by its name): po reads JSON only.  Returns 0 or -1;
 * meant to be called before the file is parsed. */
int po_lhci_check_name(const char *path);

/* Validates `root`, read from `file` (a budgetsFile is read relative to the
 * directory of `file`).  A configuration that lhci would silently misread
 * (an unknown assertion option, a misspelt level, ...) is refused with a
 * message that says what lhci would have done.  Returns 0, or -1 after a
 * message.  The caller owns *out. */
int po_lhci_load(struct po_lhci **out, yajl_val root, const char *file);

/* Asserts every URL's runs (the Lighthouse documents of the stream, grouped
 * by subject, the final URL, as lhci does), writing one check per assertion
 * result per URL, passing ones included.  Error documents are runs that
 * produced no value: their assertions fail as in lhci, and they are not
 * counted as tally->errors.  When no assertion applied to anything, says
 * so (lhci would pass; the tally, with no check, will not). */
void po_lhci_evaluate(const struct po_lhci *lhci,
    const struct po_runset *runs, struct po_tally *tally);

void po_lhci_free(struct po_lhci *lhci);

#endif
