#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "k6-check.h"
#include "k6-time.h"
#include "msg.h"

struct outcome {
	bool has_value;
	double value;
	bool passed;
	char message[768];
	double *values;         /* per window, with --window */
	size_t nvalues;
};

/* Where a problem with a threshold is reported: the file it was written
 * in, or no file for the command line. */
static const char *
where_file(const struct po_k6_threshold *t, const struct po_k6_run *run)
{
	return t->origin_file[0] != '\0' ? t->origin_file : NULL;
}

/* How far a value is on the good side of the limit; the worst window is
 * the one with the least. */
static double
margin(const struct po_k6_expr *expr, double value)
{
	switch (expr->op) {
	case PO_K6_LT:
	case PO_K6_LE:
		return expr->limit - value;
	case PO_K6_GT:
	case PO_K6_GE:
		return value - expr->limit;
	case PO_K6_EQ:
		return -fabs(value - expr->limit);
	default:
		return fabs(value - expr->limit);
	}
}

static void
utc(char *buf, size_t size, int64_t ns)
{
	time_t secs = (time_t)(ns / 1000000000);
	struct tm tm;

	gmtime_r(&secs, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Holds the threshold in every window with samples of the series. */
static void
judge_windows(struct outcome *out, const struct po_k6_run *run,
    struct po_k6_series *s, const struct po_k6_threshold *t)
{
	size_t worst = 0;
	double worst_margin = INFINITY;
	size_t nwith = 0;
	char from[32];
	char to[32];
	char at[32];

	out->values = po_xcalloc(run->nwindows ? run->nwindows : 1,
	    sizeof(double));
	out->nvalues = run->nwindows;
	out->passed = true;
	for (size_t w = 0; w < run->nwindows; w++) {
		double v;

		out->values[w] = NAN;
		if (po_k6_run_window_value(&v, run, s, w, &t->expr.agg) !=
		    PO_K6_GOT_VALUE)
			continue;
		out->values[w] = v;
		nwith++;
		if (!po_k6_expr_holds(&t->expr, v))
			out->passed = false;
		if (margin(&t->expr, v) < worst_margin || nwith == 1) {
			worst_margin = margin(&t->expr, v);
			worst = w;
		}
	}
	if (nwith == 0)
		return;
	out->has_value = true;
	out->value = out->values[worst];
	po_k6_seconds_format(from, (int64_t)worst * run->window_ns);
	po_k6_seconds_format(to, (int64_t)(worst + 1) * run->window_ns);
	utc(at, sizeof(at), run->window_start_ns +
	    (int64_t)worst * run->window_ns);
	snprintf(out->message, sizeof(out->message), "worst of %zu windows "
	    "with samples: window %zu, %ss to %ss after the first point "
	    "(from %s)", nwith, worst + 1, from, to, at);
}

static void
describe_rate(struct outcome *out, const struct po_k6_run *run)
{
	char secs[32];

	po_k6_seconds_format(secs, run->duration_ns);
	switch (run->duration_from) {
	case PO_K6_DURATION_OPTION:
		snprintf(out->message, sizeof(out->message), "per second of "
		    "%s s, the test run duration given by --duration", secs);
		break;
	case PO_K6_DURATION_STATE:
		snprintf(out->message, sizeof(out->message), "per second of "
		    "%s s, k6's test run duration (state.testRunDurationMs)",
		    secs);
		break;
	case PO_K6_DURATION_SPAN:
		snprintf(out->message, sizeof(out->message), "per second of "
		    "%s s from the first to the last point; k6 divides by the "
		    "test run's wall time, which raw points do not record: "
		    "give --duration for k6's exact rate", secs);
		break;
	default:
		break;
	}
}

/* Whether k6's default summaryTrendStats, avg, min, med, max, p(90) and
 * p(95), hold `agg`. */
static bool
in_default_stats(const struct po_k6_agg *agg)
{
	return agg->kind == PO_K6_AVG || agg->kind == PO_K6_MIN ||
	    agg->kind == PO_K6_MED || agg->kind == PO_K6_MAX ||
	    (agg->kind == PO_K6_PCT && (agg->pct == 90 || agg->pct == 95));
}

/* Finds the value and the verdict.  Returns 0, or -1 after a message when
 * there is no way to give one. */
static int
judge(struct outcome *out, const struct po_k6_run *run,
    struct po_k6_series *s, const struct po_k6_threshold *t)
{
	const char *file = where_file(t, run);
	char agg[PO_K6_AGG_BUFSIZE];
	enum po_k6_got got;

	po_k6_agg_k6name(agg, &t->expr.agg);
	if (run->window_ns > 0 && s->windowed) {
		judge_windows(out, run, s, t);
		if (out->has_value)
			return 0;
		free(out->values);
		out->values = NULL;
		out->nvalues = 0;
	}
	got = po_k6_run_value(&out->value, run, s, &t->expr.agg);
	if (got == PO_K6_GOT_VALUE) {
		out->has_value = true;
		out->passed = po_k6_expr_holds(&t->expr, out->value);
		if (s->type == PO_K6_COUNTER &&
		    t->expr.agg.kind == PO_K6_RATE_AGG &&
		    run->form == PO_K6_POINTS)
			describe_rate(out, run);
		return 0;
	}
	if (got == PO_K6_GOT_NONE && s->type == PO_K6_RATE) {
		out->passed = true;
		snprintf(out->message, sizeof(out->message), "no samples: k6 "
		    "has no rate to test and lets the threshold pass");
		return 0;
	}
	if (got == PO_K6_GOT_NONE) {
		po_error(file, 0, 0, "threshold '%s' on '%s' in %s: the rate "
		    "needs the test run's duration: give --duration", t->expr.source,
		    t->name.text, run->file);
		return -1;
	}
	if (run->form != PO_K6_POINTS && t->recorded >= 0) {
		out->passed = t->recorded == 1;
		snprintf(out->message, sizeof(out->message), "the summary does "
		    "not record %s; this is k6's own verdict (add '%s' to "
		    "summaryTrendStats to see the value)", agg, agg);
		return 0;
	}
	if (run->form != PO_K6_POINTS) {
		po_error(file, 0, 0, "threshold '%s' on '%s': %s has no '%s' "
		    "for it: export it with k6 run --summary-trend-stats "
		    "'avg,min,med,max,p(90),p(95)%s%s', or give the raw points "
		    "(--out json)", t->expr.source, t->name.text, run->file,
		    agg, in_default_stats(&t->expr.agg) ? "" : ",",
		    in_default_stats(&t->expr.agg) ? "" : agg);
		return -1;
	}
	po_error(file, 0, 0, "threshold '%s' on '%s': the values of '%s' were "
	    "not kept", t->expr.source, t->name.text, t->name.text);
	return -1;
}

/* The series the threshold is on, with its type.  Returns NULL after a
 * message when k6 would reject the threshold for this run. */
static struct po_k6_series *
series_of(struct po_k6_run *run, const struct po_k6_threshold *t)
{
	const char *file = where_file(t, run);
	struct po_k6_series *s = po_k6_run_find(run, &t->name);
	char agg[PO_K6_AGG_BUFSIZE];

	if (s == NULL && run->form != PO_K6_POINTS) {
		po_error(file, 0, 0, "threshold '%s' on '%s': %s has no '%s': "
		    "k6 summarises a metric only when it got samples or has a "
		    "threshold, and a sub-metric only when a threshold in the "
		    "script names it; give the raw points (--out json)",
		    t->expr.source, t->name.text, run->file, t->name.text);
		return NULL;
	}
	if (s == NULL || po_k6_run_resolve_type(run, s) < 0) {
		po_error(file, 0, 0, "threshold '%s' on '%s': no metric '%s' in "
		    "%s (k6 rejects a threshold on a metric it does not know)",
		    t->expr.source, t->name.text, t->name.parent, run->file);
		return NULL;
	}
	if (!po_k6_agg_fits(s->type, &t->expr.agg, true)) {
		po_error(file, 0, 0, "threshold '%s' on '%s': k6 rejects it: "
		    "unsupported aggregation method %s on a %s metric "
		    "(supported: %s)", t->expr.source, t->name.text,
		    po_k6_agg_k6name(agg, &t->expr.agg),
		    po_k6_type_name(s->type), po_k6_agg_allowed(s->type));
		return NULL;
	}
	return s;
}

static void
emit(struct po_k6_run *run, struct po_k6_series *s,
    const struct po_k6_threshold *t, const struct outcome *out,
    struct po_tally *tally)
{
	struct po_check check = { 0 };
	char agg[PO_K6_AGG_BUFSIZE];
	char poagg[PO_K6_AGG_BUFSIZE];
	char aggregation[128];
	char *metric;

	po_k6_agg_k6name(agg, &t->expr.agg);
	po_k6_agg_poname(poagg, &t->expr.agg);
	metric = po_xmalloc(strlen(t->name.text) + strlen(poagg) + 2);
	sprintf(metric, "%s.%s", t->name.text, poagg);
	if (out->values != NULL) {
		char secs[32];

		snprintf(aggregation, sizeof(aggregation), "%s per %ss window",
		    agg, po_k6_seconds_format(secs, run->window_ns));
	} else {
		snprintf(aggregation, sizeof(aggregation), "%s", agg);
	}
	check.source = "po-k6-check";
	check.subject = run->subject;
	check.name = t->name.text;
	check.metric = metric;
	check.assertion = t->expr.source;
	check.level = PO_LEVEL_ERROR;
	check.passed = out->passed;
	check.has_value = out->has_value;
	check.value = out->value;
	check.limit = t->expr.limit;
	check.op = po_k6_op_name(t->expr.op);
	check.unit = po_k6_agg_unit(s->type, s->contains, &t->expr.agg);
	check.aggregation = aggregation;
	check.values = out->values;
	check.nvalues = out->nvalues;
	check.message = out->message[0] ? out->message : NULL;
	check.run_file = run->file;
	check.origin_file = t->origin_file;
	check.origin_format = t->origin_format;
	check.origin_rule = t->origin_rule;
	po_check_emit(&check, tally);
	free(metric);
}

void
po_k6_check_run(struct po_k6_run *run, const struct po_k6_thresholds *set,
    struct po_tally *tally)
{
	size_t n;
	struct po_k6_threshold **list = po_k6_thresholds_for(set, run, &n);

	for (size_t i = 0; i < n; i++) {
		const struct po_k6_threshold *t = list[i];
		struct po_k6_series *s = series_of(run, t);
		struct outcome out = { 0 };

		if (s == NULL || judge(&out, run, s, t) < 0) {
			tally->errors++;
			continue;
		}
		/* Both verdicts come from the same numbers; a difference
		 * would be a bug in po, and must not pass unnoticed. */
		if (t->recorded >= 0 && out.has_value &&
		    out.values == NULL && out.passed != (t->recorded == 1))
			po_warn(t->origin_file, 0, 0, "warning: threshold '%s' "
			    "on '%s': k6 recorded it as %s, po finds it %s",
			    t->expr.source, t->name.text,
			    t->recorded ? "held" : "crossed",
			    out.passed ? "held" : "crossed");
		emit(run, s, t, &out, tally);
		free(out.values);
	}
	free(list);
}
