/* k6's two JSON summaries of a finished run:
 *
 *   --summary-export=FILE: each metric flattened to its values plus
 *   "thresholds": {"<expr>": <bool>}, where true means the threshold was
 *   CROSSED; no metric types (they are inferred from the keys: passes and
 *   fails make a Rate, whose rate is then spelled "value"; value, min, max
 *   a Gauge; count and rate a Counter; anything else a Trend) and no run
 *   duration.
 *
 *   handleSummary(data) as JSON: {"type", "contains", "values": {...},
 *   "thresholds": {"<expr>": {"ok": <bool>}}} per metric, where ok: true
 *   means the threshold HELD, and state.testRunDurationMs.
 *
 * Sub-metrics are entries of their own, keyed as the thresholds spell
 * them.  Object keys come in any order (k6 writes Go maps). */
#ifndef PO_K6_SUMMARY_H
#define PO_K6_SUMMARY_H

#include <stddef.h>

#include "k6-run.h"
#include "k6-thresholds.h"

/* Reads the summary in `buf` (`len` bytes, from the input `name`) into a
 * new run, and its thresholds, with k6's verdicts, into `set` unless
 * `set` is NULL.  Returns 0, or -1 after a message naming the file, line
 * and column of what is wrong.  The caller owns *out. */
int po_k6_summary_read(struct po_k6_run **out, const char *name,
    const char *buf, size_t len, struct po_k6_thresholds *set);

#endif
