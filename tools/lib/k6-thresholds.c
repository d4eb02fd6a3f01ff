#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "json-scan.h"
#include "k6-thresholds.h"
#include "msg.h"

/* A thresholds file is small; anything larger is not one. */
#define MAX_FILE_BYTES (16UL * 1024 * 1024)

static bool
is_duplicate(const struct po_k6_threshold *t, const char *name,
    const char *source, const struct po_k6_run *run)
{
	return strcmp(t->name.text, name) == 0 &&
	    strcmp(t->expr.source, source) == 0 &&
	    (t->run == NULL || t->run == run);
}

int
po_k6_thresholds_add(struct po_k6_thresholds *set, const char *name,
    const char *source, bool abort_on_fail, const struct po_k6_where *where)
{
	struct po_k6_threshold *t;
	char why[512];

	for (size_t i = 0; i < set->n; i++)
		if (is_duplicate(set->v[i], name, source, where->run)) {
			if (set->v[i]->recorded < 0)
				set->v[i]->recorded = where->recorded;
			return 0;
		}
	t = po_xcalloc(1, sizeof(*t));
	if (po_k6_name_parse(&t->name, name, why, sizeof(why)) < 0) {
		po_error(where->file, where->line, where->col, "threshold on "
		    "'%s': k6 rejects the metric name: %s", name, why);
		goto bad;
	}
	if (po_k6_expr_parse(&t->expr, source, why, sizeof(why)) < 0) {
		po_error(where->file, where->line, where->col, "threshold '%s' "
		    "on '%s': %s", source, name, why);
		goto bad;
	}
	t->abort_on_fail = abort_on_fail;
	t->origin_file = po_xstrdup(where->file ? where->file : "");
	t->origin_rule = po_xstrdup(where->rule ? where->rule : "");
	t->origin_format = "k6";
	t->run = where->run;
	t->recorded = where->recorded;
	t->order = set->n;
	set->v = po_xrealloc(set->v, (set->n + 1) * sizeof(*set->v));
	set->v[set->n++] = t;
	return 0;
bad:
	po_k6_name_clear(&t->name);
	free(t);
	return -1;
}

static char *
trimmed(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return po_xstrndup(s, len);
}

int
po_k6_thresholds_add_arg(struct po_k6_thresholds *set, const char *arg,
    int index)
{
	char rule[32];
	struct po_k6_where where = { NULL, 0, 0, rule, NULL, -1 };
	const char *colon = NULL;
	int depth = 0;
	char *name;
	int ret = 0;

	snprintf(rule, sizeof(rule), "-t #%d", index);
	for (const char *p = arg; *p && colon == NULL; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}')
			depth--;
		else if (*p == ':' && depth == 0)
			colon = p;
	}
	if (colon == NULL) {
		po_error(NULL, 0, 0, "-t '%s': expected METRIC: EXPRESSION, "
		    "e.g. 'http_req_duration: p(95)<200'", arg);
		return -1;
	}
	name = trimmed(arg, (size_t)(colon - arg));
	for (const char *part = colon + 1;;) {
		const char *comma = strchr(part, ',');
		size_t len = comma ? (size_t)(comma - part) : strlen(part);
		char *source = trimmed(part, len);

		if (*source == '\0') {
			po_error(NULL, 0, 0, "-t '%s': an empty threshold "
			    "expression", arg);
			ret = -1;
		} else if (po_k6_thresholds_add(set, name, source, false,
		    &where) < 0) {
			ret = -1;
		}
		free(source);
		if (comma == NULL)
			break;
		part = comma + 1;
	}
	free(name);
	return ret;
}

/* One expression read from a thresholds file, added once the file's
 * shape is known. */
struct entry {
	char *name;
	char *source;
	bool abort_on_fail;
	long index;
	long line;
	long col;
};

/* What was read under one reading of the file: the top-level object as
 * the thresholds themselves, or as k6 options holding them. */
struct reading {
	struct entry *entries;
	size_t n;
	char *error;            /* the first thing wrong under this reading */
	long error_line;
	long error_col;
	struct entry *open;     /* an object entry being read */
};

struct loader {
	struct reading direct;
	struct reading options;
	bool has_options;
};

static void
reading_fail(struct po_scan *scan, struct reading *r, const char *what)
{
	if (r->error != NULL)
		return;
	r->error = po_xstrdup(what);
	po_scan_where(scan, &r->error_line, &r->error_col);
}

