#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json-scan.h"
#include "k6-summary.h"
#include "msg.h"
#include "num.h"

struct recorded {
	char *source;
	int verdict;            /* 1 held, 0 crossed, -1 not yet read */
	long line;
	long col;
};

/* One entry of "metrics" as it is read; what it means is decided when it
 * closes, since its keys come in any order. */
struct pending {
	char *name;
	long line;
	long col;
	char *type;
	char *contains;
	bool has_values;        /* a "values" object: handleSummary data */
	struct po_k6_stat *flat;        /* numbers beside "thresholds" */
	char **flat_keys;
	size_t nflat;
	struct po_k6_stat *values;      /* numbers inside "values" */
	size_t nvalues;
	struct recorded *thresholds;
	size_t nthresholds;
};

struct reader {
	const char *name;
	struct po_k6_run *run;
	struct po_k6_thresholds *set;
	struct pending *metric;
	bool has_metrics;
	int form;               /* -1 not yet known, else enum po_k6_form */
	bool has_duration;
	double duration_ms;
};

static void
pending_free(struct pending *p)
{
	if (p == NULL)
		return;
	free(p->name);
	free(p->type);
	free(p->contains);
	free(p->flat);
	for (size_t i = 0; i < p->nflat; i++)
		free(p->flat_keys[i]);
	free(p->flat_keys);
	free(p->values);
	for (size_t i = 0; i < p->nthresholds; i++)
		free(p->thresholds[i].source);
	free(p->thresholds);
	free(p);
}

static int
number(struct po_scan *scan, double *out, const char *text, size_t len,
    const char *what)
{
	if (po_num_parse(out, text, len) == 0)
		return 0;
	po_scan_fail(scan, "%s: number '%.*s' is out of range", what,
	    (int)(len > 40 ? 40 : len), text);
	return -1;
}

static int
add_value(struct po_scan *scan, struct pending *p, const char *key,
    const char *text, size_t len)
{
	struct po_k6_stat stat;
	char what[256];

	snprintf(what, sizeof(what), "'%.100s' of metric '%.100s'", key,
	    p->name);
	if (po_k6_agg_parse(&stat.agg, key) < 0) {
		po_scan_fail(scan, "unknown aggregate %s", what);
		return -1;
	}
	if (number(scan, &stat.value, text, len, what) < 0)
		return -1;
	p->values = po_xrealloc(p->values, (p->nvalues + 1) * sizeof(stat));
	p->values[p->nvalues++] = stat;
	return 0;
}

/* In a --summary-export file every number beside "thresholds" is one of
 * the metric's values; its key is read once the metric's type is known,
 * since a Rate spells its rate "value". */
static int
add_flat(struct po_scan *scan, struct pending *p, const char *key,
    const char *text, size_t len)
{
	char what[256];

	snprintf(what, sizeof(what), "'%.100s' of metric '%.100s'", key,
	    p->name);
	p->flat = po_xrealloc(p->flat, (p->nflat + 1) * sizeof(*p->flat));
	p->flat_keys = po_xrealloc(p->flat_keys,
	    (p->nflat + 1) * sizeof(*p->flat_keys));
	p->flat_keys[p->nflat] = po_xstrdup(key);
	if (number(scan, &p->flat[p->nflat].value, text, len, what) < 0) {
		free(p->flat_keys[p->nflat]);
		return -1;
	}
	p->nflat++;
	return 0;
}

static struct recorded *
add_recorded(struct po_scan *scan, struct pending *p, const char *source)
{
	struct recorded *r;

	p->thresholds = po_xrealloc(p->thresholds,
	    (p->nthresholds + 1) * sizeof(*r));
	r = &p->thresholds[p->nthresholds++];
	r->source = po_xstrdup(source);
	r->verdict = -1;
	po_scan_where(scan, &r->line, &r->col);
	return r;
}

static bool
has_flat(const struct pending *p, const char *key)
{
	for (size_t i = 0; i < p->nflat; i++)
		if (strcmp(p->flat_keys[i], key) == 0)
			return true;
	return false;
}

