/* What every part of po-audit shares: the options that decide how a page or
 * an endpoint is fetched, and the resource types of Lighthouse's resource
 * summary, so that one budget.json applies to both tools. */
#ifndef PO_AUDIT_H
#define PO_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>

/* The resource types of Lighthouse's resource-summary audit, in its order.
 * AUDIT_ICON is fetched and counted in "requests" but, as in Lighthouse,
 * not in the summary. */
enum po_audit_type {
	AUDIT_DOCUMENT,
	AUDIT_SCRIPT,
	AUDIT_STYLESHEET,
	AUDIT_IMAGE,
	AUDIT_MEDIA,
	AUDIT_FONT,
	AUDIT_OTHER,
	AUDIT_ICON,
	AUDIT_NTYPES
};

/* The name of `type` in metric names ("script"); AUDIT_ICON is "other". */
const char *po_audit_type_name(enum po_audit_type type);

struct po_audit_opts {
	long connect_timeout_ms;
	long timeout_ms;
	curl_off_t max_body_bytes;
	long max_redirects;
	bool insecure;
	bool allow_file;
	bool same_origin;
	const char *cacert;
	struct curl_slist *headers;     /* owned by main */
	unsigned samples;
	unsigned jobs;                  /* pages audited at the same time */
	unsigned host_connections;      /* per host, for subresources */
	/* API mode */
	bool api;
	const char *method;
	const char *body;               /* NULL: no request body */
	size_t body_len;
	unsigned concurrency;
};

#endif
