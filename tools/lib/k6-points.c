#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "json-scan.h"
#include "k6-metricline.h"
#include "k6-points.h"
#include "k6-memo.h"
#include "k6-time.h"
#include "msg.h"

enum line_type { LINE_NONE, LINE_POINT, LINE_METRIC, LINE_OTHER };

/* Which field a value belongs to. */
enum field {
	F_OTHER,
	F_TYPE,
	F_METRIC,
	F_DATA,
	F_TIME,
	F_VALUE,
	F_TAGS
};

/* A growable byte buffer, reused from line to line. */
struct text {
	char *s;
	size_t len;
	size_t cap;
};

static void
text_set(struct text *t, const char *s, size_t len)
{
	if (len + 1 > t->cap) {
		t->cap = len + 64;
		t->s = po_xrealloc(t->s, t->cap);
	}
	memcpy(t->s, s, len);
	t->s[len] = '\0';
	t->len = len;
}

struct tag {
	size_t key;             /* offsets into the tag text */
	size_t keylen;
	size_t value;
	size_t valuelen;
};

/* The chunk's table of metric names: open addressing over the local
 * indices, since every point looks its metric up. */
struct names {
	uint32_t *slots;        /* local index + 1; 0 is empty */
	size_t nslots;
	size_t **subs;          /* per local metric: plan sub-metrics */
	size_t *nsubs;
};

/* How a memo fares on a chunk: after a while, one that is seldom hit (tags
 * that differ from point to point, such as k6's vu and iter) only costs
 * its recording, and is turned off. */
struct memo_use {
	bool off;
	unsigned long lines, hits;
};

static void
memo_count(struct memo_use *use, bool hit)
{
	use->lines++;
	if (hit)
		use->hits++;
	else if (use->lines >= 512 && use->hits * 4 < use->lines)
		use->off = true;
}

struct parser {
	const struct po_k6_plan *plan;
	struct po_k6_chunk *out;
	const char *buf;
	size_t len;
	yajl_handle handle;
	size_t base;            /* the offset in buf of what yajl is fed */
	size_t cap_entries;
	struct names names;
	/* Where line counting has got to, moving forward only. */
	size_t counted_to;
	long counted_lines;
	/* The line being read. */
	int depth;
	enum field field1;      /* key at depth 1 */
	enum field field2;      /* key at depth 2, inside "data" */
	size_t doc_start;
	enum line_type type;
	bool has_metric, has_time, has_value, has_data;
	bool bad_tag;
	uint32_t local;         /* the line's metric in the chunk's table */
	bool need_tags;         /* all tags, for sub-metrics; else scenario */
	bool scenario_next;     /* the tag value coming is the scenario */
	struct text type_text;
	int64_t time_ns;
	struct po_k6_time_cache time_cache;
	double value;
	struct text tagtext;
	struct tag *tags;
	size_t ntags;
	size_t cap_tags;
	size_t pending_key;     /* offset of the tag key just read */
	size_t pending_keylen;
	char *why;              /* what is wrong, for the message */
	/* The memos of line heads and tails (k6-memo.h), and their use on
	 * this line. */
	struct po_k6_memo tails;
	struct po_k6_memo heads;
	struct memo_use tail_use, head_use;
	/* The tail last found, at [last_tail, last_tail + last_len). */
	const struct po_k6_events *last_memo;
	size_t last_tail, last_len;
	unsigned long nevents;  /* callbacks so far */
	unsigned long value_key_event;  /* nevents at the "value" key */
	size_t value_key_end;   /* where that key's bytes ended */
	struct po_k6_events rec;        /* a tail's callbacks, recording */
	bool recording, rec_started, rec_closed, rec_bad;
	const struct po_k6_events *replay;      /* to make at the value */
	bool replaying;         /* the callbacks coming are for "}}" */
	bool swallow_end;       /* yajl's end of "data", replayed already */
	struct po_k6_events hrec;       /* a head's callbacks, recording */
	bool hrecording;
	bool standin;           /* yajl reads the stand-in of a head */
	bool pinned;            /* callbacks replayed: consumed() is ... */
	size_t pinned_at;       /* ... the offset they stand for */
};

static uint32_t
hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The line of byte `offset`; offsets asked for only grow within a chunk,
 * so counting newlines costs one pass over it. */
static long
line_at(struct parser *p, size_t offset, long *col)
{
	const char *line_start;

	while (p->counted_to < offset) {
		const char *nl = memchr(p->buf + p->counted_to, '\n',
		    offset - p->counted_to);

		if (nl == NULL) {
			p->counted_to = offset;
			break;
		}
		p->counted_lines++;
		p->counted_to = (size_t)(nl - p->buf) + 1;
	}
	if (col != NULL) {
		line_start = p->buf + offset;
		while (line_start > p->buf && line_start[-1] != '\n')
			line_start--;
		*col = (long)(p->buf + offset - line_start) + 1;
	}
	return p->counted_lines + 1;
}

static size_t
consumed(const struct parser *p)
{
	if (p->pinned)
		return p->pinned_at;
	return p->base + yajl_get_bytes_consumed(p->handle);
}

/* Counts a callback and, while a tail is recorded, keeps it.  The first
 * callback of a tail is the value that was pending before it, which
 * belongs to the line's own bytes: it is not kept. */
static void
note(struct parser *p, enum po_k6_event_type type, const void *text,
    size_t len, int boolean)
{
	p->nevents++;
	if (p->hrecording)
		po_k6_events_add(&p->hrec, type, text, len, boolean);
	if (!p->recording)
		return;
	if (!p->rec_started) {
		p->rec_started = true;
		if (type != PO_K6_EV_NUMBER)
			p->rec_bad = true;
		return;
	}
	if (p->rec_closed)
		p->rec_bad = true;
	else
		po_k6_events_add(&p->rec, type, text, len, boolean);
}

