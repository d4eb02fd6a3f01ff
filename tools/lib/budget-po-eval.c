#include "config.h"

#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget-po-rules.h"
#include "budget-po.h"
#include "json-val.h"
#include "msg.h"
#include "stats.h"

static bool
tags_match(yajl_val want, const struct po_run *run)
{
	if (want == NULL)
		return true;
	for (size_t i = 0; i < want->u.object.len; i++) {
		yajl_val wanted = want->u.object.values[i];
		yajl_val have = po_val_get(run->tags, want->u.object.keys[i]);

		if (YAJL_IS_STRING(wanted)) {
			if (!YAJL_IS_STRING(have) ||
			    strcmp(have->u.string, wanted->u.string) != 0)
				return false;
		} else if (YAJL_IS_NUMBER(wanted)) {
			if (!YAJL_IS_NUMBER(have) ||
			    strcmp(have->u.number.r, wanted->u.number.r) != 0)
				return false;
		} else {
			return false;
		}
	}
	return true;
}

bool
po_pobudget_run_matches(const struct rule *rule, const struct po_run *run)
{
	return !run->is_error &&
	    fnmatch(rule->subject, run->subject, 0) == 0 &&
	    tags_match(rule->tags, run) &&
	    po_val_get(run->metrics, rule->metric) != NULL;
}

static bool
holds(double value, const char *op, double limit)
{
	if (strcmp(op, "<") == 0)
		return value < limit;
	if (strcmp(op, "<=") == 0)
		return value <= limit;
	if (strcmp(op, ">") == 0)
		return value > limit;
	if (strcmp(op, ">=") == 0)
		return value >= limit;
	if (strcmp(op, "==") == 0)
		return value == limit;
	return value != limit;
}

static void
push(struct po_values *vals, double value)
{
	if (vals->n == vals->cap) {
		vals->cap = vals->cap ? vals->cap * 2 : 8;
		vals->v = po_xrealloc(vals->v, vals->cap * sizeof(double));
	}
	vals->v[vals->n++] = value;
}

int
po_pobudget_collect(struct po_values *vals, const struct rule *rule,
    const struct po_run *run)
{
	yajl_val samples = po_run_metric_samples(run, rule->metric);
	const char *unit = po_run_metric_unit(run, rule->metric);
	double value;

	if (rule->unit && unit && strcmp(rule->unit, unit) != 0) {
		po_error(run->file, run->lineno, 0, "metric '%s' of '%s' is in "
		    "%s, but %s %s limits it in %s", rule->metric, run->subject,
		    unit, rule->where, rule->label, rule->unit);
		return -1;
	}
	if (samples != NULL) {
		for (size_t i = 0; i < samples->u.array.len; i++) {
			if (po_val_double(&value, samples->u.array.values[i])
			    < 0)
				goto bad;
			push(vals, value);
		}
		if (samples->u.array.len > 0)
			return 0;
	}
	if (po_run_metric(&value, run, rule->metric) < 0)
		goto bad;
	push(vals, value);
	return 0;
bad:
	po_error(run->file, run->lineno, 0, "metric '%s' of '%s' has no "
	    "numeric value", rule->metric, run->subject);
	return -1;
}

static double
aggregate(const struct rule *rule, double *sorted, size_t n)
{
	po_stats_sort(sorted, n);
	if (strcmp(rule->aggregation, "median") == 0)
		return po_stats_median(sorted, n);
	if (strcmp(rule->aggregation, "mean") == 0)
		return po_stats_mean(sorted, n);
	if (strcmp(rule->aggregation, "min") == 0)
		return sorted[0];
	if (strcmp(rule->aggregation, "max") == 0)
		return sorted[n - 1];
	return po_stats_percentile(sorted, n, rule->percentile);
}

/* One check per rule and subject: failing the error limit fails it; failing
 * only the warn limit warns; the limit shown is the one that decided. */
static void
emit_check(const struct po_pobudget *budget, const struct rule *rule,
    const char *subject, const struct po_values *vals,
    struct po_tally *tally)
{
	double *sorted = po_xmalloc(vals->n * sizeof(double));
	struct po_check check = { 0 };
	double value;

	memcpy(sorted, vals->v, vals->n * sizeof(double));
	value = aggregate(rule, sorted, vals->n);
	free(sorted);
	check.subject = subject;
	check.name = rule->name ? rule->name : rule->metric;
	check.metric = rule->metric;
	check.has_value = true;
	check.value = value;
	check.op = rule->op;
	check.unit = rule->unit;
	check.aggregation = rule->aggregation;
	check.values = vals->v;
	check.nvalues = vals->n;
	check.origin_file = budget->file;
	check.origin_format = "po";
	check.origin_rule = rule->label;
	check.passed = true;
	check.level = rule->has_error ? PO_LEVEL_ERROR : PO_LEVEL_WARN;
	check.limit = rule->has_error ? rule->error : rule->warn;
	if (rule->has_error && !holds(value, rule->op, rule->error)) {
		check.passed = false;
	} else if (rule->has_warn && !holds(value, rule->op, rule->warn)) {
		check.passed = false;
		check.level = PO_LEVEL_WARN;
		check.limit = rule->warn;
	}
	po_check_emit(&check, tally);
}

static void
evaluate_rule(const struct po_pobudget *budget, const struct rule *rule,
    const struct po_runset *runs, struct po_tally *tally)
{
	size_t nsubjects = 0;

	/* A rule that limits only the change from a baseline is held by
	 * po_pobudget_compare. */
	if (!rule->has_warn && !rule->has_error)
		return;
	for (size_t g = 0; g < runs->ngroups; g++) {
		struct po_values vals = { 0 };
		const char *subject = NULL;
		const size_t *members;
		size_t nmembers;
		int bad = 0;

		members = po_runset_group_runs(runs, g, &nmembers);
		for (size_t k = 0; k < nmembers; k++) {
			const struct po_run *run = &runs->runs[members[k]];

			if (!po_pobudget_run_matches(rule, run))
				continue;
			subject = run->subject;
			if (po_pobudget_collect(&vals, rule, run) < 0)
				bad = 1;
		}
		if (subject == NULL)
			continue;
		nsubjects++;
		if (bad)
			tally->errors++;
		else
			emit_check(budget, rule, subject, &vals, tally);
		free(vals.v);
	}
	if (nsubjects == 0 && !rule->optional) {
		fprintf(stderr, "%s: %s: %s: no measurement of '%s' for subject "
		    "'%s' in the stream\n", po_msg_progname(), rule->where,
		    rule->label, rule->metric, rule->subject);
		po_status_raise(PO_BAD);
		tally->errors++;
	}
}

void
po_pobudget_evaluate(const struct po_pobudget *budget,
    const struct po_runset *runs, struct po_tally *tally)
{
	/* Under po's own format an input that could not be measured is bad
	 * input: the gate cannot say the page is within budget. */
	for (size_t i = 0; i < runs->nruns; i++) {
		const struct po_run *run = &runs->runs[i];

		if (!run->is_error)
			continue;
		po_error(run->file, run->lineno, 0, "'%s' could not be measured"
		    "%s%s%s%s", run->subject, run->code ? ": " : "",
		    run->code ? run->code : "", run->message ? ": " : "",
		    run->message ? run->message : "");
		tally->errors++;
	}
	for (size_t i = 0; i < budget->nrules; i++)
		evaluate_rule(budget, &budget->rules[i], runs, tally);
}
