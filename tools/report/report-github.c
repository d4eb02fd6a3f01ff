/* The GitHub Actions report: workflow commands that the runner turns into
 * annotations.  "::error" for a failed check and an error document,
 * "::warning" for a warned check, "::notice" for the verdict ("::error"
 * when the verdict is ERROR: a gate that could not decide must not look
 * like a note). */
#include "config.h"

#include <stdio.h>

#include "format.h"
#include "render.h"

/* Writes untrusted text as the runner reads it: '%', CR and LF are
 * percent-encoded in a message (a raw line break would end the command
 * and let the rest of the text issue one of its own), and in a property
 * ':' and ',' as well, which would end the property.  Other control
 * characters (an escape sequence would repaint the log) become '?'. */
static void
put_escaped(const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%':
			fputs("%25", stdout);
			break;
		case '\r':
			fputs("%0D", stdout);
			break;
		case '\n':
			fputs("%0A", stdout);
			break;
		case ':':
			fputs(property ? "%3A" : ":", stdout);
			break;
		case ',':
			fputs(property ? "%2C" : ",", stdout);
			break;
		default:
			putchar((unsigned char)*s < 0x20 || *s == 0x7f ? '?' :
			    *s);
		}
	}
}

/* "::error title=FAIL lcp (subject)::" */
static void
command(const char *kind, const char *tag, const char *name,
    const char *subject)
{
	printf("::%s title=", kind);
	put_escaped(tag, true);
	putchar(' ');
	put_escaped(name, true);
	if (subject != NULL && *subject) {
		put_escaped(" (", true);
		put_escaped(subject, true);
		put_escaped(")", true);
	}
	fputs("::", stdout);
}

static void
write_check(const struct po_report_check *c)
{
	char outcome[256];
	char beyond[PO_FORMAT_SIZE];
	bool fail = c->outcome == PO_OUTCOME_FAIL;

	command(fail ? "error" : "warning", fail ? "FAIL" : "WARN", c->name,
	    c->subject);
	put_escaped(po_format_outcome(outcome, sizeof(outcome), c), false);
	if (po_format_beyond(beyond, c) != NULL)
		printf(" (%s)", beyond);
	if (c->message != NULL) {
		fputs(": ", stdout);
		put_escaped(c->message, false);
	}
	putchar('\n');
}

static void
write_error(const struct po_report_error *e)
{
	command("error", "ERROR", e->code ? e->code : e->source, e->subject);
	put_escaped(e->message, false);
	putchar('\n');
}

static void
write_verdict(const struct po_report *report)
{
	const char *reason = po_report_error_reason(report);
	const struct po_report_summary *s = &report->summary;
	char tally[256];

	printf("::%s title=", report->verdict == PO_VERDICT_ERROR ? "error" :
	    "notice");
	put_escaped("po: ", true);
	put_escaped(po_verdict_title(report->verdict), true);
	fputs("::", stdout);
	if (s->present)
		po_format_tally(tally, sizeof(tally), s);
	if (reason != NULL) {
		put_escaped(reason, false);
		if (s->present)
			printf("; the last summary said %s: %s",
			    po_verdict_title(s->status), tally);
	} else {
		fputs(tally, stdout);
	}
	if (s->present && s->message != NULL) {
		fputs(". ", stdout);
		put_escaped(s->message, false);
	}
	putchar('\n');
}

int
po_render_github(const struct po_report *report,
    const struct po_render_opts *opts)
{
	for (int outcome = PO_OUTCOME_FAIL; outcome < PO_OUTCOME_PASS;
	    outcome++)
		for (size_t i = 0; i < report->nchecks; i++) {
			const struct po_report_check *c =
			    &report->checks[report->check_order[i]];

			if ((int)c->outcome == outcome)
				write_check(c);
		}
	for (size_t i = 0; i < report->nerrors; i++)
		write_error(&report->errors[report->error_order[i]]);
	write_verdict(report);
	return 0;
}
