#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "stats.h"

static int
compare_double(const void *a, const void *b)
{
	double x = *(const double *)a;
	double y = *(const double *)b;

	return (x > y) - (x < y);
}

void
po_stats_sort(double *values, size_t n)
{
	qsort(values, n, sizeof(*values), compare_double);
}

double
po_stats_median(const double *sorted, size_t n)
{
	if (n % 2 == 1)
		return sorted[n / 2];
	return (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

double
po_stats_percentile(const double *sorted, size_t n, double p)
{
	double rank = p / 100 * (double)(n - 1);
	size_t lower = (size_t)floor(rank);
	double fraction = rank - (double)lower;

	if (lower + 1 >= n)
		return sorted[n - 1];
	return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower]);
}

double
po_stats_mean(const double *values, size_t n)
{
	double sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += values[i];
	return sum / (double)n;
}
