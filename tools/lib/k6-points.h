/* The raw points of `k6 run --out json`: one JSON object a line, of two
 * kinds.
 *
 *   {"type":"Metric","data":{"name":"http_reqs","type":"counter",
 *    "contains":"default","thresholds":["count>100"],"submetrics":null},
 *    "metric":"http_reqs"}
 *   {"metric":"http_reqs","type":"Point","data":{"time":"2026-11-24T21:59:
 *    45.019399563Z","value":1,"tags":{"status":"200",...}}}
 *
 * A Metric line comes once per metric, before its first point, with the
 * thresholds of that exact metric (those of its sub-metrics are not
 * written anywhere in the file).
 *
 * This module parses one chunk of whole lines with yajl's callback parser,
 * keeping of each point only its metric, value and time, and which of the
 * wanted sub-metrics it belongs to.  Chunks are independent, so that the
 * chunks of one file can be parsed on every core and folded in order. */
#ifndef PO_K6_POINTS_H
#define PO_K6_POINTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "k6-metric.h"
#include "k6-metricline.h"
#include "k6-name.h"

/* The sub-metrics to match points against: read-only while chunks are
 * parsed. */
struct po_k6_plan {
	const struct po_k6_name **subs;
	size_t nsubs;
	/* Hand yajl every line whole, without the memos of line heads and
	 * tails (k6-memo.h): the tests compare the two, which must agree. */
	bool whole_lines;
};

/* A series in a chunk's entries: a metric of the chunk's own table, or,
 * with this bit set, a sub-metric of the plan. */
#define PO_K6_SUB_BIT 0x80000000u

struct po_k6_entry {
	uint32_t series;
	double value;
	int64_t time_ns;
};

/* A metric named in the chunk. */
struct po_k6_local {
	char *name;
	long first_point_line;  /* 0 when it had no point in the chunk */
	long first_def_line;    /* 0 when it had no Metric line in it */
};

struct po_k6_chunk {
	long nlines;
	struct po_k6_local *metrics;
	size_t nmetrics;
	struct po_k6_def *defs;
	size_t ndefs;
	struct po_k6_entry *entries;
	size_t nentries;
	char **scenarios;
	size_t nscenarios;
	/* Lines whose tail, and whose head, a memo replayed (k6-memo.h),
	 * for the tests. */
	size_t replayed;
	size_t replayed_heads;
	/* The first problem, if any; lines count from 1 in the chunk. */
	char *error;
	long error_line;
	long error_col;
};

/* Parses the lines in `buf` (`len` bytes) into *out, which the caller
 * frees with po_k6_chunk_clear.  Returns 0, or -1 with the first problem
 * in out->error: invalid JSON or UTF-8, a line that is not a k6 Metric or
 * Point, a field of the wrong type, a value out of range, a bad time. */
int po_k6_points_parse(struct po_k6_chunk *out, const char *buf, size_t len,
    const struct po_k6_plan *plan);

void po_k6_chunk_clear(struct po_k6_chunk *chunk);

#endif
