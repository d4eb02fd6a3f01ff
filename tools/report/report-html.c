/* The HTML report: one self-contained page to open in a browser or keep
 * as a CI artifact.  The verdict, the checks, the regression checks before
 * and after, the error documents, a chart of each series of the history
 * with its budget line, and the top findings.  No script, no request for
 * anything (the style sheet is inline, the charts are inline SVG), so the
 * page shows the same offline, from a mail attachment or a sandboxed
 * artifact viewer.
 *
 * libxml2 writes it, as polyglot markup: an XML parser reads it too, which
 * is how the tests check it.  Non-void elements always get an end tag,
 * since an HTML parser reads <td/> as an unclosed <td>. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "format.h"
#include "render.h"
#include "svg.h"
#include "xml.h"

/* How many findings the page lists. */
#define TOP_FINDINGS 10

/* No '<', '>' or '&': the writer would escape them, and a style sheet is
 * not read as escaped text. */
static const char style[] =
    "body { font-family: system-ui, sans-serif; margin: 2em auto; "
    "max-width: 72em; padding: 0 1em; color: #1f2328; background: #ffffff; }"
    "\nh1 { margin: 0; font-size: 1.8em; }"
    "\n.verdict { padding: 1em 1.5em; border-radius: 8px; "
    "border-left: 8px solid; margin-bottom: 1.5em; }"
    "\n.verdict.pass { background: #dafbe1; border-color: #1a7f37; }"
    "\n.verdict.warn { background: #fff8c5; border-color: #9a6700; }"
    "\n.verdict.fail, .verdict.error { background: #ffebe9; "
    "border-color: #cf222e; }"
    "\ntable { border-collapse: collapse; margin: 0.5em 0 1.5em; }"
    "\nth, td { border: 1px solid #d0d7de; padding: 0.3em 0.6em; "
    "text-align: left; vertical-align: top; }"
    "\nth { background: #f6f8fa; }"
    "\ntd.num { text-align: right; font-variant-numeric: tabular-nums; "
    "white-space: nowrap; }"
    "\ntd.subject { word-break: break-all; }"
    "\ntr.fail td.status { color: #cf222e; font-weight: bold; }"
    "\ntr.warn td.status { color: #9a6700; font-weight: bold; }"
    "\ntr.pass td.status { color: #1a7f37; }"
    "\nfigure { margin: 0 0 1.5em; }"
    "\nfigcaption { color: #59636e; font-size: 0.9em; }"
    "\nsvg { max-width: 100%; height: auto; border: 1px solid #d0d7de; }\n";

static const char *const verdict_class[] = { "pass", "warn", "fail", "error" };
static const char *const outcome_class[] = { "fail", "warn", "pass" };

static void
cell(struct po_xml *x, const char *class, const char *text)
{
	po_xml_start(x, "td");
	if (class != NULL)
		po_xml_attr(x, "class", class);
	po_xml_text(x, text);
	po_xml_end_full(x);
}

static void
header_row(struct po_xml *x, const char *const *names)
{
	po_xml_start(x, "thead");
	po_xml_start(x, "tr");
	for (size_t i = 0; names[i] != NULL; i++)
		po_xml_element(x, "th", names[i]);
	po_xml_end_full(x);
	po_xml_end_full(x);
}

static void
write_head(struct po_xml *x, const struct po_report *report)
{
	po_xml_start(x, "head");
	po_xml_start(x, "meta");
	po_xml_attr(x, "charset", "utf-8");
	po_xml_end(x);
	po_xml_start(x, "meta");
	po_xml_attr(x, "name", "viewport");
	po_xml_attr(x, "content", "width=device-width, initial-scale=1");
	po_xml_end(x);
	po_xml_start(x, "title");
	po_xml_textf(x, "po report: %s", po_verdict_title(report->verdict));
	po_xml_end_full(x);
	po_xml_element(x, "style", style);
	po_xml_end_full(x);
}

