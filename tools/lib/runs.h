/* The measured runs a gate holds against its budgets: every "metrics" and
 * "error" document of the stream, kept whole (they are small: one per
 * report or load test), in the order they came. */
#ifndef PO_RUNS_H
#define PO_RUNS_H

#include <stdbool.h>
#include <stddef.h>
#include <yajl/yajl_tree.h>

#include "stream-read.h"

struct po_run {
	char *file;             /* where the document was read, for messages */
	long lineno;
	const char *source;     /* borrowed from root */
	const char *subject;    /* borrowed from root; "" when absent */
	bool is_error;          /* an "error" document: nothing was measured */
	const char *code;       /* the error's code, or NULL */
	const char *message;    /* the error's message, or NULL */
	yajl_val root;          /* the whole document; owned */
	yajl_val metrics;       /* "metrics" object, or NULL; borrowed */
	yajl_val audits;        /* "audits" object, or NULL; borrowed */
	yajl_val tags;          /* "tags" object, or NULL; borrowed */
	yajl_val budget_rows;   /* "budget_rows" array, or NULL; borrowed */
};

struct po_runset {
	struct po_run *runs;
	size_t nruns;
	size_t cap;
	/* The runs grouped by subject (po_runset_group): group g holds the
	 * runs order[start[g]] to order[start[g + 1] - 1], in stream order;
	 * groups are in the order their subjects first appear. */
	size_t ngroups;
	size_t *order;
	size_t *start;
};

/* Keeps the document if it is a "metrics" or "error" document: takes the
 * tree from `doc` (setting doc->root to NULL) and returns 1; returns 0 and
 * leaves `doc` alone for any other type, and -1 after a message for a
 * measurement without what a gate relies on (a subject, metrics whose
 * values are finite numbers, an error's message). */
int po_runset_add(struct po_runset *set, struct po_stream_doc *doc);

/* Groups the runs by subject, in O(n log n): a gate over 50 000 runs must
 * not compare every subject with every other. */
void po_runset_group(struct po_runset *set);

/* The indices of the runs of group `g`, and their count in *n. */
const size_t *po_runset_group_runs(const struct po_runset *set, size_t g,
    size_t *n);

/* The value of metric `name` in `run`.  Returns 0, or -1 when the run does
 * not have it (or it is not a number). */
int po_run_metric(double *out, const struct po_run *run, const char *name);

/* The unit of metric `name` as the run states it, or NULL. */
const char *po_run_metric_unit(const struct po_run *run, const char *name);

/* The samples of metric `name` (several runs folded into one document):
 * the array value, or NULL when the document has none. */
yajl_val po_run_metric_samples(const struct po_run *run, const char *name);

/* A tag's string value, or NULL. */
const char *po_run_tag(const struct po_run *run, const char *tag);

void po_runset_free(struct po_runset *set);

#endif
