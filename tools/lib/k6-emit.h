/* The "metrics" document of a k6 run: one po metric per aggregate, named
 * "<k6 metric or sub-metric>.<aggregate>" as k6 spells them
 * ("http_req_duration.p95", "http_req_failed.rate",
 * "http_req_duration{status:200}.p90"), so that po's budgets can limit
 * them by name. */
#ifndef PO_K6_EMIT_H
#define PO_K6_EMIT_H

#include <stddef.h>

#include "k6-metric.h"
#include "k6-run.h"
#include "k6-thresholds.h"

/* Writes the metrics document of `run`.  From a summary, every value it
 * recorded; from raw points, for each metric the aggregates that cost no
 * memory, and for the metrics and sub-metrics that were asked about (or
 * have thresholds) the Trend aggregates `stats` and those the thresholds
 * name. */
void po_k6_emit_metrics(struct po_k6_run *run,
    const struct po_k6_agg *stats, size_t nstats,
    const struct po_k6_thresholds *set);

/* Whether lower values of `series` are better: as its first threshold's
 * operator says, or else by its type and name. */
bool po_k6_series_lower_better(const struct po_k6_series *series,
    const struct po_k6_thresholds *set, const struct po_k6_run *run);

#endif
