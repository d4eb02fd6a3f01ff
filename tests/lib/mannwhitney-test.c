/* Unit tests of the Mann-Whitney U test (tools/lib/mannwhitney.c), as TAP.
 *
 * Every expected value was worked out outside po, not by the code under
 * test: the exact tails by enumerating every way of dealing the pooled
 * ranks to the two samples (C(n, ny) of them) and counting those whose U
 * is at least the observed one; the normal approximations from the formula
 * of scipy.stats.mannwhitneyu (method="asymptotic", continuity correction,
 * tie-corrected variance) evaluated by hand with Python's math.erfc.  The
 * published values they agree with are named at each case. */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "lib/mannwhitney.h"
#include "tap.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Checks U, the method and the p-value to a relative 1e-9 (the exact
 * tails are ratios of whole numbers; the approximations are compared with
 * the same formula computed in double precision elsewhere). */
static void
expect(const char *what, const double *x, size_t nx, const double *y,
    size_t ny, double u, int exact, double p)
{
	struct po_mwu r;
	char line[256];

	if (po_mwu_greater(&r, x, nx, y, ny) < 0) {
		tap_ok(0, what);
		return;
	}
	snprintf(line, sizeof(line), "%s: U = %g, %s, p = %.10g", what, u,
	    exact ? "exact" : "normal", p);
	tap_ok(r.u == u && r.exact == exact &&
	    fabs(r.p_value - p) <= 1e-9 * p, line);
	if (r.u != u || r.exact != exact || fabs(r.p_value - p) > 1e-9 * p)
		printf("# got U = %g, %s, p = %.17g\n", r.u,
		    r.exact ? "exact" : "normal", r.p_value);
}

int
main(void)
{
	static const double one2three[] = { 1, 2, 3 };
	static const double four2six[] = { 4, 5, 6 };
	static const double x4[] = { 1, 2, 3, 4 };
	static const double y4_u16[] = { 5, 6, 7, 8 };
	static const double y4_u15[] = { 3.5, 6, 7, 8 };
	static const double y4_u14[] = { 2.5, 6, 7, 8 };
	static const double y4_u13[] = { 1.5, 6, 7, 8 };
	static const double y4_u13b[] = { 2.5, 3.5, 6, 7 };
	static const double y4_u12[] = { 0.5, 6, 7, 8 };
	static const double males[] = { 19, 22, 16, 29, 24 };
	static const double females[] = { 20, 11, 17, 12 };
	static const double tx[] = { 1, 2, 2, 3, 4 };
	static const double ty[] = { 2, 3, 3, 5, 6, 7 };
	static const double flat_base[] = { 100, 100, 100 };
	static const double flat_cur[] = { 200, 200, 200 };
	static const double same[] = { 5, 5, 5, 5 };
	double big_x[25], big_y[25];
	struct po_mwu r;

	/* Three against three, every current run above every baseline run:
	 * 1 ordering of C(6, 3) = 20, the smallest p-value 3 + 3 runs can
	 * give. */
	expect("3 v 3 separated", one2three, 3, four2six, 3, 9, 1, 0.05);
	po_mwu_greater(&r, one2three, 3, four2six, 3);
	tap_ok(r.min_p_value == 0.05, "3 v 3: smallest attainable p is 1/20");
	expect("3 v 3 reversed", four2six, 3, one2three, 3, 0, 1, 1);

	/* Mann and Whitney (1947), Table I, n = m = 4: P(U <= k) is .014,
	 * .029, .057, .100 and .171 for k = 0 to 4, which is P(U >= 16 - k)
	 * for the U of the other sample: 1, 2, 4, 7 and 12 of 70. */
	expect("4 v 4, U = 16 (table: .014)", x4, 4, y4_u16, 4, 16, 1, 1.0 / 70);
	expect("4 v 4, U = 15 (table: .029)", x4, 4, y4_u15, 4, 15, 1, 2.0 / 70);
	expect("4 v 4, U = 14 (table: .057)", x4, 4, y4_u14, 4, 14, 1, 4.0 / 70);
	expect("4 v 4, U = 13 (table: .100)", x4, 4, y4_u13, 4, 13, 1, 7.0 / 70);
	expect("4 v 4, U = 13 another way", x4, 4, y4_u13b, 4, 13, 1, 7.0 / 70);
	expect("4 v 4, U = 12 (table: .171)", x4, 4, y4_u12, 4, 12, 1,
	    12.0 / 70);

	/* The example of scipy.stats.mannwhitneyu's documentation: U1 = 17
	 * and an exact two-sided p of 0.1111 (14/126); one-sided, half. */
	expect("scipy's males v females", females, 4, males, 5, 17, 1,
	    7.0 / 126);
	expect("scipy's females v males", males, 5, females, 4, 3, 1,
	    122.0 / 126);

	/* Ties: the normal approximation with the tie-corrected variance
	 * (two groups of 2 and one of 3: sum t^3 - t = 36). */
	expect("ties, 5 v 6", tx, 5, ty, 6, 24, 0, 0.056951572294265326);
	/* A deterministic size regression: three equal runs a side. */
	expect("equal runs, 100 v 200", flat_base, 3, flat_cur, 3, 9, 0,
	    0.023427088801936887);
	/* Every value equal: no evidence either way. */
	expect("all the same", same, 4, same, 4, 8, 0, 1);

	/* Over 20 runs a side: the normal approximation, no ties. */
	for (int i = 0; i < 25; i++) {
		big_x[i] = i;
		big_y[i] = i + 7.5;
	}
	expect("25 v 25 shifted by 7.5", big_x, 25, big_y, 25, 472, 0,
	    0.0010175789036391916);

	/* The largest exact case, 20 runs a side, all apart: one ordering of
	 * C(40, 20) = 137846528820, which doubles still count exactly. */
	for (int i = 0; i < 20; i++) {
		big_x[i] = i;
		big_y[i] = i + 20;
	}
	expect("20 v 20 separated", big_x, 20, big_y, 20, 400, 1,
	    1.0 / 137846528820.0);

	/* One run a side: U is 0 or 1 of 2 orderings. */
	expect("1 v 1", one2three, 1, four2six, 1, 1, 1, 0.5);
	tap_ok(po_mwu_greater(&r, one2three, 0, four2six, 3) < 0,
	    "an empty sample is refused");

	return tap_done();
}
