/* What every po fuzz harness shares: the input is handed to the library as
 * a file, because the parsers are reached through po_input_open(), as the
 * tools reach them, and the output of the writers goes to /dev/null.
 *
 * The bytes live in one memfd for the whole run; "/proc/self/fd/N" opens a
 * new description of it, at offset 0, on every po_input_open(), so each
 * input is read exactly as a file on disk would be, gzip detection and all. */
#ifndef PO_FUZZ_HARNESS_H
#define PO_FUZZ_HARNESS_H

#include <fcntl.h>
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

/* The entry points libFuzzer calls, which every harness defines. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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

/* Writes all of `data` to `fd`, or aborts. */
static void
fuzz_write_all(int fd, const uint8_t *data, size_t size)
{
	size_t done = 0;

	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);

		if (n <= 0)
			abort();
		done += (size_t)n;
	}
}

/* Replaces the content of the memfd with `data` and returns its path. */
__attribute__((unused)) static const char *
fuzz_file(const uint8_t *data, size_t size)
{
	if (fuzz_fd < 0) {
		fuzz_fd = memfd_create("po-fuzz-input", MFD_CLOEXEC);
		if (fuzz_fd < 0)
			abort();
		snprintf(fuzz_path_buf, sizeof(fuzz_path_buf),
		    "/proc/self/fd/%d", fuzz_fd);
	}
	if (ftruncate(fuzz_fd, 0) != 0 || lseek(fuzz_fd, 0, SEEK_SET) != 0)
		abort();
	fuzz_write_all(fuzz_fd, data, size);
	return fuzz_path_buf;
}

/* The bytes on a pipe, opened by its /proc path as a shell's redirection
 * would hand it over: `path` names the read end, fds[0], which the caller
 * closes.  Returns -1 when they do not fit in the pipe (the harness has no
 * writer thread). */
__attribute__((unused)) static int
fuzz_pipe(int fds[2], char *path, size_t size, const uint8_t *data,
    size_t len)
{
	if (pipe2(fds, O_CLOEXEC) != 0)
		abort();
	if (fcntl(fds[1], F_SETPIPE_SZ, 1 << 20) < 0 ||
	    (size_t)fcntl(fds[1], F_GETPIPE_SZ) < len) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	fuzz_write_all(fds[1], data, len);
	close(fds[1]);
	snprintf(path, size, "/proc/self/fd/%d", fds[0]);
	return 0;
}

#endif
