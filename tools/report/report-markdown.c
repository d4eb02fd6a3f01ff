/* The Markdown report, for a pull-request comment or a GitHub step summary
 * ($GITHUB_STEP_SUMMARY), which GitHub refuses over 1 MiB.
 *
 * Each part is rendered into memory first; when the whole would be too
 * big, findings are left out from the lowest ranked up, then passing
 * checks, and a note says how many.  The verdict, the checks that failed
 * or warned, the error documents, the regression checks and the history
 * are always written: each has a row per check or per series, never per
 * run. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "lib/msg.h"
#include "render.h"
#include "sparkline.h"

/* Cells longer than this are cut: a table row is read, not parsed, and a
 * hostile string must not push the failing checks out of the limit. */
#define CELL_MAX 300

/* Text rendered into memory, with the end of each row recorded so that
 * the text can be cut after any row. */
struct part {
	FILE *f;
	char *text;
	size_t len;
	size_t *ends;
	size_t nrows;
	size_t cap;
};

static void
part_open(struct part *p)
{
	memset(p, 0, sizeof(*p));
	p->f = open_memstream(&p->text, &p->len);
	if (p->f == NULL)
		po_oom();
}

static void
part_end_row(struct part *p)
{
	fflush(p->f);
	if (p->nrows == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->ends = po_xrealloc(p->ends, p->cap * sizeof(*p->ends));
	}
	p->ends[p->nrows++] = p->len;
}

static void
part_close(struct part *p)
{
	if (fclose(p->f) != 0)
		po_oom();
	p->f = NULL;
}

/* The bytes of the first `nrows` rows. */
static size_t
part_size(const struct part *p, size_t nrows)
{
	return nrows == 0 ? 0 : p->ends[nrows - 1];
}

static void
part_free(struct part *p)
{
	free(p->text);
	free(p->ends);
}

/* Writes untrusted text into a table cell or a paragraph: every character
 * Markdown or GitHub gives a meaning to is escaped (a '|' would split the
 * cell, '<' open HTML, '@' mention someone, '#' link an issue, '$' start
 * maths), line breaks become spaces, other control characters '?', and
 * text past CELL_MAX bytes is cut at a character boundary. */
static void
put_md(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i;

	for (i = 0; p[i] != '\0' && i < CELL_MAX; i++) {
		unsigned char c = p[i];

		if (c == '\n' || c == '\r' || c == '\t') {
			fputc(' ', f);
		} else if (c < 0x20 || c == 0x7f) {
			fputc('?', f);
		} else if (c == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
			fputc('?', f);
			i++;
		} else {
			if (strchr("\\`*_[]<>#!|~&@$", c) != NULL)
				fputc('\\', f);
			fputc(c, f);
		}
	}
	if (p[i] != '\0') {
		while ((p[i] & 0xc0) == 0x80)
			fputc(p[i++], f);
		fputs("...", f);
	}
}

static const char *
verdict_mark(enum po_verdict verdict)
{
	static const char *const marks[] = {
		"\u2705", "\u26a0\ufe0f", "\u274c", "\u26d4"
	};

	return marks[verdict];
}

static const char *
outcome_cell(enum po_outcome outcome)
{
	static const char *const cells[] = {
		"\u274c fail", "\u26a0\ufe0f warn", "\u2705 pass"
	};

	return cells[outcome];
}

static void
render_head(FILE *f, const struct po_report *report)
{
	const char *reason = po_report_error_reason(report);
	const struct po_report_summary *s = &report->summary;
	char tally[256];

	fprintf(f, "## %s Performance gate: %s\n\n",
	    verdict_mark(report->verdict), po_verdict_title(report->verdict));
	if (s->present)
		po_format_tally(tally, sizeof(tally), s);
	if (reason != NULL) {
		fprintf(f, "**Error:** %s.", reason);
		if (s->present)
			fprintf(f, " The last summary said %s: %s.",
			    po_verdict_title(s->status), tally);
		fputc('\n', f);
	} else {
		fprintf(f, "%s.\n", tally);
	}
	if (s->present && s->message != NULL) {
		fputs("\nSummary from ", f);
		put_md(f, s->source);
		fputs(": ", f);
		put_md(f, s->message);
		fputc('\n', f);
	}
}

