#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "k6-emit.h"
#include "k6-time.h"
#include "msg.h"
#include "stream-write.h"

struct agglist {
	struct po_k6_agg v[64];
	size_t n;
};

static void
add(struct agglist *list, enum po_k6_agg_kind kind, double pct)
{
	struct po_k6_agg agg = { kind, pct };

	for (size_t i = 0; i < list->n; i++)
		if (po_k6_agg_same(&list->v[i], &agg))
			return;
	if (list->n < sizeof(list->v) / sizeof(list->v[0]))
		list->v[list->n++] = agg;
}

static int
compare_aggs(const void *a, const void *b)
{
	return po_k6_agg_cmp(a, b);
}

static int
compare_series(const void *a, const void *b)
{
	return strcmp((*(struct po_k6_series *const *)a)->name.text,
	    (*(struct po_k6_series *const *)b)->name.text);
}

/* What to report of a series of raw points. */
static void
choose(struct agglist *list, const struct po_k6_series *s, bool full,
    const struct po_k6_agg *stats, size_t nstats,
    const struct po_k6_thresholds *set, const struct po_k6_run *run)
{
	switch (s->type) {
	case PO_K6_TREND:
		if (full) {
			for (size_t i = 0; i < nstats; i++)
				add(list, stats[i].kind, stats[i].pct);
		} else {
			add(list, PO_K6_AVG, 0);
			add(list, PO_K6_MIN, 0);
			add(list, PO_K6_MAX, 0);
			add(list, PO_K6_COUNT, 0);
		}
		break;
	case PO_K6_COUNTER:
		add(list, PO_K6_COUNT, 0);
		add(list, PO_K6_RATE_AGG, 0);
		break;
	case PO_K6_RATE:
		add(list, PO_K6_RATE_AGG, 0);
		add(list, PO_K6_PASSES, 0);
		add(list, PO_K6_FAILS, 0);
		break;
	case PO_K6_GAUGE:
		add(list, PO_K6_VALUE, 0);
		add(list, PO_K6_MIN, 0);
		add(list, PO_K6_MAX, 0);
		break;
	default:
		break;
	}
	for (size_t i = 0; i < set->n; i++) {
		const struct po_k6_threshold *t = set->v[i];

		if ((t->run == NULL || t->run == run) &&
		    po_k6_name_same(&t->name, &s->name) &&
		    po_k6_agg_fits(s->type, &t->expr.agg, true))
			add(list, t->expr.agg.kind, t->expr.agg.pct);
	}
	qsort(list->v, list->n, sizeof(list->v[0]), compare_aggs);
}

bool
po_k6_series_lower_better(const struct po_k6_series *series,
    const struct po_k6_thresholds *set, const struct po_k6_run *run)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct po_k6_threshold *t = set->v[i];

		if ((t->run == NULL || t->run == run) &&
		    po_k6_name_same(&t->name, &series->name) &&
		    t->expr.op <= PO_K6_GE)
			return t->expr.op == PO_K6_LT || t->expr.op == PO_K6_LE;
	}
	return po_k6_lower_is_better(series->name.parent, series->type);
}

static void
emit_series(yajl_gen gen, struct po_k6_run *run, struct po_k6_series *s,
    const struct agglist *list, bool lower)
{
	for (size_t i = 0; i < list->n; i++) {
		char agg[PO_K6_AGG_BUFSIZE];
		char *name;
		double value;
		enum po_k6_got got = po_k6_run_value(&value, run, s, &list->v[i]);

		/* An empty Rate reports 0, as k6's summary shows it. */
		if (got == PO_K6_GOT_NONE && s->type == PO_K6_RATE)
			value = 0;
		else if (got != PO_K6_GOT_VALUE)
			continue;
		po_k6_agg_poname(agg, &list->v[i]);
		name = po_xmalloc(strlen(s->name.text) + strlen(agg) + 2);
		sprintf(name, "%s.%s", s->name.text, agg);
		po_gen_key(gen, name);
		free(name);
		yajl_gen_map_open(gen);
		po_gen_key_double(gen, "value", value);
		po_gen_key_string(gen, "unit", po_k6_agg_unit(s->type,
		    s->contains, &list->v[i]));
		po_gen_key_string(gen, "better",
		    list->v[i].kind == PO_K6_COUNT && s->type == PO_K6_TREND ?
		    "higher" : lower ? "lower" : "higher");
		yajl_gen_map_close(gen);
	}
}

