#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "baseline/baseline.h"
#include "baseline/index.h"
#include "baseline/merge.h"
#include "baseline/note.h"
#include "baseline/store.h"
#include "lib/msg.h"

#define ABSORB_MAX_TRIES 50

static int
has_key(const struct po_note *note, const char *key)
{
	for (size_t i = 0; i < note->ndocs; i++)
		if (strcmp(note->docs[i].key, key) == 0)
			return 1;
	return 0;
}

/* Writes the merged note of `commit` as a blob.  Bad lines on either side
 * are reported and left out.  Returns 0, or -1 after a message. */
static int
merge_note(git_oid *out, git_repository *repo, const char *ref,
    const git_oid *commit, const git_oid *ours, const git_oid *theirs)
{
	struct po_note mine = { 0 };
	struct po_note other = { 0 };
	size_t nbad = 0;
	char *text = NULL;
	int ret = -1;

	if (po_baseline_load_blob(&mine, &nbad, 1, repo, ours, ref,
	    commit) < 0 || po_baseline_load_blob(&other, &nbad, 1, repo,
	    theirs, ref, commit) < 0)
		goto out;
	for (size_t i = 0; i < other.ndocs; i++)
		if (!has_key(&mine, other.docs[i].key))
			po_note_put(&mine, other.docs[i].key,
			    other.docs[i].text, other.docs[i].len);
	text = po_note_text(&mine);
	if (git_blob_create_from_buffer(out, repo, text, strlen(text)) < 0) {
		po_baseline_git_error("%s:%s: cannot write the merged note",
		    ref, git_oid_tostr_s(commit));
		goto out;
	}
	ret = 0;
out:
	free(text);
	po_note_clear(&mine);
	po_note_clear(&other);
	return ret;
}

static int
add_entry(git_treebuilder *tb, const git_oid *commit, const git_oid *blob)
{
	char name[GIT_OID_HEXSZ + 1];

	git_oid_tostr(name, sizeof(name), commit);
	if (git_treebuilder_insert(NULL, tb, name, blob,
	    GIT_FILEMODE_BLOB) < 0) {
		po_baseline_git_error("%s: cannot add the note", name);
		return -1;
	}
	return 0;
}

/* Fills `tb` with one entry per annotated commit of either side.  The tree
 * is flat: git and libgit2 read notes trees with or without fan-out. */
static int
fill_tree(git_treebuilder *tb, git_repository *repo, const char *ref,
    const struct po_index *ours, const struct po_index *theirs)
{
	for (size_t i = 0; i <= ours->mask; i++) {
		const struct po_index_slot *s = &ours->slots[i];
		const git_oid *other;
		git_oid merged;

		if (!s->used)
			continue;
		other = po_index_find(theirs, &s->commit);
		if (other == NULL || git_oid_equal(other, &s->blob)) {
			if (add_entry(tb, &s->commit, &s->blob) < 0)
				return -1;
			continue;
		}
		if (merge_note(&merged, repo, ref, &s->commit, &s->blob,
		    other) < 0 || add_entry(tb, &s->commit, &merged) < 0)
			return -1;
	}
	for (size_t i = 0; i <= theirs->mask; i++) {
		const struct po_index_slot *s = &theirs->slots[i];

		if (s->used && po_index_find(ours, &s->commit) == NULL &&
		    add_entry(tb, &s->commit, &s->blob) < 0)
			return -1;
	}
	return 0;
}

int
po_baseline_merge(git_oid *out, git_repository *repo, const char *ref,
    git_commit *local, git_commit *remote)
{
	struct po_index ours = { 0 };
	struct po_index theirs = { 0 };
	git_treebuilder *tb = NULL;
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_oid tree_id;
	const git_commit *parents[2] = { local, remote };
	int ret = -1;

	if (po_index_load(&ours, local, ref) < 0 ||
	    po_index_load(&theirs, remote, ref) < 0 ||
	    po_baseline_signature(&sig, repo) < 0)
		goto out;
	if (git_treebuilder_new(&tb, repo, NULL) < 0) {
		po_baseline_git_error("cannot build a notes tree");
		goto out;
	}
	if (fill_tree(tb, repo, ref, &ours, &theirs) < 0)
		goto out;
	if (git_treebuilder_write(&tree_id, tb) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0 ||
	    git_commit_create(out, repo, NULL, sig, sig, NULL,
	    "Notes merged by po-baseline\n", tree, 2, parents) < 0) {
		po_baseline_git_error("'%s': cannot write the merged notes",
		    ref);
		goto out;
	}
	ret = 0;
out:
	git_tree_free(tree);
	git_treebuilder_free(tb);
	git_signature_free(sig);
	po_index_clear(&ours);
	po_index_clear(&theirs);
	return ret;
}

/* One attempt of po_baseline_absorb: 0 done, 1 lost a race, -1 error. */
static int
absorb_once(git_repository *repo, const char *ref, const git_oid *theirs)
{
	git_commit *local = NULL;
	git_commit *remote = NULL;
	git_oid merged;
	const git_oid *target = theirs;
	int ret = -1;
	int have;

	have = po_baseline_notes_head(&local, repo, ref);
	if (have < 0)
		goto out;
	if (have == 0) {
		const git_oid *mine = git_commit_id(local);

		if (git_oid_equal(mine, theirs) ||
		    git_graph_descendant_of(repo, mine, theirs) == 1) {
			ret = 0;
			goto out;
		}
		if (git_graph_descendant_of(repo, theirs, mine) != 1) {
			if (git_commit_lookup(&remote, repo, theirs) < 0) {
				po_baseline_git_error("%s: cannot read the "
				    "fetched notes", git_oid_tostr_s(theirs));
				goto out;
			}
			if (po_baseline_merge(&merged, repo, ref, local,
			    remote) < 0)
				goto out;
			target = &merged;
		}
	}
	ret = po_baseline_ref_swap(repo, ref,
	    local ? git_commit_id(local) : NULL, target,
	    "po-baseline: merge fetched notes");
out:
	git_commit_free(local);
	git_commit_free(remote);
	return ret;
}

int
po_baseline_absorb(git_repository *repo, const char *ref,
    const git_oid *theirs)
{
	int got = -1;

	for (int attempt = 0; attempt < ABSORB_MAX_TRIES; attempt++) {
		got = absorb_once(repo, ref, theirs);
		if (got <= 0)
			break;
		po_baseline_backoff(attempt);
	}
	if (got > 0)
		po_error(NULL, 0, 0, "'%s': still moved by other writers after "
		    "%d tries", ref, ABSORB_MAX_TRIES);
	return got == 0 ? 0 : -1;
}