static void
render_check_row(FILE *f, const struct po_report_check *c)
{
	char value[PO_FORMAT_SIZE], limit[PO_FORMAT_SIZE];
	char margin[PO_FORMAT_SIZE];

	if (c->has_value)
		po_format_pair(value, limit, c->value, c->limit, c->unit);
	else
		po_format_value(limit, c->limit, c->unit);
	fprintf(f, "| %s | ", outcome_cell(c->outcome));
	put_md(f, *c->subject ? c->subject : "(no subject)");
	fputs(" | ", f);
	put_md(f, c->name);
	if (c->metric != NULL && strcmp(c->metric, c->name) != 0) {
		fputs(" (", f);
		put_md(f, c->metric);
		fputc(')', f);
	}
	fputs(" | ", f);
	fputs(c->has_value ? value : "n/a", f);
	fputs(" | ", f);
	put_md(f, c->op);
	fprintf(f, " %s | %s |", limit, c->has_margin ?
	    po_format_margin(margin, c->margin, c->unit) : "n/a");
	if (c->message != NULL) {
		fputc(' ', f);
		put_md(f, c->message);
	}
	fputs(" |\n", f);
}

/* Rows of the checks with `outcome`, subject by subject. */
static void
render_check_rows(struct part *p, const struct po_report *report,
    enum po_outcome outcome)
{
	for (size_t i = 0; i < report->nchecks; i++) {
		const struct po_report_check *c =
		    &report->checks[report->check_order[i]];

		if (c->outcome != outcome)
			continue;
		render_check_row(p->f, c);
		part_end_row(p);
	}
}

static void
render_errors(FILE *f, const struct po_report *report)
{
	if (report->nerrors == 0)
		return;
	fputs("\n### Errors\n\n"
	    "| Subject | Source | Code | Message |\n"
	    "| --- | --- | --- | --- |\n", f);
	for (size_t i = 0; i < report->nerrors; i++) {
		const struct po_report_error *e =
		    &report->errors[report->error_order[i]];

		fputs("| ", f);
		put_md(f, *e->subject ? e->subject : "(no subject)");
		fputs(" | ", f);
		put_md(f, e->source);
		fputs(" | ", f);
		put_md(f, e->code ? e->code : "");
		fputs(" | ", f);
		put_md(f, e->message);
		fputs(" |\n", f);
	}
}

/* Counts of findings by impact and effort: the top left corner (high
 * impact, low effort) is where to start. */
static void
render_matrix(FILE *f, const struct po_report *report)
{
	size_t counts[3][3] = { { 0 } };

	for (size_t i = 0; i < report->nfindings; i++)
		counts[report->findings[i].impact][report->findings[i].effort]++;
	fputs("| Impact / effort | low | medium | high |\n"
	    "| --- | ---: | ---: | ---: |\n", f);
	for (int impact = PO_GRADE_HIGH; impact <= PO_GRADE_LOW; impact++)
		fprintf(f, "| **%s** | %zu | %zu | %zu |\n",
		    po_grade_words[impact], counts[impact][PO_GRADE_LOW],
		    counts[impact][PO_GRADE_MEDIUM],
		    counts[impact][PO_GRADE_HIGH]);
}

static void
render_findings_head(FILE *f, const struct po_report *report)
{
	fprintf(f, "\n### Findings\n\n"
	    "%zu finding%s, ranked by estimated savings (time, then bytes). "
	    "By impact and effort:\n\n", report->nfindings,
	    report->nfindings == 1 ? "" : "s");
	render_matrix(f, report);
	fputs("\n| # | Finding | Subject | Savings | Severity | Impact "
	    "| Effort | Layer |\n"
	    "| ---: | --- | --- | ---: | --- | --- | --- | --- |\n", f);
}

static void
render_finding_rows(struct part *p, const struct po_report *report)
{
	for (size_t i = 0; i < report->nfindings; i++) {
		const struct po_report_finding *x = &report->findings[i];
		char ms[PO_FORMAT_SIZE], bytes[PO_FORMAT_SIZE];

		fprintf(p->f, "| %zu | ", i + 1);
		put_md(p->f, x->title);
		if (x->evidence != NULL && *x->evidence) {
			fputs(" (", p->f);
			put_md(p->f, x->evidence);
			fputc(')', p->f);
		}
		fputs(" | ", p->f);
		put_md(p->f, x->subject);
		if (x->form_factor != NULL) {
			fputs(" (", p->f);
			put_md(p->f, x->form_factor);
			fputc(')', p->f);
		}
		if (x->has_ms)
			po_format_value(ms, x->savings_ms, "ms");
		if (x->has_bytes)
			po_format_value(bytes, x->savings_bytes, "bytes");
		fprintf(p->f, " | %s%s%s | %s | %s | %s | %s |\n",
		    x->has_ms ? ms : "", x->has_ms && x->has_bytes ? ", " : "",
		    x->has_bytes ? bytes : !x->has_ms ? "n/a" : "",
		    po_grade_words[x->severity], po_grade_words[x->impact],
		    po_grade_words[x->effort], x->layer);
		part_end_row(p);
	}
}

