/* Fuzzes the po stream reader (stream-read.c) and what po-budget does with
 * the documents it hands over: keeping the runs (runs.c) and holding them
 * against fixed budgets of every format (budget-po-eval.c,
 * budget-lighthouse.c), which writes checks and a summary. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "lib/budget.h"
#include "lib/check.h"
#include "lib/json-val.h"
#include "lib/runs.h"
#include "lib/stream-read.h"
#include "lib/stream-write.h"

static char *budget_paths[] = {
	FUZZ_SRCDIR "/data/po-budget.json",
	FUZZ_SRCDIR "/data/lighthouse-budget.json",
	FUZZ_SRCDIR "/../../share/default-budget.json",
};
#define NBUDGETS (sizeof(budget_paths) / sizeof(budget_paths[0]))
static struct po_budget *budgets[NBUDGETS];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	for (size_t i = 0; i < NBUDGETS; i++)
		if (po_budget_load(&budgets[i], budget_paths[i], "ci") < 0)
			abort();
	return 0;
}

struct gate {
	struct po_runset runs;
	struct po_tally tally;
};

/* What po-budget's take_doc does with every document. */
static int
take_doc(void *ctx, struct po_stream_doc *doc)
{
	struct gate *gate = ctx;

	if (doc->type == NULL || doc->root == NULL || doc->lineno < 1)
		abort();
	po_doc_passthrough(doc->line, doc->len);
	if (strcmp(doc->type, "check") == 0) {
		const char *status = po_val_string(doc->root, "status");

		po_tally_count_status(&gate->tally, status ? status : "fail");
	}
	po_runset_add(&gate->runs, doc);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *paths[1] = { (char *)fuzz_file(data, size) };
	struct gate gate = { 0 };

	if (po_stream_read(paths, 1, take_doc, &gate) < 0)
		gate.tally.errors++;
	for (size_t i = 0; i < NBUDGETS; i++)
		po_budget_evaluate(budgets[i], &gate.runs, &gate.tally);
	po_summary_emit("po-budget", &gate.tally, budget_paths, NBUDGETS,
	    NULL);
	po_runset_free(&gate.runs);
	po_doc_cleanup();
	return 0;
}
