/* Lighthouse's budget.json (Lighthouse 6 to 11; dropped in 12): an array of
 * budgets, each with a `path` pattern, `timings`, `resourceSizes` (KiB),
 * `resourceCounts` and `options.firstPartyHostnames`.
 *
 * Parsed here once; held against runs with Lighthouse 11's own semantics
 * (the last budget whose path matches a run's URL applies, each run on its
 * own) by po_lhbudget_evaluate, and converted to assertions with Lighthouse
 * CI's semantics by the LHCI module. */
#ifndef PO_BUDGET_LIGHTHOUSE_H
#define PO_BUDGET_LIGHTHOUSE_H

#include <stddef.h>
#include <yajl/yajl_tree.h>

#include "check.h"
#include "runs.h"

struct po_lhbudget_limit {
	char *key;              /* metric id or resource type, as written */
	double budget;          /* ms, unitless (CLS), KiB, or a count */
};

struct po_lhbudget_entry {
	char *path;             /* NULL: every URL */
	struct po_lhbudget_limit *timings;
	size_t ntimings;
	struct po_lhbudget_limit *sizes;        /* KiB */
	size_t nsizes;
	struct po_lhbudget_limit *counts;
	size_t ncounts;
	char **first_party;     /* options.firstPartyHostnames */
	size_t nfirst_party;
};

struct po_lhbudget {
	char *file;
	struct po_lhbudget_entry *entries;
	size_t nentries;
};

/* True when `root` looks like a Lighthouse budget file (an array). */
int po_lhbudget_detect(yajl_val root);

/* Validates and copies the budgets in `root` (read from `file`), refusing
 * what Lighthouse refuses: unknown keys, unknown timing metrics or resource
 * types, duplicates, negative or non-numeric budgets, a bad path; and what
 * it would take for a pass with nothing checked: no budgets, or none that
 * sets a limit.  Returns 0, or -1 after a message.  The caller owns *out. */
int po_lhbudget_parse(struct po_lhbudget **out, yajl_val root,
    const char *file);

/* Whether the path pattern of a budget matches `url`, as Lighthouse's
 * Budget.urlMatchesPattern decides. */
int po_lhbudget_path_matches(const char *pattern, const char *url);

/* Holds each run against the last budget whose path matches its URL. */
void po_lhbudget_evaluate(const struct po_lhbudget *budget,
    const struct po_runset *runs, struct po_tally *tally);

void po_lhbudget_free(struct po_lhbudget *budget);

#endif
