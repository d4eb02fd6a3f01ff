#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "baseline/baseline.h"
#include "baseline/store.h"
#include "lib/msg.h"

/* Writers of one commit race for the ref; past this many lost races in a
 * row something else is wrong (a ref that cannot be locked for good). */
#define STORE_MAX_TRIES 200

int
po_baseline_load_blob(struct po_note *note, size_t *nbad, int lenient,
    git_repository *repo, const git_oid *blob_id, const char *ref,
    const git_oid *commit)
{
	char where[GIT_OID_HEXSZ + 512];
	git_blob *blob = NULL;
	git_object_size_t size;

	snprintf(where, sizeof(where), "%s:%s", ref, git_oid_tostr_s(commit));
	if (git_blob_lookup(&blob, repo, blob_id) < 0) {
		po_baseline_git_error("%s: cannot read the note", where);
		return -1;
	}
	size = git_blob_rawsize(blob);
	if (size > PO_NOTE_MAX_BYTES) {
		po_error(where, 0, 0, "note larger than %lu bytes",
		    PO_NOTE_MAX_BYTES);
		git_blob_free(blob);
		return -1;
	}
	*nbad += po_note_load(note, lenient, where, git_blob_rawcontent(blob),
	    (size_t)size);
	git_blob_free(blob);
	return 0;
}

int
po_baseline_load_note(struct po_note *note, size_t *nbad, int lenient,
    git_repository *repo, git_commit *notes, const char *ref,
    const git_oid *commit)
{
	git_note *found = NULL;
	int err;

	if (notes == NULL)
		return 0;
	err = git_note_commit_read(&found, repo, notes, commit);
	if (err == GIT_ENOTFOUND)
		return 0;
	if (err < 0) {
		po_baseline_git_error("%s:%s: cannot read the note", ref,
		    git_oid_tostr_s(commit));
		return -1;
	}
	err = po_baseline_load_blob(note, nbad, lenient, repo,
	    git_note_id(found), ref, commit);
	git_note_free(found);
	return err < 0 ? -1 : 1;
}

void
po_baseline_backoff(int attempt)
{
	static int seeded;
	struct timespec ts;
	long cap_us = 1000L << (attempt < 6 ? attempt : 6);

	if (!seeded) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		srand((unsigned)(ts.tv_nsec ^ getpid()));
		seeded = 1;
	}
	usleep((useconds_t)(rand() % cap_us));
}

int
po_baseline_ref_swap(git_repository *repo, const char *ref,
    const git_oid *old, const git_oid *new_id, const char *why)
{
	git_reference *moved = NULL;
	git_oid none;
	int err;

	/* A ref that must not exist yet is expected at the zero id, which
	 * libgit2 checks under the ref's lock; git_reference_create with
	 * force off checks before taking the lock, and two writers that
	 * both found no ref would both succeed, the second erasing the
	 * first. */
	if (old == NULL) {
		memset(&none, 0, sizeof(none));
		old = &none;
	}
	err = git_reference_create_matching(&moved, repo, ref, new_id, 1, old,
	    why);
	git_reference_free(moved);
	if (err == GIT_EMODIFIED || err == GIT_EEXISTS || err == GIT_ELOCKED)
		return 1;
	if (err < 0) {
		po_baseline_git_error("'%s': cannot update the ref", ref);
		return -1;
	}
	return 0;
}

/* One attempt: returns 0 when stored, 1 when another writer moved the ref
 * since it was read, -1 after a message. */
static int
store_once(git_repository *repo, const char *ref, const git_oid *commit,
    const struct po_note *add, const git_signature *sig)
{
	struct po_note merged = { 0 };
	git_commit *notes = NULL;
	git_oid new_notes;
	git_oid blob;
	size_t nbad = 0;
	char *text = NULL;
	int ret = -1;
	int have;

	have = po_baseline_notes_head(&notes, repo, ref);
	if (have < 0)
		goto out;
	if (po_baseline_load_note(&merged, &nbad, 1, repo, notes, ref,
	    commit) < 0)
		goto out;
	if (nbad > 0)
		po_warn(NULL, 0, 0, "%s:%s: %zu unreadable line%s of the note "
		    "dropped", ref, git_oid_tostr_s(commit), nbad,
		    nbad == 1 ? "" : "s");
	for (size_t i = 0; i < add->ndocs; i++)
		po_note_put(&merged, add->docs[i].key, add->docs[i].text,
		    add->docs[i].len);
	text = po_note_text(&merged);
	if (git_note_commit_create(&new_notes, &blob, repo, notes, sig, sig,
	    commit, text, 1) < 0) {
		po_baseline_git_error("%s:%s: cannot write the note", ref,
		    git_oid_tostr_s(commit));
		goto out;
	}
	ret = po_baseline_ref_swap(repo, ref,
	    notes ? git_commit_id(notes) : NULL, &new_notes,
	    "po-baseline: save");
out:
	free(text);
	po_note_clear(&merged);
	git_commit_free(notes);
	return ret;
}

int
po_baseline_store(git_repository *repo, const char *ref,
    const git_oid *commit, const struct po_note *add)
{
	git_signature *sig = NULL;
	int got = -1;

	if (po_baseline_signature(&sig, repo) < 0)
		return -1;
	for (int attempt = 0; attempt < STORE_MAX_TRIES; attempt++) {
		got = store_once(repo, ref, commit, add, sig);
		if (got <= 0)
			break;
		po_baseline_backoff(attempt);
	}
	if (got > 0)
		po_error(NULL, 0, 0, "'%s': still moved by other writers after "
		    "%d tries; nothing saved", ref, STORE_MAX_TRIES);
	git_signature_free(sig);
	return got == 0 ? 0 : -1;
}
