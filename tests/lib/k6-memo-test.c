/* Unit test of the memos of line heads and tails (k6-memo.c, used by
 * k6-points.c), in TAP: each file given is parsed as one chunk with the
 * memos and with every line handed to yajl whole, and the two must agree
 * in everything (k6-chunk-same.h): points, values, times, Metric lines,
 * and the first problem with its line and column.  With -s NAME
 * (repeatable) the points are also matched against the sub-metric NAME,
 * which makes the parser keep every tag; with -r, each file must also have
 * had tails replayed, with -H heads, so that the memos were used and not
 * only passed by.  Run by tests/k6-memo.sh. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/k6-name.h"
#include "lib/k6-points.h"
#include "lib/k6-source.h"
#include "lib/msg.h"
#include "k6-chunk-same.h"
#include "tap.h"

#define MAX_SUBS 8

/* The whole of `path`, plain or gzip, read as po-k6-check reads it. */
static char *
read_input(const char *path, size_t *len)
{
	struct po_k6_source *src;
	char *buf = NULL;

	if (po_k6_source_open(&src, path) < 0)
		return NULL;
	if (po_k6_source_slurp(src, &buf, len, SIZE_MAX - 1) < 0)
		buf = NULL;
	po_k6_source_free(src);
	return buf;
}

static bool
same_both_ways(const char *buf, size_t len, struct po_k6_plan *plan,
    size_t *replayed, size_t *replayed_heads)
{
	struct po_k6_chunk memo, whole;
	bool same;

	plan->whole_lines = false;
	po_k6_points_parse(&memo, buf, len, plan);
	plan->whole_lines = true;
	po_k6_points_parse(&whole, buf, len, plan);
	same = k6_chunks_same(&memo, &whole, stdout);
	*replayed = memo.replayed;
	*replayed_heads = memo.replayed_heads;
	if (memo.error != NULL)
		printf("# %ld:%ld: %s\n", memo.error_line, memo.error_col,
		    memo.error);
	else
		printf("# %zu points, %ld lines, %zu tails and %zu heads "
		    "replayed\n", memo.nentries, memo.nlines, memo.replayed,
		    memo.replayed_heads);
	po_k6_chunk_clear(&memo);
	po_k6_chunk_clear(&whole);
	return same;
}

int
main(int argc, char **argv)
{
	struct po_k6_name names[MAX_SUBS];
	const struct po_k6_name *subs[MAX_SUBS];
	struct po_k6_plan plan = { subs, 0, false };
	char why[256];
	bool want_replays = false;
	bool want_heads = false;
	int opt;

	po_msg_init("k6-memo-test");
	while ((opt = getopt(argc, argv, "Hrs:")) != -1) {
		if (opt == 'r' || opt == 'H') {
			*(opt == 'r' ? &want_replays : &want_heads) = true;
			continue;
		}
		if (opt != 's' || plan.nsubs == MAX_SUBS ||
		    po_k6_name_parse(&names[plan.nsubs], optarg, why,
		    sizeof(why)) < 0) {
			fprintf(stderr, "usage: k6-memo-test [-Hr] [-s SUB]... "
			    "FILE...\n");
			return 2;
		}
		subs[plan.nsubs] = &names[plan.nsubs];
		plan.nsubs++;
	}
	for (int i = optind; i < argc; i++) {
		size_t len, replayed = 0, replayed_heads = 0;
		char *buf = read_input(argv[i], &len);
		char name[512];

		if (buf == NULL) {
			tap_ok(false, argv[i]);
			continue;
		}
		snprintf(name, sizeof(name), "%s: the same with the memo",
		    argv[i]);
		tap_ok(same_both_ways(buf, len, &plan, &replayed,
		    &replayed_heads), name);
		if (want_replays) {
			snprintf(name, sizeof(name), "%s: tails replayed",
			    argv[i]);
			tap_ok(replayed > 0, name);
		}
		if (want_heads) {
			snprintf(name, sizeof(name), "%s: heads replayed",
			    argv[i]);
			tap_ok(replayed_heads > 0, name);
		}
		free(buf);
	}
	for (size_t i = 0; i < plan.nsubs; i++)
		po_k6_name_clear(&names[i]);
	return tap_done();
}
