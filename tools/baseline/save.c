/* po-baseline save: the metrics documents of a stream become the note of a
 * commit, merged with what other jobs saved for it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "baseline/baseline.h"
#include "baseline/note.h"
#include "baseline/store.h"
#include "lib/json-val.h"
#include "lib/msg.h"
#include "lib/stream-read.h"

struct intake {
	struct po_note note;
	long nother;            /* documents that are not measurements */
	int failed;             /* an error document or a bad metrics one */
};

static int
take_doc(void *ctx, struct po_stream_doc *doc)
{
	struct intake *in = ctx;
	char *key;

	if (strcmp(doc->type, "error") == 0) {
		/* A run with a page that could not be measured must not
		 * become the yardstick of the next ones. */
		po_error(doc->file, doc->lineno, 0, "error document: the "
		    "measurement failed, refusing to save it as a baseline");
		in->failed = 1;
		return 0;
	}
	if (strcmp(doc->type, "metrics") != 0) {
		in->nother++;
		return 0;
	}
	key = po_note_key(doc->root);
	if (key == NULL || !YAJL_IS_OBJECT(po_val_get(doc->root, "metrics"))) {
		po_error(doc->file, doc->lineno, 0, "metrics document without "
		    "a \"source\", \"subject\" or \"metrics\" object");
		in->failed = 1;
		free(key);
		return 0;
	}
	po_note_put(&in->note, key, doc->line, doc->len);
	free(key);
	return 0;
}

int
po_baseline_save(git_repository *repo, const struct po_baseline_args *args)
{
	struct intake in = { 0 };
	git_oid commit;
	int ret = PO_BAD;

	if (po_baseline_resolve(&commit, repo,
	    args->commit ? args->commit : "HEAD") < 0)
		goto out;
	if (po_stream_read(args->operands, args->noperands, take_doc, &in) < 0
	    || in.failed || po_status_get() != PO_PASS)
		goto out;
	if (in.nother > 0)
		po_warn(NULL, 0, 0, "%ld document%s that %s not metrics left "
		    "out", in.nother, in.nother == 1 ? "" : "s",
		    in.nother == 1 ? "is" : "are");
	if (in.note.ndocs == 0) {
		po_error(NULL, 0, 0, "no metrics documents in the input: "
		    "nothing to save");
		goto out;
	}
	if (po_baseline_store(repo, args->ref, &commit, &in.note) < 0)
		goto out;
	ret = PO_PASS;
out:
	po_note_clear(&in.note);
	return ret;
}
