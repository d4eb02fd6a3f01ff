#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline/baseline.h"
#include "baseline/walk.h"
#include "lib/msg.h"

/* Reads the ids of .git/shallow, the commits a shallow clone has without
 * their parents.  libgit2 1.5 does not know of them and reports the
 * parents as missing objects, so the walk must stop there itself. */
static void
load_shallow(struct po_walk *walk)
{
	const char *dir = git_repository_commondir(walk->repo);
	char *path = po_xmalloc(strlen(dir) + sizeof("/shallow"));
	char line[128];
	FILE *f;

	sprintf(path, "%s/shallow", dir);
	f = fopen(path, "r");
	free(path);
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		git_oid id;

		line[strcspn(line, "\r\n")] = '\0';
		if (git_oid_fromstr(&id, line) < 0)
			continue;
		walk->shallow = po_xrealloc(walk->shallow,
		    (walk->nshallow + 1) * sizeof(git_oid));
		git_oid_cpy(&walk->shallow[walk->nshallow++], &id);
	}
	fclose(f);
}

int
po_walk_is_shallow(const struct po_walk *walk, const git_oid *id)
{
	for (size_t i = 0; i < walk->nshallow; i++)
		if (git_oid_equal(&walk->shallow[i], id))
			return 1;
	return 0;
}

int
po_walk_start(struct po_walk *walk, git_repository *repo,
    const git_oid *start)
{
	memset(walk, 0, sizeof(*walk));
	walk->repo = repo;
	git_oid_cpy(&walk->next, start);
	walk->has_next = 1;
	if (git_repository_is_shallow(repo))
		load_shallow(walk);
	return 0;
}

int
po_walk_next(git_oid *out, struct po_walk *walk)
{
	git_commit *commit = NULL;

	if (!walk->has_next)
		return 0;
	if (git_commit_lookup(&commit, walk->repo, &walk->next) < 0) {
		po_baseline_git_error("%s: the history stops after %ld "
		    "commit%s", git_oid_tostr_s(&walk->next), walk->ncommits,
		    walk->ncommits == 1 ? "" : "s");
		return -1;
	}
	git_commit_free(walk->current);
	walk->current = commit;
	git_oid_cpy(out, &walk->next);
	walk->ncommits++;
	walk->has_next = 0;
	if (po_walk_is_shallow(walk, out)) {
		walk->cut = 1;
	} else if (git_commit_parentcount(commit) > 0) {
		git_oid_cpy(&walk->next, git_commit_parent_id(commit, 0));
		walk->has_next = 1;
	}
	return 1;
}

void
po_walk_hint(const struct po_walk *walk)
{
	if (walk->cut)
		po_warn(NULL, 0, 0, "hint: the history of this shallow clone "
		    "stops at %s: fetch more of it ('git fetch --unshallow', "
		    "or fetch-depth: 0 in actions/checkout)",
		    git_oid_tostr_s(git_commit_id(walk->current)));
}

void
po_walk_end(struct po_walk *walk)
{
	git_commit_free(walk->current);
	free(walk->shallow);
	memset(walk, 0, sizeof(*walk));
}
