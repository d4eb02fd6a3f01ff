#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/fetch.h"
#include "audit/imagesize.h"
#include "lib/msg.h"

#define USER_AGENT "po-audit/" PACKAGE_VERSION " (+performance gate; " \
	"https://po.invalid/po-audit)"

bool
po_fetch_is_text(const char *content_type)
{
	static const char *const text_types[] = {
		"text/", "application/javascript", "application/json",
		"application/xml", "application/xhtml+xml", "image/svg+xml",
		"application/x-javascript", "application/ld+json",
		"application/manifest+json", "font/ttf", "font/otf", NULL
	};

	if (content_type == NULL)
		return false;
	for (size_t i = 0; text_types[i]; i++)
		if (strncasecmp(content_type, text_types[i],
		    strlen(text_types[i])) == 0)
			return true;
	return false;
}

/* Keeps a header's value, trimmed; a repeated header (Cache-Control may be
 * sent twice) is joined with ", " as RFC 9110 allows. */
static void
keep_header(char **slot, const char *value, size_t len)
{
	while (len > 0 && isspace((unsigned char)value[len - 1]))
		len--;
	while (len > 0 && isspace((unsigned char)*value)) {
		value++;
		len--;
	}
	if (*slot == NULL) {
		*slot = po_xstrndup(value, len);
	} else {
		size_t old = strlen(*slot);

		*slot = po_xrealloc(*slot, old + len + 3);
		memcpy(*slot + old, ", ", 2);
		memcpy(*slot + old + 2, value, len);
		(*slot)[old + 2 + len] = '\0';
	}
}

static void
clear_headers(struct po_fetch *f)
{
	char **slots[] = { &f->content_type, &f->content_encoding,
	    &f->cache_control, &f->expires, &f->etag, &f->last_modified,
	    &f->server_timing };

	for (size_t i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		free(*slots[i]);
		*slots[i] = NULL;
	}
}

/* Called once per header line of every response of the redirect chain:
 * a status line starts a new response, so only the last one's headers
 * are kept. */
static size_t
on_header(char *line, size_t size, size_t nitems, void *userdata)
{
	static const struct {
		const char *name;
		size_t offset;
	} wanted[] = {
		{ "content-type", offsetof(struct po_fetch, content_type) },
		{ "content-encoding",
		  offsetof(struct po_fetch, content_encoding) },
		{ "cache-control", offsetof(struct po_fetch, cache_control) },
		{ "expires", offsetof(struct po_fetch, expires) },
		{ "etag", offsetof(struct po_fetch, etag) },
		{ "last-modified", offsetof(struct po_fetch, last_modified) },
		{ "server-timing", offsetof(struct po_fetch, server_timing) },
	};
	struct po_fetch *f = userdata;
	size_t len = size * nitems;
	const char *colon = memchr(line, ':', len);

	if (len >= 5 && memcmp(line, "HTTP/", 5) == 0) {
		clear_headers(f);
		return len;
	}
	if (colon == NULL)
		return len;
	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++) {
		size_t nlen = strlen(wanted[i].name);

		if ((size_t)(colon - line) == nlen &&
		    strncasecmp(line, wanted[i].name, nlen) == 0) {
			keep_header((char **)((char *)f + wanted[i].offset),
			    colon + 1, len - nlen - 1);
			break;
		}
	}
	return len;
}

/* Keeps the body of text responses (the HTML, stylesheets, what the
 * compression check weighs) and the head of images, and drops the rest.  A body past the limit
 * ends the transfer: returning a short count makes curl fail it, which is
 * how an endless body is stopped. */
static size_t
on_body(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct po_fetch *f = userdata;
	size_t len = size * nmemb;
	size_t keep = len;

	if ((curl_off_t)(f->decoded_bytes + len) > f->max_body_bytes) {
		f->oversized = true;
		return 0;
	}
	f->decoded_bytes += len;
	/* Of an image, its header is enough for its size. */
	if (f->type == AUDIT_IMAGE && !f->keep_body &&
	    !po_fetch_is_text(f->content_type)) {
		if (f->body_len >= PO_IMAGE_HEAD_BYTES)
			return len;
		if (len > PO_IMAGE_HEAD_BYTES - f->body_len)
			keep = PO_IMAGE_HEAD_BYTES - f->body_len;
	} else if (!f->keep_body && !po_fetch_is_text(f->content_type)) {
		return len;
	}
	if (f->body_len + keep + 1 > f->body_cap) {
		f->body_cap = (f->body_len + keep + 1) * 2;
		f->body = po_xrealloc(f->body, f->body_cap);
	}
	memcpy(f->body + f->body_len, data, keep);
	f->body_len += keep;
	f->body[f->body_len] = '\0';
	return len;
}

/* Only http and https, unless --allow-file lets file:// serve a local
 * build; redirects may never leave for another scheme. */
static const char *
protocols(const struct po_audit_opts *opts)
{
	return opts->allow_file ? "http,https,file" : "http,https";
}

