/* One k6 test run as po sees it: its metrics and sub-metrics ("series"),
 * each with the aggregates a summary recorded or a sink computed from the
 * raw points, and the test run's duration that Counter rates divide by. */
#ifndef PO_K6_RUN_H
#define PO_K6_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "k6-metric.h"
#include "k6-name.h"
#include "k6-sink.h"

enum po_k6_form {
	PO_K6_POINTS,           /* --out json: raw points */
	PO_K6_SUMMARY_EXPORT,   /* --summary-export */
	PO_K6_HANDLE_SUMMARY    /* the data of handleSummary() */
};

/* Where a Counter's rate got its test run duration. */
enum po_k6_duration_from {
	PO_K6_DURATION_NONE,
	PO_K6_DURATION_OPTION,  /* --duration */
	PO_K6_DURATION_STATE,   /* handleSummary's state.testRunDurationMs */
	PO_K6_DURATION_SPAN     /* from the first to the last point */
};

/* An aggregate as a summary recorded it. */
struct po_k6_stat {
	struct po_k6_agg agg;
	double value;
};

struct po_k6_series {
	struct po_k6_name name;         /* name.text is k6's spelling */
	enum po_k6_type type;
	enum po_k6_contains contains;
	bool typed;                     /* the input told its type */
	bool asked;                     /* a threshold or --metric named it */
	long def_line;                  /* its Metric line, for messages */
	size_t def_input;               /* 1 + the input that defined it */
	/* Raw points: the whole run, and with --window its windows, which
	 * then keep the values for percentiles instead of `sink`. */
	struct po_k6_sink sink;
	struct po_k6_sink **windows;
	size_t nwindows;
	bool windowed;
	enum po_k6_keep window_keep;    /* what each window keeps */
	/* Summaries: what was recorded. */
	struct po_k6_stat *stats;
	size_t nstats;
};

struct po_k6_run {
	enum po_k6_form form;
	char *file;                     /* the (first) input, for messages */
	char *subject;
	size_t ninputs;
	struct po_k6_series **series;
	size_t nseries;
	enum po_k6_duration_from duration_from;
	int64_t duration_ns;
	bool any_point;
	int64_t first_ns;               /* earliest and latest point */
	int64_t last_ns;
	char **scenarios;               /* scenario tags seen, sorted */
	size_t nscenarios;
	int64_t window_ns;              /* 0: no --window */
	int64_t window_start_ns;
	size_t nwindows;                /* windows the run spans */
};

struct po_k6_run *po_k6_run_new(enum po_k6_form form, const char *file);

/* The series named `name` (compared by metric and tags, not spelling), or
 * NULL. */
struct po_k6_series *po_k6_run_find(const struct po_k6_run *run,
    const struct po_k6_name *name);

/* The series named `name`, added (untyped, empty) when missing. */
struct po_k6_series *po_k6_run_add(struct po_k6_run *run,
    const struct po_k6_name *name);

/* Gives a series without a type from the input the type of its parent
 * metric, or of the k6 built-in of that name.  Returns 0, or -1 when
 * neither is known. */
int po_k6_run_resolve_type(struct po_k6_run *run, struct po_k6_series *series);

/* Adds a scenario name if it is new. */
void po_k6_run_add_scenario(struct po_k6_run *run, const char *scenario);

/* The aggregate `agg` of `series`: from its summary, or computed from its
 * sinks.  PO_K6_GOT_UNKEPT also stands for an aggregate a summary did not
 * record. */
enum po_k6_got po_k6_run_value(double *out, const struct po_k6_run *run,
    struct po_k6_series *series, const struct po_k6_agg *agg);

/* The same within window `w` of a windowed series; PO_K6_GOT_NONE when the
 * window holds no sample of it. */
enum po_k6_got po_k6_run_window_value(double *out, const struct po_k6_run *run,
    struct po_k6_series *series, size_t w, const struct po_k6_agg *agg);

void po_k6_run_free(struct po_k6_run *run);

#endif
