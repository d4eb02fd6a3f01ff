/* The history of metrics along a branch, as `po-baseline log` writes it:
 * metrics documents oldest first, each tagged with the commit it measured
 * ("tags": {"commit": "<40 hex>", "commit_time": "2026-11-25T01:58:00Z"}).
 *
 * A series is the values of one (source, subject, metric) in stream order,
 * one point per commit: several documents of one commit (repeated runs)
 * become one point at their median.  Metrics documents without a commit
 * tag are not history and are left out. */
#ifndef PO_REPORT_HISTORY_H
#define PO_REPORT_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/stream-read.h"

struct po_history_point {
	const char *commit;     /* borrowed from the history */
	const char *time;       /* ISO 8601, or NULL when the tag is absent */
	double value;           /* the median of the runs */
	size_t nruns;
};

struct po_history_series {
	const char *source;     /* borrowed from the history */
	const char *subject;
	const char *metric;
	const char *unit;       /* one of the stream's units */
	bool higher_better;
	struct po_history_point *points;     /* oldest first */
	size_t npoints;
	size_t max_runs;        /* the most runs of one commit */
	bool has_limit;         /* a budget check of this subject and metric */
	double limit;
	const char *op;         /* the budget's operator, when has_limit */
};

struct po_history;

/* A new, empty history; free it with po_history_free (NULL is allowed). */
struct po_history *po_history_new(void);
void po_history_free(struct po_history *history);

/* Takes the metrics of a document that has a "tags.commit".  Returns 1
 * when it did, 0 when the document has no commit tag (it is not history),
 * and -1 after a message when the tags or a metric are malformed. */
int po_history_add(struct po_history *history,
    const struct po_stream_doc *doc);

/* Forms the series, in the order they first appear.  Call it once, after
 * the last po_history_add. */
void po_history_finish(struct po_history *history);

/* Keeps only the series of metric `metric` and subject `subject` (NULL:
 * any).  Returns the number kept. */
size_t po_history_filter(struct po_history *history, const char *metric,
    const char *subject);

/* The series, borrowed: `*n` of them. */
struct po_history_series *po_history_series(const struct po_history *history,
    size_t *n);

#endif
