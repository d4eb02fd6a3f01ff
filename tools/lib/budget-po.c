#include "config.h"

#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget-po.h"
#include "budget-po-rules.h"
#include "json-scan.h"
#include "json-val.h"
#include "metric.h"
#include "msg.h"
#include "num.h"
#include "stats.h"

/* The version of the budget format this po reads. */
#define POBUDGET_VERSION 1

static const char *const operators[] = { "<", "<=", ">", ">=", "==", "!=",
	NULL };

int
po_pobudget_detect(yajl_val root)
{
	return po_val_get(root, "po_budget") != NULL;
}

/* Finds where each element of the top-level "rules" array starts, so that
 * a message can point at the rule, not just the file. */
struct locator {
	long *lines;
	long *cols;
	size_t n;
};

static int
locate_rule(struct po_scan *scan, void *ctx, const struct po_scan_path *path,
    enum po_scan_kind kind, const char *text, size_t len)
{
	struct locator *loc = ctx;
	const char *key = po_scan_key(path, 0);
	long index;

	(void)text;
	(void)len;
	if (path->depth != 2 || key == NULL || strcmp(key, "rules") != 0 ||
	    !path->frames[1].is_array || kind == PO_SCAN_CLOSE_MAP ||
	    kind == PO_SCAN_CLOSE_ARRAY)
		return 0;
	index = path->frames[1].index;
	if (index >= 0 && (size_t)index < loc->n) {
		po_scan_where(scan, &loc->lines[index], &loc->cols[index]);
		loc->cols[index]--;     /* point at the '{', not past it */
	}
	return 0;
}

static char *
where_of(const char *file, const struct locator *loc, size_t i)
{
	char buf[4096];

	if (loc->lines[i] > 0)
		snprintf(buf, sizeof(buf), "%s:%ld:%ld", file, loc->lines[i],
		    loc->cols[i]);
	else
		snprintf(buf, sizeof(buf), "%s", file);
	return po_xstrdup(buf);
}

/* A limit is a number, or a string with a unit ("2.5s", "300KiB") in the
 * family of the metric's unit. */
static int
parse_limit(double *out, yajl_val v, const char *unit)
{
	if (po_val_double(out, v) == 0)
		return 0;
	if (!YAJL_IS_STRING(v) || unit == NULL)
		return -1;
	if (strcmp(unit, "ms") == 0 || strcmp(unit, "bytes") == 0)
		return po_num_parse_unit(out, v->u.string, unit);
	return -1;
}

static int
parse_aggregation(struct rule *rule, const char *text)
{
	static const char *const names[] = { "median", "mean", "min", "max",
		NULL };
	char *end;

	for (size_t i = 0; names[i]; i++)
		if (strcmp(text, names[i]) == 0) {
			rule->aggregation = po_xstrdup(text);
			return 0;
		}
	/* pNN: digits and at most one point, nothing strtod would also take
	 * (white space, signs, exponents, "inf"). */
	if (text[0] == 'p' && text[1] != '\0' &&
	    strspn(text + 1, "0123456789.") == strlen(text + 1)) {
		double p = strtod(text + 1, &end);

		if (*end == '\0' && p >= 0 && p <= 100) {
			rule->aggregation = po_xstrdup(text);
			rule->percentile = p;
			return 0;
		}
	}
	return -1;
}

static bool
is_one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static int
rule_error(const struct rule *rule, const char *fmt, const char *arg)
{
	char msg[512];

	snprintf(msg, sizeof(msg), fmt, arg);
	fprintf(stderr, "%s: %s: %s: %s\n", po_msg_progname(), rule->where,
	    rule->label, msg);
	po_status_raise(PO_BAD);
	return -1;
}

/* The two helpers above, for the limits on change (budget-po-change.c). */
int
po_pobudget_parse_limit(double *out, yajl_val v, const char *unit)
{
	return parse_limit(out, v, unit);
}

int
po_pobudget_rule_error(const struct rule *rule, const char *fmt,
    const char *arg)
{
	return rule_error(rule, fmt, arg);
}

static int
parse_levels(struct rule *rule, yajl_val obj, const char *unit)
{
	yajl_val warn = po_val_get(obj, "warn");
	yajl_val error = po_val_get(obj, "error");

	if (warn != NULL) {
		if (parse_limit(&rule->warn, warn, unit) < 0)
			return rule_error(rule, "'warn' is not a number%s",
			    unit ? " or a value with a unit" : "");
		rule->has_warn = true;
	}
	if (error != NULL) {
		if (parse_limit(&rule->error, error, unit) < 0)
			return rule_error(rule, "'error' is not a number%s",
			    unit ? " or a value with a unit" : "");
		rule->has_error = true;
	}
	return 0;
}

