#include "config.h"

#include <string.h>

#include "json-val.h"
#include "msg.h"
#include "regress-baseline.h"
#include "stream-read.h"

struct loader {
	struct po_runset *runs;
	int nbad;
};

static int
take_doc(void *ctx, struct po_stream_doc *doc)
{
	struct loader *loader = ctx;

	if (strcmp(doc->type, "error") == 0) {
		const char *subject = po_val_string(doc->root, "subject");

		po_error(doc->file, doc->lineno, 0, "the baseline has an error "
		    "document: '%s' could not be measured, so it cannot be "
		    "compared with", subject ? subject : "");
		loader->nbad++;
		return 0;
	}
	if (po_runset_add(loader->runs, doc) < 0)
		loader->nbad++;
	return 0;
}

int
po_regress_load_baseline(struct po_runset *out, const char *path)
{
	struct loader loader = { out, 0 };
	char *paths[] = { (char *)path };
	enum po_status before = po_status_get();

	memset(out, 0, sizeof(*out));
	/* The stream reader reports a bad line and reads on; any message
	 * about the baseline spoils it, which the status shows. */
	if (po_stream_read(paths, 1, take_doc, &loader) < 0 ||
	    loader.nbad > 0 || (before != PO_BAD && po_status_get() == PO_BAD))
		return -1;
	if (out->nruns == 0) {
		po_error(path, 0, 0, "no measurements in the baseline: nothing "
		    "to compare with");
		return -1;
	}
	po_runset_group(out);
	return 0;
}
