/* po-budget: hold the measurements of the stream against budgets. */
#include "config.h"

#include <argp.h>
#include <stdlib.h>
#include <string.h>

#include "lib/budget.h"
#include "lib/check.h"
#include "lib/cli.h"
#include "lib/gate.h"
#include "lib/msg.h"
#include "lib/num.h"
#include "lib/regress-baseline.h"
#include "lib/runs.h"
#include "lib/stream-write.h"

#define DEFAULT_BUDGET PKGDATADIR "/default-budget.json"

/* Keys of the options without a short letter. */
enum { OPT_BASELINE = 0x100, OPT_ALPHA };

struct args {
	char **budget_paths;
	size_t nbudgets;
	const char *env;
	const char *baseline_path;
	struct po_regress_opts regress;
	char **files;
	int nfiles;
};

static const struct argp_option options[] = {
	{ "budget", 'b', "FILE", 0,
	  "a budget: po's format, a Lighthouse budget.json or a Lighthouse "
	  "CI config (repeatable; default: the installed default budget)", 0 },
	{ "env", 'e', "NAME", 0,
	  "apply the overrides for environment NAME of po budgets", 0 },
	{ NULL, 0, NULL, 0, "Comparison with a baseline:", 1 },
	{ "baseline", OPT_BASELINE, "FILE", 0,
	  "compare with the measurements of the po stream FILE, under the "
	  "\"change\" limits of po budgets", 1 },
	{ "alpha", OPT_ALPHA, "P", 0,
	  "count a change between repeated runs only when the Mann-Whitney "
	  "test's p-value is at most P (default 0.05)", 1 },
	{ "verbose", 'v', NULL, 0,
	  "name the metrics measured on one side only", 1 },
	{ NULL, 0, NULL, 0, NULL, 0 }
};

static const char program_doc[] =
    "Hold the measurements of a po stream against budgets: pass the stream "
    "through, add a check per limit and a summary, and exit 0 (pass), "
    "1 (a limit failed) or 2 (bad input)."
    "\v"
    "Example:\n"
    "  po-lighthouse-parse lhr/*.json | po-budget -b lighthouserc.json "
    "| po-report -f markdown";

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct args *args = state->input;

	switch (key) {
	case 'b':
		args->budget_paths = po_xrealloc(args->budget_paths,
		    (args->nbudgets + 1) * sizeof(char *));
		args->budget_paths[args->nbudgets++] = arg;
		break;
	case 'e':
		if (*arg == '\0')
			argp_error(state, "--env needs a name");
		args->env = arg;
		break;
	case OPT_BASELINE:
		args->baseline_path = arg;
		break;
	case OPT_ALPHA:
		if (po_num_parse(&args->regress.alpha, arg, strlen(arg)) < 0 ||
		    !(args->regress.alpha > 0 && args->regress.alpha < 1))
			argp_error(state, "--alpha needs a number between 0 and "
			    "1, not '%s'", arg);
		break;
	case 'v':
		args->regress.verbose = true;
		break;
	case ARGP_KEY_ARGS:
		args->files = state->argv + state->next;
		args->nfiles = state->argc - state->next;
		break;
	case ARGP_KEY_END:
		if (args->baseline_path && strcmp(args->baseline_path, "-") == 0)
			argp_error(state, "--baseline needs a file: the standard "
			    "input is the stream to check");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* A baseline with no limit on change to hold it to is a mistake: the
 * gate would pass every regression without a word. */
static int
load_baseline(struct po_runset *out, const struct args *args,
    struct po_budget *const *budgets)
{
	if (!po_budget_any_change(budgets, args->nbudgets)) {
		po_error(args->baseline_path, 0, 0, "no budget limits the "
		    "change of any metric: give a rule of a po budget a "
		    "\"change\"");
		return -1;
	}
	return po_regress_load_baseline(out, args->baseline_path);
}

int
main(int argc, char **argv)
{
	static const struct argp argp = { options, parse_opt, "[FILE...]", program_doc,
		NULL, NULL, NULL };
	static char *default_budget[] = { DEFAULT_BUDGET };
	struct args args = { .regress.alpha = PO_REGRESS_ALPHA };
	struct po_gate gate = { 0 };
	struct po_runset baseline = { 0 };
	struct po_budget **budgets = NULL;

	po_cli_init(argv[0]);
	argp_parse(&argp, argc, argv, 0, NULL, &args);
	if (args.nbudgets == 0) {
		args.budget_paths = default_budget;
		args.nbudgets = 1;
	}
	gate.input_name = args.nfiles == 0 ? "<stdin>" :
	    args.nfiles == 1 ? args.files[0] : "the inputs";
	if (po_budget_load_all(&budgets, args.budget_paths, args.nbudgets,
	    args.env) < 0 || (args.baseline_path &&
	    load_baseline(&baseline, &args, budgets) < 0)) {
		gate.tally.errors++;
	} else {
		po_gate_read(&gate, args.files, args.nfiles);
		/* With no measurement at all, the budgets have nothing to say
		 * beyond that; the checks of tools upstream still count. */
		if (gate.runs.nruns > 0) {
			po_runset_group(&gate.runs);
			for (size_t i = 0; i < args.nbudgets; i++)
				po_budget_evaluate(budgets[i], &gate.runs,
				    &gate.tally);
			for (size_t i = 0; args.baseline_path &&
			    i < args.nbudgets; i++)
				po_budget_compare(budgets[i], &baseline,
				    &gate.runs, &args.regress, &gate.tally);
		}
		po_gate_report_nothing_checked(&gate);
	}
	gate.tally.subjects = (int)gate.runs.ngroups;
	po_summary_emit("po-budget", &gate.tally, args.budget_paths,
	    args.nbudgets, NULL);
	po_status_raise(po_tally_exit(&gate.tally));
	po_budget_free_all(budgets, args.nbudgets);
	if (args.budget_paths != default_budget)
		free(args.budget_paths);
	po_runset_free(&gate.runs);
	po_runset_free(&baseline);
	po_doc_cleanup();
	return po_msg_finish();
}
