#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget-lighthouse.h"
#include "json-val.h"
#include "metric.h"
#include "msg.h"

/* What Lighthouse 11's Budget class accepts; anything else it rejects, and
 * so does po. */
static const char *const timing_metrics[] = {
	"first-contentful-paint", "interactive", "first-meaningful-paint",
	"max-potential-fid", "total-blocking-time", "speed-index",
	"largest-contentful-paint", "cumulative-layout-shift", NULL
};

static const char *const resource_types[] = {
	"total", "document", "script", "stylesheet", "image", "media", "font",
	"other", "third-party", NULL
};

static bool
in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

int
po_lhbudget_detect(yajl_val root)
{
	return YAJL_IS_ARRAY(root);
}

/* Lighthouse's robots.txt-style path: starts with '/', at most one '*',
 * at most one '$' and only at the end. */
static const char *
path_problem(const char *path)
{
	const char *star = strchr(path, '*');
	const char *dollar = strchr(path, '$');

	if (path[0] != '/')
		return "it should start with '/'";
	if (star && strchr(star + 1, '*'))
		return "it should contain only one '*'";
	if (dollar && dollar[1] != '\0')
		return "'$' may only end it";
	return NULL;
}

static int
parse_limits(struct po_lhbudget_limit **out, size_t *nout, yajl_val list,
    const char *file, size_t index, const char *what, const char *key_name,
    const char *const *valid)
{
	struct po_lhbudget_limit *limits;
	size_t n;

	if (list == NULL)
		return 0;
	if (!YAJL_IS_ARRAY(list)) {
		po_error(file, 0, 0, "budgets[%zu].%s: expected an array", index,
		    what);
		return -1;
	}
	n = list->u.array.len;
	limits = po_xcalloc(n, sizeof(*limits));
	*out = limits;
	*nout = 0;
	for (size_t i = 0; i < n; i++) {
		yajl_val item = list->u.array.values[i];
		const char *key = po_val_string(item, key_name);
		double budget;

		if (!YAJL_IS_OBJECT(item) || item->u.object.len != 2 ||
		    key == NULL || po_val_number(&budget, item, "budget") < 0) {
			po_error(file, 0, 0, "budgets[%zu].%s[%zu]: expected "
			    "{\"%s\": ..., \"budget\": NUMBER} and nothing "
			    "else", index, what, i, key_name);
			return -1;
		}
		if (budget < 0) {
			po_error(file, 0, 0, "budgets[%zu].%s[%zu]: a budget "
			    "cannot be negative", index, what, i);
			return -1;
		}
		if (!in_list(valid, key)) {
			po_error(file, 0, 0, "budgets[%zu].%s[%zu]: unknown %s "
			    "'%s'", index, what, i, key_name, key);
			return -1;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(limits[j].key, key) == 0) {
				po_error(file, 0, 0, "budgets[%zu].%s: '%s' "
				    "appears twice", index, what, key);
				return -1;
			}
		limits[i].key = po_xstrdup(key);
		limits[i].budget = budget;
		(*nout)++;
	}
	return 0;
}

static int
parse_options(struct po_lhbudget_entry *entry, yajl_val options,
    const char *file, size_t index)
{
	yajl_val hosts = po_val_get(options, "firstPartyHostnames");

	if (options == NULL)
		return 0;
	if (!YAJL_IS_OBJECT(options) || options->u.object.len != (hosts != 0)
	    || (hosts && !YAJL_IS_ARRAY(hosts))) {
		po_error(file, 0, 0, "budgets[%zu].options: only "
		    "\"firstPartyHostnames\": [HOST...] is allowed", index);
		return -1;
	}
	if (hosts == NULL)
		return 0;
	entry->first_party = po_xcalloc(hosts->u.array.len, sizeof(char *));
	for (size_t i = 0; i < hosts->u.array.len; i++) {
		yajl_val host = hosts->u.array.values[i];

		if (!YAJL_IS_STRING(host) || host->u.string[0] == '\0' ||
		    strpbrk(host->u.string, "/:")) {
			po_error(file, 0, 0, "budgets[%zu].options."
			    "firstPartyHostnames[%zu]: not a host name", index,
			    i);
			return -1;
		}
		entry->first_party[entry->nfirst_party++] =
		    po_xstrdup(host->u.string);
	}
	return 0;
}

