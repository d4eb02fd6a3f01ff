#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "audit/url.h"
#include "lib/msg.h"

static bool
scheme_ok(const char *scheme, bool allow_file)
{
	return strcasecmp(scheme, "http") == 0 ||
	    strcasecmp(scheme, "https") == 0 ||
	    (allow_file && strcasecmp(scheme, "file") == 0);
}

int
po_url_resolve(char **out, const char *base, const char *ref)
{
	CURLU *u = curl_url();
	char *scheme = NULL;
	char *text = NULL;
	int ret = -1;

	*out = NULL;
	if (u == NULL)
		po_oom();
	if (curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK)
		goto out;
	/* A relative reference is resolved against what the handle holds. */
	if (curl_url_set(u, CURLUPART_URL, ref, CURLU_URLENCODE) !=
	    CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    !scheme_ok(scheme, true))
		goto out;
	curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
	if (curl_url_get(u, CURLUPART_URL, &text, 0) != CURLUE_OK)
		goto out;
	*out = po_xstrdup(text);
	ret = 0;
out:
	curl_free(scheme);
	curl_free(text);
	curl_url_cleanup(u);
	return ret;
}

int
po_url_origin(char **out, const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL;
	int ret = -1;

	*out = NULL;
	if (u == NULL)
		po_oom();
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		host = NULL;
	if (curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) !=
	    CURLUE_OK)
		port = NULL;
	*out = po_xmalloc(strlen(scheme) + (host ? strlen(host) : 0) +
	    (port ? strlen(port) : 0) + 8);
	sprintf(*out, "%s://%s%s%s", scheme, host ? host : "",
	    port ? ":" : "", port ? port : "");
	ret = 0;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return ret;
}

bool
po_url_acceptable(const char *url, bool allow_file)
{
	CURLU *u = curl_url();
	char *scheme = NULL;
	bool ok;

	if (u == NULL)
		po_oom();
	ok = curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    scheme_ok(scheme, allow_file);
	curl_free(scheme);
	curl_url_cleanup(u);
	return ok;
}

char *
po_url_display(const char *url)
{
	CURLU *u = curl_url();
	char *text = NULL;
	char *copy;

	if (u == NULL)
		po_oom();
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_USER, NULL, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_PASSWORD, NULL, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &text, 0) == CURLUE_OK) {
		copy = po_xstrdup(text);
		curl_free(text);
	} else {
		copy = po_xstrdup(url);
	}
	curl_url_cleanup(u);
	return copy;
}