static int
parse_env(struct rule *rule, yajl_val envs, const char *env, const char *unit)
{
	yajl_val chosen;

	if (envs == NULL)
		return 0;
	if (!YAJL_IS_OBJECT(envs))
		return rule_error(rule, "'env' must be an object of "
		    "environments%s", "");
	for (size_t i = 0; i < envs->u.object.len; i++) {
		yajl_val over = envs->u.object.values[i];

		if (!YAJL_IS_OBJECT(over))
			return rule_error(rule, "env '%s' must be an object",
			    envs->u.object.keys[i]);
		for (size_t j = 0; j < over->u.object.len; j++)
			if (strcmp(over->u.object.keys[j], "warn") != 0 &&
			    strcmp(over->u.object.keys[j], "error") != 0)
				return rule_error(rule, "env overrides may set "
				    "only 'warn' and 'error', not '%s'",
				    over->u.object.keys[j]);
	}
	/* Every environment's limits are checked, not only the chosen one's:
	 * a typo in the production override must not wait for a production
	 * run to be found. */
	for (size_t i = 0; i < envs->u.object.len; i++) {
		struct rule scratch = *rule;

		if (parse_levels(&scratch, envs->u.object.values[i], unit) < 0)
			return -1;
	}
	if (env == NULL || (chosen = po_val_get(envs, env)) == NULL)
		return 0;
	return parse_levels(rule, chosen, unit);
}

static const char *
default_operator(const struct po_metric_def *def)
{
	if (def == NULL)
		return NULL;
	return def->lower_is_better ? "<=" : ">=";
}

static int
check_keys(struct rule *rule, yajl_val obj)
{
	static const char *const keys[] = { "metric", "name", "subject",
		"tags", "operator", "warn", "error", "aggregation", "unit",
		"optional", "env", "change", NULL };

	for (size_t i = 0; i < obj->u.object.len; i++)
		if (!is_one_of(obj->u.object.keys[i], keys))
			return rule_error(rule, "unknown key '%s'",
			    obj->u.object.keys[i]);
	return 0;
}

static int
parse_rule(struct rule *rule, yajl_val obj, const char *default_agg,
    const char *env)
{
	const struct po_metric_def *def;
	const char *metric, *op, *explicit_op, *agg, *unit;
	yajl_val v;

	if (!YAJL_IS_OBJECT(obj))
		return rule_error(rule, "expected an object%s", "");
	if (check_keys(rule, obj) < 0)
		return -1;
	metric = po_val_string(obj, "metric");
	if (metric == NULL || *metric == '\0')
		return rule_error(rule, "'metric' (a metric name) is "
		    "required%s", "");
	rule->metric = po_xstrdup(metric);
	def = po_metric_find(metric);
	unit = po_val_string(obj, "unit");
	if ((v = po_val_get(obj, "unit")) != NULL && unit == NULL)
		return rule_error(rule, "'unit' must be a string%s", "");
	if (unit == NULL && def != NULL)
		unit = def->unit;
	rule->unit = unit ? po_xstrdup(unit) : NULL;
	if ((v = po_val_get(obj, "name")) != NULL) {
		if (!YAJL_IS_STRING(v))
			return rule_error(rule, "'name' must be a string%s", "");
		rule->name = po_xstrdup(v->u.string);
	}
	v = po_val_get(obj, "subject");
	if (v != NULL && !YAJL_IS_STRING(v))
		return rule_error(rule, "'subject' must be a pattern string%s",
		    "");
	rule->subject = po_xstrdup(v ? v->u.string : "*");
	rule->tags = po_val_get(obj, "tags");
	if (rule->tags != NULL && !YAJL_IS_OBJECT(rule->tags))
		return rule_error(rule, "'tags' must be an object%s", "");
	op = po_val_string(obj, "operator");
	if (po_val_get(obj, "operator") != NULL &&
	    (op == NULL || !is_one_of(op, operators)))
		return rule_error(rule, "'operator' must be one of < <= > >= "
		    "== !=%s", "");
	explicit_op = op;
	if (op == NULL)
		op = default_operator(def);
	for (size_t i = 0; op != NULL && operators[i]; i++)
		if (strcmp(op, operators[i]) == 0)
			rule->op = operators[i];
	agg = po_val_string(obj, "aggregation");
	if (po_val_get(obj, "aggregation") != NULL && agg == NULL)
		return rule_error(rule, "'aggregation' must be a string%s", "");
	if (parse_aggregation(rule, agg ? agg : default_agg) < 0)
		return rule_error(rule, "unknown aggregation '%s' (median, "
		    "mean, min, max or pNN)", agg ? agg : default_agg);
	v = po_val_get(obj, "optional");
	if (v != NULL && !YAJL_IS_TRUE(v) && !YAJL_IS_FALSE(v))
		return rule_error(rule, "'optional' must be true or false%s",
		    "");
	rule->optional = v != NULL && YAJL_IS_TRUE(v);
	if (parse_levels(rule, obj, rule->unit) < 0 ||
	    parse_env(rule, po_val_get(obj, "env"), env, rule->unit) < 0 ||
	    po_pobudget_parse_change(rule, po_val_get(obj, "change")) < 0)
		return -1;
	if (!rule->has_warn && !rule->has_error && !rule->has_change)
		return rule_error(rule, "a rule needs a 'warn', an 'error' or "
		    "a 'change' limit%s", "");
	if ((rule->has_warn || rule->has_error) && rule->op == NULL)
		return rule_error(rule, "'operator' is required for metric "
		    "'%s', which po does not know", metric);
	return po_pobudget_direction(&rule->better, rule, explicit_op, def);
}