int
po_fetch_init(struct po_fetch *out, const char *url,
    const struct po_audit_opts *opts, bool fresh)
{
	CURL *easy;
	CURLcode rc = CURLE_OK;

	memset(out, 0, sizeof(*out));
	out->url = po_xstrdup(url);
	out->max_body_bytes = opts->max_body_bytes;
	out->result = CURLE_FAILED_INIT;
	easy = curl_easy_init();
	if (easy == NULL)
		po_oom();
	out->easy = easy;
#define SET(opt, val) if (rc == CURLE_OK) rc = curl_easy_setopt(easy, opt, val)
	SET(CURLOPT_URL, url);
	SET(CURLOPT_PRIVATE, out);
	SET(CURLOPT_ERRORBUFFER, out->errbuf);
	SET(CURLOPT_PROTOCOLS_STR, protocols(opts));
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, opts->max_redirects);
	SET(CURLOPT_CONNECTTIMEOUT_MS, opts->connect_timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, opts->timeout_ms);
	SET(CURLOPT_MAXFILESIZE_LARGE, opts->max_body_bytes);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_USERAGENT, USER_AGENT);
	SET(CURLOPT_HTTPHEADER, opts->headers);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, out);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, out);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	SET(CURLOPT_PIPEWAIT, 1L);
	if (opts->cacert)
		SET(CURLOPT_CAINFO, opts->cacert);
	if (opts->insecure) {
		SET(CURLOPT_SSL_VERIFYPEER, 0L);
		SET(CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (fresh) {
		SET(CURLOPT_FRESH_CONNECT, 1L);
		SET(CURLOPT_FORBID_REUSE, 1L);
		SET(CURLOPT_DNS_CACHE_TIMEOUT, 0L);
	}
#undef SET
	if (rc != CURLE_OK) {
		snprintf(out->errbuf, sizeof(out->errbuf), "%s",
		    curl_easy_strerror(rc));
		out->result = rc;
		return -1;
	}
	return 0;
}

static double
info_ms(CURL *easy, CURLINFO what)
{
	curl_off_t us = 0;

	curl_easy_getinfo(easy, what, &us);
	return (double)us / 1000.0;
}

/* curl's times are cumulative from the start; each phase is the
 * difference with the one before, 0 when the phase did not happen (a
 * reused connection has no DNS, connect or TLS time). */
static double
phase(double end, double start)
{
	return end > start ? end - start : 0;
}

void
po_fetch_done(struct po_fetch *f, CURLcode result)
{
	CURL *easy = f->easy;
	curl_off_t n = 0;
	long header_size = 0;
	char *final = NULL;
	double dns, connect, tls;

	f->result = result;
	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &f->status);
	curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &f->http_version);
	curl_easy_getinfo(easy, CURLINFO_REDIRECT_COUNT, &f->redirects);
	curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &n);
	curl_easy_getinfo(easy, CURLINFO_HEADER_SIZE, &header_size);
	curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &final);
	f->wire_bytes = (double)n;
	f->header_bytes = (double)header_size;
	free(f->final_url);
	f->final_url = po_xstrdup(final ? final : f->url);
	dns = info_ms(easy, CURLINFO_NAMELOOKUP_TIME_T);
	connect = info_ms(easy, CURLINFO_CONNECT_TIME_T);
	tls = info_ms(easy, CURLINFO_APPCONNECT_TIME_T);
	f->redirect_ms = info_ms(easy, CURLINFO_REDIRECT_TIME_T);
	f->dns_ms = dns;
	f->connect_ms = phase(connect, dns);
	f->tls_ms = tls > 0 ? phase(tls, connect) : 0;
	/* As curl's time_starttransfer: with redirects, curl adds up the
	 * steps, so the first byte of the final response is what a user
	 * waits for. */
	f->ttfb_ms = info_ms(easy, CURLINFO_STARTTRANSFER_TIME_T);
	f->total_ms = info_ms(easy, CURLINFO_TOTAL_TIME_T);
}

void
po_fetch_perform(struct po_fetch *f)
{
	po_fetch_done(f, curl_easy_perform(f->easy));
}

bool
po_fetch_ok(const struct po_fetch *f)
{
	/* A file: URL has no status: a read file is its success. */
	return f->result == CURLE_OK && !f->oversized;
}

const char *
po_fetch_error(const struct po_fetch *f, char *buf, size_t size)
{
	if (f->oversized)
		snprintf(buf, size, "the body is larger than the limit of "
		    "%lld bytes", (long long)f->max_body_bytes);
	else if (f->result != CURLE_OK)
		snprintf(buf, size, "%s", f->errbuf[0] ? f->errbuf :
		    curl_easy_strerror(f->result));
	else
		snprintf(buf, size, "HTTP status %ld", f->status);
	/* po's messages start in lower case; curl's do not. */
	if (f->result != CURLE_OK && !f->oversized && buf[0] != '\0' &&
	    islower((unsigned char)buf[1]))
		buf[0] = (char)tolower((unsigned char)buf[0]);
	return buf;
}

void
po_fetch_free(struct po_fetch *f)
{
	if (f == NULL)
		return;
	clear_headers(f);
	if (f->easy)
		curl_easy_cleanup(f->easy);
	free(f->url);
	free(f->final_url);
	free(f->body);
	memset(f, 0, sizeof(*f));
}
