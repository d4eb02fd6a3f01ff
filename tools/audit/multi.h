/* Many transfers at once over curl's multi interface: connections are
 * reused and multiplexed over HTTP/2, and at most a few are open to one
 * host, as a browser does. */
#ifndef PO_AUDIT_MULTI_H
#define PO_AUDIT_MULTI_H

#include "audit/audit.h"
#include "audit/fetch.h"

struct po_multi;

/* Called when a transfer has ended (po_fetch_done has run on it); it may
 * add more transfers. */
typedef void (*po_multi_done_fn)(struct po_fetch *f, void *ctx);

struct po_multi *po_multi_new(const struct po_audit_opts *opts);

/* Starts `f` (borrowed: it must outlive the run). */
void po_multi_add(struct po_multi *m, struct po_fetch *f);

/* Runs every transfer to its end, calling `done` for each. */
void po_multi_run(struct po_multi *m, po_multi_done_fn done, void *ctx);

void po_multi_free(struct po_multi *m);

#endif
