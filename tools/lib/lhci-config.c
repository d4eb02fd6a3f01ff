#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-val.h"
#include "lhci-budgets.h"
#include "lhci-config.h"
#include "lhci-preset.h"
#include "lhci-regex.h"
#include "msg.h"

/* What lhci assert reads of its options; any other key of ci.assert is
 * ignored by lhci, so po refuses it as a likely misspelling.  "lhr" says
 * where lhci finds the reports, which po reads from the stream. */
static const char *const assert_keys[] = { "assertions", "assertMatrix",
	"preset", "budgetsFile", "aggregationMethod", "matchingUrlPattern",
	"includePassedAssertions", "lhr", NULL };
/* The assert options that change what is asserted. */
static const char *const verdict_keys[] = { "assertions", "assertMatrix",
	"preset", "budgetsFile", "aggregationMethod", "matchingUrlPattern",
	NULL };
static const char *const matrix_keys[] = { "assertions", "preset",
	"aggregationMethod", "matchingUrlPattern", NULL };
static const char *const ci_sections[] = { "assert", "collect", "upload",
	"server", "wizard", NULL };

static const char *const agg_names[] = {
	[PO_LHCI_AGG_UNSET] = "optimistic",
	[PO_LHCI_AGG_OPTIMISTIC] = "optimistic",
	[PO_LHCI_AGG_PESSIMISTIC] = "pessimistic",
	[PO_LHCI_AGG_MEDIAN] = "median",
	[PO_LHCI_AGG_MEDIAN_RUN] = "median-run",
};

const char *
po_lhci_agg_name(enum po_lhci_agg agg)
{
	return agg_names[agg];
}

static bool
in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

static char *
path_of(const char *parent, const char *fmt, const char *arg)
{
	char buf[512];

	snprintf(buf, sizeof(buf), fmt, parent, arg);
	return po_xstrdup(buf);
}

/* Keys that JSON.parse would collapse into one, keeping the last value:
 * refused, because the file then says two things. */
static int
check_unique_keys(yajl_val obj, const char *file, const char *where)
{
	for (size_t i = 0; i < obj->u.object.len; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(obj->u.object.keys[i],
			    obj->u.object.keys[j]) == 0) {
				po_error(file, 0, 0, "%s: '%s' appears twice "
				    "(lhci would use the last one)", where,
				    obj->u.object.keys[i]);
				return -1;
			}
	return 0;
}

static int
check_keys(yajl_val obj, const char *const *allowed, const char *file,
    const char *where)
{
	if (!YAJL_IS_OBJECT(obj)) {
		po_error(file, 0, 0, "%s: expected an object", where);
		return -1;
	}
	for (size_t i = 0; i < obj->u.object.len; i++)
		if (!in_list(allowed, obj->u.object.keys[i])) {
			po_error(file, 0, 0, "%s: unknown option '%s' (lhci "
			    "would ignore it)", where, obj->u.object.keys[i]);
			return -1;
		}
	return check_unique_keys(obj, file, where);
}

static int
parse_agg(enum po_lhci_agg *out, yajl_val v, const char *file,
    const char *where)
{
	if (!YAJL_IS_STRING(v)) {
		po_error(file, 0, 0, "%s: aggregationMethod: expected a "
		    "string", where);
		return -1;
	}
	for (int a = PO_LHCI_AGG_OPTIMISTIC; a <= PO_LHCI_AGG_MEDIAN_RUN; a++)
		if (strcmp(v->u.string, agg_names[a]) == 0) {
			*out = (enum po_lhci_agg)a;
			return 0;
		}
	po_error(file, 0, 0, "%s: unknown aggregationMethod '%s' (lhci would "
	    "silently take the highest value of the runs); use optimistic, "
	    "pessimistic, median or median-run", where, v->u.string);
	return -1;
}

