#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "k6-sink.h"
#include "msg.h"

void
po_k6_sink_add(struct po_k6_sink *sink, enum po_k6_type type, double value)
{
	if (sink->count == 0) {
		sink->min = value;
		/* k6's Gauge starts its max at 0 instead of the first sample. */
		sink->max = type == PO_K6_GAUGE && value < 0 ? 0 : value;
	} else {
		if (value < sink->min)
			sink->min = value;
		if (value > sink->max)
			sink->max = value;
	}
	sink->count++;
	sink->nonzero += value != 0;
	sink->sum += value;
	sink->last = value;
	if (sink->keep == PO_K6_KEEP_EXACT)
		po_k6_values_add(&sink->values, value);
	else if (sink->keep == PO_K6_KEEP_APPROX)
		po_k6_sketch_add(&sink->sketch, value);
}

/* The value of `rank` among the kept values.  Returns -1 when no values
 * were kept. */
static int
rank_value(double *out, struct po_k6_sink *sink,
    struct po_k6_sink *const *parts, size_t nparts, uint64_t rank)
{
	struct po_k6_values **stores;
	struct po_k6_sketch merged = { 0 };
	size_t nstores = 0;
	enum po_k6_keep keep = sink->keep;

	if (keep != PO_K6_KEEP_NONE) {
		parts = &sink;
		nparts = 1;
	}
	for (size_t i = 0; keep == PO_K6_KEEP_NONE && i < nparts; i++)
		if (parts[i] != NULL)
			keep = parts[i]->keep;
	if (keep == PO_K6_KEEP_NONE)
		return -1;
	if (keep == PO_K6_KEEP_APPROX) {
		for (size_t i = 0; i < nparts; i++)
			if (parts[i] != NULL)
				po_k6_sketch_merge(&merged, &parts[i]->sketch);
		*out = po_k6_sketch_rank(&merged, rank, sink->min, sink->max);
		po_k6_sketch_clear(&merged);
		return 0;
	}
	stores = po_xcalloc(nparts, sizeof(*stores));
	for (size_t i = 0; i < nparts; i++)
		if (parts[i] != NULL && parts[i]->values.n > 0)
			stores[nstores++] = &parts[i]->values;
	*out = po_k6_values_rank(stores, nstores, rank, sink->min, sink->max);
	free(stores);
	return 0;
}

/* k6's TrendSink.P: the real index q * (n - 1) with q = pct / 100 formed
 * in float64 (99.9 / 100 is 0.9990000000000001, not 0.999), and the
 * interpolation written lo + (hi - lo) * f, which rounds differently from
 * the equal lo * (1 - f) + hi * f. */
static enum po_k6_got
percentile(double *out, struct po_k6_sink *sink,
    struct po_k6_sink *const *parts, size_t nparts, double pct)
{
	double q = pct / 100;
	double i;
	double fl;
	double lo;
	double hi;

	if (sink->count == 0) {
		*out = 0;
		return PO_K6_GOT_VALUE;
	}
	if (sink->count == 1) {
		*out = sink->last;
		return PO_K6_GOT_VALUE;
	}
	i = q * ((double)sink->count - 1.0);
	fl = floor(i);
	if (rank_value(&lo, sink, parts, nparts, (uint64_t)fl) < 0)
		return PO_K6_GOT_UNKEPT;
	if (ceil(i) == fl)
		hi = lo;
	else
		rank_value(&hi, sink, parts, nparts, (uint64_t)ceil(i));
	*out = lo + (hi - lo) * (i - fl);
	return PO_K6_GOT_VALUE;
}

enum po_k6_got
po_k6_sink_get(double *out, struct po_k6_sink *sink,
    struct po_k6_sink *const *parts, size_t nparts, enum po_k6_type type,
    const struct po_k6_agg *agg, int64_t duration_ns)
{
	bool empty = sink->count == 0;

	switch (agg->kind) {
	case PO_K6_AVG:
		*out = empty ? 0 : sink->sum / (double)sink->count;
		break;
	case PO_K6_MIN:
		*out = empty ? 0 : sink->min;
		break;
	case PO_K6_MAX:
		*out = empty ? 0 : sink->max;
		break;
	case PO_K6_MED:
		return percentile(out, sink, parts, nparts, 50);
	case PO_K6_PCT:
		return percentile(out, sink, parts, nparts, agg->pct);
	case PO_K6_COUNT:
		*out = type == PO_K6_COUNTER ? sink->sum : (double)sink->count;
		break;
	case PO_K6_RATE_AGG:
		if (type == PO_K6_RATE) {
			if (empty)
				return PO_K6_GOT_NONE;
			*out = (double)sink->nonzero / (double)sink->count;
		} else {
			if (duration_ns <= 0)
				return PO_K6_GOT_NONE;
			*out = sink->sum / ((double)duration_ns / 1e9);
		}
		break;
	case PO_K6_VALUE:
		*out = empty ? 0 : sink->last;
		break;
	case PO_K6_PASSES:
		*out = (double)sink->nonzero;
		break;
	case PO_K6_FAILS:
		*out = (double)(sink->count - sink->nonzero);
		break;
	}
	return PO_K6_GOT_VALUE;
}

void
po_k6_sink_clear(struct po_k6_sink *sink)
{
	if (sink == NULL)
		return;
	po_k6_values_clear(&sink->values);
	po_k6_sketch_clear(&sink->sketch);
	memset(sink, 0, sizeof(*sink));
}
