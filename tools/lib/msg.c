#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

static const char *progname = "po";
static enum po_status worst_status = PO_PASS;

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
	if (status > worst_status)
		worst_status = status;
}

enum po_status
po_status_get(void)
{
	return worst_status;
}

static void
vreport(const char *file, long line, long col, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", progname);
	if (file != NULL) {
		fputs(file, stderr);
		if (line > 0) {
			fprintf(stderr, ":%ld", line);
			if (col > 0)
				fprintf(stderr, ":%ld", col);
		}
		fputs(": ", stderr);
	}
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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
	return worst_status;
}
