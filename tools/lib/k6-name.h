/* Metric and sub-metric names as k6 reads them in thresholds:
 * "http_req_duration" or "http_req_duration{status:200,scenario:api}".
 *
 * The braces hold tags separated by commas, each split at its first colon,
 * trimmed of spaces and then of quotes, so "{group:::api}" selects the
 * group "::api" and "{scenario:\"browse\"}" the scenario "browse".  A point
 * counts towards a sub-metric when it carries every one of its tags with
 * the same value. */
#ifndef PO_K6_NAME_H
#define PO_K6_NAME_H

#include <stdbool.h>
#include <stddef.h>

struct po_k6_tag {
	char *key;
	char *value;
};

struct po_k6_name {
	char *text;             /* the whole name, as written */
	char *parent;           /* the metric: text up to '{' */
	struct po_k6_tag *tags; /* sorted by key, one per key */
	size_t ntags;           /* 0 for a metric that is not a sub-metric */
};

/* Parses `text` as k6 does.  Returns 0, or -1 with the reason in `why`
 * (`whylen` bytes) for a name k6 rejects: an unmatched brace, text after
 * the closing brace, an empty tag list, or a tag without a value.  The
 * caller owns *out (po_k6_name_clear). */
int po_k6_name_parse(struct po_k6_name *out, const char *text, char *why,
    size_t whylen);

/* Whether `a` and `b` name the same series: the same metric and the same
 * tags, however they were spelled. */
bool po_k6_name_same(const struct po_k6_name *a, const struct po_k6_name *b);

/* The value `name` requires for tag `key`, or NULL. */
const char *po_k6_name_tag(const struct po_k6_name *name, const char *key);

void po_k6_name_copy(struct po_k6_name *out, const struct po_k6_name *name);
void po_k6_name_clear(struct po_k6_name *name);

#endif
