#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "baseline/baseline.h"
#include "lib/msg.h"

void
po_baseline_git_error(const char *what_fmt, ...)
{
	const git_error *err = git_error_last();
	char what[512];
	va_list ap;

	va_start(ap, what_fmt);
	vsnprintf(what, sizeof(what), what_fmt, ap);
	va_end(ap);
	if (err != NULL && err->message != NULL)
		po_error(NULL, 0, 0, "%s: %s", what, err->message);
	else
		po_error(NULL, 0, 0, "%s", what);
}

int
po_baseline_repo_open(git_repository **out, const char *dir)
{
	const char *start = dir ? dir : ".";

	if (git_repository_open_ext(out, start, 0, NULL) < 0) {
		po_baseline_git_error("'%s': not in a git repository", start);
		return -1;
	}
	return 0;
}

int
po_baseline_resolve(git_oid *out, git_repository *repo, const char *rev)
{
	git_object *obj = NULL;
	git_object *commit = NULL;
	int ret = -1;

	if (git_revparse_single(&obj, repo, rev) < 0) {
		po_baseline_git_error("'%s': unknown revision", rev);
		goto out;
	}
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		po_baseline_git_error("'%s': not a commit", rev);
		goto out;
	}
	git_oid_cpy(out, git_object_id(commit));
	ret = 0;
out:
	git_object_free(commit);
	git_object_free(obj);
	return ret;
}

int
po_baseline_notes_head(git_commit **out, git_repository *repo,
    const char *ref)
{
	git_oid id;
	int err;

	*out = NULL;
	err = git_reference_name_to_id(&id, repo, ref);
	if (err == GIT_ENOTFOUND)
		return 1;
	if (err < 0) {
		po_baseline_git_error("'%s': cannot read the ref", ref);
		return -1;
	}
	if (git_commit_lookup(out, repo, &id) < 0) {
		po_baseline_git_error("'%s': not a notes commit", ref);
		return -1;
	}
	return 0;
}

int
po_baseline_signature(git_signature **out, git_repository *repo)
{
	if (git_signature_default(out, repo) == 0)
		return 0;
	if (git_signature_now(out, "po-baseline",
	    "po-baseline@localhost") < 0) {
		po_baseline_git_error("cannot make a signature");
		return -1;
	}
	return 0;
}

void
po_baseline_hint_fetch(git_repository *repo, const char *ref)
{
	po_warn(NULL, 0, 0, "hint: notes are not fetched by a clone: run "
	    "'po-baseline fetch' or 'git fetch origin %s:%s'",
	    ref, ref);
	if (git_repository_is_shallow(repo))
		po_warn(NULL, 0, 0, "hint: this is a shallow clone, whose "
		    "history stops early: fetch all of it ('git fetch "
		    "--unshallow', or fetch-depth: 0 in actions/checkout)");
}

int
po_baseline_notes_to_read(git_commit **out, git_repository *repo,
    const char *ref)
{
	int have = po_baseline_notes_head(out, repo, ref);

	if (have > 0) {
		po_warn(NULL, 0, 0, "no baseline: this repository has no "
		    "'%s'", ref);
		po_baseline_hint_fetch(repo, ref);
	}
	return have;
}