static int
fail(struct parser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
fail(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	if (p->why != NULL)
		return 0;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	p->why = po_xstrdup(buf);
	return 0;
}

static uint32_t
add_local(struct parser *p, const char *name, size_t len)
{
	struct po_k6_chunk *c = p->out;
	struct names *n = &p->names;
	uint32_t index = (uint32_t)c->nmetrics;

	c->metrics = po_xrealloc(c->metrics, (index + 1) * sizeof(*c->metrics));
	memset(&c->metrics[index], 0, sizeof(c->metrics[index]));
	c->metrics[index].name = po_xstrndup(name, len);
	c->nmetrics++;
	n->subs = po_xrealloc(n->subs, (index + 1) * sizeof(*n->subs));
	n->nsubs = po_xrealloc(n->nsubs, (index + 1) * sizeof(*n->nsubs));
	n->subs[index] = NULL;
	n->nsubs[index] = 0;
	for (size_t s = 0; s < p->plan->nsubs; s++)
		if (strcmp(p->plan->subs[s]->parent, c->metrics[index].name)
		    == 0) {
			n->subs[index] = po_xrealloc(n->subs[index],
			    (n->nsubs[index] + 1) * sizeof(size_t));
			n->subs[index][n->nsubs[index]++] = s;
		}
	return index;
}

static void
rehash(struct parser *p)
{
	struct names *n = &p->names;
	size_t nslots = n->nslots ? n->nslots * 2 : 64;

	free(n->slots);
	n->slots = po_xcalloc(nslots, sizeof(*n->slots));
	n->nslots = nslots;
	for (size_t i = 0; i < p->out->nmetrics; i++) {
		const char *name = p->out->metrics[i].name;
		size_t at = hash(name, strlen(name)) & (nslots - 1);

		while (n->slots[at] != 0)
			at = (at + 1) & (nslots - 1);
		n->slots[at] = (uint32_t)i + 1;
	}
}

/* The chunk's index of metric `name`, added when new. */
static uint32_t
local_of(struct parser *p, const char *name, size_t len)
{
	struct names *n = &p->names;
	size_t at;

	if (n->nslots == 0 || (p->out->nmetrics + 1) * 2 > n->nslots)
		rehash(p);
	at = hash(name, len) & (n->nslots - 1);
	while (n->slots[at] != 0) {
		const char *have = p->out->metrics[n->slots[at] - 1].name;

		if (strncmp(have, name, len) == 0 && have[len] == '\0')
			return n->slots[at] - 1;
		at = (at + 1) & (n->nslots - 1);
	}
	n->slots[at] = add_local(p, name, len) + 1;
	return n->slots[at] - 1;
}

static void
push(struct parser *p, uint32_t series)
{
	struct po_k6_chunk *c = p->out;

	if (c->nentries == p->cap_entries) {
		p->cap_entries = p->cap_entries ? p->cap_entries * 2 : 4096;
		c->entries = po_xrealloc(c->entries,
		    p->cap_entries * sizeof(*c->entries));
	}
	c->entries[c->nentries].series = series;
	c->entries[c->nentries].value = p->value;
	c->entries[c->nentries].time_ns = p->time_ns;
	c->nentries++;
}

static bool
has_tag(const struct parser *p, const char *key, const char *value)
{
	size_t keylen = strlen(key);
	size_t valuelen = strlen(value);

	for (size_t i = 0; i < p->ntags; i++) {
		const struct tag *t = &p->tags[i];

		if (t->keylen == keylen && t->valuelen == valuelen &&
		    memcmp(p->tagtext.s + t->key, key, keylen) == 0 &&
		    memcmp(p->tagtext.s + t->value, value, valuelen) == 0)
			return true;
	}
	return false;
}

static void
note_scenario(struct parser *p)
{
	struct po_k6_chunk *c = p->out;

	for (size_t i = 0; i < p->ntags; i++) {
		const struct tag *t = &p->tags[i];
		const char *value = p->tagtext.s + t->value;

		if (t->keylen != 8 || memcmp(p->tagtext.s + t->key, "scenario",
		    8) != 0)
			continue;
		/* Points come in runs of one scenario: the last one seen is
		 * nearly always the one. */
		for (size_t s = c->nscenarios; s-- > 0;)
			if (strlen(c->scenarios[s]) == t->valuelen &&
			    memcmp(c->scenarios[s], value, t->valuelen) == 0)
				return;
		c->scenarios = po_xrealloc(c->scenarios,
		    (c->nscenarios + 1) * sizeof(*c->scenarios));
		c->scenarios[c->nscenarios++] = po_xstrndup(value,
		    t->valuelen);
		return;
	}
}

static int
end_point(struct parser *p)
{
	struct po_k6_chunk *c = p->out;
	uint32_t local;

	if (!p->has_metric)
		return fail(p, "point without a \"metric\" name");
	local = p->local;
	if (!p->has_data || !p->has_time || !p->has_value)
		return fail(p, "point of '%s' without a %s",
		    c->metrics[local].name, !p->has_data ?
		    "\"data\" object" : !p->has_time ? "\"time\"" :
		    "\"value\"");
	if (p->bad_tag)
		return fail(p, "point of '%s' has a tag that is not a string",
		    c->metrics[local].name);
	if (c->metrics[local].first_point_line == 0)
		c->metrics[local].first_point_line = line_at(p, p->doc_start,
		    NULL);
	push(p, local);
	for (size_t i = 0; i < p->names.nsubs[local]; i++) {
		size_t s = p->names.subs[local][i];
		const struct po_k6_name *sub = p->plan->subs[s];
		size_t t;

		for (t = 0; t < sub->ntags; t++)
			if (!has_tag(p, sub->tags[t].key, sub->tags[t].value))
				break;
		if (t == sub->ntags)
			push(p, PO_K6_SUB_BIT | (uint32_t)s);
	}
	note_scenario(p);
	return 1;
}

/* A Metric line, read by k6-metricline.c, with its place in the chunk. */
static int
end_metric(struct parser *p)
{
	struct po_k6_chunk *c = p->out;
	struct po_k6_def def;
	char why[512];
	uint32_t local;

	if (po_k6_metricline_read(&def, p->buf + p->doc_start,
	    consumed(p) - p->doc_start, why, sizeof(why)) < 0)
		return fail(p, "%s", why);
	if (p->has_metric && strcmp(c->metrics[p->local].name, def.name) !=
	    0) {
		fail(p, "Metric line for '%s' names '%s' in its data",
		    c->metrics[p->local].name, def.name);
		po_k6_def_clear(&def);
		return 0;
	}
	def.line = line_at(p, p->doc_start, NULL);
	def.before = c->nentries;
	local = local_of(p, def.name, strlen(def.name));
	if (c->metrics[local].first_def_line == 0)
		c->metrics[local].first_def_line = def.line;
	c->defs = po_xrealloc(c->defs, (c->ndefs + 1) * sizeof(def));
	c->defs[c->ndefs++] = def;
	return 1;
}

static int
end_line(struct parser *p)
{
	switch (p->type) {
	case LINE_POINT:
		return end_point(p);
	case LINE_METRIC:
		return end_metric(p);
	case LINE_OTHER:
		return fail(p, "unknown line type '%s' (expected Metric or "
		    "Point)", p->type_text.s);
	default:
		return fail(p, "not a k6 Metric or Point line: no \"type\"");
	}
}

static int
cb_start_map(void *ctx)
{
	struct parser *p = ctx;

	if (p->standin)
		return 1;
	note(p, PO_K6_EV_START_MAP, NULL, 0, 0);
	if (p->depth == 0) {
		p->doc_start = consumed(p) - 1;
		p->type = LINE_NONE;
		p->has_metric = p->has_time = p->has_value = false;
		p->has_data = p->bad_tag = false;
		p->need_tags = p->plan->nsubs > 0;
		p->scenario_next = false;
		p->ntags = 0;
		p->tagtext.len = 0;
		p->field1 = F_OTHER;
	} else if (p->depth == 1) {
		if (p->field1 == F_DATA)
			p->has_data = true;
		p->field2 = F_OTHER;
	} else if (p->depth == 3 && p->field1 == F_DATA &&
	    p->field2 == F_TAGS) {
		p->bad_tag = true;
	}
	p->depth++;
	return 1;
}

static int
cb_end_map(void *ctx)
{
	struct parser *p = ctx;

	if (p->replaying) {
		/* The replay, made at the value, closed "data" already.
		 * A replay not made first cannot happen (the pending
		 * number is the first callback of "}}"); it is refused all
		 * the same.  A line that is not a point stops the parse too,
		 * for end_metric() would read the Metric line's bytes up to
		 * consumed(), which is not the line's end here: the chunk is
		 * then parsed again, every line whole. */
		if (p->replay != NULL)
			return 0;
		if (p->swallow_end) {
			p->swallow_end = false;
			return 1;
		}
		if (p->depth == 1 && p->type != LINE_POINT)
			return 0;
	}
	note(p, PO_K6_EV_END_MAP, NULL, 0, 0);
	if (--p->depth == 0) {
		if (p->recording)
			p->rec_closed = true;
		return end_line(p);
	}
	return 1;
}

static int
cb_start_array(void *ctx)
{
	struct parser *p = ctx;

	note(p, PO_K6_EV_START_ARRAY, NULL, 0, 0);
	if (p->depth == 0)
		return fail(p, "not a k6 Metric or Point line: a JSON array");
	if (p->depth == 3 && p->field1 == F_DATA && p->field2 == F_TAGS)
		p->bad_tag = true;
	p->depth++;
	return 1;
}

static int
cb_end_array(void *ctx)
{
	struct parser *p = ctx;

	note(p, PO_K6_EV_END_ARRAY, NULL, 0, 0);
	p->depth--;
	return 1;
}

static bool
key_is(const unsigned char *key, size_t len, const char *want, size_t wantlen)
{
	return len == wantlen && memcmp(key, want, len) == 0;
}

static int
cb_map_key(void *ctx, const unsigned char *key, size_t len)
{
	struct parser *p = ctx;

	if (p->standin)
		return 1;
	note(p, PO_K6_EV_KEY, key, len, 0);
	if (p->depth == 1) {
		if (key_is(key, len, "metric", 6))
			p->field1 = F_METRIC;
		else if (key_is(key, len, "type", 4))
			p->field1 = F_TYPE;
		else if (key_is(key, len, "data", 4))
			p->field1 = F_DATA;
		else
			p->field1 = F_OTHER;
	} else if (p->depth == 2 && p->field1 == F_DATA) {
		if (key_is(key, len, "time", 4))
			p->field2 = F_TIME;
		else if (key_is(key, len, "value", 5)) {
			p->field2 = F_VALUE;
			p->value_key_event = p->nevents;
			p->value_key_end = consumed(p);
		} else if (key_is(key, len, "tags", 4))
			p->field2 = F_TAGS;
		else
			p->field2 = F_OTHER;
	} else if (p->depth == 3 && p->field1 == F_DATA &&
	    p->field2 == F_TAGS) {
		struct text *t = &p->tagtext;

		/* Most points need only their scenario tag: copying the
		 * others is work saved unless a sub-metric may want them. */
		p->scenario_next = key_is(key, len, "scenario", 8);
		if (!p->need_tags && !p->scenario_next)
			return 1;
		if (t->len + len + 1 > t->cap) {
			t->cap = (t->len + len + 1) * 2;
			t->s = po_xrealloc(t->s, t->cap);
		}
		memcpy(t->s + t->len, key, len);
		p->pending_key = t->len;
		p->pending_keylen = len;
		t->len += len;
	}
	return 1;
}

static int
scalar_outside(struct parser *p)
{
	if (p->depth == 0)
		return fail(p, "not a k6 Metric or Point line: a JSON scalar");
	if (p->depth == 3 && p->field1 == F_DATA && p->field2 == F_TAGS)
		p->bad_tag = true;
	return 1;
}

static int
cb_null(void *ctx)
{
	struct parser *p = ctx;

	note(p, PO_K6_EV_NULL, NULL, 0, 0);
	/* "tags": null is how some k6 versions write a point without tags. */
	if (p->depth == 2 && p->field1 == F_DATA && p->field2 == F_TAGS)
		return 1;
	return scalar_outside(p);
}

static int
cb_boolean(void *ctx, int value)
{
	note(ctx, PO_K6_EV_BOOLEAN, NULL, 0, value);
	return scalar_outside(ctx);
}

/* Clinger's fast path: a decimal whose digits fit in 53 bits, scaled by
 * a power of ten up to 10^22 (exact in a double), is one correctly
 * rounded operation away from its value, the very double strtod gives.
 * k6 writes its values with Go's shortest formatting, so nearly all take
 * this path ("0.906251", "1.5e+06").  Returns -1 to leave the number to
 * strtod. */
static int
fast_number(double *out, const char *s, size_t len)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
		1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
		1e18, 1e19, 1e20, 1e21, 1e22 };
	const char *end = s + len;
	uint64_t mant = 0;
	int ndigits = 0;
	int scale = 0;
	int exp = 0;
	bool neg = false;
	double v;

	if (s < end && *s == '-') {
		neg = true;
		s++;
	}
	for (; s < end && *s >= '0' && *s <= '9'; s++, ndigits++)
		mant = mant * 10 + (uint64_t)(*s - '0');
	if (s < end && *s == '.')
		for (s++; s < end && *s >= '0' && *s <= '9'; s++, ndigits++,
		    scale--)
			mant = mant * 10 + (uint64_t)(*s - '0');
	if (s < end && (*s == 'e' || *s == 'E')) {
		bool eneg = false;
		int edigits = 0;

		s++;
		if (s < end && (*s == '+' || *s == '-'))
			eneg = *s++ == '-';
		for (; s < end && *s >= '0' && *s <= '9' && edigits < 4;
		    s++, edigits++)
			exp = exp * 10 + (*s - '0');
		if (edigits == 0 || edigits == 4)
			return -1;
		scale += eneg ? -exp : exp;
	}
	if (s != end || ndigits == 0 || ndigits > 19 ||
	    mant > (UINT64_C(1) << 53) || scale < -22 || scale > 22)
		return -1;
	v = (double)mant;
	v = scale < 0 ? v / pow10[-scale] : v * pow10[scale];
	*out = neg ? -v : v;
	return 0;
}