/* The export has no types: passes and fails make a Rate; value a Gauge;
 * exactly count and rate a Counter; anything else a Trend. */
static enum po_k6_type
infer_type(const struct pending *p)
{
	if (has_flat(p, "passes") || has_flat(p, "fails"))
		return PO_K6_RATE;
	if (has_flat(p, "value"))
		return PO_K6_GAUGE;
	if (p->nflat == 2 && has_flat(p, "count") && has_flat(p, "rate"))
		return PO_K6_COUNTER;
	return PO_K6_TREND;
}

static int
fail_at(const char *file, const struct pending *p, const char *fmt,
    const char *arg)
{
	char buf[512];

	snprintf(buf, sizeof(buf), fmt, arg);
	po_error(file, p->line, p->col, "metric '%s': %s", p->name, buf);
	return -1;
}

/* Works out the type and values of a finished "metrics" entry. */
static int
settle(struct reader *rd, struct pending *p, struct po_k6_series *s)
{
	bool handle = p->has_values || p->type != NULL;

	if (rd->form < 0)
		rd->form = handle ? PO_K6_HANDLE_SUMMARY : PO_K6_SUMMARY_EXPORT;
	if ((rd->form == PO_K6_HANDLE_SUMMARY) != handle)
		return fail_at(rd->name, p, "in the %s shape, unlike the "
		    "metrics before it", handle ? "handleSummary" :
		    "--summary-export");
	if (handle) {
		if (p->type == NULL || !p->has_values)
			return fail_at(rd->name, p, "%s", "handleSummary data "
			    "needs \"type\" and \"values\"");
		s->type = po_k6_type_parse(p->type);
		if (s->type == PO_K6_UNKNOWN)
			return fail_at(rd->name, p, "unknown metric type '%s'",
			    p->type);
		if (p->contains != NULL &&
		    po_k6_contains_parse(&s->contains, p->contains) < 0)
			return fail_at(rd->name, p, "unknown contents '%s'",
			    p->contains);
		if (p->nflat > 0)
			return fail_at(rd->name, p, "value '%s' outside "
			    "\"values\"", p->flat_keys[0]);
		s->stats = p->values;
		s->nstats = p->nvalues;
		p->values = NULL;
		p->nvalues = 0;
	} else {
		enum po_k6_type builtin_type;

		s->type = infer_type(p);
		if (po_k6_builtin(&builtin_type, &s->contains, s->name.parent)
		    < 0)
			s->contains = PO_K6_DEFAULT;
		s->stats = po_xcalloc(p->nflat, sizeof(*s->stats));
		for (size_t i = 0; i < p->nflat; i++) {
			const char *key = p->flat_keys[i];

			if (s->type == PO_K6_RATE && strcmp(key, "value") == 0)
				key = "rate";
			if (po_k6_agg_parse(&s->stats[i].agg, key) < 0)
				return fail_at(rd->name, p, "unknown aggregate "
				    "'%s'", p->flat_keys[i]);
			s->stats[i].value = p->flat[i].value;
			s->nstats++;
		}
	}
	for (size_t i = 0; i < s->nstats; i++)
		if (!po_k6_agg_fits(s->type, &s->stats[i].agg, false)) {
			char agg[PO_K6_AGG_BUFSIZE];
			char buf[128];

			snprintf(buf, sizeof(buf), "%s has no '%s'",
			    po_k6_type_name(s->type),
			    po_k6_agg_k6name(agg, &s->stats[i].agg));
			return fail_at(rd->name, p, "a %s", buf);
		}
	s->typed = true;
	return 0;
}

