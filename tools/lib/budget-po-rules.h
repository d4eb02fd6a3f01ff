/* The rules of a po budget as loaded by budget-po.c and held against the
 * runs by budget-po-eval.c.  Internal to those two files. */
#ifndef PO_BUDGET_PO_RULES_H
#define PO_BUDGET_PO_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <yajl/yajl_tree.h>

#include "regress.h"
#include "runs.h"

struct rule {
	char *where;            /* "file:line:col" of the rule, for messages */
	char *label;            /* "rules[3]" */
	char *name;             /* optional label given by the budget */
	char *metric;
	char *subject;          /* fnmatch pattern */
	yajl_val tags;          /* borrowed: tag filters */
	const char *op;         /* static string; NULL for a rule that
				 * limits only the change of a metric po
				 * does not know */
	bool has_warn, has_error;
	double warn, error;
	char *aggregation;      /* "median", "mean", "min", "max", "p75", ... */
	double percentile;      /* for "pNN" */
	char *unit;             /* expected unit, or NULL */
	bool optional;
	/* Limits on the change from a baseline (po-budget --baseline). */
	bool has_change;
	struct po_change_limit change_warn, change_error;
	/* Which way is worse for the change: -1 lower is better, 1 higher
	 * is better, 0 as the stream's "better" says. */
	int better;
};

struct po_pobudget {
	char *file;
	struct rule *rules;
	size_t nrules;
};

struct po_metric_def;

/* Reports a problem with a rule, "file:line:col: rules[N]: ...", with
 * `arg` in place of the one %s of `fmt`.  Returns -1. */
int po_pobudget_rule_error(const struct rule *rule, const char *fmt,
    const char *arg);

/* A limit: a number, or a string with a unit ("2.5s", "300KiB") in the
 * family of `unit`.  Returns 0, or -1 (without a message). */
int po_pobudget_parse_limit(double *out, yajl_val v, const char *unit);

/* Reads the rule's "change" (NULL: none) into its change limits.  Returns
 * 0, or -1 after a message. */
int po_pobudget_parse_change(struct rule *rule, yajl_val change);

/* Which way a change of the rule's metric is worse, into *out (see
 * rule->better).  Returns 0, or -1 after a message when the rule has a
 * limit on change and an operator with no direction. */
int po_pobudget_direction(int *out, const struct rule *rule,
    const char *explicit_op, const struct po_metric_def *def);

/* The values of a metric gathered from runs, in stream order. */
struct po_values {
	double *v;
	size_t n;
	size_t cap;
};

/* True when `run` is a measurement of the rule's metric for a subject and
 * tags the rule matches. */
bool po_pobudget_run_matches(const struct rule *rule, const struct po_run *run);

/* Adds a run's value of the rule's metric, or its samples when the
 * document folded several runs into one.  Returns 0, or -1 after a
 * message (a unit other than the rule's, a value that is not a number). */
int po_pobudget_collect(struct po_values *vals, const struct rule *rule,
    const struct po_run *run);

#endif