static int
parse_entry(struct po_lhbudget_entry *entry, yajl_val obj, const char *file,
    size_t index)
{
	static const char *const keys[] = { "path", "options", "timings",
		"resourceSizes", "resourceCounts", NULL };
	yajl_val path = po_val_get(obj, "path");
	const char *problem;

	if (!YAJL_IS_OBJECT(obj)) {
		po_error(file, 0, 0, "budgets[%zu]: expected an object", index);
		return -1;
	}
	for (size_t i = 0; i < obj->u.object.len; i++)
		if (!in_list(keys, obj->u.object.keys[i])) {
			po_error(file, 0, 0, "budgets[%zu]: unknown key '%s'",
			    index, obj->u.object.keys[i]);
			return -1;
		}
	if (path != NULL) {
		if (!YAJL_IS_STRING(path)) {
			po_error(file, 0, 0, "budgets[%zu].path: expected a "
			    "string", index);
			return -1;
		}
		if ((problem = path_problem(path->u.string)) != NULL) {
			po_error(file, 0, 0, "budgets[%zu].path: invalid path "
			    "'%s': %s", index, path->u.string, problem);
			return -1;
		}
		entry->path = po_xstrdup(path->u.string);
	}
	if (parse_options(entry, po_val_get(obj, "options"), file, index) < 0)
		return -1;
	if (parse_limits(&entry->timings, &entry->ntimings,
	    po_val_get(obj, "timings"), file, index, "timings", "metric",
	    timing_metrics) < 0)
		return -1;
	if (parse_limits(&entry->sizes, &entry->nsizes,
	    po_val_get(obj, "resourceSizes"), file, index, "resourceSizes",
	    "resourceType", resource_types) < 0)
		return -1;
	return parse_limits(&entry->counts, &entry->ncounts,
	    po_val_get(obj, "resourceCounts"), file, index, "resourceCounts",
	    "resourceType", resource_types);
}

static bool
sets_a_limit(const struct po_lhbudget *budget)
{
	for (size_t i = 0; i < budget->nentries; i++) {
		const struct po_lhbudget_entry *e = &budget->entries[i];

		if (e->ntimings + e->nsizes + e->ncounts > 0)
			return true;
	}
	return false;
}

int
po_lhbudget_parse(struct po_lhbudget **out, yajl_val root, const char *file)
{
	struct po_lhbudget *budget;

	if (!YAJL_IS_ARRAY(root)) {
		po_error(file, 0, 0, "a Lighthouse budget file is an array of "
		    "budgets");
		return -1;
	}
	if (root->u.array.len == 0) {
		po_error(file, 0, 0, "no budgets: a budget that limits nothing "
		    "cannot pass anything");
		return -1;
	}
	budget = po_xcalloc(1, sizeof(*budget));
	budget->file = po_xstrdup(file);
	budget->entries = po_xcalloc(root->u.array.len,
	    sizeof(*budget->entries));
	for (size_t i = 0; i < root->u.array.len; i++) {
		budget->nentries++;
		if (parse_entry(&budget->entries[i], root->u.array.values[i],
		    file, i) < 0) {
			po_lhbudget_free(budget);
			return -1;
		}
	}
	/* Lighthouse takes such a file and finds nothing over budget.  An
	 * entry without limits is fine when another one has some: being the
	 * last to match, it exempts its paths from the entries before it. */
	if (!sets_a_limit(budget)) {
		po_error(file, 0, 0, "no budget sets a limit (timings, "
		    "resourceSizes or resourceCounts): a budget that limits "
		    "nothing cannot pass anything");
		po_lhbudget_free(budget);
		return -1;
	}
	*out = budget;
	return 0;
}

