#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "audit/servertiming.h"
#include "lib/num.h"

static bool
token_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.';
}

static size_t
trimmed(const char **s, size_t len)
{
	while (len > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)(*s)[len - 1]))
		len--;
	return len;
}

/* One "name;param=value;..." entry of `len` bytes. */
static bool
parse_entry(struct po_server_timing *out, const char *entry, size_t len)
{
	const char *semi = memchr(entry, ';', len);
	const char *name = entry;
	size_t nlen = trimmed(&name, semi ? (size_t)(semi - entry) : len);
	bool has_dur = false;

	if (nlen == 0 || nlen >= sizeof(out->name))
		return false;
	for (size_t i = 0; i < nlen; i++)
		if (!token_char(name[i]))
			return false;
	memcpy(out->name, name, nlen);
	out->name[nlen] = '\0';
	while (semi) {
		const char *param = semi + 1;
		const char *end = entry + len;
		const char *next = memchr(param, ';', (size_t)(end - param));
		size_t plen = (size_t)((next ? next : end) - param);

		plen = trimmed(&param, plen);
		if (plen > 4 && strncasecmp(param, "dur=", 4) == 0) {
			const char *v = param + 4;
			size_t vlen = plen - 4;

			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			has_dur = po_num_parse(&out->dur_ms, v, vlen) == 0 &&
			    out->dur_ms >= 0;
		}
		semi = next;
	}
	return has_dur;
}

size_t
po_server_timing_parse(struct po_server_timing *out, size_t max,
    const char *header)
{
	size_t n = 0;
	const char *p = header;

	while (p && *p && n < max) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (parse_entry(&out[n], p, len)) {
			bool dup = false;

			for (size_t i = 0; i < n; i++)
				dup = dup || strcmp(out[i].name, out[n].name) == 0;
			if (!dup)
				n++;
		}
		p = comma ? comma + 1 : NULL;
	}
	return n;
}