static struct entry *
new_entry(struct po_scan *scan, struct reading *r, const char *name,
    long index)
{
	struct entry *e;

	r->entries = po_xrealloc(r->entries, (r->n + 1) * sizeof(*e));
	e = &r->entries[r->n++];
	memset(e, 0, sizeof(*e));
	e->name = po_xstrdup(name);
	e->index = index;
	po_scan_where(scan, &e->line, &e->col);
	return e;
}

/* Reads the value at `rel` levels below the thresholds object: 1 is a
 * metric's list, 2 an element of it, 3 a field of an object element. */
static void
read_at(struct po_scan *scan, struct reading *r,
    const struct po_scan_path *path, int base, enum po_scan_kind kind,
    const char *text, size_t len)
{
	int rel = path->depth - base;
	const char *name = po_scan_key(path, base);
	char buf[256];

	if (name == NULL) {
		/* Only a level of options whose "thresholds" is an array has
		 * no key here (load_value stops at a cut key). */
		reading_fail(scan, r, "\"thresholds\" is not an object of "
		    "thresholds by metric name");
	} else if (rel == 1 && kind != PO_SCAN_OPEN_ARRAY && kind !=
	    PO_SCAN_CLOSE_ARRAY) {
		snprintf(buf, sizeof(buf), "thresholds of '%.150s' are not a "
		    "list of expressions", name);
		reading_fail(scan, r, buf);
	} else if (rel == 2 && kind == PO_SCAN_STRING) {
		new_entry(scan, r, name, path->frames[base + 1].index)->source
		    = po_xstrndup(text, len);
	} else if (rel == 2 && kind == PO_SCAN_OPEN_MAP) {
		r->open = new_entry(scan, r, name,
		    path->frames[base + 1].index);
	} else if (rel == 2 && kind == PO_SCAN_CLOSE_MAP) {
		if (r->open && r->open->source == NULL)
			reading_fail(scan, r, "threshold object without a "
			    "\"threshold\" expression");
		r->open = NULL;
	} else if (rel == 2) {
		reading_fail(scan, r, "a threshold is not a string or an "
		    "object");
	} else if (rel == 3 && r->open != NULL) {
		const char *field = po_scan_key(path, base + 2);

		if (field == NULL) {
			reading_fail(scan, r, "unexpected nesting in a "
			    "threshold object");
		} else if (strcmp(field, "threshold") == 0 &&
		    kind == PO_SCAN_STRING) {
			free(r->open->source);
			r->open->source = po_xstrndup(text, len);
		} else if (strcmp(field, "abortOnFail") == 0 &&
		    kind == PO_SCAN_BOOL) {
			r->open->abort_on_fail = text[0] == 't';
		} else if (strcmp(field, "delayAbortEval") == 0 &&
		    (kind == PO_SCAN_STRING || kind == PO_SCAN_NUMBER ||
		    kind == PO_SCAN_NULL)) {
			/* Only k6 aborts; po judges the finished run. */
		} else {
			snprintf(buf, sizeof(buf), "unknown or mistyped field "
			    "'%.100s' in a threshold object (expected "
			    "threshold, abortOnFail, delayAbortEval)", field);
			reading_fail(scan, r, buf);
		}
	}
}

static int
load_value(struct po_scan *scan, void *ctx,
    const struct po_scan_path *path, enum po_scan_kind kind,
    const char *text, size_t len)
{
	struct loader *loader = ctx;
	const char *top = po_scan_key(path, 0);

	/* Metric names are compared whole: a key json-scan had to cut is no
	 * name k6 could have written. */
	if (path->depth > 0 && path->frames[path->depth - 1].key_cut) {
		po_scan_fail(scan, "a key longer than %d bytes",
		    PO_SCAN_KEY_MAX - 1);
		return -1;
	}
	if (path->depth == 0 && kind != PO_SCAN_OPEN_MAP &&
	    kind != PO_SCAN_CLOSE_MAP) {
		po_scan_fail(scan, "expected an object of thresholds by "
		    "metric name");
		return -1;
	}
	if (path->depth == 0)
		return 0;
	if (path->depth == 1 && top && strcmp(top, "thresholds") == 0 &&
	    kind == PO_SCAN_OPEN_MAP)
		loader->has_options = true;
	if (top && strcmp(top, "thresholds") == 0 && path->depth >= 2)
		read_at(scan, &loader->options, path, 1, kind, text, len);
	read_at(scan, &loader->direct, path, 0, kind, text, len);
	return 0;
}

