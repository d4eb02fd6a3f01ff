#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "audit/api.h"
#include "audit/emit.h"
#include "audit/fetch.h"
#include "audit/multi.h"
#include "audit/url.h"
#include "lib/msg.h"
#include "lib/stats.h"
#include "lib/stream-write.h"

struct run {
	const char *url;
	const struct po_audit_opts *opts;
	struct po_multi *multi;
	unsigned started;
	unsigned failed;
	double *latency_ms;             /* of the requests that succeeded */
	double *ttfb_ms;
	unsigned nok;
	char first_error[CURL_ERROR_SIZE + 64];
};

static int
start_one(struct run *run)
{
	const struct po_audit_opts *opts = run->opts;
	struct po_fetch *f = po_xcalloc(1, sizeof(*f));
	CURLcode rc = CURLE_OK;

	if (po_fetch_init(f, run->url, opts, false) < 0) {
		snprintf(run->first_error, sizeof(run->first_error), "%s",
		    f->errbuf);
		po_fetch_free(f);
		free(f);
		return -1;
	}
	if (opts->body) {
		rc = curl_easy_setopt(f->easy, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)opts->body_len);
		if (rc == CURLE_OK)
			rc = curl_easy_setopt(f->easy, CURLOPT_POSTFIELDS,
			    opts->body);
	}
	if (rc == CURLE_OK && strcasecmp(opts->method, "HEAD") == 0)
		rc = curl_easy_setopt(f->easy, CURLOPT_NOBODY, 1L);
	else if (rc == CURLE_OK && (strcmp(opts->method, "GET") != 0 ||
	    opts->body))
		rc = curl_easy_setopt(f->easy, CURLOPT_CUSTOMREQUEST,
		    opts->method);
	/* A load test does not follow redirects: a 3xx is the answer. */
	if (rc == CURLE_OK)
		rc = curl_easy_setopt(f->easy, CURLOPT_FOLLOWLOCATION, 0L);
	if (rc != CURLE_OK) {
		snprintf(run->first_error, sizeof(run->first_error), "%s",
		    curl_easy_strerror(rc));
		po_fetch_free(f);
		free(f);
		return -1;
	}
	run->started++;
	po_multi_add(run->multi, f);
	return 0;
}

static void
on_done(struct po_fetch *f, void *arg)
{
	struct run *run = arg;

	if (po_fetch_ok(f) && !f->oversized && f->status < 400) {
		run->latency_ms[run->nok] = f->total_ms;
		run->ttfb_ms[run->nok] = f->ttfb_ms;
		run->nok++;
	} else {
		if (run->failed == 0)
			po_fetch_error(f, run->first_error,
			    sizeof(run->first_error));
		run->failed++;
	}
	po_fetch_free(f);
	free(f);
	if (run->started < run->opts->samples)
		start_one(run);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void
emit(const struct run *run, double wall_ms)
{
	yajl_gen gen = po_doc_begin("metrics");
	unsigned total = run->nok + run->failed;
	double *lat = run->latency_ms;
	size_t n = run->nok;

	po_stats_sort(lat, n);
	po_stats_sort(run->ttfb_ms, n);
	po_gen_key_string(gen, "source", "po-audit");
	po_audit_gen_key_url(gen, "subject", run->url);
	po_gen_key(gen, "tags");
	yajl_gen_map_open(gen);
	po_audit_gen_key_url(gen, "requested_url", run->url);
	po_gen_key_string(gen, "method", run->opts->method);
	po_gen_key_double(gen, "concurrency", run->opts->concurrency);
	po_gen_key_double(gen, "samples", run->opts->samples);
	yajl_gen_map_close(gen);
	po_gen_key(gen, "metrics");
	yajl_gen_map_open(gen);
	po_audit_emit_metric(gen, "latency.p50", po_stats_median(lat, n),
	    "ms", NULL, 0);
	po_audit_emit_metric(gen, "latency.p95",
	    po_stats_percentile(lat, n, 95), "ms", NULL, 0);
	po_audit_emit_metric(gen, "latency.p99",
	    po_stats_percentile(lat, n, 99), "ms", NULL, 0);
	po_audit_emit_metric(gen, "latency.max", lat[n - 1], "ms", NULL, 0);
	po_audit_emit_metric(gen, "ttfb", po_stats_median(run->ttfb_ms, n),
	    "ms", NULL, 0);
	po_gen_key(gen, "throughput");
	yajl_gen_map_open(gen);
	po_gen_key_double(gen, "value", wall_ms > 0 ?
	    (double)total * 1000.0 / wall_ms : 0);
	po_gen_key_string(gen, "unit", "rps");
	po_gen_key_string(gen, "better", "higher");
	yajl_gen_map_close(gen);
	po_audit_emit_metric(gen, "error-rate",
	    (double)run->failed / (double)total, "ratio", NULL, 0);
	po_audit_emit_metric(gen, "requests", total, "count", NULL, 0);
	yajl_gen_map_close(gen);
	po_doc_end(gen);
}

int
po_api_audit(const char *url, const struct po_audit_opts *opts)
{
	struct run run = { url, opts, po_multi_new(opts), 0, 0, NULL, NULL,
		0, "" };
	unsigned first = opts->concurrency < opts->samples ?
	    opts->concurrency : opts->samples;
	double started_ms = now_ms();
	char *shown;
	int ret = 0;

	run.latency_ms = po_xcalloc(opts->samples, sizeof(double));
	run.ttfb_ms = po_xcalloc(opts->samples, sizeof(double));
	for (unsigned i = 0; i < first; i++)
		if (start_one(&run) < 0)
			break;
	po_multi_run(run.multi, on_done, &run);
	/* Messages name the endpoint without its credentials. */
	shown = po_url_display(url);
	if (run.nok == 0) {
		char what[CURL_ERROR_SIZE + 128];

		snprintf(what, sizeof(what), "no request succeeded (%u of %u "
		    "failed): %s", run.failed, run.started, run.first_error[0] ?
		    run.first_error : "the request could not be made");
		po_warn(NULL, 0, 0, "%s: %s", shown, what);
		po_audit_emit_error(url, "FAILED_REQUESTS", what);
		ret = -1;
	} else {
		if (run.failed > 0)
			po_warn(NULL, 0, 0, "%s: %u of %u requests failed, the "
			    "first: %s", shown, run.failed, run.nok + run.failed,
			    run.first_error);
		emit(&run, now_ms() - started_ms);
	}
	free(shown);
	po_multi_free(run.multi);
	free(run.latency_ms);
	free(run.ttfb_ms);
	return ret;
}