static int replay_tail(struct parser *p);

static int
read_value(struct parser *p, const char *text, size_t len)
{
	char buf[64];
	char *end;

	if (fast_number(&p->value, text, len) == 0) {
		p->has_value = true;
		return 1;
	}
	if (len >= sizeof(buf))
		return fail(p, "value '%.32s...' is too long a number", text);
	memcpy(buf, text, len);
	buf[len] = '\0';
	errno = 0;
	p->value = strtod(buf, &end);
	if (errno == ERANGE && !isfinite(p->value))
		return fail(p, "value %s is out of range", buf);
	p->has_value = true;
	return 1;
}

static int
cb_number(void *ctx, const char *text, size_t len)
{
	struct parser *p = ctx;

	note(p, PO_K6_EV_NUMBER, text, len, 0);
	if (p->depth != 2 || p->field1 != F_DATA || p->field2 != F_VALUE)
		return scalar_outside(p);
	if (!read_value(p, text, len))
		return 0;
	return p->replay != NULL ? replay_tail(p) : 1;
}

static int
cb_string(void *ctx, const unsigned char *text, size_t len)
{
	struct parser *p = ctx;
	const char *s = (const char *)text;

	note(p, PO_K6_EV_STRING, text, len, 0);
	if (p->depth == 1 && p->field1 == F_METRIC) {
		p->local = local_of(p, s, len);
		p->need_tags = p->names.nsubs[p->local] > 0;
		p->has_metric = true;
	} else if (p->depth == 1 && p->field1 == F_TYPE) {
		if (key_is(text, len, "Point", 5)) {
			p->type = LINE_POINT;
		} else if (key_is(text, len, "Metric", 6)) {
			p->type = LINE_METRIC;
		} else {
			p->type = LINE_OTHER;
			text_set(&p->type_text, s, len > 64 ? 64 : len);
		}
	} else if (p->depth == 2 && p->field1 == F_DATA &&
	    p->field2 == F_TIME) {
		int got = po_k6_time_parse_cached(&p->time_ns,
		    &p->time_cache, s, len);

		if (got == -2)
			return fail(p, "time '%.*s' is outside the years 1970 "
			    "to 2262 that po reads", (int)(len > 64 ? 64 :
			    len), s);
		if (got < 0)
			return fail(p, "time '%.*s' is not an RFC 3339 time",
			    (int)(len > 64 ? 64 : len), s);
		p->has_time = true;
	} else if (p->depth == 2 && p->field1 == F_DATA &&
	    p->field2 == F_VALUE) {
		return fail(p, "value '%.*s' is not a number",
		    (int)(len > 64 ? 64 : len), s);
	} else if (p->depth == 3 && p->field1 == F_DATA &&
	    p->field2 == F_TAGS) {
		struct text *t = &p->tagtext;
		struct tag *tag;

		if (!p->need_tags && !p->scenario_next)
			return 1;
		p->scenario_next = false;
		if (t->len + len + 1 > t->cap) {
			t->cap = (t->len + len + 1) * 2;
			t->s = po_xrealloc(t->s, t->cap);
		}
		if (p->ntags == p->cap_tags) {
			p->cap_tags = p->cap_tags ? p->cap_tags * 2 : 16;
			p->tags = po_xrealloc(p->tags,
			    p->cap_tags * sizeof(*p->tags));
		}
		tag = &p->tags[p->ntags++];
		tag->key = p->pending_key;
		tag->keylen = p->pending_keylen;
		tag->value = t->len;
		tag->valuelen = len;
		memcpy(t->s + t->len, s, len);
		t->len += len;
	} else if (p->depth == 0) {
		return fail(p, "not a k6 Metric or Point line: a JSON string");
	}
	return 1;
}

