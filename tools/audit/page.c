#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/css.h"
#include "audit/multi.h"
#include "audit/page.h"
#include "audit/url.h"
#include "lib/msg.h"

/* The site of an origin "scheme://host:port": the last two labels of the
 * host, or all of it for an IP address, which is how Lighthouse's entity
 * list groups a site's own CDN hosts with it, near enough without the
 * public suffix list. */
static const char *
site_of(const char *origin, size_t *len)
{
	const char *host = strstr(origin, "://");
	const char *end, *dot;
	int dots = 0;
	bool numeric = true;

	host = host ? host + 3 : origin;
	end = host[0] == '[' ? strchr(host, ']') : strrchr(host, ':');
	if (end == NULL || end < host)
		end = host + strlen(host);
	else if (host[0] == '[')
		end++;
	for (const char *p = host; p < end; p++)
		if (!isdigit((unsigned char)*p) && *p != '.')
			numeric = false;
	if (numeric || host[0] == '[') {
		*len = (size_t)(end - host);
		return host;
	}
	for (dot = end; dot > host; dot--)
		if (dot[-1] == '.' && ++dots == 2)
			break;
	*len = (size_t)(end - dot);
	return dot;
}

bool
po_page_third_party(const struct po_page *page, const char *url)
{
	char *origin;
	const char *a, *b;
	size_t alen, blen;
	bool third;

	if (page->origin == NULL || po_url_origin(&origin, url) < 0)
		return false;
	a = site_of(page->origin, &alen);
	b = site_of(origin, &blen);
	third = alen != blen || strncasecmp(a, b, alen) != 0;
	free(origin);
	return third;
}

static void
fail(struct po_page *page, const char *code, const char *what)
{
	char *shown = po_url_display(page->url);

	po_warn(NULL, 0, 0, "%s: %s", shown, what);
	free(shown);
	page->error = po_xstrdup(what);
	page->error_code = code;
}

/* The code of an error document, after Lighthouse's runtime errors where
 * one fits. */
static const char *
error_code(const struct po_fetch *f)
{
	if (f->oversized)
		return "BODY_TOO_LARGE";
	switch (f->result) {
	case CURLE_OK:
		return "ERRORED_DOCUMENT_REQUEST";
	case CURLE_TOO_MANY_REDIRECTS:
		return "REDIRECT_LOOP";
	case CURLE_OPERATION_TIMEDOUT:
		return "TIMEOUT";
	case CURLE_FILESIZE_EXCEEDED:
		return "BODY_TOO_LARGE";
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CACERT_BADFILE:
		return "INSECURE_DOCUMENT_REQUEST";
	case CURLE_COULDNT_RESOLVE_HOST:
		return "DNS_FAILURE";
	default:
		return "FAILED_DOCUMENT_REQUEST";
	}
}

/* A document that is an HTTP error, or no response at all, is no page: a
 * gate downstream must not pass it. */
static int
check_document(struct po_page *page, const struct po_fetch *f,
    unsigned sample)
{
	char msg[CURL_ERROR_SIZE + 64];
	char what[CURL_ERROR_SIZE + 128];

	if (f->result == CURLE_OK && !f->oversized && (f->status == 0 ||
	    f->status < 400))
		return 0;
	po_fetch_error(f, msg, sizeof(msg));
	if (page->nsamples > 1)
		snprintf(what, sizeof(what), "sample %u of %u: %s", sample + 1,
		    page->nsamples, msg);
	else
		snprintf(what, sizeof(what), "%s", msg);
	fail(page, error_code(f), what);
	return -1;
}

#define PAGE_MAX_SUBRESOURCES 2000

struct subs_ctx {
	struct po_page *page;
	struct po_multi *multi;
	const struct po_audit_opts *opts;
	size_t next_ref;                /* html->refs not yet started */
	bool warned_cap;
};

static void start_new_refs(struct subs_ctx *ctx);

/* A stylesheet loads fonts, images and other stylesheets: they join the
 * transfers still running. */
static void
on_sub_done(struct po_fetch *f, void *arg)
{
	struct subs_ctx *ctx = arg;

	if (f->type == AUDIT_STYLESHEET && po_fetch_ok(f) && f->body)
		po_css_scan(ctx->page->html, f->body, f->body_len,
		    f->final_url);
	start_new_refs(ctx);
}

