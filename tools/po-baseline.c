/* po-baseline: keep measurements in git, as notes on the commits they
 * measured, and read them back as baselines and history. */
#include "config.h"

#include <argp.h>
#include <stdlib.h>
#include <string.h>

#include "baseline/baseline.h"
#include "lib/cli.h"
#include "lib/msg.h"

enum { OPT_REF = 256, OPT_COMMIT, OPT_NEAREST, OPT_BASE, OPT_METRIC,
	OPT_SUBJECT, OPT_TRIES };

static const struct argp_option options[] = {
	{ NULL, 'C', "DIR", 0, "the repository at or above DIR", 1 },
	{ "ref", OPT_REF, "REF", 0, "the notes ref (refs/notes/po)", 1 },
	{ "commit", OPT_COMMIT, "REV", 0, "save: the commit measured "
	  "(default: HEAD)", 2 },
	{ "nearest", OPT_NEAREST, NULL, 0, "show: the nearest first-parent "
	  "ancestor that has a baseline", 3 },
	{ "base", OPT_BASE, "BRANCH", 0, "show: start from the merge base "
	  "with BRANCH", 3 },
	{ "metric", OPT_METRIC, "NAME", 0, "log: keep only this metric", 4 },
	{ "subject", OPT_SUBJECT, "PATTERN", 0, "log: only subjects that "
	  "match this glob", 4 },
	{ NULL, 'n', "N", 0, "log: the last N commits that have data", 4 },
	{ "tries", OPT_TRIES, "N", 0, "push: attempts before giving up "
	  "(default: 10)", 5 },
	{ NULL, 0, NULL, 0, NULL, 0 }
};

static const char program_doc[] =
    "Keep the measurements of a po stream in git, as notes on the commit "
    "they measured, and read them back: the baseline of a commit, of its "
    "nearest ancestor or of a merge base, and the history of a metric."
    "\v"
    "Commands: save [FILE...], show [REV], log [REV], push [REMOTE], fetch "
    "[REMOTE].\n"
    "Example:\n"
    "  po-baseline show --base origin/main > base.json";

/* The command of an option given with another command, or NULL. */
static const char *
misplaced(const struct po_baseline_args *a)
{
	const char *c = a->command;

	if (a->commit && strcmp(c, "save") != 0)
		return "save";
	if ((a->nearest || a->base) && strcmp(c, "show") != 0)
		return "show";
	if ((a->metric || a->subject || a->limit) && strcmp(c, "log") != 0)
		return "log";
	return a->tries && strcmp(c, "push") != 0 ? "push" : NULL;
}

static long
count_arg(struct argp_state *state, const char *arg, const char *name)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (*arg == '\0' || *end != '\0' || n < 1 || n > 1000000)
		argp_error(state, "%s: '%s' is not a count from 1", name, arg);
	return n;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct po_baseline_args *args = state->input;

	switch (key) {
	case 'C': args->repo_dir = arg; break;
	case OPT_REF:
		if (strncmp(arg, "refs/", 5) != 0)
			argp_error(state, "--ref: '%s' does not start with "
			    "refs/", arg);
		args->ref = arg;
		break;
	case OPT_COMMIT: args->commit = arg; break;
	case OPT_NEAREST: args->nearest = 1; break;
	case OPT_BASE: args->base = arg; break;
	case OPT_METRIC: args->metric = arg; break;
	case OPT_SUBJECT: args->subject = arg; break;
	case 'n': args->limit = count_arg(state, arg, "-n"); break;
	case OPT_TRIES:
		args->tries = (int)count_arg(state, arg, "--tries");
		break;
	case ARGP_KEY_ARGS:
		args->command = state->argv[state->next];
		args->operands = state->argv + state->next + 1;
		args->noperands = state->argc - state->next - 1;
		break;
	case ARGP_KEY_END:
		if (args->command == NULL)
			argp_error(state, "no command: save, show, log, push "
			    "or fetch");
		if (misplaced(args) != NULL)
			argp_error(state, "an option of '%s' given to '%s'",
			    misplaced(args), args->command);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct command {
	const char *name;
	int (*run)(git_repository *, const struct po_baseline_args *);
	int max_operands;               /* -1: any number */
} commands[] = {
	{ "save", po_baseline_save, -1 }, { "show", po_baseline_show, 1 },
	{ "log", po_baseline_log, 1 }, { "push", po_baseline_push, 1 },
	{ "fetch", po_baseline_fetch, 1 }, { NULL, NULL, 0 }
};

int
main(int argc, char **argv)
{
	static const struct argp argp = { options, parse_opt,
		"COMMAND [ARG...]", program_doc, NULL, NULL, NULL };
	struct po_baseline_args args = { .ref = PO_BASELINE_DEFAULT_REF };
	const struct command *cmd = commands;
	git_repository *repo = NULL;

	po_cli_init(argv[0]);
	argp_parse(&argp, argc, argv, 0, NULL, &args);
	while (cmd->name != NULL && strcmp(args.command, cmd->name) != 0)
		cmd++;
	if (cmd->name == NULL)
		po_error(NULL, 0, 0, "unknown command '%s': save, show, log, "
		    "push or fetch", args.command);
	else if (cmd->max_operands >= 0 && args.noperands > cmd->max_operands)
		po_error(NULL, 0, 0, "%s: too many arguments", args.command);
	if (po_status_get() != PO_PASS)
		return po_msg_finish();
	git_libgit2_init();
	/* Objects are read once: a cache would only grow (90 MB a walk). */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	if (po_baseline_repo_open(&repo, args.repo_dir) == 0)
		po_status_raise(cmd->run(repo, &args));
	git_repository_free(repo);
	git_libgit2_shutdown();
	return po_msg_finish();
}