static const yajl_callbacks callbacks = {
	.yajl_null = cb_null,
	.yajl_boolean = cb_boolean,
	.yajl_number = cb_number,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_map_key,
	.yajl_end_map = cb_end_map,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = cb_end_array,
};

/* Makes the callbacks [from, to) that `r` holds, as yajl made them. */
static int
replay(struct parser *p, const struct po_k6_events *r, size_t from,
    size_t to)
{
	int ok = 1;

	for (size_t i = from; ok && i < to; i++) {
		const struct po_k6_event *ev = &r->ev[i];
		/* A tail of braces alone has no text at all. */
		const char *text = r->text != NULL ? r->text + ev->text : "";

		switch (ev->type) {
		case PO_K6_EV_NULL:
			ok = cb_null(p);
			break;
		case PO_K6_EV_BOOLEAN:
			ok = cb_boolean(p, ev->boolean);
			break;
		case PO_K6_EV_NUMBER:
			ok = cb_number(p, text, ev->len);
			break;
		case PO_K6_EV_STRING:
			ok = cb_string(p, (const unsigned char *)text, ev->len);
			break;
		case PO_K6_EV_KEY:
			ok = cb_map_key(p, (const unsigned char *)text,
			    ev->len);
			break;
		case PO_K6_EV_START_MAP:
			ok = cb_start_map(p);
			break;
		case PO_K6_EV_END_MAP:
			ok = cb_end_map(p);
			break;
		case PO_K6_EV_START_ARRAY:
			ok = cb_start_array(p);
			break;
		case PO_K6_EV_END_ARRAY:
			ok = cb_end_array(p);
			break;
		}
	}
	return ok;
}

