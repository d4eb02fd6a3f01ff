#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "json-val.h"
#include "k6-check.h"
#include "k6-emit.h"
#include "k6-gate.h"
#include "k6-source.h"
#include "k6-summary.h"
#include "msg.h"
#include "stream-read.h"
#include "stream-write.h"

/* A summary is small; a file this large is something else. */
#define MAX_SUMMARY_BYTES (256UL * 1024 * 1024)

int
po_k6_gate_stats(struct po_k6_gate *gate, const char *list)
{
	char *copy = po_xstrdup(list);
	char *save = NULL;
	int ret = 0;

	gate->nstats = 0;
	for (char *item = strtok_r(copy, ",", &save); item;
	    item = strtok_r(NULL, ",", &save)) {
		struct po_k6_agg agg;

		while (*item == ' ')
			item++;
		if (po_k6_agg_parse(&agg, item) < 0 ||
		    !po_k6_agg_fits(PO_K6_TREND, &agg, false)) {
			po_error(NULL, 0, 0, "--summary-trend-stats: '%s' is not "
			    "a Trend statistic (avg, min, med, max, count, "
			    "p(N))", item);
			ret = -1;
		} else if (gate->nstats < sizeof(gate->stats) /
		    sizeof(gate->stats[0])) {
			gate->stats[gate->nstats++] = agg;
		}
	}
	free(copy);
	gate->pass.stats_need_values = false;
	for (size_t i = 0; i < gate->nstats; i++)
		if (gate->stats[i].kind == PO_K6_MED ||
		    gate->stats[i].kind == PO_K6_PCT)
			gate->pass.stats_need_values = true;
	return ret;
}

static int
pass_doc(void *ctx, struct po_stream_doc *doc)
{
	struct po_tally *tally = ctx;

	po_doc_passthrough(doc->line, doc->len);
	if (strcmp(doc->type, "check") == 0) {
		const char *status = po_val_string(doc->root, "status");

		po_tally_count_status(tally, status ? status : "fail");
	}
	return 0;
}

static void
finish_run(struct po_k6_gate *gate, struct po_k6_run *run,
    struct po_tally *tally)
{
	po_k6_emit_metrics(run, gate->stats, gate->nstats, &gate->thresholds);
	po_k6_check_run(run, &gate->thresholds, tally);
	tally->subjects++;
}

static void
read_summary(struct po_k6_gate *gate, struct po_k6_source *src,
    struct po_tally *tally)
{
	const char *name = po_k6_source_name(src);
	struct po_k6_run *run = NULL;
	char *buf;
	size_t len;

	if (po_k6_source_slurp(src, &buf, &len, MAX_SUMMARY_BYTES) < 0) {
		tally->errors++;
		return;
	}
	if (po_k6_summary_read(&run, name, buf, len, gate->input_thresholds ?
	    &gate->thresholds : NULL) < 0) {
		tally->errors++;
	} else {
		run->subject = po_xstrdup(gate->subject ? gate->subject : name);
		finish_run(gate, run, tally);
	}
	free(buf);
	po_k6_run_free(run);
}

static char *
joined_names(struct po_k6_source **srcs, size_t n)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < n; i++)
		len += strlen(po_k6_source_name(srcs[i])) + 3;
	s = po_xcalloc(1, len);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, " + ");
		strcat(s, po_k6_source_name(srcs[i]));
	}
	return s;
}

/* The series to keep before the points are read: what thresholds and
 * --metric name, and http_req_duration, which po's default budget limits. */
static int
ask(struct po_k6_gate *gate, struct po_k6_run *run)
{
	struct po_k6_name name;
	char why[256];
	int ret = 0;

	for (size_t i = 0; i < gate->thresholds.n; i++)
		if (gate->thresholds.v[i]->run == NULL)
			po_k6_run_add(run, &gate->thresholds.v[i]->name)->asked =
			    true;
	for (size_t i = 0; i <= gate->nmetrics; i++) {
		const char *text = i < gate->nmetrics ? gate->metrics[i] :
		    "http_req_duration";

		if (po_k6_name_parse(&name, text, why, sizeof(why)) < 0) {
			po_error(NULL, 0, 0, "--metric '%s': %s", text, why);
			ret = -1;
			continue;
		}
		po_k6_run_add(run, &name)->asked = true;
		po_k6_name_clear(&name);
	}
	return ret;
}

static int
check_asked(struct po_k6_gate *gate, struct po_k6_run *run)
{
	int ret = 0;

	for (size_t i = 0; i < gate->nmetrics; i++) {
		struct po_k6_name name;
		struct po_k6_series *s;
		char why[256];

		if (po_k6_name_parse(&name, gate->metrics[i], why,
		    sizeof(why)) < 0)
			continue;
		s = po_k6_run_find(run, &name);
		if (s != NULL && po_k6_run_resolve_type(run, s) < 0) {
			po_error(NULL, 0, 0, "--metric '%s': no metric '%s' in "
			    "%s", gate->metrics[i], name.parent, run->file);
			ret = -1;
		}
		po_k6_name_clear(&name);
	}
	return ret;
}

