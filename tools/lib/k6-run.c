#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "k6-run.h"
#include "msg.h"

struct po_k6_run *
po_k6_run_new(enum po_k6_form form, const char *file)
{
	struct po_k6_run *run = po_xcalloc(1, sizeof(*run));

	run->form = form;
	run->file = po_xstrdup(file);
	return run;
}

struct po_k6_series *
po_k6_run_find(const struct po_k6_run *run, const struct po_k6_name *name)
{
	for (size_t i = 0; i < run->nseries; i++)
		if (po_k6_name_same(&run->series[i]->name, name))
			return run->series[i];
	return NULL;
}

struct po_k6_series *
po_k6_run_add(struct po_k6_run *run, const struct po_k6_name *name)
{
	struct po_k6_series *series = po_k6_run_find(run, name);

	if (series != NULL)
		return series;
	series = po_xcalloc(1, sizeof(*series));
	po_k6_name_copy(&series->name, name);
	run->series = po_xrealloc(run->series,
	    (run->nseries + 1) * sizeof(*run->series));
	run->series[run->nseries++] = series;
	return series;
}

int
po_k6_run_resolve_type(struct po_k6_run *run, struct po_k6_series *series)
{
	if (series->type != PO_K6_UNKNOWN)
		return 0;
	for (size_t i = 0; i < run->nseries; i++) {
		struct po_k6_series *parent = run->series[i];

		if (parent->name.ntags == 0 && parent->typed &&
		    strcmp(parent->name.parent, series->name.parent) == 0) {
			series->type = parent->type;
			series->contains = parent->contains;
			return 0;
		}
	}
	return po_k6_builtin(&series->type, &series->contains,
	    series->name.parent);
}

void
po_k6_run_add_scenario(struct po_k6_run *run, const char *scenario)
{
	size_t at = 0;

	while (at < run->nscenarios && strcmp(run->scenarios[at], scenario) < 0)
		at++;
	if (at < run->nscenarios && strcmp(run->scenarios[at], scenario) == 0)
		return;
	run->scenarios = po_xrealloc(run->scenarios,
	    (run->nscenarios + 1) * sizeof(*run->scenarios));
	memmove(&run->scenarios[at + 1], &run->scenarios[at],
	    (run->nscenarios - at) * sizeof(*run->scenarios));
	run->scenarios[at] = po_xstrdup(scenario);
	run->nscenarios++;
}

static int
stat_of(double *out, const struct po_k6_series *series,
    const struct po_k6_agg *agg)
{
	for (size_t i = 0; i < series->nstats; i++)
		if (po_k6_agg_same(&series->stats[i].agg, agg)) {
			*out = series->stats[i].value;
			return 0;
		}
	return -1;
}

enum po_k6_got
po_k6_run_value(double *out, const struct po_k6_run *run,
    struct po_k6_series *series, const struct po_k6_agg *agg)
{
	static const struct po_k6_agg passes = { PO_K6_PASSES, 0 };
	static const struct po_k6_agg fails = { PO_K6_FAILS, 0 };
	double npasses;
	double nfails;

	if (run->form == PO_K6_POINTS)
		return po_k6_sink_get(out, &series->sink, series->windows,
		    series->nwindows, series->type, agg, run->duration_ns);
	/* A Rate without samples: the summary shows 0, but k6's threshold
	 * has no value to test. */
	if (series->type == PO_K6_RATE && agg->kind == PO_K6_RATE_AGG &&
	    stat_of(&npasses, series, &passes) == 0 &&
	    stat_of(&nfails, series, &fails) == 0 && npasses + nfails == 0)
		return PO_K6_GOT_NONE;
	if (stat_of(out, series, agg) == 0)
		return PO_K6_GOT_VALUE;
	return PO_K6_GOT_UNKEPT;
}

enum po_k6_got
po_k6_run_window_value(double *out, const struct po_k6_run *run,
    struct po_k6_series *series, size_t w, const struct po_k6_agg *agg)
{
	struct po_k6_sink *sink;

	if (w >= series->nwindows || series->windows[w] == NULL ||
	    series->windows[w]->count == 0)
		return PO_K6_GOT_NONE;
	sink = series->windows[w];
	return po_k6_sink_get(out, sink, NULL, 0, series->type, agg,
	    run->window_ns);
}

static void
series_free(struct po_k6_series *series)
{
	po_k6_name_clear(&series->name);
	po_k6_sink_clear(&series->sink);
	for (size_t w = 0; w < series->nwindows; w++) {
		po_k6_sink_clear(series->windows[w]);
		free(series->windows[w]);
	}
	free(series->windows);
	free(series->stats);
	free(series);
}

void
po_k6_run_free(struct po_k6_run *run)
{
	if (run == NULL)
		return;
	for (size_t i = 0; i < run->nseries; i++)
		series_free(run->series[i]);
	for (size_t i = 0; i < run->nscenarios; i++)
		free(run->scenarios[i]);
	free(run->scenarios);
	free(run->series);
	free(run->file);
	free(run->subject);
	free(run);
}
