/* Fuzzes the parser of k6's raw points (k6-points.c) by difference: with
 * the memos of line heads and tails (k6-memo.c) it must say of any bytes
 * exactly what it says handing yajl every line whole — the same points,
 * values, times, Metric lines, and the same first problem at the same
 * line and column (tests/lib/k6-chunk-same.h).  A sub-metric is planned, so that
 * every tag of every point is read.
 *
 * An input that starts with '#' is a list of tails, a line each: every
 * tail is put after the start of a point three times, with other metrics,
 * times and values, so that the memo replays what the fuzzer makes of
 * tails, and a chunk that has an error (then parsed again whole by the
 * parser itself) is not all it sees.  An input that starts with '@' is
 * lines that are each put three times, so that the memo of heads replays
 * what the fuzzer makes of whole lines. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib/k6-name.h"
#include "lib/k6-points.h"
#include "../lib/k6-chunk-same.h"

static struct po_k6_name sub;
static const struct po_k6_name *subs[1];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char why[256];

	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	if (po_k6_name_parse(&sub, "http_req_duration{status:200}", why,
	    sizeof(why)) < 0)
		abort();
	subs[0] = &sub;
	return 0;
}

static void
check(const char *bytes, size_t size)
{
	struct po_k6_plan plan = { subs, 1, false };
	struct po_k6_chunk memo, whole;

	po_k6_points_parse(&memo, bytes, size, &plan);
	plan.whole_lines = true;
	po_k6_points_parse(&whole, bytes, size, &plan);
	if (!k6_chunks_same(&memo, &whole, stderr))
		abort();
	po_k6_chunk_clear(&memo);
	po_k6_chunk_clear(&whole);
}

/* Appends `len` bytes to the growing buffer *out. */
static void
put(char **out, size_t *len, size_t *cap, const void *bytes, size_t n)
{
	if (n == 0)
		return;         /* *out may still be NULL */
	if (*len + n > *cap) {
		*cap = (*len + n) * 2;
		*out = po_xrealloc(*out, *cap);
	}
	memcpy(*out + *len, bytes, n);
	*len += n;
}

static void
check_tails(const char *tails, size_t size)
{
	static const char *const metrics[] = { "http_req_duration",
		"http_req_waiting", "iteration_duration" };
	char *file = NULL;
	size_t len = 0, cap = 0;

	for (int round = 0; round < 3; round++) {
		const char *t = tails;
		const char *end = tails + size;
		int n = 0;

		while (t < end) {
			const char *nl = memchr(t, '\n', (size_t)(end - t));
			size_t tlen = nl ? (size_t)(nl - t) : (size_t)(end - t);
			char head[160];
			int hlen = snprintf(head, sizeof(head),
			    "{\"metric\":\"%s\",\"type\":\"Point\","
			    "\"data\":{\"time\":\"2026-11-24T22:05:%02d.%dZ\","
			    "\"value\":%d.%d", metrics[(n + round) % 3],
			    n % 60, round + 1, n, round);

			put(&file, &len, &cap, head, (size_t)hlen);
			put(&file, &len, &cap, t, tlen);
			put(&file, &len, &cap, "\n", 1);
			t += tlen + 1;
			n++;
		}
	}
	/* No tails, no lines: an empty chunk, never a NULL one. */
	check(file != NULL ? file : "", len);
	free(file);
}

static void
check_thrice(const char *lines, size_t size)
{
	const char *end = lines + size;
	char *file = NULL;
	size_t len = 0, cap = 0;

	for (const char *l = lines; l < end;) {
		const char *nl = memchr(l, '\n', (size_t)(end - l));
		size_t llen = nl ? (size_t)(nl - l) : (size_t)(end - l);

		for (int round = 0; round < 3; round++) {
			put(&file, &len, &cap, l, llen);
			put(&file, &len, &cap, "\n", 1);
		}
		l += llen + 1;
	}
	check(file != NULL ? file : "", len);
	free(file);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 0 && data[0] == '#')
		check_tails((const char *)data + 1, size - 1);
	else if (size > 0 && data[0] == '@')
		check_thrice((const char *)data + 1, size - 1);
	else
		check((const char *)data, size);
	return 0;
}
