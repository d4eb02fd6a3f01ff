#include "config.h"

#include <string.h>

#include "gate.h"
#include "json-val.h"
#include "msg.h"
#include "stream-read.h"
#include "stream-write.h"

static int
take_doc(void *ctx, struct po_stream_doc *doc)
{
	struct po_gate *gate = ctx;

	if (strcmp(doc->type, "check") == 0) {
		const char *status = po_val_string(doc->root, "status");

		if (status == NULL || (strcmp(status, "pass") != 0 &&
		    strcmp(status, "warn") != 0 && strcmp(status, "fail") != 0)) {
			po_error(doc->file, doc->lineno, 0, "check document "
			    "without a \"status\" of pass, warn or fail");
			gate->tally.errors++;
			return 0;
		}
		po_tally_count_status(&gate->tally, status);
	}
	if (po_runset_add(&gate->runs, doc) < 0) {
		gate->tally.errors++;
		return 0;
	}
	po_doc_passthrough(doc->line, doc->len);
	return 0;
}

void
po_gate_read(struct po_gate *gate, char **files, int nfiles)
{
	if (po_stream_read(files, nfiles, take_doc, gate) < 0 ||
	    po_status_get() == PO_BAD)
		gate->tally.errors++;
}

void
po_gate_report_nothing_checked(const struct po_gate *gate)
{
	if (gate->tally.errors > 0 || gate->tally.checks > 0)
		return;
	if (gate->runs.nruns == 0)
		po_error(gate->input_name, 0, 0, "no measurements in the "
		    "input: nothing to hold against the budget");
	else
		po_error(gate->input_name, 0, 0, "nothing was checked: no "
		    "limit of the budget applies to the %zu measurement%s in "
		    "the input",
		    gate->runs.nruns, gate->runs.nruns == 1 ? "" : "s");
}
