/* What a gate reads: the po stream, every document passed through
 * unchanged, the measurements kept to be held against budgets, and the
 * checks of tools upstream counted in the verdict. */
#ifndef PO_GATE_H
#define PO_GATE_H

#include "check.h"
#include "runs.h"

struct po_gate {
	struct po_runset runs;
	struct po_tally tally;
	const char *input_name;         /* the input, for messages */
};

/* Reads `files` (standard input when `nfiles` is 0) into `gate`.  A bad
 * document is reported and counted as an error in the tally. */
void po_gate_read(struct po_gate *gate, char **files, int nfiles);

/* A gate that checked nothing has not passed: says why, as an error, when
 * the tally holds neither a check nor an error. */
void po_gate_report_nothing_checked(const struct po_gate *gate);

#endif
