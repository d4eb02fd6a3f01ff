#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/msg.h"
#include "xml.h"

/* A copy of `s` that XML 1.0 can carry: control characters other than tab
 * and line breaks, and U+FFFE and U+FFFF, are not allowed even as
 * character references (libxml2's writer passes them through), so they
 * become U+FFFD.  The caller frees the copy. */
static char *
xml_clean(const char *s)
{
	static const char replacement[] = "\xef\xbf\xbd";
	size_t len = strlen(s);
	char *out = po_xmalloc(len * 3 + 1);
	char *o = out;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
		    (p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe ||
		    p[2] == 0xbf))) {
			if (*p >= 0x20)
				p += 2;
			memcpy(o, replacement, 3);
			o += 3;
		} else {
			*o++ = (char)*p;
		}
	}
	*o = '\0';
	return out;
}

/* The text of a format, whole: cutting it to a buffer could split a UTF-8
 * character of a string from the stream, which XML refuses.  The caller
 * frees it. */
static char *
formatted(const char *fmt, va_list ap)
{
	char *buf;

	if (vasprintf(&buf, fmt, ap) < 0)
		po_oom();
	return buf;
}

void
po_xml_open(struct po_xml *x, bool declaration)
{
	xmlOutputBufferPtr out;

	x->failed = false;
	fflush(stdout);
	/* The buffer writes through to stdout and leaves it open, so that
	 * po_msg_finish still sees a failed write. */
	out = xmlOutputBufferCreateFile(stdout, NULL);
	if (out == NULL)
		po_oom();
	x->w = xmlNewTextWriter(out);
	if (x->w == NULL) {
		xmlOutputBufferClose(out);
		po_oom();
	}
	if (xmlTextWriterSetIndent(x->w, 1) < 0 ||
	    xmlTextWriterSetIndentString(x->w, BAD_CAST "  ") < 0 ||
	    (declaration && xmlTextWriterStartDocument(x->w, NULL, "UTF-8",
	    NULL) < 0))
		x->failed = true;
}

int
po_xml_close(struct po_xml *x, const char *what)
{
	if (!x->failed && xmlTextWriterEndDocument(x->w) < 0)
		x->failed = true;
	xmlFreeTextWriter(x->w);
	x->w = NULL;
	if (x->failed) {
		po_error(NULL, 0, 0, "could not write %s", what);
		return -1;
	}
	return 0;
}

void
po_xml_start(struct po_xml *x, const char *element)
{
	if (!x->failed && xmlTextWriterStartElement(x->w,
	    BAD_CAST element) < 0)
		x->failed = true;
}

void
po_xml_end(struct po_xml *x)
{
	if (!x->failed && xmlTextWriterEndElement(x->w) < 0)
		x->failed = true;
}

void
po_xml_end_full(struct po_xml *x)
{
	if (!x->failed && xmlTextWriterFullEndElement(x->w) < 0)
		x->failed = true;
}

void
po_xml_attr(struct po_xml *x, const char *name, const char *value)
{
	char *clean = xml_clean(value);

	if (!x->failed && xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
	    BAD_CAST clean) < 0)
		x->failed = true;
	free(clean);
}

void
po_xml_attrf(struct po_xml *x, const char *name, const char *fmt, ...)
{
	va_list ap;
	char *buf;

	va_start(ap, fmt);
	buf = formatted(fmt, ap);
	va_end(ap);
	po_xml_attr(x, name, buf);
	free(buf);
}

void
po_xml_text(struct po_xml *x, const char *s)
{
	char *clean = xml_clean(s);

	if (!x->failed && xmlTextWriterWriteString(x->w, BAD_CAST clean) < 0)
		x->failed = true;
	free(clean);
}

void
po_xml_textf(struct po_xml *x, const char *fmt, ...)
{
	va_list ap;
	char *buf;

	va_start(ap, fmt);
	buf = formatted(fmt, ap);
	va_end(ap);
	po_xml_text(x, buf);
	free(buf);
}

void
po_xml_element(struct po_xml *x, const char *element, const char *s)
{
	po_xml_start(x, element);
	po_xml_text(x, s);
	po_xml_end_full(x);
}
