/* po-k6-check: hold k6's outputs to k6's thresholds, with k6's numbers. */
#include "config.h"

#include <argp.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/k6-gate.h"
#include "lib/k6-time.h"
#include "lib/msg.h"
#include "lib/stream-write.h"

#define DEFAULT_STATS "avg,min,med,max,p(90),p(95),p(99),count"

enum { OPT_APPROX = 256, OPT_NO_INPUT_THRESHOLDS, OPT_SUBJECT };

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Thresholds:", 1 },
	{ "threshold", 't', "'METRIC: EXPR'", 0,
	  "a threshold in k6's grammar, e.g. 'http_req_duration{status:200}: "
	  "p(95)<200' (repeatable)", 1 },
	{ "thresholds", 'T', "FILE", 0,
	  "thresholds in k6's options.thresholds shape, or k6 options "
	  "holding them (repeatable)", 1 },
	{ "no-input-thresholds", OPT_NO_INPUT_THRESHOLDS, NULL, 0,
	  "ignore the thresholds recorded in the inputs", 1 },
	{ NULL, 0, NULL, 0, "What to compute from raw points:", 2 },
	{ "duration", 'd', "SECONDS", 0,
	  "the test run's duration, for Counter rates (default: first to "
	  "last point)", 2 },
	{ "window", 'w', "DURATION", 0,
	  "hold each threshold in every window of this length (30s, 1m)", 2 },
	{ "approx", OPT_APPROX, NULL, 0,
	  "percentiles from a histogram within 0.1 %, in constant memory", 2 },
	{ "metric", 'm', "NAME", 0,
	  "also report this metric or sub-metric in full (repeatable)", 2 },
	{ "summary-trend-stats", 's', "LIST", 0,
	  "the Trend aggregates to report (default " DEFAULT_STATS ")", 2 },
	{ "jobs", 'j', "N", 0, "threads to parse with (default: every core)",
	  2 },
	{ NULL, 0, NULL, 0, "Output:", 3 },
	{ "subject", OPT_SUBJECT, "NAME", 0,
	  "the subject of the documents (default: the input's name)", 3 },
	{ NULL, 0, NULL, 0, NULL, 0 }
};

static const char program_doc[] =
    "Read k6's outputs (--summary-export, handleSummary data, --out json "
    "points, plain or gzipped; several point files are one run), write "
    "k6's numbers as po metrics and a check per threshold, and exit 0 "
    "(all held), 1 (one crossed: k6 exits 99) or 2 (bad input)."
    "\v"
    "Examples:\n"
    "  po-k6-check summary.json\n"
    "  po-k6-check -t 'http_req_duration: p(95)<200' gen-*/points.json.gz\n"
    "  po-lighthouse-parse lhr.json | po-k6-check k6.json | po-budget";

static void
add_to(char ***list, size_t *n, char *item)
{
	*list = po_xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = item;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct po_k6_gate *gate = state->input;
	static int nthreshold_args;
	char *end;
	long jobs;

	switch (key) {
	case 't':
		if (po_k6_thresholds_add_arg(&gate->thresholds, arg,
		    ++nthreshold_args) < 0)
			exit(PO_BAD);
		break;
	case 'T':
		if (po_k6_thresholds_load(&gate->thresholds, arg) < 0)
			exit(PO_BAD);
		add_to(&gate->threshold_files, &gate->nthreshold_files, arg);
		break;
	case OPT_NO_INPUT_THRESHOLDS:
		gate->input_thresholds = false;
		gate->pass.input_thresholds = false;
		break;
	case 'd':
		if (po_k6_duration_parse(&gate->pass.duration_ns, arg) < 0 ||
		    gate->pass.duration_ns == 0)
			argp_error(state, "--duration '%s': expected seconds "
			    "(20.285441779) or a duration (20285ms, 2m)", arg);
		break;
	case 'w':
		if (po_k6_duration_parse(&gate->pass.window_ns, arg) < 0 ||
		    gate->pass.window_ns < 1000000)
			argp_error(state, "--window '%s': expected a duration "
			    "of at least 1ms (30s, 1m)", arg);
		break;
	case OPT_APPROX:
		gate->pass.approx = true;
		break;
	case 'm':
		add_to(&gate->metrics, &gate->nmetrics, arg);
		break;
	case 's':
		if (po_k6_gate_stats(gate, arg) < 0)
			exit(PO_BAD);
		break;
	case 'j':
		jobs = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || jobs < 0 || jobs > 1024)
			argp_error(state, "--jobs '%s': expected a number of "
			    "threads (0 for every core)", arg);
		gate->pass.threads = (unsigned)jobs;
		break;
	case OPT_SUBJECT:
		gate->subject = arg;
		break;
	case ARGP_KEY_ARG:
		add_to(&gate->inputs, &gate->ninputs, arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct argp argp = { options, parse_opt, "[FILE...]",
		program_doc, NULL, NULL, NULL };
	struct po_k6_gate gate = { 0 };

	po_cli_init(argv[0]);
	gate.input_thresholds = true;
	gate.pass.input_thresholds = true;
	po_k6_gate_stats(&gate, DEFAULT_STATS);
	argp_parse(&argp, argc, argv, 0, NULL, &gate);
	po_k6_gate_run(&gate);
	po_k6_gate_free(&gate);
	po_doc_cleanup();
	return po_msg_finish();
}
