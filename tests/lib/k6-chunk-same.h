/* Whether two parses of the same k6 points agree in everything a chunk
 * holds: lines, metrics and where each first appeared, Metric lines,
 * every point's series, value (to the bit) and time, the scenarios, and
 * the first problem with its line and column.  The memos of line heads
 * and tails (tools/lib/k6-memo.h) must never change any of it: the unit test
 * k6-memo-test and the fuzz harness fuzz-k6-points hold it to that. */
#ifndef PO_TESTS_K6_CHUNK_SAME_H
#define PO_TESTS_K6_CHUNK_SAME_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "lib/k6-points.h"

static bool
k6_texts_same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool
k6_defs_same(const struct po_k6_def *a, const struct po_k6_def *b)
{
	if (strcmp(a->name, b->name) != 0 || a->type != b->type ||
	    a->contains != b->contains || a->nthresholds != b->nthresholds ||
	    a->nsubmetrics != b->nsubmetrics || a->line != b->line ||
	    a->before != b->before)
		return false;
	for (size_t i = 0; i < a->nthresholds; i++)
		if (strcmp(a->thresholds[i], b->thresholds[i]) != 0 ||
		    a->abort_on_fail[i] != b->abort_on_fail[i])
			return false;
	for (size_t i = 0; i < a->nsubmetrics; i++)
		if (strcmp(a->submetrics[i], b->submetrics[i]) != 0)
			return false;
	return true;
}

/* Says on `why` (when not NULL) the first thing that differs. */
static bool
k6_chunks_same(const struct po_k6_chunk *a, const struct po_k6_chunk *b,
    FILE *why)
{
	const char *what = NULL;

	if (!k6_texts_same(a->error, b->error) ||
	    a->error_line != b->error_line || a->error_col != b->error_col)
		what = "the error";
	else if (a->nlines != b->nlines)
		what = "the line count";
	else if (a->nmetrics != b->nmetrics)
		what = "the metric count";
	else if (a->ndefs != b->ndefs)
		what = "the Metric line count";
	else if (a->nentries != b->nentries)
		what = "the point count";
	else if (a->nscenarios != b->nscenarios)
		what = "the scenario count";
	for (size_t i = 0; what == NULL && i < a->nmetrics; i++)
		if (strcmp(a->metrics[i].name, b->metrics[i].name) != 0 ||
		    a->metrics[i].first_point_line !=
		    b->metrics[i].first_point_line ||
		    a->metrics[i].first_def_line !=
		    b->metrics[i].first_def_line)
			what = "a metric";
	for (size_t i = 0; what == NULL && i < a->ndefs; i++)
		if (!k6_defs_same(&a->defs[i], &b->defs[i]))
			what = "a Metric line";
	for (size_t i = 0; what == NULL && i < a->nentries; i++)
		if (a->entries[i].series != b->entries[i].series ||
		    memcmp(&a->entries[i].value, &b->entries[i].value,
		    sizeof(double)) != 0 ||
		    a->entries[i].time_ns != b->entries[i].time_ns)
			what = "a point";
	for (size_t i = 0; what == NULL && i < a->nscenarios; i++)
		if (strcmp(a->scenarios[i], b->scenarios[i]) != 0)
			what = "a scenario";
	if (what != NULL && why != NULL) {
		fprintf(why, "# they differ in %s\n", what);
		fprintf(why, "#   error %ld:%ld %s\n", a->error_line,
		    a->error_col, a->error ? a->error : "(none)");
		fprintf(why, "#   error %ld:%ld %s\n", b->error_line,
		    b->error_col, b->error ? b->error : "(none)");
	}
	return what == NULL;
}

#endif
