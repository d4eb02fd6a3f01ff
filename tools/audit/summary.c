#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "audit/summary.h"
#include "audit/url.h"
#include "lib/msg.h"

double
po_summary_transfer(const struct po_fetch *f)
{
	return f->header_bytes + f->wire_bytes;
}

static void
count_origin(char ***origins, size_t *n, const char *url)
{
	char *origin;

	if (po_url_origin(&origin, url) < 0)
		return;
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*origins)[i], origin) == 0) {
			free(origin);
			return;
		}
	}
	*origins = po_xrealloc(*origins, (*n + 1) * sizeof(char *));
	(*origins)[(*n)++] = origin;
}

static void
add(struct po_summary *s, const struct po_page *page,
    const struct po_fetch *f, enum po_audit_type type, bool fetched)
{
	double size = fetched ? po_summary_transfer(f) : 0;
	bool third = po_page_third_party(page, f->url);

	s->requests++;
	s->byte_weight += size;
	if (type == AUDIT_ICON)
		return;
	s->size[type] += size;
	s->count[type]++;
	s->total_size += size;
	s->total_count++;
	if (third) {
		s->third_party_size += size;
		s->third_party_count++;
	}
}

void
po_summary_compute(struct po_summary *out, const struct po_page *page)
{
	char **origins = NULL;
	size_t norigins = 0;

	memset(out, 0, sizeof(*out));
	add(out, page, &page->samples[0], AUDIT_DOCUMENT, true);
	for (size_t i = 0; i < page->nsubs; i++) {
		const struct po_fetch *f = page->subs[i];

		add(out, page, f, f->type, true);
		if (!po_fetch_ok(f) || f->status >= 400)
			out->failed++;
		if (po_page_third_party(page, f->url))
			count_origin(&origins, &norigins, f->url);
	}
	/* Third-party requests left out by --same-origin still count, as
	 * requests of unknown size. */
	if (page->html) {
		for (size_t i = 0; i < page->html->nrefs; i++) {
			const struct po_html_ref *ref = &page->html->refs[i];
			bool fetched = false;

			for (size_t j = 0; j < page->nsubs && !fetched; j++)
				fetched = strcmp(page->subs[j]->url,
				    ref->url) == 0;
			if (!fetched) {
				struct po_fetch stub = { 0 };

				stub.url = ref->url;
				add(out, page, &stub, ref->type, false);
				count_origin(&origins, &norigins, ref->url);
			}
		}
	}
	out->third_party_origins = (double)norigins;
	for (size_t i = 0; i < norigins; i++)
		free(origins[i]);
	free(origins);
}

const char *
po_audit_type_name(enum po_audit_type type)
{
	static const char *const names[AUDIT_NTYPES] = {
		"document", "script", "stylesheet", "image", "media", "font",
		"other", "other"
	};

	return names[type];
}