static const char *
target_cell(enum po_outcome outcome)
{
	static const char *const cells[] = {
		"\u274c no", "\u26a0\ufe0f yes (warn)", "\u2705 yes"
	};

	return cells[outcome];
}

/* The regression checks: each metric before and after, the change, and
 * whether it stayed within what the budget allows. */
static void
render_before_after(FILE *f, const struct po_report *report)
{
	char before[PO_FORMAT_SIZE], after[PO_FORMAT_SIZE];
	char change[PO_FORMAT_SIZE], test[256];

	if (report->nregressions == 0)
		return;
	fputs("\n### Before and after\n\n"
	    "| Subject | Metric | Before | After | Change | Target met "
	    "| Test |\n"
	    "| --- | --- | ---: | ---: | ---: | --- | --- |\n", f);
	for (size_t i = 0; i < report->nchecks; i++) {
		const struct po_report_check *c =
		    &report->checks[report->check_order[i]];

		if (!c->regression)
			continue;
		po_format_before_after(before, after, c);
		fputs("| ", f);
		put_md(f, *c->subject ? c->subject : "(no subject)");
		fputs(" | ", f);
		put_md(f, c->metric ? c->metric : c->name);
		fprintf(f, " | %s | %s | %s | %s | ", before, after,
		    po_format_change(change, c), target_cell(c->outcome));
		put_md(f, po_format_test(test, sizeof(test), c));
		fputs(" |\n", f);
	}
}

/* Each series of the history as a sparkline, oldest commit first. */
static void
render_history(FILE *f, const struct po_report *report)
{
	size_t n;
	const struct po_history_series *s = po_history_series(report->history,
	    &n);
	char phrase[512], limit[PO_FORMAT_SIZE];

	if (n == 0)
		return;
	fputs("\n### History\n\n"
	    "| Subject | Metric | Trend (oldest first) | Values | Budget |\n"
	    "| --- | --- | --- | --- | --- |\n", f);
	for (size_t i = 0; i < n; i++) {
		fputs("| ", f);
		put_md(f, *s[i].subject ? s[i].subject : "(no subject)");
		fputs(" | ", f);
		put_md(f, s[i].metric);
		fputs(" | ", f);
		/* GitHub renders Unicode whatever the locale of the runner. */
		po_spark_write(f, &s[i], true);
		fprintf(f, " | %s | ", po_format_history(phrase, sizeof(phrase),
		    &s[i]));
		if (s[i].has_limit) {
			put_md(f, s[i].op);
			fprintf(f, " %s", po_format_value(limit, s[i].limit,
			    s[i].unit));
		}
		fputs(" |\n", f);
	}
}

static const char left_out_note[] =
    "\n_%zu %s left out to keep this report under %zu bytes._\n";

/* The note that says `n` rows were left out; nothing when none was. */
static size_t
left_out(FILE *f, size_t n, const char *what, size_t max_bytes)
{
	if (n == 0)
		return 0;
	if (f == NULL)
		return (size_t)snprintf(NULL, 0, left_out_note, n, what,
		    max_bytes);
	return (size_t)fprintf(f, left_out_note, n, what, max_bytes);
}

static const char checks_head[] = "\n### Checks\n\n"
    "| Status | Subject | Check | Value | Limit | Margin | Note |\n"
    "| --- | --- | --- | ---: | ---: | ---: | --- |\n";

/* The report, rendered into memory part by part. */
struct markdown {
	struct part head;
	struct part failing;            /* failed, then warned checks */
	struct part passing;
	struct part errors;
	struct part before_after;
	struct part history;
	struct part findings_head;      /* heading, matrix, table header */
	struct part findings;
};

