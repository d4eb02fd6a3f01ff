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
	if (strncmp(name, "score.", 6) == 0 && name[6] != '\0')
		return &score_family;
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
		if (strcmp(d->audit, audit) == 0)
			return d->name;
	if (strcmp(audit, "dom-size-insight") == 0)
		return "dom-size";
	return NULL;
}
