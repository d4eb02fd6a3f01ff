/* Which commits have a note: read once from the notes tree, so that a walk
 * over a long history asks a hash table, not the tree, at every commit. */
#ifndef PO_BASELINE_INDEX_H
#define PO_BASELINE_INDEX_H

#include <stddef.h>
#include <git2.h>

struct po_index_slot {
	git_oid commit;
	git_oid blob;
	int used;
};

struct po_index {
	struct po_index_slot *slots;
	size_t mask;            /* slot count minus one, a power of two */
	size_t count;
};

/* Reads every note of the notes commit `notes`.  Returns 0, or -1 after a
 * message.  The caller clears *out with po_index_clear. */
int po_index_load(struct po_index *out, git_commit *notes, const char *ref);

/* An empty index, for po_index_add. */
void po_index_init(struct po_index *index);

/* Adds `commit` with `blob`, replacing what it held for `commit`. */
void po_index_add(struct po_index *index, const git_oid *commit,
    const git_oid *blob);

/* The blob of the note of `commit`, borrowed from the index, or NULL. */
const git_oid *po_index_find(const struct po_index *index,
    const git_oid *commit);

void po_index_clear(struct po_index *index);

#endif
