/* One HTTP transfer as po-audit makes it: a curl easy handle set up with
 * the audit's limits, and what the response said that the checks need.
 * Used alone (curl_easy_perform) or inside a multi handle. */
#ifndef PO_AUDIT_FETCH_H
#define PO_AUDIT_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>

#include "audit/audit.h"

struct po_fetch {
	char *url;                      /* as requested, owned */
	CURL *easy;
	char errbuf[CURL_ERROR_SIZE];
	CURLcode result;
	enum po_audit_type type;        /* what the page loads it as */
	bool keep_body;                 /* keep any body, not only text */
	bool oversized;                 /* the body passed max_body_bytes */
	curl_off_t max_body_bytes;
	size_t decoded_bytes;           /* body bytes after decoding */

	/* The last response of the redirect chain. */
	long status;
	long http_version;              /* CURL_HTTP_VERSION_* */
	char *content_type;
	char *content_encoding;
	char *cache_control;
	char *expires;
	char *etag;
	char *last_modified;
	char *server_timing;
	char *final_url;

	/* The decoded body, when kept (text, or keep_body), or the first
	 * PO_IMAGE_HEAD_BYTES of an image. */
	char *body;
	size_t body_len;
	size_t body_cap;

	double wire_bytes;              /* body bytes as transferred */
	double header_bytes;
	double dns_ms, connect_ms, tls_ms, ttfb_ms, total_ms, redirect_ms;
	long redirects;
};

/* Makes `out` ready to fetch `url` with the options of the audit.  Returns
 * 0, or -1 when libcurl refuses the URL or an option; po_fetch_error then
 * says why, and the caller decides whether that is worth a message.
 * `fresh` makes the transfer open a connection of its own. */
int po_fetch_init(struct po_fetch *out, const char *url,
    const struct po_audit_opts *opts, bool fresh);

/* Reads the timings, sizes and final URL once the transfer has ended, and
 * records `result`. */
void po_fetch_done(struct po_fetch *f, CURLcode result);

/* Runs the transfer on the calling thread. */
void po_fetch_perform(struct po_fetch *f);

/* Whether the transfer gave a response (any status). */
bool po_fetch_ok(const struct po_fetch *f);

/* A message for a failed transfer: curl's error text or the status. */
const char *po_fetch_error(const struct po_fetch *f, char *buf, size_t size);

/* Whether a media type is text that compression pays for. */
bool po_fetch_is_text(const char *content_type);

void po_fetch_free(struct po_fetch *f);

#endif