static int
finish_metric(struct po_scan *scan, struct reader *rd)
{
	struct pending *p = rd->metric;
	struct po_k6_name name;
	struct po_k6_series *s;
	char why[256];
	char rule[512];

	rd->metric = NULL;
	if (po_k6_name_parse(&name, p->name, why, sizeof(why)) < 0) {
		po_scan_fail(scan, "metric '%.200s': %s", p->name, why);
		pending_free(p);
		return -1;
	}
	if (po_k6_run_find(rd->run, &name) != NULL) {
		po_scan_fail(scan, "metric '%.200s' given twice", p->name);
		po_k6_name_clear(&name);
		pending_free(p);
		return -1;
	}
	s = po_k6_run_add(rd->run, &name);
	po_k6_name_clear(&name);
	if (settle(rd, p, s) < 0) {
		pending_free(p);
		return -2;
	}
	snprintf(rule, sizeof(rule), "metrics.%.400s.thresholds", p->name);
	for (size_t i = 0; i < p->nthresholds && rd->set; i++) {
		struct recorded *r = &p->thresholds[i];
		struct po_k6_where where = { rd->name, r->line, r->col, rule,
			rd->run, r->verdict };

		if (po_k6_thresholds_add(rd->set, p->name, r->source, false,
		    &where) < 0) {
			pending_free(p);
			return -2;
		}
	}
	pending_free(p);
	return 0;
}

/* metrics.NAME.FIELD and deeper. */
static int
metric_value(struct po_scan *scan, struct reader *rd,
    const struct po_scan_path *path, enum po_scan_kind kind,
    const char *text, size_t len)
{
	struct pending *p = rd->metric;
	const char *field = po_scan_key(path, 2);
	const char *key = path->depth > 3 ? po_scan_key(path, 3) : NULL;
	const char *sub = path->depth > 4 ? po_scan_key(path, 4) : NULL;
	bool is_thresholds = strcmp(field, "thresholds") == 0;

	if (path->depth == 3) {
		if (strcmp(field, "values") == 0 && (kind == PO_SCAN_OPEN_MAP ||
		    kind == PO_SCAN_CLOSE_MAP)) {
			p->has_values = true;
		} else if (is_thresholds && (kind == PO_SCAN_OPEN_MAP ||
		    kind == PO_SCAN_CLOSE_MAP)) {
		} else if ((strcmp(field, "type") == 0 ||
		    strcmp(field, "contains") == 0) && kind == PO_SCAN_STRING) {
			char **slot = field[0] == 't' ? &p->type : &p->contains;

			free(*slot);
			*slot = po_xstrndup(text, len);
		} else if (kind == PO_SCAN_NUMBER) {
			return add_flat(scan, p, field, text, len);
		} else {
			po_scan_fail(scan, "'%.100s' of metric '%.200s' is "
			    "not a number", field, p->name);
			return -1;
		}
		return 0;
	}
	if (key == NULL) {
		po_scan_fail(scan, "unexpected nesting in metric '%.200s'",
		    p->name);
		return -1;
	}
	if (path->depth == 4 && strcmp(field, "values") == 0) {
		if (kind == PO_SCAN_NUMBER)
			return add_value(scan, p, key, text, len);
		po_scan_fail(scan, "'%.100s' of metric '%.200s' is not a "
		    "number", key, p->name);
		return -1;
	}
	if (path->depth == 4 && is_thresholds && kind == PO_SCAN_BOOL) {
		/* --summary-export: true means the threshold was crossed. */
		add_recorded(scan, p, key)->verdict = text[0] == 'f';
		return 0;
	}
	if (path->depth == 4 && is_thresholds && kind == PO_SCAN_OPEN_MAP) {
		add_recorded(scan, p, key);
		return 0;
	}
	if (path->depth == 4 && is_thresholds && kind == PO_SCAN_CLOSE_MAP) {
		if (p->thresholds[p->nthresholds - 1].verdict < 0) {
			po_scan_fail(scan, "threshold '%.100s' of metric "
			    "'%.200s' has no \"ok\"", key, p->name);
			return -1;
		}
		return 0;
	}
	if (path->depth == 5 && is_thresholds && sub &&
	    strcmp(sub, "ok") == 0 && kind == PO_SCAN_BOOL) {
		/* handleSummary: ok: true means the threshold held. */
		p->thresholds[p->nthresholds - 1].verdict = text[0] == 't';
		return 0;
	}
	po_scan_fail(scan, "unexpected %s in metric '%.200s'",
	    is_thresholds ? "threshold result" : "value", p->name);
	return -1;
}

