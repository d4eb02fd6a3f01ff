/* Threshold expressions in k6's grammar: "AGG OP NUMBER", e.g. "p(95)<200",
 * "rate < 0.01", "count>=100", "value===7".
 *
 * k6 finds the operator by trying <=, <, >=, >, ===, ==, != in that order
 * and splitting at the first one present; both sides are trimmed; the left
 * is one of avg min med max count rate value or p(N), and the numbers are
 * read as Go's strconv.ParseFloat reads them. */
#ifndef PO_K6_EXPR_H
#define PO_K6_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "k6-metric.h"

enum po_k6_op {
	PO_K6_LT,
	PO_K6_LE,
	PO_K6_GT,
	PO_K6_GE,
	PO_K6_EQ,               /* == and ===, which k6 treats alike */
	PO_K6_NE
};

struct po_k6_expr {
	struct po_k6_agg agg;
	enum po_k6_op op;
	double limit;
	char *source;           /* the expression as written */
	char *op_text;          /* the operator as written: "===" stays */
};

/* Parses `source`.  Returns 0, or -1 with the reason in `why` for an
 * expression k6 rejects, and for the few it accepts but cannot evaluate:
 * a percentile outside 0 to 100 or NaN (k6 crashes on them at the end of
 * the test) and a limit that is not a finite number (po's checks carry
 * the limit as a JSON number).  The caller owns *out. */
int po_k6_expr_parse(struct po_k6_expr *out, const char *source, char *why,
    size_t whylen);

/* Whether `value` satisfies the expression, compared as float64. */
bool po_k6_expr_holds(const struct po_k6_expr *expr, double value);

/* The po check operator: "<", "<=", ">", ">=", "==" or "!=". */
const char *po_k6_op_name(enum po_k6_op op);

/* Parses `text` (`len` bytes) as Go's strconv.ParseFloat(text, 64) does:
 * decimal or hexadecimal (with a p exponent) notation, Inf, Infinity and
 * NaN in any case, no spaces.  Returns 0, or -1 when Go would return an
 * error (bad syntax, or too large for a double). */
int po_k6_parse_gofloat(double *out, const char *text, size_t len);

void po_k6_expr_clear(struct po_k6_expr *expr);

#endif