/* Makes the callbacks of a memo's tail, but for its last, the end of the
 * line's object, which yajl makes itself when it is handed the two
 * closing braces in place of the tail.  The replayed callbacks are the
 * tail's own, made as yajl made them; only the braces that come after
 * are yajl's stand-ins. */
static int
replay_tail(struct parser *p)
{
	const struct po_k6_events *r = p->replay;
	int ok;

	p->replay = NULL;
	p->replaying = false;
	ok = replay(p, r, 0, r->n - 1);
	p->replaying = true;
	return ok;
}

static yajl_handle
new_handle(struct parser *p)
{
	yajl_handle handle = yajl_alloc(&callbacks, NULL, p);

	if (handle == NULL)
		po_oom();
	yajl_config(handle, yajl_allow_multiple_values, 1);
	return handle;
}

/* Hands yajl the bytes [from, to) of the chunk. */
static int
feed(struct parser *p, size_t from, size_t to)
{
	p->base = from;
	return yajl_parse(p->handle, (const unsigned char *)p->buf + from,
	    to - from) == yajl_status_ok ? 0 : -1;
}

/* The first `"key":` (its bytes, `len` of them) in [s, end), or NULL.
 * memchr finds the candidates: glibc's memmem took longer over a line
 * than yajl took to lex it. */
static const char *
find_key(const char *s, const char *end, const char *key, size_t len)
{
	while (end - s >= (ptrdiff_t)len) {
		const char *c = memchr(s + 1, key[1], (size_t)(end - s - 1));

		if (c == NULL || end - (c - 1) < (ptrdiff_t)len)
			return NULL;
		if (c[-1] == '"' && memcmp(c - 1, key, len) == 0)
			return c - 1;
		s = c;
	}
	return NULL;
}

/* The end of the run of number bytes at `s`, for finding where a
 * value's digits end; yajl says whether they are a number. */
static const char *
number_end(const char *s, const char *end)
{
	while (s < end && ((*s >= '0' && *s <= '9') || *s == '-' ||
	    *s == '+' || *s == '.' || *s == 'e' || *s == 'E'))
		s++;
	return s;
}

/* Where the tail of the line [start, end) begins: just past the digits
 * of its "value", found by their bytes (0 when there is none).  Sets
 * *key_end to where the key's bytes end; the parse then checks that yajl
 * read that very key there, with nothing after it but the pending
 * number. */
static size_t
tail_start(const char *buf, size_t start, size_t end, size_t *key_end)
{
	const char *key = find_key(buf + start, buf + end, "\"value\":", 8);
	const char *s;

	if (key == NULL)
		return 0;
	s = number_end(key + 8, buf + end);
	if (s == key + 8 || s == buf + end)
		return 0;
	*key_end = (size_t)(key + 7 - buf);
	return (size_t)(s - buf);
}

/* A point's line as k6 writes it, cut where its parts change from line
 * to line:
 *
 *   {"metric":"vus","type":"Point","data":{"time":"  head (few distinct)
 *   2026-11-24T22:05:15.806424254Z                   time
 *   ","value":                                       key_end past "value"
 *   1                                                value
 *   ,"tags":{...}}}                                  tail (few distinct)
 *
 * found by their bytes alone; yajl is the judge of what they mean. */
struct line_parts {
	size_t head_end;        /* just past the time's opening quote */
	size_t time_end;        /* at its closing quote */
	size_t key_end;
	size_t tail;
};

/* The bytes of a time that k6 writes, which in JSON stand for themselves:
 * no quote, no backslash, no control or non-ASCII byte. */
static bool
time_byte(char c)
{
	return (c >= '0' && c <= '9') || c == ':' || c == '.' || c == '-' ||
	    c == '+' || c == 'T' || c == 'Z' || c == 't' || c == 'z';
}

static bool
split_line(const char *buf, size_t start, size_t end, struct line_parts *lp)
{
	const char *line = buf + start;
	const char *stop = buf + end;
	const char *brace, *time, *quote, *value, *tail;

	if (stop - line < 2)
		return false;
	brace = memchr(line + 1, '{', (size_t)(stop - line - 1));
	if (brace == NULL || stop - brace < 9 ||
	    memcmp(brace + 1, "\"time\":\"", 8) != 0)
		return false;
	time = brace + 9;
	for (quote = time; quote < stop && time_byte(*quote); quote++)
		continue;
	if (stop - quote < 10 || memcmp(quote, "\",\"value\":", 10) != 0)
		return false;
	value = quote + 10;
	tail = number_end(value, stop);
	if (tail == value || tail == stop)
		return false;
	lp->head_end = (size_t)(time - buf);
	lp->time_end = (size_t)(quote - buf);
	lp->key_end = (size_t)(quote + 9 - buf);
	lp->tail = (size_t)(tail - buf);
	return true;
}

