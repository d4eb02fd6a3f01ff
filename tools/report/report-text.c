/* The text report: a summary for a terminal or a CI log, verdict first. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "render.h"
#include "sparkline.h"

/* Strings longer than this are cut: a report line is read, not parsed. */
#define TEXT_MAX 300
/* Check names wider than this do not widen the column. */
#define NAME_COLUMN_MAX 32
/* How many findings the report lists. */
#define TOP_FINDINGS 10

enum paint {
	PAINT_NONE,
	PAINT_BOLD,
	PAINT_GREEN,
	PAINT_YELLOW,
	PAINT_RED
};

static const char *const sgr[] = {
	"", "\033[1m", "\033[1;32m", "\033[1;33m", "\033[1;31m"
};

static void
start_paint(const struct po_render_opts *opts, enum paint paint)
{
	if (opts->color && paint != PAINT_NONE)
		fputs(sgr[paint], stdout);
}

static void
end_paint(const struct po_render_opts *opts, enum paint paint)
{
	if (opts->color && paint != PAINT_NONE)
		fputs("\033[0m", stdout);
}

static void
painted(const struct po_render_opts *opts, enum paint paint, const char *s)
{
	start_paint(opts, paint);
	fputs(s, stdout);
	end_paint(opts, paint);
}

/* Writes untrusted text on one line: line breaks and tabs become spaces,
 * other control characters (an escape sequence could repaint the
 * terminal) become '?', and text past TEXT_MAX bytes is cut at a
 * character boundary.  Returns the width written, in characters. */
static size_t
put_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t width = 0;
	size_t i;

	for (i = 0; p[i] != '\0' && i < TEXT_MAX; i++) {
		unsigned char c = p[i];

		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		else if (c < 0x20 || c == 0x7f)
			c = '?';
		/* C1 controls are U+0080 to U+009F: C2 80 to C2 9F. */
		if (c == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
			putchar('?');
			i++;
			width++;
			continue;
		}
		putchar(c);
		width += (c & 0xc0) != 0x80;
	}
	if (p[i] != '\0') {
		while ((p[i] & 0xc0) == 0x80)
			putchar(p[i++]);
		fputs("...", stdout);
		width += 3;
	}
	return width;
}

static size_t
clean_width(const char *s)
{
	size_t width = 0;

	for (size_t i = 0; s[i] != '\0' && i < TEXT_MAX; i++)
		width += ((unsigned char)s[i] & 0xc0) != 0x80;
	return width;
}

static void
pad(size_t width, size_t to)
{
	for (; width < to; width++)
		putchar(' ');
}

static enum paint
verdict_paint(enum po_verdict verdict)
{
	switch (verdict) {
	case PO_VERDICT_PASS:
		return PAINT_GREEN;
	case PO_VERDICT_WARN:
		return PAINT_YELLOW;
	default:
		return PAINT_RED;
	}
}

static void
render_verdict(const struct po_report *report,
    const struct po_render_opts *opts)
{
	const char *reason = po_report_error_reason(report);
	char tally[256];

	painted(opts, verdict_paint(report->verdict),
	    po_verdict_title(report->verdict));
	fputs(": ", stdout);
	if (report->summary.present)
		po_format_tally(tally, sizeof(tally), &report->summary);
	if (reason != NULL) {
		fputs(reason, stdout);
		if (report->summary.present)
			printf("\n  the last summary said %s: %s",
			    po_verdict_title(report->summary.status), tally);
	} else {
		fputs(tally, stdout);
	}
	putchar('\n');
	if (report->summary.present && report->summary.message != NULL) {
		fputs("  ", stdout);
		put_clean(report->summary.message);
		putchar('\n');
	}
}

static void
heading(const struct po_render_opts *opts, const char *title)
{
	putchar('\n');
	painted(opts, PAINT_BOLD, title);
	putchar('\n');
}

static void
subject_line(const char *subject)
{
	fputs("  ", stdout);
	put_clean(*subject ? subject : "(no subject)");
	putchar('\n');
}

static void
render_failing_check(const struct po_report_check *check, size_t column,
    const struct po_render_opts *opts)
{
	char outcome[256];
	char beyond[PO_FORMAT_SIZE];
	bool fail = check->outcome == PO_OUTCOME_FAIL;

	fputs("    ", stdout);
	painted(opts, fail ? PAINT_RED : PAINT_YELLOW, fail ? "FAIL" : "WARN");
	fputs("  ", stdout);
	pad(put_clean(check->name), column);
	printf("  %s", po_format_outcome(outcome, sizeof(outcome), check));
	if (po_format_beyond(beyond, check) != NULL)
		printf(" (%s)", beyond);
	putchar('\n');
	if (check->message != NULL) {
		fputs("          ", stdout);
		put_clean(check->message);
		putchar('\n');
	}
}

