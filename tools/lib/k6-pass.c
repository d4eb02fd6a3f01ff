#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "k6-pass.h"
#include "k6-points.h"
#include "msg.h"
#include "parallel.h"

/* A chunk big enough that parsing it dwarfs handing it between threads,
 * small enough that the chunks in flight stay a few megabytes. */
#define CHUNK_BYTES (2U * 1024 * 1024)
#define BATCH 32
/* Windows beyond this many are a mistaken --window (a millisecond over a
 * day-long run), not a question worth the memory. */
#define MAX_WINDOWS 1000000

/* The sequential side of the pass: which input is being read, and whose
 * turn it is to read the next chunk.  Chunks are read in ticket order
 * (the index po_parallel_map hands out), so that chunk i of the batch
 * always follows chunk i - 1 in the input, while they are parsed at the
 * same time. */
struct reader {
	struct po_k6_source **srcs;
	size_t nsrcs;
	size_t cur;
	size_t ticket;
	bool done;
	atomic_bool *failed;    /* per input: stop reading it */
	pthread_mutex_t lock;
	pthread_cond_t turn;
};

struct piece {
	size_t input;
	bool read_failed;
	struct po_k6_chunk chunk;
};

struct fold {
	struct po_k6_run *run;
	struct po_k6_thresholds *set;
	const struct po_k6_pass_opts *opts;
	struct reader reader;
	size_t base;            /* ticket of item 0 of this batch */
	struct po_k6_plan plan;
	struct po_k6_series **subs;     /* the plan's sub-metrics */
	long *lines;            /* per input: lines folded so far */
	bool started;           /* a point was folded: windows have a start */
	/* Sub-metrics the script had thresholds on, for the warning. */
	char **script_subs;
	char **script_subs_file;
	long *script_subs_line;
	size_t nscript_subs;
	int ret;
};

static int
read_next(struct reader *r, size_t *input, struct po_k6_chunkbuf *buf)
{
	while (r->cur < r->nsrcs) {
		int got;

		if (atomic_load(&r->failed[r->cur])) {
			r->cur++;
			continue;
		}
		got = po_k6_source_chunk(r->srcs[r->cur], buf, CHUNK_BYTES);
		*input = r->cur;
		if (got != 0)
			return got;
		r->cur++;
	}
	return 0;
}

static void *
work(size_t index, void *ctx)
{
	struct fold *f = ctx;
	struct reader *r = &f->reader;
	size_t ticket = f->base + index;
	struct piece *piece = NULL;
	struct po_k6_chunkbuf buf = { NULL, 0, 0 };
	size_t input = 0;
	int got = 0;

	pthread_mutex_lock(&r->lock);
	while (r->ticket != ticket)
		pthread_cond_wait(&r->turn, &r->lock);
	if (!r->done) {
		got = read_next(r, &input, &buf);
		if (got < 0)
			atomic_store(&r->failed[input], true);
		if (got == 0)
			r->done = true;
	}
	r->ticket++;
	pthread_cond_broadcast(&r->turn);
	pthread_mutex_unlock(&r->lock);
	if (got == 0)
		return NULL;
	piece = po_xcalloc(1, sizeof(*piece));
	piece->input = input;
	piece->read_failed = got < 0;
	if (got > 0) {
		po_k6_points_parse(&piece->chunk, buf.bytes, buf.len,
		    &f->plan);
		po_k6_source_recycle(r->srcs[input], &buf);
	}
	return piece;
}

static void
fail_input(struct fold *f, size_t input)
{
	atomic_store(&f->reader.failed[input], true);
	f->ret = -1;
}

static const char *
input_name(const struct fold *f, size_t input)
{
	return po_k6_source_name(f->reader.srcs[input]);
}

static struct po_k6_series *
base_series(struct fold *f, const char *name)
{
	struct po_k6_name n = { (char *)name, (char *)name, NULL, 0 };

	return po_k6_run_add(f->run, &n);
}

