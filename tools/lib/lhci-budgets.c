#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "budget-lighthouse.h"
#include "json-val.h"
#include "lhci-budgets.h"
#include "lhci-config.h"
#include "msg.h"

/* Budget files are small; anything larger is a mistake. */
#define BUDGETS_MAX_BYTES (4 * 1024 * 1024)

static char *
resolve(const char *path, const char *rc_file)
{
	const char *slash = strrchr(rc_file, '/');
	size_t dirlen;
	char *full;

	if (path[0] == '/' || slash == NULL)
		return po_xstrdup(path);
	dirlen = (size_t)(slash - rc_file) + 1;
	full = po_xmalloc(dirlen + strlen(path) + 1);
	memcpy(full, rc_file, dirlen);
	strcpy(full + dirlen, path);
	return full;
}

/* The pattern lhci's convertPathExpressionToRegExp makes of a budget path:
 * any URL for none or "/", else scheme and host, then the path with its
 * punctuation escaped and its '*' turned into ".*".  It is a JavaScript
 * pattern like any other matchingUrlPattern and is translated the same
 * way. */
static char *
path_pattern(const char *path)
{
	static const char prefix[] = "https?://[^/]+";
	char *out;
	char *o;

	if (path == NULL || strcmp(path, "/") == 0)
		return po_xstrdup(".*");
	out = po_xmalloc(sizeof(prefix) + strlen(path) * 2 + 1);
	strcpy(out, prefix);
	o = out + strlen(prefix);
	for (const char *s = path; *s; s++) {
		if (*s == '*') {
			*o++ = '.';
			*o++ = '*';
			continue;
		}
		if (strchr("-[]{}()+?.,\\^|# \t\n\v\f\r", *s) != NULL)
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

static void
add_entry(struct po_lhci_optset *set, const struct po_lhbudget_entry *e)
{
	char key[128];
	char where[128];

	for (size_t i = 0; i < e->ntimings; i++) {
		snprintf(where, sizeof(where), "%s.timings[%zu]", set->where,
		    i);
		po_lhci_config_add_max(set, e->timings[i].key,
		    e->timings[i].budget, where);
	}
	for (size_t i = 0; i < e->ncounts; i++) {
		snprintf(key, sizeof(key), "resource-summary:%s:count",
		    e->counts[i].key);
		snprintf(where, sizeof(where), "%s.resourceCounts[%zu]",
		    set->where, i);
		po_lhci_config_add_max(set, key, e->counts[i].budget, where);
	}
	for (size_t i = 0; i < e->nsizes; i++) {
		snprintf(key, sizeof(key), "resource-summary:%s:size",
		    e->sizes[i].key);
		snprintf(where, sizeof(where), "%s.resourceSizes[%zu]",
		    set->where, i);
		po_lhci_config_add_max(set, key, e->sizes[i].budget * 1024,
		    where);
	}
}

int
po_lhci_budgets_load(struct po_lhci *lhci, const char *path,
    const char *rc_file)
{
	char *full = resolve(path, rc_file);
	struct po_lhbudget *budget = NULL;
	yajl_val root = NULL;
	bool warned_hosts = false;
	int ret = -1;

	if (po_val_load_file(&root, full, BUDGETS_MAX_BYTES) < 0 ||
	    po_lhbudget_parse(&budget, root, full) < 0)
		goto out;
	for (size_t i = 0; i < budget->nentries; i++) {
		const struct po_lhbudget_entry *e = &budget->entries[i];
		struct po_lhci_optset *set;
		char where[512];
		char *pattern;
		int r;

		snprintf(where, sizeof(where), "budgetsFile %s[%zu]", full, i);
		set = po_lhci_config_add_set(lhci, where);
		pattern = path_pattern(e->path);
		r = po_lhci_config_set_pattern(set, pattern, rc_file);
		free(pattern);
		if (r < 0)
			goto out;
		add_entry(set, e);
		if (e->nfirst_party > 0 && !warned_hosts) {
			po_warn(full, 0, 0, "budgets[%zu].options."
			    "firstPartyHostnames is ignored by lhci: "
			    "third-party sizes and counts are those "
			    "Lighthouse's resource-summary classified", i);
			warned_hosts = true;
		}
	}
	ret = 0;
out:
	po_lhbudget_free(budget);
	if (root != NULL)
		yajl_tree_free(root);
	free(full);
	return ret;
}
