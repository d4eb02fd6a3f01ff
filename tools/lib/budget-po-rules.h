/* The rules of a po budget as loaded by budget-po.c and held against the
 * runs by budget-po-eval.c.  Internal to those two files. */
#ifndef PO_BUDGET_PO_RULES_H
#define PO_BUDGET_PO_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <yajl/yajl_tree.h>

struct rule {
	char *where;            /* "file:line:col" of the rule, for messages */
	char *label;            /* "rules[3]" */
	char *name;             /* optional label given by the budget */
	char *metric;
	char *subject;          /* fnmatch pattern */
	yajl_val tags;          /* borrowed: tag filters */
	const char *op;         /* static string */
	bool has_warn, has_error;
	double warn, error;
	char *aggregation;      /* "median", "mean", "min", "max", "p75", ... */
	double percentile;      /* for "pNN" */
	char *unit;             /* expected unit, or NULL */
	bool optional;
};

struct po_pobudget {
	char *file;
	struct rule *rules;
	size_t nrules;
};

#endif
