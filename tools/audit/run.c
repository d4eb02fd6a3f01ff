#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "audit/api.h"
#include "audit/emit.h"
#include "audit/page.h"
#include "audit/run.h"
#include "lib/parallel.h"

struct run {
	const struct po_targets *targets;
	const struct po_audit_opts *opts;
	size_t audited;
	size_t done;
	bool progress;                  /* stderr is a terminal */
};

static void *
audit_one(size_t index, void *ctx)
{
	const struct run *run = ctx;

	return po_page_audit(run->targets->urls[index], run->opts);
}

static void
write_one(size_t index, void *result, void *ctx)
{
	struct run *run = ctx;
	struct po_page *page = result;

	(void)index;
	po_audit_emit_page(page);
	if (page->error == NULL)
		run->audited++;
	po_page_free(page);
	run->done++;
	/* A progress line for a person watching; CI logs get none. */
	if (run->progress)
		fprintf(stderr, "\rpo-audit: %zu of %zu pages", run->done,
		    run->targets->n);
}

size_t
po_audit_run(const struct po_targets *targets,
    const struct po_audit_opts *opts)
{
	struct run run = { targets, opts, 0, 0, isatty(STDERR_FILENO) == 1 };

	if (opts->api) {
		for (size_t i = 0; i < targets->n; i++)
			if (po_api_audit(targets->urls[i], opts) == 0)
				run.audited++;
		return run.audited;
	}
	po_parallel_map(targets->n, opts->jobs, audit_one, write_one, &run);
	if (run.progress && run.done > 0)
		fputc('\n', stderr);
	return run.audited;
}
