/* Writing the po stream: one compact JSON document per line on stdout,
 * generated with yajl_gen so that every string is escaped correctly. */
#ifndef PO_STREAM_WRITE_H
#define PO_STREAM_WRITE_H

#include <stddef.h>
#include <yajl/yajl_gen.h>

/* The format version every document carries as "po". */
#define PO_STREAM_VERSION 1

/* Starts a document: opens the object and writes "po" and "type".
 * The generator is shared by the whole program; it is created on first use. */
yajl_gen po_doc_begin(const char *type);

/* Closes the object and writes the document and a newline to stdout. */
void po_doc_end(yajl_gen gen);

/* Copies one line of input (a document read from the stream) to stdout
 * unchanged, adding the newline. */
void po_doc_passthrough(const char *line, size_t len);

void po_gen_string(yajl_gen gen, const char *s);
void po_gen_stringn(yajl_gen gen, const char *s, size_t len);
/* Writes a number exactly as the source spelled it. */
void po_gen_raw_number(yajl_gen gen, const char *text, size_t len);
/* Writes the shortest text that reads back as `value`; NaN and infinities
 * become null, which JSON has no other way to say. */
void po_gen_double(yajl_gen gen, double value);

void po_gen_key_string(yajl_gen gen, const char *key, const char *value);
void po_gen_key_double(yajl_gen gen, const char *key, double value);
void po_gen_key_raw_number(yajl_gen gen, const char *key, const char *text);
void po_gen_key_bool(yajl_gen gen, const char *key, int value);
void po_gen_key(yajl_gen gen, const char *key);

/* Holds back the documents this thread writes until po_doc_capture_end(),
 * which returns them, each line ended by a newline, and sets *len (NULL
 * and 0 when there were none; the caller frees the text): work done in
 * parallel writes its documents there, and the stream in input order. */
void po_doc_capture_begin(void);
char *po_doc_capture_end(size_t *len);

/* Releases the shared generator at exit. */
void po_doc_cleanup(void);

#endif
