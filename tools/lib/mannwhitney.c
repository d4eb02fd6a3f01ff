#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mannwhitney.h"
#include "msg.h"

struct ranked {
	double value;
	bool is_y;
};

static int
by_value(const void *a, const void *b)
{
	double x = ((const struct ranked *)a)->value;
	double y = ((const struct ranked *)b)->value;

	return (x > y) - (x < y);
}

/* Ranks the pooled values, giving tied values the mean of their ranks.
 * Returns the sum of the ranks of y; *tie_term gets the sum of t^3 - t
 * over the groups of t tied values, which shrinks the variance of U. */
static double
rank_sum_of_y(double *tie_term, const double *x, size_t nx, const double *y,
    size_t ny)
{
	size_t n = nx + ny;
	struct ranked *pool = po_xmalloc(n * sizeof(*pool));
	double sum = 0;

	for (size_t i = 0; i < nx; i++)
		pool[i] = (struct ranked){ x[i], false };
	for (size_t j = 0; j < ny; j++)
		pool[nx + j] = (struct ranked){ y[j], true };
	qsort(pool, n, sizeof(*pool), by_value);
	*tie_term = 0;
	for (size_t i = 0; i < n;) {
		size_t k = i;
		double t, mean_rank;

		while (k < n && pool[k].value == pool[i].value)
			k++;
		/* Ranks i + 1 to k, 1-based. */
		mean_rank = ((double)(i + 1) + (double)k) / 2;
		t = (double)(k - i);
		*tie_term += t * t * t - t;
		for (; i < k; i++)
			if (pool[i].is_y)
				sum += mean_rank;
	}
	free(pool);
	return sum;
}

/* The exact upper tail P(U >= u) for nx and ny values without ties.
 * counts[i] holds, for i x values and the j y values so far, how many
 * orderings give each U from 0 to nx * ny: the largest value is either an
 * x (U unchanged) or a y (which beats all i x values).  The counts are
 * whole numbers below C(40, 20) < 2^53, so doubles hold them exactly. */
static double
exact_upper_tail(double *min_p, size_t nx, size_t ny, double u)
{
	size_t width = nx * ny + 1;
	double *counts = po_xcalloc((nx + 1) * width, sizeof(double));
	double *prev = po_xcalloc(width, sizeof(double));
	double *row, total = 0, tail = 0;

	for (size_t i = 0; i <= nx; i++)
		counts[i * width] = 1;  /* no y values yet: U is 0 */
	for (size_t j = 1; j <= ny; j++)
		for (size_t i = 0; i <= nx; i++) {
			row = counts + i * width;
			memcpy(prev, row, width * sizeof(double));
			memset(row, 0, width * sizeof(double));
			for (size_t k = 0; k + i < width; k++)
				row[k + i] = prev[k];
			if (i > 0)
				for (size_t k = 0; k < width; k++)
					row[k] += counts[(i - 1) * width + k];
		}
	row = counts + nx * width;
	for (size_t k = 0; k < width; k++) {
		total += row[k];
		if ((double)k >= u)
			tail += row[k];
	}
	*min_p = row[width - 1] / total;
	free(prev);
	free(counts);
	return tail / total;
}

/* The normal approximation's upper tail for U, with the continuity
 * correction; 1 when the variance is 0 (every value is the same). */
static double
normal_upper_tail(double u, double nx, double ny, double tie_term)
{
	double n = nx + ny;
	double variance = nx * ny / 12 *
	    ((n + 1) - tie_term / (n * (n - 1)));
	double z;

	if (!(variance > 0))
		return 1;
	z = (u - nx * ny / 2 - 0.5) / sqrt(variance);
	return fmin(1, fmax(0, 0.5 * erfc(z / sqrt(2))));
}

int
po_mwu_greater(struct po_mwu *out, const double *x, size_t nx,
    const double *y, size_t ny)
{
	double tie_term, u;

	if (nx == 0 || ny == 0)
		return -1;
	u = rank_sum_of_y(&tie_term, x, nx, y, ny) -
	    (double)ny * ((double)ny + 1) / 2;
	out->u = u;
	out->exact = tie_term == 0 && nx <= PO_MWU_EXACT_MAX &&
	    ny <= PO_MWU_EXACT_MAX;
	if (out->exact) {
		out->p_value = exact_upper_tail(&out->min_p_value, nx, ny, u);
	} else {
		out->p_value = normal_upper_tail(u, (double)nx, (double)ny,
		    tie_term);
		out->min_p_value = normal_upper_tail((double)nx * (double)ny,
		    (double)nx, (double)ny, tie_term);
	}
	return 0;
}