static void
keep_values(struct fold *f, struct po_k6_series *s)
{
	enum po_k6_keep keep = f->opts->approx ? PO_K6_KEEP_APPROX :
	    PO_K6_KEEP_EXACT;
	bool thresholded = po_k6_thresholds_name(f->set, &s->name, f->run);
	bool need = s->type == PO_K6_TREND &&
	    ((f->opts->stats_need_values && (s->asked || thresholded)) ||
	    po_k6_thresholds_need_values(f->set, &s->name, f->run));

	if (f->opts->window_ns > 0 && thresholded && s->sink.count == 0)
		s->windowed = true;
	if (!need)
		return;
	if (s->windowed)
		s->window_keep = keep;
	else
		s->sink.keep = keep;
}

/* A series whose values are needed only once some of its points were
 * folded without them cannot give its percentiles: that happens when a
 * later input's Metric line brings a new percentile threshold. */
static int
check_late(struct fold *f, struct po_k6_series *s, size_t input, long line)
{
	if (s->sink.count == 0 || s->type != PO_K6_TREND ||
	    (s->windowed ? s->window_keep : s->sink.keep) != PO_K6_KEEP_NONE ||
	    !po_k6_thresholds_need_values(f->set, &s->name, f->run))
		return 0;
	po_error(input_name(f, input), line, 0, "a percentile threshold on "
	    "'%s' first appears here, after points of it were read without "
	    "keeping their values: give it with -t or --thresholds",
	    s->name.text);
	return -1;
}

static void
note_script_sub(struct fold *f, const char *name, size_t input, long line)
{
	for (size_t i = 0; i < f->nscript_subs; i++)
		if (strcmp(f->script_subs[i], name) == 0)
			return;
	f->script_subs = po_xrealloc(f->script_subs,
	    (f->nscript_subs + 1) * sizeof(char *));
	f->script_subs_file = po_xrealloc(f->script_subs_file,
	    (f->nscript_subs + 1) * sizeof(char *));
	f->script_subs_line = po_xrealloc(f->script_subs_line,
	    (f->nscript_subs + 1) * sizeof(long));
	f->script_subs[f->nscript_subs] = po_xstrdup(name);
	f->script_subs_file[f->nscript_subs] =
	    po_xstrdup(input_name(f, input));
	f->script_subs_line[f->nscript_subs] = line;
	f->nscript_subs++;
}

static int
apply_def(struct fold *f, const struct po_k6_def *def, size_t input)
{
	long line = f->lines[input] + def->line;
	const char *file = input_name(f, input);
	struct po_k6_series *s = base_series(f, def->name);
	char rule[64];
	int ret = 0;

	if (s->typed && (s->type != def->type ||
	    s->contains != def->contains)) {
		po_error(file, line, 0, "metric '%s' is a %s here but a %s "
		    "before", def->name, po_k6_type_name(def->type),
		    po_k6_type_name(s->type));
		return -1;
	}
	s->type = def->type;
	s->contains = def->contains;
	s->typed = true;
	s->def_line = line;
	s->def_input = input + 1;
	snprintf(rule, sizeof(rule), "line %ld", line);
	for (size_t i = 0; f->opts->input_thresholds && i < def->nthresholds;
	    i++) {
		struct po_k6_where where = { file, line, 0, rule, f->run, -1 };

		if (po_k6_thresholds_add(f->set, def->name, def->thresholds[i],
		    def->abort_on_fail[i], &where) < 0)
			ret = -1;
	}
	for (size_t i = 0; i < def->nsubmetrics; i++)
		note_script_sub(f, def->submetrics[i], input, line);
	for (size_t i = 0; i < f->run->nseries; i++) {
		struct po_k6_series *sub = f->run->series[i];

		if (sub != s && (sub->name.ntags == 0 ||
		    strcmp(sub->name.parent, def->name) != 0))
			continue;
		sub->type = def->type;
		sub->contains = def->contains;
		sub->typed = true;
		if (check_late(f, sub, input, line) < 0)
			ret = -1;
		keep_values(f, sub);
	}
	return ret;
}

static size_t
window_of(struct fold *f, int64_t time_ns)
{
	struct po_k6_run *run = f->run;

	if (!f->started) {
		run->window_start_ns = time_ns;
		f->started = true;
	}
	/* Points a little older than the first one (k6's lines are nearly
	 * but not strictly in time order) count in the first window. */
	if (time_ns <= run->window_start_ns)
		return 0;
	return (size_t)((time_ns - run->window_start_ns) / run->window_ns);
}

