#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "baseline/baseline.h"
#include "baseline/index.h"
#include "lib/msg.h"

/* Object ids are uniformly distributed, so their first bytes are already a
 * good hash. */
static size_t
slot_of(const struct po_index *index, const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h & index->mask;
}

static void
insert(struct po_index *index, const git_oid *commit, const git_oid *blob)
{
	size_t i = slot_of(index, commit);

	while (index->slots[i].used &&
	    git_oid_cmp(&index->slots[i].commit, commit) != 0)
		i = (i + 1) & index->mask;
	if (!index->slots[i].used)
		index->count++;
	index->slots[i].used = 1;
	git_oid_cpy(&index->slots[i].commit, commit);
	git_oid_cpy(&index->slots[i].blob, blob);
}

static void
grow(struct po_index *index)
{
	struct po_index old = *index;
	size_t nslots = old.slots ? (old.mask + 1) * 2 : 64;

	index->slots = po_xcalloc(nslots, sizeof(*index->slots));
	index->mask = nslots - 1;
	index->count = 0;
	for (size_t i = 0; old.slots && i <= old.mask; i++)
		if (old.slots[i].used)
			insert(index, &old.slots[i].commit, &old.slots[i].blob);
	free(old.slots);
}

void
po_index_init(struct po_index *index)
{
	memset(index, 0, sizeof(*index));
	grow(index);
}

void
po_index_add(struct po_index *index, const git_oid *commit,
    const git_oid *blob)
{
	if (2 * (index->count + 1) > index->mask + 1)
		grow(index);
	insert(index, commit, blob);
}

int
po_index_load(struct po_index *out, git_commit *notes, const char *ref)
{
	git_note_iterator *it = NULL;
	git_oid blob;
	git_oid commit;
	int err;

	po_index_init(out);
	if (git_note_commit_iterator_new(&it, notes) < 0) {
		po_baseline_git_error("'%s': cannot list the notes", ref);
		return -1;
	}
	while ((err = git_note_next(&blob, &commit, it)) == 0)
		po_index_add(out, &commit, &blob);
	git_note_iterator_free(it);
	if (err != GIT_ITEROVER) {
		po_baseline_git_error("'%s': cannot list the notes", ref);
		return -1;
	}
	return 0;
}

const git_oid *
po_index_find(const struct po_index *index, const git_oid *commit)
{
	size_t i;

	if (index->slots == NULL)
		return NULL;
	for (i = slot_of(index, commit); index->slots[i].used;
	    i = (i + 1) & index->mask)
		if (git_oid_cmp(&index->slots[i].commit, commit) == 0)
			return &index->slots[i].blob;
	return NULL;
}

void
po_index_clear(struct po_index *index)
{
	free(index->slots);
	memset(index, 0, sizeof(*index));
}
