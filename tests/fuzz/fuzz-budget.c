/* Fuzzes the budget loaders (budget.c and the formats it dispatches to:
 * budget-po.c, budget-lighthouse.c, budget-lhci.c) and holds every budget
 * that loads against a fixed stream of real runs, so that what a loader
 * accepted is also evaluated. */
#include "config.h"

#include <stdint.h>

#include "harness.h"
#include "lib/budget.h"
#include "lib/check.h"
#include "lib/runs.h"
#include "lib/stream-read.h"
#include "lib/stream-write.h"

static struct po_runset runs;

static int
keep_run(void *ctx, struct po_stream_doc *doc)
{
	po_runset_add(ctx, doc);
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *paths[] = { FUZZ_SRCDIR "/data/runs.ndjson" };

	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	if (po_stream_read(paths, 1, keep_run, &runs) < 0 || runs.nruns == 0)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct po_budget *budget;
	struct po_tally tally = { 0 };

	/* The environment name picks per-environment overrides in po
	 * budgets; "ci" is the one the seeds use. */
	if (po_budget_load(&budget, fuzz_file(data, size), "ci") < 0)
		return 0;
	po_budget_evaluate(budget, &runs, &tally);
	po_budget_free(budget);
	po_doc_cleanup();
	return 0;
}
