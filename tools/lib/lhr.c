#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-scan.h"
#include "lhr.h"
#include "msg.h"
#include "num.h"

/* audits.<id>.details.items[<n>].<field> is the deepest place read. */
#define LHR_MAX_DEPTH_READ 6
/* Lighthouse has a few hundred audits and categories; the caps, far above
 * that, bound the memory that a hostile report can make po take. */
#define LHR_MAX_AUDITS 100000
#define LHR_MAX_CATEGORIES 2000

const char *const po_lhr_savings_keys[5] = { "FCP", "LCP", "TBT", "CLS",
	"INP" };

/* A group that an auditRef of the performance category gives an audit. */
struct group_ref {
	char *id;
	char *group;
	size_t pos;                     /* in the report, for a stable sort */
};

struct reader {
	struct po_lhr *lhr;
	size_t cap_audits;
	size_t cap_categories;
	size_t cap_resources;
	size_t cap_budget_rows;
	/* The groups are given to the audits once the whole report is read,
	 * through a sorted array: looking each auditRef up in every audit as
	 * it came took 16 s on a report of 50 000 of them. */
	char *ref_id;
	struct group_ref *refs;
	size_t nrefs;
	size_t cap_refs;
	/* Whether the details being read have had items, and whether an
	 * array or an object (OPEN_ARRAY or OPEN_MAP): they are checked
	 * against details.type, which may come before or after them. */
	bool have_items;
	enum po_scan_kind items_kind;
	/* What was wrong with the value just handled, for on_value to report
	 * with its path; NULL when nothing was. */
	const char *bad;
	enum po_scan_kind bad_kind;
	char bad_text[160];
	/* The string just handled is a data: URL that the scanner passed
	 * over (json-skim.h); po keeps no such value. */
	bool cut;
};

static void
set(char **field, const char *text, size_t len)
{
	free(*field);
	*field = po_xstrndup(text, len);
}

static void *
grow(void *array, size_t *cap, size_t used, size_t elem)
{
	if (used < *cap)
		return array;
	*cap = *cap ? *cap * 2 : 16;
	array = po_xrealloc(array, *cap * elem);
	memset((char *)array + used * elem, 0, (*cap - used) * elem);
	return array;
}

static struct po_lhr_audit *
current_audit(struct reader *r)
{
	return r->lhr->naudits ? &r->lhr->audits[r->lhr->naudits - 1] : NULL;
}

static void
new_audit(struct reader *r, const char *id)
{
	struct po_lhr *lhr = r->lhr;
	struct po_lhr_audit *audit;

	if (lhr->naudits >= LHR_MAX_AUDITS) {
		r->bad = "more audits than any Lighthouse report has";
		r->bad_kind = PO_SCAN_OPEN_MAP;
		return;
	}
	lhr->audits = grow(lhr->audits, &r->cap_audits, lhr->naudits,
	    sizeof(*lhr->audits));
	audit = &lhr->audits[lhr->naudits++];
	audit->id = po_xstrdup(id);
	audit->nitems = -1;
}

/* Numbers and null are both kept as text; null (and a wrong type) leave the
 * field NULL, which the writers turn back into null or leave out. */
static void expect_object(struct reader *r, enum po_scan_kind kind,
    bool null_ok);

static const char *
kind_name(enum po_scan_kind kind)
{
	switch (kind) {
	case PO_SCAN_NULL:
		return "null";
	case PO_SCAN_BOOL:
		return "a boolean";
	case PO_SCAN_NUMBER:
		return "a number";
	case PO_SCAN_STRING:
		return "a string";
	case PO_SCAN_OPEN_MAP:
		return "an object";
	default:
		return "an array";
	}
}

/* Numbers are kept as text, and null leaves the field NULL, which the
 * writers turn back into null or leave out.  Anything else where a number
 * belongs is a broken report, not a missing value: quietly dropping it
 * could turn a failing page into a passing one. */
static void
set_number(struct reader *r, char **field, enum po_scan_kind kind,
    const char *text, size_t len)
{
	double value;

	if (kind == PO_SCAN_NULL || kind == PO_SCAN_CLOSE_MAP ||
	    kind == PO_SCAN_CLOSE_ARRAY)
		return;
	if (kind != PO_SCAN_NUMBER) {
		r->bad = "expected a number";
		r->bad_kind = kind;
		return;
	}
	if (po_num_parse(&value, text, len) < 0) {
		r->bad = "a number out of range";
		r->bad_kind = kind;
		return;
	}
	set(field, text, len);
}

