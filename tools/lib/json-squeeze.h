/* Squeezing the indentation out of pretty-printed JSON before yajl lexes
 * it.
 *
 * Lighthouse writes its reports indented, two spaces a level: a quarter of
 * the bytes yajl lexes in a report (screenshots aside, json-skim.h) are
 * the blanks that start its lines, and yajl's lexer spends about twenty
 * instructions on each, more than on a byte of a string.  The squeezer
 * copies a span without them, and maps an offset in the copy back to the
 * span, so that every message still names the line and column of the
 * file.
 *
 * Only blanks (spaces and tabs) right after a line break are dropped, all
 * but the last of them.  A line break is white space outside strings and
 * an error inside one, so what yajl sees is valid JSON exactly when the
 * original is, and yajl stops at the same byte: just after a line break
 * only when it is inside a string, and past the kept blank when what
 * starts the line is wrong. */
#ifndef PO_JSON_SQUEEZE_H
#define PO_JSON_SQUEEZE_H

#include <stddef.h>

struct po_squeeze;

struct po_squeeze *po_squeeze_new(void);
void po_squeeze_free(struct po_squeeze *sq);

/* A copy of span[0..len) without the blanks that start its lines (a line
 * may have started in an earlier span): returns it and sets *out_len.  The
 * copy lives until the next call. */
const char *po_squeeze_span(struct po_squeeze *sq, const char *span,
    size_t len, size_t *out_len);

/* Where byte `offset` of the last copy was in its span.  An offset just
 * after a line break stays just after it. */
size_t po_squeeze_original(struct po_squeeze *sq, size_t offset);

#endif
