/* The chart of one series of the history, as an SVG element: its values
 * oldest commit first, a point per commit with its commit, time and value
 * in a tooltip, and the budget's limit as a dashed line.  Colours are
 * attributes, not CSS, so that the chart looks the same alone (-f svg) and
 * inside the HTML report. */
#ifndef PO_REPORT_SVG_H
#define PO_REPORT_SVG_H

#include "history.h"
#include "xml.h"

/* Writes the <svg> element of `series`, with its namespace. */
void po_svg_chart(struct po_xml *x, const struct po_history_series *series);

#endif