static int
parse_level(enum po_lhci_level *out, yajl_val v, const char *file,
    const char *where)
{
	static const char *const levels[] = { "off", "warn", "error" };

	if (!YAJL_IS_STRING(v)) {
		po_error(file, 0, 0, "%s: the level must be \"off\", \"warn\" "
		    "or \"error\"", where);
		return -1;
	}
	for (int l = 0; l < 3; l++)
		if (strcmp(v->u.string, levels[l]) == 0) {
			*out = (enum po_lhci_level)l;
			return 0;
		}
	po_error(file, 0, 0, "%s: unknown level '%s' (lhci would report a "
	    "failure but never fail the build); use \"off\", \"warn\" or "
	    "\"error\"", where, v->u.string);
	return -1;
}

static int
option_number(bool *has, double *out, yajl_val v, const char *name,
    const char *file, const char *where)
{
	if (po_val_double(out, v) < 0) {
		po_error(file, 0, 0, "%s: %s: expected a finite number", where,
		    name);
		return -1;
	}
	*has = true;
	return 0;
}

static bool
opts_empty(const struct po_lhci_opts *o)
{
	return !o->has_min_score && !o->has_max_length && !o->has_max_numeric
	    && o->agg == PO_LHCI_AGG_UNSET;
}

static int
unknown_option(yajl_val obj, const char *key, const char *file,
    const char *where)
{
	static const char *const known[] = { "minScore", "maxLength",
		"maxNumericValue", NULL };
	bool checks_other = false;

	for (size_t i = 0; i < obj->u.object.len; i++)
		checks_other |= in_list(known, obj->u.object.keys[i]);
	po_error(file, 0, 0, "%s: unknown assertion option '%s' (lhci would "
	    "ignore it and check %s)", where, key, checks_other ?
	    "only the other options" : "the default minScore of 0.9 "
	    "instead");
	return -1;
}

static int
parse_opts(struct po_lhci_opts *o, yajl_val obj, const char *file,
    const char *where)
{
	if (!YAJL_IS_OBJECT(obj)) {
		po_error(file, 0, 0, "%s: the options must be an object",
		    where);
		return -1;
	}
	if (check_unique_keys(obj, file, where) < 0)
		return -1;
	for (size_t i = 0; i < obj->u.object.len; i++) {
		const char *key = obj->u.object.keys[i];
		yajl_val v = obj->u.object.values[i];
		int r;

		if (strcmp(key, "minScore") == 0)
			r = option_number(&o->has_min_score, &o->min_score, v,
			    key, file, where);
		else if (strcmp(key, "maxLength") == 0)
			r = option_number(&o->has_max_length, &o->max_length,
			    v, key, file, where);
		else if (strcmp(key, "maxNumericValue") == 0)
			r = option_number(&o->has_max_numeric, &o->max_numeric,
			    v, key, file, where);
		else if (strcmp(key, "aggregationMethod") == 0)
			r = parse_agg(&o->agg, v, file, where);
		else
			r = unknown_option(obj, key, file, where);
		if (r < 0)
			return -1;
	}
	return 0;
}

/* "warn", or ["warn"], or ["warn", {options}]. */
static int
parse_value(struct po_lhci_value *out, yajl_val v, const char *file,
    const char *where)
{
	memset(out, 0, sizeof(*out));
	if (YAJL_IS_STRING(v)) {
		return parse_level(&out->level, v, file, where);
	}
	if (!YAJL_IS_ARRAY(v)) {
		po_error(file, 0, 0, "%s: expected a level (\"off\", \"warn\", "
		    "\"error\") or [level, {options}]%s", where,
		    YAJL_IS_NULL(v) ? " (lhci would read null as \"off\")" :
		    "");
		return -1;
	}
	out->is_array = true;
	if (v->u.array.len == 0 || v->u.array.len > 2) {
		po_error(file, 0, 0, "%s: expected [level] or [level, "
		    "{options}], not an array of %zu", where,
		    v->u.array.len);
		return -1;
	}
	if (parse_level(&out->level, v->u.array.values[0], file, where) < 0)
		return -1;
	if (v->u.array.len == 1)
		return 0;
	out->has_opts = true;
	return parse_opts(&out->opts, v->u.array.values[1], file, where);
}

/* Splits "resource-summary:script:size" as lhci does: on '.' and ':',
 * dropping empty parts. */
