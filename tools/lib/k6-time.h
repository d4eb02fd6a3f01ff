/* Times and durations as k6 writes and reads them. */
#ifndef PO_K6_TIME_H
#define PO_K6_TIME_H

#include <stddef.h>
#include <stdint.h>

/* Parses an RFC 3339 time as k6's JSON output writes it (Go's RFC3339Nano:
 * "2026-11-24T21:59:45.019399563Z", up to nine fractional digits, trailing
 * zeros dropped, "Z" or an offset such as "+05:30") into nanoseconds since
 * the Unix epoch.  Returns 0, -1 when `text` is not such a time, or -2
 * for one before 1970 or after 2262-04-11: the times po keeps, as
 * nanoseconds in 64 bits, are those whose differences fit there too. */
int po_k6_time_parse(int64_t *out, const char *text, size_t len);

/* The same, remembering the date, hour, minute, second and offset of the
 * last time parsed: k6 writes thousands of points a second, whose times
 * differ in their fractions only.  A cache starts zeroed. */
struct po_k6_time_cache {
	char head[19];          /* "2026-11-24T21:59:45" */
	char tail[8];           /* "Z" or "+05:30" */
	size_t taillen;
	int64_t seconds_ns;     /* the time of head and tail, whole seconds */
	int valid;
};

int po_k6_time_parse_cached(int64_t *out, struct po_k6_time_cache *cache,
    const char *text, size_t len);

/* Parses a duration: a number with a unit, "500ms", "30s", "1.5m", "1h",
 * or a plain number of seconds, into nanoseconds (rounded to the nearest,
 * as k6 keeps durations).  Returns 0, or -1 for anything else, a negative
 * value, or one beyond a hundred years. */
int po_k6_duration_parse(int64_t *out, const char *text);

/* Writes `ns` as seconds with up to nine decimals and no trailing zeros
 * ("20.285441779"), into `buf` of at least 32 bytes.  Returns `buf`. */
char *po_k6_seconds_format(char *buf, int64_t ns);

#endif
