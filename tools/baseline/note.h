/* The content of one note: the metrics documents saved for a commit, one
 * compact JSON document per line, each known by its key (source, subject
 * and tags.form_factor when there is one). */
#ifndef PO_BASELINE_NOTE_H
#define PO_BASELINE_NOTE_H

#include <stddef.h>
#include <yajl/yajl_tree.h>

/* A note larger than this is refused rather than read. */
#define PO_NOTE_MAX_BYTES (64UL * 1024 * 1024)

struct po_note_doc {
	char *text;             /* the document as stored, no newline */
	size_t len;
	char *key;              /* see po_note_key */
};

struct po_note {
	struct po_note_doc *docs;
	size_t ndocs;
	size_t cap;
};

/* Builds the key of a metrics document.  Returns a string the caller frees,
 * or NULL when the document has no "source" or "subject" string. */
char *po_note_key(yajl_val doc);

/* Checks one stored line and returns its tree (caller frees) in *out.
 * Returns -1 when the line is not a po 1 metrics document with a source, a
 * subject and a metrics object, after a message naming `where` and
 * `lineno`: an error, or a warning when `lenient` (the line is about to be
 * replaced, and its loss is not a failure). */
int po_note_parse_line(yajl_val *out, int lenient, const char *where,
    long lineno, const char *line, size_t len);

/* Reads the text of a note into `note` (appended to what it holds, with
 * po_note_put's replacement rule).  Every bad line is reported against
 * `where` ("REF:COMMIT") with its line number, as po_note_parse_line does,
 * and left out; the others are kept.  Returns the number of bad lines. */
size_t po_note_load(struct po_note *note, int lenient, const char *where,
    const char *text, size_t len);

/* Adds a copy of the document `text` under `key`: it replaces the document
 * of the same key in place, or goes after the others. */
void po_note_put(struct po_note *note, const char *key, const char *text,
    size_t len);

/* The note as text, one document per line; the caller frees it. */
char *po_note_text(const struct po_note *note);

void po_note_clear(struct po_note *note);

#endif
