#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "audit/fetch.h"
#include "audit/sitemap.h"
#include "audit/slurp.h"
#include "audit/targets.h"
#include "audit/url.h"
#include "lib/msg.h"

/* sitemaps.org: 50 MB uncompressed, and an index lists sitemaps, not other
 * indexes; one level more than that is tolerated, no more. */
#define SITEMAP_MAX_BYTES (50u << 20)
#define SITEMAP_MAX_DEPTH 2

struct sitemap {
	const char *name;               /* for messages */
	struct po_targets *targets;
	bool allow_file;
	bool failed;
	struct po_sitemap_children *children;
};

/* libxml2's first error, with its line and column, is the message. */
static void
on_xml_error(void *arg, const char *msg, xmlParserSeverities severity,
    xmlTextReaderLocatorPtr locator)
{
	struct sitemap *sm = arg;
	size_t len = strcspn(msg, "\n");

	if (sm->failed || (severity != XML_PARSER_SEVERITY_ERROR &&
	    severity != XML_PARSER_SEVERITY_VALIDITY_ERROR))
		return;
	/* libxml2 writes "Input is not proper UTF-8, indicate encoding !"
	 * and a second line of bytes: po's messages are one lower-case
	 * line without a full stop. */
	while (len > 0 && (isspace((unsigned char)msg[len - 1]) ||
	    msg[len - 1] == '!' || msg[len - 1] == '.'))
		len--;
	po_error(sm->name, xmlTextReaderLocatorLineNumber(locator), 0,
	    "%c%.*s", tolower((unsigned char)msg[0]), len > 0 ? (int)len - 1 : 0,
	    msg + 1);
	sm->failed = true;
}

static const char *
local_name(xmlTextReaderPtr reader)
{
	const xmlChar *name = xmlTextReaderConstLocalName(reader);

	return name ? (const char *)name : "";
}

/* The text of a <loc>, trimmed, as a new string. */
static char *
read_loc(xmlTextReaderPtr reader)
{
	xmlChar *text = xmlTextReaderReadString(reader);
	const char *start = text ? (const char *)text : "";
	size_t len = strlen(start);
	char *loc;

	while (len > 0 && isspace((unsigned char)*start)) {
		start++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)start[len - 1]))
		len--;
	loc = po_xstrndup(start, len);
	xmlFree(text);
	return loc;
}

static long
node_line(xmlTextReaderPtr reader)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(reader);

	return node ? xmlGetLineNo(node) : 0;
}

int
po_sitemap_parse(struct po_targets *t, struct po_sitemap_children *children,
    const char *xml, size_t len, const char *name, bool allow_file)
{
	struct sitemap sitemap = { name, t, allow_file, false, children };
	struct sitemap *sm = &sitemap;
	xmlTextReaderPtr reader;
	enum { UNKNOWN, URLSET, INDEX } kind = UNKNOWN;
	int rc;

	if (len > (size_t)INT32_MAX)
		return -1;
	reader = xmlReaderForMemory(xml, (int)len, NULL, NULL, XML_PARSE_NONET);
	if (reader == NULL)
		po_oom();
	xmlTextReaderSetErrorHandler(reader, on_xml_error, sm);
	while (!sm->failed && (rc = xmlTextReaderRead(reader)) == 1) {
		const char *element;

		if (xmlTextReaderNodeType(reader) != XML_READER_TYPE_ELEMENT)
			continue;
		element = local_name(reader);
		if (kind == UNKNOWN) {
			if (strcmp(element, "urlset") == 0) {
				kind = URLSET;
			} else if (strcmp(element, "sitemapindex") == 0) {
				kind = INDEX;
			} else {
				po_error(sm->name, node_line(reader), 0,
				    "not a sitemap: the root element is '%s', "
				    "not 'urlset' or 'sitemapindex'", element);
				sm->failed = true;
			}
			continue;
		}
		if (strcmp(element, "loc") == 0) {
			long line = node_line(reader);
			char *loc = read_loc(reader);

			/* A sitemap from a server must not make po-audit read
			 * local files. */
			if (sm->failed) {
				free(loc);
			} else if (kind == INDEX &&
			    !po_url_acceptable(loc, sm->allow_file)) {
				po_error(sm->name, line, 0, "a sitemap index may "
				    "only list %s URLs, not '%s'",
				    sm->allow_file ? "http, https or file" :
				    "http or https", loc);
				sm->failed = true;
				free(loc);
			} else if (kind == URLSET) {
				if (po_targets_add(sm->targets, loc, strlen(loc),
				    sm->name, line, 0, sm->allow_file) < 0)
					sm->failed = true;
				free(loc);
			} else {
				struct po_sitemap_children *c = sm->children;

				c->urls = po_xrealloc(c->urls,
				    (c->n + 1) * sizeof(char *));
				c->urls[c->n++] = loc;
			}
		}
	}
	if (!sm->failed && rc < 0) {
		po_error(sm->name, 0, 0, "not a well-formed sitemap");
		sm->failed = true;
	}
	if (!sm->failed && kind == UNKNOWN) {
		po_error(sm->name, 0, 0, "not a sitemap: no root element");
		sm->failed = true;
	}
	xmlFreeTextReader(reader);
	return sm->failed ? -1 : 0;
}

