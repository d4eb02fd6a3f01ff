/* Reading the `ci.assert` section of a Lighthouse CI configuration into
 * the model of lhci-model.h, refusing what `lhci assert` rejects and what it
 * would silently misread. */
#ifndef PO_LHCI_CONFIG_H
#define PO_LHCI_CONFIG_H

#include <yajl/yajl_tree.h>

#include "lhci-model.h"

/* Validates `root` (read from `file`) and builds the option sets; a
 * budgetsFile is read relative to the directory of `file`.  Returns 0, or
 * -1 after one message naming the file and the JSON path of the problem.
 * The caller owns *out (po_lhci_config_free). */
int po_lhci_config_parse(struct po_lhci **out, yajl_val root,
    const char *file);

/* Adds an empty option set described by `where`; the pointer is valid
 * until the next call.  For the budgetsFile converter. */
struct po_lhci_optset *po_lhci_config_add_set(struct po_lhci *lhci,
    const char *where);

/* Adds an "error" assertion with maxNumericValue `limit` to `set`. */
void po_lhci_config_add_max(struct po_lhci_optset *set, const char *key,
    double limit, const char *where);

/* Compiles the matchingUrlPattern `js` of `set` ("" matches every URL, as
 * in lhci).  Returns 0, or -1 after a message. */
int po_lhci_config_set_pattern(struct po_lhci_optset *set, const char *js,
    const char *file);

void po_lhci_config_free(struct po_lhci *lhci);

#endif
