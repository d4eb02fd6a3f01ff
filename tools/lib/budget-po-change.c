/* The limits on change of po's budget format (po-budget(5), "Limits on
 * change"): how much worse a metric may get from a baseline, and which way
 * is worse. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "budget-po-rules.h"
#include "json-val.h"
#include "metric.h"
#include "num.h"
#include "regress.h"

/* The amount after the '+' of "+50ms" or "+0.05": with a unit for a
 * metric in milliseconds or bytes, a plain number for the others. */
static int
parse_signed_amount(double *out, const char *text, const char *unit)
{
	/* po_num_parse would take white space or a second sign first. */
	if (!isdigit((unsigned char)text[0]) && text[0] != '.')
		return -1;
	if (unit != NULL && (strcmp(unit, "ms") == 0 ||
	    strcmp(unit, "bytes") == 0))
		return po_num_parse_unit(out, text, unit);
	return po_num_parse(out, text, strlen(text));
}

/* One part of a limit on change: a percentage of the baseline, or an
 * amount in the metric's unit (a number, or a string with a unit), with an
 * optional '+' that says which way it goes.  A part may not be negative:
 * an allowed improvement would be a different thing. */
static int
parse_change_part(struct po_change_limit *limit, yajl_val v, const char *unit)
{
	const char *text = YAJL_IS_STRING(v) ? v->u.string : NULL;
	double amount;
	int percent;

	if (text != NULL && (percent = po_change_parse_percent(&amount,
	    text)) != 0) {
		if (percent < 0 || limit->has_ratio)
			return -1;
		limit->has_ratio = true;
		limit->ratio = amount;
		return 0;
	}
	if (text != NULL && text[0] == '+') {
		if (parse_signed_amount(&amount, text + 1, unit) < 0)
			return -1;
	} else if (po_pobudget_parse_limit(&amount, v, unit) < 0) {
		return -1;
	}
	if (amount < 0 || limit->has_absolute)
		return -1;
	limit->has_absolute = true;
	limit->absolute = amount;
	return 0;
}

/* A level of "change": one part, or an array of a percentage and an
 * amount, of which the larger applies. */
static int
parse_change_level(struct rule *rule, struct po_change_limit *limit,
    yajl_val v, const char *level)
{
	static const char bad[] = "'change.%s' must be a percentage of the "
	    "baseline (\"10%%\"), an amount in the unit of the metric, or "
	    "an array of one of each";

	if (v == NULL)
		return 0;
	limit->is_set = true;
	if (!YAJL_IS_ARRAY(v))
		return parse_change_part(limit, v, rule->unit) < 0 ?
		    po_pobudget_rule_error(rule, bad, level) : 0;
	if (v->u.array.len == 0 || v->u.array.len > 2)
		return po_pobudget_rule_error(rule, bad, level);
	for (size_t i = 0; i < v->u.array.len; i++)
		if (parse_change_part(limit, v->u.array.values[i],
		    rule->unit) < 0)
			return po_pobudget_rule_error(rule, bad, level);
	return 0;
}

int
po_pobudget_parse_change(struct rule *rule, yajl_val change)
{
	if (change == NULL)
		return 0;
	if (!YAJL_IS_OBJECT(change))
		return po_pobudget_rule_error(rule, "'change' must be an object with "
		    "'warn', 'error' or both%s", "");
	for (size_t i = 0; i < change->u.object.len; i++)
		if (strcmp(change->u.object.keys[i], "warn") != 0 &&
		    strcmp(change->u.object.keys[i], "error") != 0)
			return po_pobudget_rule_error(rule, "unknown key '%s' in 'change' "
			    "(it has 'warn' and 'error')",
			    change->u.object.keys[i]);
	if (parse_change_level(rule, &rule->change_warn,
	    po_val_get(change, "warn"), "warn") < 0 ||
	    parse_change_level(rule, &rule->change_error,
	    po_val_get(change, "error"), "error") < 0)
		return -1;
	if (!rule->change_warn.is_set && !rule->change_error.is_set)
		return po_pobudget_rule_error(rule, "'change' needs a 'warn' or an 'error' "
		    "limit%s", "");
	rule->has_change = true;
	return 0;
}

/* Which way a change is worse, for a limit on change (*out as in struct
 * rule): an operator says it, else po's knowledge of the metric, else the
 * stream's "better".  Returns 0, or -1 after a message. */
int
po_pobudget_direction(int *out, const struct rule *rule, const char *explicit_op,
    const struct po_metric_def *def)
{
	*out = 0;
	if (explicit_op != NULL) {
		if (explicit_op[0] == '<')
			*out = -1;
		else if (explicit_op[0] == '>')
			*out = 1;
		else if (rule->has_change)
			return po_pobudget_rule_error(rule, "'change' needs a direction: "
			    "operator '%s' has none", explicit_op);
	} else if (def != NULL) {
		*out = def->lower_is_better ? -1 : 1;
	}
	return 0;
}