/* The checks that failed or warned, by subject, failures first. */
static void
render_not_passed(const struct po_report *report,
    const struct po_render_opts *opts)
{
	const size_t *order = report->check_order;
	size_t column = 0;
	bool any = false;

	for (size_t i = 0; i < report->nchecks; i++) {
		const struct po_report_check *c = &report->checks[i];
		size_t width = clean_width(c->name);

		if (c->outcome == PO_OUTCOME_PASS)
			continue;
		any = true;
		if (width > column)
			column = width > NAME_COLUMN_MAX ? NAME_COLUMN_MAX :
			    width;
	}
	if (!any)
		return;
	heading(opts, "Not passed:");
	for (size_t i = 0, j; i < report->nchecks; i = j) {
		size_t id = report->checks[order[i]].subject_id;
		bool shown = false;

		for (j = i; j < report->nchecks &&
		    report->checks[order[j]].subject_id == id; j++)
			;
		for (int outcome = PO_OUTCOME_FAIL; outcome < PO_OUTCOME_PASS;
		    outcome++) {
			for (size_t k = i; k < j; k++) {
				const struct po_report_check *c =
				    &report->checks[order[k]];

				if ((int)c->outcome != outcome)
					continue;
				if (!shown)
					subject_line(c->subject);
				shown = true;
				render_failing_check(c, column, opts);
			}
		}
	}
}

static void
render_errors(const struct po_report *report,
    const struct po_render_opts *opts)
{
	const size_t *order = report->error_order;

	if (report->nerrors == 0)
		return;
	heading(opts, "Errors:");
	for (size_t i = 0; i < report->nerrors; i++) {
		const struct po_report_error *e = &report->errors[order[i]];

		if (i == 0 || e->subject_id !=
		    report->errors[order[i - 1]].subject_id)
			subject_line(e->subject);
		fputs("    ", stdout);
		painted(opts, PAINT_RED, "ERROR");
		putchar(' ');
		if (e->code != NULL) {
			put_clean(e->code);
			fputs(": ", stdout);
		}
		put_clean(e->message);
		fputs(" (", stdout);
		put_clean(e->source);
		fputs(")\n", stdout);
	}
}

/* Passing checks take one line per subject: they need no reading. */
static void
render_passed(const struct po_report *report,
    const struct po_render_opts *opts)
{
	const size_t *order = report->check_order;
	bool any = false;

	for (size_t i = 0, j; i < report->nchecks; i = j) {
		size_t id = report->checks[order[i]].subject_id;
		size_t npassed = 0;

		for (j = i; j < report->nchecks &&
		    report->checks[order[j]].subject_id == id; j++) {
			const struct po_report_check *c =
			    &report->checks[order[j]];
			char value[PO_FORMAT_SIZE];

			if (c->outcome != PO_OUTCOME_PASS)
				continue;
			if (!any)
				heading(opts, "Passed:");
			any = true;
			if (npassed++ == 0) {
				fputs("  ", stdout);
				put_clean(*c->subject ? c->subject :
				    "(no subject)");
				fputs(": ", stdout);
			} else {
				fputs(", ", stdout);
			}
			put_clean(c->name);
			printf(" %s", c->has_value ? po_format_value(value,
			    c->value, c->unit) : "n/a");
		}
		if (npassed > 0)
			putchar('\n');
	}
}

static void
render_savings(const struct po_report_finding *f)
{
	char ms[PO_FORMAT_SIZE];
	char bytes[PO_FORMAT_SIZE];

	if (f->has_ms && f->has_bytes)
		printf("saves %s, %s", po_format_value(ms, f->savings_ms, "ms"),
		    po_format_value(bytes, f->savings_bytes, "bytes"));
	else if (f->has_ms)
		printf("saves %s", po_format_value(ms, f->savings_ms, "ms"));
	else if (f->has_bytes)
		printf("saves %s", po_format_value(bytes, f->savings_bytes,
		    "bytes"));
	else
		fputs("no estimate", stdout);
}

static void
render_findings(const struct po_report *report,
    const struct po_render_opts *opts)
{
	size_t shown = report->nfindings < TOP_FINDINGS ? report->nfindings :
	    TOP_FINDINGS;
	char title[80];

	if (report->nfindings == 0)
		return;
	snprintf(title, sizeof(title), "Top findings (%zu of %zu, by "
	    "estimated savings):", shown, report->nfindings);
	heading(opts, title);
	for (size_t i = 0; i < shown; i++) {
		const struct po_report_finding *f = &report->findings[i];

		printf("  %2zu. ", i + 1);
		put_clean(f->title);
		fputs(": ", stdout);
		render_savings(f);
		printf("\n      %s severity, %s impact, %s effort, %s; ",
		    po_grade_words[f->severity], po_grade_words[f->impact],
		    po_grade_words[f->effort], f->layer);
		put_clean(f->subject);
		if (f->form_factor != NULL) {
			fputs(" (", stdout);
			put_clean(f->form_factor);
			putchar(')');
		}
		putchar('\n');
	}
}

