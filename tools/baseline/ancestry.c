#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "baseline/ancestry.h"
#include "baseline/baseline.h"
#include "baseline/index.h"
#include "baseline/walk.h"
#include "lib/msg.h"

struct queue {
	git_oid *ids;
	size_t head;
	size_t n;
	size_t cap;
};

static void
push(struct queue *q, const git_oid *id)
{
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 64;
		q->ids = po_xrealloc(q->ids, q->cap * sizeof(*q->ids));
	}
	git_oid_cpy(&q->ids[q->n++], id);
}

/* Visits the ancestry of `start` breadth first, each commit once, without
 * crossing the shallow boundary.  Returns 1 and the first commit that is in
 * `stop` (when `stop` is not NULL), 0 when there is none, -1 after a
 * message; every commit visited goes into `seen`. */
static int
visit(git_oid *out, git_repository *repo, const git_oid *start,
    struct po_index *seen, const struct po_index *stop,
    const struct po_walk *bounds)
{
	struct queue q = { 0 };
	int ret = 0;

	push(&q, start);
	po_index_add(seen, start, start);
	while (q.head < q.n) {
		git_oid id;
		git_commit *c = NULL;

		git_oid_cpy(&id, &q.ids[q.head++]);
		if (stop != NULL && po_index_find(stop, &id) != NULL) {
			git_oid_cpy(out, &id);
			ret = 1;
			break;
		}
		if (po_walk_is_shallow(bounds, &id))
			continue;
		if (git_commit_lookup(&c, repo, &id) < 0) {
			po_baseline_git_error("%s: cannot read the commit",
			    git_oid_tostr_s(&id));
			ret = -1;
			break;
		}
		for (unsigned i = 0; i < git_commit_parentcount(c); i++) {
			const git_oid *parent = git_commit_parent_id(c, i);

			if (po_index_find(seen, parent) == NULL) {
				po_index_add(seen, parent, parent);
				push(&q, parent);
			}
		}
		git_commit_free(c);
	}
	free(q.ids);
	return ret;
}

int
po_shallow_merge_base(git_oid *out, git_repository *repo,
    const git_oid *one, const git_oid *two)
{
	struct po_index of_two = { 0 };
	struct po_index of_one = { 0 };
	struct po_walk bounds;
	int got = -1;

	po_walk_start(&bounds, repo, two);
	po_index_init(&of_two);
	po_index_init(&of_one);
	if (visit(out, repo, two, &of_two, NULL, &bounds) < 0)
		goto out;
	got = visit(out, repo, one, &of_one, &of_two, &bounds);
out:
	po_walk_end(&bounds);
	po_index_clear(&of_one);
	po_index_clear(&of_two);
	if (got < 0)
		return -1;
	return got ? 0 : GIT_ENOTFOUND;
}