/* Whether yajl's state is the one every memo's tail was lexed in, after
 * the line up to its value, the key ending at `key_end`; the argument is
 * at parse_line(). */
static bool
at_value(const struct parser *p, size_t key_end)
{
	return p->depth == 2 && p->field1 == F_DATA &&
	    p->field2 == F_VALUE && p->value_key_event == p->nevents &&
	    p->value_key_end == key_end;
}

static void
remember_tail(struct parser *p, size_t tail, size_t len,
    const struct po_k6_events *memo)
{
	p->last_memo = memo;
	p->last_tail = tail;
	p->last_len = len;
}

/* The memo of the tail [tail, tail + len), or NULL.  The lines of one
 * request (http_reqs, http_req_duration, http_req_waiting, ...) come
 * together and end alike, so the tail last found is tried first, by its
 * bytes alone: most lines need no hash. */
static const struct po_k6_events *
find_tail(struct parser *p, size_t tail, size_t len)
{
	const struct po_k6_events *memo;

	if (p->last_memo != NULL && len == p->last_len &&
	    memcmp(p->buf + tail, p->buf + p->last_tail, len) == 0)
		return p->last_memo;
	memo = po_k6_memo_find(&p->tails, p->buf + tail, len,
	    po_k6_memo_hash(p->buf + tail, len));
	if (memo != NULL)
		remember_tail(p, tail, len, memo);
	return memo;
}

/* Parses the tail [tail, end) with yajl, recording its callbacks, and
 * keeps them when they are those of a whole point's end.  Only a tail
 * followed by its newline is kept: after the object's end, nothing but
 * whitespace then leaves yajl's lexer idle (a token cut by the newline
 * errs or makes a callback, which spoils the recording), as the lines
 * that will use it need. */
static int
record_tail(struct parser *p, size_t tail, size_t tail_end, size_t end)
{
	const struct po_k6_events *kept = NULL;
	int ret;

	p->rec.n = 0;
	p->rec.textlen = 0;
	p->recording = true;
	p->rec_started = p->rec_closed = p->rec_bad = false;
	ret = feed(p, tail, end);
	p->recording = false;
	if (ret == 0 && p->rec_closed && !p->rec_bad && p->depth == 0 &&
	    end > tail && p->buf[end - 1] == '\n' &&
	    p->type == LINE_POINT && p->rec.n > 0 &&
	    p->rec.ev[p->rec.n - 1].type == PO_K6_EV_END_MAP)
		kept = po_k6_memo_add(&p->tails, p->buf + tail,
		    tail_end - tail, po_k6_memo_hash(p->buf + tail,
		    tail_end - tail), &p->rec);
	if (kept != NULL)
		remember_tail(p, tail, tail_end - tail, kept);
	return ret;
}

/* The tail [tail, end) of a line that yajl has read up to its value:
 * replayed from the memo, or lexed and recorded. */
static int
parse_tail(struct parser *p, size_t tail, size_t end)
{
	const struct po_k6_events *memo;
	size_t tail_end = end;

	if (tail_end > tail && p->buf[tail_end - 1] == '\n')
		tail_end--;
	memo = find_tail(p, tail, tail_end - tail);
	memo_count(&p->tail_use, memo != NULL);
	if (memo == NULL)
		return record_tail(p, tail, tail_end, end);
	p->replay = memo;
	p->replaying = true;
	p->swallow_end = true;
	p->base = tail;
	if (yajl_parse(p->handle, (const unsigned char *)"}}", 2) !=
	    yajl_status_ok || p->replay != NULL || p->depth != 0)
		return -1;
	p->replaying = false;
	p->out->replayed++;
	return 0;
}

/* Whether the callbacks recorded for the line up to its value end as a
 * head's do: the key "time", its string (the very bytes of lp's time),
 * the key "value". */
static bool
head_recorded(const struct parser *p, const struct line_parts *lp)
{
	const struct po_k6_events *r = &p->hrec;
	const struct po_k6_event *ev;
	size_t timelen = lp->time_end - lp->head_end;

	if (r->n < 3)
		return false;
	ev = &r->ev[r->n - 3];
	return ev[0].type == PO_K6_EV_KEY && ev[0].len == 4 &&
	    memcmp(r->text + ev[0].text, "time", 4) == 0 &&
	    ev[1].type == PO_K6_EV_STRING && ev[1].len == timelen &&
	    memcmp(r->text + ev[1].text, p->buf + lp->head_end, timelen) ==
	    0 &&
	    ev[2].type == PO_K6_EV_KEY && ev[2].len == 5 &&
	    memcmp(r->text + ev[2].text, "value", 5) == 0;
}

/* Hands yajl the line up to its value, recording the callbacks, and keeps
 * those of the head, up to the key "time", when the line is as lp says. */
static int
record_head(struct parser *p, size_t start, const struct line_parts *lp)
{
	int ret;

	p->hrec.n = 0;
	p->hrec.textlen = 0;
	p->hrecording = true;
	ret = feed(p, start, lp->tail);
	p->hrecording = false;
	if (ret == 0 && at_value(p, lp->key_end) && head_recorded(p, lp)) {
		p->hrec.n -= 2;
		po_k6_memo_add(&p->heads, p->buf + start, lp->head_end - start,
		    po_k6_memo_hash(p->buf + start, lp->head_end - start),
		    &p->hrec);
	}
	return ret;
}

/* The memo of the line's head, or NULL. */
static const struct po_k6_events *
find_head(struct parser *p, size_t start, const struct line_parts *lp)
{
	size_t len = lp->head_end - start;
	const struct po_k6_events *memo = po_k6_memo_find(&p->heads,
	    p->buf + start, len, po_k6_memo_hash(p->buf + start, len));

	memo_count(&p->head_use, memo != NULL);
	return memo;
}

/* Makes a callback with consumed() pinned at `at`, the offset yajl would
 * have given it.  A pin that fails stays, for report() to place the
 * problem. */
#define PINNED(p, at, call) ((p)->pinned = true, (p)->pinned_at = (at), \
	(call) ? ((p)->pinned = false, 1) : 0)

