/* po-baseline log: the stored measurements along first-parent history,
 * oldest first, each tagged with its commit, for po-report to draw. */
#include "config.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "baseline/baseline.h"
#include "baseline/emit.h"
#include "baseline/index.h"
#include "baseline/note.h"
#include "baseline/store.h"
#include "baseline/walk.h"
#include "lib/json-val.h"
#include "lib/msg.h"

/* The documents of one commit, ready to print: the walk goes newest first
 * and the output oldest first, so they wait until the walk ends. */
struct chunks {
	char **texts;
	size_t n;
	size_t cap;
};

static void
chunks_add(struct chunks *c, char *text)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->texts = po_xrealloc(c->texts, c->cap * sizeof(char *));
	}
	c->texts[c->n++] = text;
}

static void
format_time(char *out, size_t size, git_time_t when)
{
	time_t t = (time_t)when;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Generates one stored document, tagged, when it passes the filters.
 * Returns 1 when it was written to `gen`, 0 when filtered out. */
static int
gen_doc(yajl_gen gen, const struct po_note_doc *stored,
    const struct po_baseline_args *args, const char *hex, const char *when)
{
	yajl_val doc = yajl_tree_parse(stored->text, NULL, 0);
	const char *subject = po_val_string(doc, "subject");
	int written = 0;

	/* The note was checked when it was loaded: a NULL here would be a
	 * document that changed in memory, and is skipped all the same. */
	if (doc != NULL && subject != NULL && (args->subject == NULL ||
	    fnmatch(args->subject, subject, 0) == 0))
		written = po_emit_tagged(gen, doc, args->metric, hex,
		    when) == 0;
	yajl_tree_free(doc);
	return written;
}

/* The lines of one commit, or NULL when none passes the filters or the
 * commit cannot be read (after a message).  The caller frees them. */
static char *
commit_lines(git_repository *repo, const git_oid *commit,
    const struct po_note *note, const struct po_baseline_args *args)
{
	git_commit *c = NULL;
	yajl_gen gen;
	const unsigned char *buf;
	size_t len;
	char hex[GIT_OID_HEXSZ + 1];
	char when[32];
	char *text = NULL;
	size_t text_len = 0;

	git_oid_tostr(hex, sizeof(hex), commit);
	if (git_commit_lookup(&c, repo, commit) < 0) {
		po_baseline_git_error("%s: cannot read the commit", hex);
		return NULL;
	}
	format_time(when, sizeof(when), git_commit_time(c));
	git_commit_free(c);
	gen = yajl_gen_alloc(NULL);
	if (gen == NULL)
		po_oom();
	/* Each document gets a fresh generator state, so that yajl's own
	 * separators never land between two of them. */
	for (size_t i = 0; i < note->ndocs; i++) {
		if (!gen_doc(gen, &note->docs[i], args, hex, when))
			continue;
		yajl_gen_get_buf(gen, &buf, &len);
		text = po_xrealloc(text, text_len + len + 2);
		memcpy(text + text_len, buf, len);
		text_len += len;
		text[text_len++] = '\n';
		text[text_len] = '\0';
		yajl_gen_clear(gen);
		yajl_gen_reset(gen, NULL);
	}
	yajl_gen_free(gen);
	return text;
}

int
po_baseline_log(git_repository *repo, const struct po_baseline_args *args)
{
	const char *rev = args->noperands > 0 ? args->operands[0] : "HEAD";
	struct chunks out = { 0 };
	struct po_index index = { 0 };
	struct po_walk walk = { 0 };
	git_commit *notes = NULL;
	const git_oid *blob;
	git_oid start;
	git_oid commit;
	int got = -1;
	int have;

	if (po_baseline_resolve(&start, repo, rev) < 0)
		goto out;
	have = po_baseline_notes_to_read(&notes, repo, args->ref);
	if (have < 0)
		goto out;
	if (have > 0) {
		got = 0;
		goto out;
	}
	if (po_index_load(&index, notes, args->ref) < 0 ||
	    po_walk_start(&walk, repo, &start) < 0)
		goto out;
	while ((args->limit == 0 || (long)out.n < args->limit) &&
	    (got = po_walk_next(&commit, &walk)) > 0) {
		struct po_note note = { 0 };
		size_t nbad = 0;
		char *text;

		blob = po_index_find(&index, &commit);
		if (blob == NULL || po_baseline_load_blob(&note, &nbad, 0, repo,
		    blob, args->ref, &commit) < 0)
			continue;
		text = commit_lines(repo, &commit, &note, args);
		if (text != NULL)
			chunks_add(&out, text);
		po_note_clear(&note);
	}
	po_walk_hint(&walk);
	for (size_t i = out.n; i > 0; i--)
		fputs(out.texts[i - 1], stdout);
	if (out.n == 0 && got >= 0)
		po_warn(NULL, 0, 0, "no baseline%s on the first-parent history "
		    "of %s", args->metric || args->subject ?
		    " that matches" : "", rev);
out:
	for (size_t i = 0; i < out.n; i++)
		free(out.texts[i]);
	free(out.texts);
	po_walk_end(&walk);
	po_index_clear(&index);
	git_commit_free(notes);
	if (po_status_get() != PO_PASS || got < 0)
		return PO_BAD;
	return out.n > 0 ? PO_PASS : PO_FAIL;
}
