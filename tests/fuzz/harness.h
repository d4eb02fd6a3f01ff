/* What every po fuzz harness shares: the input is handed to the library as
 * a file, because the parsers are reached through po_input_open(), as the
 * tools reach them, and the output of the writers goes to /dev/null.
 *
 * The bytes live in one memfd for the whole run; "/proc/self/fd/N" opens a
 * new description of it, at offset 0, on every po_input_open(), so each
 * input is read exactly as a file on disk would be, gzip detection and all. */
#ifndef PO_FUZZ_HARNESS_H
#define PO_FUZZ_HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lib/msg.h"

/* The directory of the harness sources, where the fixed inputs live. */
#ifndef FUZZ_SRCDIR
#define FUZZ_SRCDIR "tests/fuzz"
#endif

static int fuzz_fd = -1;
static char fuzz_path_buf[64];

/* Sends the writers' documents to /dev/null: they are produced (so the
 * writers run on what the readers kept) but never looked at. */
static void
fuzz_quiet_stdout(void)
{
	if (freopen("/dev/null", "w", stdout) == NULL)
		abort();
	po_msg_init("po-fuzz");
}

/* Replaces the content of the memfd with `data` and returns its path. */
__attribute__((unused)) static const char *
fuzz_file(const uint8_t *data, size_t size)
{
	size_t done = 0;

	if (fuzz_fd < 0) {
		fuzz_fd = memfd_create("po-fuzz-input", MFD_CLOEXEC);
		if (fuzz_fd < 0)
			abort();
		snprintf(fuzz_path_buf, sizeof(fuzz_path_buf),
		    "/proc/self/fd/%d", fuzz_fd);
	}
	if (ftruncate(fuzz_fd, 0) != 0)
		abort();
	while (done < size) {
		ssize_t n = pwrite(fuzz_fd, data + done, size - done,
		    (off_t)done);

		if (n <= 0)
			abort();
		done += (size_t)n;
	}
	return fuzz_path_buf;
}

#endif
