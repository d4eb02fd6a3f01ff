/* Typed fields of one po document, as share/po-stream.schema.json defines
 * them.  A field that is missing or of the wrong kind is reported once, at
 * the file, line and column where it is (or where the object that lacks it
 * ends), and raises the exit status to 2: a report must not render a check
 * it could only half read. */
#ifndef PO_REPORT_FIELDS_H
#define PO_REPORT_FIELDS_H

#include <stdbool.h>

#include "lib/stream-field.h"
#include "lib/stream-read.h"

enum po_field_flags {
	PO_FIELD_OPTIONAL = 0,
	PO_FIELD_REQUIRED = 1,
	PO_FIELD_NULLABLE = 2,  /* null is allowed and reads as absent */
	PO_FIELD_COUNT = 4      /* a whole number, zero or more */
};

/* Each function reads the member `key` of the document's root object, or
 * of its member object `parent` when `parent` is not NULL.  Each returns 0,
 * or -1 after a message.  An absent optional field is not an error. */

/* *out is the string, borrowed from the document, or NULL when absent. */
int po_field_string(const char **out, const struct po_stream_doc *doc,
    const char *parent, const char *key, int flags);

/* *out is the index of the string in the NULL-ended `words`, or -1 when
 * the field is absent. */
int po_field_word(int *out, const struct po_stream_doc *doc,
    const char *parent, const char *key, const char *const *words,
    int flags);

/* *present says whether a number was there (false for null or absent). */
int po_field_number(double *out, bool *present,
    const struct po_stream_doc *doc, const char *parent, const char *key,
    int flags);

/* Checks that `key` is an object when it is there (or must be). */
int po_field_object(const struct po_stream_doc *doc, const char *key,
    int flags);

#endif
