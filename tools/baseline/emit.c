#include "config.h"

#include <string.h>

#include "baseline/emit.h"
#include "lib/json-val.h"
#include "lib/stream-write.h"

static void
gen_value(yajl_gen gen, yajl_val v)
{
	switch (v->type) {
	case yajl_t_string:
		po_gen_string(gen, v->u.string);
		break;
	case yajl_t_number:
		po_gen_raw_number(gen, v->u.number.r, strlen(v->u.number.r));
		break;
	case yajl_t_object:
		yajl_gen_map_open(gen);
		for (size_t i = 0; i < v->u.object.len; i++) {
			po_gen_key(gen, v->u.object.keys[i]);
			gen_value(gen, v->u.object.values[i]);
		}
		yajl_gen_map_close(gen);
		break;
	case yajl_t_array:
		yajl_gen_array_open(gen);
		for (size_t i = 0; i < v->u.array.len; i++)
			gen_value(gen, v->u.array.values[i]);
		yajl_gen_array_close(gen);
		break;
	case yajl_t_true:
		yajl_gen_bool(gen, 1);
		break;
	case yajl_t_false:
		yajl_gen_bool(gen, 0);
		break;
	default:
		yajl_gen_null(gen);
		break;
	}
}

/* The tags, with the commit's two replacing any of the same names. */
static void
gen_tags(yajl_gen gen, yajl_val tags, const char *commit_hex,
    const char *commit_time)
{
	yajl_gen_map_open(gen);
	for (size_t i = 0; YAJL_IS_OBJECT(tags) && i < tags->u.object.len;
	    i++) {
		const char *key = tags->u.object.keys[i];

		if (strcmp(key, "commit") == 0 ||
		    strcmp(key, "commit_time") == 0)
			continue;
		po_gen_key(gen, key);
		gen_value(gen, tags->u.object.values[i]);
	}
	po_gen_key_string(gen, "commit", commit_hex);
	po_gen_key_string(gen, "commit_time", commit_time);
	yajl_gen_map_close(gen);
}

int
po_emit_tagged(yajl_gen gen, yajl_val doc, const char *metric,
    const char *commit_hex, const char *commit_time)
{
	yajl_val metrics = po_val_get(doc, "metrics");
	yajl_val kept = metric ? po_val_get(metrics, metric) : NULL;
	int tagged = 0;

	if (metric != NULL && kept == NULL)
		return 1;
	yajl_gen_map_open(gen);
	for (size_t i = 0; i < doc->u.object.len; i++) {
		const char *key = doc->u.object.keys[i];
		yajl_val value = doc->u.object.values[i];

		po_gen_key(gen, key);
		if (strcmp(key, "tags") == 0) {
			gen_tags(gen, value, commit_hex, commit_time);
			tagged = 1;
		} else if (strcmp(key, "metrics") == 0 && metric != NULL) {
			yajl_gen_map_open(gen);
			po_gen_key(gen, metric);
			gen_value(gen, kept);
			yajl_gen_map_close(gen);
		} else {
			gen_value(gen, value);
		}
	}
	if (!tagged) {
		po_gen_key(gen, "tags");
		gen_tags(gen, NULL, commit_hex, commit_time);
	}
	yajl_gen_map_close(gen);
	return 0;
}
