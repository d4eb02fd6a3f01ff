/* The Mann-Whitney U test (Wilcoxon rank-sum test): whether the values of
 * one sample tend to be larger than those of another, without assuming
 * how they are distributed.  po uses it to tell a regression from the run
 * to run noise of repeated measurements (see po-budget(5)). */
#ifndef PO_MANNWHITNEY_H
#define PO_MANNWHITNEY_H

#include <stdbool.h>
#include <stddef.h>

/* Above this many values on either side, or with ties, the p-value comes
 * from the normal approximation instead of the exact distribution. */
#define PO_MWU_EXACT_MAX 20

struct po_mwu {
	double u;               /* U of y: pairs (x, y) with y > x, ties 1/2 */
	double p_value;         /* one-sided: P(U >= u) if y were like x */
	bool exact;             /* the exact distribution, not the normal one */
	double min_p_value;     /* the smallest p-value these sizes can give */
};

/* Tests whether `y` tends to be larger than `x` (one-sided): *out gets U
 * and its p-value.  With no ties and at most PO_MWU_EXACT_MAX values on
 * each side, the p-value is exact; otherwise it is the normal
 * approximation with the tie correction of the variance and a continuity
 * correction of 1/2, as scipy.stats.mannwhitneyu computes it.  When every
 * value is the same, the p-value is 1.  Both samples need at least one
 * value, and no value may be NaN.  Returns 0, or -1 when a sample is
 * empty. */
int po_mwu_greater(struct po_mwu *out, const double *x, size_t nx,
    const double *y, size_t ny);

#endif
