#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "lib/msg.h"
#include "lib/num.h"
#include "sparkline.h"
#include "svg.h"

/* The chart's size, and the plot area inside it: room on the left for the
 * values, below for the commits, above for the title. */
#define WIDTH 640
#define HEIGHT 220
#define PLOT_LEFT 80
#define PLOT_RIGHT 616
#define PLOT_TOP 34
#define PLOT_BOTTOM 176

#define COLOR_LINE "#0969da"
#define COLOR_BUDGET "#cf222e"
#define COLOR_AXIS "#8c959f"
#define COLOR_TEXT "#1f2328"

/* The values the vertical axis spans: the series and its budget, with a
 * little room so that no point sits on the frame. */
struct scale {
	double lo;
	double hi;
	double min;             /* the least and greatest values drawn, */
	double max;             /* labelled where they are */
};

static struct scale
scale_of(const struct po_history_series *s)
{
	struct scale sc;
	double pad;

	po_spark_range(&sc.lo, &sc.hi, s);
	if (s->has_limit) {
		sc.lo = s->limit < sc.lo ? s->limit : sc.lo;
		sc.hi = s->limit > sc.hi ? s->limit : sc.hi;
	}
	/* A flat series gets a band around its value, not a zero height. */
	pad = sc.hi > sc.lo ? (sc.hi - sc.lo) * 0.08 :
	    fabs(sc.hi) > 0 ? fabs(sc.hi) * 0.1 : 1;
	sc.min = sc.lo;
	sc.max = sc.hi;
	sc.lo -= pad;
	sc.hi += pad;
	return sc;
}

static double
y_of(const struct scale *sc, double value)
{
	return PLOT_BOTTOM - (value - sc->lo) / (sc->hi - sc->lo) *
	    (PLOT_BOTTOM - PLOT_TOP);
}

static double
x_of(const struct po_history_series *s, size_t i)
{
	if (s->npoints < 2)
		return (PLOT_LEFT + PLOT_RIGHT) / 2.0;
	return PLOT_LEFT + (double)i * (PLOT_RIGHT - PLOT_LEFT) /
	    (double)(s->npoints - 1);
}

/* Whether `value` breaks the budget: the point is drawn in red. */
static bool
over_budget(const struct po_history_series *s, double value)
{
	if (!s->has_limit)
		return false;
	if (strcmp(s->op, "<=") == 0)
		return value > s->limit;
	if (strcmp(s->op, "<") == 0)
		return value >= s->limit;
	if (strcmp(s->op, ">=") == 0)
		return value < s->limit;
	if (strcmp(s->op, ">") == 0)
		return value <= s->limit;
	return false;
}

static void
line(struct po_xml *x, double x1, double y1, double x2, double y2,
    const char *color)
{
	po_xml_start(x, "line");
	po_xml_attrf(x, "x1", "%.1f", x1);
	po_xml_attrf(x, "y1", "%.1f", y1);
	po_xml_attrf(x, "x2", "%.1f", x2);
	po_xml_attrf(x, "y2", "%.1f", y2);
	po_xml_attr(x, "stroke", color);
	po_xml_end(x);
}

/* A label at (x, y); `anchor` is start, middle or end. */
static void
label(struct po_xml *x, double at_x, double at_y, const char *anchor,
    const char *text)
{
	po_xml_start(x, "text");
	po_xml_attrf(x, "x", "%.1f", at_x);
	po_xml_attrf(x, "y", "%.1f", at_y);
	po_xml_attr(x, "text-anchor", anchor);
	po_xml_text(x, text);
	po_xml_end_full(x);
}

/* "1a2b3c4 2026-11-25": the short commit and the day it was made. */
static void
commit_label(char *buf, size_t size, const struct po_history_point *p)
{
	snprintf(buf, size, "%.7s%s%.10s", p->commit, p->time ? " " : "",
	    p->time ? p->time : "");
}

static void
frame(struct po_xml *x, const struct po_history_series *s,
    const struct scale *sc)
{
	char value[PO_FORMAT_SIZE], at[64];

	po_xml_start(x, "rect");
	po_xml_attr(x, "width", "100%");
	po_xml_attr(x, "height", "100%");
	po_xml_attr(x, "fill", "#ffffff");
	po_xml_end(x);
	po_xml_start(x, "text");
	po_xml_attr(x, "x", "8");
	po_xml_attr(x, "y", "20");
	po_xml_attr(x, "font-weight", "bold");
	po_xml_text(x, s->metric);
	po_xml_end_full(x);
	po_xml_start(x, "text");
	po_xml_attrf(x, "x", "%d", PLOT_RIGHT);
	po_xml_attr(x, "y", "20");
	po_xml_attr(x, "text-anchor", "end");
	po_xml_text(x, *s->subject ? s->subject : "(no subject)");
	po_xml_end_full(x);
	line(x, PLOT_LEFT, PLOT_TOP, PLOT_LEFT, PLOT_BOTTOM, COLOR_AXIS);
	line(x, PLOT_LEFT, PLOT_BOTTOM, PLOT_RIGHT, PLOT_BOTTOM, COLOR_AXIS);
	label(x, PLOT_LEFT - 6, y_of(sc, sc->max) + 4, "end",
	    po_format_value(value, sc->max, s->unit));
	if (sc->max > sc->min)
		label(x, PLOT_LEFT - 6, y_of(sc, sc->min) + 4, "end",
		    po_format_value(value, sc->min, s->unit));
	if (s->npoints == 0)
		return;
	commit_label(at, sizeof(at), &s->points[0]);
	label(x, PLOT_LEFT, PLOT_BOTTOM + 18, s->npoints > 1 ? "start" :
	    "middle", at);
	if (s->npoints > 1) {
		commit_label(at, sizeof(at), &s->points[s->npoints - 1]);
		label(x, PLOT_RIGHT, PLOT_BOTTOM + 18, "end", at);
	}
	snprintf(at, sizeof(at), "%zu commit%s, oldest first", s->npoints,
	    s->npoints == 1 ? "" : "s");
	label(x, (PLOT_LEFT + PLOT_RIGHT) / 2.0, PLOT_BOTTOM + 36, "middle",
	    at);
}