/* The cells of a row of the before/after table. */
struct change_row {
	char before[PO_FORMAT_SIZE];
	char after[PO_FORMAT_SIZE];
	char change[PO_FORMAT_SIZE];
	const char *target;
};

static void
change_row(struct change_row *row, const struct po_report_check *c)
{
	po_format_before_after(row->before, row->after, c);
	po_format_change(row->change, c);
	row->target = po_format_target(c->outcome);
}

static const char *
check_metric(const struct po_report_check *c)
{
	return c->metric ? c->metric : c->name;
}

static size_t
widest(size_t width, size_t cell)
{
	return cell > width ? cell : width;
}

/* The regression checks as a table, by subject: what the metric was on
 * the baseline, what it is now, the change, and whether it stayed within
 * what the budget allows. */
static void
render_before_after(const struct po_report *report,
    const struct po_render_opts *opts)
{
	const size_t *order = report->check_order;
	size_t w[5] = { 6, 6, 5, 6, 10 };
	struct change_row row;
	char test[256];

	if (report->nregressions == 0)
		return;
	for (size_t i = 0; i < report->nchecks; i++) {
		const struct po_report_check *c = &report->checks[i];

		if (!c->regression)
			continue;
		change_row(&row, c);
		w[0] = widest(w[0], clean_width(check_metric(c)));
		w[1] = widest(w[1], clean_width(row.before));
		w[2] = widest(w[2], clean_width(row.after));
		w[3] = widest(w[3], clean_width(row.change));
		w[4] = widest(w[4], clean_width(row.target));
	}
	w[0] = w[0] > NAME_COLUMN_MAX ? NAME_COLUMN_MAX : w[0];
	heading(opts, "Before and after (against the baseline):");
	for (size_t i = 0, last = SIZE_MAX; i < report->nchecks; i++) {
		const struct po_report_check *c = &report->checks[order[i]];

		if (!c->regression)
			continue;
		if (c->subject_id != last) {
			subject_line(c->subject);
			printf("    %-*s  %-*s  %-*s  %-*s  %-*s  test\n",
			    (int)w[0], "metric", (int)w[1], "before", (int)w[2],
			    "after", (int)w[3], "change", (int)w[4],
			    "target met");
		}
		last = c->subject_id;
		change_row(&row, c);
		fputs("    ", stdout);
		pad(put_clean(check_metric(c)), w[0]);
		printf("  %-*s  %-*s  %-*s  ", (int)w[1], row.before, (int)w[2],
		    row.after, (int)w[3], row.change);
		painted(opts, c->outcome == PO_OUTCOME_FAIL ? PAINT_RED :
		    c->outcome == PO_OUTCOME_WARN ? PAINT_YELLOW : PAINT_GREEN,
		    row.target);
		pad(clean_width(row.target), w[4]);
		fputs("  ", stdout);
		put_clean(po_format_test(test, sizeof(test), c));
		putchar('\n');
	}
}

/* Each series of the history as a sparkline, by subject, with its first
 * and last values, its range and its budget. */
static void
render_history(const struct po_report *report,
    const struct po_render_opts *opts)
{
	size_t n, column = 0, spark = 0;
	const struct po_history_series *s = po_history_series(report->history,
	    &n);
	bool unicode = po_spark_unicode();
	char phrase[512], limit[PO_FORMAT_SIZE];

	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		column = widest(column, clean_width(s[i].metric));
		spark = widest(spark, s[i].npoints);
	}
	column = column > NAME_COLUMN_MAX ? NAME_COLUMN_MAX : column;
	heading(opts, "History (oldest first):");
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(s[i].subject, s[i - 1].subject) != 0 ||
		    strcmp(s[i].source, s[i - 1].source) != 0) {
			fputs("  ", stdout);
			put_clean(*s[i].subject ? s[i].subject :
			    "(no subject)");
			fputs(" (", stdout);
			put_clean(s[i].source);
			fputs(")\n", stdout);
		}
		fputs("    ", stdout);
		pad(put_clean(s[i].metric), column);
		fputs("  ", stdout);
		po_spark_write(stdout, &s[i], unicode);
		pad(s[i].npoints, spark);
		printf("  %s", po_format_history(phrase, sizeof(phrase),
		    &s[i]));
		if (s[i].has_limit)
			printf("; budget %s %s", s[i].op,
			    po_format_value(limit, s[i].limit, s[i].unit));
		putchar('\n');
	}
}

int
po_render_text(const struct po_report *report,
    const struct po_render_opts *opts)
{
	render_verdict(report, opts);
	render_not_passed(report, opts);
	render_errors(report, opts);
	render_before_after(report, opts);
	render_passed(report, opts);
	render_history(report, opts);
	render_findings(report, opts);
	return 0;
}