static void
add_to_window(struct fold *f, struct po_k6_series *s, size_t w, double value)
{
	struct po_k6_sink *sink;

	if (w >= s->nwindows) {
		s->windows = po_xrealloc(s->windows,
		    (w + 1) * sizeof(*s->windows));
		memset(&s->windows[s->nwindows], 0,
		    (w + 1 - s->nwindows) * sizeof(*s->windows));
		s->nwindows = w + 1;
	}
	if (w + 1 > f->run->nwindows)
		f->run->nwindows = w + 1;
	if (s->windows[w] == NULL) {
		s->windows[w] = po_xcalloc(1, sizeof(*s->windows[w]));
		s->windows[w]->keep = s->window_keep;
	}
	sink = s->windows[w];
	po_k6_sink_add(sink, s->type, value);
}

/* Folds the points of a chunk into their series, in order.  Returns 0, or
 * -1 after a message when the points span more windows than po keeps. */
static int
fold_entries(struct fold *f, const struct po_k6_entry *e, size_t n,
    struct po_k6_series **locals, size_t input)
{
	struct po_k6_run *run = f->run;

	for (size_t i = 0; i < n; i++) {
		struct po_k6_series *s = e[i].series & PO_K6_SUB_BIT ?
		    f->subs[e[i].series & ~PO_K6_SUB_BIT] :
		    locals[e[i].series];
		size_t w;

		po_k6_sink_add(&s->sink, s->type, e[i].value);
		if (!run->any_point || e[i].time_ns < run->first_ns)
			run->first_ns = e[i].time_ns;
		if (!run->any_point || e[i].time_ns > run->last_ns)
			run->last_ns = e[i].time_ns;
		run->any_point = true;
		if (run->window_ns == 0)
			continue;
		w = window_of(f, e[i].time_ns);
		if (w >= MAX_WINDOWS) {
			po_error(input_name(f, input), 0, 0, "the points span "
			    "more than %d windows: give a longer --window",
			    MAX_WINDOWS);
			return -1;
		}
		if (s->windowed)
			add_to_window(f, s, w, e[i].value);
	}
	return 0;
}

/* Maps the chunk's metrics to the run's series, and finds a point that
 * comes before its metric's Metric line. */
static int
map_locals(struct fold *f, const struct po_k6_chunk *c, size_t input,
    struct po_k6_series **locals)
{
	for (size_t i = 0; i < c->nmetrics; i++) {
		const struct po_k6_local *m = &c->metrics[i];
		struct po_k6_series *s = base_series(f, m->name);
		bool defined = s->def_input == input + 1;

		locals[i] = s;
		if (m->first_point_line == 0 || defined ||
		    (m->first_def_line != 0 &&
		    m->first_def_line < m->first_point_line))
			continue;
		po_error(input_name(f, input), f->lines[input] +
		    m->first_point_line, 0, "point of '%s' before its Metric "
		    "line", m->name);
		return -1;
	}
	return 0;
}

static int
fold_chunk(struct fold *f, struct piece *piece)
{
	struct po_k6_chunk *c = &piece->chunk;
	size_t input = piece->input;
	struct po_k6_series **locals;
	size_t done = 0;
	int ret = 0;

	if (c->error != NULL) {
		po_error(input_name(f, input), f->lines[input] + c->error_line,
		    c->error_col, "%s", c->error);
		return -1;
	}
	locals = po_xcalloc(c->nmetrics, sizeof(*locals));
	if (map_locals(f, c, input, locals) < 0) {
		free(locals);
		return -1;
	}
	/* entries is NULL in a chunk of Metric lines alone: no pointer
	 * arithmetic on it, even by zero. */
	for (size_t d = 0; d < c->ndefs && ret == 0; d++) {
		if (c->defs[d].before > done)
			ret = fold_entries(f, c->entries + done,
			    c->defs[d].before - done, locals, input);
		done = c->defs[d].before;
		if (ret == 0)
			ret = apply_def(f, &c->defs[d], input);
	}
	if (ret == 0 && c->nentries > done)
		ret = fold_entries(f, c->entries + done, c->nentries - done,
		    locals, input);
	for (size_t i = 0; i < c->nscenarios; i++)
		po_k6_run_add_scenario(f->run, c->scenarios[i]);
	f->lines[input] += c->nlines;
	free(locals);
	return ret;
}