static void
read_points(struct po_k6_gate *gate, struct po_k6_source **srcs, size_t n,
    struct po_tally *tally)
{
	struct po_k6_run *run = po_k6_run_new(PO_K6_POINTS,
	    po_k6_source_name(srcs[0]));

	run->subject = gate->subject ? po_xstrdup(gate->subject) :
	    joined_names(srcs, n);
	if (ask(gate, run) < 0 ||
	    po_k6_pass_run(run, srcs, n, &gate->thresholds, &gate->pass) < 0 ||
	    check_asked(gate, run) < 0)
		tally->errors++;
	else
		finish_run(gate, run, tally);
	po_k6_run_free(run);
}

/* Opens every input; each is told apart by its content. */
static size_t
open_inputs(struct po_k6_gate *gate, struct po_k6_source **srcs,
    struct po_tally *tally)
{
	size_t npoints = 0;

	for (size_t i = 0; i < gate->ninputs; i++) {
		if (po_k6_source_open(&srcs[i], gate->inputs[i]) < 0) {
			tally->errors++;
			continue;
		}
		switch (po_k6_source_kind(srcs[i])) {
		case PO_K6_KIND_POINTS:
			npoints++;
			break;
		case PO_K6_KIND_PO_STREAM:
			po_error(po_k6_source_name(srcs[i]), 1, 1, "a po "
			    "stream, not k6 output: %s",
			    strcmp(gate->inputs[i], "-") == 0 ?
			    "name the k6 outputs, and the stream on standard "
			    "input goes through" : "pipe it into po-k6-check "
			    "instead of naming it");
			tally->errors++;
			po_k6_source_free(srcs[i]);
			srcs[i] = NULL;
			break;
		default:
			break;
		}
	}
	return npoints;
}

static int
check_options(const struct po_k6_gate *gate, size_t npoints)
{
	if (npoints > 0)
		return 0;
	if (gate->pass.window_ns > 0) {
		po_error(NULL, 0, 0, "--window needs raw points (k6 run --out "
		    "json); a summary has only the whole run's values");
		return -1;
	}
	if (gate->pass.duration_ns > 0) {
		po_error(NULL, 0, 0, "--duration is for raw points; a summary "
		    "holds k6's own rates");
		return -1;
	}
	return 0;
}

static void
read_inputs(struct po_k6_gate *gate, struct po_tally *tally)
{
	struct po_k6_source **srcs = po_xcalloc(gate->ninputs, sizeof(*srcs));
	struct po_k6_source **points = po_xcalloc(gate->ninputs,
	    sizeof(*points));
	size_t npoints = open_inputs(gate, srcs, tally);
	bool usable = check_options(gate, npoints) == 0;
	size_t n = 0;

	if (!usable)
		tally->errors++;
	for (size_t i = 0; i < gate->ninputs; i++)
		if (srcs[i] && po_k6_source_kind(srcs[i]) == PO_K6_KIND_POINTS)
			points[n++] = srcs[i];
	for (size_t i = 0; i < gate->ninputs && usable; i++) {
		if (srcs[i] == NULL)
			continue;
		if (po_k6_source_kind(srcs[i]) != PO_K6_KIND_POINTS)
			read_summary(gate, srcs[i], tally);
		else if (srcs[i] == points[0])
			read_points(gate, points, n, tally);
	}
	for (size_t i = 0; i < gate->ninputs; i++)
		po_k6_source_free(srcs[i]);
	free(points);
	free(srcs);
}

/* Whether the standard input may carry a stream: it is open (a CI runner
 * may start a job with it closed) and not a terminal. */
static bool
stdin_streams(void)
{
	return fcntl(STDIN_FILENO, F_GETFD) != -1 && !isatty(STDIN_FILENO);
}

int
po_k6_gate_run(struct po_k6_gate *gate)
{
	static char *stdin_input[] = { "-" };
	struct po_tally tally = { 0 };
	bool names_stdin = false;

	for (size_t i = 0; i < gate->ninputs; i++)
		names_stdin |= strcmp(gate->inputs[i], "-") == 0;
	if (gate->ninputs == 0 && !stdin_streams()) {
		po_error(NULL, 0, 0, "no k6 input: name the files of k6's "
		    "output, or '-' for standard input");
		return PO_BAD;
	}
	if (gate->ninputs == 0) {
		gate->inputs = stdin_input;
		gate->ninputs = 1;
	} else if (!names_stdin && stdin_streams() &&
	    po_stream_read(NULL, 0, pass_doc, &tally) < 0) {
		tally.errors++;
	}
	if (po_status_get() == PO_BAD && tally.errors == 0)
		tally.errors++;
	read_inputs(gate, &tally);
	if (tally.checks > 0 || tally.errors > 0) {
		po_summary_emit("po-k6-check", &tally, gate->threshold_files,
		    gate->nthreshold_files, tally.failed > 0 ? "a threshold "
		    "was crossed (k6 exits 99)" : NULL);
		po_status_raise(po_tally_exit(&tally));
	}
	if (gate->inputs == stdin_input)
		gate->inputs = NULL;
	return po_status_get();
}

void
po_k6_gate_free(struct po_k6_gate *gate)
{
	po_k6_thresholds_free(&gate->thresholds);
	free(gate->inputs);
	free(gate->threshold_files);
	free(gate->metrics);
}
