#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-val.h"
#include "lhci-assert.h"
#include "lhci-preset.h"
#include "metric.h"
#include "msg.h"
#include "stats.h"

enum kind {
	KIND_AUDIT_RAN,
	KIND_MIN_SCORE,
	KIND_MAX_LENGTH,
	KIND_MAX_NUMERIC
};

static const char *const kind_names[] = { "auditRan", "minScore",
	"maxLength", "maxNumericValue" };

/* One assertion after the preset is merged in. */
struct resolved {
	const char *audit_id;
	const char *property;
	enum po_lhci_level level;
	struct po_lhci_opts opts;
	const char *where;
};

/* What lhci looks at in one run's audit (or in the pseudo-audit it makes
 * of a category or a resource-summary row); `exists` false is lhci's
 * `undefined`. */
struct audit {
	bool exists;
	bool has_score;
	bool has_value;
	double score;
	double value;           /* numericValue */
	const char *mode;       /* scoreDisplayMode */
	long nitems;            /* details.items.length, or -1 */
};

struct ctx {
	const struct po_lhci *lhci;
	const struct po_lhci_optset *set;
	const char *url;
	const struct po_run *const *runs;
	size_t nruns;
	const struct po_run *median_run;
	enum po_lhci_release release;
	struct po_tally *tally;
	size_t nchecks;
};

/* The result of one assertion, as lhci's AssertionResult has it. */
struct result {
	enum kind kind;
	double expected;
	double actual;
	const double *values;
	size_t nvalues;
	bool passed;
	const char *message;
	const char *property;
	enum po_lhci_agg agg;
	const char *unit;
	const char *metric;
};

/* lhci 0.15's presets list the Lighthouse 13 insight audits, 0.14's do
 * not: reports of Lighthouse 13 and later are judged as lhci 0.15 judges
 * them, older ones as 0.14, the release that ran Lighthouse 12. */
static enum po_lhci_release
release_of(const struct po_run *const *runs, size_t nruns)
{
	for (size_t i = 0; i < nruns; i++) {
		const char *v = po_run_tag(runs[i], "lighthouse_version");

		if (v != NULL && atoi(v) >= 13)
			return PO_LHCI_0_15;
	}
	return PO_LHCI_0_14;
}

static struct audit
audit_of(const struct po_run *run, const char *id)
{
	struct audit a = { 0 };
	yajl_val v = po_val_get(run->audits, id);
	yajl_val items = po_val_get(v, "items");

	a.nitems = -1;
	if (!YAJL_IS_OBJECT(v))
		return a;
	a.exists = true;
	a.has_score = po_val_double(&a.score, po_val_get(v, "score")) == 0;
	a.has_value = po_val_number(&a.value, v, "value") == 0;
	a.mode = po_val_string(v, "mode");
	if (YAJL_IS_INTEGER(items))
		a.nitems = (long)YAJL_GET_INTEGER(items);
	return a;
}

/* lhci's value getters; false is `undefined`. */
static bool
value_of(double *out, const struct audit *a, enum kind kind)
{
	switch (kind) {
	case KIND_MIN_SCORE:
		if (a->has_score)
			*out = a->score;
		else if (a->mode && strcmp(a->mode, "notApplicable") == 0)
			*out = 1;
		else if (a->mode && strcmp(a->mode, "informative") == 0)
			*out = 0;
		else
			return false;
		return true;
	case KIND_MAX_LENGTH:
		*out = a->nitems > 0 ? (double)a->nitems : 0;
		return true;
	case KIND_MAX_NUMERIC:
		*out = a->value;
		return a->has_value;
	default:
		*out = a->exists;
		return true;
	}
}

static void
emit(struct ctx *c, const struct resolved *r, const struct result *res)
{
	struct po_check check = { 0 };
	char name[512];

	if (res->property)
		snprintf(name, sizeof(name), "%s.%s", r->audit_id,
		    res->property);
	else
		snprintf(name, sizeof(name), "%s", r->audit_id);
	check.source = "po-budget";
	check.subject = c->url;
	check.name = name;
	check.metric = res->metric;
	check.audit = r->audit_id;
	check.assertion = kind_names[res->kind];
	check.level = r->level == PO_LHCI_WARN ? PO_LEVEL_WARN :
	    PO_LEVEL_ERROR;
	check.passed = res->passed;
	check.has_value = isfinite(res->actual);
	check.value = res->actual;
	check.limit = res->expected;
	check.op = res->kind == KIND_MIN_SCORE ||
	    res->kind == KIND_AUDIT_RAN ? ">=" : "<=";
	check.unit = res->unit;
	check.aggregation = po_lhci_agg_name(res->agg);
	check.values = res->values;
	check.nvalues = res->nvalues;
	check.message = res->message;
	check.origin_file = c->lhci->file;
	check.origin_format = "lhci";
	check.origin_rule = r->where;
	po_check_emit(&check, c->tally);
	c->nchecks++;
}

