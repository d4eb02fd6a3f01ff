/* po-lighthouse-parse: turn Lighthouse reports into the po stream. */
#include "config.h"

#include <argp.h>
#include <stdlib.h>

#include "lib/cli.h"
#include "lib/input.h"
#include "lib/lhr-emit.h"
#include "lib/lhr.h"
#include "lib/msg.h"
#include "lib/stream-write.h"

struct args {
	char **files;
	int nfiles;
	int no_findings;
};

enum { OPT_NO_FINDINGS = 0x100 };

static const struct argp_option options[] = {
	{ "no-findings", OPT_NO_FINDINGS, NULL, 0,
	  "write metrics only, no finding documents", 0 },
	{ NULL, 0, NULL, 0, NULL, 0 }
};

static const char program_doc[] =
    "Read Lighthouse JSON reports (Lighthouse 9 to 13) and write the po "
    "stream: a metrics document per report, a finding per failed "
    "opportunity or diagnostic, and an error document for a page that "
    "could not be measured."
    "\v"
    "Example:\n"
    "  po-lighthouse-parse .lighthouseci/lhr-*.json | po-budget -b "
    "lighthouserc.json | po-report -f markdown";

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct args *args = state->input;

	switch (key) {
	case OPT_NO_FINDINGS:
		args->no_findings = 1;
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

/* A report whose page could not be measured is written as an error
 * document, so that a gate downstream fails closed, and is named here. */
static void
parse_one(const char *path, const struct args *args)
{
	struct po_input *in;
	struct po_lhr *lhr;

	if (po_input_open(&in, path) < 0)
		return;
	if (po_lhr_read(&lhr, in) == 0) {
		if (lhr->runtime_code != NULL)
			po_error(po_input_name(in), 0, 0,
			    "Lighthouse could not measure '%s': %s: %s",
			    lhr->requested_url ? lhr->requested_url : "?",
			    lhr->runtime_code, lhr->runtime_message ?
			    lhr->runtime_message : "");
		po_lhr_emit(lhr, !args->no_findings);
		po_lhr_free(lhr);
	}
	po_input_free(in);
}

int
main(int argc, char **argv)
{
	static const struct argp argp = { options, parse_opt, "[FILE...]", program_doc,
		NULL, NULL, NULL };
	struct args args = { 0 };
	static char *stdin_only[] = { "-" };

	po_cli_init(argv[0]);
	argp_parse(&argp, argc, argv, 0, NULL, &args);
	if (args.nfiles == 0) {
		args.files = stdin_only;
		args.nfiles = 1;
	}
	for (int i = 0; i < args.nfiles; i++)
		parse_one(args.files[i], &args);
	po_doc_cleanup();
	return po_msg_finish();
}
