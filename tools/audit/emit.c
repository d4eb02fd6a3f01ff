#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/emit.h"
#include "audit/findings.h"
#include "audit/servertiming.h"
#include "audit/summary.h"
#include "audit/url.h"
#include "lib/metric.h"
#include "lib/msg.h"
#include "lib/stats.h"
#include "lib/stream-write.h"
#include "lib/utf8.h"

#define MAX_SERVER_TIMINGS 16

void
po_audit_gen_key_text(yajl_gen gen, const char *key, const char *text)
{
	size_t len = strlen(text);
	size_t bad = po_utf8_check(text, len);
	char *clean, *out;

	if (bad == len) {
		po_gen_key_string(gen, key, text);
		return;
	}
	out = clean = po_xmalloc(len * 3 + 1);
	while (len > 0) {
		memcpy(out, text, bad);
		out += bad;
		if (bad == len)
			break;
		memcpy(out, "\xef\xbf\xbd", 3);
		out += 3;
		text += bad + 1;
		len -= bad + 1;
		bad = po_utf8_check(text, len);
	}
	*out = '\0';
	po_gen_key_string(gen, key, clean);
	free(clean);
}

void
po_audit_gen_key_url(yajl_gen gen, const char *key, const char *url)
{
	char *shown = po_url_display(url);

	po_audit_gen_key_text(gen, key, shown);
	free(shown);
}

void
po_audit_emit_head(yajl_gen gen, const char *url, const char *final_url)
{
	po_gen_key_string(gen, "source", "po-audit");
	po_audit_gen_key_url(gen, "subject", final_url ? final_url : url);
	po_gen_key(gen, "tags");
	yajl_gen_map_open(gen);
	po_audit_gen_key_url(gen, "requested_url", url);
	if (final_url)
		po_audit_gen_key_url(gen, "final_url", final_url);
	yajl_gen_map_close(gen);
}

void
po_audit_emit_metric(yajl_gen gen, const char *name, double value,
    const char *unit, const double *samples, size_t nsamples)
{
	const struct po_metric_def *def = po_metric_find(name);

	po_gen_key(gen, name);
	yajl_gen_map_open(gen);
	po_gen_key_double(gen, "value", value);
	po_gen_key_string(gen, "unit", def ? def->unit : unit);
	po_gen_key_string(gen, "better",
	    def == NULL || def->lower_is_better ? "lower" : "higher");
	if (nsamples > 1) {
		po_gen_key(gen, "samples");
		yajl_gen_array_open(gen);
		for (size_t i = 0; i < nsamples; i++)
			po_gen_double(gen, samples[i]);
		yajl_gen_array_close(gen);
	}
	yajl_gen_map_close(gen);
}

/* A timing over the samples: the median as the metric, with every sample,
 * and the 95th percentile as "<name>.p95". */
static void
emit_timing(yajl_gen gen, const struct po_page *page, const char *name,
    size_t offset)
{
	double *values = po_xcalloc(page->nsamples, sizeof(double));
	double *sorted = po_xcalloc(page->nsamples, sizeof(double));
	char p95[64];

	for (unsigned i = 0; i < page->nsamples; i++)
		values[i] = *(const double *)((const char *)&page->samples[i] +
		    offset);
	memcpy(sorted, values, page->nsamples * sizeof(double));
	po_stats_sort(sorted, page->nsamples);
	po_audit_emit_metric(gen, name, po_stats_median(sorted,
	    page->nsamples), "ms", values, page->nsamples);
	snprintf(p95, sizeof(p95), "%s.p95", name);
	po_audit_emit_metric(gen, p95, po_stats_percentile(sorted,
	    page->nsamples, 95), "ms", NULL, 0);
	free(values);
	free(sorted);
}

/* Each Server-Timing entry with a duration, as the median over the
 * samples that reported it. */
static void
emit_server_timing(yajl_gen gen, const struct po_page *page)
{
	struct po_server_timing first[MAX_SERVER_TIMINGS];
	size_t n = po_server_timing_parse(first, MAX_SERVER_TIMINGS,
	    page->samples[0].server_timing);
	double *values = po_xcalloc(page->nsamples, sizeof(double));

	for (size_t k = 0; k < n; k++) {
		size_t nvalues = 0;
		char name[sizeof(first[0].name) + 16];

		for (unsigned i = 0; i < page->nsamples; i++) {
			struct po_server_timing st[MAX_SERVER_TIMINGS];
			size_t m = po_server_timing_parse(st,
			    MAX_SERVER_TIMINGS, page->samples[i].server_timing);

			for (size_t j = 0; j < m; j++)
				if (strcmp(st[j].name, first[k].name) == 0)
					values[nvalues++] = st[j].dur_ms;
		}
		po_stats_sort(values, nvalues);
		snprintf(name, sizeof(name), "server-timing.%.63s",
		    first[k].name);
		po_audit_emit_metric(gen, name,
		    po_stats_median(values, nvalues), "ms", NULL, 0);
	}
	free(values);
}

