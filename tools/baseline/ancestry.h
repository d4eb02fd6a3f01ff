/* The merge base in a shallow clone.  libgit2 1.5 does not know where a
 * shallow history stops: its merge base walks past the boundary, fails on
 * the missing parents and leaks what it held. */
#ifndef PO_BASELINE_ANCESTRY_H
#define PO_BASELINE_ANCESTRY_H

#include <git2.h>

/* The nearest common ancestor of `one` and `two` within the history the
 * clone has: the first commit of `one`'s ancestry, in breadth-first order,
 * that is also an ancestor of `two`.  Returns 0, GIT_ENOTFOUND when the
 * two histories do not meet in the clone, -1 after a message. */
int po_shallow_merge_base(git_oid *out, git_repository *repo,
    const git_oid *one, const git_oid *two);

#endif