static int
split_key(struct po_lhci_assertion *a, const char *file)
{
	char *copy = po_xstrdup(a->key);
	char *save = NULL;
	char *part;
	size_t proplen = 0;

	for (part = strtok_r(copy, ".:", &save); part;
	    part = strtok_r(NULL, ".:", &save)) {
		if (a->audit_id == NULL) {
			a->audit_id = po_xstrdup(part);
			continue;
		}
		a->property = po_xrealloc(a->property, proplen +
		    strlen(part) + 2);
		if (proplen > 0)
			a->property[proplen++] = '.';
		strcpy(a->property + proplen, part);
		proplen += strlen(part);
		a->nprops++;
	}
	free(copy);
	if (a->audit_id == NULL) {
		po_error(file, 0, 0, "%s: not an audit id", a->where);
		return -1;
	}
	return 0;
}

static int
check_key_case(const struct po_lhci_assertion *a, const char *file)
{
	for (const char *s = a->key; *s; s++)
		if (isupper((unsigned char)*s)) {
			po_error(file, 0, 0, "%s: the key has capitals (lhci "
			    "would look it up in kebab-case, find nothing and "
			    "switch the assertion off); audit ids are "
			    "lower-case", a->where);
			return -1;
		}
	return 0;
}

/* What lhci does with the part of a key after the audit id: categories
 * take one, resource-summary two (a type and size|count), user-timings a
 * name; any other audit ignores it, and po refuses that. */
static int
check_property(const struct po_lhci_assertion *a, const char *file)
{
	const char *id = a->audit_id;

	if (a->nprops == 0)
		return 0;
	if (strcmp(id, "categories") == 0) {
		if (a->nprops == 1)
			return 0;
		po_error(file, 0, 0, "%s: a category assertion is "
		    "categories:<id> (lhci stops with an error)", a->where);
		return -1;
	}
	if (strcmp(id, "resource-summary") == 0) {
		const char *dot = strchr(a->property, '.');

		if (a->nprops == 2 && (strcmp(dot, ".size") == 0 ||
		    strcmp(dot, ".count") == 0))
			return 0;
		po_error(file, 0, 0, "%s: a resource summary assertion is "
		    "resource-summary:<type>:size or :count (lhci stops with "
		    "an error)", a->where);
		return -1;
	}
	if (strcmp(id, "user-timings") == 0) {
		po_error(file, 0, 0, "%s: user-timings assertions are not "
		    "supported by po (the stream does not carry user "
		    "timings)", a->where);
		return -1;
	}
	po_error(file, 0, 0, "%s: audit '%s' has no property '%s' (lhci would "
	    "ignore it and assert the whole audit)", a->where, id,
	    a->property);
	return -1;
}

/* performance-budget repeats Lighthouse's own budget verdict: lhci reads
 * neither options nor an aggregation for it. */
static int
check_budget_audit(const struct po_lhci_assertion *a, const char *file)
{
	if (strcmp(a->audit_id, "performance-budget") != 0 ||
	    opts_empty(&a->value.opts))
		return 0;
	po_error(file, 0, 0, "%s: lhci ignores the options of "
	    "performance-budget and repeats Lighthouse's budget verdict "
	    "row by row; write just a level", a->where);
	return -1;
}

static int
parse_assertions(struct po_lhci_optset *set, yajl_val obj, const char *file)
{
	char *where = path_of(set->where, "%s.%s", "assertions");
	int ret = -1;

	if (!YAJL_IS_OBJECT(obj)) {
		po_error(file, 0, 0, "%s: expected an object", where);
		goto out;
	}
	if (check_unique_keys(obj, file, where) < 0)
		goto out;
	set->assertions = po_xcalloc(obj->u.object.len,
	    sizeof(*set->assertions));
	for (size_t i = 0; i < obj->u.object.len; i++) {
		struct po_lhci_assertion *a =
		    &set->assertions[set->nassertions++];

		a->key = po_xstrdup(obj->u.object.keys[i]);
		a->where = path_of(where, "%s['%s']", a->key);
		if (check_key_case(a, file) < 0 || split_key(a, file) < 0 ||
		    check_property(a, file) < 0 ||
		    parse_value(&a->value, obj->u.object.values[i], file,
		    a->where) < 0 || check_budget_audit(a, file) < 0)
			goto out;
	}
	ret = 0;
out:
	free(where);
	return ret;
}