static int
read_value(struct po_scan *scan, void *ctx,
    const struct po_scan_path *path, enum po_scan_kind kind,
    const char *text, size_t len)
{
	struct reader *rd = ctx;
	const char *top = po_scan_key(path, 0);
	const char *k1 = po_scan_key(path, 1);
	bool in_metrics = top && strcmp(top, "metrics") == 0;

	/* Metric names are compared whole: a key json-scan had to cut is no
	 * name k6 could have written. */
	if (path->depth > 0 && path->frames[path->depth - 1].key_cut) {
		po_scan_fail(scan, "a key longer than %d bytes",
		    PO_SCAN_KEY_MAX - 1);
		return -1;
	}
	if (path->depth == 0) {
		if (kind == PO_SCAN_OPEN_MAP || kind == PO_SCAN_CLOSE_MAP)
			return 0;
		po_scan_fail(scan, "expected a k6 summary (a JSON object)");
		return -1;
	}
	if (in_metrics && path->depth == 1) {
		if (kind == PO_SCAN_OPEN_MAP) {
			rd->has_metrics = true;
			return 0;
		}
		if (kind == PO_SCAN_CLOSE_MAP)
			return 0;
		po_scan_fail(scan, "\"metrics\" is not an object");
		return -1;
	}
	if (in_metrics && path->depth == 2) {
		if (kind == PO_SCAN_OPEN_MAP) {
			rd->metric = po_xcalloc(1, sizeof(*rd->metric));
			rd->metric->name = po_xstrdup(k1);
			po_scan_where(scan, &rd->metric->line,
			    &rd->metric->col);
			return 0;
		}
		if (kind == PO_SCAN_CLOSE_MAP) {
			int got = finish_metric(scan, rd);

			if (got == -2)
				po_scan_stop(scan);
			return got == 0 ? 0 : -1;
		}
		po_scan_fail(scan, "metric '%.200s' is not an object", k1);
		return -1;
	}
	if (in_metrics && path->depth > 2)
		return metric_value(scan, rd, path, kind, text, len);
	if (top && strcmp(top, "state") == 0 && path->depth == 2 &&
	    k1 && strcmp(k1, "testRunDurationMs") == 0) {
		if (kind != PO_SCAN_NUMBER) {
			po_scan_fail(scan, "state.testRunDurationMs is not "
			    "a number");
			return -1;
		}
		if (number(scan, &rd->duration_ms, text, len,
		    "state.testRunDurationMs") < 0)
			return -1;
		if (rd->duration_ms < 0) {
			po_scan_fail(scan, "state.testRunDurationMs is "
			    "negative");
			return -1;
		}
		rd->has_duration = true;
	}
	return 0;
}

int
po_k6_summary_read(struct po_k6_run **out, const char *name,
    const char *buf, size_t len, struct po_k6_thresholds *set)
{
	struct reader rd = { 0 };
	int ret = -1;

	rd.name = name;
	rd.set = set;
	rd.form = -1;
	rd.run = po_k6_run_new(PO_K6_SUMMARY_EXPORT, name);
	if (po_scan_buffer(name, 1, buf, len, read_value, &rd) < 0)
		goto out;
	if (!rd.has_metrics) {
		po_error(name, 0, 0, "no \"metrics\" object: not a k6 summary");
		goto out;
	}
	rd.run->form = rd.form < 0 ? PO_K6_SUMMARY_EXPORT :
	    (enum po_k6_form)rd.form;
	if (rd.has_duration) {
		/* k6 keeps the duration in integer nanoseconds and writes
		 * it divided by 1e6; rounding it back gives the very
		 * divisor of its rates. */
		rd.run->duration_ns = llround(rd.duration_ms * 1e6);
		rd.run->duration_from = PO_K6_DURATION_STATE;
	}
	*out = rd.run;
	rd.run = NULL;
	ret = 0;
out:
	pending_free(rd.metric);
	po_k6_run_free(rd.run);
	return ret;
}
