/* Server-Timing (W3C Server Timing): the durations a server reports for
 * its own work, "db;dur=53, app;dur=47.2;desc=\"render\"". */
#ifndef PO_AUDIT_SERVERTIMING_H
#define PO_AUDIT_SERVERTIMING_H

#include <stddef.h>

struct po_server_timing {
	char name[64];                  /* a metric-name-safe token */
	double dur_ms;
};

/* Reads up to `max` entries with a dur of `header` into `out` and returns
 * how many.  Entries without a duration, with a name that is no token or
 * a duration that is no number are skipped: the header is the server's
 * remark, not input po-audit has to accept. */
size_t po_server_timing_parse(struct po_server_timing *out, size_t max,
    const char *header);

#endif
