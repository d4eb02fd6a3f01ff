/* yajl-scan: the bare cost of reading JSON files with yajl, the floor that
 * po-lighthouse-parse is measured against by `make bench`.
 *
 * Usage: yajl-scan [-c] [-m] [-b BYTES] FILE...
 *
 * Each file is read with read(2) in 64 KiB chunks (-b: another size) into
 * yajl_parse and finished with yajl_complete_parse, single-threaded,
 * keeping nothing.  Without -c every callback is NULL, so yajl only lexes
 * and validates (the least any yajl reader can pay); with -c every callback
 * is a no-op that returns 1, which also makes yajl decode every string and
 * hand over every number and key, as it does for a reader that looks at the
 * values.  -b is there because the chunk size matters: yajl lexes a token
 * that spans chunks again from its start with every new chunk, so a long
 * string (a screenshot) costs more with small chunks.  -m reads a sequence
 * of documents, as newline-delimited JSON is (k6's --out json points).
 * Exit 0, or 2 after a message when a file cannot be read or is not JSON. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_parse.h>

static int
on_null(void *ctx)
{
	return 1;
}

static int
on_boolean(void *ctx, int value)
{
	return 1;
}

static int
on_number(void *ctx, const char *text, size_t len)
{
	return 1;
}

static int
on_string(void *ctx, const unsigned char *text, size_t len)
{
	return 1;
}

static int
on_container(void *ctx)
{
	return 1;
}

static int
on_key(void *ctx, const unsigned char *key, size_t len)
{
	return 1;
}

static const yajl_callbacks noop_callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_boolean,
	.yajl_number = on_number,
	.yajl_string = on_string,
	.yajl_start_map = on_container,
	.yajl_map_key = on_key,
	.yajl_end_map = on_container,
	.yajl_start_array = on_container,
	.yajl_end_array = on_container,
};

static const yajl_callbacks null_callbacks;

/* -m: the input is a sequence of documents. */
static int multiple_values;

static void
report(const char *path, yajl_handle handle, const unsigned char *chunk,
    size_t len)
{
	unsigned char *err = yajl_get_error(handle, 0, chunk, len);

	fprintf(stderr, "yajl-scan: %s: %s", path, (char *)err);
	yajl_free_error(handle, err);
}

/* Returns 0, or -1 after a message. */
static int
scan_file(const char *path, const yajl_callbacks *callbacks,
    unsigned char *chunk, size_t chunk_bytes)
{
	yajl_handle handle;
	ssize_t n;
	int fd;
	int ret = -1;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "yajl-scan: %s: %s\n", path, strerror(errno));
		return -1;
	}
	handle = yajl_alloc(callbacks, NULL, NULL);
	if (handle == NULL) {
		fprintf(stderr, "yajl-scan: out of memory\n");
		goto out;
	}
	if (multiple_values)
		yajl_config(handle, yajl_allow_multiple_values, 1);
	while ((n = read(fd, chunk, chunk_bytes)) > 0) {
		if (yajl_parse(handle, chunk, (size_t)n) != yajl_status_ok) {
			report(path, handle, chunk, (size_t)n);
			goto out;
		}
	}
	if (n < 0) {
		fprintf(stderr, "yajl-scan: %s: %s\n", path, strerror(errno));
		goto out;
	}
	if (yajl_complete_parse(handle) != yajl_status_ok) {
		report(path, handle, NULL, 0);
		goto out;
	}
	ret = 0;
out:
	if (handle != NULL)
		yajl_free(handle);
	close(fd);
	return ret;
}

static int
usage(void)
{
	fprintf(stderr, "usage: yajl-scan [-c] [-m] [-b BYTES] FILE...\n");
	return 2;
}

int
main(int argc, char **argv)
{
	const yajl_callbacks *callbacks = &null_callbacks;
	unsigned long chunk_bytes = 64 * 1024;
	unsigned char *chunk;
	char *end;
	int status = 0;
	int opt;

	while ((opt = getopt(argc, argv, "cmb:")) != -1) {
		switch (opt) {
		case 'm':
			multiple_values = 1;
			break;
		case 'c':
			callbacks = &noop_callbacks;
			break;
		case 'b':
			errno = 0;
			chunk_bytes = strtoul(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || chunk_bytes == 0 ||
			    chunk_bytes > (1UL << 30))
				return usage();
			break;
		default:
			return usage();
		}
	}
	if (optind >= argc)
		return usage();
	chunk = malloc(chunk_bytes);
	if (chunk == NULL) {
		fprintf(stderr, "yajl-scan: out of memory\n");
		return 2;
	}
	for (int i = optind; i < argc; i++)
		if (scan_file(argv[i], callbacks, chunk, chunk_bytes) < 0)
			status = 2;
	free(chunk);
	return status;
}
