/* Writing XML to standard output with libxml2's text writer, for the
 * JUnit, HTML and SVG reports.  libxml2 escapes text and attributes; these
 * helpers also replace what XML 1.0 cannot carry at all, and remember a
 * failed call so that a renderer reports once, at the end. */
#ifndef PO_REPORT_XML_H
#define PO_REPORT_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/xmlwriter.h>

struct po_xml {
	xmlTextWriterPtr w;
	bool failed;            /* a call failed: the rest are skipped */
};

/* Opens a writer on standard output, indenting by two spaces.  With
 * `declaration`, the document starts with <?xml ...?> in UTF-8. */
void po_xml_open(struct po_xml *x, bool declaration);

/* Ends the document and frees the writer.  Returns 0, or -1 after a
 * message naming `what` ("the JUnit XML report") when a call failed. */
int po_xml_close(struct po_xml *x, const char *what);

void po_xml_start(struct po_xml *x, const char *element);
/* Ends an element: <a/> when it is empty. */
void po_xml_end(struct po_xml *x);
/* Ends an element with an end tag even when it is empty, as an HTML
 * parser needs for any element that is not void (<td></td>). */
void po_xml_end_full(struct po_xml *x);
void po_xml_attr(struct po_xml *x, const char *name, const char *value);
void po_xml_attrf(struct po_xml *x, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void po_xml_text(struct po_xml *x, const char *s);
void po_xml_textf(struct po_xml *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* <element>text</element> */
void po_xml_element(struct po_xml *x, const char *element, const char *s);

#endif