static void
write_verdict(struct po_xml *x, const struct po_report *report)
{
	const char *reason = po_report_error_reason(report);
	const struct po_report_summary *s = &report->summary;
	char tally[256];

	po_xml_start(x, "header");
	po_xml_attrf(x, "class", "verdict %s", verdict_class[report->verdict]);
	po_xml_attr(x, "id", "verdict");
	po_xml_element(x, "h1", po_verdict_title(report->verdict));
	if (s->present)
		po_format_tally(tally, sizeof(tally), s);
	if (reason != NULL) {
		po_xml_start(x, "p");
		po_xml_textf(x, "Error: %s.", reason);
		if (s->present)
			po_xml_textf(x, " The last summary said %s: %s.",
			    po_verdict_title(s->status), tally);
		po_xml_end_full(x);
	} else {
		po_xml_start(x, "p");
		po_xml_textf(x, "%s.", tally);
		po_xml_end_full(x);
	}
	if (s->present && s->message != NULL) {
		po_xml_start(x, "p");
		po_xml_textf(x, "Summary from %s: %s", s->source, s->message);
		po_xml_end_full(x);
	}
	po_xml_end_full(x);
}

static void
section(struct po_xml *x, const char *id, const char *title)
{
	po_xml_start(x, "section");
	po_xml_attr(x, "id", id);
	po_xml_element(x, "h2", title);
}

static void
check_row(struct po_xml *x, const struct po_report_check *c)
{
	char value[PO_FORMAT_SIZE], limit[PO_FORMAT_SIZE];
	char margin[PO_FORMAT_SIZE];

	if (c->has_value)
		po_format_pair(value, limit, c->value, c->limit, c->unit);
	else
		po_format_value(limit, c->limit, c->unit);
	po_xml_start(x, "tr");
	po_xml_attr(x, "class", outcome_class[c->outcome]);
	cell(x, "status", outcome_class[c->outcome]);
	cell(x, "subject", *c->subject ? c->subject : "(no subject)");
	po_xml_start(x, "td");
	po_xml_text(x, c->name);
	if (c->metric != NULL && strcmp(c->metric, c->name) != 0)
		po_xml_textf(x, " (%s)", c->metric);
	po_xml_end_full(x);
	cell(x, "num", c->has_value ? value : "n/a");
	po_xml_start(x, "td");
	po_xml_attr(x, "class", "num");
	po_xml_textf(x, "%s %s", c->op, limit);
	po_xml_end_full(x);
	cell(x, "num", c->has_margin ? po_format_margin(margin, c->margin,
	    c->unit) : "n/a");
	cell(x, NULL, c->message ? c->message : "");
	po_xml_end_full(x);
}

/* Failures first, then warnings, then passes, each by subject. */
static void
write_checks(struct po_xml *x, const struct po_report *report)
{
	static const char *const names[] = {
		"Status", "Subject", "Check", "Value", "Limit", "Margin",
		"Note", NULL
	};

	if (report->nchecks == 0)
		return;
	section(x, "checks", "Checks");
	po_xml_start(x, "table");
	header_row(x, names);
	po_xml_start(x, "tbody");
	for (int outcome = PO_OUTCOME_FAIL; outcome <= PO_OUTCOME_PASS;
	    outcome++)
		for (size_t i = 0; i < report->nchecks; i++) {
			const struct po_report_check *c =
			    &report->checks[report->check_order[i]];

			if ((int)c->outcome == outcome)
				check_row(x, c);
		}
	po_xml_end_full(x);
	po_xml_end_full(x);
	po_xml_end_full(x);
}

static void
before_after_row(struct po_xml *x, const struct po_report_check *c)
{
	char before[PO_FORMAT_SIZE], after[PO_FORMAT_SIZE];
	char change[PO_FORMAT_SIZE], test[256];

	po_format_before_after(before, after, c);
	po_xml_start(x, "tr");
	po_xml_attr(x, "class", outcome_class[c->outcome]);
	cell(x, "subject", *c->subject ? c->subject : "(no subject)");
	cell(x, NULL, c->metric ? c->metric : c->name);
	cell(x, "num", before);
	cell(x, "num", after);
	cell(x, "num", po_format_change(change, c));
	cell(x, "status", po_format_target(c->outcome));
	cell(x, NULL, po_format_test(test, sizeof(test), c));
	po_xml_end_full(x);
}

static void
write_before_after(struct po_xml *x, const struct po_report *report)
{
	static const char *const names[] = {
		"Subject", "Metric", "Before", "After", "Change", "Target met",
		"Test", NULL
	};

	if (report->nregressions == 0)
		return;
	section(x, "before-after", "Before and after");
	po_xml_start(x, "table");
	header_row(x, names);
	po_xml_start(x, "tbody");
	for (size_t i = 0; i < report->nchecks; i++) {
		const struct po_report_check *c =
		    &report->checks[report->check_order[i]];

		if (c->regression)
			before_after_row(x, c);
	}
	po_xml_end_full(x);
	po_xml_end_full(x);
	po_xml_end_full(x);
}

