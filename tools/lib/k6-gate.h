/* What po-k6-check does once its options are read: pass a po stream on
 * standard input through, read each k6 input, write the metrics of each
 * run and a check per threshold, then the summary.
 *
 * Standard input: "-" among the inputs names it as a k6 input.  Without
 * any input, standard input is the k6 input, unless it is a terminal.
 * With inputs named and no "-", standard input, when it is not a
 * terminal, is a po stream from upstream tools (po-lighthouse-parse ... |
 * po-k6-check k6.json | po-budget): its documents go through unchanged,
 * first, and their checks count in the verdict. */
#ifndef PO_K6_GATE_H
#define PO_K6_GATE_H

#include <stdbool.h>
#include <stddef.h>

#include "k6-metric.h"
#include "k6-pass.h"
#include "k6-thresholds.h"

struct po_k6_gate {
	char **inputs;
	size_t ninputs;
	struct po_k6_thresholds thresholds;     /* -t and --thresholds */
	char **threshold_files;
	size_t nthreshold_files;
	bool input_thresholds;
	struct po_k6_agg stats[32];     /* --summary-trend-stats */
	size_t nstats;
	char **metrics;                 /* --metric */
	size_t nmetrics;
	const char *subject;
	struct po_k6_pass_opts pass;
};

/* Sets the Trend aggregates to report from a k6 --summary-trend-stats
 * list ("avg,min,med,max,p(90),p(95),p(99),count").  Returns 0, or -1
 * with a message. */
int po_k6_gate_stats(struct po_k6_gate *gate, const char *list);

/* Runs the gate.  Returns the exit status: 0 every threshold held, 1 one
 * was crossed (where k6 exits 99), 2 bad input or usage. */
int po_k6_gate_run(struct po_k6_gate *gate);

void po_k6_gate_free(struct po_k6_gate *gate);

#endif
