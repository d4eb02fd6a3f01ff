#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "history.h"
#include "lib/json-val.h"
#include "lib/msg.h"
#include "lib/stats.h"
#include "report.h"

/* The head of one document of the history, shared by its metrics. */
struct history_doc {
	char *source;
	char *subject;
	char *commit;
	char *time;
};

/* One value of one metric of one document. */
struct sample {
	size_t doc;
	char *metric;
	const char *unit;
	bool higher_better;
	double value;
	size_t seq;             /* the order it was read in */
};

struct po_history {
	struct history_doc *docs;
	size_t ndocs;
	size_t docs_cap;
	struct sample *samples;
	size_t nsamples;
	size_t samples_cap;
	struct po_history_series *series;
	size_t nseries;
};

struct po_history *
po_history_new(void)
{
	return po_xcalloc(1, sizeof(struct po_history));
}

void
po_history_free(struct po_history *history)
{
	if (history == NULL)
		return;
	for (size_t i = 0; i < history->ndocs; i++) {
		free(history->docs[i].source);
		free(history->docs[i].subject);
		free(history->docs[i].commit);
		free(history->docs[i].time);
	}
	for (size_t i = 0; i < history->nsamples; i++)
		free(history->samples[i].metric);
	for (size_t i = 0; i < history->nseries; i++)
		free(history->series[i].points);
	free(history->docs);
	free(history->samples);
	free(history->series);
	free(history);
}

/* A string tag, or NULL when absent.  Returns -1 after a message when the
 * tag is there but is not a non-empty string. */
static int
string_tag(const char **out, const struct po_stream_doc *doc, const char *key)
{
	yajl_val v = po_val_get(po_val_get(doc->root, "tags"), key);

	*out = NULL;
	if (v == NULL)
		return 0;
	if (!YAJL_IS_STRING(v) || *v->u.string == '\0') {
		po_field_fail(doc, "tags", key, "metrics document: \"tags.%s\" "
		    "must be a non-empty string", key);
		return -1;
	}
	*out = v->u.string;
	return 0;
}

