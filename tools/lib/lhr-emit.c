#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lhr-emit.h"
#include "metric.h"
#include "msg.h"
#include "num.h"
#include "stream-write.h"

static const char *
subject_of(const struct po_lhr *lhr)
{
	return lhr->final_url ? lhr->final_url : lhr->requested_url;
}

void
po_lhr_emit_head(yajl_gen gen, const struct po_lhr *lhr)
{
	po_gen_key_string(gen, "source", "lighthouse");
	po_gen_key_string(gen, "subject", subject_of(lhr));
	po_gen_key_string(gen, "file", lhr->file);
	po_gen_key(gen, "tags");
	yajl_gen_map_open(gen);
	po_gen_key_string(gen, "requested_url", lhr->requested_url);
	po_gen_key_string(gen, "final_url", lhr->final_url);
	po_gen_key_string(gen, "form_factor", lhr->form_factor);
	po_gen_key_string(gen, "lighthouse_version", lhr->version);
	po_gen_key_string(gen, "fetch_time", lhr->fetch_time);
	yajl_gen_map_close(gen);
}

static void
emit_metric(yajl_gen gen, const char *name, const char *raw_value)
{
	const struct po_metric_def *def = po_metric_find(name);

	po_gen_key(gen, name);
	yajl_gen_map_open(gen);
	po_gen_key_raw_number(gen, "value", raw_value);
	po_gen_key_string(gen, "unit", def ? def->unit : "unitless");
	po_gen_key_string(gen, "better",
	    def == NULL || def->lower_is_better ? "lower" : "higher");
	yajl_gen_map_close(gen);
}

static void
emit_count_metric(yajl_gen gen, const char *name, long count)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%ld", count);
	emit_metric(gen, name, buf);
}

static void
emit_metrics(yajl_gen gen, const struct po_lhr *lhr)
{
	char name[128];

	po_gen_key(gen, "metrics");
	yajl_gen_map_open(gen);
	for (size_t i = 0; i < lhr->ncategories; i++) {
		if (lhr->categories[i].score == NULL)
			continue;
		snprintf(name, sizeof(name), "score.%s", lhr->categories[i].id);
		emit_metric(gen, name, lhr->categories[i].score);
	}
	for (size_t i = 0; i < lhr->naudits; i++) {
		const struct po_lhr_audit *audit = &lhr->audits[i];
		const char *metric = po_metric_from_audit(audit->id);

		if (metric == NULL)
			continue;
		if (strcmp(metric, "requests") == 0) {
			if (audit->nitems >= 0)
				emit_count_metric(gen, metric, audit->nitems);
		} else if (audit->value != NULL) {
			emit_metric(gen, metric, audit->value);
		}
	}
	for (size_t i = 0; i < lhr->nresources; i++) {
		const struct po_lhr_resource *res = &lhr->resources[i];

		if (res->type == NULL)
			continue;
		if (res->size) {
			snprintf(name, sizeof(name), "resource.%s.size",
			    res->type);
			emit_metric(gen, name, res->size);
		}
		if (res->count) {
			snprintf(name, sizeof(name), "resource.%s.count",
			    res->type);
			emit_metric(gen, name, res->count);
		}
	}
	yajl_gen_map_close(gen);
}

static void
key_raw_or_null(yajl_gen gen, const char *key, const char *raw)
{
	po_gen_key(gen, key);
	if (raw)
		po_gen_raw_number(gen, raw, strlen(raw));
	else
		yajl_gen_null(gen);
}

/* Every category with its score, null included: Lighthouse CI asserts a
 * category that exists with a null score (a runtimeError report) as "no
 * value", and one that does not exist as an audit that did not run.  The
 * metrics carry only the scores that are numbers. */
static void
emit_categories(yajl_gen gen, const struct po_lhr *lhr)
{
	po_gen_key(gen, "categories");
	yajl_gen_map_open(gen);
	for (size_t i = 0; i < lhr->ncategories; i++)
		key_raw_or_null(gen, lhr->categories[i].id,
		    lhr->categories[i].score);
	yajl_gen_map_close(gen);
}

/* What Lighthouse CI's assertions need of every audit: the score, how it is
 * displayed, the numeric value and the number of detail items. */
static void
emit_audits(yajl_gen gen, const struct po_lhr *lhr)
{
	po_gen_key(gen, "audits");
	yajl_gen_map_open(gen);
	for (size_t i = 0; i < lhr->naudits; i++) {
		const struct po_lhr_audit *audit = &lhr->audits[i];

		po_gen_key(gen, audit->id);
		yajl_gen_map_open(gen);
		key_raw_or_null(gen, "score", audit->score);
		po_gen_key_string(gen, "mode", audit->mode);
		if (audit->value)
			po_gen_key_raw_number(gen, "value", audit->value);
		if (audit->nitems >= 0) {
			po_gen_key(gen, "items");
			yajl_gen_integer(gen, audit->nitems);
		}
		yajl_gen_map_close(gen);
	}
	yajl_gen_map_close(gen);
}

/* performance-budget rows over budget (Lighthouse 9 to 11 with a budget):
 * Lighthouse CI turns each into an assertion of its own. */
static void
emit_budget_rows(yajl_gen gen, const struct po_lhr *lhr)
{
	if (lhr->nbudget_rows == 0)
		return;
	po_gen_key(gen, "budget_rows");
	yajl_gen_array_open(gen);
	for (size_t i = 0; i < lhr->nbudget_rows; i++) {
		const struct po_lhr_resource *row = &lhr->budget_rows[i];

		yajl_gen_map_open(gen);
		po_gen_key_string(gen, "resource_type", row->type);
		key_raw_or_null(gen, "count", row->count);
		key_raw_or_null(gen, "size", row->size);
		if (row->size_over)
			po_gen_key_raw_number(gen, "size_over", row->size_over);
		if (row->count_over)
			po_gen_key_string(gen, "count_over", row->count_over);
		yajl_gen_map_close(gen);
	}
	yajl_gen_array_close(gen);
}

static void
emit_measured(const struct po_lhr *lhr)
{
	yajl_gen gen = po_doc_begin("metrics");

	po_lhr_emit_head(gen, lhr);
	emit_metrics(gen, lhr);
	emit_categories(gen, lhr);
	emit_audits(gen, lhr);
	emit_budget_rows(gen, lhr);
	po_doc_end(gen);
}

static void
emit_runtime_error(const struct po_lhr *lhr)
{
	yajl_gen gen = po_doc_begin("error");

	po_lhr_emit_head(gen, lhr);
	po_gen_key_string(gen, "code", lhr->runtime_code);
	po_gen_key_string(gen, "message", lhr->runtime_message ?
	    lhr->runtime_message : lhr->runtime_code);
	emit_categories(gen, lhr);
	emit_audits(gen, lhr);
	po_doc_end(gen);
}

int
po_lhr_emit(const struct po_lhr *lhr, bool with_findings)
{
	if (lhr->runtime_code != NULL) {
		emit_runtime_error(lhr);
		return 0;
	}
	emit_measured(lhr);
	return with_findings ? po_lhr_emit_findings(lhr) : 0;
}