static void
emit_resources(yajl_gen gen, const struct po_summary *s)
{
	char name[64];

	po_audit_emit_metric(gen, "resource.total.size", s->total_size,
	    "bytes", NULL, 0);
	po_audit_emit_metric(gen, "resource.total.count", s->total_count,
	    "count", NULL, 0);
	for (int t = AUDIT_DOCUMENT; t <= AUDIT_OTHER; t++) {
		snprintf(name, sizeof(name), "resource.%s.size",
		    po_audit_type_name(t));
		po_audit_emit_metric(gen, name, s->size[t], "bytes", NULL, 0);
		snprintf(name, sizeof(name), "resource.%s.count",
		    po_audit_type_name(t));
		po_audit_emit_metric(gen, name, s->count[t], "count", NULL, 0);
	}
	po_audit_emit_metric(gen, "resource.third-party.size",
	    s->third_party_size, "bytes", NULL, 0);
	po_audit_emit_metric(gen, "resource.third-party.count",
	    s->third_party_count, "count", NULL, 0);
}

static const char *
http_version_name(long version)
{
	switch (version) {
	case CURL_HTTP_VERSION_1_0:
		return "1.0";
	case CURL_HTTP_VERSION_1_1:
		return "1.1";
	case CURL_HTTP_VERSION_2_0:
		return "2";
	case CURL_HTTP_VERSION_3:
		return "3";
	default:
		return "none";
	}
}

static void
emit_tags(yajl_gen gen, const struct po_page *page)
{
	const struct po_fetch *doc = &page->samples[0];

	po_gen_key_string(gen, "source", "po-audit");
	po_audit_gen_key_url(gen, "subject", doc->final_url);
	po_gen_key(gen, "tags");
	yajl_gen_map_open(gen);
	po_audit_gen_key_url(gen, "requested_url", page->url);
	po_audit_gen_key_url(gen, "final_url", doc->final_url);
	po_gen_key_double(gen, "status", (double)doc->status);
	po_gen_key_string(gen, "http_version",
	    http_version_name(doc->http_version));
	po_audit_gen_key_text(gen, "content_type", doc->content_type ?
	    doc->content_type : "");
	po_audit_gen_key_text(gen, "content_encoding", doc->content_encoding ?
	    doc->content_encoding : "identity");
	if (doc->cache_control)
		po_audit_gen_key_text(gen, "cache_control", doc->cache_control);
	po_gen_key_double(gen, "samples", (double)page->nsamples);
	yajl_gen_map_close(gen);
}

static void
emit_metrics(const struct po_page *page)
{
	yajl_gen gen = po_doc_begin("metrics");
	const struct po_fetch *doc = &page->samples[0];
	struct po_summary s;

	po_summary_compute(&s, page);
	emit_tags(gen, page);
	po_gen_key(gen, "metrics");
	yajl_gen_map_open(gen);
	emit_timing(gen, page, "ttfb", offsetof(struct po_fetch, ttfb_ms));
	emit_timing(gen, page, "dns-time", offsetof(struct po_fetch, dns_ms));
	emit_timing(gen, page, "connect-time",
	    offsetof(struct po_fetch, connect_ms));
	emit_timing(gen, page, "tls-time", offsetof(struct po_fetch, tls_ms));
	emit_timing(gen, page, "response-time",
	    offsetof(struct po_fetch, total_ms));
	po_audit_emit_metric(gen, "redirects", (double)doc->redirects,
	    "count", NULL, 0);
	po_audit_emit_metric(gen, "requests", s.requests, "count", NULL, 0);
	po_audit_emit_metric(gen, "total-byte-weight", s.byte_weight,
	    "bytes", NULL, 0);
	po_audit_emit_metric(gen, "failed-requests", s.failed, "count",
	    NULL, 0);
	po_audit_emit_metric(gen, "third-party-origins",
	    s.third_party_origins, "count", NULL, 0);
	if (page->html)
		po_audit_emit_metric(gen, "dom-size",
		    (double)page->html->dom_elements, "count", NULL, 0);
	emit_resources(gen, &s);
	emit_server_timing(gen, page);
	yajl_gen_map_close(gen);
	po_doc_end(gen);
}

void
po_audit_emit_error(const char *url, const char *code, const char *message)
{
	yajl_gen gen = po_doc_begin("error");

	po_audit_emit_head(gen, url, NULL);
	po_gen_key_string(gen, "code", code);
	po_audit_gen_key_text(gen, "message", message);
	po_doc_end(gen);
}

void
po_audit_emit_page(const struct po_page *page)
{
	if (page->error) {
		po_audit_emit_error(page->url, page->error_code, page->error);
		return;
	}
	emit_metrics(page);
	po_audit_findings(page);
}
