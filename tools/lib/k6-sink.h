/* A sink: what k6 keeps of the samples of one metric or sub-metric, and
 * the aggregates it reports from them (k6's metrics/sink.go):
 *
 *   Counter  count = the sum of the values; rate = count per second of the
 *            test run.
 *   Gauge    value = the last sample; min; max, which starts at 0, so a
 *            Gauge of negative samples reports 0.
 *   Trend    avg = a running float64 sum in arrival order over the count;
 *            min, max; med = p(50); p(N) = lo + (hi - lo) * f over the
 *            sorted values, at the real index N/100 * (count - 1).
 *   Rate     rate = the share of non-zero samples; no value when empty.
 *
 * Percentiles need the values: a sink keeps them exactly (8 bytes each)
 * or in a sketch (--approx) only when asked to. */
#ifndef PO_K6_SINK_H
#define PO_K6_SINK_H

#include <stdbool.h>
#include <stdint.h>

#include "k6-metric.h"
#include "k6-sketch.h"
#include "k6-values.h"

enum po_k6_keep {
	PO_K6_KEEP_NONE,
	PO_K6_KEEP_EXACT,
	PO_K6_KEEP_APPROX
};

struct po_k6_sink {
	uint64_t count;         /* samples */
	uint64_t nonzero;       /* samples other than 0, for Rate */
	double sum;
	double min;
	double max;
	double last;
	enum po_k6_keep keep;
	struct po_k6_values values;
	struct po_k6_sketch sketch;
};

/* Adds one sample.  `type` decides how min and max start. */
void po_k6_sink_add(struct po_k6_sink *sink, enum po_k6_type type,
    double value);

/* How an aggregate came out. */
enum po_k6_got {
	PO_K6_GOT_VALUE,        /* *out holds it */
	PO_K6_GOT_NONE,         /* k6 has no value: a Rate without samples */
	PO_K6_GOT_UNKEPT        /* a percentile of a sink that kept no values */
};

/* The aggregate `agg` of the samples of `sink`.  Percentiles come from the
 * values `sink` kept, or, when it kept none, from those of `parts` taken
 * together (the windows of a run, which keep a series' values once between
 * them; NULL stands for a window without samples).  `duration_ns` is the
 * test run's duration for a Counter's rate. */
enum po_k6_got po_k6_sink_get(double *out, struct po_k6_sink *sink,
    struct po_k6_sink *const *parts, size_t nparts, enum po_k6_type type,
    const struct po_k6_agg *agg, int64_t duration_ns);

void po_k6_sink_clear(struct po_k6_sink *sink);

#endif
