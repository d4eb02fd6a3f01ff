#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "k6-metric.h"
#include "num.h"

static const char *const type_names[] = {
	[PO_K6_UNKNOWN] = "unknown",
	[PO_K6_COUNTER] = "counter",
	[PO_K6_GAUGE] = "gauge",
	[PO_K6_TREND] = "trend",
	[PO_K6_RATE] = "rate",
};

enum po_k6_type
po_k6_type_parse(const char *name)
{
	for (int t = PO_K6_COUNTER; t <= PO_K6_RATE; t++)
		if (strcmp(name, type_names[t]) == 0)
			return (enum po_k6_type)t;
	return PO_K6_UNKNOWN;
}

const char *
po_k6_type_name(enum po_k6_type type)
{
	return type_names[type];
}

int
po_k6_contains_parse(enum po_k6_contains *out, const char *name)
{
	if (strcmp(name, "default") == 0)
		*out = PO_K6_DEFAULT;
	else if (strcmp(name, "time") == 0)
		*out = PO_K6_TIME;
	else if (strcmp(name, "data") == 0)
		*out = PO_K6_DATA;
	else
		return -1;
	return 0;
}

/* k6's built-in metrics (metrics/builtin.go), which exist in every run
 * whether or not they got a sample, so that a threshold on one of them is
 * valid even when the raw points never mention it. */
static const struct builtin {
	const char *name;
	enum po_k6_type type;
	enum po_k6_contains contains;
} builtins[] = {
	{ "vus", PO_K6_GAUGE, PO_K6_DEFAULT },
	{ "vus_max", PO_K6_GAUGE, PO_K6_DEFAULT },
	{ "iterations", PO_K6_COUNTER, PO_K6_DEFAULT },
	{ "iteration_duration", PO_K6_TREND, PO_K6_TIME },
	{ "dropped_iterations", PO_K6_COUNTER, PO_K6_DEFAULT },
	{ "checks", PO_K6_RATE, PO_K6_DEFAULT },
	{ "group_duration", PO_K6_TREND, PO_K6_TIME },
	{ "http_reqs", PO_K6_COUNTER, PO_K6_DEFAULT },
	{ "http_req_failed", PO_K6_RATE, PO_K6_DEFAULT },
	{ "http_req_duration", PO_K6_TREND, PO_K6_TIME },
	{ "http_req_blocked", PO_K6_TREND, PO_K6_TIME },
	{ "http_req_connecting", PO_K6_TREND, PO_K6_TIME },
	{ "http_req_tls_handshaking", PO_K6_TREND, PO_K6_TIME },
	{ "http_req_sending", PO_K6_TREND, PO_K6_TIME },
	{ "http_req_waiting", PO_K6_TREND, PO_K6_TIME },
	{ "http_req_receiving", PO_K6_TREND, PO_K6_TIME },
	{ "ws_sessions", PO_K6_COUNTER, PO_K6_DEFAULT },
	{ "ws_msgs_sent", PO_K6_COUNTER, PO_K6_DEFAULT },
	{ "ws_msgs_received", PO_K6_COUNTER, PO_K6_DEFAULT },
	{ "ws_ping", PO_K6_TREND, PO_K6_TIME },
	{ "ws_session_duration", PO_K6_TREND, PO_K6_TIME },
	{ "ws_connecting", PO_K6_TREND, PO_K6_TIME },
	{ "grpc_req_duration", PO_K6_TREND, PO_K6_TIME },
	{ "data_sent", PO_K6_COUNTER, PO_K6_DATA },
	{ "data_received", PO_K6_COUNTER, PO_K6_DATA },
	{ NULL, PO_K6_UNKNOWN, PO_K6_DEFAULT }
};

int
po_k6_builtin(enum po_k6_type *type, enum po_k6_contains *contains,
    const char *name)
{
	for (const struct builtin *b = builtins; b->name; b++)
		if (strcmp(b->name, name) == 0) {
			*type = b->type;
			*contains = b->contains;
			return 0;
		}
	return -1;
}

static const struct word {
	const char *text;
	enum po_k6_agg_kind kind;
} words[] = {
	{ "avg", PO_K6_AVG }, { "min", PO_K6_MIN }, { "med", PO_K6_MED },
	{ "max", PO_K6_MAX }, { "count", PO_K6_COUNT },
	{ "rate", PO_K6_RATE_AGG }, { "value", PO_K6_VALUE },
	{ "passes", PO_K6_PASSES }, { "fails", PO_K6_FAILS },
	{ NULL, PO_K6_AVG }
};