/* A line whose head yajl has seen before: its callbacks are replayed,
 * then the time's string and the key "value" are made from the line's
 * bytes.  yajl has seen none of it. */
static int
replay_head(struct parser *p, size_t start, const struct line_parts *lp,
    const struct po_k6_events *memo)
{
	size_t brace = start;

	/* The head's first callback is its object's start: only blanks
	 * can come before it. */
	while (p->buf[brace] != '{')
		brace++;
	if (!PINNED(p, brace + 1, replay(p, memo, 0, memo->n)) ||
	    !PINNED(p, lp->time_end + 1, cb_string(p,
	    (const unsigned char *)p->buf + lp->head_end,
	    lp->time_end - lp->head_end)) ||
	    !PINNED(p, lp->key_end, cb_map_key(p,
	    (const unsigned char *)"value", 5)))
		return -1;
	p->out->replayed_heads++;
	return 0;
}

/* Brings yajl to where it would be after a replayed head: the stand-in
 * {"":{"": has tokens of the same kinds, and its callbacks are
 * swallowed.  Then yajl reads the value itself. */
static int
skip_head(struct parser *p, const struct line_parts *lp)
{
	static const char standin[] = "{\"\":{\"\":";
	int ok;

	p->standin = true;
	ok = yajl_parse(p->handle, (const unsigned char *)standin,
	    sizeof(standin) - 1) == yajl_status_ok;
	p->standin = false;
	if (!ok)
		return -1;
	return feed(p, lp->key_end + 1, lp->tail);
}

/* Whether [s, end) is one JSON number (RFC 8259's grammar), which yajl
 * would lex as one token and hand to cb_number as these very bytes.  Only
 * decides whether a line may pass yajl by: any other bytes go to yajl,
 * which says what is wrong with them. */
static bool
json_number(const char *s, const char *end)
{
	const char *digits;

	if (s < end && *s == '-')
		s++;
	if (s < end && *s == '0')
		s++;
	else if (s < end && *s >= '1' && *s <= '9')
		while (s < end && *s >= '0' && *s <= '9')
			s++;
	else
		return false;
	if (s < end && *s == '.') {
		for (digits = ++s; s < end && *s >= '0' && *s <= '9'; s++)
			continue;
		if (s == digits)
			return false;
	}
	if (s < end && (*s == 'e' || *s == 'E')) {
		if (++s < end && (*s == '+' || *s == '-'))
			s++;
		for (digits = s; s < end && *s >= '0' && *s <= '9'; s++)
			continue;
		if (s == digits)
			return false;
	}
	return s == end;
}

/* Where yajl ends the last token of a tail, its closing brace, before the
 * blanks that may end the line. */
static size_t
tail_close(const char *buf, size_t tail, size_t tail_end)
{
	while (tail_end > tail && buf[tail_end - 1] != '}')
		tail_end--;
	return tail_end;
}

/* The rest of a line whose head was replayed and whose tail is `memo`:
 * the value, then the tail's callbacks, all made here, yajl seeing
 * nothing of the line. */
static int
replay_rest(struct parser *p, const struct line_parts *lp, size_t tail_end,
    const struct po_k6_events *memo)
{
	size_t value = lp->key_end + 1;

	if (!PINNED(p, lp->tail, cb_number(p, p->buf + value,
	    lp->tail - value)) ||
	    !PINNED(p, lp->tail, replay(p, memo, 0, memo->n - 1)) ||
	    !PINNED(p, tail_close(p->buf, lp->tail, tail_end), replay(p,
	    memo, memo->n - 1, memo->n)))
		return -1;
	p->out->replayed++;
	return 0;
}

/* The line [start, end), whose head yajl has seen before.  When its tail
 * is known too, and its value a plain number, yajl is left out of the
 * line altogether: it stays as it was after the last line, which is how
 * it would be after this one. */
static int
parse_known_head(struct parser *p, size_t start, size_t end,
    const struct line_parts *lp, const struct po_k6_events *head)
{
	const struct po_k6_events *tail = NULL;
	size_t tail_end = end;

	if (tail_end > lp->tail && p->buf[tail_end - 1] == '\n')
		tail_end--;
	if (replay_head(p, start, lp, head) < 0)
		return -1;
	if (!p->tail_use.off && at_value(p, lp->key_end) &&
	    json_number(p->buf + lp->key_end + 1, p->buf + lp->tail))
		tail = find_tail(p, lp->tail, tail_end - lp->tail);
	if (tail != NULL) {
		memo_count(&p->tail_use, true);
		return replay_rest(p, lp, tail_end, tail);
	}
	if (skip_head(p, lp) < 0)
		return -1;
	if (p->tail_use.off || !at_value(p, lp->key_end))
		return feed(p, lp->tail, end);
	return parse_tail(p, lp->tail, end);
}

/* One line, [start, end) with its newline.  A point's line is cut in
 * parts (struct line_parts): its head is looked up in one memo, its tail
 * in another, and what yajl made of them the first time is replayed; yajl
 * itself reads every part that was not seen before.
 *
 * Why the state is the same: at depth 0 yajl's lexer is idle (no token
 * runs past a newline without a callback or an error; at the top level
 * only objects pass).  After the prefix, depth 2 under the key "data"
 * with the key "value" as the last callback means yajl's stack is
 * [complete, map got value, map needs value]; the key's end offset
 * proves that key is the bytes "value" found here, so the split is not
 * inside a string, and all that follows it is one pending number.  The
 * tail's first byte cannot continue a number, so it ends the number as
 * the '}' of "}}" does.  Then the same bytes make the same callbacks,
 * which are replayed; yajl's end of "data" is swallowed, its end of the
 * object is taken as the tail's last callback.
 *
 * A head is the same argument run forwards: from depth 0, the same head
 * bytes make the same callbacks up to the time's opening quote; time
 * bytes (time_byte()) make one string of themselves, and ","value": the
 * key.  The tokens' kinds are those of {"":{"":, which leaves yajl in
 * the state above when it must read on (skip_head()).  A line of known
 * head, plain number and known tail leaves yajl at depth 0, lexer idle,
 * as it found it. */
