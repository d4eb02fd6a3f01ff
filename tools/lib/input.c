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

/* Compressed data is read in chunks of this size: large enough to keep
 * the number of read(2) calls low, small enough to stay in the cache. */
#define INPUT_CHUNK (128 * 1024)

enum input_kind {
	INPUT_UNKNOWN,          /* a pipe whose first bytes are not read yet */
	INPUT_PLAIN,
	INPUT_GZIP
};

struct po_input {
	char *name;
	int fd;
	enum input_kind kind;
	bool eof;               /* read(2) has returned 0 */
	bool member_ended;      /* inflate finished a gzip member */
	unsigned char *chunk;   /* bytes read ahead, NULL for a plain file */
	z_stream z;             /* next_in/avail_in: the unused part of chunk */
};

/* A regular file that does not start with gzip's magic bytes is read with
 * read(2) straight into the caller's buffer.  Pipes cannot be peeked at
 * without consuming them: their first bytes are read ahead and decide. */
static enum input_kind
kind_of_file(int fd)
{
	unsigned char magic[2];
	struct stat st;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return INPUT_UNKNOWN;
	if (pread(fd, magic, sizeof(magic), 0) < 2 ||
	    magic[0] != 0x1f || magic[1] != 0x8b)
		return INPUT_PLAIN;
	return INPUT_GZIP;
}

static void
start_gzip(struct po_input *in)
{
	in->kind = INPUT_GZIP;
	/* 16 + 15: gzip members only (a zlib or raw deflate stream is not
	 * taken for one), with the largest window. */
	if (inflateInit2(&in->z, 16 + MAX_WBITS) != Z_OK)
		po_oom();
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
	in->fd = fd;
	in->kind = kind_of_file(fd);
	if (in->kind != INPUT_PLAIN) {
		in->chunk = po_xmalloc(INPUT_CHUNK);
		in->z.next_in = in->chunk;
	}
	if (in->kind == INPUT_GZIP)
		start_gzip(in);
	*out = in;
	return 0;
}

static ssize_t
read_fd(struct po_input *in, void *buf, size_t size)
{
	ssize_t n;

	do
		n = read(in->fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		po_error(in->name, 0, 0, "read error: %s", strerror(errno));
	return n;
}

/* Reads ahead until at least `want` bytes wait in the chunk or the input
 * ends.  Returns 0, or -1 after a message. */
static int
fill(struct po_input *in, size_t want)
{
	while (in->z.avail_in < want && !in->eof) {
		size_t have = in->z.avail_in;
		ssize_t n;

		if (have > 0 && in->z.next_in != in->chunk)
			memmove(in->chunk, in->z.next_in, have);
		in->z.next_in = in->chunk;
		n = read_fd(in, in->chunk + have, INPUT_CHUNK - have);
		if (n < 0)
			return -1;
		if (n == 0)
			in->eof = true;
		in->z.avail_in = (uInt)(have + (size_t)n);
	}
	return 0;
}

static ssize_t
read_plain(struct po_input *in, void *buf, size_t size)
{
	size_t n = in->z.avail_in;

	if (n == 0)
		return read_fd(in, buf, size);
	/* What was read ahead to tell plain data from gzip goes first. */
	if (n > size)
		n = size;
	memcpy(buf, in->z.next_in, n);
	in->z.next_in += n;
	in->z.avail_in -= (uInt)n;
	return (ssize_t)n;
}

/* After a member, gzip(1) reads another one when its magic bytes follow.
 * Anything else is not part of the data: gzip and zlib's gzread pass over
 * it with at most a warning, which would let a damaged or doctored file
 * pass for a shorter one.  Returns 1 when a member follows, 0 at the end,
 * -1 after a message. */
static int
next_member(struct po_input *in)
{
	if (fill(in, 2) < 0)
		return -1;
	if (in->z.avail_in == 0)
		return 0;
	/* A lone 0x1f at the end is a member cut short: inflate says so. */
	if (in->z.next_in[0] != 0x1f ||
	    (in->z.avail_in > 1 && in->z.next_in[1] != 0x8b)) {
		po_error(in->name, 0, 0, "read error: trailing garbage after "
		    "the gzip data");
		return -1;
	}
	inflateReset(&in->z);
	in->member_ended = false;
	return 1;
}

/* Decompresses into `buf` until some output is there, the input ends, or
 * more input would have to be waited for with output in hand. */
static ssize_t
read_gzip(struct po_input *in, void *buf, size_t size)
{
	int got;

	in->z.next_out = buf;
	in->z.avail_out = (uInt)size;
	while (in->z.avail_out > 0) {
		bool produced = in->z.avail_out < size;

		if (in->member_ended) {
			if (produced)
				break;
			got = next_member(in);
			if (got <= 0)
				return got;
		}
		if (in->z.avail_in == 0) {
			if (produced || in->eof)
				break;
			if (fill(in, 1) < 0)
				return -1;
		}
		got = inflate(&in->z, Z_NO_FLUSH);
		if (got == Z_STREAM_END) {
			in->member_ended = true;
		} else if (got == Z_MEM_ERROR) {
			po_oom();
		} else if (got != Z_OK && got != Z_BUF_ERROR) {
			po_error(in->name, 0, 0, "read error: invalid gzip "
			    "data: %s", in->z.msg ? in->z.msg : "unknown error");
			return -1;
		}
	}
	if (in->z.avail_out == size && !in->member_ended) {
		/* The input ended inside a member: a cut file must not pass
		 * for a shorter one. */
		po_error(in->name, 0, 0, "read error: truncated gzip data "
		    "(unexpected end of file)");
		return -1;
	}
	return (ssize_t)(size - in->z.avail_out);
}

ssize_t
po_input_read(struct po_input *in, void *buf, size_t size)
{
	if (size > (1U << 30))
		size = 1U << 30;
	if (size == 0)
		return 0;
	if (in->kind == INPUT_UNKNOWN) {
		if (fill(in, 2) < 0)
			return -1;
		if (in->z.avail_in >= 2 && in->z.next_in[0] == 0x1f &&
		    in->z.next_in[1] == 0x8b)
			start_gzip(in);
		else
			in->kind = INPUT_PLAIN;
	}
	if (in->kind == INPUT_PLAIN)
		return read_plain(in, buf, size);
	return read_gzip(in, buf, size);
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
	if (in->kind == INPUT_GZIP)
		inflateEnd(&in->z);
	close(in->fd);
	free(in->chunk);
	free(in->name);
	free(in);
}
