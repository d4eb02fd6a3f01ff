/* po-audit's command line: what the options decide. */
#ifndef PO_AUDIT_OPTIONS_H
#define PO_AUDIT_OPTIONS_H

#include "audit/audit.h"

struct po_audit_args {
	struct po_audit_opts opts;
	char **urls;                    /* operands, borrowed from argv */
	int nurls;
	const char **url_files;
	int nurl_files;
	const char **sitemaps;
	int nsitemaps;
	const char *header_file;
	const char *header_env;
	const char *body_file;
};

/* Parses the command line into `args` (argp exits 2 on a usage error).
 * The caller frees args->url_files and args->sitemaps. */
void po_audit_options_parse(struct po_audit_args *args, int argc, char **argv);

#endif
