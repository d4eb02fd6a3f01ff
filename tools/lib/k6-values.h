/* The exact percentile store: every value of a Trend kept as a double in
 * fixed blocks, so that memory is 8 bytes a value plus at most one partly
 * filled block, with no reallocation doubling the peak.  k6's percentile
 * needs two order statistics of the sorted values; they are found by
 * sorting each block and searching across the blocks, without ever making
 * one sorted copy of them all. */
#ifndef PO_K6_VALUES_H
#define PO_K6_VALUES_H

#include <stddef.h>
#include <stdint.h>

#define PO_K6_VALUES_BLOCK 4096

struct po_k6_values {
	double **blocks;
	size_t nblocks;
	size_t cap;             /* room in blocks[] */
	uint64_t n;
	int sorted;             /* every block is sorted */
};

void po_k6_values_add(struct po_k6_values *values, double value);

/* The value of rank `rank` (0 = the smallest) among all values of the
 * `nstores` stores taken together, which must hold more than `rank`
 * values between them.  `lo` and `hi` are the smallest and largest of
 * them.  Sorts the blocks the first time. */
double po_k6_values_rank(struct po_k6_values *const *stores, size_t nstores,
    uint64_t rank, double lo, double hi);

/* The bytes held, for the memory report of --verbose runs and tests. */
size_t po_k6_values_bytes(const struct po_k6_values *values);

void po_k6_values_clear(struct po_k6_values *values);

#endif
