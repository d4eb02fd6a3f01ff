/* The SVG report: the chart of one series of the history, alone, for a
 * README badge, a wiki page or an artifact.  --metric and --subject pick
 * the series; a choice that leaves none, or more than one, is an error
 * rather than a guess. */
#include "config.h"

#include "lib/msg.h"
#include "render.h"
#include "svg.h"
#include "xml.h"

int
po_render_svg(const struct po_report *report,
    const struct po_render_opts *opts)
{
	size_t n;
	const struct po_history_series *s = po_history_series(report->history,
	    &n);
	struct po_xml x;

	if (n == 0) {
		po_error(NULL, 0, 0, "no history to draw: -f svg needs metrics "
		    "documents tagged with a commit, as po-baseline log writes "
		    "them%s", opts->metric || opts->subject ? ", of the metric "
		    "and subject asked for" : "");
		return -1;
	}
	if (n > 1) {
		po_error(NULL, 0, 0, "%zu series in the history: -f svg draws "
		    "one; pick it with --metric NAME and --subject SUBJECT "
		    "(the first is '%.80s' of '%.200s')", n, s[0].metric,
		    s[0].subject);
		return -1;
	}
	po_xml_open(&x, true);
	po_svg_chart(&x, &s[0]);
	return po_xml_close(&x, "the SVG chart");
}
