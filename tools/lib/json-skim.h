/* Skimming data: URLs before yajl lexes them.
 *
 * Half the bytes of a Lighthouse report are screenshots held as data: URLs
 * (base64, hundreds of kilobytes each) that no reader of po looks inside.
 * yajl would lex them byte by byte and hand them over to be checked as
 * UTF-8; the skimmer passes over them about ten times faster, before yajl
 * sees the bytes, and skips all but the first PO_SKIM_KEEP bytes of every
 * run of printable ASCII in a string that starts with "data:".
 *
 * Only bytes that are valid inside a JSON string and valid UTF-8 whatever
 * surrounds them are dropped (printable ASCII other than '"' and '\'), so
 * what yajl sees is valid JSON exactly when the original is, and yajl
 * still judges everything else: escapes, control characters, non-ASCII,
 * the structure.  The bytes stay where they are: yajl is handed the spans
 * between the dropped runs, so positions in messages are those of the file.
 *
 * The state carries over from one chunk to the next, so a chunk may end
 * anywhere, inside a string or an escape. */
#ifndef PO_JSON_SKIM_H
#define PO_JSON_SKIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What is kept of a long run: enough that a reader sees what kind of data
 * it is ("data:image/webp;base64,UklGR..."), little enough to cost nothing. */
#define PO_SKIM_KEEP 256

struct po_skim;

struct po_skim *po_skim_new(void);
void po_skim_free(struct po_skim *skim);

/* The next span of buf[*pos..len) (the next bytes of the document) to
 * hand to yajl: sets *span to it and returns its length, and moves *pos
 * past it and past the bytes skipped after it.  Returns 0 when the rest of
 * the chunk has been handed over. */
size_t po_skim_span(struct po_skim *skim, const char *buf, size_t len,
    size_t *pos, const char **span);

/* True when a string that ends at or before `fed` (an offset in all the
 * bytes handed to yajl so far) was cut short.  Call it for every string and
 * key in the order yajl delivers them: each answers for one string. */
bool po_skim_was_cut(struct po_skim *skim, uint64_t fed);

#endif