int
po_k6_agg_parse(struct po_k6_agg *out, const char *text)
{
	size_t len = strlen(text);
	char *end;
	double pct;

	for (const struct word *w = words; w->text; w++)
		if (strcmp(text, w->text) == 0) {
			out->kind = w->kind;
			out->pct = 0;
			return 0;
		}
	if (len < 4 || strncmp(text, "p(", 2) != 0 || text[len - 1] != ')' ||
	    text[2] == ' ' || text[2] == '\t')
		return -1;
	errno = 0;
	pct = strtod(text + 2, &end);
	if (end != text + len - 1 || errno == ERANGE || !(pct >= 0) ||
	    pct > 100)
		return -1;
	out->kind = PO_K6_PCT;
	out->pct = pct;
	return 0;
}

bool
po_k6_agg_fits(enum po_k6_type type, const struct po_k6_agg *agg,
    bool threshold)
{
	switch (type) {
	case PO_K6_COUNTER:
		return agg->kind == PO_K6_COUNT || agg->kind == PO_K6_RATE_AGG;
	case PO_K6_GAUGE:
		return agg->kind == PO_K6_VALUE || (!threshold &&
		    (agg->kind == PO_K6_MIN || agg->kind == PO_K6_MAX));
	case PO_K6_RATE:
		return agg->kind == PO_K6_RATE_AGG || (!threshold &&
		    (agg->kind == PO_K6_PASSES || agg->kind == PO_K6_FAILS));
	case PO_K6_TREND:
		return agg->kind <= PO_K6_PCT ||
		    (!threshold && agg->kind == PO_K6_COUNT);
	default:
		return false;
	}
}

const char *
po_k6_agg_allowed(enum po_k6_type type)
{
	switch (type) {
	case PO_K6_COUNTER:
		return "count, rate";
	case PO_K6_GAUGE:
		return "value";
	case PO_K6_RATE:
		return "rate";
	case PO_K6_TREND:
		return "avg, min, max, med, p(N)";
	default:
		return "none";
	}
}

bool
po_k6_agg_same(const struct po_k6_agg *a, const struct po_k6_agg *b)
{
	return a->kind == b->kind && (a->kind != PO_K6_PCT || a->pct == b->pct);
}

char *
po_k6_agg_k6name(char *buf, const struct po_k6_agg *agg)
{
	char num[PO_NUM_BUFSIZE];

	if (agg->kind == PO_K6_PCT) {
		snprintf(buf, PO_K6_AGG_BUFSIZE, "p(%s)",
		    po_num_format(num, agg->pct));
		return buf;
	}
	for (const struct word *w = words; w->text; w++)
		if (w->kind == agg->kind) {
			snprintf(buf, PO_K6_AGG_BUFSIZE, "%s", w->text);
			break;
		}
	return buf;
}

char *
po_k6_agg_poname(char *buf, const struct po_k6_agg *agg)
{
	char num[PO_NUM_BUFSIZE];

	if (agg->kind != PO_K6_PCT)
		return po_k6_agg_k6name(buf, agg);
	snprintf(buf, PO_K6_AGG_BUFSIZE, "p%s", po_num_format(num, agg->pct));
	return buf;
}

int
po_k6_agg_cmp(const struct po_k6_agg *a, const struct po_k6_agg *b)
{
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->kind == PO_K6_PCT && a->pct != b->pct)
		return a->pct < b->pct ? -1 : 1;
	return 0;
}

static const char *
contents_unit(enum po_k6_contains contains)
{
	switch (contains) {
	case PO_K6_TIME:
		return "ms";
	case PO_K6_DATA:
		return "bytes";
	default:
		return "unitless";
	}
}

const char *
po_k6_agg_unit(enum po_k6_type type, enum po_k6_contains contains,
    const struct po_k6_agg *agg)
{
	switch (agg->kind) {
	case PO_K6_PASSES:
	case PO_K6_FAILS:
		return "count";
	case PO_K6_RATE_AGG:
		return type == PO_K6_RATE ? "ratio" : "per_second";
	case PO_K6_COUNT:
		if (type == PO_K6_TREND)
			return "count";
		return contains == PO_K6_DATA ? "bytes" : "count";
	default:
		return contents_unit(contains);
	}
}

bool
po_k6_lower_is_better(const char *name, enum po_k6_type type)
{
	static const char *const bad_words[] = { "fail", "error", "dropped",
		NULL };

	if (type == PO_K6_TREND)
		return true;
	for (const char *const *w = bad_words; *w; w++)
		if (strstr(name, *w) != NULL)
			return true;
	return false;
}
