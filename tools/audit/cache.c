#include "config.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "audit/cache.h"
#include "lib/num.h"

/* Finds directive `name` in the comma-separated list; its value (after
 * '=') through `value`, when it has one. */
static bool
directive(const char *list, const char *name, const char **value,
    size_t *len)
{
	size_t nlen = strlen(name);
	const char *p = list;

	while (p && *p) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		if (strncasecmp(p, name, nlen) == 0 &&
		    (p[nlen] == '\0' || p[nlen] == ',' || p[nlen] == '=' ||
		    isspace((unsigned char)p[nlen]))) {
			const char *v = p + nlen;

			*value = NULL;
			*len = 0;
			if (*v == '=') {
				v++;
				if (*v == '"')
					v++;
				*value = v;
				*len = strcspn(v, "\",");
			}
			return true;
		}
		p = strchr(p, ',');
	}
	return false;
}

double
po_cache_lifetime(const char *cache_control, const char *expires)
{
	const char *v;
	size_t len;
	double seconds;

	if (cache_control) {
		if (directive(cache_control, "no-store", &v, &len) ||
		    directive(cache_control, "no-cache", &v, &len))
			return 0;
		if (directive(cache_control, "max-age", &v, &len))
			return v && po_num_parse(&seconds, v, len) == 0 &&
			    seconds > 0 ? seconds : 0;
	}
	if (expires) {
		time_t when = curl_getdate(expires, NULL);

		if (when != -1 && when > time(NULL))
			return difftime(when, time(NULL));
	}
	return 0;
}