/* A sitemap given as a URL is fetched with the audit's own limits. */
static int
load(char **out, size_t *len, const char *where,
    const struct po_audit_opts *opts, int depth)
{
	struct po_fetch f;
	char msg[CURL_ERROR_SIZE + 64];
	int ret = -1;

	/* Only the sitemap named on the command line may be a file: one
	 * fetched from a server must not make po-audit read local files. */
	if (!po_url_acceptable(where, opts->allow_file)) {
		if (depth == 0)
			return po_slurp(out, len, where, SITEMAP_MAX_BYTES);
		po_error(where, 0, 0, "a sitemap index may only list %s URLs",
		    opts->allow_file ? "http, https or file" : "http or https");
		return -1;
	}
	if (po_fetch_init(&f, where, opts, false) < 0) {
		po_error(where, 0, 0, "cannot read the sitemap: %s", f.errbuf);
		goto out;
	}
	f.keep_body = true;
	po_fetch_perform(&f);
	if (!po_fetch_ok(&f) || f.status >= 400 || f.oversized) {
		po_error(where, 0, 0, "cannot read the sitemap: %s",
		    po_fetch_error(&f, msg, sizeof(msg)));
		goto out;
	}
	*out = f.body ? f.body : po_xstrdup("");
	*len = f.body_len;
	f.body = NULL;
	ret = 0;
out:
	po_fetch_free(&f);
	return ret;
}

static int
read_sitemap(struct po_targets *t, const char *where,
    const struct po_audit_opts *opts, int depth)
{
	struct po_sitemap_children children = { NULL, 0 };
	char *xml;
	size_t len;
	int ret;

	if (depth > SITEMAP_MAX_DEPTH) {
		po_error(where, 0, 0, "sitemap indexes nested deeper than %d "
		    "levels", SITEMAP_MAX_DEPTH);
		return -1;
	}
	if (load(&xml, &len, where, opts, depth) < 0)
		return -1;
	ret = po_sitemap_parse(t, &children, xml, len, where, opts->allow_file);
	free(xml);
	for (size_t i = 0; i < children.n && ret == 0; i++)
		if (read_sitemap(t, children.urls[i], opts, depth + 1) < 0)
			ret = -1;
	po_sitemap_children_free(&children);
	return ret;
}

void
po_sitemap_children_free(struct po_sitemap_children *children)
{
	for (size_t i = 0; i < children->n; i++)
		free(children->urls[i]);
	free(children->urls);
	children->urls = NULL;
	children->n = 0;
}

int
po_targets_read_sitemap(struct po_targets *t, const char *where,
    const struct po_audit_opts *opts)
{
	return read_sitemap(t, where, opts, 0);
}
