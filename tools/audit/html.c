#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "audit/css.h"
#include "audit/html.h"
#include "audit/url.h"
#include "lib/msg.h"
#include "lib/num.h"

/* Without layout, po-audit takes the first images of the document as the
 * ones a user sees without scrolling far, and only those after them as
 * candidates for lazy loading: generous, so that a finding is likely
 * right (Lighthouse itself flags only images well below the viewport). */
#define ABOVE_FOLD_IMAGES 10

struct walk {
	struct po_html *html;
	char *base;                     /* <base href> or the page URL */
	bool in_head;
	size_t nimages;
};

void
po_html_add(struct po_html *html, char *url, enum po_audit_type type)
{
	for (size_t i = 0; i < html->nrefs; i++) {
		if (strcmp(html->refs[i].url, url) == 0) {
			free(url);
			return;
		}
	}
	html->refs = po_xrealloc(html->refs,
	    (html->nrefs + 1) * sizeof(*html->refs));
	memset(&html->refs[html->nrefs], 0, sizeof(*html->refs));
	html->refs[html->nrefs].url = url;
	html->refs[html->nrefs].type = type;
	html->nrefs++;
}

static struct po_html_ref *
add(struct walk *w, const xmlChar *ref, enum po_audit_type type)
{
	char *url;
	size_t before = w->html->nrefs;

	if (ref == NULL || *ref == '\0' ||
	    po_url_resolve(&url, w->base, (const char *)ref) < 0)
		return NULL;
	po_html_add(w->html, url, type);
	return w->html->nrefs > before ? &w->html->refs[before] : NULL;
}

static bool
is(const xmlNode *node, const char *name)
{
	return strcasecmp((const char *)node->name, name) == 0;
}

static xmlChar *
attr(const xmlNode *node, const char *name)
{
	return xmlGetProp(node, (const xmlChar *)name);
}

static bool
has_attr(const xmlNode *node, const char *name)
{
	return xmlHasProp(node, (const xmlChar *)name) != NULL;
}

static bool
attr_is(const xmlNode *node, const char *name, const char *value)
{
	xmlChar *v = attr(node, name);
	bool yes = v && strcasecmp((const char *)v, value) == 0;

	xmlFree(v);
	return yes;
}

/* Whether the space-separated list of rel contains `word`. */
static bool
rel_has(const xmlNode *node, const char *word)
{
	xmlChar *rel = attr(node, "rel");
	bool found = false;
	char *save = NULL;
	char *copy;

	if (rel == NULL)
		return false;
	copy = po_xstrdup((const char *)rel);
	for (char *tok = strtok_r(copy, " \t\n\r\f", &save); tok;
	    tok = strtok_r(NULL, " \t\n\r\f", &save))
		if (strcasecmp(tok, word) == 0)
			found = true;
	free(copy);
	xmlFree(rel);
	return found;
}

static long
dimension(const xmlNode *node, const char *name)
{
	xmlChar *v = attr(node, name);
	double d;
	long n = 0;

	if (v && po_num_parse(&d, (const char *)v, strlen((char *)v)) == 0 &&
	    d > 0 && d < 1e6)
		n = (long)d;
	xmlFree(v);
	return n;
}

/* The candidate of a srcset a browser at device pixel ratio 1 takes: the
 * "1x" one (or the lowest density), and for width descriptors the
 * narrowest at least as wide as the width attribute, else the widest. */
static char *
srcset_pick(const char *srcset, long width)
{
	char *copy = po_xstrdup(srcset);
	char *best = NULL;
	double best_w = -1;
	bool best_fits = false;
	char *save = NULL;

	for (char *cand = strtok_r(copy, ",", &save); cand;
	    cand = strtok_r(NULL, ",", &save)) {
		char *url, *desc, *end;
		double n = 1;

		cand += strspn(cand, " \t\n\r\f");
		url = cand;
		end = url + strcspn(url, " \t\n\r\f");
		desc = *end ? end + 1 : end;
		*end = '\0';
		desc += strspn(desc, " \t\n\r\f");
		if (*url == '\0')
			continue;
		if (*desc && po_num_parse(&n, desc, strcspn(desc, "wx")) < 0)
			continue;
		if (strchr(desc, 'w')) {
			bool fits = width > 0 && n >= width;

			if (best == NULL || (fits && (!best_fits ||
			    n < best_w)) || (!fits && !best_fits &&
			    n > best_w)) {
				best = url;
				best_w = n;
				best_fits = fits;
			}
		} else if (best == NULL || (best_w != 1 &&
		    (n == 1 || n < best_w))) {
			best = url;
			best_w = n;
		}
	}
	best = best ? po_xstrdup(best) : NULL;
	free(copy);
	return best;
}