static void
render_parts(struct markdown *md, const struct po_report *report)
{
	part_open(&md->head);
	render_head(md->head.f, report);
	part_close(&md->head);
	part_open(&md->failing);
	render_check_rows(&md->failing, report, PO_OUTCOME_FAIL);
	render_check_rows(&md->failing, report, PO_OUTCOME_WARN);
	part_close(&md->failing);
	part_open(&md->passing);
	render_check_rows(&md->passing, report, PO_OUTCOME_PASS);
	part_close(&md->passing);
	part_open(&md->errors);
	render_errors(md->errors.f, report);
	part_close(&md->errors);
	part_open(&md->before_after);
	render_before_after(md->before_after.f, report);
	part_close(&md->before_after);
	part_open(&md->history);
	render_history(md->history.f, report);
	part_close(&md->history);
	part_open(&md->findings_head);
	if (report->nfindings > 0)
		render_findings_head(md->findings_head.f, report);
	part_close(&md->findings_head);
	part_open(&md->findings);
	render_finding_rows(&md->findings, report);
	part_close(&md->findings);
}

/* How many passing checks and findings fit in `max` bytes beside what is
 * always written: passing checks first, then findings, each cut after a
 * row.  Warns when even what is always written does not fit. */
static void
fit(size_t *npassing, size_t *nfindings, const struct markdown *md,
    const struct po_report *report, size_t max)
{
	size_t must = md->head.len + md->failing.len + md->errors.len +
	    md->before_after.len + md->history.len +
	    (report->nchecks > 0 ? sizeof(checks_head) - 1 : 0);
	const struct part *pass = &md->passing, *find = &md->findings;
	size_t notes, room, total;

	*npassing = pass->nrows;
	*nfindings = find->nrows;
	if (max == 0 || must + pass->len + md->findings_head.len + find->len <=
	    max)
		return;
	/* Room is kept for the notes, with their longest numbers. */
	notes = left_out(NULL, pass->nrows, "passing checks", max) +
	    left_out(NULL, find->nrows, "findings", max);
	room = max > must + notes ? max - must - notes : 0;
	while (*npassing > 0 && part_size(pass, *npassing) > room)
		(*npassing)--;
	room -= part_size(pass, *npassing);
	*nfindings = 0;
	if (md->findings_head.len < room)
		while (*nfindings < find->nrows && part_size(find,
		    *nfindings + 1) <= room - md->findings_head.len)
			(*nfindings)++;
	total = must + part_size(pass, *npassing) +
	    left_out(NULL, pass->nrows - *npassing, "passing checks", max) +
	    left_out(NULL, find->nrows - *nfindings, "findings", max) +
	    (*nfindings > 0 ? md->findings_head.len +
	    part_size(find, *nfindings) : 0);
	if (total > max)
		po_warn(NULL, 0, 0, "the report takes %zu bytes without passing "
		    "checks and findings, more than --max-bytes=%zu: written "
		    "whole", total, max);
}

int
po_render_markdown(const struct po_report *report,
    const struct po_render_opts *opts)
{
	struct markdown md;
	size_t npassing, nfindings;
	size_t max = opts->max_bytes;

	render_parts(&md, report);
	fit(&npassing, &nfindings, &md, report, max);

	fwrite(md.head.text, 1, md.head.len, stdout);
	if (report->nchecks > 0)
		fputs(checks_head, stdout);
	fwrite(md.failing.text, 1, md.failing.len, stdout);
	fwrite(md.passing.text, 1, part_size(&md.passing, npassing), stdout);
	left_out(stdout, md.passing.nrows - npassing, "passing checks", max);
	fwrite(md.errors.text, 1, md.errors.len, stdout);
	fwrite(md.before_after.text, 1, md.before_after.len, stdout);
	fwrite(md.history.text, 1, md.history.len, stdout);
	if (nfindings > 0) {
		fwrite(md.findings_head.text, 1, md.findings_head.len, stdout);
		fwrite(md.findings.text, 1, part_size(&md.findings, nfindings),
		    stdout);
	}
	left_out(stdout, md.findings.nrows - nfindings, "findings", max);

	part_free(&md.head);
	part_free(&md.failing);
	part_free(&md.passing);
	part_free(&md.errors);
	part_free(&md.before_after);
	part_free(&md.history);
	part_free(&md.findings_head);
	part_free(&md.findings);
	return 0;
}