/* Scores are fractions: Lighthouse shows 0.9 as 90. */
static void
set_score(struct reader *r, char **field, enum po_scan_kind kind,
    const char *text, size_t len)
{
	double score;

	set_number(r, field, kind, text, len);
	if (r->bad == NULL && kind == PO_SCAN_NUMBER &&
	    (po_num_parse(&score, text, len) < 0 || score < 0 || score > 1)) {
		r->bad = "a score is from 0 to 1";
		r->bad_kind = kind;
	}
}

/* LH 13's checklists make details.items an object; elsewhere an array. */
static void
expect_object(struct reader *r, enum po_scan_kind kind, bool null_ok)
{
	if (kind == PO_SCAN_OPEN_MAP || kind == PO_SCAN_CLOSE_MAP ||
	    (null_ok && kind == PO_SCAN_NULL))
		return;
	r->bad = "expected an object";
	r->bad_kind = kind;
}

static void
expect_container(struct reader *r, enum po_scan_kind kind)
{
	if (kind == PO_SCAN_OPEN_ARRAY || kind == PO_SCAN_OPEN_MAP ||
	    kind == PO_SCAN_CLOSE_ARRAY || kind == PO_SCAN_CLOSE_MAP ||
	    kind == PO_SCAN_NULL)
		return;
	r->bad = "expected an array";
	r->bad_kind = kind;
}

/* What details.items is in details of type `type`: OPEN_MAP for a
 * checklist (LH 13: items keyed by check), OPEN_ARRAY for the types whose
 * items are rows, and PO_SCAN_NULL when Lighthouse puts anything there
 * (debugdata) or the type is one po does not know, such as a newer
 * Lighthouse's. */
static enum po_scan_kind
items_kind_of(const char *type)
{
	static const char *const row_types[] = { "table", "opportunity",
		"list", "filmstrip" };

	if (strcmp(type, "checklist") == 0)
		return PO_SCAN_OPEN_MAP;
	for (size_t i = 0; i < sizeof(row_types) / sizeof(row_types[0]); i++)
		if (strcmp(type, row_types[i]) == 0)
			return PO_SCAN_OPEN_ARRAY;
	return PO_SCAN_NULL;
}

/* Once both details.type and details.items have been seen, in either
 * order: items of the other kind than the type has are a broken report,
 * whose items a gate would count as none (maxLength). */
static void
check_items(struct reader *r, const struct po_lhr_audit *audit)
{
	enum po_scan_kind want;

	if (!r->have_items || audit->details_type == NULL)
		return;
	want = items_kind_of(audit->details_type);
	if (want == PO_SCAN_NULL || want == r->items_kind)
		return;
	snprintf(r->bad_text, sizeof(r->bad_text), "the items of '%.40s' "
	    "details are %s", audit->details_type, want == PO_SCAN_OPEN_MAP ?
	    "an object" : "an array");
	r->bad = r->bad_text;
	r->bad_kind = r->items_kind;
}

static void
set_string(struct reader *r, char **field, enum po_scan_kind kind,
    const char *text, size_t len)
{
	if (kind == PO_SCAN_NULL || kind == PO_SCAN_CLOSE_MAP ||
	    kind == PO_SCAN_CLOSE_ARRAY)
		return;
	if (kind != PO_SCAN_STRING) {
		r->bad = "expected a string";
		r->bad_kind = kind;
		return;
	}
	if (r->cut) {
		r->bad = "a data: URL is not a value po can keep here";
		r->bad_kind = kind;
		return;
	}
	set(field, text, len);
}

static void
audit_field(struct reader *r, struct po_lhr_audit *audit, const char *key,
    enum po_scan_kind kind, const char *text, size_t len)
{
	if (strcmp(key, "score") == 0)
		set_score(r, &audit->score, kind, text, len);
	else if (strcmp(key, "scoreDisplayMode") == 0)
		set_string(r, &audit->mode, kind, text, len);
	else if (strcmp(key, "numericValue") == 0)
		set_number(r, &audit->value, kind, text, len);
	else if (strcmp(key, "title") == 0)
		set_string(r, &audit->title, kind, text, len);
	else if (strcmp(key, "displayValue") == 0)
		set_string(r, &audit->display, kind, text, len);
	else if (strcmp(key, "details") == 0)
		expect_object(r, kind, true);
}

