/* The thresholds a run is held to, gathered from every source: -t on the
 * command line, --thresholds files in k6's options.thresholds shape, and
 * those recorded in the inputs (a summary's, or a Metric line's).  The
 * same expression on the same metric, spelled the same way, is held once
 * whichever sources name it. */
#ifndef PO_K6_THRESHOLDS_H
#define PO_K6_THRESHOLDS_H

#include <stdbool.h>
#include <stddef.h>

#include "k6-expr.h"
#include "k6-name.h"

struct po_k6_run;

/* Where a threshold was written, for messages and the check's origin. */
struct po_k6_where {
	const char *file;       /* NULL for the command line */
	long line;
	long col;
	const char *rule;       /* "-t #2", "http_req_duration[1]", ... */
	const struct po_k6_run *run;    /* recorded in this run's input */
	int recorded;           /* k6's verdict: 1 held, 0 crossed, -1 none */
};

struct po_k6_threshold {
	struct po_k6_name name;
	struct po_k6_expr expr;
	bool abort_on_fail;
	char *origin_file;      /* "" for the command line */
	char *origin_rule;
	const char *origin_format;      /* "k6" */
	const struct po_k6_run *run;    /* NULL: held against every run */
	int recorded;
	size_t order;           /* position of addition, for stable listing */
};

struct po_k6_thresholds {
	struct po_k6_threshold **v;
	size_t n;
};

/* Adds the threshold `source` on metric or sub-metric `name`.  Returns 0,
 * or -1 after a message at `where` for a name or expression k6 rejects.
 * A duplicate is dropped; when it carries k6's verdict and the one kept
 * does not, the verdict is kept. */
int po_k6_thresholds_add(struct po_k6_thresholds *set, const char *name,
    const char *source, bool abort_on_fail, const struct po_k6_where *where);

/* Adds the thresholds of a -t argument, "METRIC: EXPR[, EXPR...]" (the
 * colon that ends the name is the first one outside braces), the
 * `index`-th -t of the command line.  Returns 0, or -1 after a message. */
int po_k6_thresholds_add_arg(struct po_k6_thresholds *set, const char *arg,
    int index);

/* Adds the thresholds of a file in k6's options.thresholds shape: an
 * object from metric or sub-metric name to a list of expressions, each a
 * string or {"threshold": ..., "abortOnFail": ..., "delayAbortEval": ...};
 * or a k6 options object (k6 inspect's output, a config file) holding one
 * as "thresholds".  Returns 0, or -1 after messages. */
int po_k6_thresholds_load(struct po_k6_thresholds *set, const char *path);

/* Whether a threshold on the series `name` asks for a percentile (or the
 * median), which needs the series' values kept; `run` limits the search
 * to the thresholds held against that run. */
bool po_k6_thresholds_need_values(const struct po_k6_thresholds *set,
    const struct po_k6_name *name, const struct po_k6_run *run);

/* Whether any threshold names the series `name` for `run`. */
bool po_k6_thresholds_name(const struct po_k6_thresholds *set,
    const struct po_k6_name *name, const struct po_k6_run *run);

/* The thresholds held against `run`, in k6's order: by metric name, then
 * as they were written.  The caller frees the array, not its elements. */
struct po_k6_threshold **po_k6_thresholds_for(const struct po_k6_thresholds
    *set, const struct po_k6_run *run, size_t *n);

void po_k6_thresholds_free(struct po_k6_thresholds *set);

#endif
