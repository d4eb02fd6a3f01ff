/* The pages to audit: URLs from the command line, from a file of URLs,
 * and from sitemaps. */
#ifndef PO_AUDIT_TARGETS_H
#define PO_AUDIT_TARGETS_H

#include <stdbool.h>
#include <stddef.h>

#include "audit/audit.h"

/* Sitemaps may hold 50,000 URLs (sitemaps.org); po-audit audits at most
 * this many pages in one run, so that a hostile sitemap cannot make it
 * run for ever. */
#define PO_TARGETS_MAX 50000

struct po_targets {
	char **urls;
	size_t n;
};

/* Adds `url` when it is an http or https URL (file too with --allow-file);
 * otherwise reports it at file:line:col (file NULL: the command line) and
 * returns -1. */
int po_targets_add(struct po_targets *t, const char *url, size_t len,
    const char *file, long line, long col, bool allow_file);

/* Adds the URLs of a file, one a line; blank lines and lines starting with
 * '#' are skipped.  Each bad line is reported; returns -1 if there was
 * one or the file cannot be read. */
int po_targets_read_file(struct po_targets *t, const char *path,
    bool allow_file);

/* Adds the <loc> of every <url> of a sitemap, a file or an http(s) URL;
 * the sitemaps of a sitemap index are read in turn.  Returns -1 after
 * reporting a sitemap that cannot be read or is not a sitemap. */
int po_targets_read_sitemap(struct po_targets *t, const char *where,
    const struct po_audit_opts *opts);

void po_targets_free(struct po_targets *t);

#endif
