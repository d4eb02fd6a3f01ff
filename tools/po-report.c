/* po-report: render the po stream for people and for CI systems. */
#include "config.h"

#include <argp.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cli.h"
#include "lib/msg.h"
#include "lib/stream-read.h"
#include "report/render.h"
#include "report/report.h"

struct args {
	po_render_fn render;
	bool gate;
	enum po_color color;
	size_t max_bytes;
	const char *metric;
	const char *subject;
	char **files;
	int nfiles;
};

enum { OPT_GATE = 0x100, OPT_COLOR, OPT_MAX_BYTES, OPT_METRIC, OPT_SUBJECT };

static const struct argp_option options[] = {
	{ "format", 'f', "FORMAT", 0,
	  "text (the default), markdown, junit, github, html or svg", 0 },
	{ "gate", OPT_GATE, NULL, 0,
	  "exit with the verdict: 0 pass or warn, 1 fail, 2 error or no "
	  "summary", 0 },
	{ "color", OPT_COLOR, "WHEN", OPTION_ARG_OPTIONAL,
	  "colour text output: auto (the default: on a terminal, unless "
	  "NO_COLOR is set), always or never", 1 },
	{ "max-bytes", OPT_MAX_BYTES, "N", 0,
	  "keep markdown output under N bytes, leaving out findings and then "
	  "passing checks (default 1048576, GitHub's step-summary limit; "
	  "0: no limit)", 1 },
	{ "metric", OPT_METRIC, "NAME", 0,
	  "show the history of metric NAME only (svg: the chart to draw)", 2 },
	{ "subject", OPT_SUBJECT, "SUBJECT", 0,
	  "show the history of SUBJECT only", 2 },
	{ NULL, 0, NULL, 0, NULL, 0 }
};

static const char program_doc[] =
    "Render a po stream: the verdict of its last summary, the checks that "
    "did not pass, the error documents and the findings ranked by "
    "estimated savings, regression checks before and after, and the history "
    "of each metric, as text, Markdown, JUnit XML, GitHub Actions workflow "
    "commands, an HTML page or an SVG chart."
    "\v"
    "Example:\n"
    "  po-lighthouse-parse lhr/*.json | po-budget -b lighthouserc.json "
    "| po-report -f markdown >> \"$GITHUB_STEP_SUMMARY\"";

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct args *args = state->input;
	char *end;

	switch (key) {
	case 'f':
		args->render = po_render_find(arg);
		if (args->render == NULL)
			argp_error(state, "unknown format '%s' (expected text, "
			    "markdown, junit, github, html or svg)", arg);
		break;
	case OPT_GATE:
		args->gate = true;
		break;
	case OPT_COLOR:
		if (po_color_parse(&args->color, arg) < 0)
			argp_error(state, "--color takes auto, always or never, "
			    "not '%s'", arg);
		break;
	case OPT_MAX_BYTES:
		errno = 0;
		args->max_bytes = strtoul(arg, &end, 10);
		if (*arg < '0' || *arg > '9' || *end != '\0' || errno != 0)
			argp_error(state, "--max-bytes takes a number of bytes, "
			    "not '%s'", arg);
		break;
	case OPT_METRIC:
		args->metric = arg;
		break;
	case OPT_SUBJECT:
		args->subject = arg;
		break;
	case ARGP_KEY_ARGS:
		args->files = state->argv + state->next;
		args->nfiles = state->argc - state->next;
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

/* The name of the input, for a message about all of it. */
static const char *
input_name(const struct args *args)
{
	if (args->nfiles > 1)
		return NULL;
	if (args->nfiles == 0 || strcmp(args->files[0], "-") == 0)
		return "<stdin>";
	return args->files[0];
}

int
main(int argc, char **argv)
{
	static const struct argp argp = { options, parse_opt, "[FILE...]",
		program_doc, NULL, NULL, NULL };
	struct args args = { po_render_text, false, PO_COLOR_AUTO, 1048576,
		NULL, NULL, NULL, 0 };
	struct po_render_opts opts;
	struct po_report *report;
	bool bad_input;

	po_cli_init(argv[0]);
	argp_parse(&argp, argc, argv, 0, NULL, &args);
	opts.color = po_color_use(args.color);
	opts.max_bytes = args.max_bytes;
	opts.metric = args.metric;
	opts.subject = args.subject;

	report = po_report_new();
	bad_input = po_stream_read(args.files, args.nfiles, po_report_add,
	    report) < 0 || po_status_get() == PO_BAD;
	if (report->ndocs == 0 && !bad_input)
		po_error(input_name(&args), 0, 0, "no po documents in the input");
	po_report_finish(report, bad_input);
	po_history_filter(report->history, args.metric, args.subject);
	/* A renderer that fails has said so and raised the status. */
	args.render(report, &opts);
	if (args.gate) {
		if (!report->summary.present && !bad_input && report->ndocs > 0)
			po_error(NULL, 0, 0, "no summary in the input: nothing to "
			    "gate on (did po-budget run?)");
		po_status_raise(po_report_exit(report));
	}
	po_report_free(report);
	return po_msg_finish();
}