static int
parse_line(struct parser *p, size_t start, size_t end)
{
	const struct po_k6_events *head;
	struct line_parts lp;
	size_t key_end = 0;
	size_t tail;

	if (p->depth != 0)
		return feed(p, start, end);
	if (!p->head_use.off && split_line(p->buf, start, end, &lp)) {
		head = find_head(p, start, &lp);
		if (head != NULL)
			return parse_known_head(p, start, end, &lp, head);
		if (record_head(p, start, &lp) < 0)
			return -1;
		key_end = lp.key_end;
		tail = lp.tail;
	} else {
		tail = tail_start(p->buf, start, end, &key_end);
		if (tail == 0)
			return feed(p, start, end);
		if (feed(p, start, tail) < 0)
			return -1;
	}
	if (p->tail_use.off || !at_value(p, key_end))
		return feed(p, tail, end);
	return parse_tail(p, tail, end);
}

/* The lines of the chunk, one by one while a memo pays, then the rest in
 * one go. */
static int
parse_lines(struct parser *p)
{
	size_t start = 0;

	while (start < p->len) {
		const char *nl;
		size_t end;

		if (p->head_use.off && p->tail_use.off)
			return feed(p, start, p->len);
		nl = memchr(p->buf + start, '\n', p->len - start);
		end = nl != NULL ? (size_t)(nl - p->buf) + 1 : p->len;
		if (parse_line(p, start, end) < 0)
			return -1;
		start = end;
	}
	return 0;
}

/* Records the first problem with its place in the chunk. */
static void
report(struct parser *p, size_t offset)
{
	struct po_k6_chunk *c = p->out;
	char *what;

	if (offset > p->len)
		offset = p->len;
	/* yajl stops just past the bad token; a line cut short is reported
	 * at its end, before the newline that follows it. */
	c->error_line = line_at(p, offset, &c->error_col);
	if (p->why != NULL) {
		c->error = p->why;
		p->why = NULL;
		return;
	}
	what = po_scan_yajl_error(p->handle);
	c->error = po_xmalloc(strlen(what) + 16);
	sprintf(c->error, "invalid JSON: %s", what);
	free(what);
	if (strstr(c->error, "premature EOF") != NULL) {
		free(c->error);
		c->error = po_xstrdup("truncated line: the JSON object is cut "
		    "short");
	}
}

static bool
blank(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != ' ' && buf[i] != '\n' && buf[i] != '\r' &&
		    buf[i] != '\t')
			return false;
	return true;
}

static long
count_newlines(const char *buf, size_t len)
{
	const char *end = buf + len;
	long n = 0;

	while ((buf = memchr(buf, '\n', (size_t)(end - buf))) != NULL) {
		n++;
		buf++;
	}
	return n;
}

/* Lines, counting a last one without its newline. */
static long
count_lines(const char *buf, size_t len)
{
	return count_newlines(buf, len) + (len > 0 && buf[len - 1] != '\n');
}

static int
parse_chunk(struct po_k6_chunk *out, const char *buf, size_t len,
    const struct po_k6_plan *plan, bool whole_lines)
{
	struct parser p = { 0 };
	int ret = -1;

	memset(out, 0, sizeof(*out));
	p.plan = plan;
	p.out = out;
	p.buf = buf;
	p.len = len;
	p.handle = new_handle(&p);
	p.head_use.off = p.tail_use.off = whole_lines;
	if (blank(buf, len)) {
		/* yajl finds no value in blank lines and calls that a
		 * premature end; between k6's lines they are harmless. */
		out->nlines = count_lines(buf, len);
		ret = 0;
		goto out;
	}
	if (parse_lines(&p) < 0) {
		report(&p, consumed(&p));
		goto out;
	}
	if (yajl_complete_parse(p.handle) != yajl_status_ok) {
		size_t end = len;

		while (end > 0 && (buf[end - 1] == '\n' || buf[end - 1] == '\r'
		    || buf[end - 1] == ' '))
			end--;
		report(&p, end);
		goto out;
	}
	out->nlines = p.counted_lines + count_newlines(buf + p.counted_to,
	    len - p.counted_to) + (len > 0 && buf[len - 1] != '\n');
	ret = 0;
out:
	for (size_t i = 0; i < out->nmetrics; i++)
		free(p.names.subs[i]);
	free(p.names.subs);
	free(p.names.nsubs);
	free(p.names.slots);
	free(p.type_text.s);
	free(p.tagtext.s);
	free(p.tags);
	free(p.why);
	po_k6_memo_clear(&p.tails);
	po_k6_memo_clear(&p.heads);
	po_k6_events_clear(&p.rec);
	po_k6_events_clear(&p.hrec);
	yajl_free(p.handle);
	return ret;
}

/* A chunk in which the memo was used and something went wrong is parsed
 * again with every line whole, so that what is wrong, and where, is what
 * yajl says of the bytes as they are: a line handed to yajl in two parts
 * has a token that ends in the second, whose error yajl places a byte
 * further.  Bad input is rare and ends the run; the second pass costs
 * nothing that counts. */
int
po_k6_points_parse(struct po_k6_chunk *out, const char *buf, size_t len,
    const struct po_k6_plan *plan)
{
	int ret = parse_chunk(out, buf, len, plan, plan->whole_lines);

	if (ret < 0 && !plan->whole_lines) {
		po_k6_chunk_clear(out);
		ret = parse_chunk(out, buf, len, plan, true);
	}
	return ret;
}

void
po_k6_chunk_clear(struct po_k6_chunk *chunk)
{
	if (chunk == NULL)
		return;
	for (size_t i = 0; i < chunk->nmetrics; i++)
		free(chunk->metrics[i].name);
	free(chunk->metrics);
	for (size_t i = 0; i < chunk->ndefs; i++)
		po_k6_def_clear(&chunk->defs[i]);
	free(chunk->defs);
	free(chunk->entries);
	for (size_t i = 0; i < chunk->nscenarios; i++)
		free(chunk->scenarios[i]);
	free(chunk->scenarios);
	free(chunk->error);
	memset(chunk, 0, sizeof(*chunk));
}