struct po_lhci_optset *
po_lhci_config_add_set(struct po_lhci *lhci, const char *where)
{
	struct po_lhci_optset *set;

	lhci->sets = po_xrealloc(lhci->sets, (lhci->nsets + 1) *
	    sizeof(*lhci->sets));
	set = &lhci->sets[lhci->nsets++];
	memset(set, 0, sizeof(*set));
	set->where = po_xstrdup(where);
	return set;
}

void
po_lhci_config_add_max(struct po_lhci_optset *set, const char *key,
    double limit, const char *where)
{
	struct po_lhci_assertion *a;

	set->assertions = po_xrealloc(set->assertions,
	    (set->nassertions + 1) * sizeof(*set->assertions));
	a = &set->assertions[set->nassertions++];
	memset(a, 0, sizeof(*a));
	a->key = po_xstrdup(key);
	a->where = po_xstrdup(where);
	a->value.is_array = true;
	a->value.has_opts = true;
	a->value.level = PO_LHCI_ERROR;
	a->value.opts.has_max_numeric = true;
	a->value.opts.max_numeric = limit;
	/* The converter's keys are well formed by construction. */
	split_key(a, "");
}

int
po_lhci_config_set_pattern(struct po_lhci_optset *set, const char *js,
    const char *file)
{
	char why[256];

	/* An empty pattern is falsy in JavaScript: lhci then filters
	 * nothing. */
	if (*js == '\0')
		return 0;
	if (po_lhci_regex_compile(&set->re, js, why, sizeof(why)) < 0) {
		po_error(file, 0, 0, "%s: matchingUrlPattern '%s': %s",
		    set->where, js, why);
		return -1;
	}
	set->has_pattern = true;
	set->pattern = po_xstrdup(js);
	return 0;
}

/* The options every set may have: preset, assertions, aggregationMethod
 * and matchingUrlPattern. */
static int
parse_set(struct po_lhci_optset *set, yajl_val obj, const char *file)
{
	yajl_val preset = po_val_get(obj, "preset");
	yajl_val assertions = po_val_get(obj, "assertions");
	yajl_val agg = po_val_get(obj, "aggregationMethod");
	yajl_val pattern = po_val_get(obj, "matchingUrlPattern");

	/* An empty preset is falsy in JavaScript: lhci reads none. */
	if (preset != NULL && !(YAJL_IS_STRING(preset) &&
	    preset->u.string[0] == '\0')) {
		if (!YAJL_IS_STRING(preset) ||
		    po_lhci_preset_from_name(&set->preset,
		    preset->u.string) < 0) {
			po_error(file, 0, 0, "%s: unknown preset%s%s%s (lhci "
			    "knows lighthouse:all, lighthouse:recommended and "
			    "lighthouse:no-pwa)", set->where,
			    YAJL_IS_STRING(preset) ? " '" : "",
			    YAJL_IS_STRING(preset) ? preset->u.string : "",
			    YAJL_IS_STRING(preset) ? "'" : "");
			return -1;
		}
	}
	if (agg != NULL && parse_agg(&set->agg, agg, file, set->where) < 0)
		return -1;
	if (pattern != NULL) {
		if (!YAJL_IS_STRING(pattern)) {
			po_error(file, 0, 0, "%s: matchingUrlPattern: expected "
			    "a string", set->where);
			return -1;
		}
		if (po_lhci_config_set_pattern(set, pattern->u.string,
		    file) < 0)
			return -1;
	}
	if (assertions != NULL && parse_assertions(set, assertions, file) < 0)
		return -1;
	return 0;
}

