/* Fuzzes the Lighthouse report reader (lhr.c on json-scan.c, through the
 * gzip-transparent input layer) and the writer of what it kept: a report
 * that is read must be written without fault, with its findings. */
#include "config.h"

#include <stdint.h>

#include "harness.h"
#include "lib/input.h"
#include "lib/lhr-emit.h"
#include "lib/lhr.h"
#include "lib/stream-write.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct po_input *in;
	struct po_lhr *lhr;

	if (po_input_open(&in, fuzz_file(data, size)) < 0)
		abort();
	if (po_lhr_read(&lhr, in) == 0) {
		/* A report the reader accepted names a page and has audits:
		 * the writers rely on both. */
		if (lhr->version == NULL || lhr->naudits == 0 ||
		    (lhr->final_url == NULL && lhr->requested_url == NULL))
			abort();
		po_lhr_emit(lhr, true);
		po_lhr_free(lhr);
	}
	po_input_free(in);
	po_doc_cleanup();
	return 0;
}