/* The path and query of a URL, as the URL API's pathname + search give
 * them; "" when the URL has no path. */
static const char *
url_path(const char *url, char *buf, size_t size)
{
	const char *scheme = strstr(url, "://");
	const char *path = scheme ? strchr(scheme + 3, '/') : NULL;
	const char *hash;
	size_t len;

	if (path == NULL)
		path = "/";
	hash = strchr(path, '#');
	len = hash ? (size_t)(hash - path) : strlen(path);
	if (len >= size)
		len = size - 1;
	memcpy(buf, path, len);
	buf[len] = '\0';
	return buf;
}

static bool
starts_with(const char *s, const char *prefix, size_t len)
{
	return strncmp(s, prefix, len) == 0;
}

static bool
ends_with(const char *s, const char *suffix, size_t len)
{
	size_t slen = strlen(s);

	return slen >= len && memcmp(s + slen - len, suffix, len) == 0;
}

int
po_lhbudget_path_matches(const char *pattern, const char *url)
{
	char buf[4096];
	const char *path = url_path(url, buf, sizeof(buf));
	const char *star;
	size_t plen;
	bool dollar;

	if (pattern == NULL)
		pattern = "/";
	plen = strlen(pattern);
	dollar = plen > 0 && pattern[plen - 1] == '$';
	star = strchr(pattern, '*');
	if (star == NULL && !dollar)
		return starts_with(path, pattern, plen);
	if (star == NULL)
		return strlen(path) == plen - 1 &&
		    starts_with(path, pattern, plen - 1);
	/* Before the '*' is a prefix; after it, text that must follow
	 * somewhere (or, with '$', at the very end). */
	size_t before = (size_t)(star - pattern);
	const char *after = star + 1;
	size_t alen = strlen(after) - (dollar ? 1 : 0);
	char *after_copy;
	bool match;

	if (!starts_with(path, pattern, before))
		return 0;
	if (dollar)
		return ends_with(path + before, after, alen);
	after_copy = po_xstrndup(after, alen);
	match = strstr(path + before, after_copy) != NULL;
	free(after_copy);
	return match;
}

static const struct po_lhbudget_entry *
matching_entry(const struct po_lhbudget *budget, const char *url)
{
	for (size_t i = budget->nentries; i-- > 0;)
		if (po_lhbudget_path_matches(budget->entries[i].path, url))
			return &budget->entries[i];
	return NULL;
}

struct run_check {
	const struct po_lhbudget *budget;
	const struct po_run *run;
	size_t entry_index;
	struct po_tally *tally;
};

static void
emit(struct run_check *rc, const char *name, const char *metric,
    const char *unit, double limit, const char *rule, const double *value)
{
	struct po_check check = { 0 };
	char message[256];

	check.subject = rc->run->subject;
	check.name = name;
	check.metric = metric;
	check.level = PO_LEVEL_ERROR;
	check.limit = limit;
	check.op = "<=";
	check.unit = unit;
	check.run_file = po_val_string(rc->run->root, "file");
	check.origin_file = rc->budget->file;
	check.origin_format = "lighthouse-budget";
	check.origin_rule = rule;
	if (value != NULL) {
		check.has_value = true;
		check.value = *value;
		check.passed = *value <= limit;
	} else {
		snprintf(message, sizeof(message), "the report has no value "
		    "for '%s'", name);
		check.message = message;
	}
	po_check_emit(&check, rc->tally);
}