static int
word_index(const char *const *words, const char *s)
{
	for (int i = 0; s != NULL && words[i] != NULL; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	return -1;
}

/* Checks every metric before any is kept, so that a bad document adds
 * nothing. */
static int
check_metrics(const struct po_stream_doc *doc, yajl_val metrics)
{
	for (size_t i = 0; i < metrics->u.object.len; i++) {
		yajl_val m = metrics->u.object.values[i];
		const char *better = po_val_string(m, "better");
		double value;

		if (po_val_number(&value, m, "value") < 0 ||
		    word_index(po_unit_words, po_val_string(m, "unit")) < 0 ||
		    better == NULL || (strcmp(better, "lower") != 0 &&
		    strcmp(better, "higher") != 0)) {
			po_field_fail(doc, "metrics", metrics->u.object.keys[i],
			    "metrics document: metric '%.80s' needs a number "
			    "\"value\", a \"unit\" and \"better\" "
			    "(\"lower\" or \"higher\")",
			    metrics->u.object.keys[i]);
			return -1;
		}
	}
	return 0;
}

/* Labels cut the commit id and the time short; an id of hex digits and an
 * ASCII time can be cut anywhere. */
static bool
is_commit(const char *s)
{
	size_t n = strspn(s, "0123456789abcdefABCDEF");

	return s[n] == '\0' && n >= 4 && n <= 64;
}

static bool
is_time(const char *s)
{
	size_t n = strspn(s, "0123456789-:.+TZ");

	return s[n] == '\0' && n <= 40;
}

int
po_history_add(struct po_history *history, const struct po_stream_doc *doc)
{
	yajl_val metrics = po_val_get(doc->root, "metrics");
	const char *commit, *time;
	struct history_doc *d;

	if (string_tag(&commit, doc, "commit") < 0 ||
	    string_tag(&time, doc, "commit_time") < 0)
		return -1;
	if (commit == NULL)
		return 0;
	if (!is_commit(commit)) {
		po_field_fail(doc, "tags", "commit", "metrics document: "
		    "\"tags.commit\" must be a commit id in hexadecimal");
		return -1;
	}
	if (time != NULL && !is_time(time)) {
		po_field_fail(doc, "tags", "commit_time", "metrics document: "
		    "\"tags.commit_time\" must be an ISO 8601 time such as "
		    "2026-11-25T01:58:00Z");
		return -1;
	}
	if (check_metrics(doc, metrics) < 0)
		return -1;
	if (history->ndocs == history->docs_cap) {
		history->docs_cap = history->docs_cap ?
		    history->docs_cap * 2 : 16;
		history->docs = po_xrealloc(history->docs, history->docs_cap *
		    sizeof(*history->docs));
	}
	d = &history->docs[history->ndocs++];
	d->source = po_xstrdup(po_val_string(doc->root, "source"));
	d->subject = po_xstrdup(po_val_string(doc->root, "subject"));
	d->commit = po_xstrdup(commit);
	d->time = time ? po_xstrdup(time) : NULL;
	for (size_t i = 0; i < metrics->u.object.len; i++) {
		yajl_val m = metrics->u.object.values[i];
		struct sample *s;

		if (history->nsamples == history->samples_cap) {
			history->samples_cap = history->samples_cap ?
			    history->samples_cap * 2 : 64;
			history->samples = po_xrealloc(history->samples,
			    history->samples_cap * sizeof(*history->samples));
		}
		s = &history->samples[history->nsamples];
		s->doc = history->ndocs - 1;
		s->metric = po_xstrdup(metrics->u.object.keys[i]);
		s->unit = po_unit_words[word_index(po_unit_words,
		    po_val_string(m, "unit"))];
		s->higher_better = strcmp(po_val_string(m, "better"),
		    "higher") == 0;
		po_val_number(&s->value, m, "value");
		s->seq = history->nsamples++;
	}
	return 1;
}

/* qsort has no context argument: the documents the samples point into. */
static const struct history_doc *sort_docs;

static int
compare_seq(size_t a, size_t b)
{
	return (a > b) - (a < b);
}

/* By series, then in the order read. */
static int
compare_series(const void *pa, const void *pb)
{
	const struct sample *a = pa, *b = pb;
	const struct history_doc *da = &sort_docs[a->doc];
	const struct history_doc *db = &sort_docs[b->doc];
	int c;

	if ((c = strcmp(da->source, db->source)) != 0 ||
	    (c = strcmp(da->subject, db->subject)) != 0 ||
	    (c = strcmp(a->metric, b->metric)) != 0)
		return c;
	return compare_seq(a->seq, b->seq);
}

static bool
same_series(const struct sample *a, const struct sample *b)
{
	const struct history_doc *da = &sort_docs[a->doc];
	const struct history_doc *db = &sort_docs[b->doc];

	return strcmp(a->metric, b->metric) == 0 &&
	    strcmp(da->subject, db->subject) == 0 &&
	    strcmp(da->source, db->source) == 0;
}

/* By commit, then in the order read. */
static int
compare_commit(const void *pa, const void *pb)
{
	const struct sample *a = pa, *b = pb;
	int c = strcmp(sort_docs[a->doc].commit, sort_docs[b->doc].commit);

	return c != 0 ? c : compare_seq(a->seq, b->seq);
}

/* A point and where it first appeared, to put the points back in the
 * order of the history. */
struct placed_point {
	struct po_history_point point;
	size_t seq;
};

static int
compare_placed(const void *pa, const void *pb)
{
	const struct placed_point *a = pa, *b = pb;

	return compare_seq(a->seq, b->seq);
}

/* The points of the samples [s, s + n) of one series: one per commit, at
 * the median of its runs, oldest first. */
static void
make_points(struct po_history_series *series, struct po_history *history,
    struct sample *s, size_t n)
{
	struct placed_point *placed = po_xcalloc(n, sizeof(*placed));
	double *values = po_xcalloc(n, sizeof(*values));
	size_t npoints = 0;

	qsort(s, n, sizeof(*s), compare_commit);
	for (size_t i = 0, j; i < n; i = j) {
		const struct history_doc *d = &history->docs[s[i].doc];
		size_t first = s[i].seq;

		for (j = i; j < n && strcmp(history->docs[s[j].doc].commit,
		    d->commit) == 0; j++) {
			values[j - i] = s[j].value;
			if (s[j].seq < first)
				first = s[j].seq;
		}
		po_stats_sort(values, j - i);
		placed[npoints].point = (struct po_history_point){ d->commit,
		    d->time, po_stats_median(values, j - i), j - i };
		placed[npoints++].seq = first;
		if (j - i > series->max_runs)
			series->max_runs = j - i;
	}
	qsort(placed, npoints, sizeof(*placed), compare_placed);
	series->points = po_xcalloc(npoints, sizeof(*series->points));
	for (size_t i = 0; i < npoints; i++)
		series->points[i] = placed[i].point;
	series->npoints = npoints;
	free(values);
	free(placed);
}

struct placed_series {
	struct po_history_series series;
	size_t seq;
};

static int
compare_placed_series(const void *pa, const void *pb)
{
	const struct placed_series *a = pa, *b = pb;

	return compare_seq(a->seq, b->seq);
}

void
po_history_finish(struct po_history *history)
{
	struct sample *s = history->samples;
	size_t n = history->nsamples;
	struct placed_series *placed;
	size_t nseries = 0;

	/* Most streams have no history: qsort is not given a null array. */
	if (n == 0)
		return;
	placed = po_xcalloc(n, sizeof(*placed));
	sort_docs = history->docs;
	qsort(s, n, sizeof(*s), compare_series);
	for (size_t i = 0, j; i < n; i = j) {
		const struct history_doc *d = &history->docs[s[i].doc];
		struct po_history_series *series = &placed[nseries].series;

		for (j = i + 1; j < n && same_series(&s[i], &s[j]); j++)
			;
		/* Sorted by sequence within the series: the first sample
		 * says where the series first appeared, and its unit. */
		placed[nseries].seq = s[i].seq;
		series->source = d->source;
		series->subject = d->subject;
		series->metric = s[i].metric;
		series->unit = s[i].unit;
		series->higher_better = s[i].higher_better;
		make_points(series, history, s + i, j - i);
		nseries++;
	}
	qsort(placed, nseries, sizeof(*placed), compare_placed_series);
	history->series = po_xcalloc(nseries, sizeof(*history->series));
	for (size_t i = 0; i < nseries; i++)
		history->series[i] = placed[i].series;
	history->nseries = nseries;
	free(placed);
}

size_t
po_history_filter(struct po_history *history, const char *metric,
    const char *subject)
{
	size_t kept = 0;

	for (size_t i = 0; i < history->nseries; i++) {
		struct po_history_series *s = &history->series[i];

		if ((metric == NULL || strcmp(s->metric, metric) == 0) &&
		    (subject == NULL || strcmp(s->subject, subject) == 0))
			history->series[kept++] = *s;
		else
			free(s->points);
	}
	history->nseries = kept;
	return kept;
}

struct po_history_series *
po_history_series(const struct po_history *history, size_t *n)
{
	*n = history->nseries;
	return history->series;
}
