#include "config.h"

#include <argp.h>
#include <stdlib.h>
#include <string.h>

#include "audit/options.h"
#include "lib/msg.h"
#include "lib/num.h"

enum {
	OPT_API = 0x100, OPT_BODY, OPT_HEADER_ENV, OPT_SITEMAP, OPT_CACERT,
	OPT_ALLOW_FILE, OPT_SAME_ORIGIN, OPT_CONNECT_TIMEOUT, OPT_TIMEOUT,
	OPT_MAX_SIZE, OPT_MAX_REDIRECTS, OPT_HOST_CONNECTIONS
};

enum { GROUP_INPUT = 1, GROUP_MEASURE, GROUP_API, GROUP_SAFETY };

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "What to audit:", GROUP_INPUT },
	{ "urls", 'f', "FILE", 0, "audit the URLs of FILE, one a line", 0 },
	{ "sitemap", OPT_SITEMAP, "FILE|URL", 0,
	  "audit the pages of a sitemap or sitemap index", 0 },
	{ "allow-file", OPT_ALLOW_FILE, NULL, 0,
	  "accept file:// URLs (a local build)", 0 },
	{ NULL, 0, NULL, 0, "How to measure:", GROUP_MEASURE },
	{ "samples", 's', "N", 0, "fetch each page or endpoint N times "
	  "(default 1; 20 with --api)", 0 },
	{ "jobs", 'j', "N", 0, "audit N pages at a time (default 4)", 0 },
	{ "host-connections", OPT_HOST_CONNECTIONS, "N", 0,
	  "open at most N connections to one host (default 6)", 0 },
	{ "same-origin", OPT_SAME_ORIGIN, NULL, 0, "do not fetch third-party "
	  "subresources (they are still counted)", 0 },
	{ "header-file", 'H', "FILE", 0, "send the 'Name: value' headers of "
	  "FILE", 0 },
	{ "header-env", OPT_HEADER_ENV, "VAR", 0, "send the 'Name: value' "
	  "headers held by environment variable VAR", 0 },
	{ NULL, 0, NULL, 0, "API mode:", GROUP_API },
	{ "api", OPT_API, NULL, 0, "measure endpoints: latency percentiles, "
	  "throughput and error rate", 0 },
	{ "concurrency", 'c', "N", 0, "N requests in flight (default 1)", 0 },
	{ "method", 'X', "METHOD", 0, "the request method (default GET)", 0 },
	{ "body", OPT_BODY, "FILE", 0, "send the content of FILE as the "
	  "request body", 0 },
	{ NULL, 0, NULL, 0, "Limits and TLS:", GROUP_SAFETY },
	{ "connect-timeout", OPT_CONNECT_TIMEOUT, "MS", 0,
	  "give up connecting after MS (default 10s)", 0 },
	{ "timeout", OPT_TIMEOUT, "MS", 0, "give up a transfer after MS "
	  "(default 30s)", 0 },
	{ "max-size", OPT_MAX_SIZE, "BYTES", 0, "refuse a body larger than "
	  "BYTES (default 10MiB)", 0 },
	{ "max-redirects", OPT_MAX_REDIRECTS, "N", 0, "follow at most N "
	  "redirects (default 5)", 0 },
	{ "cacert", OPT_CACERT, "FILE", 0, "trust the CA certificates of "
	  "FILE", 0 },
	{ "insecure", 'k', NULL, 0, "do not verify TLS certificates", 0 },
	{ NULL, 0, NULL, 0, NULL, 0 }
};

static const char program_doc[] =
    "Audit web pages and APIs over HTTP without a browser and write the po "
    "stream: for each page a metrics document (timings, the resource "
    "summary by type, first and third party) and its findings, for each "
    "endpoint in API mode its latency percentiles, throughput and error "
    "rate; an error document for what could not be fetched."
    "\v"
    "Example:\n"
    "  po-audit -s 5 https://example.com/ | po-budget -b budget.json | "
    "po-report -f markdown";

static unsigned
count_arg(const char *arg, unsigned min, unsigned max,
    struct argp_state *state)
{
	double n;

