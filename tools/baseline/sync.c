/* po-baseline fetch and push: the notes ref travels with the repository's
 * remotes, and concurrent writers on many machines merge rather than
 * overwrite each other. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "baseline/baseline.h"
#include "baseline/merge.h"
#include "baseline/remote.h"
#include "baseline/store.h"
#include "lib/msg.h"

static const char *
remote_name(const struct po_baseline_args *args)
{
	return args->noperands > 0 ? args->operands[0] :
	    PO_BASELINE_DEFAULT_REMOTE;
}

/* Fetches the remote's notes and merges them into ours.  Returns 0, or -1
 * after a message. */
static int
fetch_and_merge(git_repository *repo, struct po_remote *r, const char *ref)
{
	git_oid theirs;
	int got = po_remote_fetch_ref(&theirs, r, repo, ref);

	if (got == 0)
		po_warn(NULL, 0, 0, "'%s' has no '%s' yet", r->shown, ref);
	if (got <= 0)
		return got;
	return po_baseline_absorb(repo, ref, &theirs);
}

int
po_baseline_fetch(git_repository *repo, const struct po_baseline_args *args)
{
	struct po_remote r;
	int ret = PO_BAD;

	if (po_remote_open(&r, repo, remote_name(args)) == 0 &&
	    fetch_and_merge(repo, &r, args->ref) == 0)
		ret = PO_PASS;
	po_remote_close(&r);
	return ret;
}

static int
on_update(const char *refname, const char *status, void *payload)
{
	struct po_remote *r = payload;

	if (status != NULL) {
		r->rejected = 1;
		snprintf(r->reason, sizeof(r->reason), "%s", status);
	}
	return 0;
}

/* One push: 0 pushed, 1 refused because the remote's ref moved since it
 * was fetched (or another push holds its lock), -1 error. */
static int
push_once(struct po_remote *r, const char *ref)
{
	git_push_options opts;
	char spec[1024];
	char *specs[1] = { spec };
	git_strarray refspecs = { specs, 1 };
	int err;

	snprintf(spec, sizeof(spec), "%s:%s", ref, ref);
	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	po_remote_callbacks(&opts.callbacks, r);
	opts.callbacks.push_update_reference = on_update;
	opts.custom_headers = r->headers;
	r->rejected = 0;
	r->ncredential_calls = 0;
	err = git_remote_push(r->remote, &refspecs, &opts);
	if (err == GIT_ENONFASTFORWARD)
		return 1;
	if (err < 0) {
		po_baseline_git_error("'%s': cannot push '%s'", r->shown, ref);
		return -1;
	}
	return r->rejected;
}

int
po_baseline_push(git_repository *repo, const struct po_baseline_args *args)
{
	struct po_remote r;
	git_commit *notes = NULL;
	int tries = args->tries ? args->tries : PO_BASELINE_DEFAULT_TRIES;
	int got = -1;
	int attempt;

	if (po_remote_open(&r, repo, remote_name(args)) < 0)
		goto out;
	got = po_baseline_notes_head(&notes, repo, args->ref);
	if (got != 0) {
		if (got > 0)
			po_error(NULL, 0, 0, "'%s': nothing to push: save a "
			    "baseline first", args->ref);
		got = -1;
		goto out;
	}
	for (attempt = 0; attempt < tries; attempt++) {
		got = push_once(&r, args->ref);
		if (got <= 0)
			break;
		/* Another job pushed first: take its notes into ours and
		 * push the union. */
		po_baseline_backoff(attempt);
		if (fetch_and_merge(repo, &r, args->ref) < 0) {
			got = -1;
			break;
		}
	}
	if (got > 0)
		po_error(NULL, 0, 0, "'%s': push to '%s' still refused after "
		    "%d tries%s%s", args->ref, r.shown, tries,
		    r.reason[0] ? ": " : "", r.reason);
out:
	git_commit_free(notes);
	po_remote_close(&r);
	return got == 0 ? PO_PASS : PO_BAD;
}
