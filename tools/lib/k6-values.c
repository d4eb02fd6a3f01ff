#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "k6-values.h"
#include "msg.h"
#include "stats.h"

void
po_k6_values_add(struct po_k6_values *values, double value)
{
	size_t slot = (size_t)(values->n % PO_K6_VALUES_BLOCK);

	if (slot == 0) {
		if (values->nblocks == values->cap) {
			values->cap = values->cap ? values->cap * 2 : 8;
			values->blocks = po_xrealloc(values->blocks,
			    values->cap * sizeof(*values->blocks));
		}
		values->blocks[values->nblocks++] =
		    po_xmalloc(PO_K6_VALUES_BLOCK * sizeof(double));
	}
	values->blocks[values->nblocks - 1][slot] = value;
	values->n++;
	values->sorted = 0;
}

static size_t
block_len(const struct po_k6_values *values, size_t b)
{
	if (b + 1 < values->nblocks || values->n % PO_K6_VALUES_BLOCK == 0)
		return PO_K6_VALUES_BLOCK;
	return (size_t)(values->n % PO_K6_VALUES_BLOCK);
}

static void
sort_blocks(struct po_k6_values *values)
{
	if (values->sorted)
		return;
	for (size_t b = 0; b < values->nblocks; b++)
		po_stats_sort(values->blocks[b], block_len(values, b));
	values->sorted = 1;
}

/* How many values of a sorted block are <= x. */
static size_t
count_le(const double *block, size_t len, double x)
{
	size_t lo = 0;
	size_t hi = len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (block[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Doubles mapped to integers in the same order, so that the search below
 * can bisect the values between the smallest and the largest exactly,
 * one representable double at a time if it must. */
static uint64_t
order_key(double x)
{
	uint64_t bits;

	memcpy(&bits, &x, sizeof(bits));
	return (bits >> 63) ? ~bits : bits | (UINT64_C(1) << 63);
}

static double
from_key(uint64_t key)
{
	uint64_t bits = (key >> 63) ? key & ~(UINT64_C(1) << 63) : ~key;
	double x;

	memcpy(&x, &bits, sizeof(x));
	return x;
}

double
po_k6_values_rank(struct po_k6_values *const *stores, size_t nstores,
    uint64_t rank, double lo, double hi)
{
	uint64_t lo_key = order_key(lo);
	uint64_t hi_key = order_key(hi);

	for (size_t s = 0; s < nstores; s++)
		sort_blocks(stores[s]);
	/* The smallest x with more than `rank` values <= x is the value of
	 * that rank.  Between two finite doubles every key is a finite
	 * double, so the search never meets a NaN. */
	while (lo_key < hi_key) {
		uint64_t mid = lo_key + (hi_key - lo_key) / 2;
		double x = from_key(mid);
		uint64_t n = 0;

		for (size_t s = 0; s < nstores; s++)
			for (size_t b = 0; b < stores[s]->nblocks; b++)
				n += count_le(stores[s]->blocks[b],
				    block_len(stores[s], b), x);
		if (n > rank)
			hi_key = mid;
		else
			lo_key = mid + 1;
	}
	return from_key(lo_key);
}

size_t
po_k6_values_bytes(const struct po_k6_values *values)
{
	return values->nblocks * PO_K6_VALUES_BLOCK * sizeof(double) +
	    values->cap * sizeof(*values->blocks);
}

void
po_k6_values_clear(struct po_k6_values *values)
{
	if (values == NULL)
		return;
	for (size_t b = 0; b < values->nblocks; b++)
		free(values->blocks[b]);
	free(values->blocks);
	memset(values, 0, sizeof(*values));
}
