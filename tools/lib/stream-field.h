/* Messages about one field of a po document that point at it: the file,
 * line and column of its value, or of the end of the object that lacks
 * it. */
#ifndef PO_STREAM_FIELD_H
#define PO_STREAM_FIELD_H

#include "stream-read.h"

/* Reports what is wrong with the member `key` of the document's root
 * object (or of its member object `parent` when not NULL) at its place,
 * and raises the exit status to 2. */
void po_field_fail(const struct po_stream_doc *doc, const char *parent,
    const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
