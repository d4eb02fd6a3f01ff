#include "config.h"

#include <stdlib.h>

#include "audit/slurp.h"
#include "lib/input.h"
#include "lib/msg.h"

int
po_slurp(char **out, size_t *len, const char *path, size_t max)
{
	struct po_input *in;
	size_t cap = 65536;
	size_t n = 0;
	char *buf;
	ssize_t got;
	int ret = -1;

	*out = NULL;
	*len = 0;
	if (po_input_open(&in, path) < 0)
		return -1;
	buf = po_xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = po_xrealloc(buf, cap + 1);
		}
		got = po_input_read(in, buf + n, cap - n);
		if (got < 0)
			goto out;
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max) {
			po_error(po_input_name(in), 0, 0, "the file is larger "
			    "than %zu bytes", max);
			goto out;
		}
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	buf = NULL;
	ret = 0;
out:
	free(buf);
	po_input_free(in);
	return ret;
}
