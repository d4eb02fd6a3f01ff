#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

int
po_num_parse(double *out, const char *text, size_t len)
{
	char buf[64];
	char *end;
	double value;

	/* strtod needs a terminated string; numbers longer than any double
	 * needs are refused rather than silently cut. */
	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	errno = 0;
	value = strtod(buf, &end);
	if (end != buf + len || errno == ERANGE || !isfinite(value))
		return -1;
	*out = value;
	return 0;
}

char *
po_num_format(char *buf, double value)
{
	int precision;

	if (value == 0) {
		strcpy(buf, "0");
		return buf;
	}
	if (!isfinite(value)) {
		strcpy(buf, "null");
		return buf;
	}
	if (value == trunc(value) && fabs(value) < 1e21) {
		snprintf(buf, PO_NUM_BUFSIZE, "%.0f", value);
		return buf;
	}
	/* Any decimal of 15 significant digits reads back as one double, so a
	 * value whose shortest form has 15 digits or fewer prints as that form
	 * at %.15g (which drops trailing zeros); the rest need 16 or 17. */
	for (precision = 15; precision <= 17; precision++) {
		snprintf(buf, PO_NUM_BUFSIZE, "%.*g", precision, value);
		if (strtod(buf, NULL) == value)
			break;
	}
	return buf;
}

struct unit_factor {
	const char *suffix;
	double factor;
};

static const struct unit_factor time_units[] = {
	{ "ms", 1 }, { "s", 1000 }, { "m", 60000 }, { "us", 0.001 }, { "", 1 },
	{ NULL, 0 }
};

static const struct unit_factor size_units[] = {
	{ "B", 1 }, { "KiB", 1024 }, { "MiB", 1048576 }, { "GiB", 1073741824 },
	{ "KB", 1000 }, { "MB", 1e6 }, { "GB", 1e9 }, { "kB", 1000 }, { "", 1 },
	{ NULL, 0 }
};

int
po_num_parse_unit(double *out, const char *text, const char *unit)
{
	const struct unit_factor *units;
	size_t len = strlen(text);
	size_t numlen;

	units = strcmp(unit, "ms") == 0 ? time_units : size_units;
	for (; units->suffix != NULL; units++) {
		size_t slen = strlen(units->suffix);

		if (slen >= len || strcmp(text + len - slen, units->suffix) != 0)
			continue;
		numlen = len - slen;
		if (po_num_parse(out, text, numlen) == 0) {
			*out *= units->factor;
			/* "1e308s" is a number, but not a limit. */
			return isfinite(*out) ? 0 : -1;
		}
	}
	return -1;
}
