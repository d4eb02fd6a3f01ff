#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "audit/cache.h"
#include "audit/emit.h"
#include "audit/findings.h"
#include "audit/imagesize.h"
#include "audit/summary.h"
#include "audit/url.h"
#include "lib/msg.h"
#include "lib/stream-write.h"

/* Lighthouse's thresholds, where it has one. */
#define TEXT_COMPRESSION_MIN_SAVINGS 1400       /* uses-text-compression */
#define DOM_SIZE_WARN 800                       /* dom-size */
#define DOM_SIZE_FAIL 1400
#define CACHE_TTL_MIN_S (30.0 * 24 * 3600)      /* uses-long-cache-ttl */
/* po-audit's own: without layout, an image is oversized when it spends
 * more than this many bytes per pixel its attributes display, or weighs
 * more than the limit with no attributes at all. */
#define IMAGE_BYTES_PER_PIXEL 4.0
#define IMAGE_UNSIZED_MAX_BYTES (250.0 * 1024)
#define PRECONNECT_MIN_ORIGINS 2
#define OFFSCREEN_MIN_BYTES 2048                /* offscreen-images */
#define RESPONSIVE_MIN_SAVINGS 4096             /* uses-responsive-images */
#define EVIDENCE_MAX_ITEMS 5

struct finding {
	const char *id;
	const char *title;
	const char *severity;
	const char *layer;
	const char *impact;
	const char *effort;
	double savings_ms;
	double savings_bytes;
	/* The evidence, built item by item. */
	char *evidence;
	size_t evidence_len;
	FILE *ev;
	size_t nitems;
};

static void
begin(struct finding *f, const char *id, const char *title)
{
	memset(f, 0, sizeof(*f));
	f->id = id;
	f->title = title;
	f->severity = "medium";
	f->layer = "frontend";
	f->impact = "medium";
	f->effort = "low";
	f->ev = open_memstream(&f->evidence, &f->evidence_len);
	if (f->ev == NULL)
		po_oom();
}