static void
reading_free(struct reading *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->entries[i].name);
		free(r->entries[i].source);
	}
	free(r->entries);
	free(r->error);
}

static int
read_file(char **out, size_t *outlen, const char *path)
{
	struct po_input *in;
	char *buf = NULL;
	size_t len = 0;
	size_t cap = 0;
	ssize_t n;

	if (po_input_open(&in, path) < 0)
		return -1;
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = po_xrealloc(buf, cap + 1);
		}
		n = po_input_read(in, buf + len, cap - len);
		if (n > 0)
			len += (size_t)n;
	} while (n > 0 && len <= MAX_FILE_BYTES);
	po_input_free(in);
	if (n < 0 || len > MAX_FILE_BYTES) {
		if (n >= 0)
			po_error(path, 0, 0, "larger than %lu bytes: not a "
			    "thresholds file", MAX_FILE_BYTES);
		free(buf);
		return -1;
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

int
po_k6_thresholds_load(struct po_k6_thresholds *set, const char *path)
{
	struct loader loader = { 0 };
	struct reading *r;
	char *buf;
	size_t len;
	int ret = -1;

	if (read_file(&buf, &len, path) < 0)
		return -1;
	if (po_scan_buffer(path, 1, buf, len, load_value, &loader) < 0)
		goto out;
	r = loader.has_options ? &loader.options : &loader.direct;
	if (r->error != NULL) {
		po_error(path, r->error_line, r->error_col, "%s", r->error);
		goto out;
	}
	ret = 0;
	for (size_t i = 0; i < r->n; i++) {
		struct entry *e = &r->entries[i];
		char rule[512];
		struct po_k6_where where = { path, e->line, e->col, rule,
			NULL, -1 };

		snprintf(rule, sizeof(rule), "%.400s[%ld]", e->name, e->index);
		if (po_k6_thresholds_add(set, e->name, e->source,
		    e->abort_on_fail, &where) < 0)
			ret = -1;
	}
out:
	reading_free(&loader.direct);
	reading_free(&loader.options);
	free(buf);
	return ret;
}

static bool
applies(const struct po_k6_threshold *t, const struct po_k6_run *run)
{
	return t->run == NULL || run == NULL || t->run == run;
}

bool
po_k6_thresholds_need_values(const struct po_k6_thresholds *set,
    const struct po_k6_name *name, const struct po_k6_run *run)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct po_k6_threshold *t = set->v[i];

		if (applies(t, run) && po_k6_name_same(&t->name, name) &&
		    (t->expr.agg.kind == PO_K6_MED ||
		    t->expr.agg.kind == PO_K6_PCT))
			return true;
	}
	return false;
}

bool
po_k6_thresholds_name(const struct po_k6_thresholds *set,
    const struct po_k6_name *name, const struct po_k6_run *run)
{
	for (size_t i = 0; i < set->n; i++)
		if (applies(set->v[i], run) &&
		    po_k6_name_same(&set->v[i]->name, name))
			return true;
	return false;
}

static int
compare_k6_order(const void *a, const void *b)
{
	const struct po_k6_threshold *x = *(struct po_k6_threshold *const *)a;
	const struct po_k6_threshold *y = *(struct po_k6_threshold *const *)b;
	int c = strcmp(x->name.text, y->name.text);

	if (c != 0)
		return c;
	return (x->order > y->order) - (x->order < y->order);
}

struct po_k6_threshold **
po_k6_thresholds_for(const struct po_k6_thresholds *set,
    const struct po_k6_run *run, size_t *n)
{
	struct po_k6_threshold **list = po_xcalloc(set->n, sizeof(*list));

	*n = 0;
	for (size_t i = 0; i < set->n; i++)
		if (set->v[i]->run == NULL || set->v[i]->run == run)
			list[(*n)++] = set->v[i];
	qsort(list, *n, sizeof(*list), compare_k6_order);
	return list;
}

void
po_k6_thresholds_free(struct po_k6_thresholds *set)
{
	for (size_t i = 0; i < set->n; i++) {
		po_k6_name_clear(&set->v[i]->name);
		po_k6_expr_clear(&set->v[i]->expr);
		free(set->v[i]->origin_file);
		free(set->v[i]->origin_rule);
		free(set->v[i]);
	}
	free(set->v);
	set->v = NULL;
	set->n = 0;
}
