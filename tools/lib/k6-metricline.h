/* The Metric lines of k6's raw points, which say once, before a metric's
 * first point, its type, what its values contain, and its thresholds:
 *
 *   {"type":"Metric","data":{"name":"http_reqs","type":"counter",
 *    "contains":"default","thresholds":["count>100",{"threshold":
 *    "rate<5","abortOnFail":true,"delayAbortEval":"10s"}],
 *    "submetrics":[{"name":"http_reqs{status:200}",...}]},
 *    "metric":"http_reqs"}
 *
 * The thresholds are those of that exact metric; a sub-metric appears by
 * name only, without its thresholds. */
#ifndef PO_K6_METRICLINE_H
#define PO_K6_METRICLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "k6-metric.h"

struct po_k6_def {
	char *name;
	enum po_k6_type type;
	enum po_k6_contains contains;
	char **thresholds;
	bool *abort_on_fail;
	size_t nthresholds;
	char **submetrics;      /* names of the script's sub-metrics */
	size_t nsubmetrics;
	long line;              /* where it is, for the caller to fill */
	size_t before;
};

/* Reads the Metric line in `text` (`len` bytes of valid JSON).  Returns 0,
 * or -1 with the reason in `why`: no metric name, an unknown type or
 * contents, thresholds or sub-metrics of the wrong shape.  The caller
 * owns *out (po_k6_def_clear). */
int po_k6_metricline_read(struct po_k6_def *out, const char *text, size_t len,
    char *why, size_t whylen);

void po_k6_def_clear(struct po_k6_def *def);

#endif
