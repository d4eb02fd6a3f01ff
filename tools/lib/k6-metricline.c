#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "json-val.h"
#include "k6-metricline.h"
#include "msg.h"

static char *
dup_string(yajl_val v)
{
	return YAJL_IS_STRING(v) ? po_xstrdup(v->u.string) : NULL;
}

/* Strings, or objects with a "threshold" string and an "abortOnFail"
 * boolean, which is all k6 writes. */
static int
read_thresholds(struct po_k6_def *def, yajl_val list, char *why,
    size_t whylen)
{
	if (list == NULL || YAJL_IS_NULL(list))
		return 0;
	if (!YAJL_IS_ARRAY(list)) {
		snprintf(why, whylen, "thresholds of metric '%s' are not a "
		    "list", def->name);
		return -1;
	}
	def->thresholds = po_xcalloc(list->u.array.len, sizeof(char *));
	def->abort_on_fail = po_xcalloc(list->u.array.len, sizeof(bool));
	for (size_t i = 0; i < list->u.array.len; i++) {
		yajl_val t = list->u.array.values[i];
		yajl_val abort = po_val_get(t, "abortOnFail");
		char *source = YAJL_IS_OBJECT(t) ?
		    dup_string(po_val_get(t, "threshold")) : dup_string(t);

		if (source == NULL || (abort != NULL && !YAJL_IS_TRUE(abort) &&
		    !YAJL_IS_FALSE(abort))) {
			free(source);
			snprintf(why, whylen, "threshold %zu of metric '%s' is "
			    "not an expression", i, def->name);
			return -1;
		}
		def->abort_on_fail[def->nthresholds] = YAJL_IS_TRUE(abort);
		def->thresholds[def->nthresholds++] = source;
	}
	return 0;
}

static int
read_submetrics(struct po_k6_def *def, yajl_val list, char *why,
    size_t whylen)
{
	if (list == NULL || YAJL_IS_NULL(list))
		return 0;
	if (!YAJL_IS_ARRAY(list)) {
		snprintf(why, whylen, "submetrics of metric '%s' are not a "
		    "list", def->name);
		return -1;
	}
	def->submetrics = po_xcalloc(list->u.array.len, sizeof(char *));
	for (size_t i = 0; i < list->u.array.len; i++) {
		char *name = dup_string(po_val_get(list->u.array.values[i],
		    "name"));

		if (name == NULL) {
			snprintf(why, whylen, "submetric %zu of metric '%s' "
			    "has no name", i, def->name);
			return -1;
		}
		def->submetrics[def->nsubmetrics++] = name;
	}
	return 0;
}

/* Metric lines are few, one per metric, so they are read whole with
 * yajl_tree rather than field by field as points are. */
int
po_k6_metricline_read(struct po_k6_def *out, const char *text, size_t len,
    char *why, size_t whylen)
{
	char *copy = po_xstrndup(text, len);
	char err[128];
	yajl_val root = yajl_tree_parse(copy, err, sizeof(err));
	yajl_val data = po_val_get(root, "data");
	const char *type = po_val_string(data, "type");
	const char *contains = po_val_string(data, "contains");
	int ret = -1;

	free(copy);
	memset(out, 0, sizeof(*out));
	out->name = dup_string(po_val_get(data, "name"));
	if (root == NULL || out->name == NULL) {
		snprintf(why, whylen, "Metric line without a \"data\" object "
		    "naming the metric");
		goto out;
	}
	out->type = type ? po_k6_type_parse(type) : PO_K6_UNKNOWN;
	if (out->type == PO_K6_UNKNOWN) {
		snprintf(why, whylen, "metric '%s' has an unknown type '%s' "
		    "(expected counter, gauge, rate or trend)", out->name,
		    type ? type : "");
		goto out;
	}
	if (contains != NULL && po_k6_contains_parse(&out->contains,
	    contains) < 0) {
		snprintf(why, whylen, "metric '%s' contains '%s' (expected "
		    "default, time or data)", out->name, contains);
		goto out;
	}
	if (read_thresholds(out, po_val_get(data, "thresholds"), why,
	    whylen) < 0 || read_submetrics(out, po_val_get(data,
	    "submetrics"), why, whylen) < 0)
		goto out;
	ret = 0;
out:
	if (ret < 0)
		po_k6_def_clear(out);
	yajl_tree_free(root);
	return ret;
}

void
po_k6_def_clear(struct po_k6_def *def)
{
	if (def == NULL)
		return;
	free(def->name);
	for (size_t i = 0; i < def->nthresholds; i++)
		free(def->thresholds[i]);
	free(def->thresholds);
	free(def->abort_on_fail);
	for (size_t i = 0; i < def->nsubmetrics; i++)
		free(def->submetrics[i]);
	free(def->submetrics);
	memset(def, 0, sizeof(*def));
}