static void
check_timing(struct run_check *rc, const struct po_lhbudget_limit *limit,
    size_t i)
{
	yajl_val audit = po_val_get(rc->run->audits, limit->key);
	const char *metric = po_metric_from_audit(limit->key);
	const struct po_metric_def *def = metric ? po_metric_find(metric) : NULL;
	char rule[96];
	double value;
	bool has = po_val_number(&value, audit, "value") == 0;

	snprintf(rule, sizeof(rule), "[%zu].timings[%zu]", rc->entry_index, i);
	if (!has) {
		po_error(rc->run->file, rc->run->lineno, 0, "'%s' has no value "
		    "for timing budget '%s' of %s", rc->run->subject,
		    limit->key, rc->budget->file);
		rc->tally->errors++;
	}
	emit(rc, limit->key, metric, def ? def->unit : "ms", limit->budget,
	    rule, has ? &value : NULL);
}

static void
check_resource(struct run_check *rc, const struct po_lhbudget_limit *limit,
    size_t i, bool is_size)
{
	char metric[64];
	char name[96];
	char rule[96];
	double value;
	bool has;

	snprintf(metric, sizeof(metric), "resource.%s.%s", limit->key,
	    is_size ? "size" : "count");
	snprintf(name, sizeof(name), "resource-summary.%s.%s", limit->key,
	    is_size ? "size" : "count");
	snprintf(rule, sizeof(rule), "[%zu].%s[%zu]", rc->entry_index,
	    is_size ? "resourceSizes" : "resourceCounts", i);
	has = po_run_metric(&value, rc->run, metric) == 0;
	if (!has) {
		po_error(rc->run->file, rc->run->lineno, 0, "'%s' has no "
		    "resource summary for '%s' (needed by %s)",
		    rc->run->subject, limit->key, rc->budget->file);
		rc->tally->errors++;
	}
	/* Sizes are budgeted in KiB and measured in bytes. */
	emit(rc, name, metric, is_size ? "bytes" : "count",
	    is_size ? limit->budget * 1024 : limit->budget, rule,
	    has ? &value : NULL);
}

static void
check_run(struct run_check *rc, const struct po_lhbudget_entry *entry)
{
	for (size_t i = 0; i < entry->ntimings; i++)
		check_timing(rc, &entry->timings[i], i);
	for (size_t i = 0; i < entry->nsizes; i++)
		check_resource(rc, &entry->sizes[i], i, true);
	for (size_t i = 0; i < entry->ncounts; i++)
		check_resource(rc, &entry->counts[i], i, false);
}

void
po_lhbudget_evaluate(const struct po_lhbudget *budget,
    const struct po_runset *runs, struct po_tally *tally)
{
	bool warned_hosts = false;

	for (size_t i = 0; i < runs->nruns; i++) {
		const struct po_run *run = &runs->runs[i];
		const struct po_lhbudget_entry *entry;
		struct run_check rc = { budget, run, 0, tally };

		if (run->is_error) {
			po_error(run->file, run->lineno, 0, "'%s' could not be "
			    "measured (%s): the budget cannot pass",
			    run->subject, run->code ? run->code : "error");
			tally->errors++;
			continue;
		}
		entry = matching_entry(budget, run->subject);
		if (entry == NULL)
			continue;
		rc.entry_index = (size_t)(entry - budget->entries);
		if (entry->nfirst_party > 0 && !warned_hosts) {
			po_warn(budget->file, 0, 0, "options.firstPartyHostnames "
			    "is not applied: third-party sizes and counts are "
			    "those the report classified");
			warned_hosts = true;
		}
		check_run(&rc, entry);
	}
}

static void
free_limits(struct po_lhbudget_limit *limits, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(limits[i].key);
	free(limits);
}

void
po_lhbudget_free(struct po_lhbudget *budget)
{
	if (budget == NULL)
		return;
	for (size_t i = 0; i < budget->nentries; i++) {
		struct po_lhbudget_entry *entry = &budget->entries[i];

		free(entry->path);
		free_limits(entry->timings, entry->ntimings);
		free_limits(entry->sizes, entry->nsizes);
		free_limits(entry->counts, entry->ncounts);
		for (size_t j = 0; j < entry->nfirst_party; j++)
			free(entry->first_party[j]);
		free(entry->first_party);
	}
	free(budget->entries);
	free(budget->file);
	free(budget);
}
