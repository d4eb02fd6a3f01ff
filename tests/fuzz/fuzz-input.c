/* Fuzzes the gzip-transparent input layer (input.c) under the streaming
 * JSON scanner (json-scan.c), and checks that every way of reading the same
 * bytes gives the same verdict: po_scan_run() on a regular file (read with
 * read(2), or inflated by zlib when it starts with gzip's magic bytes), on
 * a pipe (whose first bytes are read ahead to tell gzip from plain data,
 * as standard input often is), and, for plain data, po_scan_buffer() on
 * the bytes at once. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "lib/input.h"
#include "lib/json-scan.h"

static volatile char fuzz_sink;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	return 0;
}

struct tally {
	long nvalues;
};

/* Checks what the scanner promises about every path it reports. */
static int
check_path(struct po_scan *scan, void *ctx, const struct po_scan_path *path,
    enum po_scan_kind kind, const char *text, size_t len)
{
	struct tally *tally = ctx;
	long line, col;

	if (path->depth < 0 || path->depth > PO_SCAN_KEY_DEPTH)
		abort();
	for (int level = 0; level < path->depth; level++) {
		const char *key = po_scan_key(path, level);

		if (key != NULL && strlen(key) >= PO_SCAN_KEY_MAX)
			abort();
		if (path->frames[level].is_array &&
		    path->frames[level].index < -1)
			abort();
	}
	if (kind == PO_SCAN_STRING || kind == PO_SCAN_NUMBER) {
		/* Touch every byte, so that ASan sees a bad length. */
		for (size_t i = 0; i < len; i++)
			fuzz_sink ^= text[i];
	}
	po_scan_where(scan, &line, &col);
	if (line < 1 || col < 1)
		abort();
	tally->nvalues++;
	/* Stop early now and then, as the readers do on a wrong shape. */
	if (tally->nvalues == 1000) {
		po_scan_fail(scan, "stopped by the harness");
		return -1;
	}
	return 0;
}

static int
scan_path(struct tally *tally, const char *path)
{
	struct po_input *in;
	int ret;

	if (po_input_open(&in, path) < 0)
		abort();
	ret = po_scan_run(in, check_path, tally);
	po_input_free(in);
	return ret;
}

/* The bytes on a pipe (fuzz_pipe).  Returns 0, or -1 when they do not fit
 * in it. */
static int
scan_pipe(struct tally *tally, int *verdict, const uint8_t *data,
    size_t size)
{
	char path[64];
	int fds[2];

	if (fuzz_pipe(fds, path, sizeof(path), data, size) < 0)
		return -1;
	*verdict = scan_path(tally, path);
	close(fds[0]);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tally from_file = { 0 }, from_pipe = { 0 }, from_buffer = { 0 };
	int file_verdict, pipe_verdict, buffer_verdict;
	int is_gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;

	file_verdict = scan_path(&from_file, fuzz_file(data, size));
	if (scan_pipe(&from_pipe, &pipe_verdict, data, size) == 0 &&
	    (pipe_verdict != file_verdict ||
	    from_pipe.nvalues != from_file.nvalues))
		abort();
	if (is_gzip)
		return 0;
	buffer_verdict = po_scan_buffer("buffer", 1, (const char *)data, size,
	    check_path, &from_buffer);
	if (buffer_verdict != file_verdict ||
	    from_buffer.nvalues != from_file.nvalues)
		abort();
	return 0;
}
