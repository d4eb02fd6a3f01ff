#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "lib/json-val.h"
#include "lib/metric.h"
#include "lib/msg.h"
#include "lib/stats.h"
#include "report.h"

enum {
	REQ = PO_FIELD_REQUIRED,
	OPT = PO_FIELD_OPTIONAL,
	NULLABLE = PO_FIELD_NULLABLE,
	COUNT = PO_FIELD_REQUIRED | PO_FIELD_COUNT
};

/* The enums of share/po-stream.schema.json, in the order of the C enums
 * they map to where there is one. */
const char *const po_grade_words[] = { "high", "medium", "low", NULL };
/* The schema's order, read in reverse into enum po_outcome. */
static const char *const status_words[] = { "pass", "warn", "fail", NULL };
static const char *const level_words[] = { "error", "warn", NULL };
static const char *const verdict_words[] = {
	"pass", "warn", "fail", "error", NULL
};
static const char *const op_words[] = {
	"<", "<=", ">", ">=", "==", "!=", NULL
};
const char *const po_unit_words[] = {
	"ms", "bytes", "score", "count", "unitless", "ratio", "rps",
	"per_second", NULL
};
static const char *const format_words[] = {
	"po", "lighthouse-budget", "lhci", "k6", "default", NULL
};
static const char *const layer_words[] = {
	"frontend", "backend", "database", "infrastructure", NULL
};

struct po_report *
po_report_new(void)
{
	struct po_report *report = po_xcalloc(1, sizeof(struct po_report));

	report->history = po_history_new();
	return report;
}

static char *
dup_or_null(const char *s)
{
	return s ? po_xstrdup(s) : NULL;
}

/* Makes room in `array` (of `n` elements of `size` bytes) for one more,
 * doubling its capacity when it is full.  Returns the array, which may
 * have moved. */
static void *
grow(void *array, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return array;
	*cap = *cap ? *cap * 2 : 16;
	return po_xrealloc(array, *cap * size);
}

/* The headroom of a check whose document gives none, as po-budget
 * computes it: positive on the good side of the limit. */
static double
headroom(const char *op, double value, double limit)
{
	if (op[0] == '>')
		return value - limit;
	if (op[0] == '<')
		return limit - value;
	return -(value > limit ? value - limit : limit - value);
}

static void
free_check(struct po_report_check *c)
{
	free(c->source);
	free(c->subject);
	free(c->name);
	free(c->metric);
	free(c->aggregation);
	free(c->message);
	free(c->origin_file);
	free(c->origin_rule);
	free(c->test_method);
}

/* The fields a regression check adds to a check document; an older
 * stream has none of them. */
static int
take_regression(struct po_report_check *check,
    const struct po_stream_doc *doc)
{
	const char *kind, *method;

	if (po_field_string(&kind, doc, NULL, "kind", OPT) < 0 ||
	    po_field_number(&check->baseline, &check->has_baseline, doc, NULL,
	    "baseline", OPT) < 0 ||
	    po_field_number(&check->change, &check->has_change, doc, NULL,
	    "change", OPT) < 0 ||
	    po_field_number(&check->change_ratio, &check->has_change_ratio,
	    doc, NULL, "change_ratio", NULLABLE) < 0 ||
	    po_field_object(doc, "runs", OPT) < 0 ||
	    po_field_number(&check->runs_baseline, &check->has_runs, doc,
	    "runs", "baseline", PO_FIELD_COUNT) < 0 ||
	    po_field_number(&check->runs_current, &check->has_runs, doc,
	    "runs", "current", PO_FIELD_COUNT) < 0 ||
	    po_field_object(doc, "test", OPT) < 0 ||
	    po_field_string(&method, doc, "test", "method", OPT) < 0 ||
	    po_field_number(&check->p_value, &check->has_p_value, doc, "test",
	    "p_value", NULLABLE) < 0 ||
	    po_field_number(&check->alpha, &check->has_alpha, doc, "test",
	    "alpha", NULLABLE) < 0)
		return -1;
	check->regression = kind != NULL && strcmp(kind, "regression") == 0;
	/* Runs are shown as a pair: one without the other says nothing. */
	check->has_runs = check->has_runs && po_val_get(po_val_get(doc->root,
	    "runs"), "baseline") != NULL;
	check->test_method = dup_or_null(method);
	return 0;
}

