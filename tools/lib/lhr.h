/* A Lighthouse report (LHR, Lighthouse 9 to 13) reduced to what po uses,
 * read in one streaming pass: the screenshots and traces that make a report
 * 10 MB are skipped by the scanner, never held. */
#ifndef PO_LHR_H
#define PO_LHR_H

#include <stddef.h>

#include "input.h"

/* Numbers are kept as the report spelled them (NULL when absent or null),
 * so that they are written out at the precision Lighthouse gave. */
struct po_lhr_audit {
	char *id;
	char *title;
	char *mode;                     /* scoreDisplayMode */
	char *score;
	char *value;                    /* numericValue */
	char *display;                  /* displayValue */
	char *details_type;
	long nitems;                    /* details.items as an array, or -1 */
	char *savings_ms;               /* details.overallSavingsMs */
	char *savings_bytes;            /* details.overallSavingsBytes */
	char *wasted_bytes;             /* details.debugData.wastedBytes */
	char *metric_savings[5];        /* metricSavings, by po_lhr_savings_keys */
	char *group;                    /* its group in the performance category */
};

extern const char *const po_lhr_savings_keys[5];

struct po_lhr_category {
	char *id;
	char *score;
};

/* One row of resource-summary, or of performance-budget (LH 9 to 11). */
struct po_lhr_resource {
	char *type;
	char *count;                    /* requestCount */
	char *size;                     /* transferSize */
	char *size_over;                /* sizeOverBudget (budget rows only) */
	char *count_over;               /* countOverBudget, e.g. "1 request" */
};

struct po_lhr {
	char *file;
	char *version;                  /* lighthouseVersion */
	char *requested_url;
	char *final_url;
	char *fetch_time;
	char *form_factor;
	char *runtime_code;             /* runtimeError.code */
	char *runtime_message;
	struct po_lhr_category *categories;
	size_t ncategories;
	struct po_lhr_audit *audits;
	size_t naudits;
	struct po_lhr_resource *resources;
	size_t nresources;
	struct po_lhr_resource *budget_rows;
	size_t nbudget_rows;
};

/* Reads one report from `in`.  Returns 0, or -1 after a message naming the
 * file, line and column (bad JSON, not a Lighthouse report).  A report that
 * carries a runtimeError is a success here: it is described, not refused.
 * The caller owns *out. */
int po_lhr_read(struct po_lhr **out, struct po_input *in);

/* The audit `id`, or NULL.  Borrowed from `lhr`. */
const struct po_lhr_audit *po_lhr_audit(const struct po_lhr *lhr,
    const char *id);

void po_lhr_free(struct po_lhr *lhr);

#endif