static double
aggregate(double *values, size_t n, enum po_lhci_agg agg, enum kind kind)
{
	bool is_max = kind == KIND_MAX_LENGTH || kind == KIND_MAX_NUMERIC;
	double best = values[0];

	if (agg == PO_LHCI_AGG_MEDIAN) {
		po_stats_sort(values, n);
		return po_stats_median(values, n);
	}
	/* The minimum for an optimistic maximum or a pessimistic minimum;
	 * the maximum otherwise, median-run included. */
	bool use_min = (agg == PO_LHCI_AGG_OPTIMISTIC && is_max) ||
	    (agg == PO_LHCI_AGG_PESSIMISTIC && !is_max);

	for (size_t i = 1; i < n; i++)
		if (use_min ? values[i] < best : values[i] > best)
			best = values[i];
	return best;
}

static const char *
unit_of(enum kind kind, const char *metric)
{
	const struct po_metric_def *def;

	if (kind == KIND_MIN_SCORE)
		return "score";
	if (kind != KIND_MAX_NUMERIC)
		return "count";
	def = metric ? po_metric_find(metric) : NULL;
	return def ? def->unit : NULL;
}

/* lhci's getAssertionResult: one assertion of `kind` over the audits of
 * the runs. */
static void
assert_kind(struct ctx *c, const struct resolved *r, const char *property,
    const struct audit *audits, size_t n, enum po_lhci_agg agg,
    enum kind kind, double expected, const char *metric)
{
	double *values = po_xcalloc(n ? n : 1, sizeof(double));
	double *finite = po_xcalloc(n ? n : 1, sizeof(double));
	bool any_undefined = false;
	size_t nfinite = 0;
	char message[160];
	struct result res = { 0 };

	for (size_t i = 0; i < n; i++) {
		double v = NAN;

		if (!value_of(&v, &audits[i], kind)) {
			any_undefined = true;
			v = NAN;
		}
		values[i] = isfinite(v) ? v : NAN;
		if (isfinite(v))
			finite[nfinite++] = v;
	}
	res.kind = kind;
	res.expected = expected;
	res.property = property;
	res.agg = agg;
	res.metric = kind == KIND_MAX_NUMERIC || kind == KIND_MIN_SCORE ?
	    metric : NULL;
	res.unit = unit_of(kind, metric);
	if ((nfinite == 0 && agg != PO_LHCI_AGG_PESSIMISTIC) ||
	    (nfinite != n && agg == PO_LHCI_AGG_PESSIMISTIC)) {
		if (any_undefined)
			snprintf(message, sizeof(message), "Audit did not "
			    "produce a value at all. \"%s\" might not be a "
			    "valid assertion for this audit.",
			    kind_names[kind]);
		else
			snprintf(message, sizeof(message), "Audit failed to "
			    "produce a valid value. %s",
			    agg == PO_LHCI_AGG_PESSIMISTIC ? "Try using an "
			    "aggregationMethod other than \"pessimistic\"." :
			    "If this is reproducible, please file an issue on "
			    "GitHub.");
		res.actual = NAN;
		res.values = values;
		res.nvalues = n;
		res.message = message;
	} else {
		double *work = po_xmalloc(nfinite * sizeof(double));

		memcpy(work, finite, nfinite * sizeof(double));
		res.actual = aggregate(work, nfinite, agg, kind);
		free(work);
		res.values = finite;
		res.nvalues = nfinite;
		res.passed = kind == KIND_MIN_SCORE ? res.actual >= expected :
		    res.actual <= expected;
	}
	emit(c, r, &res);
	free(values);
	free(finite);
}

/* lhci's getStandardAssertionResults: an auditRan failure when a run lacks
 * the audit, else maxLength, maxNumericValue and minScore (0.9 when no
 * other option was given), in that order. */