static const char *
form_name(enum po_k6_form form)
{
	switch (form) {
	case PO_K6_POINTS:
		return "points";
	case PO_K6_SUMMARY_EXPORT:
		return "summary-export";
	default:
		return "handle-summary";
	}
}

static const char *
duration_name(enum po_k6_duration_from from)
{
	switch (from) {
	case PO_K6_DURATION_OPTION:
		return "option";
	case PO_K6_DURATION_STATE:
		return "state";
	default:
		return "points";
	}
}

static void
emit_tags(yajl_gen gen, const struct po_k6_run *run)
{
	po_gen_key(gen, "tags");
	yajl_gen_map_open(gen);
	po_gen_key_string(gen, "k6_input", form_name(run->form));
	if (run->form == PO_K6_POINTS) {
		po_gen_key(gen, "inputs");
		yajl_gen_integer(gen, (long long)run->ninputs);
	}
	if (run->nscenarios > 0) {
		size_t len = 1;
		char *list;

		for (size_t i = 0; i < run->nscenarios; i++)
			len += strlen(run->scenarios[i]) + 1;
		list = po_xcalloc(1, len);
		for (size_t i = 0; i < run->nscenarios; i++) {
			if (i > 0)
				strcat(list, ",");
			strcat(list, run->scenarios[i]);
		}
		po_gen_key_string(gen, "scenarios", list);
		free(list);
	}
	if (run->duration_from != PO_K6_DURATION_NONE) {
		po_gen_key_double(gen, "duration_ms",
		    (double)run->duration_ns / 1e6);
		po_gen_key_string(gen, "duration_from",
		    duration_name(run->duration_from));
	}
	yajl_gen_map_close(gen);
}

void
po_k6_emit_metrics(struct po_k6_run *run, const struct po_k6_agg *stats,
    size_t nstats, const struct po_k6_thresholds *set)
{
	struct po_k6_series **sorted;
	yajl_gen gen = po_doc_begin("metrics");

	po_gen_key_string(gen, "source", "k6");
	po_gen_key_string(gen, "subject", run->subject);
	po_gen_key_string(gen, "file", run->file);
	emit_tags(gen, run);
	po_gen_key(gen, "metrics");
	yajl_gen_map_open(gen);
	sorted = po_xcalloc(run->nseries, sizeof(*sorted));
	/* A run without metrics has no series array at all. */
	if (run->nseries > 0) {
		memcpy(sorted, run->series, run->nseries * sizeof(*sorted));
		qsort(sorted, run->nseries, sizeof(*sorted), compare_series);
	}
	for (size_t i = 0; i < run->nseries; i++) {
		struct po_k6_series *s = sorted[i];
		struct agglist list = { .n = 0 };
		bool thresholded = po_k6_thresholds_name(set, &s->name, run);
		bool full = s->asked || thresholded;

		if (run->form != PO_K6_POINTS) {
			for (size_t k = 0; k < s->nstats; k++)
				add(&list, s->stats[k].agg.kind,
				    s->stats[k].agg.pct);
			qsort(list.v, list.n, sizeof(list.v[0]), compare_aggs);
		} else if ((s->typed || thresholded) &&
		    po_k6_run_resolve_type(run, s) == 0) {
			choose(&list, s, full, stats, nstats, set, run);
		}
		emit_series(gen, run, s, &list,
		    po_k6_series_lower_better(s, set, run));
	}
	free(sorted);
	yajl_gen_map_close(gen);
	po_doc_end(gen);
}
