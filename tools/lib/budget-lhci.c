/* The Lighthouse CI engine of po-budget: the verdicts of `lhci assert`
 * on the Lighthouse reports of the stream. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "budget-lhci.h"
#include "json-val.h"
#include "lhci-assert.h"
#include "lhci-config.h"
#include "lhci-model.h"
#include "lhci-regex.h"
#include "msg.h"

int
po_lhci_detect(yajl_val root)
{
	return po_val_get(root, "ci") != NULL;
}

int
po_lhci_check_name(const char *path)
{
	static const char *const others[] = { ".js", ".cjs", ".mjs", ".yml",
		".yaml", NULL };
	size_t len = strlen(path);

	for (const char *const *ext = others; *ext; ext++) {
		size_t elen = strlen(*ext);

		if (len >= elen && strcmp(path + len - elen, *ext) == 0) {
			po_error(path, 0, 0, "po reads Lighthouse CI "
			    "configurations in JSON only (lighthouserc.json "
			    "or .lighthouserc.json); convert this %s file",
			    strcmp(*ext, ".yml") == 0 ||
			    strcmp(*ext, ".yaml") == 0 ? "YAML" :
			    "JavaScript");
			return -1;
		}
	}
	return 0;
}

int
po_lhci_load(struct po_lhci **out, yajl_val root, const char *file)
{
	return po_lhci_config_parse(out, root, file);
}

/* lhci reads Lighthouse reports only: documents from other sources in the
 * same stream are not its runs. */
static bool
is_lhr(const struct po_run *run)
{
	return run->source != NULL && strcmp(run->source, "lighthouse") == 0;
}

/* The Lighthouse runs of subject group `g` (lhci groups by final URL
 * alone), in stream order, into `out`; returns how many. */
static size_t
url_runs(const struct po_run **out, const struct po_runset *runs, size_t g)
{
	size_t nmembers;
	const size_t *members = po_runset_group_runs(runs, g, &nmembers);
	size_t n = 0;

	for (size_t k = 0; k < nmembers; k++)
		if (is_lhr(&runs->runs[members[k]]))
			out[n++] = &runs->runs[members[k]];
	return n;
}

void
po_lhci_evaluate(const struct po_lhci *lhci, const struct po_runset *runs,
    struct po_tally *tally)
{
	const struct po_run **group = po_xcalloc(runs->nruns + 1,
	    sizeof(*group));
	size_t nchecks = 0;

	for (size_t g = 0; g < runs->ngroups; g++) {
		size_t n = url_runs(group, runs, g);

		if (n == 0)
			continue;
		for (size_t s = 0; s < lhci->nsets; s++) {
			const struct po_lhci_optset *set = &lhci->sets[s];

			if (set->has_pattern &&
			    !po_lhci_regex_test(&set->re, group[0]->subject))
				continue;
			nchecks += po_lhci_assert_url(lhci, set, group, n,
			    tally);
		}
	}
	if (nchecks == 0)
		po_warn(lhci->file, 0, 0, "no assertion applied to any "
		    "Lighthouse report of the input (lhci would pass with "
		    "nothing checked)");
	free(group);
}

void
po_lhci_free(struct po_lhci *lhci)
{
	po_lhci_config_free(lhci);
}