static void
assert_standard(struct ctx *c, const struct resolved *r,
    const char *property, const struct audit *audits, size_t n,
    bool known_audit_check, const char *metric)
{
	const struct po_lhci_opts *o = &r->opts;
	enum po_lhci_agg agg = o->agg != PO_LHCI_AGG_UNSET ? o->agg :
	    c->set->agg;
	double *ran = po_xcalloc(n ? n : 1, sizeof(double));
	bool all_ran = true;
	char message[256];

	if (agg == PO_LHCI_AGG_UNSET)
		agg = PO_LHCI_AGG_OPTIMISTIC;
	for (size_t i = 0; i < n; i++) {
		ran[i] = audits[i].exists;
		all_ran &= audits[i].exists;
	}
	if (!all_ran) {
		struct result res = { KIND_AUDIT_RAN, 1, 0, ran, n, false,
			NULL, property, agg, "count", NULL };

		if (known_audit_check &&
		    !po_lhci_preset_knows(r->audit_id, c->release)) {
			snprintf(message, sizeof(message), "\"%s\" is not a "
			    "known audit.", r->audit_id);
			res.message = message;
		}
		emit(c, r, &res);
		free(ran);
		return;
	}
	free(ran);
	if (o->has_max_length)
		assert_kind(c, r, property, audits, n, agg, KIND_MAX_LENGTH,
		    o->max_length, metric);
	if (o->has_max_numeric)
		assert_kind(c, r, property, audits, n, agg, KIND_MAX_NUMERIC,
		    o->max_numeric, metric);
	if (o->has_min_score || (!o->has_max_length && !o->has_max_numeric))
		assert_kind(c, r, property, audits, n, agg, KIND_MIN_SCORE,
		    o->has_min_score ? o->min_score : 0.9, metric);
}

/* The audits lhci asserts on: the representative run alone under
 * median-run, else every run. */
static const struct po_run *const *
runs_for(const struct ctx *c, const struct resolved *r, size_t *n)
{
	enum po_lhci_agg agg = r->opts.agg != PO_LHCI_AGG_UNSET ?
	    r->opts.agg : c->set->agg;

	if (agg == PO_LHCI_AGG_MEDIAN_RUN) {
		*n = 1;
		return &c->median_run;
	}
	*n = c->nruns;
	return c->runs;
}

/* categories:<id> asserts the category score, over every run even under
 * median-run (lhci passes the whole set of runs here). */
static void
assert_category(struct ctx *c, const struct resolved *r)
{
	struct audit *audits = po_xcalloc(c->nruns, sizeof(*audits));
	char metric[256];

	snprintf(metric, sizeof(metric), "score.%s", r->property);
	for (size_t i = 0; i < c->nruns; i++) {
		const struct po_run *run = c->runs[i];
		yajl_val cats = po_val_get(run->root, "categories");
		yajl_val score;

		if (YAJL_IS_OBJECT(cats)) {
			score = po_val_get(cats, r->property);
			audits[i].exists = score != NULL;
			audits[i].has_score = po_val_double(&audits[i].score,
			    score) == 0;
		} else {
			audits[i].has_score = po_run_metric(&audits[i].score,
			    run, metric) == 0;
			audits[i].exists = audits[i].has_score;
		}
	}
	assert_standard(c, r, r->property, audits, c->nruns, false, metric);
	free(audits);
}

/* resource-summary:<type>:size|count asserts the row of that type, read
 * into numericValue; a run without the row, or without details at all,
 * counts as a run where the audit did not run. */
static void
assert_resource(struct ctx *c, const struct resolved *r)
{
	size_t n;
	const struct po_run *const *runs = runs_for(c, r, &n);
	struct audit *audits = po_xcalloc(n, sizeof(*audits));
	char metric[256];

	snprintf(metric, sizeof(metric), "resource.%s", r->property);
	for (size_t i = 0; i < n; i++) {
		audits[i] = audit_of(runs[i], "resource-summary");
		if (!audits[i].exists || audits[i].nitems < 0 ||
		    po_run_metric(&audits[i].value, runs[i], metric) < 0) {
			memset(&audits[i], 0, sizeof(audits[i]));
			continue;
		}
		audits[i].has_value = true;
	}
	assert_standard(c, r, r->property, audits, n, false, metric);
	free(audits);
}

/* lhci keeps the first result per "<type>.size" or "<type>.count". */
struct seen_keys {
	char (*keys)[96];
	size_t n;
};

