/* The limits on change of a po budget, held against a baseline: for each
 * rule with "change" and each subject both sides measured, the values of
 * the runs on each side go to po_regress_check. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget-po-rules.h"
#include "budget-po.h"
#include "json-val.h"
#include "msg.h"

/* A side's groups sorted by subject, so that each current subject finds
 * its baseline in O(log n): a gate over thousands of subjects must not
 * compare every one with every other. */
struct subject_index {
	const char *subject;
	size_t group;
};

static int
by_subject(const void *a, const void *b)
{
	return strcmp(((const struct subject_index *)a)->subject,
	    ((const struct subject_index *)b)->subject);
}

static const char *
group_subject(const struct po_runset *set, size_t g)
{
	size_t n;
	const size_t *members = po_runset_group_runs(set, g, &n);

	return set->runs[members[0]].subject;
}

static struct subject_index *
index_subjects(const struct po_runset *set)
{
	struct subject_index *index = po_xcalloc(set->ngroups + 1,
	    sizeof(*index));

	for (size_t g = 0; g < set->ngroups; g++) {
		index[g].subject = group_subject(set, g);
		index[g].group = g;
	}
	qsort(index, set->ngroups, sizeof(*index), by_subject);
	return index;
}

/* The group of `subject` in an indexed side, or SIZE_MAX. */
static size_t
find_group(const struct subject_index *index, size_t n, const char *subject)
{
	struct subject_index key = { subject, 0 };
	const struct subject_index *hit;

	hit = bsearch(&key, index, n, sizeof(*index), by_subject);
	return hit ? hit->group : SIZE_MAX;
}

/* What one side measured of the rule's metric for one subject: the
 * values, the unit and the "better" the runs state.  vals->n is 0 when no
 * run of the group matches.  Returns 0, or -1 after a message. */
struct side {
	struct po_values vals;
	const char *unit;
	const char *better;
};

static int
gather(struct side *out, const struct rule *rule, const struct po_runset *set,
    size_t g)
{
	const size_t *members;
	size_t n;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	if (g == SIZE_MAX)
		return 0;
	members = po_runset_group_runs(set, g, &n);
	for (size_t k = 0; k < n; k++) {
		const struct po_run *run = &set->runs[members[k]];
		yajl_val metric;

		if (!po_pobudget_run_matches(rule, run))
			continue;
		if (po_pobudget_collect(&out->vals, rule, run) < 0)
			ret = -1;
		metric = po_val_get(run->metrics, rule->metric);
		if (out->unit == NULL)
			out->unit = po_val_string(metric, "unit");
		if (out->better == NULL)
			out->better = po_val_string(metric, "better");
	}
	return ret;
}

/* Which way is worse: the rule's, else what the current runs say. */
static int
lower_is_better(bool *out, const struct rule *rule, const struct side *cur,
    const char *subject)
{
	if (rule->better != 0) {
		*out = rule->better < 0;
		return 0;
	}
	if (cur->better != NULL && (strcmp(cur->better, "lower") == 0 ||
	    strcmp(cur->better, "higher") == 0)) {
		*out = strcmp(cur->better, "lower") == 0;
		return 0;
	}
	po_error(rule->where, 0, 0, "%s: cannot tell which way '%s' of '%s' "
	    "gets worse: give the rule an 'operator'", rule->label,
	    rule->metric, subject);
	return -1;
}

static void
compare_subject(const struct po_pobudget *budget, const struct rule *rule,
    const char *subject, const struct side *base, const struct side *cur,
    const struct po_regress_opts *opts, struct po_tally *tally)
{
	struct po_regress cmp = { 0 };

	if (lower_is_better(&cmp.lower_is_better, rule, cur, subject) < 0) {
		tally->errors++;
		return;
	}
	cmp.subject = subject;
	cmp.name = rule->name ? rule->name : rule->metric;
	cmp.metric = rule->metric;
	cmp.unit = rule->unit ? rule->unit : cur->unit;
	cmp.baseline = base->vals.v;
	cmp.nbaseline = base->vals.n;
	cmp.current = cur->vals.v;
	cmp.ncurrent = cur->vals.n;
	cmp.warn = rule->change_warn;
	cmp.error = rule->change_error;
	cmp.alpha = opts->alpha;
	cmp.origin_file = budget->file;
	cmp.origin_rule = rule->label;
	po_regress_check(&cmp, tally);
}

static void
note_one_sided(const struct rule *rule, const char *subject,
    const char *missing)
{
	po_warn(rule->where, 0, 0, "%s: '%s' of '%s' has no %s measurement: "
	    "not compared", rule->label, rule->metric, subject, missing);
}

/* Under --verbose, names the subjects only the baseline measured. */
static void
note_baseline_only(const struct rule *rule, const struct po_runset *baseline,
    const struct subject_index *current, size_t ncurrent)
{
	for (size_t g = 0; g < baseline->ngroups; g++) {
		const char *subject = group_subject(baseline, g);
		struct side base;

		if (find_group(current, ncurrent, subject) != SIZE_MAX)
			continue;
		if (gather(&base, rule, baseline, g) == 0 && base.vals.n > 0)
			note_one_sided(rule, subject, "current");
		free(base.vals.v);
	}
}

static void
compare_rule(const struct po_pobudget *budget, const struct rule *rule,
    const struct po_runset *baseline, const struct subject_index *bindex,
    const struct po_runset *runs, const struct po_regress_opts *opts,
    struct po_tally *tally)
{
	size_t nsubjects = 0;

	for (size_t g = 0; g < runs->ngroups; g++) {
		const char *subject = group_subject(runs, g);
		struct side cur, base = { 0 };

		if (gather(&cur, rule, runs, g) < 0) {
			tally->errors++;
		} else if (cur.vals.n > 0) {
			nsubjects++;
			if (gather(&base, rule, baseline, find_group(bindex,
			    baseline->ngroups, subject)) < 0)
				tally->errors++;
			else if (base.vals.n == 0 && opts->verbose)
				note_one_sided(rule, subject, "baseline");
			else if (base.vals.n > 0)
				compare_subject(budget, rule, subject, &base,
				    &cur, opts, tally);
		}
		free(cur.vals.v);
		free(base.vals.v);
	}
	/* A rule with limits of its own has said this already. */
	if (nsubjects == 0 && !rule->optional && !rule->has_warn &&
	    !rule->has_error) {
		po_error(rule->where, 0, 0, "%s: no measurement of '%s' for "
		    "subject '%s' in the stream", rule->label, rule->metric,
		    rule->subject);
		tally->errors++;
	}
}

bool
po_pobudget_has_change(const struct po_pobudget *budget)
{
	for (size_t i = 0; i < budget->nrules; i++)
		if (budget->rules[i].has_change)
			return true;
	return false;
}

void
po_pobudget_compare(const struct po_pobudget *budget,
    const struct po_runset *baseline, const struct po_runset *runs,
    const struct po_regress_opts *opts, struct po_tally *tally)
{
	struct subject_index *bindex = index_subjects(baseline);
	struct subject_index *cindex = index_subjects(runs);

	for (size_t i = 0; i < budget->nrules; i++) {
		const struct rule *rule = &budget->rules[i];

		if (!rule->has_change)
			continue;
		compare_rule(budget, rule, baseline, bindex, runs, opts,
		    tally);
		if (opts->verbose)
			note_baseline_only(rule, baseline, cindex,
			    runs->ngroups);
	}
	free(bindex);
	free(cindex);
}