static int
take_check(struct po_report *report, const struct po_stream_doc *doc)
{
	const char *source, *subject, *name, *metric, *aggregation, *message;
	const char *origin_file, *origin_rule;
	int outcome, level, op, unit, format;
	double value, limit, margin;
	bool has_value, has_limit, has_margin;
	struct po_report_check *check;

	if (po_field_string(&source, doc, NULL, "source", REQ) < 0 ||
	    po_field_string(&subject, doc, NULL, "subject", REQ) < 0 ||
	    po_field_string(&name, doc, NULL, "name", REQ) < 0 ||
	    po_field_string(&metric, doc, NULL, "metric", OPT) < 0 ||
	    po_field_word(&outcome, doc, NULL, "status", status_words,
	    REQ) < 0 ||
	    /* The level is checked, not kept: the status says what it meant. */
	    po_field_word(&level, doc, NULL, "level", level_words, REQ) < 0 ||
	    po_field_number(&value, &has_value, doc, NULL, "value",
	    REQ | NULLABLE) < 0 ||
	    po_field_number(&limit, &has_limit, doc, NULL, "limit", REQ) < 0 ||
	    po_field_word(&op, doc, NULL, "operator", op_words, REQ) < 0 ||
	    po_field_number(&margin, &has_margin, doc, NULL, "margin",
	    NULLABLE) < 0 ||
	    po_field_word(&unit, doc, NULL, "unit", po_unit_words, OPT) < 0 ||
	    po_field_string(&aggregation, doc, NULL, "aggregation", OPT) < 0 ||
	    po_field_string(&message, doc, NULL, "message", OPT) < 0 ||
	    po_field_object(doc, "origin", REQ) < 0 ||
	    po_field_string(&origin_file, doc, "origin", "file", REQ) < 0 ||
	    po_field_word(&format, doc, "origin", "format", format_words,
	    REQ) < 0 ||
	    po_field_string(&origin_rule, doc, "origin", "rule", OPT) < 0)
		return -1;

	report->checks = grow(report->checks, report->nchecks,
	    &report->checks_cap, sizeof(*check));
	check = &report->checks[report->nchecks++];
	memset(check, 0, sizeof(*check));
	check->source = po_xstrdup(source);
	check->subject = po_xstrdup(subject);
	check->name = po_xstrdup(name);
	check->metric = dup_or_null(metric);
	check->op = op_words[op];
	if (unit >= 0) {
		check->unit = po_unit_words[unit];
	} else {
		const struct po_metric_def *def =
		    po_metric_find(metric ? metric : name);

		check->unit = def ? def->unit : NULL;
	}
	check->outcome = (enum po_outcome)(PO_OUTCOME_PASS - outcome);
	check->has_value = has_value;
	check->value = value;
	check->limit = limit;
	check->has_margin = has_margin || has_value;
	check->margin = has_margin ? margin :
	    has_value ? headroom(check->op, value, limit) : 0;
	check->aggregation = dup_or_null(aggregation);
	check->message = dup_or_null(message);
	check->origin_file = po_xstrdup(origin_file);
	check->origin_rule = dup_or_null(origin_rule);
	check->origin_format = format_words[format];
	if (take_regression(check, doc) < 0) {
		free_check(check);
		report->nchecks--;
		return -1;
	}
	report->nregressions += check->regression;
	return 0;
}

