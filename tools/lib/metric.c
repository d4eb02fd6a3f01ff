#include "config.h"

#include <string.h>

#include "metric.h"

const struct po_metric_def po_metric_defs[] = {
	{ "fcp", "first-contentful-paint", "ms", true,
	  "First Contentful Paint" },
	{ "lcp", "largest-contentful-paint", "ms", true,
	  "Largest Contentful Paint" },
	{ "cls", "cumulative-layout-shift", "unitless", true,
	  "Cumulative Layout Shift" },
	{ "tbt", "total-blocking-time", "ms", true, "Total Blocking Time" },
	{ "speed-index", "speed-index", "ms", true, "Speed Index" },
	{ "tti", "interactive", "ms", true, "Time to Interactive" },
	{ "max-potential-fid", "max-potential-fid", "ms", true,
	  "Max Potential First Input Delay" },
	{ "ttfb", "server-response-time", "ms", true,
	  "Time to First Byte (server response time)" },
	{ "total-byte-weight", "total-byte-weight", "bytes", true,
	  "Total byte weight" },
	{ "requests", "network-requests", "count", true, "Network requests" },
	{ "dom-size", "dom-size", "count", true, "DOM elements" },
	{ "mainthread-work", "mainthread-work-breakdown", "ms", true,
	  "Main-thread work" },
	{ "bootup-time", "bootup-time", "ms", true, "JavaScript execution time" },
	/* Measured over HTTP by po-audit; no Lighthouse audit gives them. */
	{ "dns-time", NULL, "ms", true, "DNS lookup time" },
	{ "connect-time", NULL, "ms", true, "TCP connect time" },
	{ "tls-time", NULL, "ms", true, "TLS handshake time" },
	{ "response-time", NULL, "ms", true, "Total response time" },
	{ "redirects", NULL, "count", true, "Redirects" },
	{ "failed-requests", NULL, "count", true, "Failed requests" },
	{ "third-party-origins", NULL, "count", true, "Third-party origins" },
	{ "latency.p50", NULL, "ms", true, "Latency, median" },
	{ "latency.p95", NULL, "ms", true, "Latency, 95th percentile" },
	{ "latency.p99", NULL, "ms", true, "Latency, 99th percentile" },
	{ "latency.max", NULL, "ms", true, "Latency, maximum" },
	{ "throughput", NULL, "rps", false, "Throughput" },
	{ "error-rate", NULL, "ratio", true, "Error rate" },
	{ NULL, NULL, NULL, false, NULL }
};

static const struct po_metric_def score_family = {
	"score.*", NULL, "score", false, "Category score"
};
static const struct po_metric_def size_family = {
	"resource.*.size", "resource-summary", "bytes", true, "Transfer size"
};
static const struct po_metric_def count_family = {
	"resource.*.count", "resource-summary", "count", true, "Requests"
};

static const struct po_metric_def server_timing_family = {
	"server-timing.*", NULL, "ms", true, "Server-Timing entry"
};

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t len = strlen(s);
	size_t slen = strlen(suffix);

	return len >= slen && strcmp(s + len - slen, suffix) == 0;
}

const struct po_metric_def *
po_metric_find(const char *name)
{
	for (const struct po_metric_def *d = po_metric_defs; d->name; d++)
		if (strcmp(d->name, name) == 0)
			return d;
	/* po-audit's 95th percentiles of its timings: "ttfb.p95". */
	if (has_suffix(name, ".p95")) {
		size_t len = strlen(name) - 4;

		for (const struct po_metric_def *d = po_metric_defs; d->name;
		    d++)
			if (strlen(d->name) == len &&
			    strncmp(d->name, name, len) == 0 &&
			    strcmp(d->unit, "ms") == 0)
				return d;
	}
	if (strncmp(name, "score.", 6) == 0 && name[6] != '\0')
		return &score_family;
	if (strncmp(name, "server-timing.", 14) == 0 && name[14] != '\0')
		return &server_timing_family;
	if (strncmp(name, "resource.", 9) == 0) {
		if (has_suffix(name, ".size"))
			return &size_family;
		if (has_suffix(name, ".count"))
			return &count_family;
	}
	return NULL;
}

const char *
po_metric_from_audit(const char *audit)
{
	for (const struct po_metric_def *d = po_metric_defs; d->name; d++)
		if (d->audit != NULL && strcmp(d->audit, audit) == 0)
			return d->name;
	if (strcmp(audit, "dom-size-insight") == 0)
		return "dom-size";
	return NULL;
}
