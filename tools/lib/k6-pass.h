/* One pass over the raw points of a test run, which may be split across
 * several files (k6 run on several load generators): every file is read
 * in chunks of whole lines, the chunks are parsed on every core, and
 * their points are folded into the run in file order, one file after the
 * other, as if one k6 had seen every point.  Folding in order keeps k6's
 * arithmetic: sums in arrival order, the last value of a Gauge. */
#ifndef PO_K6_PASS_H
#define PO_K6_PASS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "k6-run.h"
#include "k6-source.h"
#include "k6-thresholds.h"

struct po_k6_pass_opts {
	unsigned threads;       /* 0: one per core */
	int64_t duration_ns;    /* --duration, or 0 */
	int64_t window_ns;      /* --window, or 0 */
	bool approx;            /* sketches instead of exact values */
	bool input_thresholds;  /* take the thresholds of Metric lines */
	bool stats_need_values; /* the Trend stats to report have p(N) */
};

/* Reads `nsrcs` sources of raw points into `run`, whose series already
 * hold the metrics and sub-metrics something asks about.  Thresholds of
 * Metric lines go into `set`.  Returns 0, or -1 after one message per
 * input that could not be read to its end. */
int po_k6_pass_run(struct po_k6_run *run, struct po_k6_source **srcs,
    size_t nsrcs, struct po_k6_thresholds *set,
    const struct po_k6_pass_opts *opts);

#endif
