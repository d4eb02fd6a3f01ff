#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "k6-time.h"

static int
number(const char *s, int ndigits)
{
	int n = 0;

	for (int i = 0; i < ndigits; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	return n;
}

/* Days from 1970-01-01 to the given proleptic Gregorian date (Howard
 * Hinnant's days_from_civil), so that no time zone or locale of the
 * machine running po can shift a point. */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era;
	int yoe;
	int doy;
	int doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (int)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
po_k6_time_parse(int64_t *out, const char *text, size_t len)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	const char *s = text;
	const char *end = text + len;
	int year, month, day, hour, min, sec;
	int64_t frac_ns = 0;
	int64_t offset_s = 0;
	int64_t seconds;

	if (len < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':')
		return -1;
	year = number(s, 4);
	month = number(s + 5, 2);
	day = number(s + 8, 2);
	hour = number(s + 11, 2);
	min = number(s + 14, 2);
	sec = number(s + 17, 2);
	if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 ||
	    hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 59)
		return -1;
	if (day > mdays[month - 1] + (month == 2 && leap(year)))
		return -1;
	s += 19;
	if (s < end && *s == '.') {
		int ndigits = 0;

		for (s++; s < end && *s >= '0' && *s <= '9'; s++, ndigits++) {
			if (ndigits == 9)
				return -1;
			frac_ns = frac_ns * 10 + (*s - '0');
		}
		if (ndigits == 0)
			return -1;
		for (; ndigits < 9; ndigits++)
			frac_ns *= 10;
	}
	if (s < end && *s == 'Z') {
		s++;
	} else if (end - s == 6 && (*s == '+' || *s == '-') && s[3] == ':') {
		int oh = number(s + 1, 2);
		int om = number(s + 4, 2);

		if (oh < 0 || oh > 23 || om < 0 || om > 59)
			return -1;
		offset_s = (*s == '-' ? -1 : 1) * (int64_t)(oh * 3600 + om * 60);
		s += 6;
	} else {
		return -1;
	}
	if (s != end)
		return -1;
	seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 +
	    min * 60 + sec - offset_s;
	if (seconds < 0 || seconds > INT64_MAX / 1000000000 - 1)
		return -2;
	*out = seconds * 1000000000 + frac_ns;
	return 0;
}

int
po_k6_time_parse_cached(int64_t *out, struct po_k6_time_cache *cache,
    const char *text, size_t len)
{
	size_t frac_end = 19;
	int64_t frac_ns = 0;
	int ndigits = 0;
	int ret;

	if (len < 20 || !cache->valid || memcmp(text, cache->head, 19) != 0)
		goto slow;
	if (text[19] == '.') {
		for (frac_end = 20; frac_end < len && ndigits < 9 &&
		    text[frac_end] >= '0' && text[frac_end] <= '9';
		    frac_end++, ndigits++)
			frac_ns = frac_ns * 10 + (text[frac_end] - '0');
		if (ndigits == 0)
			goto slow;
		for (int d = ndigits; d < 9; d++)
			frac_ns *= 10;
	}
	if (len - frac_end != cache->taillen ||
	    memcmp(text + frac_end, cache->tail, cache->taillen) != 0)
		goto slow;
	*out = cache->seconds_ns + frac_ns;
	return 0;
slow:
	ret = po_k6_time_parse(out, text, len);
	if (ret < 0)
		return ret;
	/* Remember this second: the part before the fraction and the
	 * offset after it. */
	frac_end = 19;
	if (text[19] == '.')
		for (frac_end = 20; frac_end < len && text[frac_end] >= '0' &&
		    text[frac_end] <= '9'; frac_end++)
			;
	if (len - frac_end > sizeof(cache->tail))
		return 0;
	memcpy(cache->head, text, 19);
	cache->taillen = len - frac_end;
	memcpy(cache->tail, text + frac_end, cache->taillen);
	cache->seconds_ns = *out - *out % 1000000000;
	if (*out < 0 && *out % 1000000000 != 0)
		cache->seconds_ns -= 1000000000;
	cache->valid = 1;
	return 0;
}

int
po_k6_duration_parse(int64_t *out, const char *text)
{
	static const struct unit {
		const char *suffix;
		double ns;
	} units[] = {
		{ "ms", 1e6 }, { "us", 1e3 }, { "ns", 1 }, { "s", 1e9 },
		{ "m", 60e9 }, { "h", 3600e9 }, { "", 1e9 }, { NULL, 0 }
	};
	size_t len = strlen(text);

	for (const struct unit *u = units; u->suffix; u++) {
		size_t slen = strlen(u->suffix);
		char buf[64];
		char *end;
		double value;

		if (len <= slen || len - slen >= sizeof(buf) ||
		    strcmp(text + len - slen, u->suffix) != 0)
			continue;
		memcpy(buf, text, len - slen);
		buf[len - slen] = '\0';
		if (buf[0] < '0' || buf[0] > '9')
			continue;
		errno = 0;
		value = strtod(buf, &end);
		if (*end != '\0' || errno == ERANGE)
			continue;
		value *= u->ns;
		if (!(value >= 0) || value > 100 * 365.25 * 86400e9)
			return -1;
		*out = (int64_t)llround(value);
		return 0;
	}
	return -1;
}

char *
po_k6_seconds_format(char *buf, int64_t ns)
{
	size_t len;

	snprintf(buf, 32, "%s%" PRId64 ".%09" PRId64, ns < 0 ? "-" : "",
	    (ns < 0 ? -ns : ns) / 1000000000, (ns < 0 ? -ns : ns) % 1000000000);
	len = strlen(buf);
	while (buf[len - 1] == '0')
		buf[--len] = '\0';
	if (buf[len - 1] == '.')
		buf[--len] = '\0';
	return buf;
}
