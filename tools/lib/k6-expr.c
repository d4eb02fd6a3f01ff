#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "k6-expr.h"
#include "msg.h"

/* The order matters: k6 splits at the first of these that occurs, so "<="
 * is tried before "<" and "===" before "==". */
static const struct op_token {
	const char *text;
	enum po_k6_op op;
} op_tokens[] = {
	{ "<=", PO_K6_LE }, { "<", PO_K6_LT }, { ">=", PO_K6_GE },
	{ ">", PO_K6_GT }, { "===", PO_K6_EQ }, { "==", PO_K6_EQ },
	{ "!=", PO_K6_NE }, { NULL, PO_K6_LT }
};

static size_t
digits(const char *s, size_t len, bool hex)
{
	size_t n = 0;

	while (n < len && (hex ? isxdigit((unsigned char)s[n]) :
	    isdigit((unsigned char)s[n])))
		n++;
	return n;
}

/* Checks the syntax Go accepts, which strtod would stretch: strtod skips
 * leading spaces, reads "0x10" without an exponent and "nan(...)", and Go
 * reads none of those. */
static bool
gofloat_syntax(const char *s, size_t len)
{
	size_t i = 0;
	size_t mant;
	bool hex = false;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if ((len - i == 3 && strncasecmp(s + i, "inf", 3) == 0) ||
	    (len - i == 8 && strncasecmp(s + i, "infinity", 8) == 0))
		return true;
	if (len == 3 && strncasecmp(s, "nan", 3) == 0)
		return true;
	if (len - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		hex = true;
		i += 2;
	}
	mant = digits(s + i, len - i, hex);
	i += mant;
	if (i < len && s[i] == '.') {
		size_t frac = digits(s + i + 1, len - i - 1, hex);

		i += 1 + frac;
		mant += frac;
	}
	if (mant == 0)
		return false;
	if (i < len && (hex ? (s[i] == 'p' || s[i] == 'P') :
	    (s[i] == 'e' || s[i] == 'E'))) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (digits(s + i, len - i, false) == 0)
			return false;
		i += digits(s + i, len - i, false);
	} else if (hex) {
		return false;   /* Go's hexadecimal floats need an exponent */
	}
	return i == len;
}

int
po_k6_parse_gofloat(double *out, const char *text, size_t len)
{
	char buf[128];
	char *end;
	double value;

	if (len == 0 || len >= sizeof(buf) || !gofloat_syntax(text, len))
		return -1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	errno = 0;
	value = strtod(buf, &end);
	if (end != buf + len)
		return -1;
	/* Go reports overflow but reads an underflow as zero or a subnormal
	 * without complaint; strtod flags both with ERANGE. */
	if (errno == ERANGE && isinf(value))
		return -1;
	*out = value;
	return 0;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && is_space(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_space((*s)[*len - 1]))
		(*len)--;
}

static const char *const agg_tokens[] = { "value", "count", "rate", "avg",
	"min", "med", "max", NULL };

/* The left-hand side.  A bare "p" is one of k6's tokens too: k6 accepts it
 * and evaluates it as p(0), the minimum. */
static int
parse_agg(struct po_k6_agg *out, const char *s, size_t len, char *why,
    size_t whylen)
{
	double pct;

	for (size_t i = 0; agg_tokens[i]; i++)
		if (strlen(agg_tokens[i]) == len &&
		    strncmp(s, agg_tokens[i], len) == 0) {
			char word[8];

			memcpy(word, s, len);
			word[len] = '\0';
			return po_k6_agg_parse(out, word);
		}
	if (len == 1 && s[0] == 'p') {
		out->kind = PO_K6_PCT;
		out->pct = 0;
		return 0;
	}
	if (len < 3 || strncmp(s, "p(", 2) != 0 || s[len - 1] != ')') {
		snprintf(why, whylen, "unknown aggregation method '%.*s' "
		    "(expected avg, min, med, max, p(N), count, rate or value)",
		    (int)len, s);
		return -1;
	}
	if (po_k6_parse_gofloat(&pct, s + 2, len - 3) < 0) {
		snprintf(why, whylen, "malformed percentile value '%.*s'",
		    (int)(len - 3), s + 2);
		return -1;
	}
	if (!(pct >= 0 && pct <= 100)) {
		snprintf(why, whylen, "percentile %.*s is not between 0 and "
		    "100 (k6 accepts it, then crashes at the end of the test)",
		    (int)(len - 3), s + 2);
		return -1;
	}
	out->kind = PO_K6_PCT;
	out->pct = pct;
	return 0;
}

int
po_k6_expr_parse(struct po_k6_expr *out, const char *source, char *why,
    size_t whylen)
{
	const struct op_token *tok;
	const char *at = NULL;
	const char *lhs = source;
	const char *rhs;
	size_t lhslen;
	size_t rhslen;

	memset(out, 0, sizeof(*out));
	for (tok = op_tokens; tok->text; tok++)
		if ((at = strstr(source, tok->text)) != NULL)
			break;
	if (at == NULL) {
		snprintf(why, whylen, "malformed threshold expression: no "
		    "operator (one of < <= > >= == === !=)");
		return -1;
	}
	lhslen = (size_t)(at - source);
	rhs = at + strlen(tok->text);
	rhslen = strlen(rhs);
	trim(&lhs, &lhslen);
	trim(&rhs, &rhslen);
	if (parse_agg(&out->agg, lhs, lhslen, why, whylen) < 0)
		return -1;
	if (po_k6_parse_gofloat(&out->limit, rhs, rhslen) < 0) {
		snprintf(why, whylen, "right-hand side '%.*s' is not a number "
		    "that fits a double", (int)rhslen, rhs);
		return -1;
	}
	if (!isfinite(out->limit)) {
		snprintf(why, whylen, "limit '%.*s' is not a finite number "
		    "(k6 accepts it; po needs a limit it can write as JSON)",
		    (int)rhslen, rhs);
		return -1;
	}
	out->op = tok->op;
	out->op_text = po_xstrdup(tok->text);
	out->source = po_xstrdup(source);
	return 0;
}

bool
po_k6_expr_holds(const struct po_k6_expr *expr, double value)
{
	switch (expr->op) {
	case PO_K6_LT:
		return value < expr->limit;
	case PO_K6_LE:
		return value <= expr->limit;
	case PO_K6_GT:
		return value > expr->limit;
	case PO_K6_GE:
		return value >= expr->limit;
	case PO_K6_EQ:
		return value == expr->limit;
	default:
		return value != expr->limit;
	}
}

const char *
po_k6_op_name(enum po_k6_op op)
{
	static const char *const names[] = { "<", "<=", ">", ">=", "==",
		"!=" };

	return names[op];
}

void
po_k6_expr_clear(struct po_k6_expr *expr)
{
	if (expr == NULL)
		return;
	free(expr->source);
	free(expr->op_text);
	memset(expr, 0, sizeof(*expr));
}