static bool
first_time(struct seen_keys *seen, const char *key)
{
	for (size_t i = 0; i < seen->n; i++)
		if (strcmp(seen->keys[i], key) == 0)
			return false;
	seen->keys = po_xrealloc(seen->keys, (seen->n + 1) *
	    sizeof(*seen->keys));
	snprintf(seen->keys[seen->n++], sizeof(seen->keys[0]), "%s", key);
	return true;
}

static void
budget_row_result(struct ctx *c, const struct resolved *r,
    const char *property, double actual, double expected, const char *unit)
{
	struct result res = { KIND_MAX_NUMERIC, expected, actual, &actual, 1,
		actual <= expected, NULL, property, PO_LHCI_AGG_PESSIMISTIC,
		unit, NULL };

	emit(c, r, &res);
}

static void
budget_row(struct ctx *c, const struct resolved *r, yajl_val row,
    struct seen_keys *seen)
{
	const char *type = po_val_string(row, "resource_type");
	const char *over = po_val_string(row, "count_over");
	const char *digits = over ? strpbrk(over, "0123456789") : NULL;
	double size, size_over, count;
	char key[96];

	snprintf(key, sizeof(key), "%s.size", type ? type : "undefined");
	if (po_val_number(&size_over, row, "size_over") == 0 &&
	    size_over != 0 && po_val_number(&size, row, "size") == 0 &&
	    first_time(seen, key))
		budget_row_result(c, r, key, size, size - size_over, "bytes");
	/* lhci reads the overage as the first run of digits of a text such
	 * as "1 request". */
	snprintf(key, sizeof(key), "%s.count", type ? type : "undefined");
	if (digits != NULL && po_val_number(&count, row, "count") == 0 &&
	    first_time(seen, key))
		budget_row_result(c, r, key, count,
		    count - strtod(digits, NULL), "count");
}

/* performance-budget (Lighthouse 9 to 11): Lighthouse already judged the
 * budget, so lhci repeats its verdict: one maxNumericValue result per
 * resource type and size or count over budget, taken from the first run
 * whose row says so, with expected = actual - overage. */
static void
assert_perf_budget(struct ctx *c, const struct resolved *r)
{
	size_t n;
	const struct po_run *const *runs = runs_for(c, r, &n);
	struct seen_keys seen = { NULL, 0 };

	for (size_t i = 0; i < n; i++) {
		yajl_val rows = runs[i]->budget_rows;

		if (!audit_of(runs[i], "performance-budget").exists ||
		    !YAJL_IS_ARRAY(rows))
			continue;
		for (size_t j = 0; j < rows->u.array.len; j++)
			budget_row(c, r, rows->u.array.values[j], &seen);
	}
	free(seen.keys);
}

static void
assert_audit(struct ctx *c, const struct resolved *r)
{
	size_t n;
	const struct po_run *const *runs = runs_for(c, r, &n);
	struct audit *audits = po_xcalloc(n, sizeof(*audits));
	const char *metric = po_metric_from_audit(r->audit_id);

	/* po's "requests" counts the rows of network-requests, which is not
	 * that audit's numericValue. */
	if (metric && strcmp(metric, "requests") == 0)
		metric = NULL;
	for (size_t i = 0; i < n; i++)
		audits[i] = audit_of(runs[i], r->audit_id);
	assert_standard(c, r, NULL, audits, n, true, metric);
	free(audits);
}

static void
assert_one(struct ctx *c, const struct resolved *r)
{
	if (r->level == PO_LHCI_OFF)
		return;
	if (strcmp(r->audit_id, "performance-budget") == 0)
		assert_perf_budget(c, r);
	else if (strcmp(r->audit_id, "categories") == 0 && r->property)
		assert_category(c, r);
	else if (strcmp(r->audit_id, "resource-summary") == 0 && r->property)
		assert_resource(c, r);
	else
		assert_audit(c, r);
}

static double
fcp_or_tti(const struct po_run *run, const char *id)
{
	struct audit a = audit_of(run, id);

	/* lhci reads a missing or zero numericValue as 0. */
	return a.has_value ? a.value : 0;
}

/* lhci's computeRepresentativeRuns: the run closest to the median first
 * contentful paint and median time to interactive (the upper middle of
 * an even count), by the sum of squared distances; the first such run on
 * a tie. */