static void
details_items(struct reader *r, struct po_lhr_audit *audit,
    enum po_scan_kind kind)
{
	expect_container(r, kind);
	if (r->bad != NULL ||
	    (kind != PO_SCAN_OPEN_ARRAY && kind != PO_SCAN_OPEN_MAP))
		return;
	if (kind == PO_SCAN_OPEN_ARRAY)
		audit->nitems = 0;
	r->have_items = true;
	r->items_kind = kind;
	check_items(r, audit);
}

static void
details_field(struct reader *r, struct po_lhr_audit *audit, const char *key,
    enum po_scan_kind kind, const char *text, size_t len)
{
	if (strcmp(key, "type") == 0) {
		set_string(r, &audit->details_type, kind, text, len);
		if (r->bad == NULL && kind == PO_SCAN_STRING)
			check_items(r, audit);
	} else if (strcmp(key, "overallSavingsMs") == 0)
		set_number(r, &audit->savings_ms, kind, text, len);
	else if (strcmp(key, "overallSavingsBytes") == 0)
		set_number(r, &audit->savings_bytes, kind, text, len);
	else if (strcmp(key, "items") == 0)
		details_items(r, audit, kind);
}

static void
metric_saving(struct reader *r, struct po_lhr_audit *audit, const char *key,
    enum po_scan_kind kind, const char *text, size_t len)
{
	for (int i = 0; i < 5; i++)
		if (strcmp(key, po_lhr_savings_keys[i]) == 0)
			set_number(r, &audit->metric_savings[i], kind, text, len);
}

static struct po_lhr_resource *
row(struct po_lhr_resource **rows, size_t *nrows, size_t *cap, long index)
{
	while (*nrows <= (size_t)index) {
		*rows = grow(*rows, cap, *nrows, sizeof(**rows));
		(*nrows)++;
	}
	return &(*rows)[index];
}

static void
resource_field(struct reader *r, struct po_lhr_resource *res, const char *key,
    enum po_scan_kind kind, const char *text, size_t len)
{
	if (strcmp(key, "resourceType") == 0)
		set_string(r, &res->type, kind, text, len);
	else if (strcmp(key, "requestCount") == 0)
		set_number(r, &res->count, kind, text, len);
	else if (strcmp(key, "transferSize") == 0)
		set_number(r, &res->size, kind, text, len);
	else if (strcmp(key, "sizeOverBudget") == 0)
		set_number(r, &res->size_over, kind, text, len);
	else if (strcmp(key, "countOverBudget") == 0)
		set_string(r, &res->count_over, kind, text, len);
}

/* audits.<id>.… : everything below one audit. */
static void
on_audit(struct reader *r, const struct po_scan_path *path,
    enum po_scan_kind kind, const char *text, size_t len)
{
	struct po_lhr *lhr = r->lhr;
	struct po_lhr_audit *audit;
	const char *id = po_scan_key(path, 1);
	const char *k2 = po_scan_key(path, 2);
	const char *k3 = po_scan_key(path, 3);

	if (id == NULL)
		return;
	if (path->depth == 2) {
		expect_object(r, kind, false);
		if (kind == PO_SCAN_OPEN_MAP)
			new_audit(r, id);
		return;
	}
	audit = current_audit(r);
	if (audit == NULL || k2 == NULL)
		return;
	if (path->depth == 3) {
		if (strcmp(k2, "details") == 0 && kind == PO_SCAN_OPEN_MAP)
			r->have_items = false;
		audit_field(r, audit, k2, kind, text, len);
	} else if (path->depth == 4 && strcmp(k2, "details") == 0 && k3) {
		details_field(r, audit, k3, kind, text, len);
	} else if (path->depth == 4 && strcmp(k2, "metricSavings") == 0 && k3) {
		metric_saving(r, audit, k3, kind, text, len);
	} else if (path->depth == 5 && strcmp(k2, "details") == 0 && k3) {
		const struct po_scan_frame *items = &path->frames[4];

		if (strcmp(k3, "items") == 0 && items->is_array &&
		    kind != PO_SCAN_CLOSE_MAP && kind != PO_SCAN_CLOSE_ARRAY)
			audit->nitems = items->index + 1;
		else if (strcmp(k3, "debugData") == 0 &&
		    strcmp(po_scan_key(path, 4) ? po_scan_key(path, 4) : "",
		    "wastedBytes") == 0)
			set_number(r, &audit->wasted_bytes, kind, text, len);
	} else if (path->depth == 6 && strcmp(k2, "details") == 0 && k3 &&
	    strcmp(k3, "items") == 0 && path->frames[4].is_array &&
	    po_scan_key(path, 5) != NULL) {
		long index = path->frames[4].index;

		if (strcmp(id, "resource-summary") == 0)
			resource_field(r, row(&lhr->resources, &lhr->nresources,
			    &r->cap_resources, index), po_scan_key(path, 5),
			    kind, text, len);
		else if (strcmp(id, "performance-budget") == 0)
			resource_field(r, row(&lhr->budget_rows,
			    &lhr->nbudget_rows, &r->cap_budget_rows, index),
			    po_scan_key(path, 5), kind, text, len);
	}
}

