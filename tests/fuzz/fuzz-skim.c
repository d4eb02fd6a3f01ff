/* Fuzzes the skimmer (json-skim.c) inside the scanner (json-scan.c) by
 * difference: po_scan_run_skimming() must say of any input exactly what
 * po_scan_run() says — the same verdict, the same message at the same line
 * and column, the same values in the same order — but for the text of the
 * strings that start with "data:", which it may cut short.  The skimming
 * reader is also run over a pipe, where the bytes come in chunks of the
 * pipe's size, so that chunks end anywhere in a data: URL. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "lib/input.h"
#include "lib/json-scan.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	return 0;
}

/* A digest of the values seen, in order (FNV-1a). */
struct digest {
	uint64_t hash;
	long nvalues;
	long ncut;
};

static void
mix(struct digest *d, const void *bytes, size_t len)
{
	const unsigned char *p = bytes;

	for (size_t i = 0; i < len; i++)
		d->hash = (d->hash ^ p[i]) * UINT64_C(1099511628211);
}

static int
record(struct po_scan *scan, void *ctx, const struct po_scan_path *path,
    enum po_scan_kind kind, const char *text, size_t len)
{
	struct digest *d = ctx;
	char where[256];
	long line, col;

	if (po_scan_string_cut(scan)) {
		if (kind != PO_SCAN_STRING || len < 5 ||
		    memcmp(text, "data:", 5) != 0)
			abort();
		d->ncut++;
	}
	if (kind == PO_SCAN_STRING && len >= 5 && memcmp(text, "data:", 5) == 0)
		len = 5;
	mix(d, &kind, sizeof(kind));
	mix(d, text, len);
	po_scan_path_string(path, where, sizeof(where));
	mix(d, where, strlen(where));
	/* The place a handler would name in a message. */
	po_scan_where(scan, &line, &col);
	mix(d, &line, sizeof(line));
	mix(d, &col, sizeof(col));
	d->nvalues++;
	return 0;
}

/* Scans `path`; returns the verdict and sets *message to what it said,
 * with the name of the input taken out. */
static int
scan(struct digest *d, char **message, const char *path, bool skim)
{
	struct po_input *in;
	int ret;
	char *text;

	d->hash = UINT64_C(14695981039346656037);
	d->nvalues = d->ncut = 0;
	if (po_input_open(&in, path) < 0)
		abort();
	po_msg_capture_begin();
	ret = skim ? po_scan_run_skimming(in, record, d) :
	    po_scan_run(in, record, d);
	text = po_msg_capture_end();
	po_input_free(in);
	if (text != NULL) {
		char *name = strstr(text, path);

		if (name != NULL)
			memmove(name, name + strlen(path),
			    strlen(name + strlen(path)) + 1);
	}
	*message = text;
	return ret;
}

static bool
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void
compare(int want_ret, const struct digest *want, const char *want_msg,
    int ret, const struct digest *got, const char *msg)
{
	if (ret != want_ret || !same_text(msg, want_msg))
		abort();
	/* Values are the same up to where an error stopped the scan: yajl
	 * may get further into a chunk before it meets it. */
	if (ret == 0 && (got->hash != want->hash ||
	    got->nvalues != want->nvalues))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct digest want, got;
	char *want_msg, *msg;
	const char *file = fuzz_file(data, size);
	int want_ret, ret;
	char path[64];
	int fds[2];

	want_ret = scan(&want, &want_msg, file, false);
	ret = scan(&got, &msg, file, true);
	compare(want_ret, &want, want_msg, ret, &got, msg);
	free(msg);
	if (fuzz_pipe(fds, path, sizeof(path), data, size) == 0) {
		ret = scan(&got, &msg, path, true);
		close(fds[0]);
		/* The pipe has a name of its own: compare the verdict and
		 * the values. */
		if (ret != want_ret || (ret == 0 && got.hash != want.hash))
			abort();
		free(msg);
	}
	free(want_msg);
	return 0;
}
