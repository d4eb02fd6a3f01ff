/* po-lighthouse-parse: turn Lighthouse reports into the po stream. */
#include "config.h"

#include <argp.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "lib/cli.h"
#include "lib/input.h"
#include "lib/lhr-emit.h"
#include "lib/lhr.h"
#include "lib/msg.h"
#include "lib/parallel.h"
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

/* What one report gives: its documents, ready to be written. */
struct parsed {
	char *text;
	size_t len;
};

/* Runs on a worker thread: reads one report and writes its documents,
 * held back until their turn.  A report whose page could not be measured
 * is named here and written as an error document, so that a gate
 * downstream fails closed. */
static void *
parse_one(size_t index, void *ctx)
{
	const struct args *args = ctx;
	struct parsed *out = po_xcalloc(1, sizeof(*out));
	struct po_input *in;
	struct po_lhr *lhr = NULL;

	if (po_input_open(&in, args->files[index]) < 0)
		return out;
	if (po_lhr_read(&lhr, in) == 0 && lhr->runtime_code != NULL)
		po_error(po_input_name(in), 0, 0,
		    "Lighthouse could not measure '%s': %s: %s",
		    lhr->requested_url ? lhr->requested_url : "?",
		    lhr->runtime_code, lhr->runtime_message ?
		    lhr->runtime_message : "");
	po_input_free(in);
	if (lhr != NULL) {
		po_doc_capture_begin();
		po_lhr_emit(lhr, !args->no_findings);
		out->text = po_doc_capture_end(&out->len);
		po_lhr_free(lhr);
	}
	return out;
}

/* The size of each file, 0 for one that is not a regular file. */
static size_t *
file_sizes(char **files, int nfiles)
{
	size_t *sizes = po_xcalloc((size_t)nfiles, sizeof(*sizes));
	struct stat st;

	for (int i = 0; i < nfiles; i++)
		if (stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
			sizes[i] = (size_t)st.st_size;
	return sizes;
}

/* Runs on the main thread, in the order of the files. */
static void
write_one(size_t index, void *result, void *ctx)
{
	struct parsed *parsed = result;

	(void)index;
	(void)ctx;
	if (parsed->len > 0)
		fwrite(parsed->text, 1, parsed->len, stdout);
	free(parsed->text);
	free(parsed);
}

int
main(int argc, char **argv)
{
	static const struct argp argp = { options, parse_opt, "[FILE...]", program_doc,
		NULL, NULL, NULL };
	struct args args = { 0 };
	static char *stdin_only[] = { "-" };
	size_t *sizes;

	po_cli_init(argv[0]);
	argp_parse(&argp, argc, argv, 0, NULL, &args);
	if (args.nfiles == 0) {
		args.files = stdin_only;
		args.nfiles = 1;
	}
	/* Reports are parsed on every core, the largest first; the output is
	 * in file order. */
	sizes = file_sizes(args.files, args.nfiles);
	po_parallel_map_costed((size_t)args.nfiles, 0, sizes, parse_one,
	    write_one, &args);
	free(sizes);
	po_doc_cleanup();
	return po_msg_finish();
}