static void
visit_img(struct walk *w, const xmlNode *node)
{
	xmlChar *src = attr(node, "src");
	xmlChar *srcset = attr(node, "srcset");
	long width = dimension(node, "width");
	char *picked = srcset ? srcset_pick((const char *)srcset, width) :
	    NULL;
	struct po_html_ref *ref;

	ref = add(w, picked ? (const xmlChar *)picked : src, AUDIT_IMAGE);
	w->nimages++;
	if (ref) {
		ref->is_img = true;
		ref->width = width;
		ref->height = dimension(node, "height");
		ref->unsized = !has_attr(node, "width") ||
		    !has_attr(node, "height");
		ref->lazy = attr_is(node, "loading", "lazy");
		ref->likely_offscreen = w->nimages > ABOVE_FOLD_IMAGES;
	}
	free(picked);
	xmlFree(src);
	xmlFree(srcset);
}

static enum po_audit_type
preload_type(const xmlNode *node)
{
	static const struct {
		const char *as;
		enum po_audit_type type;
	} map[] = {
		{ "script", AUDIT_SCRIPT }, { "style", AUDIT_STYLESHEET },
		{ "image", AUDIT_IMAGE }, { "font", AUDIT_FONT },
		{ "audio", AUDIT_MEDIA }, { "video", AUDIT_MEDIA },
		{ "document", AUDIT_DOCUMENT },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (attr_is(node, "as", map[i].as))
			return map[i].type;
	return AUDIT_OTHER;
}

static void
visit_link(struct walk *w, const xmlNode *node)
{
	xmlChar *href = attr(node, "href");
	struct po_html_ref *ref;

	if (rel_has(node, "stylesheet") && !rel_has(node, "alternate")) {
		ref = add(w, href, AUDIT_STYLESHEET);
		/* A stylesheet for print only, or disabled, does not hold up
		 * the first paint. */
		if (ref && w->in_head && !attr_is(node, "media", "print") &&
		    !has_attr(node, "disabled"))
			ref->render_blocking = true;
	} else if (rel_has(node, "preload") || rel_has(node, "modulepreload")) {
		add(w, href, rel_has(node, "modulepreload") ? AUDIT_SCRIPT :
		    preload_type(node));
	} else if (rel_has(node, "icon") || rel_has(node, "apple-touch-icon")) {
		add(w, href, AUDIT_ICON);
	} else if (rel_has(node, "manifest")) {
		add(w, href, AUDIT_OTHER);
	} else if (href && (rel_has(node, "preconnect") ||
	    rel_has(node, "dns-prefetch"))) {
		char *origin;

		if (po_url_origin(&origin, (const char *)href) == 0) {
			struct po_html *h = w->html;

			h->preconnects = po_xrealloc(h->preconnects,
			    (h->npreconnects + 1) * sizeof(char *));
			h->preconnects[h->npreconnects++] = origin;
		}
	}
	xmlFree(href);
}

static void
visit_script(struct walk *w, const xmlNode *node)
{
	xmlChar *src = attr(node, "src");
	struct po_html_ref *ref;

	if (src == NULL || attr_is(node, "type", "application/ld+json"))
		goto out;
	ref = add(w, src, AUDIT_SCRIPT);
	if (ref && w->in_head && !has_attr(node, "async") &&
	    !has_attr(node, "defer") && !attr_is(node, "type", "module"))
		ref->render_blocking = true;
out:
	xmlFree(src);
}

static void
visit_media(struct walk *w, const xmlNode *node)
{
	xmlChar *src = attr(node, "src");
	xmlChar *poster = attr(node, "poster");

	add(w, src, AUDIT_MEDIA);
	add(w, poster, AUDIT_IMAGE);
	xmlFree(src);
	xmlFree(poster);
}

static void
visit_style(struct walk *w, const xmlNode *node)
{
	xmlChar *text = xmlNodeGetContent(node);

	if (text)
		po_css_scan(w->html, (const char *)text,
		    strlen((const char *)text), w->base);
	xmlFree(text);
}

static void
visit_meta(struct walk *w, const xmlNode *node)
{
	if (attr_is(node, "name", "viewport") && has_attr(node, "content"))
		w->html->has_viewport = true;
}

static void
visit_base(struct walk *w, const xmlNode *node)
{
	xmlChar *href = attr(node, "href");
	char *url;

	if (href && po_url_resolve(&url, w->base, (const char *)href) == 0) {
		free(w->base);
		w->base = url;
	}
	xmlFree(href);
}

static void
visit(struct walk *w, const xmlNode *node)
{
	static const struct {
		const char *name;
		void (*fn)(struct walk *, const xmlNode *);
	} visitors[] = {
		{ "img", visit_img }, { "link", visit_link },
		{ "script", visit_script }, { "video", visit_media },
		{ "audio", visit_media }, { "source", visit_media },
		{ "style", visit_style }, { "meta", visit_meta },
		{ "base", visit_base },
	};

	for (size_t i = 0; i < sizeof(visitors) / sizeof(visitors[0]); i++) {
		if (is(node, visitors[i].name)) {
			visitors[i].fn(w, node);
			return;
		}
	}
	if (is(node, "iframe")) {
		xmlChar *src = attr(node, "src");

		add(w, src, AUDIT_DOCUMENT);
		xmlFree(src);
	}
}

/* An explicit stack, not recursion: libxml2 nests as deep as the input
 * does (up to its own limit of 256 levels without HTML_PARSE_HUGE). */
static void
walk_tree(struct walk *w, xmlNode *root)
{
	xmlNode *node = root;
	size_t depth = 0;
	size_t body_depth = 0;
	bool in_body = false;

	while (node) {
		if (node->type == XML_ELEMENT_NODE) {
			if (is(node, "head"))
				w->in_head = true;
			else if (is(node, "body")) {
				w->in_head = false;
				in_body = true;
				body_depth = depth;
			}
			/* As Lighthouse, body.querySelectorAll('*'): the
			 * elements inside body, not body itself. */
			if (in_body && depth > body_depth) {
				w->html->dom_elements++;
				if (depth - body_depth > w->html->dom_depth)
					w->html->dom_depth = depth - body_depth;
			}
			visit(w, node);
			if (node->children) {
				node = node->children;
				depth++;
				continue;
			}
		}
		while (node && node->next == NULL) {
			node = node->parent;
			if (node == NULL || node == root->parent)
				return;
			depth--;
			if (node->type == XML_ELEMENT_NODE) {
				if (is(node, "head"))
					w->in_head = false;
				else if (is(node, "body"))
					in_body = false;
			}
		}
		if (node)
			node = node->next;
	}
}

int
po_html_parse(struct po_html **out, const char *body, size_t len,
    const char *base_url)
{
	struct walk w = { 0 };
	htmlDocPtr doc;

	*out = NULL;
	if (len > (size_t)INT32_MAX)
		return -1;
	doc = htmlReadMemory(body, (int)len, base_url, NULL,
	    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		xmlFreeDoc(doc);
		return -1;
	}
	w.html = po_xcalloc(1, sizeof(*w.html));
	w.base = po_xstrdup(base_url);
	walk_tree(&w, xmlDocGetRootElement(doc));
	free(w.base);
	xmlFreeDoc(doc);
	*out = w.html;
	return 0;
}

void
po_html_free(struct po_html *html)
{
	if (html == NULL)
		return;
	for (size_t i = 0; i < html->nrefs; i++)
		free(html->refs[i].url);
	for (size_t i = 0; i < html->npreconnects; i++)
		free(html->preconnects[i]);
	free(html->refs);
	free(html->preconnects);
	free(html);
}
