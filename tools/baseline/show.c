/* po-baseline show: the stored documents of a commit, of its nearest
 * first-parent ancestor that has some, or of its merge base with a branch. */
#include "config.h"

#include "baseline/ancestry.h"
#include "baseline/baseline.h"
#include "baseline/index.h"
#include "baseline/note.h"
#include "baseline/store.h"
#include "baseline/walk.h"
#include "lib/msg.h"
#include "lib/stream-write.h"

/* The commit to start from: REV (default HEAD), or with --base its merge
 * base with BRANCH.  Returns 0, or -1 after a message. */
static int
starting_commit(git_oid *out, git_repository *repo,
    const struct po_baseline_args *args)
{
	const char *rev = args->noperands > 0 ? args->operands[0] : "HEAD";
	git_oid head;
	git_oid branch;
	int err;

	if (po_baseline_resolve(&head, repo, rev) < 0)
		return -1;
	if (args->base == NULL) {
		git_oid_cpy(out, &head);
		return 0;
	}
	if (po_baseline_resolve(&branch, repo, args->base) < 0)
		return -1;
	if (git_repository_is_shallow(repo))
		err = po_shallow_merge_base(out, repo, &head, &branch);
	else
		err = git_merge_base(out, repo, &head, &branch);
	if (err == GIT_ENOTFOUND) {
		po_error(NULL, 0, 0, "'%s' and '%s' have no common ancestor%s",
		    rev, args->base, git_repository_is_shallow(repo) ?
		    " in this shallow clone: fetch more of the history "
		    "(fetch-depth: 0 in actions/checkout)" : "");
		return -1;
	}
	if (err < 0) {
		po_baseline_git_error("cannot find the merge base of '%s' and "
		    "'%s'", rev, args->base);
		return -1;
	}
	return 0;
}

/* Prints the note; returns the number of documents printed. */
static size_t
print_note(const struct po_note *note)
{
	for (size_t i = 0; i < note->ndocs; i++)
		po_doc_passthrough(note->docs[i].text, note->docs[i].len);
	return note->ndocs;
}

/* Walks back from `start` to the first commit whose note holds a readable
 * document.  Returns 1 when printed, 0 when there is none, -1 on error. */
static int
show_nearest(git_repository *repo, git_commit *notes, const char *ref,
    const git_oid *start)
{
	struct po_index index = { 0 };
	struct po_walk walk = { 0 };
	const git_oid *blob;
	git_oid commit;
	int got = -1;

	if (po_index_load(&index, notes, ref) < 0 ||
	    po_walk_start(&walk, repo, start) < 0)
		goto out;
	while ((got = po_walk_next(&commit, &walk)) > 0) {
		struct po_note note = { 0 };
		size_t nbad = 0;
		size_t nshown;

		blob = po_index_find(&index, &commit);
		if (blob == NULL)
			continue;
		if (po_baseline_load_blob(&note, &nbad, 0, repo, blob, ref,
		    &commit) < 0)
			continue;
		nshown = print_note(&note);
		po_note_clear(&note);
		if (nshown > 0) {
			if (walk.ncommits > 1)
				po_warn(NULL, 0, 0, "the nearest baseline is "
				    "that of %s, %ld first-parent commit%s "
				    "back", git_oid_tostr_s(&commit),
				    walk.ncommits - 1,
				    walk.ncommits == 2 ? "" : "s");
			break;
		}
	}
	if (got == 0) {
		po_warn(NULL, 0, 0, "no baseline on the %ld commit%s of the "
		    "first-parent history of %s", walk.ncommits,
		    walk.ncommits == 1 ? "" : "s", git_oid_tostr_s(start));
		if (walk.cut)
			po_walk_hint(&walk);
		else
			po_baseline_hint_fetch(repo, ref);
	}
out:
	po_walk_end(&walk);
	po_index_clear(&index);
	return got;
}

int
po_baseline_show(git_repository *repo, const struct po_baseline_args *args)
{
	struct po_note note = { 0 };
	git_commit *notes = NULL;
	git_oid start;
	size_t nbad = 0;
	int found = 0;
	int have;

	if (starting_commit(&start, repo, args) < 0)
		goto out;
	have = po_baseline_notes_to_read(&notes, repo, args->ref);
	if (have != 0)
		goto out;
	if (args->nearest) {
		found = show_nearest(repo, notes, args->ref, &start);
	} else {
		found = po_baseline_load_note(&note, &nbad, 0, repo, notes,
		    args->ref, &start);
		if (found > 0 && print_note(&note) == 0)
			found = 0;
		if (found == 0 && nbad == 0) {
			po_warn(NULL, 0, 0, "no baseline for commit %s",
			    git_oid_tostr_s(&start));
			po_baseline_hint_fetch(repo, args->ref);
		}
	}
out:
	po_note_clear(&note);
	git_commit_free(notes);
	if (po_status_get() != PO_PASS || found < 0)
		return PO_BAD;
	return found > 0 ? PO_PASS : PO_FAIL;
}
