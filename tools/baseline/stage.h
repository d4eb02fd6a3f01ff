/* A staging repository for a fetch: an empty bare repository inside the
 * real one's git directory, which borrows its objects and knows only its
 * notes ref.  libgit2 (before 1.7) offers every local ref in the fetch
 * negotiation and fails on the missing parents of a shallow clone; the
 * stage offers only the notes history, which is always whole. */
#ifndef PO_BASELINE_STAGE_H
#define PO_BASELINE_STAGE_H

#include <git2.h>

struct po_stage {
	git_repository *repo;   /* the staging repository */
	char *dir;              /* its directory, removed at the end */
};

/* Creates the stage for fetching `ref` into `repo`.  Returns 0, or -1
 * after a message.  po_stage_close removes it in every case. */
int po_stage_open(struct po_stage *out, git_repository *repo,
    const char *ref);

/* Moves the packs the fetch wrote into `repo`'s object database and checks
 * that `want` arrived.  Returns 0, or -1 after a message. */
int po_stage_commit(struct po_stage *stage, git_repository *repo,
    const git_oid *want);

void po_stage_close(struct po_stage *stage);

#endif