	/* The range first: converting a double out of it is undefined. */
	if (po_num_parse(&n, arg, strlen(arg)) < 0 || n < min || n > max ||
	    n != (unsigned)n)
		argp_error(state, "'%s' is not a whole number from %u to %u",
		    arg, min, max);
	return (unsigned)n;
}

static double
unit_arg(const char *arg, const char *unit, struct argp_state *state)
{
	double v;

	if (po_num_parse_unit(&v, arg, unit) < 0 || v <= 0 || v > 1e12)
		argp_error(state, "'%s' is not a positive %s", arg,
		    strcmp(unit, "ms") == 0 ? "duration" : "size");
	return v;
}

static void
push(const char ***list, int *n, const char *item)
{
	*list = po_xrealloc(*list, (size_t)(*n + 1) * sizeof(char *));
	(*list)[(*n)++] = item;
}

static error_t
parse_opt(int key, char *arg, struct argp_state *state)
{
	struct po_audit_args *args = state->input;
	struct po_audit_opts *o = &args->opts;

	switch (key) {
	case 'f':
		push(&args->url_files, &args->nurl_files, arg);
		break;
	case OPT_SITEMAP:
		push(&args->sitemaps, &args->nsitemaps, arg);
		break;
	case OPT_ALLOW_FILE:
		o->allow_file = true;
		break;
	case 's':
		o->samples = count_arg(arg, 1, 100000, state);
		break;
	case 'j':
		o->jobs = count_arg(arg, 1, 64, state);
		break;
	case OPT_HOST_CONNECTIONS:
		o->host_connections = count_arg(arg, 1, 64, state);
		break;
	case OPT_SAME_ORIGIN:
		o->same_origin = true;
		break;
	case 'H':
		args->header_file = arg;
		break;
	case OPT_HEADER_ENV:
		args->header_env = arg;
		break;
	case OPT_API:
		o->api = true;
		break;
	case 'c':
		o->concurrency = count_arg(arg, 1, 1000, state);
		break;
	case 'X':
		if (arg[0] == '\0' || arg[strspn(arg,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ")] != '\0')
			argp_error(state, "'%s' is not a method in capitals",
			    arg);
		o->method = arg;
		break;
	case OPT_BODY:
		args->body_file = arg;
		break;
	case OPT_CONNECT_TIMEOUT:
		o->connect_timeout_ms = (long)unit_arg(arg, "ms", state);
		break;
	case OPT_TIMEOUT:
		o->timeout_ms = (long)unit_arg(arg, "ms", state);
		break;
	case OPT_MAX_SIZE:
		o->max_body_bytes = (curl_off_t)unit_arg(arg, "bytes", state);
		break;
	case OPT_MAX_REDIRECTS:
		o->max_redirects = count_arg(arg, 0, 50, state);
		break;
	case OPT_CACERT:
		o->cacert = arg;
		break;
	case 'k':
		o->insecure = true;
		break;
	case ARGP_KEY_ARGS:
		args->urls = state->argv + state->next;
		args->nurls = state->argc - state->next;
		break;
	case ARGP_KEY_END:
		if (args->nurls == 0 && args->nurl_files == 0 &&
		    args->nsitemaps == 0)
			argp_error(state, "no URL, --urls or --sitemap to audit");
		if (!o->api && (o->method || args->body_file ||
		    o->concurrency))
			argp_error(state, "--method, --body and --concurrency "
			    "need --api");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

void
po_audit_options_parse(struct po_audit_args *args, int argc, char **argv)
{
	static const struct argp argp = { options, parse_opt,
		"[URL...]", program_doc, NULL, NULL, NULL };
	struct po_audit_opts *o = &args->opts;

	memset(args, 0, sizeof(*args));
	o->connect_timeout_ms = 10000;
	o->timeout_ms = 30000;
	o->max_body_bytes = 10 << 20;
	o->max_redirects = 5;
	o->jobs = 4;
	o->host_connections = 6;
	argp_parse(&argp, argc, argv, 0, NULL, args);
	if (o->samples == 0)
		o->samples = o->api ? 20 : 1;
	if (o->method == NULL)
		o->method = args->body_file ? "POST" : "GET";
	if (o->concurrency == 0)
		o->concurrency = 1;
	if (o->api)
		o->host_connections = o->concurrency;
}