static void
write_errors(struct po_xml *x, const struct po_report *report)
{
	static const char *const names[] = {
		"Subject", "Source", "Code", "Message", NULL
	};

	if (report->nerrors == 0)
		return;
	section(x, "errors", "Errors");
	po_xml_start(x, "table");
	header_row(x, names);
	po_xml_start(x, "tbody");
	for (size_t i = 0; i < report->nerrors; i++) {
		const struct po_report_error *e =
		    &report->errors[report->error_order[i]];

		po_xml_start(x, "tr");
		po_xml_attr(x, "class", "fail");
		cell(x, "subject", *e->subject ? e->subject : "(no subject)");
		cell(x, NULL, e->source);
		cell(x, NULL, e->code ? e->code : "");
		cell(x, NULL, e->message);
		po_xml_end_full(x);
	}
	po_xml_end_full(x);
	po_xml_end_full(x);
	po_xml_end_full(x);
}

static void
write_history(struct po_xml *x, const struct po_report *report)
{
	size_t n;
	const struct po_history_series *s = po_history_series(report->history,
	    &n);
	char phrase[512];

	if (n == 0)
		return;
	section(x, "history", "History");
	for (size_t i = 0; i < n; i++) {
		po_xml_start(x, "figure");
		po_svg_chart(x, &s[i]);
		po_xml_start(x, "figcaption");
		po_xml_textf(x, "%s of %s (%s): %s", s[i].metric,
		    *s[i].subject ? s[i].subject : "(no subject)", s[i].source,
		    po_format_history(phrase, sizeof(phrase), &s[i]));
		po_xml_end_full(x);
		po_xml_end_full(x);
	}
	po_xml_end_full(x);
}

static void
savings(char *buf, size_t size, const struct po_report_finding *f)
{
	char ms[PO_FORMAT_SIZE], bytes[PO_FORMAT_SIZE];

	snprintf(buf, size, "%s%s%s", f->has_ms ? po_format_value(ms,
	    f->savings_ms, "ms") : "", f->has_ms && f->has_bytes ? ", " : "",
	    f->has_bytes ? po_format_value(bytes, f->savings_bytes, "bytes") :
	    !f->has_ms ? "n/a" : "");
}

static void
write_findings(struct po_xml *x, const struct po_report *report)
{
	static const char *const names[] = {
		"#", "Finding", "Subject", "Savings", "Severity", "Impact",
		"Effort", NULL
	};
	size_t shown = report->nfindings < TOP_FINDINGS ? report->nfindings :
	    TOP_FINDINGS;
	char buf[2 * PO_FORMAT_SIZE + 8];

	if (shown == 0)
		return;
	section(x, "findings", "Top findings");
	po_xml_start(x, "p");
	po_xml_textf(x, "%zu of %zu, by estimated savings.", shown,
	    report->nfindings);
	po_xml_end_full(x);
	po_xml_start(x, "table");
	header_row(x, names);
	po_xml_start(x, "tbody");
	for (size_t i = 0; i < shown; i++) {
		const struct po_report_finding *f = &report->findings[i];

		po_xml_start(x, "tr");
		snprintf(buf, sizeof(buf), "%zu", i + 1);
		cell(x, "num", buf);
		cell(x, NULL, f->title);
		cell(x, "subject", f->subject);
		savings(buf, sizeof(buf), f);
		cell(x, "num", buf);
		cell(x, NULL, po_grade_words[f->severity]);
		cell(x, NULL, po_grade_words[f->impact]);
		cell(x, NULL, po_grade_words[f->effort]);
		po_xml_end_full(x);
	}
	po_xml_end_full(x);
	po_xml_end_full(x);
	po_xml_end_full(x);
}

int
po_render_html(const struct po_report *report,
    const struct po_render_opts *opts)
{
	struct po_xml x;

	po_xml_open(&x, false);
	if (xmlTextWriterStartDTD(x.w, BAD_CAST "html", NULL, NULL) < 0 ||
	    xmlTextWriterEndDTD(x.w) < 0)
		x.failed = true;
	po_xml_start(&x, "html");
	po_xml_attr(&x, "lang", "en");
	write_head(&x, report);
	po_xml_start(&x, "body");
	write_verdict(&x, report);
	write_checks(&x, report);
	write_before_after(&x, report);
	write_errors(&x, report);
	write_history(&x, report);
	write_findings(&x, report);
	po_xml_end_full(&x);
	po_xml_end_full(&x);
	return po_xml_close(&x, "the HTML report");
}
