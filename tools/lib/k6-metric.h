/* k6's metric model: the four metric types, what their values contain, the
 * aggregates k6 reports for each, k6's built-in metrics, and how an
 * aggregate is named and measured in the po stream. */
#ifndef PO_K6_METRIC_H
#define PO_K6_METRIC_H

#include <stdbool.h>
#include <stddef.h>

enum po_k6_type {
	PO_K6_UNKNOWN,          /* not known yet: no Metric line seen */
	PO_K6_COUNTER,
	PO_K6_GAUGE,
	PO_K6_TREND,
	PO_K6_RATE
};

enum po_k6_contains {
	PO_K6_DEFAULT,
	PO_K6_TIME,             /* milliseconds */
	PO_K6_DATA              /* bytes */
};

/* The aggregates of k6's summaries and thresholds.  PASSES and FAILS are
 * the Rate's sample counts, and TREND_COUNT a Trend's number of samples,
 * which summaries report but thresholds cannot name. */
enum po_k6_agg_kind {
	PO_K6_AVG,
	PO_K6_MIN,
	PO_K6_MED,
	PO_K6_MAX,
	PO_K6_PCT,              /* p(N): `pct` holds N, from 0 to 100 */
	PO_K6_COUNT,
	PO_K6_RATE_AGG,         /* Counter per second, or Rate's share */
	PO_K6_VALUE,
	PO_K6_PASSES,
	PO_K6_FAILS
};

struct po_k6_agg {
	enum po_k6_agg_kind kind;
	double pct;
};

/* "counter", "gauge", "trend", "rate" to a type; PO_K6_UNKNOWN otherwise. */
enum po_k6_type po_k6_type_parse(const char *name);
const char *po_k6_type_name(enum po_k6_type type);

/* "default", "time", "data" to *out.  Returns 0, or -1 for another word. */
int po_k6_contains_parse(enum po_k6_contains *out, const char *name);

/* The type and contents of a k6 built-in metric (http_req_duration,
 * iterations, ...).  Returns 0, or -1 when `name` is not built in. */
int po_k6_builtin(enum po_k6_type *type, enum po_k6_contains *contains,
    const char *name);

/* Parses an aggregate as k6's summaryTrendStats and summaries spell it:
 * "avg", "min", "med", "max", "count", "rate", "value", "passes", "fails"
 * or "p(N)" with N from 0 to 100.  Returns 0, or -1. */
int po_k6_agg_parse(struct po_k6_agg *out, const char *text);

/* Whether a metric of `type` has `agg`: in k6's summaries, or, with
 * `threshold`, in a threshold (k6 lets thresholds name fewer: a Gauge's
 * value only, a Rate's rate only, no Trend count). */
bool po_k6_agg_fits(enum po_k6_type type, const struct po_k6_agg *agg,
    bool threshold);

/* The aggregates a threshold on a metric of `type` may name, for
 * messages: "avg, min, max, med, p(N)". */
const char *po_k6_agg_allowed(enum po_k6_type type);

bool po_k6_agg_same(const struct po_k6_agg *a, const struct po_k6_agg *b);

/* The aggregate as k6 writes it ("p(99.9)") and as po names it in a metric
 * name ("p99.9"), in buffers of at least PO_K6_AGG_BUFSIZE bytes. */
#define PO_K6_AGG_BUFSIZE 48
char *po_k6_agg_k6name(char *buf, const struct po_k6_agg *agg);
char *po_k6_agg_poname(char *buf, const struct po_k6_agg *agg);

/* A stable order for listing aggregates: avg, min, med, max, p(N) by N,
 * count, rate, value, passes, fails. */
int po_k6_agg_cmp(const struct po_k6_agg *a, const struct po_k6_agg *b);

/* The po unit of an aggregate of a metric: "ms", "bytes", "ratio",
 * "count", "per_second" or "unitless". */
const char *po_k6_agg_unit(enum po_k6_type type, enum po_k6_contains contains,
    const struct po_k6_agg *agg);

/* Whether lower values are better for a metric without a threshold to
 * tell: times and sizes, failures, errors and dropped iterations. */
bool po_k6_lower_is_better(const char *name, enum po_k6_type type);

#endif
