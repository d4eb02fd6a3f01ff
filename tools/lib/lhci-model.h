/* The assert options of a Lighthouse CI configuration as po holds them:
 * what `lhci assert` reads from `ci.assert` (or makes of a budgetsFile),
 * validated once by lhci-config.c and asserted by lhci-assert.c. */
#ifndef PO_LHCI_MODEL_H
#define PO_LHCI_MODEL_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

enum po_lhci_level {
	PO_LHCI_OFF,
	PO_LHCI_WARN,
	PO_LHCI_ERROR
};

/* aggregationMethod; UNSET is lhci's `undefined`, which its standard
 * assertions read as optimistic but median-run checks do not. */
enum po_lhci_agg {
	PO_LHCI_AGG_UNSET,
	PO_LHCI_AGG_OPTIMISTIC,
	PO_LHCI_AGG_PESSIMISTIC,
	PO_LHCI_AGG_MEDIAN,
	PO_LHCI_AGG_MEDIAN_RUN
};

enum po_lhci_preset {
	PO_LHCI_PRESET_NONE,
	PO_LHCI_PRESET_ALL,
	PO_LHCI_PRESET_RECOMMENDED,
	PO_LHCI_PRESET_NO_PWA
};

/* The options object of an assertion: each member only when written. */
struct po_lhci_opts {
	bool has_min_score;
	bool has_max_length;
	bool has_max_numeric;
	double min_score;
	double max_length;
	double max_numeric;
	enum po_lhci_agg agg;
};

/* An assertion value as written: "warn", or ["warn"] / ["warn", {...}].
 * The difference matters when it is merged over a preset's value. */
struct po_lhci_value {
	bool is_array;
	bool has_opts;          /* an array with its options object */
	enum po_lhci_level level;
	struct po_lhci_opts opts;
};

/* One key of an `assertions` object: "categories:performance" is audit
 * "categories", property "performance". */
struct po_lhci_assertion {
	char *key;
	char *audit_id;
	char *property;         /* the rest of the key joined by '.', or NULL */
	int nprops;
	struct po_lhci_value value;
	char *where;            /* for messages and check origins */
};

/* One set of base options: the top level of ci.assert, or one entry of
 * its assertMatrix (or of the matrix a budgetsFile becomes). */
struct po_lhci_optset {
	char *where;
	enum po_lhci_preset preset;
	struct po_lhci_assertion *assertions;
	size_t nassertions;
	enum po_lhci_agg agg;
	bool has_pattern;
	char *pattern;          /* the JavaScript source, for messages */
	regex_t re;
};

struct po_lhci {
	char *file;
	struct po_lhci_optset *sets;
	size_t nsets;
};

/* The lhci name of an aggregation method ("optimistic" for UNSET). */
const char *po_lhci_agg_name(enum po_lhci_agg agg);

#endif
