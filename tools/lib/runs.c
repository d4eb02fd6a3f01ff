#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json-tree.h"
#include "json-val.h"
#include "msg.h"
#include "runs.h"

/* What a gate relies on in a measurement; the rest is checked where it is
 * used.  Returns 0, or -1 after a message. */
static int
check_shape(const struct po_stream_doc *doc, bool is_error)
{
	yajl_val subject = po_val_get(doc->root, "subject");
	yajl_val metrics = po_val_get(doc->root, "metrics");
	const char *problem = NULL;

	if (!YAJL_IS_STRING(subject))
		problem = "a string \"subject\"";
	else if (!is_error && !YAJL_IS_OBJECT(metrics))
		problem = "a \"metrics\" object";
	else if (is_error && !YAJL_IS_STRING(po_val_get(doc->root, "message")))
		problem = "a string \"message\"";
	for (size_t i = 0; problem == NULL && metrics &&
	    YAJL_IS_OBJECT(metrics) && i < metrics->u.object.len; i++) {
		double value;

		if (po_val_number(&value, metrics->u.object.values[i],
		    "value") < 0)
			problem = "a finite number as the \"value\" of every "
			    "metric";
	}
	if (problem == NULL)
		return 0;
	po_error(doc->file, doc->lineno, 0, "%s document without %s",
	    doc->type, problem);
	return -1;
}

int
po_runset_add(struct po_runset *set, struct po_stream_doc *doc)
{
	struct po_run *run;
	bool is_error = strcmp(doc->type, "error") == 0;

	if (!is_error && strcmp(doc->type, "metrics") != 0)
		return 0;
	if (check_shape(doc, is_error) < 0)
		return -1;
	if (set->nruns == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 16;
		set->runs = po_xrealloc(set->runs, set->cap * sizeof(*run));
	}
	run = &set->runs[set->nruns++];
	memset(run, 0, sizeof(*run));
	run->file = po_xstrdup(doc->file);
	run->lineno = doc->lineno;
	run->root = doc->root;
	doc->root = NULL;
	run->is_error = is_error;
	run->source = po_val_string(run->root, "source");
	run->subject = po_val_string(run->root, "subject");
	if (run->subject == NULL)
		run->subject = "";
	run->code = po_val_string(run->root, "code");
	run->message = po_val_string(run->root, "message");
	run->metrics = po_val_get(run->root, "metrics");
	run->audits = po_val_get(run->root, "audits");
	run->tags = po_val_get(run->root, "tags");
	run->budget_rows = po_val_get(run->root, "budget_rows");
	return 1;
}

/* qsort has no context argument: the runs being sorted. */
static const struct po_run *sorting;

static int
by_subject_then_index(const void *a, const void *b)
{
	size_t i = *(const size_t *)a;
	size_t j = *(const size_t *)b;
	int c = strcmp(sorting[i].subject, sorting[j].subject);

	if (c != 0)
		return c;
	return (i > j) - (i < j);
}

static int
by_first_run(const void *a, const void *b)
{
	/* Each element is a group's (first run, start in the sorted list). */
	const size_t *x = a;
	const size_t *y = b;

	return (x[0] > y[0]) - (x[0] < y[0]);
}

void
po_runset_group(struct po_runset *set)
{
	size_t n = set->nruns;
	size_t *sorted = po_xcalloc(n, sizeof(size_t));
	size_t *groups = po_xcalloc(2 * n, sizeof(size_t));
	size_t ngroups = 0;
	size_t out = 0;

	for (size_t i = 0; i < n; i++)
		sorted[i] = i;
	sorting = set->runs;
	qsort(sorted, n, sizeof(size_t), by_subject_then_index);
	for (size_t k = 0; k < n; k++)
		if (k == 0 || strcmp(set->runs[sorted[k]].subject,
		    set->runs[sorted[k - 1]].subject) != 0) {
			groups[2 * ngroups] = sorted[k];
			groups[2 * ngroups + 1] = k;
			ngroups++;
		}
	qsort(groups, ngroups, 2 * sizeof(size_t), by_first_run);
	free(set->order);
	free(set->start);
	set->order = po_xcalloc(n, sizeof(size_t));
	set->start = po_xcalloc(ngroups + 1, sizeof(size_t));
	for (size_t g = 0; g < ngroups; g++) {
		size_t k = groups[2 * g + 1];
		const char *subject = set->runs[sorted[k]].subject;

		set->start[g] = out;
		while (k < n && strcmp(set->runs[sorted[k]].subject,
		    subject) == 0)
			set->order[out++] = sorted[k++];
	}
	set->start[ngroups] = out;
	set->ngroups = ngroups;
	free(sorted);
	free(groups);
}

const size_t *
po_runset_group_runs(const struct po_runset *set, size_t g, size_t *n)
{
	*n = set->start[g + 1] - set->start[g];
	return set->order + set->start[g];
}

static yajl_val
metric_of(const struct po_run *run, const char *name)
{
	return po_val_get(run->metrics, name);
}

int
po_run_metric(double *out, const struct po_run *run, const char *name)
{
	return po_val_number(out, metric_of(run, name), "value");
}

const char *
po_run_metric_unit(const struct po_run *run, const char *name)
{
	return po_val_string(metric_of(run, name), "unit");
}

yajl_val
po_run_metric_samples(const struct po_run *run, const char *name)
{
	yajl_val samples = po_val_get(metric_of(run, name), "samples");

	return YAJL_IS_ARRAY(samples) ? samples : NULL;
}

const char *
po_run_tag(const struct po_run *run, const char *tag)
{
	return po_val_string(run->tags, tag);
}

void
po_runset_free(struct po_runset *set)
{
	for (size_t i = 0; i < set->nruns; i++) {
		free(set->runs[i].file);
		po_tree_free(set->runs[i].root);
	}
	free(set->runs);
	free(set->order);
	free(set->start);
	memset(set, 0, sizeof(*set));
}