static int
parse_top(yajl_val root, const char *file, const char **default_agg,
    yajl_val *rules)
{
	static const char *const keys[] = { "po_budget", "aggregation",
		"rules", "description", NULL };
	double version;

	if (!YAJL_IS_OBJECT(root)) {
		po_error(file, 0, 0, "a po budget is a JSON object");
		return -1;
	}
	for (size_t i = 0; i < root->u.object.len; i++)
		if (!is_one_of(root->u.object.keys[i], keys)) {
			po_error(file, 0, 0, "unknown key '%s' in a po budget",
			    root->u.object.keys[i]);
			return -1;
		}
	if (po_val_number(&version, root, "po_budget") < 0 ||
	    version != POBUDGET_VERSION) {
		po_error(file, 0, 0, "unsupported po_budget version (this po "
		    "reads %d)", POBUDGET_VERSION);
		return -1;
	}
	*default_agg = po_val_string(root, "aggregation");
	if (po_val_get(root, "aggregation") && *default_agg == NULL) {
		po_error(file, 0, 0, "'aggregation' must be a string");
		return -1;
	}
	if (*default_agg == NULL)
		*default_agg = "median";
	*rules = po_val_get(root, "rules");
	if (!YAJL_IS_ARRAY(*rules)) {
		po_error(file, 0, 0, "'rules' (an array of limits) is required");
		return -1;
	}
	if ((*rules)->u.array.len == 0) {
		po_error(file, 0, 0, "'rules' is empty: a budget that limits "
		    "nothing cannot pass anything");
		return -1;
	}
	return 0;
}

int
po_pobudget_load(struct po_pobudget **out, yajl_val root, const char *text,
    size_t textlen, const char *file, const char *env)
{
	struct po_pobudget *budget;
	struct locator loc = { 0 };
	const char *default_agg;
	yajl_val rules;
	int ret = 0;

	if (parse_top(root, file, &default_agg, &rules) < 0)
		return -1;
	budget = po_xcalloc(1, sizeof(*budget));
	budget->file = po_xstrdup(file);
	budget->rules = po_xcalloc(rules->u.array.len, sizeof(*budget->rules));
	loc.n = rules->u.array.len;
	loc.lines = po_xcalloc(loc.n, sizeof(long));
	loc.cols = po_xcalloc(loc.n, sizeof(long));
	po_scan_buffer(file, 1, text, textlen, locate_rule, &loc);
	for (size_t i = 0; i < rules->u.array.len && ret == 0; i++) {
		struct rule *rule = &budget->rules[budget->nrules++];
		char label[32];

		snprintf(label, sizeof(label), "rules[%zu]", i);
		rule->label = po_xstrdup(label);
		rule->where = where_of(file, &loc, i);
		ret = parse_rule(rule, rules->u.array.values[i], default_agg,
		    env);
	}
	free(loc.lines);
	free(loc.cols);
	if (ret < 0) {
		po_pobudget_free(budget);
		return -1;
	}
	*out = budget;
	return 0;
}

void
po_pobudget_free(struct po_pobudget *budget)
{
	if (budget == NULL)
		return;
	for (size_t i = 0; i < budget->nrules; i++) {
		struct rule *rule = &budget->rules[i];

		free(rule->where);
		free(rule->label);
		free(rule->name);
		free(rule->metric);
		free(rule->subject);
		free(rule->aggregation);
		free(rule->unit);
	}
	free(budget->rules);
	free(budget->file);
	free(budget);
}
