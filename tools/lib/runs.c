#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json-val.h"
#include "msg.h"
#include "runs.h"

int
po_runset_add(struct po_runset *set, struct po_stream_doc *doc)
{
	struct po_run *run;
	bool is_error = strcmp(doc->type, "error") == 0;

	if (!is_error && strcmp(doc->type, "metrics") != 0)
		return 0;
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
		yajl_tree_free(set->runs[i].root);
	}
	free(set->runs);
	memset(set, 0, sizeof(*set));
}
