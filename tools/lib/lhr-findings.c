#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lhr-emit.h"
#include "msg.h"
#include "num.h"
#include "stream-write.h"

/* Lighthouse shows an audit as passed from a score of 0.9 on. */
#define LHR_PASS_SCORE 0.9

/* Where the fix for an audit lies, and how much work it usually is.  Most
 * audits are fixed in the page itself (frontend, and the default); these are
 * the ones whose fix is on the server or in its configuration. */
struct audit_class {
	const char *id;
	const char *layer;
	const char *effort;
};

static const struct audit_class audit_classes[] = {
	{ "server-response-time", "backend", "high" },
	{ "document-latency-insight", "backend", "medium" },
	{ "redirects", "infrastructure", "low" },
	{ "uses-text-compression", "infrastructure", "low" },
	{ "uses-long-cache-ttl", "infrastructure", "low" },
	{ "cache-insight", "infrastructure", "low" },
	{ "uses-http2", "infrastructure", "medium" },
	{ "modern-http-insight", "infrastructure", "medium" },
	{ "uses-rel-preconnect", "frontend", "low" },
	{ "font-display", "frontend", "low" },
	{ "font-display-insight", "frontend", "low" },
	{ "unsized-images", "frontend", "low" },
	{ "offscreen-images", "frontend", "low" },
	{ "lcp-lazy-loaded", "frontend", "low" },
	{ "prioritize-lcp-image", "frontend", "low" },
	{ "lcp-discovery-insight", "frontend", "low" },
	{ "viewport", "frontend", "low" },
	{ "viewport-insight", "frontend", "low" },
	{ "unminified-css", "frontend", "low" },
	{ "unminified-javascript", "frontend", "low" },
	{ "modern-image-formats", "frontend", "medium" },
	{ "uses-optimized-images", "frontend", "medium" },
	{ "uses-responsive-images", "frontend", "medium" },
	{ "image-delivery-insight", "frontend", "medium" },
	{ "render-blocking-resources", "frontend", "medium" },
	{ "render-blocking-insight", "frontend", "medium" },
	{ "unused-css-rules", "frontend", "medium" },
	{ "unused-javascript", "frontend", "high" },
	{ "legacy-javascript", "frontend", "medium" },
	{ "legacy-javascript-insight", "frontend", "medium" },
	{ "duplicated-javascript", "frontend", "medium" },
	{ "duplicated-javascript-insight", "frontend", "medium" },
	{ "third-party-summary", "frontend", "high" },
	{ "third-parties-insight", "frontend", "high" },
	{ "dom-size", "frontend", "high" },
	{ "dom-size-insight", "frontend", "high" },
	{ "bootup-time", "frontend", "high" },
	{ "mainthread-work-breakdown", "frontend", "high" },
	{ NULL, NULL, NULL }
};

static const struct audit_class *
classify(const char *id)
{
	static const struct audit_class fallback = { NULL, "frontend",
		"medium" };

	for (const struct audit_class *c = audit_classes; c->id; c++)
		if (strcmp(c->id, id) == 0)
			return c;
	return &fallback;
}

static bool
is_opportunity_group(const char *group)
{
	return group != NULL && (strcmp(group, "load-opportunities") == 0 ||
	    strcmp(group, "diagnostics") == 0 || strcmp(group, "insights") == 0 ||
	    strcmp(group, "budgets") == 0);
}

/* A finding is an audit that Lighthouse would show as failed: scored, not
 * informative, below the pass mark. */
static bool
is_failed(const struct po_lhr_audit *audit, double *score)
{
	if (!is_opportunity_group(audit->group) || audit->score == NULL ||
	    audit->mode == NULL)
		return false;
	if (strcmp(audit->mode, "numeric") != 0 &&
	    strcmp(audit->mode, "binary") != 0 &&
	    strcmp(audit->mode, "metricSavings") != 0)
		return false;
	if (po_num_parse(score, audit->score, strlen(audit->score)) < 0)
		return false;
	return *score < LHR_PASS_SCORE;
}

static double
number_or_zero(const char *raw)
{
	double value = 0;

	if (raw != NULL && po_num_parse(&value, raw, strlen(raw)) < 0)
		value = 0;
	return value;
}

/* The time a fix would save: Lighthouse 9 to 12 state it for opportunities;
 * Lighthouse 13 insights give only per-metric savings, of which the largest
 * timing counts (CLS is not a time). */
static double
savings_ms(const struct po_lhr_audit *audit)
{
	double best = 0;

	if (audit->savings_ms != NULL)
		return number_or_zero(audit->savings_ms);
	for (int i = 0; i < 5; i++) {
		double ms;

		if (strcmp(po_lhr_savings_keys[i], "CLS") == 0)
			continue;
		ms = number_or_zero(audit->metric_savings[i]);
		if (ms > best)
			best = ms;
	}
	return best;
}

static const char *
bytes_raw(const struct po_lhr_audit *audit)
{
	return audit->savings_bytes ? audit->savings_bytes :
	    audit->wasted_bytes;
}

static const char *
impact_of(double ms, double bytes)
{
	if (ms >= 1000 || bytes >= 500 * 1024)
		return "high";
	if (ms >= 100 || bytes >= 50 * 1024)
		return "medium";
	return "low";
}

static void
emit_savings(yajl_gen gen, const struct po_lhr_audit *audit, double ms)
{
	const char *bytes = bytes_raw(audit);

	po_gen_key(gen, "savings");
	yajl_gen_map_open(gen);
	if (audit->savings_ms)
		po_gen_key_raw_number(gen, "ms", audit->savings_ms);
	else
		po_gen_key_double(gen, "ms", ms);
	if (bytes)
		po_gen_key_raw_number(gen, "bytes", bytes);
	yajl_gen_map_close(gen);
	po_gen_key(gen, "metric_savings");
	yajl_gen_map_open(gen);
	for (int i = 0; i < 5; i++)
		if (audit->metric_savings[i])
			po_gen_key_raw_number(gen, po_lhr_savings_keys[i],
			    audit->metric_savings[i]);
	yajl_gen_map_close(gen);
}

static void
emit_finding(const struct po_lhr *lhr, const struct po_lhr_audit *audit,
    double score)
{
	const struct audit_class *cls = classify(audit->id);
	double ms = savings_ms(audit);
	yajl_gen gen = po_doc_begin("finding");

	po_lhr_emit_head(gen, lhr);
	po_gen_key_string(gen, "id", audit->id);
	po_gen_key_string(gen, "title", audit->title ? audit->title :
	    audit->id);
	/* Lighthouse colours a score under 0.5 red, the rest orange. */
	po_gen_key_string(gen, "severity", score < 0.5 ? "high" : "medium");
	po_gen_key_string(gen, "layer", cls->layer);
	po_gen_key_raw_number(gen, "score", audit->score);
	if (audit->display)
		po_gen_key_string(gen, "evidence", audit->display);
	emit_savings(gen, audit, ms);
	po_gen_key_string(gen, "impact", impact_of(ms,
	    number_or_zero(bytes_raw(audit))));
	po_gen_key_string(gen, "effort", cls->effort);
	po_doc_end(gen);
}

int
po_lhr_emit_findings(const struct po_lhr *lhr)
{
	int nfindings = 0;

	for (size_t i = 0; i < lhr->naudits; i++) {
		double score;

		if (!is_failed(&lhr->audits[i], &score))
			continue;
		emit_finding(lhr, &lhr->audits[i], score);
		nfindings++;
	}
	return nfindings;
}
