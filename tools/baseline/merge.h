/* The union of two notes commits: what two machines saved, none lost. */
#ifndef PO_BASELINE_MERGE_H
#define PO_BASELINE_MERGE_H

#include <git2.h>

/* Writes a notes commit whose parents are `local` and `remote` and whose
 * notes are those of both: a commit annotated on one side keeps its note,
 * and the notes of a commit annotated on both are merged document by
 * document, the local document winning when both hold the same key.
 * Returns 0 with the new commit in *out, or -1 after a message. */
int po_baseline_merge(git_oid *out, git_repository *repo, const char *ref,
    git_commit *local, git_commit *remote);

/* Brings `ref` up to date with the notes commit `theirs` (already in the
 * object database): fast-forwards it, or merges the two and moves the ref
 * by compare and swap, retrying when a local writer moved it meanwhile.
 * Returns 0, or -1 after a message. */
int po_baseline_absorb(git_repository *repo, const char *ref,
    const git_oid *theirs);

#endif