static const struct po_run *
median_run(const struct po_run *const *runs, size_t n)
{
	double *fcp = po_xmalloc(n * sizeof(double));
	double *tti = po_xmalloc(n * sizeof(double));
	double mid_fcp, mid_tti, best_dist = INFINITY;
	const struct po_run *best = runs[0];

	for (size_t i = 0; i < n; i++) {
		fcp[i] = fcp_or_tti(runs[i], "first-contentful-paint");
		tti[i] = fcp_or_tti(runs[i], "interactive");
	}
	po_stats_sort(fcp, n);
	po_stats_sort(tti, n);
	mid_fcp = fcp[n / 2];
	mid_tti = tti[n / 2];
	for (size_t i = 0; i < n; i++) {
		double df = mid_fcp - fcp_or_tti(runs[i],
		    "first-contentful-paint");
		double dt = mid_tti - fcp_or_tti(runs[i], "interactive");
		double dist = df * df + dt * dt;

		if (dist < best_dist) {
			best_dist = dist;
			best = runs[i];
		}
	}
	free(fcp);
	free(tti);
	return best;
}

static struct po_lhci_opts
merge_opts(const struct po_lhci_opts *base, const struct po_lhci_opts *top)
{
	struct po_lhci_opts o = *base;

	if (top->has_min_score) {
		o.has_min_score = true;
		o.min_score = top->min_score;
	}
	if (top->has_max_length) {
		o.has_max_length = true;
		o.max_length = top->max_length;
	}
	if (top->has_max_numeric) {
		o.has_max_numeric = true;
		o.max_numeric = top->max_numeric;
	}
	if (top->agg != PO_LHCI_AGG_UNSET)
		o.agg = top->agg;
	return o;
}

static void
resolve_user(struct resolved *r, const struct po_lhci_assertion *a)
{
	r->audit_id = a->audit_id;
	r->property = a->property;
	r->where = a->where;
	r->level = a->value.level;
	if (a->value.has_opts)
		r->opts = merge_opts(&r->opts, &a->value.opts);
	else if (!a->value.is_array)
		memset(&r->opts, 0, sizeof(r->opts));
}

/* The assertions of `set` with its preset merged in as lhci's _.merge does:
 * the preset's keys first, in its order, each overridden by the user's
 * value of the same key (a string replaces the whole value, an array
 * replaces the level and merges the options); then the user's other keys
 * in their order.  Returns how many; the caller frees *out. */
static size_t
resolve(struct resolved **out, const struct po_lhci_optset *set,
    enum po_lhci_release release, char *preset_where)
{
	struct po_lhci_preset_entry *entries =
	    po_xcalloc(PO_LHCI_PRESET_MAX, sizeof(*entries));
	size_t npreset = po_lhci_preset_entries(entries, set->preset, release);
	struct resolved *rs = po_xcalloc(npreset + set->nassertions + 1,
	    sizeof(*rs));
	bool *used = po_xcalloc(set->nassertions + 1, sizeof(bool));
	size_t n = 0;

	for (size_t i = 0; i < npreset; i++) {
		struct resolved *r = &rs[n++];

		r->audit_id = entries[i].id;
		r->where = preset_where;
		r->level = entries[i].level;
		r->opts.has_max_length = entries[i].has_max_length;
		r->opts.max_length = entries[i].max_length;
		for (size_t j = 0; j < set->nassertions; j++) {
			if (strcmp(set->assertions[j].key, entries[i].id) != 0)
				continue;
			resolve_user(r, &set->assertions[j]);
			used[j] = true;
		}
	}
	for (size_t j = 0; j < set->nassertions; j++)
		if (!used[j])
			resolve_user(&rs[n++], &set->assertions[j]);
	free(used);
	free(entries);
	*out = rs;
	return n;
}

size_t
po_lhci_assert_url(const struct po_lhci *lhci,
    const struct po_lhci_optset *set, const struct po_run *const *runs,
    size_t nruns, struct po_tally *tally)
{
	struct ctx c = { 0 };
	struct resolved *rs;
	char preset_where[256];
	size_t n;

	if (nruns == 0)
		return 0;
	c.lhci = lhci;
	c.set = set;
	c.url = runs[0]->subject;
	c.runs = runs;
	c.nruns = nruns;
	c.median_run = median_run(runs, nruns);
	c.release = release_of(runs, nruns);
	c.tally = tally;
	snprintf(preset_where, sizeof(preset_where), "%s.preset '%s'",
	    set->where, po_lhci_preset_name(set->preset));
	n = resolve(&rs, set, c.release, preset_where);
	for (size_t i = 0; i < n; i++)
		assert_one(&c, &rs[i]);
	free(rs);
	return c.nchecks;
}
