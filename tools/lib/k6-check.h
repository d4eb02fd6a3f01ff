/* Holding a k6 run to its thresholds: one "check" document per threshold,
 * with k6's own value (the same double k6 computed), its verdict, and
 * when the value had to be found some other way, a message saying how. */
#ifndef PO_K6_CHECK_H
#define PO_K6_CHECK_H

#include "check.h"
#include "k6-run.h"
#include "k6-thresholds.h"

/* Writes a check per threshold held against `run`, in k6's order, and
 * counts them in `tally`.  A threshold k6 would reject for this run (an
 * unknown metric, an aggregate its type has not) or one the input cannot
 * answer (a summary without that percentile) is reported with a message,
 * counted as an error, and has no check.  With --window (the run's
 * window_ns), each threshold is held in every window instead, and the
 * check shows the worst. */
void po_k6_check_run(struct po_k6_run *run, const struct po_k6_thresholds *set,
    struct po_tally *tally);

#endif