static void
done(size_t index, void *result, void *ctx)
{
	struct fold *f = ctx;
	struct piece *piece = result;

	if (piece == NULL)
		return;
	if (piece->read_failed) {
		fail_input(f, piece->input);
	} else if (!atomic_load(&f->reader.failed[piece->input]) &&
	    fold_chunk(f, piece) < 0) {
		fail_input(f, piece->input);
	}
	po_k6_chunk_clear(&piece->chunk);
	free(piece);
}

static void
warn_unchecked(struct fold *f)
{
	for (size_t i = 0; i < f->nscript_subs; i++) {
		struct po_k6_name name;
		char why[256];

		/* k6 adds this one itself, for its summary. */
		if (strcmp(f->script_subs[i],
		    "http_req_duration{expected_response:true}") == 0 ||
		    po_k6_name_parse(&name, f->script_subs[i], why,
		    sizeof(why)) < 0)
			continue;
		if (f->opts->input_thresholds &&
		    !po_k6_thresholds_name(f->set, &name, f->run))
			po_warn(f->script_subs_file[i], f->script_subs_line[i],
			    0, "warning: the script has thresholds on '%s', "
			    "which k6 does not write to --out json: they are "
			    "not checked; give them with -t or --thresholds",
			    f->script_subs[i]);
		po_k6_name_clear(&name);
	}
}

static void
make_plan(struct fold *f)
{
	struct po_k6_run *run = f->run;

	f->subs = po_xcalloc(run->nseries, sizeof(*f->subs));
	f->plan.subs = po_xcalloc(run->nseries, sizeof(*f->plan.subs));
	for (size_t i = 0; i < run->nseries; i++)
		if (run->series[i]->name.ntags > 0) {
			f->subs[f->plan.nsubs] = run->series[i];
			f->plan.subs[f->plan.nsubs++] = &run->series[i]->name;
		}
}

static void
settle_duration(struct po_k6_run *run, const struct po_k6_pass_opts *opts)
{
	if (opts->duration_ns > 0) {
		run->duration_ns = opts->duration_ns;
		run->duration_from = PO_K6_DURATION_OPTION;
	} else if (run->any_point && run->last_ns > run->first_ns) {
		run->duration_ns = run->last_ns - run->first_ns;
		run->duration_from = PO_K6_DURATION_SPAN;
	}
}

int
po_k6_pass_run(struct po_k6_run *run, struct po_k6_source **srcs,
    size_t nsrcs, struct po_k6_thresholds *set,
    const struct po_k6_pass_opts *opts)
{
	struct fold f = { 0 };

	f.run = run;
	f.set = set;
	f.opts = opts;
	f.reader.srcs = srcs;
	f.reader.nsrcs = nsrcs;
	f.reader.failed = po_xcalloc(nsrcs, sizeof(*f.reader.failed));
	pthread_mutex_init(&f.reader.lock, NULL);
	pthread_cond_init(&f.reader.turn, NULL);
	f.lines = po_xcalloc(nsrcs, sizeof(*f.lines));
	run->window_ns = opts->window_ns;
	run->ninputs = nsrcs;
	make_plan(&f);
	for (size_t i = 0; i < run->nseries; i++)
		keep_values(&f, run->series[i]);
	while (!f.reader.done) {
		f.base = f.reader.ticket;
		po_parallel_map(BATCH, opts->threads, work, done, &f);
	}
	settle_duration(run, opts);
	if (f.ret == 0)
		warn_unchecked(&f);
	for (size_t i = 0; i < f.nscript_subs; i++) {
		free(f.script_subs[i]);
		free(f.script_subs_file[i]);
	}
	free(f.script_subs);
	free(f.script_subs_file);
	free(f.script_subs_line);
	free(f.subs);
	free(f.plan.subs);
	free(f.lines);
	free(f.reader.failed);
	pthread_mutex_destroy(&f.reader.lock);
	pthread_cond_destroy(&f.reader.turn);
	return f.ret;
}
