#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline/baseline.h"
#include "baseline/stage.h"
#include "lib/msg.h"

static char *
join(const char *dir, const char *name)
{
	size_t size = strlen(dir) + strlen(name) + 2;
	char *path = po_xmalloc(size);

	snprintf(path, size, "%s%s%s", dir,
	    dir[strlen(dir) - 1] == '/' ? "" : "/", name);
	return path;
}

int
po_stage_open(struct po_stage *out, git_repository *repo, const char *ref)
{
	git_odb *odb = NULL;
	git_commit *notes = NULL;
	git_reference *staged = NULL;
	char *objects = NULL;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	out->dir = join(git_repository_commondir(repo),
	    "po-baseline-fetch.XXXXXX");
	if (mkdtemp(out->dir) == NULL) {
		po_error(out->dir, 0, 0, "cannot create: %s", strerror(errno));
		free(out->dir);
		out->dir = NULL;
		return -1;
	}
	objects = join(git_repository_commondir(repo), "objects");
	if (git_repository_init(&out->repo, out->dir, 1) < 0 ||
	    git_repository_odb(&odb, out->repo) < 0 ||
	    git_odb_add_disk_alternate(odb, objects) < 0) {
		po_baseline_git_error("%s: cannot prepare the fetch", out->dir);
		goto out;
	}
	if (po_baseline_notes_head(&notes, repo, ref) < 0)
		goto out;
	if (notes != NULL && git_reference_create(&staged, out->repo, ref,
	    git_commit_id(notes), 1, NULL) < 0) {
		po_baseline_git_error("%s: cannot prepare the fetch", out->dir);
		goto out;
	}
	ret = 0;
out:
	git_reference_free(staged);
	git_commit_free(notes);
	git_odb_free(odb);
	free(objects);
	return ret;
}

/* Moves the files of the stage's pack directory whose names end in
 * `suffix`.  Returns 0, or -1 after a message. */
static int
move_packs(const char *from, const char *to, const char *suffix)
{
	DIR *dir = opendir(from);
	struct dirent *e;
	int ret = 0;

	if (dir == NULL)
		return 0;
	while ((e = readdir(dir)) != NULL) {
		size_t n = strlen(e->d_name);
		char *src;
		char *dst;

		if (n <= strlen(suffix) ||
		    strcmp(e->d_name + n - strlen(suffix), suffix) != 0)
			continue;
		src = join(from, e->d_name);
		dst = join(to, e->d_name);
		if (rename(src, dst) < 0) {
			po_error(dst, 0, 0, "cannot move the fetched pack: %s",
			    strerror(errno));
			ret = -1;
		}
		free(src);
		free(dst);
	}
	closedir(dir);
	return ret;
}

int
po_stage_commit(struct po_stage *stage, git_repository *repo,
    const git_oid *want)
{
	char *from = join(stage->dir, "objects/pack");
	char *to = join(git_repository_commondir(repo), "objects/pack");
	git_odb *odb = NULL;
	int ret = -1;

	/* The pack goes first: a reader that sees an index expects its
	 * pack beside it. */
	if (move_packs(from, to, ".pack") < 0 ||
	    move_packs(from, to, ".rev") < 0 ||
	    move_packs(from, to, ".idx") < 0)
		goto out;
	if (git_repository_odb(&odb, repo) < 0 || git_odb_refresh(odb) < 0) {
		po_baseline_git_error("cannot read the fetched objects");
		goto out;
	}
	if (!git_odb_exists(odb, want)) {
		po_error(NULL, 0, 0, "%s: the fetch did not bring the notes",
		    git_oid_tostr_s(want));
		goto out;
	}
	ret = 0;
out:
	git_odb_free(odb);
	free(from);
	free(to);
	return ret;
}

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	remove(path);
	return 0;
}

void
po_stage_close(struct po_stage *stage)
{
	git_repository_free(stage->repo);
	if (stage->dir != NULL)
		nftw(stage->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(stage->dir);
	memset(stage, 0, sizeof(*stage));
}
