/* The canonical metric names of the po stream, with their units and which
 * direction is better.  Names not in the table are still valid; their unit
 * is then whatever the document that carries them says. */
#ifndef PO_METRIC_H
#define PO_METRIC_H

#include <stdbool.h>

struct po_metric_def {
	const char *name;               /* canonical po name: "lcp" */
	const char *audit;              /* the Lighthouse audit it comes from,
	                                 * or NULL (po-audit's own) */
	const char *unit;               /* "ms", "bytes", "score", "count",
	                                 * "unitless", "ratio", "rps" */
	bool lower_is_better;
	const char *title;
};

/* The fixed table, ended by an entry whose name is NULL. */
extern const struct po_metric_def po_metric_defs[];

/* The definition of `name`, including the families "score.<category>",
 * "server-timing.<name>", "resource.<type>.size" and
 * "resource.<type>.count" (for which a static entry describing the family
 * is returned), or NULL. */
const struct po_metric_def *po_metric_find(const char *name);

/* The canonical name of a Lighthouse audit id ("largest-contentful-paint"
 * gives "lcp"), or NULL when the audit is not a po metric. */
const char *po_metric_from_audit(const char *audit);

#endif
