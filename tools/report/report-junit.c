/* The JUnit XML report, for the test views of Jenkins, GitLab and GitHub.
 *
 * One <testsuite> per subject, one <testcase> per check (classname the
 * subject, name the check), a <failure> for a failed check, an <error>
 * testcase per error document.  A warned check is a passing testcase whose
 * <system-out> says WARN: <skipped> would tell these readers the check did
 * not run, which is false, and the gate passed.  When the testcases alone
 * would look clean while the gate did not pass (an ERROR verdict, or FAIL
 * with no failed check in the stream), a testsuite "po-report" carries the
 * verdict as a testcase of its own.  libxml2 writes and escapes the XML. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "lib/msg.h"
#include "render.h"
#include "xml.h"

static void
attr_count(struct po_xml *x, const char *name, size_t n)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%zu", n);
	po_xml_attr(x, name, buf);
}

/* An element holding only text: <system-out>...</system-out>. */
static void
text_element(struct po_xml *x, const char *element, const char *s)
{
	po_xml_start(x, element);
	po_xml_text(x, s);
	po_xml_end(x);
}

/* The details of a check, a line each, for the body of a <failure> or a
 * <system-out>; the caller frees the text. */
static char *
check_details(const struct po_report_check *c)
{
	char outcome[256];
	char *body = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&body, &len);

	if (f == NULL)
		po_oom();
	fprintf(f, "%s: %s", c->outcome == PO_OUTCOME_PASS ? "pass" :
	    c->outcome == PO_OUTCOME_WARN ? "WARN (over a warn level; the "
	    "gate passes)" : "FAIL", po_format_outcome(outcome,
	    sizeof(outcome), c));
	if (c->has_margin) {
		char margin[PO_FORMAT_SIZE];

		fprintf(f, ", margin %s", po_format_margin(margin, c->margin,
		    c->unit));
	}
	fprintf(f, "\nsubject: %s\ncheck: %s", c->subject, c->name);
	if (c->metric != NULL)
		fprintf(f, " (metric %s)", c->metric);
	if (c->aggregation != NULL)
		fprintf(f, "\naggregation: %s", c->aggregation);
	if (c->message != NULL)
		fprintf(f, "\nmessage: %s", c->message);
	fprintf(f, "\nbudget: %s (%s%s%s)\nchecked by: %s\n",
	    *c->origin_file ? c->origin_file : "-", c->origin_format,
	    c->origin_rule ? ", " : "", c->origin_rule ? c->origin_rule : "",
	    c->source);
	if (fclose(f) != 0)
		po_oom();
	return body;
}

/* A testcase name, made unique within its suite: GitLab keeps only the
 * first of two testcases with the same name. */
static void
testcase_name(char *buf, size_t size, const char *name, size_t occurrence)
{
	if (occurrence <= 1)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%s (%zu)", name, occurrence);
}

static void
write_check(struct po_xml *x, const struct po_report_check *c,
    size_t occurrence)
{
	char *details = check_details(c);
	char *name = po_xmalloc(strlen(c->name) + 32);

	testcase_name(name, strlen(c->name) + 32, c->name, occurrence);
	po_xml_start(x, "testcase");
	po_xml_attr(x, "classname", *c->subject ? c->subject : "(no subject)");
	po_xml_attr(x, "name", name);
	if (c->outcome == PO_OUTCOME_FAIL) {
		char message[256];

		po_xml_start(x, "failure");
		po_xml_attr(x, "message", po_format_outcome(message,
		    sizeof(message), c));
		po_xml_attr(x, "type", "fail");
		po_xml_text(x, details);
		po_xml_end(x);
	} else {
		text_element(x, "system-out", details);
	}
	po_xml_end(x);
	free(name);
	free(details);
}

static void
write_error(struct po_xml *x, const struct po_report_error *e,
    size_t occurrence)
{
	const char *code = e->code ? e->code : "error";
	char *name = po_xmalloc(strlen(code) + 32);
	char *body = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&body, &len);

	if (f == NULL)
		po_oom();
	fprintf(f, "ERROR: %s\nsubject: %s\nreported by: %s\n", e->message,
	    e->subject, e->source);
	if (e->file != NULL)
		fprintf(f, "file: %s\n", e->file);
	if (fclose(f) != 0)
		po_oom();
	testcase_name(name, strlen(code) + 32, code, occurrence);
	po_xml_start(x, "testcase");
	po_xml_attr(x, "classname", *e->subject ? e->subject : "(no subject)");
	po_xml_attr(x, "name", name);
	po_xml_start(x, "error");
	po_xml_attr(x, "message", e->message);
	po_xml_attr(x, "type", code);
	po_xml_text(x, body);
	po_xml_end(x);
	po_xml_end(x);
	free(name);
	free(body);
}

struct named {
	const char *name;
	size_t pos;
};

