/* Regression checks: a metric's current runs against its baseline runs,
 * with a limit on how much worse it may get (po-budget(5), "Limits on
 * change").  Where both sides have repeated runs, a Mann-Whitney U test
 * keeps run-to-run noise from failing the gate. */
#ifndef PO_REGRESS_H
#define PO_REGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"

/* The significance a change must reach when --alpha does not say. */
#define PO_REGRESS_ALPHA 0.05

/* How much worse a metric may get at one level: "no more than +10 % or
 * +50 ms, whichever is larger".  Either part may be absent. */
struct po_change_limit {
	bool is_set;
	bool has_ratio;
	double ratio;           /* of the baseline: 0.1 for 10 % */
	bool has_absolute;
	double absolute;        /* in the metric's unit */
};

/* How a gate compares with a baseline (po-budget --alpha, --verbose). */
struct po_regress_opts {
	double alpha;           /* the p-value at or under which a change
				 * counts as real */
	bool verbose;           /* say which metrics had no counterpart */
};

/* One metric of one subject, on both sides. */
struct po_regress {
	const char *subject;
	const char *name;       /* the check's name */
	const char *metric;
	const char *unit;       /* NULL when unknown */
	bool lower_is_better;
	const double *baseline; /* the values of the baseline runs */
	size_t nbaseline;
	const double *current;
	size_t ncurrent;
	struct po_change_limit warn;
	struct po_change_limit error;
	double alpha;
	const char *origin_file;
	const char *origin_rule;
};

/* Parses one part of a limit on change: "10%" (or "+10%") gives a ratio
 * of the baseline; anything else is left to the caller, which knows the
 * metric's unit.  Returns 1 for a percentage, 0 for something else, -1
 * for a percentage that is not a number from 0 up. */
int po_change_parse_percent(double *out, const char *text);

/* The change a limit allows from `baseline`: the larger of its parts. */
double po_change_allowed(const struct po_change_limit *limit,
    double baseline);

/* Compares the two sides and writes the regression check, counting it in
 * `tally`.  Both sides need at least one value. */
void po_regress_check(const struct po_regress *cmp, struct po_tally *tally);

#endif
