/* API mode: an endpoint requested --samples times, --concurrency at a
 * time over reused connections, as a load test would; the latency
 * percentiles, the throughput and the error rate are what an API's SLO is
 * written in. */
#ifndef PO_AUDIT_API_H
#define PO_AUDIT_API_H

#include "audit/audit.h"

/* Measures `url` and writes its metrics document, or an error document
 * when no request succeeded.  Returns 0 when at least one did, else -1
 * (reported). */
int po_api_audit(const char *url, const struct po_audit_opts *opts);

#endif