static int
compare_named(const void *pa, const void *pb)
{
	const struct named *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	if (c != 0)
		return c;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/* occurrence[i] is 1 for the first testcase of a name in the suite, 2 for
 * the second, and so on; sorting keeps this O(n log n) per suite. */
static void
number_names(size_t *occurrence, const char **names, size_t n)
{
	struct named *sorted = po_xcalloc(n, sizeof(*sorted));

	for (size_t i = 0; i < n; i++)
		sorted[i] = (struct named){ names[i], i };
	qsort(sorted, n, sizeof(*sorted), compare_named);
	for (size_t i = 0; i < n; i++)
		occurrence[sorted[i].pos] = i > 0 &&
		    strcmp(sorted[i].name, sorted[i - 1].name) == 0 ?
		    occurrence[sorted[i - 1].pos] + 1 : 1;
	free(sorted);
}

/* The checks [c0, c1) and errors [e0, e1) of check_order and error_order
 * are those of one subject. */
static void
write_suite(struct po_xml *x, const struct po_report *report,
    const char *subject, size_t c0, size_t c1, size_t e0, size_t e1)
{
	size_t n = (c1 - c0) + (e1 - e0);
	const char **names = po_xcalloc(n, sizeof(*names));
	size_t *occurrence = po_xcalloc(n, sizeof(*occurrence));
	size_t nfailed = 0;

	for (size_t i = c0; i < c1; i++) {
		const struct po_report_check *c =
		    &report->checks[report->check_order[i]];

		names[i - c0] = c->name;
		nfailed += c->outcome == PO_OUTCOME_FAIL;
	}
	for (size_t i = e0; i < e1; i++) {
		const struct po_report_error *e =
		    &report->errors[report->error_order[i]];

		names[c1 - c0 + i - e0] = e->code ? e->code : "error";
	}
	number_names(occurrence, names, n);
	po_xml_start(x, "testsuite");
	po_xml_attr(x, "name", *subject ? subject : "(no subject)");
	attr_count(x, "tests", n);
	attr_count(x, "failures", nfailed);
	attr_count(x, "errors", e1 - e0);
	attr_count(x, "skipped", 0);
	for (size_t i = c0; i < c1; i++)
		write_check(x, &report->checks[report->check_order[i]],
		    occurrence[i - c0]);
	for (size_t i = e0; i < e1; i++)
		write_error(x, &report->errors[report->error_order[i]],
		    occurrence[c1 - c0 + i - e0]);
	po_xml_end(x);
	free(names);
	free(occurrence);
}

static void
write_verdict(struct po_xml *x, const struct po_report *report)
{
	const char *reason = po_report_error_reason(report);
	bool error = report->verdict == PO_VERDICT_ERROR;
	char message[512];
	char tally[256];

	if (report->summary.present)
		po_format_tally(tally, sizeof(tally), &report->summary);
	if (reason != NULL)
		snprintf(message, sizeof(message), "%s: %s",
		    po_verdict_title(report->verdict), reason);
	else
		snprintf(message, sizeof(message), "%s: %s",
		    po_verdict_title(report->verdict), tally);
	po_xml_start(x, "testsuite");
	po_xml_attr(x, "name", "po-report");
	attr_count(x, "tests", 1);
	attr_count(x, "failures", !error);
	attr_count(x, "errors", error);
	attr_count(x, "skipped", 0);
	po_xml_start(x, "testcase");
	po_xml_attr(x, "classname", "po-report");
	po_xml_attr(x, "name", "verdict");
	po_xml_start(x, error ? "error" : "failure");
	po_xml_attr(x, "message", message);
	po_xml_attr(x, "type", error ? "error" : "fail");
	po_xml_text(x, message);
	if (report->summary.present && report->summary.message != NULL) {
		po_xml_text(x, "\n");
		po_xml_text(x, report->summary.message);
	}
	po_xml_end(x);
	po_xml_end(x);
	po_xml_end(x);
}

/* Whether the testcases of the checks and errors alone would hide the
 * verdict from a JUnit reader. */
static bool
verdict_needs_testcase(const struct po_report *report)
{
	if (report->verdict == PO_VERDICT_ERROR)
		return true;
	if (report->verdict != PO_VERDICT_FAIL)
		return false;
	for (size_t i = 0; i < report->nchecks; i++)
		if (report->checks[i].outcome == PO_OUTCOME_FAIL)
			return false;
	return true;
}

static void
write_suites(struct po_xml *x, const struct po_report *report)
{
	size_t nfailed = 0;
	bool extra = verdict_needs_testcase(report);
	bool extra_error = report->verdict == PO_VERDICT_ERROR;

	for (size_t i = 0; i < report->nchecks; i++)
		nfailed += report->checks[i].outcome == PO_OUTCOME_FAIL;
	po_xml_start(x, "testsuites");
	po_xml_attr(x, "name", "po");
	attr_count(x, "tests", report->nchecks + report->nerrors + extra);
	attr_count(x, "failures", nfailed + (extra && !extra_error));
	attr_count(x, "errors", report->nerrors + (extra && extra_error));
	attr_count(x, "skipped", 0);
	for (size_t s = 0, c = 0, e = 0; s < report->nsubjects; s++) {
		size_t c1 = c, e1 = e;

		while (c1 < report->nchecks &&
		    report->checks[report->check_order[c1]].subject_id == s)
			c1++;
		while (e1 < report->nerrors &&
		    report->errors[report->error_order[e1]].subject_id == s)
			e1++;
		write_suite(x, report, report->subjects[s], c, c1, e, e1);
		c = c1;
		e = e1;
	}
	if (extra)
		write_verdict(x, report);
	po_xml_end(x);
}

int
po_render_junit(const struct po_report *report,
    const struct po_render_opts *opts)
{
	struct po_xml x;

	po_xml_open(&x, true);
	write_suites(&x, report);
	return po_xml_close(&x, "the JUnit XML report");
}
