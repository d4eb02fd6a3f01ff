/* Fuzzes po-audit's sitemap reader (tools/audit/sitemap.c, libxml2's
 * xmlTextReader): any bytes give either URLs po-audit accepts or one
 * reported error, and never a fetch: the children of an index are only
 * collected here. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <libxml/parser.h>

#include "audit/sitemap.h"
#include "audit/url.h"
#include "harness.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	xmlInitParser();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct po_targets targets = { NULL, 0 };
	struct po_sitemap_children children = { NULL, 0 };
	bool allow_file = size > 0 && (data[0] & 1);

	if (po_sitemap_parse(&targets, &children, (const char *)data, size,
	    "fuzz.xml", allow_file) == 0) {
		/* What the reader accepted is what po-audit would fetch:
		 * only URLs of the allowed schemes. */
		for (size_t i = 0; i < targets.n; i++)
			if (!po_url_acceptable(targets.urls[i], allow_file))
				abort();
		for (size_t i = 0; i < children.n; i++)
			if (!po_url_acceptable(children.urls[i], allow_file))
				abort();
	}
	po_sitemap_children_free(&children);
	po_targets_free(&targets);
	return 0;
}
