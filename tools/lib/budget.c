#include "config.h"

#include <stdlib.h>

#include "budget-lhci.h"
#include "budget-lighthouse.h"
#include "budget-po.h"
#include "budget.h"
#include "json-val.h"
#include "msg.h"

/* Budget files are small; anything larger is a mistake, not a budget. */
#define BUDGET_MAX_BYTES (4 * 1024 * 1024)

struct po_budget {
	enum po_budget_format format;
	yajl_val root;
	union {
		struct po_pobudget *po;
		struct po_lhbudget *lighthouse;
		struct po_lhci *lhci;
	} u;
};

int
po_budget_load(struct po_budget **out, const char *path, const char *env)
{
	struct po_budget *budget;
	yajl_val root;
	char *text;
	size_t textlen;
	int ret;

	/* A Lighthouse CI config written in JavaScript or YAML is named as
	 * such rather than reported as broken JSON. */
	if (po_lhci_check_name(path) < 0)
		return -1;
	if (po_val_load_file_text(&root, &text, &textlen, path,
	    BUDGET_MAX_BYTES) < 0)
		return -1;
	budget = po_xcalloc(1, sizeof(*budget));
	budget->root = root;
	if (po_lhbudget_detect(root)) {
		budget->format = PO_BUDGET_LIGHTHOUSE;
		ret = po_lhbudget_parse(&budget->u.lighthouse, root, path);
	} else if (po_pobudget_detect(root)) {
		budget->format = PO_BUDGET_PO;
		ret = po_pobudget_load(&budget->u.po, root, text, textlen,
		    path, env);
	} else if (po_lhci_detect(root)) {
		budget->format = PO_BUDGET_LHCI;
		ret = po_lhci_load(&budget->u.lhci, root, path);
	} else {
		po_error(path, 0, 0, "not a budget: expected a po budget "
		    "(\"po_budget\": 1), a Lighthouse budget.json (an array) "
		    "or a Lighthouse CI config (\"ci\": {\"assert\": ...})");
		ret = -1;
	}
	free(text);
	if (ret < 0) {
		po_budget_free(budget);
		return -1;
	}
	*out = budget;
	return 0;
}

enum po_budget_format
po_budget_format(const struct po_budget *budget)
{
	return budget->format;
}

void
po_budget_evaluate(const struct po_budget *budget,
    const struct po_runset *runs, struct po_tally *tally)
{
	switch (budget->format) {
	case PO_BUDGET_PO:
		po_pobudget_evaluate(budget->u.po, runs, tally);
		break;
	case PO_BUDGET_LIGHTHOUSE:
		po_lhbudget_evaluate(budget->u.lighthouse, runs, tally);
		break;
	case PO_BUDGET_LHCI:
		po_lhci_evaluate(budget->u.lhci, runs, tally);
		break;
	}
}

int
po_budget_load_all(struct po_budget ***out, char *const *paths, size_t n,
    const char *env)
{
	int ret = 0;

	*out = po_xcalloc(n, sizeof(**out));
	for (size_t i = 0; i < n; i++)
		if (po_budget_load(&(*out)[i], paths[i], env) < 0)
			ret = -1;
	return ret;
}

void
po_budget_free_all(struct po_budget **budgets, size_t n)
{
	for (size_t i = 0; budgets != NULL && i < n; i++)
		po_budget_free(budgets[i]);
	free(budgets);
}

bool
po_budget_any_change(struct po_budget *const *budgets, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (budgets[i]->format == PO_BUDGET_PO &&
		    po_pobudget_has_change(budgets[i]->u.po))
			return true;
	return false;
}

void
po_budget_compare(const struct po_budget *budget,
    const struct po_runset *baseline, const struct po_runset *runs,
    const struct po_regress_opts *opts, struct po_tally *tally)
{
	/* Lighthouse's budget.json and Lighthouse CI's assertions have no
	 * notion of a baseline; po's format is the one that says how much
	 * worse a metric may get. */
	if (budget->format == PO_BUDGET_PO)
		po_pobudget_compare(budget->u.po, baseline, runs, opts, tally);
}

void
po_budget_free(struct po_budget *budget)
{
	if (budget == NULL)
		return;
	switch (budget->format) {
	case PO_BUDGET_PO:
		po_pobudget_free(budget->u.po);
		break;
	case PO_BUDGET_LIGHTHOUSE:
		po_lhbudget_free(budget->u.lighthouse);
		break;
	case PO_BUDGET_LHCI:
		po_lhci_free(budget->u.lhci);
		break;
	}
	yajl_tree_free(budget->root);
	free(budget);
}
