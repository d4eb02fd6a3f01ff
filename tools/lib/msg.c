#include "config.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

static const char *progname = "po";
static _Atomic int worst_status = PO_PASS;
/* Where messages go: stderr, or a buffer while a worker thread's messages
 * are held back to be printed in input order. */
static _Thread_local FILE *sink;
static _Thread_local char *captured;
static _Thread_local size_t captured_len;

void
po_msg_init(const char *name)
{
	const char *slash = strrchr(name, '/');

	progname = slash ? slash + 1 : name;
}

const char *
po_msg_progname(void)
{
	return progname;
}

void
po_status_raise(enum po_status status)
{
	int seen = worst_status;

	while ((int)status > seen &&
	    !atomic_compare_exchange_weak(&worst_status, &seen, (int)status))
		;
}

enum po_status
po_status_get(void)
{
	return (enum po_status)worst_status;
}

void
po_msg_capture_begin(void)
{
	sink = open_memstream(&captured, &captured_len);
	if (sink == NULL)
		po_oom();
}

char *
po_msg_capture_end(void)
{
	char *text;

	fclose(sink);
	sink = NULL;
	text = captured;
	captured = NULL;
	return text;
}

/* Prints the message and ends its line.  A message is one line whatever
 * it quotes of the input: a control character (a line break in a string of
 * a report, say) is shown as '?', so that what reads messages line by line
 * (a CI log, an editor's error list) sees one message as one. */
static void
print_line(FILE *out, const char *fmt, va_list ap)
{
	char *text;

	if (vasprintf(&text, fmt, ap) < 0)
		po_oom();
	for (char *p = text; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	fputs(text, out);
	fputc('\n', out);
	free(text);
}

static void
vreport(const char *file, long line, long col, const char *fmt, va_list ap)
{
	FILE *out = sink ? sink : stderr;

	fprintf(out, "%s: ", progname);
	if (file != NULL) {
		fputs(file, out);
		if (line > 0) {
			fprintf(out, ":%ld", line);
			if (col > 0)
				fprintf(out, ":%ld", col);
		}
		fputs(": ", out);
	}
	print_line(out, fmt, ap);
}

void
po_error(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, line, col, fmt, ap);
	va_end(ap);
	po_status_raise(PO_BAD);
}

void
po_warn(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, line, col, fmt, ap);
	va_end(ap);
}

void
po_oom(void)
{
	fprintf(stderr, "%s: out of memory\n", progname);
	exit(PO_BAD);
}

void *
po_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		po_oom();
	return p;
}

void *
po_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		po_oom();
	return p;
}

void *
po_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		po_oom();
	return p;
}

char *
po_xstrdup(const char *s)
{
	return po_xstrndup(s, strlen(s));
}

char *
po_xstrndup(const char *s, size_t len)
{
	char *p = po_xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

int
po_msg_finish(void)
{
	int failed = ferror(stdout);

	if (fclose(stdout) != 0)
		failed = 1;
	if (failed) {
		fprintf(stderr, "%s: write error on standard output: %s\n",
		    progname, strerror(errno));
		po_status_raise(PO_BAD);
	}
	return (int)worst_status;
}
