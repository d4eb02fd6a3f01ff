/* What po-report renders: the checks, findings and error documents of a po
 * stream, its last summary and the verdict that follows from them.
 *
 * Metrics documents tagged with a commit, as `po-baseline log` writes
 * them, are the history (history.h); other metrics documents are only
 * counted: their measurements reach a report through the checks a gate
 * made of them. */
#ifndef PO_REPORT_REPORT_H
#define PO_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "history.h"
#include "lib/stream-read.h"

enum po_verdict {
	PO_VERDICT_PASS,
	PO_VERDICT_WARN,        /* passed, with checks over a warn level */
	PO_VERDICT_FAIL,
	PO_VERDICT_ERROR        /* the gate could not decide, or no gate ran */
};

/* The status of a check, in the order reports list them. */
enum po_outcome {
	PO_OUTCOME_FAIL,
	PO_OUTCOME_WARN,
	PO_OUTCOME_PASS
};

/* Severity, impact and effort of a finding. */
enum po_grade {
	PO_GRADE_HIGH,
	PO_GRADE_MEDIUM,
	PO_GRADE_LOW
};

extern const char *const po_grade_words[];   /* "high", "medium", "low" */
extern const char *const po_unit_words[];    /* the stream's units */

struct po_report_check {
	char *source;
	char *subject;
	char *name;             /* as the budget names it */
	char *metric;           /* NULL when the document has none */
	const char *op;         /* "<", "<=", ">", ">=", "==", "!=" */
	const char *unit;       /* from the document or the metric; or NULL */
	enum po_outcome outcome;
	bool has_value;         /* false: nothing could be measured */
	double value;
	double limit;
	bool has_margin;
	double margin;          /* headroom: negative when over the limit */
	char *aggregation;
	char *message;
	char *origin_file;
	char *origin_rule;
	const char *origin_format;
	size_t subject_id;      /* index into po_report.subjects */

	/* A regression check (`po-budget --baseline`): the value is the
	 * current one, the limit the largest change allowed on it.  Older
	 * streams have none of these fields. */
	bool regression;        /* "kind": "regression" */
	bool has_baseline;
	double baseline;
	bool has_change;
	double change;          /* value - baseline */
	bool has_change_ratio;
	double change_ratio;
	bool has_runs;
	double runs_baseline, runs_current;
	char *test_method;      /* "mann-whitney-u", "single-sample", or NULL */
	bool has_p_value;
	double p_value;
	bool has_alpha;
	double alpha;
};

struct po_report_finding {
	char *source;
	char *subject;
	char *form_factor;      /* the "form_factor" tag, or NULL */
	char *id;
	char *title;
	char *evidence;         /* NULL when absent */
	enum po_grade severity;
	enum po_grade impact;
	enum po_grade effort;
	const char *layer;
	bool has_ms;
	double savings_ms;
	bool has_bytes;
	double savings_bytes;
	size_t nruns;           /* documents merged into this one */
	size_t seq;
};

struct po_report_error {
	char *source;
	char *subject;
	char *code;             /* NULL when absent or null */
	char *message;
	char *file;
	size_t subject_id;
};

struct po_report_summary {
	bool present;
	char *source;
	enum po_verdict status;
	int exit;
	double checks, passed, warned, failed, errors;
	bool has_subjects;
	double subjects;
	char *message;          /* NULL when absent */
};

struct po_report {
	struct po_report_check *checks;
	size_t nchecks;
	struct po_report_finding *findings;  /* ranked after po_report_finish */
	size_t nfindings;
	struct po_report_error *errors;
	size_t nerrors;
	struct po_report_summary summary;    /* the last one read */
	size_t nmetrics;
	size_t ndocs;           /* every document read, good or bad */
	bool bad_input;         /* some input could not be read */
	struct po_history *history;
	size_t nregressions;    /* checks with "kind": "regression" */

	/* Set by po_report_finish. */
	enum po_verdict verdict;
	const char **subjects;  /* distinct subjects of checks and errors, in
	                         * the order they first appear; borrowed */
	size_t nsubjects;
	size_t *check_order;    /* check indices grouped by subject */
	size_t *error_order;    /* error indices grouped by subject */

	size_t checks_cap;
	size_t findings_cap;
	size_t errors_cap;
};

/* A new, empty report; free it with po_report_free. */
struct po_report *po_report_new(void);
void po_report_free(struct po_report *report);

/* The po_stream_fn that collects one document into the report (`ctx`).
 * A document of an unknown type, or one without a field the schema
 * requires, is reported with its location and left out; it makes the
 * input bad.  Always returns 0, so that every problem is reported. */
int po_report_add(void *ctx, struct po_stream_doc *doc);

/* Ends the collection: merges findings repeated over runs of the same
 * subject (same source, subject, form factor and id; their savings become
 * the median), ranks them by savings, groups the checks and errors by
 * subject, forms the history's series with their budget lines and settles
 * the verdict.  `bad_input` forces an ERROR verdict. */
void po_report_finish(struct po_report *report, bool bad_input);

/* The exit status of the verdict: 0 pass or warn, 1 fail, 2 error. */
int po_report_exit(const struct po_report *report);

/* "PASS", "PASS with warnings", "FAIL" or "ERROR". */
const char *po_verdict_title(enum po_verdict verdict);

/* Why the verdict is ERROR when no summary says so, or NULL. */
const char *po_report_error_reason(const struct po_report *report);

#endif