/* Adds one item of evidence; past the first few, only their number. */
static void
item(struct finding *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
item(struct finding *f, const char *fmt, ...)
{
	va_list ap;

	f->nitems++;
	if (f->nitems > EVIDENCE_MAX_ITEMS)
		return;
	if (f->nitems > 1)
		fputs("; ", f->ev);
	va_start(ap, fmt);
	vfprintf(f->ev, fmt, ap);
	va_end(ap);
}

static void
end(struct finding *f, const struct po_page *page)
{
	yajl_gen gen;

	if (f->nitems > EVIDENCE_MAX_ITEMS)
		fprintf(f->ev, "; and %zu more", f->nitems - EVIDENCE_MAX_ITEMS);
	if (fclose(f->ev) != 0)
		po_oom();
	if (f->nitems == 0) {
		free(f->evidence);
		return;
	}
	gen = po_doc_begin("finding");
	po_gen_key_string(gen, "source", "po-audit");
	po_audit_gen_key_url(gen, "subject", page->samples[0].final_url);
	po_gen_key_string(gen, "id", f->id);
	po_gen_key_string(gen, "title", f->title);
	po_gen_key_string(gen, "severity", f->severity);
	po_gen_key_string(gen, "layer", f->layer);
	po_audit_gen_key_text(gen, "evidence", f->evidence);
	po_gen_key(gen, "savings");
	yajl_gen_map_open(gen);
	if (f->savings_ms > 0)
		po_gen_key_double(gen, "ms", f->savings_ms);
	if (f->savings_bytes > 0)
		po_gen_key_double(gen, "bytes", f->savings_bytes);
	yajl_gen_map_close(gen);
	po_gen_key_string(gen, "impact", f->impact);
	po_gen_key_string(gen, "effort", f->effort);
	po_doc_end(gen);
	free(f->evidence);
}

static const struct po_fetch *
fetch_of(const struct po_page *page, const char *url)
{
	for (size_t i = 0; i < page->nsubs; i++)
		if (strcmp(page->subs[i]->url, url) == 0)
			return page->subs[i];
	return NULL;
}

static bool
fetched(const struct po_fetch *f)
{
	return f && po_fetch_ok(f) && f->status < 400;
}

static void
check_render_blocking(const struct po_page *page)
{
	struct finding f;

	begin(&f, "render-blocking-resources",
	    "Eliminate render-blocking resources");
	f.impact = "high";
	f.effort = "medium";
	for (size_t i = 0; i < page->html->nrefs; i++) {
		const struct po_html_ref *ref = &page->html->refs[i];
		const struct po_fetch *fe = fetch_of(page, ref->url);

		if (!ref->render_blocking)
			continue;
		item(&f, "%s %s", ref->type == AUDIT_SCRIPT ? "script" :
		    "stylesheet", ref->url);
		/* They load in parallel: the wait is the longest of them. */
		if (fe) {
			f.savings_bytes += po_summary_transfer(fe);
			if (fe->total_ms > f.savings_ms)
				f.savings_ms = fe->total_ms;
		}
	}
	if (f.nitems >= 3)
		f.severity = "high";
	end(&f, page);
}

/* An image is oversized when its intrinsic size is more than twice the
 * size its attributes show it at in each direction (twice covers screens
 * of device pixel ratio 2), as Lighthouse's uses-responsive-images finds
 * with the layout.  When the file's size cannot be read, or the page
 * gives no size, its bytes are weighed instead. */
static void
check_oversized(struct finding *f, const struct po_html_ref *ref,
    const struct po_fetch *fe, double bytes)
{
	bool shown = ref->width > 0 && ref->height > 0;
	double shown_px = 4.0 * (double)ref->width * (double)ref->height;
	long w, h;

	if (fe && fe->body && po_image_size(&w, &h,
	    (const unsigned char *)fe->body, fe->body_len) == 0 && shown) {
		double natural_px = (double)w * (double)h;
		double waste = bytes * (1 - shown_px / natural_px);

		if (natural_px > shown_px &&
		    waste >= RESPONSIVE_MIN_SAVINGS) {
			item(f, "%s (%ldx%ld shown at %ldx%ld)", ref->url, w, h,
			    ref->width, ref->height);
			f->savings_bytes += waste;
		}
		return;
	}
	if (shown ? bytes > IMAGE_BYTES_PER_PIXEL * shown_px / 4 :
	    bytes > IMAGE_UNSIZED_MAX_BYTES) {
		if (shown)
			item(f, "%s (%.0f bytes shown at %ldx%ld)", ref->url,
			    bytes, ref->width, ref->height);
		else
			item(f, "%s (%.0f bytes, no width and height)",
			    ref->url, bytes);
		/* With no displayed size to aim at, half the bytes is the
		 * saving a resized image usually gives. */
		f->savings_bytes += shown ?
		    bytes - IMAGE_BYTES_PER_PIXEL * shown_px / 4 : bytes / 2;
	}
}

static void
check_images(const struct po_page *page)
{
	struct finding unsized, offscreen, oversized;

	begin(&unsized, "unsized-images",
	    "Image elements do not have explicit width and height");
	begin(&offscreen, "offscreen-images", "Defer offscreen images");
	begin(&oversized, "oversized-images", "Properly size images");
	for (size_t i = 0; i < page->html->nrefs; i++) {
		const struct po_html_ref *ref = &page->html->refs[i];
		const struct po_fetch *fe = fetch_of(page, ref->url);
		double bytes = fetched(fe) ? fe->wire_bytes : 0;

		if (!ref->is_img)
			continue;
		if (ref->unsized)
			item(&unsized, "%s", ref->url);
		if (ref->likely_offscreen && !ref->lazy &&
		    bytes >= OFFSCREEN_MIN_BYTES) {
			item(&offscreen, "%s (%.0f bytes)", ref->url, bytes);
			offscreen.savings_bytes += bytes;
		}
		check_oversized(&oversized, ref, fe, bytes);
	}
	unsized.impact = "high";
	if (offscreen.savings_bytes < 100 * 1024)
		offscreen.severity = "low";
	if (oversized.savings_bytes > 500 * 1024)
		oversized.severity = "high";
	oversized.effort = "medium";
	end(&unsized, page);
	end(&offscreen, page);
	end(&oversized, page);
}

/* What gzip at level 6 would make of `len` bytes. */
static double
gzip_size(const char *data, size_t len)
{
	z_stream z = { 0 };
	unsigned char out[16384];
	double total = 0;
	int rc;

	if (deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		po_oom();
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)len;
	do {
		z.next_out = out;
		z.avail_out = sizeof(out);
		rc = deflate(&z, Z_FINISH);
		total += (double)(sizeof(out) - z.avail_out);
	} while (rc == Z_OK);
	deflateEnd(&z);
	return total;
}

static void
check_compression(struct finding *f, const struct po_fetch *fe)
{
	double gz, savings;

	if (!fetched(fe) || !po_fetch_is_text(fe->content_type) ||
	    fe->body == NULL || (size_t)fe->body_len > UINT32_MAX ||
	    (fe->content_encoding &&
	    strcasecmp(fe->content_encoding, "identity") != 0))
		return;
	gz = gzip_size(fe->body, fe->body_len);
	savings = fe->wire_bytes - gz;
	/* As Lighthouse: worth it from 1400 bytes and 10 %. */
	if (savings < TEXT_COMPRESSION_MIN_SAVINGS ||
	    savings < fe->wire_bytes * 0.1)
		return;
	item(f, "%s (%.0f bytes, %.0f gzipped)", fe->final_url,
	    fe->wire_bytes, gz);
	f->savings_bytes += savings;
}

static void
check_compressions(const struct po_page *page)
{
	struct finding f;

	begin(&f, "uses-text-compression", "Enable text compression");
	f.layer = "infrastructure";
	check_compression(&f, &page->samples[0]);
	for (size_t i = 0; i < page->nsubs; i++)
		check_compression(&f, page->subs[i]);
	f.severity = f.savings_bytes > 100 * 1024 ? "high" :
	    f.savings_bytes > 10 * 1024 ? "medium" : "low";
	end(&f, page);
}

static void
check_caching(const struct po_page *page)
{
	struct finding f;

	begin(&f, "uses-long-cache-ttl",
	    "Serve static assets with an efficient cache policy");
	f.layer = "infrastructure";
	for (size_t i = 0; i < page->nsubs; i++) {
		const struct po_fetch *fe = page->subs[i];
		double ttl;

		/* The types Lighthouse holds to a cache policy. */
		if (!fetched(fe) || fe->type == AUDIT_DOCUMENT ||
		    fe->type == AUDIT_ICON || fe->type == AUDIT_OTHER ||
		    (fe->status != 200 && fe->status != 203 &&
		    fe->status != 206) ||
		    strncasecmp(fe->final_url, "file:", 5) == 0)
			continue;
		ttl = po_cache_lifetime(fe->cache_control, fe->expires);
		if (ttl >= CACHE_TTL_MIN_S)
			continue;
		item(&f, "%s (%s%s%s)", fe->final_url, ttl > 0 ?
		    "short lifetime" : "no lifetime",
		    fe->etag ? ", ETag" : "",
		    fe->last_modified ? ", Last-Modified" : "");
		f.savings_bytes += po_summary_transfer(fe);
	}
	f.severity = f.savings_bytes > 500 * 1024 ? "high" : "medium";
	end(&f, page);
}

static bool
preconnected(const struct po_page *page, const char *origin)
{
	for (size_t i = 0; i < page->html->npreconnects; i++)
		if (strcmp(page->html->preconnects[i], origin) == 0)
			return true;
	return false;
}

static void
check_preconnect(const struct po_page *page)
{
	struct finding f;
	char **seen = NULL;
	size_t nseen = 0;

	begin(&f, "uses-rel-preconnect",
	    "Preconnect to the third-party origins the page needs");
	for (size_t i = 0; i < page->html->nrefs; i++) {
		const char *url = page->html->refs[i].url;
		char *origin;
		bool dup = false;

		if (!po_page_third_party(page, url) ||
		    po_url_origin(&origin, url) < 0)
			continue;
		for (size_t j = 0; j < nseen; j++)
			dup = dup || strcmp(seen[j], origin) == 0;
		if (dup || preconnected(page, origin)) {
			free(origin);
			continue;
		}
		seen = po_xrealloc(seen, (nseen + 1) * sizeof(char *));
		seen[nseen++] = origin;
	}
	if (nseen >= PRECONNECT_MIN_ORIGINS) {
		for (size_t j = 0; j < nseen; j++)
			item(&f, "%s", seen[j]);
		f.severity = "low";
	}
	for (size_t j = 0; j < nseen; j++)
		free(seen[j]);
	free(seen);
	end(&f, page);
}

static void
check_document(const struct po_page *page)
{
	const struct po_fetch *doc = &page->samples[0];
	struct finding f;

	begin(&f, "dom-size", "Avoid an excessive DOM size");
	if (page->html->dom_elements > DOM_SIZE_WARN)
		item(&f, "%zu elements in the body, %zu levels deep",
		    page->html->dom_elements, page->html->dom_depth);
	f.severity = page->html->dom_elements > DOM_SIZE_FAIL ? "high" :
	    "medium";
	f.effort = "medium";
	end(&f, page);

	begin(&f, "viewport", "The page has no viewport meta tag");
	if (!page->html->has_viewport)
		item(&f, "no <meta name=\"viewport\" content=...> in %s",
		    doc->final_url);
	f.impact = "high";
	end(&f, page);

}

static void
check_redirects(const struct po_page *page)
{
	const struct po_fetch *doc = &page->samples[0];
	struct finding f;

	begin(&f, "redirects", "Avoid redirects on the way to the page");
	if (doc->redirects > 0) {
		item(&f, "%ld redirects from %s to %s (%.0f ms)",
		    doc->redirects, page->url, doc->final_url, doc->redirect_ms);
		f.savings_ms = doc->redirect_ms;
	}
	f.layer = "backend";
	end(&f, page);
}

void
po_audit_findings(const struct po_page *page)
{
	if (page->html) {
		check_render_blocking(page);
		check_images(page);
		check_preconnect(page);
		check_document(page);
	}
	check_redirects(page);
	check_compressions(page);
	check_caching(page);
}
