#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "k6-sketch.h"
#include "msg.h"

static double
gamma_log(void)
{
	static double lg;

	if (lg == 0)
		lg = log((1 + PO_K6_SKETCH_ALPHA) / (1 - PO_K6_SKETCH_ALPHA));
	return lg;
}

static int32_t
bucket_of(double magnitude)
{
	return (int32_t)ceil(log(magnitude) / gamma_log());
}

static double
bucket_value(int32_t index)
{
	double g = (1 + PO_K6_SKETCH_ALPHA) / (1 - PO_K6_SKETCH_ALPHA);

	return 2 * exp(index * gamma_log()) / (g + 1);
}

/* Makes room for bucket `index`, folding the buckets nearest zero into one
 * when the range would pass the cap.  Returns the slot for `index`. */
static uint64_t *
slot(struct po_k6_buckets *b, int32_t index)
{
	int64_t first = b->len ? b->first : index;
	int64_t end = b->len ? (int64_t)b->first + b->len : index + 1;
	int64_t want_first = index < first ? index : first;
	int64_t want_end = index + 1 > end ? index + 1 : end;
	uint64_t *counts;

	if (b->len > 0 && index >= first && index < end)
		return &b->counts[index - first];
	if (want_end - want_first > PO_K6_SKETCH_BUCKETS)
		want_first = want_end - PO_K6_SKETCH_BUCKETS;
	counts = po_xcalloc((size_t)(want_end - want_first), sizeof(*counts));
	for (uint32_t i = 0; i < b->len; i++) {
		int64_t at = first + i;

		if (at < want_first)
			at = want_first;
		counts[at - want_first] += b->counts[i];
	}
	free(b->counts);
	b->counts = counts;
	b->first = (int32_t)want_first;
	b->len = (uint32_t)(want_end - want_first);
	if (index < want_first)
		index = (int32_t)want_first;
	return &b->counts[index - want_first];
}

/* Grows in steps of a sixteenth of the cap rather than one bucket at a
 * time, so that a spreading distribution does not copy its counts on
 * every new bucket. */
static void
reserve(struct po_k6_buckets *b, int32_t index)
{
	const int32_t step = PO_K6_SKETCH_BUCKETS / 16;

	if (b->len == 0 || (index >= b->first &&
	    index < (int64_t)b->first + b->len))
		return;
	if (index < b->first)
		slot(b, index - step);
	else
		slot(b, index + step);
}

static void
add_count(struct po_k6_buckets *b, int32_t index, uint64_t count)
{
	reserve(b, index);
	*slot(b, index) += count;
}

void
po_k6_sketch_add(struct po_k6_sketch *sketch, double value)
{
	sketch->n++;
	if (value > 0)
		add_count(&sketch->pos, bucket_of(value), 1);
	else if (value < 0)
		add_count(&sketch->neg, bucket_of(-value), 1);
	else
		sketch->zeros++;
}

void
po_k6_sketch_merge(struct po_k6_sketch *into, const struct po_k6_sketch *from)
{
	for (uint32_t i = 0; i < from->pos.len; i++)
		if (from->pos.counts[i])
			add_count(&into->pos, from->pos.first + (int32_t)i,
			    from->pos.counts[i]);
	for (uint32_t i = 0; i < from->neg.len; i++)
		if (from->neg.counts[i])
			add_count(&into->neg, from->neg.first + (int32_t)i,
			    from->neg.counts[i]);
	into->zeros += from->zeros;
	into->n += from->n;
}

static double
clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

double
po_k6_sketch_rank(const struct po_k6_sketch *sketch, uint64_t rank,
    double lo, double hi)
{
	uint64_t seen = 0;

	for (uint32_t i = sketch->neg.len; i-- > 0;) {
		seen += sketch->neg.counts[i];
		if (seen > rank)
			return clamp(-bucket_value(sketch->neg.first +
			    (int32_t)i), lo, hi);
	}
	seen += sketch->zeros;
	if (seen > rank)
		return clamp(0, lo, hi);
	for (uint32_t i = 0; i < sketch->pos.len; i++) {
		seen += sketch->pos.counts[i];
		if (seen > rank)
			return clamp(bucket_value(sketch->pos.first +
			    (int32_t)i), lo, hi);
	}
	return hi;
}

void
po_k6_sketch_clear(struct po_k6_sketch *sketch)
{
	if (sketch == NULL)
		return;
	free(sketch->pos.counts);
	free(sketch->neg.counts);
	memset(sketch, 0, sizeof(*sketch));
}
