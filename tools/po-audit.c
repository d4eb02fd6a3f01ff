/* po-audit: audit pages and APIs over HTTP without a browser. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <libxml/parser.h>

#include "audit/headers.h"
#include "audit/options.h"
#include "audit/run.h"
#include "audit/slurp.h"
#include "audit/targets.h"
#include "lib/cli.h"
#include "lib/msg.h"
#include "lib/stream-write.h"

#define BODY_MAX_BYTES (64u << 20)

/* Reads what the options name: headers, the request body, the lists of
 * pages.  Every bad file or line is reported; returns -1 if there was one,
 * because a run on part of its input must not look like a whole one. */
static int
load_inputs(struct po_audit_args *args, struct po_targets *targets,
    char **body)
{
	struct po_audit_opts *o = &args->opts;
	size_t body_len = 0;
	int ret = 0;

	if (args->header_file &&
	    po_headers_read_file(&o->headers, args->header_file) < 0)
		ret = -1;
	if (args->header_env &&
	    po_headers_read_env(&o->headers, args->header_env) < 0)
		ret = -1;
	if (args->body_file) {
		if (po_slurp(body, &body_len, args->body_file,
		    BODY_MAX_BYTES) < 0)
			ret = -1;
		o->body = *body;
		o->body_len = body_len;
	}
	for (int i = 0; i < args->nurls; i++)
		if (po_targets_add(targets, args->urls[i],
		    strlen(args->urls[i]), NULL, 0, 0, o->allow_file) < 0)
			ret = -1;
	for (int i = 0; i < args->nurl_files; i++)
		if (po_targets_read_file(targets, args->url_files[i],
		    o->allow_file) < 0)
			ret = -1;
	for (int i = 0; i < args->nsitemaps; i++)
		if (po_targets_read_sitemap(targets, args->sitemaps[i], o) < 0)
			ret = -1;
	return ret;
}

int
main(int argc, char **argv)
{
	struct po_audit_args args;
	struct po_targets targets = { 0 };
	char *body = NULL;

	po_cli_init(argv[0]);
	po_audit_options_parse(&args, argc, argv);
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		po_error(NULL, 0, 0, "libcurl cannot be initialised");
		return po_msg_finish();
	}
	xmlInitParser();
	if (load_inputs(&args, &targets, &body) < 0)
		goto out;
	if (targets.n == 0) {
		po_error(NULL, 0, 0, "no page to audit");
		goto out;
	}
	if (args.opts.insecure)
		po_warn(NULL, 0, 0, "--insecure: TLS certificates are not "
		    "verified, anyone on the path can answer for the server");
	/* Each target that fails has an error document and fails a gate
	 * downstream; only a run that measured nothing is bad input. */
	if (po_audit_run(&targets, &args.opts) == 0)
		po_error(NULL, 0, 0, "nothing could be audited");
out:
	po_targets_free(&targets);
	curl_slist_free_all(args.opts.headers);
	free(args.url_files);
	free(args.sitemaps);
	free(body);
	po_doc_cleanup();
	xmlCleanupParser();
	curl_global_cleanup();
	return po_msg_finish();
}
