#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "input.h"
#include "msg.h"

struct po_input {
	char *name;
	gzFile gz;
};

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
	/* gzdopen reads plain data through unchanged, so one code path serves
	 * both; a 128 KiB buffer keeps the number of read(2) calls low. */
	in->gz = gzdopen(fd, "rb");
	if (in->gz == NULL)
		po_oom();
	gzbuffer(in->gz, 128 * 1024);
	*out = in;
	return 0;
}

ssize_t
po_input_read(struct po_input *in, void *buf, size_t size)
{
	int errnum;
	int n;

	if (size > (1U << 30))
		size = 1U << 30;
	n = gzread(in->gz, buf, (unsigned)size);
	if (n >= 0)
		return n;
	const char *what = gzerror(in->gz, &errnum);
	if (errnum == Z_ERRNO)
		what = strerror(errno);
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
	gzclose(in->gz);
	free(in->name);
	free(in);
}
