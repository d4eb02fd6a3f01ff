/* The --approx percentile store: a mergeable log-bucketed histogram in
 * the manner of DDSketch, with constant memory whatever the number of
 * values.
 *
 * A positive value x goes to bucket i = ceil(log(x) / log(g)), where
 * g = (1 + a) / (1 - a), and a bucket reads back as 2 g^i / (g + 1): within
 * a relative error of a of every value in it.  With a = 0.09 %, the stated
 * bound of 0.1 % holds with room for the rounding of log().  Negative values
 * use a mirrored set of buckets and zero its own count.  Two sketches merge
 * by adding their counts, exactly, whichever order the values came in.
 *
 * Each sign keeps at most PO_K6_SKETCH_BUCKETS buckets (a range of values
 * of about 1 to 10^12); beyond that the buckets nearest zero are folded
 * together, which costs accuracy only for the smallest values. */
#ifndef PO_K6_SKETCH_H
#define PO_K6_SKETCH_H

#include <stddef.h>
#include <stdint.h>

#define PO_K6_SKETCH_ALPHA 0.0009
#define PO_K6_SKETCH_BUCKETS 16384

struct po_k6_buckets {
	uint64_t *counts;
	int32_t first;          /* index of counts[0] */
	uint32_t len;
};

struct po_k6_sketch {
	struct po_k6_buckets pos;
	struct po_k6_buckets neg;       /* of -x, for x < 0 */
	uint64_t zeros;
	uint64_t n;
};

void po_k6_sketch_add(struct po_k6_sketch *sketch, double value);

/* Adds every count of `from` to `into`. */
void po_k6_sketch_merge(struct po_k6_sketch *into,
    const struct po_k6_sketch *from);

/* The approximate value of rank `rank` (0 = the smallest), kept within the
 * exact smallest and largest values `lo` and `hi`. */
double po_k6_sketch_rank(const struct po_k6_sketch *sketch, uint64_t rank,
    double lo, double hi);

void po_k6_sketch_clear(struct po_k6_sketch *sketch);

#endif