static int
parse_matrix(struct po_lhci *lhci, yajl_val assert, const char *file)
{
	static const char *const alone[] = { "assertions", "preset",
		"budgetsFile", "aggregationMethod", "matchingUrlPattern",
		NULL };
	yajl_val matrix = po_val_get(assert, "assertMatrix");
	char where[64];

	for (const char *const *k = alone; *k; k++)
		if (po_val_get(assert, *k) != NULL) {
			po_error(file, 0, 0, "ci.assert: '%s' cannot be used "
			    "with assertMatrix (%s)", *k,
			    strcmp(*k, "matchingUrlPattern") == 0 ?
			    "lhci would ignore it" : "lhci stops with \"Cannot "
			    "use assertMatrix with other options\"");
			return -1;
		}
	if (!YAJL_IS_ARRAY(matrix) || matrix->u.array.len == 0) {
		po_error(file, 0, 0, "ci.assert.assertMatrix: expected a "
		    "non-empty array of option sets");
		return -1;
	}
	for (size_t i = 0; i < matrix->u.array.len; i++) {
		yajl_val entry = matrix->u.array.values[i];
		struct po_lhci_optset *set;

		snprintf(where, sizeof(where), "ci.assert.assertMatrix[%zu]",
		    i);
		if (check_keys(entry, matrix_keys, file, where) < 0)
			return -1;
		set = po_lhci_config_add_set(lhci, where);
		if (parse_set(set, entry, file) < 0)
			return -1;
	}
	return 0;
}

static int
parse_budgets_file(struct po_lhci *lhci, yajl_val assert, const char *file)
{
	static const char *const alone[] = { "assertions", "assertMatrix",
		"preset", "aggregationMethod", "matchingUrlPattern", NULL };
	yajl_val path = po_val_get(assert, "budgetsFile");

	for (const char *const *k = alone; *k; k++)
		if (po_val_get(assert, *k) != NULL) {
			po_error(file, 0, 0, "ci.assert: '%s' cannot be used "
			    "with budgetsFile (%s)", *k, k - alone < 3 ?
			    "lhci stops with \"Cannot use both budgets AND "
			    "assertions\"" : "lhci would ignore it: the "
			    "budgets replace every assert option");
			return -1;
		}
	if (!YAJL_IS_STRING(path) || path->u.string[0] == '\0') {
		po_error(file, 0, 0, "ci.assert.budgetsFile: expected a file "
		    "name");
		return -1;
	}
	return po_lhci_budgets_load(lhci, path->u.string, file);
}

/* lhci merges ci.assert, ci.collect, ci.upload and ci.server into one
 * options object, later sections winning: an assert option written in
 * another section would change the assertions. */
static int
check_sections(yajl_val ci, const char *file)
{
	for (size_t i = 0; i < ci->u.object.len; i++) {
		const char *name = ci->u.object.keys[i];
		yajl_val section = ci->u.object.values[i];

		if (strcmp(name, "extends") == 0) {
			po_error(file, 0, 0, "ci.extends: po reads one "
			    "configuration file; merge the extended file into "
			    "this one");
			return -1;
		}
		if (!in_list(ci_sections, name)) {
			po_error(file, 0, 0, "ci: unknown section '%s' (lhci "
			    "would ignore it)", name);
			return -1;
		}
		if (strcmp(name, "assert") == 0 || strcmp(name, "wizard") == 0
		    || !YAJL_IS_OBJECT(section))
			continue;
		for (size_t j = 0; j < section->u.object.len; j++)
			if (in_list(verdict_keys, section->u.object.keys[j])) {
				po_error(file, 0, 0, "ci.%s.%s: lhci merges "
				    "this into the assert options; move it to "
				    "ci.assert", name,
				    section->u.object.keys[j]);
				return -1;
			}
	}
	return check_unique_keys(ci, file, "ci");
}

static int
parse_assert(struct po_lhci *lhci, yajl_val assert, const char *file)
{
	yajl_val passed = po_val_get(assert, "includePassedAssertions");
	struct po_lhci_optset *set;

	if (check_keys(assert, assert_keys, file, "ci.assert") < 0)
		return -1;
	if (passed != NULL && !YAJL_IS_TRUE(passed) && !YAJL_IS_FALSE(passed)) {
		po_error(file, 0, 0, "ci.assert.includePassedAssertions: "
		    "expected true or false");
		return -1;
	}
	if (po_val_get(assert, "budgetsFile") != NULL)
		return parse_budgets_file(lhci, assert, file);
	if (po_val_get(assert, "assertMatrix") != NULL)
		return parse_matrix(lhci, assert, file);
	if (po_val_get(assert, "assertions") == NULL &&
	    (po_val_get(assert, "preset") == NULL ||
	    (YAJL_IS_STRING(po_val_get(assert, "preset")) &&
	    po_val_string(assert, "preset")[0] == '\0'))) {
		po_error(file, 0, 0, "ci.assert: no assertions, assertMatrix, "
		    "preset or budgetsFile (lhci stops with \"No assertions "
		    "to use\")");
		return -1;
	}
	set = po_lhci_config_add_set(lhci, "ci.assert");
	return parse_set(set, assert, file);
}

