/* Budget files, whatever their format: po's own (po-budget(5)), a
 * Lighthouse budget.json, or a Lighthouse CI configuration.  The format is
 * recognised from the content, not the name. */
#ifndef PO_BUDGET_H
#define PO_BUDGET_H

#include "check.h"
#include "regress.h"
#include "runs.h"

enum po_budget_format {
	PO_BUDGET_PO,
	PO_BUDGET_LIGHTHOUSE,
	PO_BUDGET_LHCI
};

struct po_budget;

/* Loads and validates the budget file `path`; `env` (or NULL) picks the
 * per-environment overrides of po's format.  Returns 0, or -1 after a
 * message naming the file and what is wrong with it.  The caller owns *out. */
int po_budget_load(struct po_budget **out, const char *path, const char *env);

enum po_budget_format po_budget_format(const struct po_budget *budget);

/* Holds the runs against the budget, writing a check document for every
 * limit and counting them in `tally`.  Problems with the input (an error
 * document where the format fails closed, a limit on a metric nothing
 * measured) are reported and counted as tally->errors. */
void po_budget_evaluate(const struct po_budget *budget,
    const struct po_runset *runs, struct po_tally *tally);

/* Loads the `n` budgets of `paths` (see po_budget_load), reporting every
 * one that is bad, not only the first.  Returns 0, or -1 when one could
 * not be loaded; either way the caller frees *out with po_budget_free_all. */
int po_budget_load_all(struct po_budget ***out, char *const *paths, size_t n,
    const char *env);

void po_budget_free_all(struct po_budget **budgets, size_t n);

/* True when one of the `n` budgets limits the change of a metric from a
 * baseline; only po's own format can. */
bool po_budget_any_change(struct po_budget *const *budgets, size_t n);

/* Holds the runs against the budget's limits on change from `baseline`,
 * writing a regression check per limit and subject both sides measured
 * (po-budget(5), "Limits on change").  Both sets must be grouped. */
void po_budget_compare(const struct po_budget *budget,
    const struct po_runset *baseline, const struct po_runset *runs,
    const struct po_regress_opts *opts, struct po_tally *tally);

void po_budget_free(struct po_budget *budget);

#endif