static int
take_finding(struct po_report *report, const struct po_stream_doc *doc)
{
	const char *source, *subject, *id, *title, *evidence, *form_factor;
	int severity, impact, effort, layer;
	double ms, bytes;
	bool has_ms, has_bytes;
	struct po_report_finding *finding;

	if (po_field_string(&source, doc, NULL, "source", REQ) < 0 ||
	    po_field_string(&subject, doc, NULL, "subject", REQ) < 0 ||
	    po_field_object(doc, "tags", OPT) < 0 ||
	    po_field_string(&id, doc, NULL, "id", REQ) < 0 ||
	    po_field_string(&title, doc, NULL, "title", REQ) < 0 ||
	    po_field_word(&severity, doc, NULL, "severity", po_grade_words,
	    REQ) < 0 ||
	    po_field_word(&layer, doc, NULL, "layer", layer_words, REQ) < 0 ||
	    po_field_string(&evidence, doc, NULL, "evidence", OPT) < 0 ||
	    po_field_object(doc, "savings", REQ) < 0 ||
	    po_field_number(&ms, &has_ms, doc, "savings", "ms", OPT) < 0 ||
	    po_field_number(&bytes, &has_bytes, doc, "savings", "bytes",
	    OPT) < 0 ||
	    po_field_word(&impact, doc, NULL, "impact", po_grade_words,
	    REQ) < 0 ||
	    po_field_word(&effort, doc, NULL, "effort", po_grade_words,
	    REQ) < 0)
		return -1;
	/* Tags may hold any scalar; only a string form factor tells runs of
	 * one page apart. */
	form_factor = po_val_string(po_val_get(doc->root, "tags"),
	    "form_factor");

	report->findings = grow(report->findings, report->nfindings,
	    &report->findings_cap, sizeof(*finding));
	finding = &report->findings[report->nfindings++];
	memset(finding, 0, sizeof(*finding));
	finding->source = po_xstrdup(source);
	finding->subject = po_xstrdup(subject);
	finding->form_factor = dup_or_null(form_factor);
	finding->id = po_xstrdup(id);
	finding->title = po_xstrdup(title);
	finding->evidence = dup_or_null(evidence);
	finding->severity = (enum po_grade)severity;
	finding->impact = (enum po_grade)impact;
	finding->effort = (enum po_grade)effort;
	finding->layer = layer_words[layer];
	finding->has_ms = has_ms;
	finding->savings_ms = ms;
	finding->has_bytes = has_bytes;
	finding->savings_bytes = bytes;
	finding->nruns = 1;
	finding->seq = report->nfindings - 1;
	return 0;
}

static int
take_error(struct po_report *report, const struct po_stream_doc *doc)
{
	const char *source, *subject, *file, *code, *message;
	struct po_report_error *error;

	if (po_field_string(&source, doc, NULL, "source", REQ) < 0 ||
	    po_field_string(&subject, doc, NULL, "subject", REQ) < 0 ||
	    po_field_string(&file, doc, NULL, "file", OPT) < 0 ||
	    po_field_string(&code, doc, NULL, "code", NULLABLE) < 0 ||
	    po_field_string(&message, doc, NULL, "message", REQ) < 0)
		return -1;
	report->errors = grow(report->errors, report->nerrors,
	    &report->errors_cap, sizeof(*error));
	error = &report->errors[report->nerrors++];
	memset(error, 0, sizeof(*error));
	error->source = po_xstrdup(source);
	error->subject = po_xstrdup(subject);
	error->file = dup_or_null(file);
	error->code = dup_or_null(code);
	error->message = po_xstrdup(message);
	return 0;
}

static void
free_summary(struct po_report_summary *summary)
{
	free(summary->source);
	free(summary->message);
	memset(summary, 0, sizeof(*summary));
}

static int
take_summary(struct po_report *report, const struct po_stream_doc *doc)
{
	struct po_report_summary s = { 0 };
	const char *source, *message;
	int status;
	double exit_code;
	bool present;

	if (po_field_string(&source, doc, NULL, "source", REQ) < 0 ||
	    po_field_word(&status, doc, NULL, "status", verdict_words,
	    REQ) < 0 ||
	    po_field_number(&exit_code, &present, doc, NULL, "exit", COUNT) < 0 ||
	    po_field_number(&s.checks, &present, doc, NULL, "checks",
	    COUNT) < 0 ||
	    po_field_number(&s.passed, &present, doc, NULL, "passed",
	    COUNT) < 0 ||
	    po_field_number(&s.warned, &present, doc, NULL, "warned",
	    COUNT) < 0 ||
	    po_field_number(&s.failed, &present, doc, NULL, "failed",
	    COUNT) < 0 ||
	    po_field_number(&s.errors, &present, doc, NULL, "errors",
	    COUNT) < 0 ||
	    po_field_number(&s.subjects, &s.has_subjects, doc, NULL,
	    "subjects", PO_FIELD_COUNT) < 0 ||
	    po_field_string(&message, doc, NULL, "message", OPT) < 0)
		return -1;
	if (exit_code > 2) {
		po_field_fail(doc, NULL, "exit", "summary document: \"exit\" "
		    "must be 0, 1 or 2");
		return -1;
	}
	/* The last summary counts: a later gate saw everything an earlier
	 * one saw, and more. */
	free_summary(&report->summary);
	s.present = true;
	s.source = po_xstrdup(source);
	s.status = (enum po_verdict)status;
	s.exit = (int)exit_code;
	s.message = dup_or_null(message);
	report->summary = s;
	return 0;
}