/* Whether `set` asserts anything: an assertion of its own that is not
 * "off", or one of its preset's that it does not switch off (under either
 * release of lhci, since the runs decide which one is held). */
static bool
set_asserts(const struct po_lhci_optset *set)
{
	static const enum po_lhci_release releases[] = { PO_LHCI_0_14,
		PO_LHCI_0_15 };
	struct po_lhci_preset_entry *entries;
	bool asserts = false;

	for (size_t i = 0; i < set->nassertions; i++)
		if (set->assertions[i].value.level != PO_LHCI_OFF)
			return true;
	if (set->preset == PO_LHCI_PRESET_NONE)
		return false;
	entries = po_xcalloc(PO_LHCI_PRESET_MAX, sizeof(*entries));
	for (size_t r = 0; r < sizeof(releases) / sizeof(releases[0]) &&
	    !asserts; r++) {
		size_t n = po_lhci_preset_entries(entries, set->preset,
		    releases[r]);

		for (size_t i = 0; i < n && !asserts; i++) {
			bool switched_off = entries[i].level == PO_LHCI_OFF;

			for (size_t j = 0; j < set->nassertions; j++)
				if (strcmp(set->assertions[j].key,
				    entries[i].id) == 0)
					switched_off = true;
			asserts = !switched_off;
		}
	}
	free(entries);
	return asserts;
}

/* lhci runs a configuration whose assertions are all "off", or an empty
 * "assertions" object, and passes it with nothing checked; po refuses it
 * as it refuses any budget that limits nothing. */
static int
check_asserts_something(const struct po_lhci *lhci, const char *file)
{
	for (size_t i = 0; i < lhci->nsets; i++)
		if (set_asserts(&lhci->sets[i]))
			return 0;
	po_error(file, 0, 0, "ci.assert: no assertion is on (lhci would pass "
	    "with nothing checked): a budget that limits nothing cannot pass "
	    "anything");
	return -1;
}

int
po_lhci_config_parse(struct po_lhci **out, yajl_val root, const char *file)
{
	struct po_lhci *lhci = po_xcalloc(1, sizeof(*lhci));
	yajl_val ci = po_val_get(root, "ci");
	yajl_val assert = po_val_get(ci, "assert");

	lhci->file = po_xstrdup(file);
	if (!YAJL_IS_OBJECT(ci)) {
		po_error(file, 0, 0, "ci: expected an object");
		goto bad;
	}
	if (check_sections(ci, file) < 0)
		goto bad;
	if (assert == NULL) {
		po_error(file, 0, 0, "no ci.assert section (lhci assert stops "
		    "with \"No assertions to use\")");
		goto bad;
	}
	if (parse_assert(lhci, assert, file) < 0 ||
	    check_asserts_something(lhci, file) < 0)
		goto bad;
	*out = lhci;
	return 0;
bad:
	po_lhci_config_free(lhci);
	return -1;
}

static void
free_set(struct po_lhci_optset *set)
{
	for (size_t i = 0; i < set->nassertions; i++) {
		free(set->assertions[i].key);
		free(set->assertions[i].audit_id);
		free(set->assertions[i].property);
		free(set->assertions[i].where);
	}
	free(set->assertions);
	if (set->has_pattern)
		regfree(&set->re);
	free(set->pattern);
	free(set->where);
}

void
po_lhci_config_free(struct po_lhci *lhci)
{
	if (lhci == NULL)
		return;
	for (size_t i = 0; i < lhci->nsets; i++)
		free_set(&lhci->sets[i]);
	free(lhci->sets);
	free(lhci->file);
	free(lhci);
}
