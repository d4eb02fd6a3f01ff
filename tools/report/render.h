/* The renderers of po-report, one per output format and one per file
 * (report-text.c, report-markdown.c, report-junit.c, report-github.c,
 * report-html.c, report-svg.c).
 * Each writes a finished report to standard output and returns 0, or -1
 * after a message when it could not. */
#ifndef PO_REPORT_RENDER_H
#define PO_REPORT_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

enum po_color {
	PO_COLOR_AUTO,
	PO_COLOR_ALWAYS,
	PO_COLOR_NEVER
};

struct po_render_opts {
	bool color;             /* text: ANSI colours */
	size_t max_bytes;       /* markdown: the size to stay under; 0: none */
	const char *metric;     /* the history asked for, or NULL: any */
	const char *subject;
};

typedef int (*po_render_fn)(const struct po_report *report,
    const struct po_render_opts *opts);

/* Reads --color's argument: "auto", "always" or "never" (NULL, for
 * --color alone, is "always").  Returns 0, or -1 for another word. */
int po_color_parse(enum po_color *out, const char *when);

/* Whether to colour: with "auto", only when standard output is a terminal
 * and NO_COLOR is unset or empty (https://no-color.org). */
bool po_color_use(enum po_color when);

/* The renderer of `format` ("text", "markdown", "junit", "github", "html",
 * "svg"), or
 * NULL when there is none of that name. */
po_render_fn po_render_find(const char *format);

int po_render_text(const struct po_report *report,
    const struct po_render_opts *opts);
int po_render_markdown(const struct po_report *report,
    const struct po_render_opts *opts);
int po_render_junit(const struct po_report *report,
    const struct po_render_opts *opts);
int po_render_github(const struct po_report *report,
    const struct po_render_opts *opts);
int po_render_html(const struct po_report *report,
    const struct po_render_opts *opts);
int po_render_svg(const struct po_report *report,
    const struct po_render_opts *opts);

#endif