static int
take_metrics(struct po_report *report, const struct po_stream_doc *doc)
{
	const char *source, *subject;

	if (po_field_string(&source, doc, NULL, "source", REQ) < 0 ||
	    po_field_string(&subject, doc, NULL, "subject", REQ) < 0 ||
	    po_field_object(doc, "metrics", REQ) < 0 ||
	    po_field_object(doc, "tags", OPT) < 0 ||
	    po_history_add(report->history, doc) < 0)
		return -1;
	report->nmetrics++;
	return 0;
}

int
po_report_add(void *ctx, struct po_stream_doc *doc)
{
	struct po_report *report = ctx;
	int got;

	report->ndocs++;
	if (strcmp(doc->type, "check") == 0)
		got = take_check(report, doc);
	else if (strcmp(doc->type, "finding") == 0)
		got = take_finding(report, doc);
	else if (strcmp(doc->type, "error") == 0)
		got = take_error(report, doc);
	else if (strcmp(doc->type, "summary") == 0)
		got = take_summary(report, doc);
	else if (strcmp(doc->type, "metrics") == 0)
		got = take_metrics(report, doc);
	else {
		po_field_fail(doc, NULL, "type", "unknown document type '%.40s' "
		    "(expected metrics, finding, check, summary or error)",
		    doc->type);
		got = -1;
	}
	if (got < 0)
		report->bad_input = true;
	return 0;
}