static void
budget_line(struct po_xml *x, const struct po_history_series *s,
    const struct scale *sc)
{
	char limit[PO_FORMAT_SIZE], exact[PO_NUM_BUFSIZE];
	double y = y_of(sc, s->limit);

	po_xml_start(x, "g");
	po_xml_attr(x, "class", "budget");
	po_xml_attr(x, "data-limit", po_num_format(exact, s->limit));
	po_xml_start(x, "line");
	po_xml_attrf(x, "x1", "%d", PLOT_LEFT);
	po_xml_attrf(x, "y1", "%.1f", y);
	po_xml_attrf(x, "x2", "%d", PLOT_RIGHT);
	po_xml_attrf(x, "y2", "%.1f", y);
	po_xml_attr(x, "stroke", COLOR_BUDGET);
	po_xml_attr(x, "stroke-width", "1.5");
	po_xml_attr(x, "stroke-dasharray", "6 4");
	po_xml_end(x);
	po_xml_start(x, "text");
	po_xml_attrf(x, "x", "%d", PLOT_RIGHT);
	po_xml_attrf(x, "y", "%.1f", y - 4);
	po_xml_attr(x, "text-anchor", "end");
	po_xml_attr(x, "fill", COLOR_BUDGET);
	po_xml_textf(x, "budget %s %s", s->op,
	    po_format_value(limit, s->limit, s->unit));
	po_xml_end_full(x);
	po_xml_end_full(x);
}

static void
points(struct po_xml *x, const struct po_history_series *s,
    const struct scale *sc)
{
	char *coords = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&coords, &len);

	if (f == NULL)
		po_oom();
	for (size_t i = 0; i < s->npoints; i++)
		fprintf(f, "%s%.1f,%.1f", i ? " " : "", x_of(s, i),
		    y_of(sc, s->points[i].value));
	if (fclose(f) != 0)
		po_oom();
	po_xml_start(x, "polyline");
	po_xml_attr(x, "class", "history");
	po_xml_attr(x, "points", coords);
	po_xml_attr(x, "fill", "none");
	po_xml_attr(x, "stroke", COLOR_LINE);
	po_xml_attr(x, "stroke-width", "2");
	po_xml_end(x);
	free(coords);
	for (size_t i = 0; i < s->npoints; i++) {
		const struct po_history_point *p = &s->points[i];
		char value[PO_FORMAT_SIZE], exact[PO_NUM_BUFSIZE];
		bool over = over_budget(s, p->value);

		po_xml_start(x, "circle");
		po_xml_attrf(x, "cx", "%.1f", x_of(s, i));
		po_xml_attrf(x, "cy", "%.1f", y_of(sc, p->value));
		po_xml_attr(x, "r", "4");
		po_xml_attr(x, "fill", over ? COLOR_BUDGET : COLOR_LINE);
		po_xml_attr(x, "data-commit", p->commit);
		po_xml_attr(x, "data-value", po_num_format(exact, p->value));
		po_xml_attrf(x, "data-runs", "%zu", p->nruns);
		po_xml_start(x, "title");
		po_xml_textf(x, "%s %s: %s%s", p->commit,
		    p->time ? p->time : "", po_format_value(value, p->value,
		    s->unit), over ? ", over budget" : "");
		if (p->nruns > 1)
			po_xml_textf(x, " (median of %zu runs)", p->nruns);
		po_xml_end_full(x);
		po_xml_end(x);
	}
}

void
po_svg_chart(struct po_xml *x, const struct po_history_series *series)
{
	const struct po_history_series *s = series;
	struct scale sc = scale_of(s);
	char phrase[512];

	po_xml_start(x, "svg");
	po_xml_attr(x, "xmlns", "http://www.w3.org/2000/svg");
	po_xml_attrf(x, "width", "%d", WIDTH);
	po_xml_attrf(x, "height", "%d", HEIGHT);
	po_xml_attrf(x, "viewBox", "0 0 %d %d", WIDTH, HEIGHT);
	po_xml_attr(x, "role", "img");
	po_xml_attr(x, "font-family", "sans-serif");
	po_xml_attr(x, "font-size", "12");
	po_xml_attr(x, "fill", COLOR_TEXT);
	po_xml_attr(x, "data-metric", s->metric);
	po_xml_attr(x, "data-subject", s->subject);
	po_xml_start(x, "title");
	po_xml_textf(x, "%s of %s", s->metric, s->subject);
	po_xml_end_full(x);
	po_xml_element(x, "desc", po_format_history(phrase, sizeof(phrase),
	    s));
	frame(x, s, &sc);
	if (s->has_limit)
		budget_line(x, s, &sc);
	points(x, s, &sc);
	po_xml_end_full(x);
}
