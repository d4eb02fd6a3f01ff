/* Fuzzes what po-baseline does with a note it finds under the notes ref,
 * whose bytes anyone who can push to the repository chooses: the note
 * reader (tools/baseline/note.c), strict as show and log read it and
 * lenient as save and the merge of fetched notes read it, the keys it
 * merges by, the text it writes back, and the tagged documents po-baseline
 * log writes (tools/baseline/emit.c).  The input is the note's content. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "baseline/emit.h"
#include "baseline/note.h"
#include "harness.h"

static yajl_gen gen;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	gen = yajl_gen_alloc(NULL);
	if (gen == NULL)
		abort();
	return 0;
}

/* Every kept document must parse again and carry a key, as log and the
 * merge expect of what the reader let through. */
static void
emit_all(const struct po_note *note, const char *metric)
{
	for (size_t i = 0; i < note->ndocs; i++) {
		yajl_val doc = yajl_tree_parse(note->docs[i].text, NULL, 0);
		char *key;

		if (doc == NULL)
			abort();
		key = po_note_key(doc);
		if (key == NULL || strcmp(key, note->docs[i].key) != 0)
			abort();
		free(key);
		po_emit_tagged(gen, doc, metric,
		    "0123456789abcdef0123456789abcdef01234567",
		    "2026-11-25T01:58:00Z");
		yajl_gen_clear(gen);
		yajl_gen_reset(gen, NULL);
		yajl_tree_free(doc);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct po_note strict = { 0 };
	struct po_note lenient = { 0 };
	struct po_note again = { 0 };
	size_t nbad;
	char *text;

	if (size > PO_NOTE_MAX_BYTES)
		return 0;
	nbad = po_note_load(&strict, 0, "refs/notes/po:fuzz",
	    (const char *)data, size);
	if (po_note_load(&lenient, 1, "refs/notes/po:fuzz",
	    (const char *)data, size) != nbad || lenient.ndocs != strict.ndocs)
		abort();
	emit_all(&strict, NULL);
	emit_all(&strict, "lcp");
	/* What save writes back must read back whole. */
	text = po_note_text(&strict);
	if (po_note_load(&again, 0, "refs/notes/po:fuzz", text,
	    strlen(text)) != 0 || again.ndocs != strict.ndocs)
		abort();
	free(text);
	po_note_clear(&strict);
	po_note_clear(&lenient);
	po_note_clear(&again);
	return 0;
}
