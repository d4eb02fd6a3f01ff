/* po's own budget format (po-budget(5)): limits on any metric of the
 * stream, with an operator, warn and error levels, a subject pattern,
 * per-environment overrides and the aggregation over repeated runs. */
#ifndef PO_BUDGET_PO_H
#define PO_BUDGET_PO_H

#include <stdbool.h>
#include <stddef.h>
#include <yajl/yajl_tree.h>

#include "check.h"
#include "regress.h"
#include "runs.h"

struct po_pobudget;

/* True when `root` is an object with "po_budget". */
int po_pobudget_detect(yajl_val root);

/* Validates `root` (parsed from `text`, read from `file`; the text gives
 * the line and column of each rule for messages), refusing unknown keys, unknown
 * operators and aggregations, and limits that are not numbers; `env` picks
 * the overrides to apply (NULL: none).  Returns 0, or -1 after a message.
 * The caller owns *out. */
int po_pobudget_load(struct po_pobudget **out, yajl_val root,
    const char *text, size_t textlen, const char *file, const char *env);

/* Writes a check per rule per subject it matches.  A rule whose metric no
 * run has is an error (exit 2), unless the rule is optional. */
void po_pobudget_evaluate(const struct po_pobudget *budget,
    const struct po_runset *runs, struct po_tally *tally);

/* True when a rule of the budget limits the change from a baseline. */
bool po_pobudget_has_change(const struct po_pobudget *budget);

/* Writes a regression check per rule with a "change" limit and per
 * subject whose metric both `baseline` and `runs` measured (both grouped
 * by subject); a subject measured on one side only gives none.  A rule
 * whose metric no current run has is an error, as in
 * po_pobudget_evaluate, unless it is optional or has limits of its own. */
void po_pobudget_compare(const struct po_pobudget *budget,
    const struct po_runset *baseline, const struct po_runset *runs,
    const struct po_regress_opts *opts, struct po_tally *tally);

void po_pobudget_free(struct po_pobudget *budget);

#endif
