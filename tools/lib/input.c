#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "input.h"
#include "msg.h"

struct po_input {
	char *name;
	int fd;                 /* read directly when the data is plain */
	gzFile gz;              /* or through zlib when it is not */
};

/* A regular file that does not start with gzip's magic bytes is read with
 * read(2) straight into the caller's buffer: zlib's transparent mode would
 * cost a copy of every byte.  Pipes cannot be peeked at without consuming
 * them, so they go through zlib, which passes plain data through. */
static bool
is_plain_file(int fd)
{
	unsigned char magic[2];
	struct stat st;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return false;
	return pread(fd, magic, sizeof(magic), 0) < 2 ||
	    magic[0] != 0x1f || magic[1] != 0x8b;
}

int
po_input_open(struct po_input **out, const char *path)
{
	struct po_input *in;
	int fd;

	if (strcmp(path, "-") == 0)
		fd = dup(STDIN_FILENO);
	else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		po_error(path, 0, 0, "%s", strerror(errno));
		return -1;
	}
	in = po_xcalloc(1, sizeof(*in));
	in->name = po_xstrdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
	in->fd = -1;
	if (is_plain_file(fd)) {
		in->fd = fd;
		*out = in;
		return 0;
	}
	/* A 128 KiB buffer keeps the number of read(2) calls low. */
	in->gz = gzdopen(fd, "rb");
	if (in->gz == NULL)
		po_oom();
	gzbuffer(in->gz, 128 * 1024);
	*out = in;
	return 0;
}

static ssize_t
read_plain(struct po_input *in, void *buf, size_t size)
{
	ssize_t n;

	do
		n = read(in->fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		po_error(in->name, 0, 0, "read error: %s", strerror(errno));
	return n;
}

ssize_t
po_input_read(struct po_input *in, void *buf, size_t size)
{
	int errnum;
	int n;

	if (size > (1U << 30))
		size = 1U << 30;
	if (in->fd >= 0)
		return read_plain(in, buf, size);
	n = gzread(in->gz, buf, (unsigned)size);
	if (n > 0)
		return n;
	/* gzread ends a gzip stream cut before its trailer as if it were
	 * whole, and says so only through gzerror: a cut file must not pass
	 * for a shorter one. */
	const char *what = gzerror(in->gz, &errnum);
	if (n == 0 && errnum == Z_OK)
		return 0;
	if (errnum == Z_ERRNO)
		what = strerror(errno);
	else if (errnum == Z_BUF_ERROR)
		what = "truncated gzip data (unexpected end of file)";
	po_error(in->name, 0, 0, "read error: %s", what);
	return -1;
}

const char *
po_input_name(const struct po_input *in)
{
	return in->name;
}

void
po_input_free(struct po_input *in)
{
	if (in == NULL)
		return;
	if (in->fd >= 0)
		close(in->fd);
	else
		gzclose(in->gz);
	free(in->name);
	free(in);
}