/* An auditRef's group, kept until the report has been read. */
static void
add_group_ref(struct reader *r, const char *group, size_t len)
{
	struct group_ref *ref;

	r->refs = grow(r->refs, &r->cap_refs, r->nrefs, sizeof(*r->refs));
	ref = &r->refs[r->nrefs];
	ref->id = po_xstrdup(r->ref_id);
	ref->group = po_xstrndup(group, len);
	ref->pos = r->nrefs++;
}

static int
compare_refs(const void *a, const void *b)
{
	const struct group_ref *x = a, *y = b;
	int order = strcmp(x->id, y->id);

	if (order != 0)
		return order;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The first of the sorted refs that names `id`, or NULL. */
static const struct group_ref *
first_ref(const struct group_ref *refs, size_t nrefs, const char *id)
{
	size_t low = 0, high = nrefs;

	while (low < high) {
		size_t mid = low + (high - low) / 2;

		if (strcmp(refs[mid].id, id) < 0)
			low = mid + 1;
		else
			high = mid;
	}
	return low < nrefs && strcmp(refs[low].id, id) == 0 ? &refs[low] :
	    NULL;
}

/* Each audit takes the group of the first auditRef that names it
 * (Lighthouse names each audit once), wherever the category lies in the
 * report. */
static void
set_groups(struct reader *r)
{
	struct po_lhr *lhr = r->lhr;

	if (r->nrefs == 0)      /* and r->refs NULL, which qsort may not get */
		return;
	qsort(r->refs, r->nrefs, sizeof(*r->refs), compare_refs);
	for (size_t i = 0; i < lhr->naudits; i++) {
		const struct group_ref *ref = first_ref(r->refs, r->nrefs,
		    lhr->audits[i].id);

		if (ref != NULL)
			lhr->audits[i].group = po_xstrdup(ref->group);
	}
}

/* categories.<id>.score, and the groups of the performance audits, which
 * say which audits are opportunities and diagnostics. */
static void
on_category(struct reader *r, const struct po_scan_path *path,
    enum po_scan_kind kind, const char *text, size_t len)
{
	struct po_lhr *lhr = r->lhr;
	const char *id = po_scan_key(path, 1);
	const char *k2 = po_scan_key(path, 2);

	if (id == NULL)
		return;
	if (path->depth == 2)
		expect_object(r, kind, false);
	if (path->depth == 2 && kind == PO_SCAN_OPEN_MAP) {
		if (lhr->ncategories >= LHR_MAX_CATEGORIES) {
			r->bad = "more categories than any Lighthouse report has";
			r->bad_kind = kind;
			return;
		}
		lhr->categories = grow(lhr->categories, &r->cap_categories,
		    lhr->ncategories, sizeof(*lhr->categories));
		lhr->categories[lhr->ncategories++].id = po_xstrdup(id);
	} else if (path->depth == 3 && k2 && strcmp(k2, "score") == 0 &&
	    lhr->ncategories > 0) {
		set_score(r, &lhr->categories[lhr->ncategories - 1].score,
		    kind, text, len);
	} else if (path->depth == 5 && strcmp(id, "performance") == 0 && k2 &&
	    strcmp(k2, "auditRefs") == 0 && kind == PO_SCAN_STRING) {
		const char *field = po_scan_key(path, 4);

		if (field == NULL)
			return;
		if (strcmp(field, "id") == 0)
			set(&r->ref_id, text, len);
		else if (strcmp(field, "group") == 0 && r->ref_id &&
		    r->nrefs >= LHR_MAX_AUDITS) {
			r->bad = "more audit references than any Lighthouse "
			    "report has";
			r->bad_kind = kind;
		} else if (strcmp(field, "group") == 0 && r->ref_id) {
			add_group_ref(r, text, len);
		}
	}
}

static void
on_top(struct reader *r, const char *k0, enum po_scan_kind kind,
    const char *text, size_t len)
{
	struct po_lhr *lhr = r->lhr;

	if (strcmp(k0, "lighthouseVersion") == 0)
		set_string(r, &lhr->version, kind, text, len);
	else if (strcmp(k0, "requestedUrl") == 0)
		set_string(r, &lhr->requested_url, kind, text, len);
	else if (strcmp(k0, "finalUrl") == 0)
		set_string(r, &lhr->final_url, kind, text, len);
	else if (strcmp(k0, "fetchTime") == 0)
		set_string(r, &lhr->fetch_time, kind, text, len);
	else if (strcmp(k0, "audits") == 0 || strcmp(k0, "categories") == 0 ||
	    strcmp(k0, "configSettings") == 0)
		expect_object(r, kind, false);
	else if (strcmp(k0, "runtimeError") == 0)
		expect_object(r, kind, true);
}

static void
dispatch(struct reader *r, const struct po_scan_path *path,
    enum po_scan_kind kind, const char *text, size_t len)
{
	struct po_lhr *lhr = r->lhr;
	const char *k0 = po_scan_key(path, 0);
	const char *k1 = po_scan_key(path, 1);

	if (k0 == NULL)
		return;
	if (path->depth == 1) {
		on_top(r, k0, kind, text, len);
	} else if (strcmp(k0, "audits") == 0) {
		on_audit(r, path, kind, text, len);
	} else if (strcmp(k0, "categories") == 0) {
		on_category(r, path, kind, text, len);
	} else if (path->depth == 2 && k1 != NULL) {
		if (strcmp(k0, "runtimeError") == 0 && strcmp(k1, "code") == 0)
			set_string(r, &lhr->runtime_code, kind, text, len);
		else if (strcmp(k0, "runtimeError") == 0 &&
		    strcmp(k1, "message") == 0)
			set_string(r, &lhr->runtime_message, kind, text, len);
		else if (strcmp(k0, "configSettings") == 0 &&
		    strcmp(k1, "formFactor") == 0)
			set_string(r, &lhr->form_factor, kind, text, len);
	}
}

static bool
is_key(const struct po_scan_path *path, int level, const char *want)
{
	const char *key = po_scan_key(path, level);

	return key != NULL && strcmp(key, want) == 0;
}

/* Whether po reads anything inside the container that opens at `path`.
 * Most of a report lies in the others (traces, tree maps, the element
 * screenshots, the rows of tables that po only counts), which the scanner
 * then passes over without remembering keys or calling on_value. */
static bool
read_inside(const struct po_scan_path *path)
{
	switch (path->depth) {
	case 0:
		return true;
	case 1:
		return is_key(path, 0, "audits") ||
		    is_key(path, 0, "categories") ||
		    is_key(path, 0, "configSettings") ||
		    is_key(path, 0, "runtimeError");
	}
	if (is_key(path, 0, "categories"))
		return path->depth == 2 || path->depth == 4 ||
		    (path->depth == 3 && is_key(path, 2, "auditRefs"));
	if (!is_key(path, 0, "audits"))
		return false;
	switch (path->depth) {
	case 2:
		return true;
	case 3:
		return is_key(path, 2, "details") ||
		    is_key(path, 2, "metricSavings");
	case 4:
		return is_key(path, 3, "items") || is_key(path, 3, "debugData");
	case 5:
		return is_key(path, 3, "items") &&
		    (is_key(path, 1, "resource-summary") ||
		    is_key(path, 1, "performance-budget"));
	}
	return false;
}

/* The PageSpeed Insights API wraps the report: {"kind":
 * "pagespeedonline#result", ..., "lighthouseResult": {the report}}.  A
 * value inside lighthouseResult gets in *inner its path from there, and
 * is read as the same value of a bare report would be; the rest of the
 * response (field data, ids) is passed over as unknown keys are. */
static const struct po_scan_path *
unwrap(const struct po_scan_path *path, struct po_scan_path *inner)
{
	if (path->depth < 1 || !is_key(path, 0, "lighthouseResult"))
		return path;
	inner->depth = path->depth - 1;
	memcpy(inner->frames, path->frames + 1,
	    (PO_SCAN_KEY_DEPTH - 1) * sizeof(inner->frames[0]));
	return inner;
}

static int
on_value(struct po_scan *scan, void *ctx, const struct po_scan_path *full,
    enum po_scan_kind kind, const char *text, size_t len)
{
	struct reader *r = ctx;
	struct po_scan_path inner;
	const struct po_scan_path *path = unwrap(full, &inner);
	char where[256];

	/* Nothing po reads lies deeper than a row of an audit's table; most
	 * of a report does (traces, treemaps, nested details), and is passed
	 * over here before any key is compared. */
	if (path->depth > LHR_MAX_DEPTH_READ)
		return 0;
	if (path->depth == 0) {
		if (kind != PO_SCAN_OPEN_MAP && kind != PO_SCAN_CLOSE_MAP) {
			po_scan_fail(scan, "not a Lighthouse report: expected "
			    "a JSON object");
			return -1;
		}
		return 0;
	}
	r->cut = kind == PO_SCAN_STRING && po_scan_string_cut(scan);
	dispatch(r, path, kind, text, len);
	if (r->bad == NULL && (kind == PO_SCAN_OPEN_MAP ||
	    kind == PO_SCAN_OPEN_ARRAY) && !read_inside(path))
		return PO_SCAN_SKIP;
	if (r->bad == NULL)
		return 0;
	po_scan_fail(scan, "not a valid Lighthouse report: %s: %s, found %s",
	    po_scan_path_string(full, where, sizeof(where)), r->bad,
	    kind_name(r->bad_kind));
	return -1;
}

static void
free_refs(struct reader *r)
{
	for (size_t i = 0; i < r->nrefs; i++) {
		free(r->refs[i].id);
		free(r->refs[i].group);
	}
	free(r->refs);
	free(r->ref_id);
}

int
po_lhr_read(struct po_lhr **out, struct po_input *in)
{
	struct reader r = { 0 };
	const char *name = po_input_name(in);

	r.lhr = po_xcalloc(1, sizeof(*r.lhr));
	r.lhr->file = po_xstrdup(name);
	if (po_scan_run_skimming(in, on_value, &r) < 0)
		goto bad;
	/* Reports of old Lighthouse versions say NO_ERROR when there was none. */
	if (r.lhr->runtime_code && strcmp(r.lhr->runtime_code, "NO_ERROR") == 0) {
		free(r.lhr->runtime_code);
		r.lhr->runtime_code = NULL;
	}
	if (r.lhr->version == NULL || r.lhr->naudits == 0) {
		po_error(name, 0, 0, "not a Lighthouse report: no %s",
		    r.lhr->version == NULL ? "'lighthouseVersion'" :
		    "'audits'");
		goto bad;
	}
	if (r.lhr->final_url == NULL && r.lhr->requested_url == NULL) {
		po_error(name, 0, 0, "Lighthouse report without a URL "
		    "('finalUrl' or 'requestedUrl')");
		goto bad;
	}
	set_groups(&r);
	free_refs(&r);
	*out = r.lhr;
	return 0;
bad:
	free_refs(&r);
	po_lhr_free(r.lhr);
	return -1;
}

const struct po_lhr_audit *
po_lhr_audit(const struct po_lhr *lhr, const char *id)
{
	for (size_t i = 0; i < lhr->naudits; i++)
		if (strcmp(lhr->audits[i].id, id) == 0)
			return &lhr->audits[i];
	return NULL;
}

static void
free_audit(struct po_lhr_audit *a)
{
	free(a->id);
	free(a->title);
	free(a->mode);
	free(a->score);
	free(a->value);
	free(a->display);
	free(a->details_type);
	free(a->savings_ms);
	free(a->savings_bytes);
	free(a->wasted_bytes);
	for (int i = 0; i < 5; i++)
		free(a->metric_savings[i]);
	free(a->group);
}

static void
free_rows(struct po_lhr_resource *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].type);
		free(rows[i].count);
		free(rows[i].size);
		free(rows[i].size_over);
		free(rows[i].count_over);
	}
	free(rows);
}

void
po_lhr_free(struct po_lhr *lhr)
{
	if (lhr == NULL)
		return;
	for (size_t i = 0; i < lhr->naudits; i++)
		free_audit(&lhr->audits[i]);
	free(lhr->audits);
	for (size_t i = 0; i < lhr->ncategories; i++) {
		free(lhr->categories[i].id);
		free(lhr->categories[i].score);
	}
	free(lhr->categories);
	free_rows(lhr->resources, lhr->nresources);
	free_rows(lhr->budget_rows, lhr->nbudget_rows);
	free(lhr->file);
	free(lhr->version);
	free(lhr->requested_url);
	free(lhr->final_url);
	free(lhr->fetch_time);
	free(lhr->form_factor);
	free(lhr->runtime_code);
	free(lhr->runtime_message);
	free(lhr);
}
