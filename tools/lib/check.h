/* Check and summary documents: what a gate writes for each limit it held
 * against a value, and its verdict. */
#ifndef PO_CHECK_H
#define PO_CHECK_H

#include <stdbool.h>
#include <stddef.h>

enum po_level {
	PO_LEVEL_ERROR,         /* failing it fails the gate */
	PO_LEVEL_WARN           /* failing it is reported, the gate passes */
};

/* What a regression check adds to a check: the baseline it was compared
 * with and how the comparison decided (po-json(5)). */
struct po_check_regression {
	double baseline;        /* the median of the baseline runs */
	size_t nbaseline;       /* runs on each side */
	size_t ncurrent;
	const char *method;     /* "mann-whitney-u" or "single-sample" */
	bool has_p_value;       /* the Mann-Whitney test's one-sided p-value */
	double p_value;
	double alpha;
};

struct po_check {
	const char *source;     /* the tool that checked: "po-budget" */
	const char *subject;    /* what was measured: a URL, a test name */
	const char *name;       /* what was checked, as the budget names it */
	const char *metric;     /* the po metric, when there is one */
	const char *audit;      /* the Lighthouse audit id, for LHCI checks */
	const char *assertion;  /* "maxNumericValue", "p(95)<200", ... */
	enum po_level level;
	bool passed;
	bool has_value;         /* false: nothing could be measured (null) */
	double value;
	double limit;
	const char *op;         /* "<", "<=", ">", ">=", "==", "!=" */
	const char *unit;       /* NULL when unknown */
	const char *aggregation;
	const double *values;   /* the values aggregated; NaN is written null */
	size_t nvalues;
	const char *message;    /* NULL, or why it failed beyond the numbers */
	const char *run_file;   /* the report a per-run check was made on */
	const char *origin_file;
	const char *origin_format;  /* "po", "lighthouse-budget", "lhci", ... */
	const char *origin_rule;    /* where in the file, e.g. "rules[2]" */
	/* NULL, or the comparison with a baseline that made this check a
	 * regression check ("kind": "regression"). */
	const struct po_check_regression *regression;
};

struct po_tally {
	int checks;
	int passed;
	int warned;
	int failed;
	int errors;             /* inputs that could not be measured or read */
	int subjects;
};

/* The status word of a check: "pass", "warn" or "fail". */
const char *po_check_status(const struct po_check *check);

/* The signed headroom: how far the value is on the good side of the limit
 * (negative when over it). */
double po_check_margin(const struct po_check *check);

/* Writes `check` as a "check" document and counts it in `tally`. */
void po_check_emit(const struct po_check *check, struct po_tally *tally);

/* Counts a check document that came down the stream from another tool. */
void po_tally_count_status(struct po_tally *tally, const char *status);

/* The exit status a tally stands for: 2 when there were errors or nothing
 * was checked, 1 when a check failed, 0 otherwise. */
int po_tally_exit(const struct po_tally *tally);

/* Writes the "summary" document; `budgets` names the budget files used. */
void po_summary_emit(const char *source, const struct po_tally *tally,
    char *const *budgets, size_t nbudgets, const char *message);

#endif
