/* The first-parent history of a commit, newest first: the line a branch
 * such as main followed, one merge at a time. */
#ifndef PO_BASELINE_WALK_H
#define PO_BASELINE_WALK_H

#include <git2.h>

struct po_walk {
	git_repository *repo;
	git_commit *current;    /* the commit given out last */
	git_oid next;           /* the one to give out next */
	int has_next;
	git_oid *shallow;       /* what a shallow clone has without parents */
	size_t nshallow;
	int cut;                /* the walk ended at a shallow boundary */
	long ncommits;          /* commits given out so far */
};

/* Returns 0, or -1 after a message. */
int po_walk_start(struct po_walk *walk, git_repository *repo,
    const git_oid *start);

/* The next commit in *out: returns 1, 0 at the end of the history (the
 * root, or where a shallow clone's history stops, which sets walk->cut),
 * -1 after a message. */
int po_walk_next(git_oid *out, struct po_walk *walk);

/* Whether `id` is a commit whose parents the shallow clone lacks. */
int po_walk_is_shallow(const struct po_walk *walk, const git_oid *id);

/* Tells that the walk ended where a shallow clone stops, when it did. */
void po_walk_hint(const struct po_walk *walk);

void po_walk_end(struct po_walk *walk);

#endif
