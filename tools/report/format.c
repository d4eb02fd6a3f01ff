#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "lib/num.h"
#include "sparkline.h"

/* Room for a number without its unit: at most 15 digits, a sign, a point
 * and two decimals, or "%.3g". */
#define NUM_SIZE 32

/* Writes `value` with at most `decimals` decimals and no trailing zeros. */
static void
trimmed(char *buf, double value, int decimals)
{
	char *end;

	/* Beyond 15 digits a number is noise in a report, and would not fit. */
	if (fabs(value) >= 1e15) {
		snprintf(buf, NUM_SIZE, "%.3g", value);
		return;
	}
	snprintf(buf, NUM_SIZE, "%.*f", decimals, value);
	if (strchr(buf, '.') != NULL) {
		end = buf + strlen(buf);
		while (end[-1] == '0')
			*--end = '\0';
		if (end[-1] == '.')
			end[-1] = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
}

/* Three significant digits, or all the integer digits when there are
 * more: 9.62, 32.3, 170, 12345. */
static void
significant(char *buf, double value)
{
	double a = fabs(value);

	trimmed(buf, value, a < 10 ? 2 : a < 100 ? 1 : 0);
}

/* A number with no unit: whole numbers in full, fractions to three
 * significant digits (a CLS of 0.1840544 reads 0.184). */
static void
plain(char *buf, double value)
{
	double a = fabs(value);

	if (value == trunc(value))
		trimmed(buf, value, 0);
	else if (a >= 1)
		significant(buf, value);
	else
		snprintf(buf, NUM_SIZE, "%.3g", value);
}

static int
unit_is(const char *unit, const char *name)
{
	return unit != NULL && strcmp(unit, name) == 0;
}

char *
po_format_value(char *buf, double value, const char *unit)
{
	char num[NUM_SIZE];
	double a = fabs(value);

	if (unit_is(unit, "ms")) {
		if (a < 1000) {
			trimmed(num, value, a < 10 ? 1 : 0);
			snprintf(buf, PO_FORMAT_SIZE, "%s ms", num);
		} else {
			significant(num, value / 1000);
			snprintf(buf, PO_FORMAT_SIZE, "%s s", num);
		}
	} else if (unit_is(unit, "bytes")) {
		static const char *const names[] = { "KiB", "MiB", "GiB" };
		int i = -1;

		while (i < 2 && a >= 1024) {
			a /= 1024;
			value /= 1024;
			i++;
		}
		if (i < 0) {
			trimmed(num, value, 0);
			snprintf(buf, PO_FORMAT_SIZE, "%s B", num);
		} else {
			significant(num, value);
			snprintf(buf, PO_FORMAT_SIZE, "%s %s", num, names[i]);
		}
	} else if (unit_is(unit, "ratio")) {
		plain(num, value * 100);
		snprintf(buf, PO_FORMAT_SIZE, "%s%%", num);
	} else if (unit_is(unit, "rps")) {
		plain(num, value);
		snprintf(buf, PO_FORMAT_SIZE, "%s req/s", num);
	} else if (unit_is(unit, "per_second")) {
		plain(num, value);
		snprintf(buf, PO_FORMAT_SIZE, "%s/s", num);
	} else {
		plain(buf, value);
	}
	return buf;
}

/* The unit as written after a number in its base: ms, bytes, a ratio as
 * a fraction. */
static const char *
base_suffix(const char *unit)
{
	return unit_is(unit, "ms") ? " ms" : unit_is(unit, "bytes") ? " B" :
	    unit_is(unit, "rps") ? " req/s" :
	    unit_is(unit, "per_second") ? "/s" : "";
}

/* The value exactly as the stream gave it, in the unit's base. */
static void
exact(char *buf, double value, const char *unit)
{
	char num[PO_NUM_BUFSIZE];

	snprintf(buf, PO_FORMAT_SIZE, "%s%s", po_num_format(num, value),
	    base_suffix(unit));
}

void
po_format_pair(char *value_buf, char *limit_buf, double value, double limit,
    const char *unit)
{
	po_format_value(value_buf, value, unit);
	po_format_value(limit_buf, limit, unit);
	/* "2.5 s > 2.5 s" would make a failure look like a bug. */
	if (value != limit && strcmp(value_buf, limit_buf) == 0) {
		exact(value_buf, value, unit);
		exact(limit_buf, limit, unit);
	}
}

/* A distance from a limit, never rounded to nothing: "0 ms over" would
 * contradict the failure it explains. */
static void
distance(char *buf, double value, const char *unit)
{
	char zero[PO_FORMAT_SIZE];

	po_format_value(buf, value, unit);
	/* A difference of two doubles carries noise in its last digits. */
	if (value != 0 && strcmp(buf, po_format_value(zero, 0, unit)) == 0)
		snprintf(buf, PO_FORMAT_SIZE, "%.3g%s", value,
		    base_suffix(unit));
}

char *
po_format_margin(char *buf, double margin, const char *unit)
{
	char num[PO_FORMAT_SIZE];

	distance(num, fabs(margin), unit);
	snprintf(buf, PO_FORMAT_SIZE, "%s%.*s", margin > 0 ? "+" :
	    margin < 0 ? "-" : "", PO_FORMAT_SIZE - 2, num);
	return buf;
}

const char *
po_format_negate(const char *op)
{
	static const char *const pairs[][2] = {
		{ "<", ">=" }, { "<=", ">" }, { ">", "<=" }, { ">=", "<" },
		{ "==", "!=" }, { "!=", "==" }
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (strcmp(op, pairs[i][0]) == 0)
			return pairs[i][1];
	return op;
}

char *
po_format_outcome(char *buf, size_t size, const struct po_report_check *check)
{
	char value[PO_FORMAT_SIZE];
	char limit[PO_FORMAT_SIZE];

	if (!check->has_value) {
		po_format_value(limit, check->limit, check->unit);
		snprintf(buf, size, "no value (limit %s %s)", check->op, limit);
		return buf;
	}
	po_format_pair(value, limit, check->value, check->limit, check->unit);
	snprintf(buf, size, "value %s %s limit %s", value,
	    check->outcome == PO_OUTCOME_PASS ? check->op :
	    po_format_negate(check->op), limit);
	return buf;
}

char *
po_format_beyond(char *buf, const struct po_report_check *check)
{
	char num[PO_FORMAT_SIZE];

	if (!check->has_value || !check->has_margin || check->margin >= 0)
		return NULL;
	distance(num, -check->margin, check->unit);
	if (check->op[0] == '<')
		snprintf(buf, PO_FORMAT_SIZE, "%.*s over", PO_FORMAT_SIZE - 8,
		    num);
	else if (check->op[0] == '>')
		snprintf(buf, PO_FORMAT_SIZE, "%.*s under", PO_FORMAT_SIZE - 8,
		    num);
	else
		snprintf(buf, PO_FORMAT_SIZE, "off by %.*s", PO_FORMAT_SIZE - 8,
		    num);
	return buf;
}

/* Appends to a sentence being built in `buf`; a sentence too long for the
 * buffer is cut, never overrun. */
static void __attribute__((format(printf, 4, 5)))
append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	*len += n > 0 ? (size_t)n : 0;
}

static const char *
plural(double n)
{
	return n == 1 ? "" : "s";
}

char *
po_format_tally(char *buf, size_t size,
    const struct po_report_summary *summary)
{
	const struct po_report_summary *s = summary;
	size_t len = 0;

	buf[0] = '\0';
	if (s->checks == 0)
		append(buf, size, &len, "no checks");
	else
		append(buf, size, &len, "%.0f check%s", s->checks,
		    plural(s->checks));
	if (s->has_subjects)
		append(buf, size, &len, " over %.0f subject%s", s->subjects,
		    plural(s->subjects));
	if (s->checks > 0)
		append(buf, size, &len, ": %.0f failed, %.0f warned, "
		    "%.0f passed", s->failed, s->warned, s->passed);
	if (s->errors > 0)
		append(buf, size, &len, "; %.0f error%s", s->errors,
		    plural(s->errors));
	return buf;
}

void
po_format_before_after(char *before, char *after,
    const struct po_report_check *check)
{
	if (check->has_baseline)
		po_format_value(before, check->baseline, check->unit);
	else
		snprintf(before, PO_FORMAT_SIZE, "n/a");
	if (check->has_value)
		po_format_value(after, check->value, check->unit);
	else
		snprintf(after, PO_FORMAT_SIZE, "n/a");
}

char *
po_format_change(char *buf, const struct po_report_check *check)
{
	char change[PO_FORMAT_SIZE], ratio[PO_FORMAT_SIZE];
	double delta = check->change;

	if (!check->has_change) {
		if (!check->has_baseline || !check->has_value) {
			snprintf(buf, PO_FORMAT_SIZE, "n/a");
			return buf;
		}
		delta = check->value - check->baseline;
	}
	po_format_margin(change, delta, check->unit);
	if (!check->has_change_ratio) {
		snprintf(buf, PO_FORMAT_SIZE, "%s", change);
		return buf;
	}
	po_format_margin(ratio, check->change_ratio, "ratio");
	snprintf(buf, PO_FORMAT_SIZE, "%.*s (%.*s)", PO_FORMAT_SIZE / 2 - 2,
	    change, PO_FORMAT_SIZE / 2 - 2, ratio);
	return buf;
}

const char *
po_format_target(enum po_outcome outcome)
{
	static const char *const words[] = { "no", "yes (warn)", "yes" };

	return words[outcome];
}

char *
po_format_test(char *buf, size_t size, const struct po_report_check *check)
{
	const char *method = check->test_method;
	size_t len = 0;

	buf[0] = '\0';
	if (method != NULL && strcmp(method, "mann-whitney-u") == 0)
		append(buf, size, &len, "Mann-Whitney U");
	else if (method != NULL && strcmp(method, "single-sample") == 0)
		append(buf, size, &len, "single sample");
	else if (method != NULL)
		append(buf, size, &len, "%.80s", method);
	if (check->has_p_value)
		append(buf, size, &len, "%sp = %.3g", len ? ", " : "",
		    check->p_value);
	if (check->has_alpha)
		append(buf, size, &len, "%salpha %.3g", len ? ", " : "",
		    check->alpha);
	if (check->has_runs)
		append(buf, size, &len, "%s%.0f run%s before, %.0f after",
		    len ? ", " : "", check->runs_baseline,
		    check->runs_baseline == 1 ? "" : "s", check->runs_current);
	return buf;
}

char *
po_format_history(char *buf, size_t size,
    const struct po_history_series *series)
{
	const struct po_history_series *s = series;
	char first[PO_FORMAT_SIZE], last[PO_FORMAT_SIZE];
	char change[PO_FORMAT_SIZE], low[PO_FORMAT_SIZE], high[PO_FORMAT_SIZE];
	double min, max;
	size_t len = 0;

	buf[0] = '\0';
	if (s->npoints == 0)
		return buf;
	po_spark_range(&min, &max, s);
	po_format_pair(first, last, s->points[0].value,
	    s->points[s->npoints - 1].value, s->unit);
	po_format_margin(change, s->points[s->npoints - 1].value -
	    s->points[0].value, s->unit);
	po_format_pair(low, high, min, max, s->unit);
	if (s->npoints == 1)
		append(buf, size, &len, "%s at 1 commit", first);
	else
		append(buf, size, &len, "%s to %s (%s) over %zu commits, "
		    "min %s, max %s", first, last, change, s->npoints, low,
		    high);
	if (s->max_runs > 1)
		append(buf, size, &len, "; median of up to %zu runs per commit",
		    s->max_runs);
	return buf;
}
