/* Aggregates over the values of repeated runs. */
#ifndef PO_STATS_H
#define PO_STATS_H

#include <stddef.h>

/* Sorts `values` in place, ascending (NaN is not allowed). */
void po_stats_sort(double *values, size_t n);

/* The median of sorted `values` (the mean of the two middle ones for an
 * even count, as Lighthouse CI computes it).  `n` must be at least 1. */
double po_stats_median(const double *sorted, size_t n);

/* The p-th percentile (0 to 100) of sorted `values`, interpolating linearly
 * between the two nearest ranks: rank p/100 * (n - 1). */
double po_stats_percentile(const double *sorted, size_t n, double p);

double po_stats_mean(const double *values, size_t n);

#endif
