#include "config.h"

#include <math.h>
#include <string.h>

#include "check.h"
#include "stream-write.h"

const char *
po_check_status(const struct po_check *check)
{
	if (check->passed)
		return "pass";
	return check->level == PO_LEVEL_WARN ? "warn" : "fail";
}

double
po_check_margin(const struct po_check *check)
{
	if (!check->has_value)
		return NAN;
	if (check->op[0] == '>')
		return check->value - check->limit;
	if (check->op[0] == '<')
		return check->limit - check->value;
	return -fabs(check->value - check->limit);
}

static void
emit_origin(yajl_gen gen, const struct po_check *check)
{
	po_gen_key(gen, "origin");
	yajl_gen_map_open(gen);
	po_gen_key_string(gen, "file", check->origin_file ?
	    check->origin_file : "");
	po_gen_key_string(gen, "format", check->origin_format);
	if (check->origin_rule)
		po_gen_key_string(gen, "rule", check->origin_rule);
	yajl_gen_map_close(gen);
}

/* The members of a regression check: the change is in the metric's unit,
 * and relative to the baseline only where that means something. */
static void
emit_regression(yajl_gen gen, const struct po_check *check)
{
	const struct po_check_regression *r = check->regression;
	double change = check->value - r->baseline;

	po_gen_key_double(gen, "baseline", r->baseline);
	po_gen_key_double(gen, "change", change);
	po_gen_key_double(gen, "change_ratio",
	    r->baseline != 0 ? change / r->baseline : NAN);
	po_gen_key(gen, "runs");
	yajl_gen_map_open(gen);
	po_gen_key(gen, "baseline");
	yajl_gen_integer(gen, (long long)r->nbaseline);
	po_gen_key(gen, "current");
	yajl_gen_integer(gen, (long long)r->ncurrent);
	yajl_gen_map_close(gen);
	po_gen_key(gen, "test");
	yajl_gen_map_open(gen);
	po_gen_key_string(gen, "method", r->method);
	if (r->has_p_value)
		po_gen_key_double(gen, "p_value", r->p_value);
	po_gen_key_double(gen, "alpha", r->alpha);
	yajl_gen_map_close(gen);
}

static void
emit_optional(yajl_gen gen, const char *key, const char *value)
{
	if (value != NULL)
		po_gen_key_string(gen, key, value);
}

void
po_check_emit(const struct po_check *check, struct po_tally *tally)
{
	yajl_gen gen = po_doc_begin("check");

	po_gen_key_string(gen, "source", check->source ? check->source :
	    "po-budget");
	po_gen_key_string(gen, "subject", check->subject ? check->subject :
	    "");
	po_gen_key_string(gen, "name", check->name);
	emit_optional(gen, "metric", check->metric);
	if (check->regression != NULL)
		po_gen_key_string(gen, "kind", "regression");
	emit_optional(gen, "audit", check->audit);
	emit_optional(gen, "assertion", check->assertion);
	po_gen_key_string(gen, "status", po_check_status(check));
	po_gen_key_string(gen, "level",
	    check->level == PO_LEVEL_WARN ? "warn" : "error");
	po_gen_key_double(gen, "value", check->has_value ? check->value : NAN);
	po_gen_key_double(gen, "limit", check->limit);
	po_gen_key_string(gen, "operator", check->op);
	po_gen_key_double(gen, "margin", po_check_margin(check));
	emit_optional(gen, "unit", check->unit);
	emit_optional(gen, "aggregation", check->aggregation);
	if (check->values != NULL) {
		po_gen_key(gen, "values");
		yajl_gen_array_open(gen);
		for (size_t i = 0; i < check->nvalues; i++)
			po_gen_double(gen, check->values[i]);
		yajl_gen_array_close(gen);
	}
	if (check->regression != NULL)
		emit_regression(gen, check);
	emit_optional(gen, "message", check->message);
	emit_optional(gen, "file", check->run_file);
	emit_origin(gen, check);
	po_doc_end(gen);
	po_tally_count_status(tally, po_check_status(check));
}

void
po_tally_count_status(struct po_tally *tally, const char *status)
{
	tally->checks++;
	if (strcmp(status, "pass") == 0)
		tally->passed++;
	else if (strcmp(status, "warn") == 0)
		tally->warned++;
	else
		tally->failed++;
}

int
po_tally_exit(const struct po_tally *tally)
{
	if (tally->errors > 0 || tally->checks == 0)
		return 2;
	return tally->failed > 0 ? 1 : 0;
}

static const char *
status_word(const struct po_tally *tally)
{
	switch (po_tally_exit(tally)) {
	case 2:
		return "error";
	case 1:
		return "fail";
	default:
		return tally->warned > 0 ? "warn" : "pass";
	}
}

void
po_summary_emit(const char *source, const struct po_tally *tally,
    char *const *budgets, size_t nbudgets, const char *message)
{
	yajl_gen gen = po_doc_begin("summary");

	po_gen_key_string(gen, "source", source);
	po_gen_key_string(gen, "status", status_word(tally));
	po_gen_key(gen, "exit");
	yajl_gen_integer(gen, po_tally_exit(tally));
	po_gen_key(gen, "checks");
	yajl_gen_integer(gen, tally->checks);
	po_gen_key(gen, "passed");
	yajl_gen_integer(gen, tally->passed);
	po_gen_key(gen, "warned");
	yajl_gen_integer(gen, tally->warned);
	po_gen_key(gen, "failed");
	yajl_gen_integer(gen, tally->failed);
	po_gen_key(gen, "errors");
	yajl_gen_integer(gen, tally->errors);
	po_gen_key(gen, "subjects");
	yajl_gen_integer(gen, tally->subjects);
	po_gen_key(gen, "budgets");
	yajl_gen_array_open(gen);
	for (size_t i = 0; i < nbudgets; i++)
		po_gen_string(gen, budgets[i]);
	yajl_gen_array_close(gen);
	if (message != NULL)
		po_gen_key_string(gen, "message", message);
	po_doc_end(gen);
}
