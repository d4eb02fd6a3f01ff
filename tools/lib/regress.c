#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mannwhitney.h"
#include "msg.h"
#include "num.h"
#include "regress.h"
#include "stats.h"

int
po_change_parse_percent(double *out, const char *text)
{
	size_t len = strlen(text);
	const char *digits = text;

	if (len == 0 || text[len - 1] != '%')
		return 0;
	if (*digits == '+')
		digits++;
	/* po_num_parse would take white space, a sign or "inf" first. */
	if (!isdigit((unsigned char)*digits) ||
	    po_num_parse(out, digits, (size_t)(text + len - 1 - digits)) < 0)
		return -1;
	*out /= 100;
	return 0 <= *out ? 1 : -1;
}

double
po_change_allowed(const struct po_change_limit *limit, double baseline)
{
	double allowed = 0;

	if (limit->has_ratio)
		allowed = limit->ratio * fabs(baseline);
	if (limit->has_absolute)
		allowed = fmax(allowed, limit->absolute);
	return allowed;
}

static double
median_of(const double *values, size_t n)
{
	double *sorted = po_xmalloc(n * sizeof(double));
	double median;

	memcpy(sorted, values, n * sizeof(double));
	po_stats_sort(sorted, n);
	median = po_stats_median(sorted, n);
	free(sorted);
	return median;
}

/* The largest (or, when higher is better, smallest) current value the
 * limit allows. */
static double
limit_of(const struct po_regress *cmp, const struct po_change_limit *limit,
    double baseline)
{
	double allowed = po_change_allowed(limit, baseline);

	return cmp->lower_is_better ? baseline + allowed : baseline - allowed;
}

static bool
is_over(const struct po_regress *cmp, double value, double limit)
{
	return cmp->lower_is_better ? value > limit : value < limit;
}

/* Tests whether the current runs are worse than the baseline runs: larger
 * when lower is better, smaller otherwise.  Says in `message` when the
 * runs are too few for any result to reach alpha. */
static void
run_test(struct po_check_regression *reg, char *message, size_t size,
    const struct po_regress *cmp)
{
	struct po_mwu test;

	if (cmp->lower_is_better)
		po_mwu_greater(&test, cmp->baseline, cmp->nbaseline,
		    cmp->current, cmp->ncurrent);
	else
		po_mwu_greater(&test, cmp->current, cmp->ncurrent,
		    cmp->baseline, cmp->nbaseline);
	reg->method = "mann-whitney-u";
	reg->has_p_value = true;
	reg->p_value = test.p_value;
	if (test.min_p_value > cmp->alpha)
		snprintf(message, size, "%zu baseline and %zu current runs are "
		    "too few for the test to reach alpha %g: the smallest "
		    "p-value they can give is %.3g", cmp->nbaseline,
		    cmp->ncurrent, cmp->alpha, test.min_p_value);
}

void
po_regress_check(const struct po_regress *cmp, struct po_tally *tally)
{
	struct po_check_regression reg = { 0 };
	struct po_check check = { 0 };
	char message[256] = "";
	bool significant = true;
	bool over_error, over_warn;
	double error_limit, warn_limit;

	reg.baseline = median_of(cmp->baseline, cmp->nbaseline);
	reg.nbaseline = cmp->nbaseline;
	reg.ncurrent = cmp->ncurrent;
	reg.alpha = cmp->alpha;
	check.value = median_of(cmp->current, cmp->ncurrent);
	if (cmp->nbaseline >= 2 && cmp->ncurrent >= 2) {
		run_test(&reg, message, sizeof(message), cmp);
		significant = reg.p_value <= cmp->alpha;
	} else {
		reg.method = "single-sample";
		snprintf(message, sizeof(message), "single-sample comparison "
		    "(%zu baseline run%s, %zu current run%s): run-to-run "
		    "noise is not taken into account", cmp->nbaseline,
		    cmp->nbaseline == 1 ? "" : "s", cmp->ncurrent,
		    cmp->ncurrent == 1 ? "" : "s");
	}
	error_limit = limit_of(cmp, &cmp->error, reg.baseline);
	warn_limit = limit_of(cmp, &cmp->warn, reg.baseline);
	over_error = cmp->error.is_set && is_over(cmp, check.value,
	    error_limit);
	over_warn = cmp->warn.is_set && is_over(cmp, check.value, warn_limit);
	check.level = cmp->error.is_set ? PO_LEVEL_ERROR : PO_LEVEL_WARN;
	check.limit = cmp->error.is_set ? error_limit : warn_limit;
	check.passed = true;
	if (over_error && significant) {
		check.passed = false;
	} else if (over_warn && significant) {
		check.passed = false;
		check.level = PO_LEVEL_WARN;
		check.limit = warn_limit;
	} else if ((over_error || over_warn) && message[0] == '\0') {
		snprintf(message, sizeof(message), "the change is over the "
		    "limit but not significant: p = %.3g > alpha %g",
		    reg.p_value, cmp->alpha);
	}
	check.subject = cmp->subject;
	check.name = cmp->name;
	check.metric = cmp->metric;
	check.has_value = true;
	check.op = cmp->lower_is_better ? "<=" : ">=";
	check.unit = cmp->unit;
	check.aggregation = "median";
	check.values = cmp->current;
	check.nvalues = cmp->ncurrent;
	check.message = message[0] != '\0' ? message : NULL;
	check.origin_file = cmp->origin_file;
	check.origin_format = "po";
	check.origin_rule = cmp->origin_rule;
	check.regression = &reg;
	po_check_emit(&check, tally);
}