static void
start_new_refs(struct subs_ctx *ctx)
{
	struct po_page *page = ctx->page;

	for (; ctx->next_ref < page->html->nrefs; ctx->next_ref++) {
		const struct po_html_ref *ref = &page->html->refs[ctx->next_ref];
		struct po_fetch *f;

		if (ctx->opts->same_origin &&
		    po_page_third_party(page, ref->url)) {
			page->nskipped++;
			continue;
		}
		/* A page of 10 MiB can name a million images: past the cap
		 * they are counted, as requests of unknown size, but not
		 * fetched, so that memory stays bounded. */
		if (page->nsubs >= PAGE_MAX_SUBRESOURCES) {
			page->nskipped++;
			if (!ctx->warned_cap) {
				po_warn(NULL, 0, 0, "%s: more than %d "
				    "subresources: the rest are counted, not "
				    "fetched", page->url,
				    PAGE_MAX_SUBRESOURCES);
				ctx->warned_cap = true;
			}
			continue;
		}
		f = po_xcalloc(1, sizeof(*f));
		page->subs = po_xrealloc(page->subs,
		    (page->nsubs + 1) * sizeof(*page->subs));
		page->subs[page->nsubs++] = f;
		/* One libcurl refuses stays a failed request of its type. */
		if (po_fetch_init(f, ref->url, ctx->opts, false) < 0) {
			f->type = ref->type;
			continue;
		}
		f->type = ref->type;
		/* A stylesheet is read whatever its media type says. */
		f->keep_body = ref->type == AUDIT_STYLESHEET;
		po_multi_add(ctx->multi, f);
	}
}

static void
fetch_subresources(struct po_page *page, const struct po_audit_opts *opts)
{
	struct subs_ctx ctx = { page, po_multi_new(opts), opts, 0, false };

	start_new_refs(&ctx);
	po_multi_run(ctx.multi, on_sub_done, &ctx);
	po_multi_free(ctx.multi);
}

static bool
is_html(const struct po_fetch *f)
{
	const char *type = f->content_type;

	/* A file: URL has no media type; a local build is HTML. */
	return type == NULL ? strncasecmp(f->final_url, "file:", 5) == 0 :
	    strncasecmp(type, "text/html", 9) == 0 ||
	    strncasecmp(type, "application/xhtml+xml", 21) == 0;
}

struct po_page *
po_page_audit(const char *url, const struct po_audit_opts *opts)
{
	struct po_page *page = po_xcalloc(1, sizeof(*page));

	page->url = po_xstrdup(url);
	page->nsamples = opts->samples;
	page->samples = po_xcalloc(opts->samples, sizeof(*page->samples));
	for (unsigned i = 0; i < opts->samples; i++) {
		struct po_fetch *f = &page->samples[i];

		if (po_fetch_init(f, url, opts, true) < 0) {
			fail(page, "INVALID_URL", f->errbuf);
			return page;
		}
		/* Only the first sample's HTML is read. */
		f->keep_body = i == 0;
		f->type = AUDIT_DOCUMENT;
		po_fetch_perform(f);
		if (check_document(page, f, i) < 0)
			return page;
	}
	if (po_url_origin(&page->origin, page->samples[0].final_url) < 0)
		page->origin = NULL;
	if (!is_html(&page->samples[0]))
		return page;
	if (po_html_parse(&page->html, page->samples[0].body ?
	    page->samples[0].body : "", page->samples[0].body_len,
	    page->samples[0].final_url) < 0) {
		fail(page, "NOT_HTML", "the response is served as HTML but "
		    "holds no HTML element");
		return page;
	}
	fetch_subresources(page, opts);
	return page;
}

void
po_page_free(struct po_page *page)
{
	if (page == NULL)
		return;
	for (unsigned i = 0; i < page->nsamples; i++)
		po_fetch_free(&page->samples[i]);
	for (size_t i = 0; i < page->nsubs; i++) {
		po_fetch_free(page->subs[i]);
		free(page->subs[i]);
	}
	free(page->samples);
	free(page->subs);
	po_html_free(page->html);
	free(page->origin);
	free(page->url);
	free(page->error);
	free(page);
}