static int
compare_strings(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Orders findings by what makes them the same finding, then by the order
 * they came in. */
static int
compare_key(const struct po_report_finding *a,
    const struct po_report_finding *b)
{
	int c;

	if ((c = strcmp(a->source, b->source)) != 0 ||
	    (c = strcmp(a->subject, b->subject)) != 0 ||
	    (c = compare_strings(a->form_factor, b->form_factor)) != 0)
		return c;
	return strcmp(a->id, b->id);
}

static int
compare_same_finding(const void *pa, const void *pb)
{
	const struct po_report_finding *a = pa, *b = pb;
	int c = compare_key(a, b);

	if (c != 0)
		return c;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static void
free_finding(struct po_report_finding *f)
{
	free(f->source);
	free(f->subject);
	free(f->form_factor);
	free(f->id);
	free(f->title);
	free(f->evidence);
}

/* The median of the savings the runs of a group have, or none. */
static bool
median_savings(double *out, const struct po_report_finding *group, size_t n,
    bool bytes)
{
	double *values = po_xcalloc(n, sizeof(*values));
	size_t nvalues = 0;

	for (size_t i = 0; i < n; i++) {
		if (bytes ? group[i].has_bytes : group[i].has_ms)
			values[nvalues++] = bytes ? group[i].savings_bytes :
			    group[i].savings_ms;
	}
	if (nvalues > 0) {
		po_stats_sort(values, nvalues);
		*out = po_stats_median(values, nvalues);
	}
	free(values);
	return nvalues > 0;
}

/* Lighthouse finds the same opportunity in every run of a page; a report
 * that listed it once per run would bury the second-best finding. */
static void
merge_findings(struct po_report *report)
{
	struct po_report_finding *f = report->findings;
	size_t n = report->nfindings;
	size_t kept = 0;

	if (n == 0)
		return;
	qsort(f, n, sizeof(*f), compare_same_finding);
	for (size_t i = 0, j; i < n; i = j) {
		struct po_report_finding merged = f[i];

		for (j = i + 1; j < n && compare_key(&f[i], &f[j]) == 0; j++)
			;
		merged.nruns = j - i;
		merged.has_ms = median_savings(&merged.savings_ms, f + i, j - i,
		    false);
		merged.has_bytes = median_savings(&merged.savings_bytes, f + i,
		    j - i, true);
		for (size_t k = i + 1; k < j; k++)
			free_finding(&f[k]);
		f[kept++] = merged;
	}
	report->nfindings = kept;
}

/* Most time saved first, then most bytes, then the graver finding, the
 * greater impact and the smaller effort; ties keep the stream's order. */
static int
compare_rank(const void *pa, const void *pb)
{
	const struct po_report_finding *a = pa, *b = pb;
	double ams = a->has_ms ? a->savings_ms : 0;
	double bms = b->has_ms ? b->savings_ms : 0;
	double abytes = a->has_bytes ? a->savings_bytes : 0;
	double bbytes = b->has_bytes ? b->savings_bytes : 0;

	if (ams != bms)
		return ams > bms ? -1 : 1;
	if (abytes != bbytes)
		return abytes > bbytes ? -1 : 1;
	if (a->severity != b->severity)
		return (int)a->severity - (int)b->severity;
	if (a->impact != b->impact)
		return (int)a->impact - (int)b->impact;
	if (a->effort != b->effort)
		return (int)b->effort - (int)a->effort;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

struct subject_ref {
	const char *subject;
	size_t seq;             /* checks first, then errors */
	size_t *id;
};

static int
compare_ref(const void *pa, const void *pb)
{
	const struct subject_ref *a = pa, *b = pb;
	int c = strcmp(a->subject, b->subject);

	if (c != 0)
		return c;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

struct subject_group {
	size_t first_seq;
	size_t start;
	size_t end;
};

static int
compare_group(const void *pa, const void *pb)
{
	const struct subject_group *a = pa, *b = pb;

	return (a->first_seq > b->first_seq) - (a->first_seq < b->first_seq);
}

/* Indices 0..n-1 ordered by their subject ids, the stream's order kept
 * within a subject: a counting sort, since the ids are dense.  Frees
 * `ids`. */
static size_t *
order_by_subject(size_t *ids, size_t n, size_t nsubjects)
{
	size_t *start = po_xcalloc(nsubjects + 1, sizeof(*start));
	size_t *order = po_xcalloc(n, sizeof(*order));

	for (size_t i = 0; i < n; i++)
		start[ids[i] + 1]++;
	for (size_t s = 0; s < nsubjects; s++)
		start[s + 1] += start[s];
	for (size_t i = 0; i < n; i++)
		order[start[ids[i]]++] = i;
	free(start);
	free(ids);
	return order;
}

/* Numbers the distinct subjects of checks and errors in the order they
 * first appear, and groups both by subject; sorting keeps it O(n log n)
 * for the largest streams. */
static void
group_subjects(struct po_report *report)
{
	size_t n = report->nchecks + report->nerrors;
	struct subject_ref *refs = po_xcalloc(n, sizeof(*refs));
	struct subject_group *groups = po_xcalloc(n, sizeof(*groups));
	size_t ngroups = 0;
	size_t *check_ids, *error_ids;

	for (size_t i = 0; i < report->nchecks; i++)
		refs[i] = (struct subject_ref){ report->checks[i].subject, i,
		    &report->checks[i].subject_id };
	for (size_t i = 0; i < report->nerrors; i++)
		refs[report->nchecks + i] = (struct subject_ref){
		    report->errors[i].subject, report->nchecks + i,
		    &report->errors[i].subject_id };
	qsort(refs, n, sizeof(*refs), compare_ref);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(refs[i].subject, refs[i - 1].subject) != 0)
			groups[ngroups++] = (struct subject_group){
			    refs[i].seq, i, i };
		groups[ngroups - 1].end = i + 1;
	}
	qsort(groups, ngroups, sizeof(*groups), compare_group);
	report->subjects = po_xcalloc(ngroups, sizeof(*report->subjects));
	report->nsubjects = ngroups;
	for (size_t g = 0; g < ngroups; g++) {
		report->subjects[g] = refs[groups[g].start].subject;
		for (size_t i = groups[g].start; i < groups[g].end; i++)
			*refs[i].id = g;
	}
	check_ids = po_xcalloc(report->nchecks, sizeof(*check_ids));
	for (size_t i = 0; i < report->nchecks; i++)
		check_ids[i] = report->checks[i].subject_id;
	error_ids = po_xcalloc(report->nerrors, sizeof(*error_ids));
	for (size_t i = 0; i < report->nerrors; i++)
		error_ids[i] = report->errors[i].subject_id;
	report->check_order = order_by_subject(check_ids, report->nchecks,
	    ngroups);
	report->error_order = order_by_subject(error_ids, report->nerrors,
	    ngroups);
	free(groups);
	free(refs);
}

/* What a check measures: its metric, or its name when it has none. */
static const char *
check_metric(const struct po_report_check *c)
{
	return c->metric ? c->metric : c->name;
}

static const struct po_report_check *sort_checks;

/* Budget checks by subject and metric, the first read first. */
static int
compare_budget(const void *pa, const void *pb)
{
	const struct po_report_check *a = &sort_checks[*(const size_t *)pa];
	const struct po_report_check *b = &sort_checks[*(const size_t *)pb];
	int c;

	if ((c = strcmp(a->subject, b->subject)) != 0 ||
	    (c = strcmp(check_metric(a), check_metric(b))) != 0)
		return c;
	return (a > b) - (a < b);
}

/* The budget line of each series of the history: the limit of the first
 * check of its subject and metric that is not a regression check (whose
 * limit is on a change, not on a value). */
static void
set_budget_lines(struct po_report *report)
{
	size_t nseries, nbudget = 0;
	struct po_history_series *series = po_history_series(report->history,
	    &nseries);
	size_t *budget = po_xcalloc(report->nchecks + 1, sizeof(*budget));

	for (size_t i = 0; i < report->nchecks; i++)
		if (!report->checks[i].regression)
			budget[nbudget++] = i;
	sort_checks = report->checks;
	qsort(budget, nbudget, sizeof(*budget), compare_budget);
	for (size_t i = 0; i < nseries; i++) {
		size_t lo = 0, hi = nbudget;

		/* The first check not ordered before the series' key. */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			const struct po_report_check *c =
			    &report->checks[budget[mid]];
			int cmp = strcmp(c->subject, series[i].subject);

			if (cmp == 0)
				cmp = strcmp(check_metric(c), series[i].metric);
			if (cmp < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < nbudget) {
			const struct po_report_check *c =
			    &report->checks[budget[lo]];

			if (strcmp(c->subject, series[i].subject) == 0 &&
			    strcmp(check_metric(c), series[i].metric) == 0) {
				series[i].has_limit = true;
				series[i].limit = c->limit;
				series[i].op = c->op;
			}
		}
	}
	free(budget);
}

void
po_report_finish(struct po_report *report, bool bad_input)
{
	const struct po_report_summary *s = &report->summary;

	if (bad_input)
		report->bad_input = true;
	merge_findings(report);
	if (report->nfindings > 1)
		qsort(report->findings, report->nfindings,
		    sizeof(*report->findings), compare_rank);
	group_subjects(report);
	po_history_finish(report->history);
	set_budget_lines(report);
	/* Fail closed: without a readable summary nothing passed, and an
	 * exit code worse than the status word wins. */
	if (report->bad_input || !s->present) {
		report->verdict = PO_VERDICT_ERROR;
	} else {
		enum po_verdict by_exit = s->exit == 0 ? PO_VERDICT_PASS :
		    s->exit == 1 ? PO_VERDICT_FAIL : PO_VERDICT_ERROR;

		report->verdict = s->status > by_exit ? s->status : by_exit;
	}
}

int
po_report_exit(const struct po_report *report)
{
	switch (report->verdict) {
	case PO_VERDICT_PASS:
	case PO_VERDICT_WARN:
		return 0;
	case PO_VERDICT_FAIL:
		return 1;
	default:
		return 2;
	}
}

const char *
po_verdict_title(enum po_verdict verdict)
{
	static const char *const titles[] = {
		"PASS", "PASS with warnings", "FAIL", "ERROR"
	};

	return titles[verdict];
}

const char *
po_report_error_reason(const struct po_report *report)
{
	if (report->bad_input)
		return "the input could not be read completely";
	if (report->ndocs == 0)
		return "no po documents in the input";
	if (!report->summary.present)
		return "no summary in the input: no gate such as po-budget "
		    "ran over it";
	return NULL;
}

void
po_report_free(struct po_report *report)
{
	if (report == NULL)
		return;
	for (size_t i = 0; i < report->nchecks; i++)
		free_check(&report->checks[i]);
	for (size_t i = 0; i < report->nfindings; i++)
		free_finding(&report->findings[i]);
	for (size_t i = 0; i < report->nerrors; i++) {
		struct po_report_error *e = &report->errors[i];

		free(e->source);
		free(e->subject);
		free(e->code);
		free(e->message);
		free(e->file);
	}
	free(report->checks);
	free(report->findings);
	free(report->errors);
	free_summary(&report->summary);
	free(report->subjects);
	free(report->check_order);
	free(report->error_order);
	po_history_free(report->history);
	free(report);
}
