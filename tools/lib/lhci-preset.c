#include "config.h"

#include <string.h>

#include "lhci-preset.h"

/* What a row of the table says about one audit id. */
enum {
	ALL_OFF = 1 << 0,       /* lighthouse:all switches it off */
	SINCE_015 = 1 << 1,     /* first listed by lhci 0.15 */
	REC_WARN = 1 << 2,      /* lighthouse:recommended makes it "warn" */
	REC_OFF = 1 << 3,       /* ... or "off" */
	REC_LEN0 = 1 << 4,      /* ... with {maxLength: 0} */
	NOPWA_OFF = 1 << 5      /* lighthouse:no-pwa switches it off */
};

struct row {
	const char *id;
	unsigned flags;
};

/* lighthouse:all in the order of its keys in lhci 0.15 (0.14's order is the
 * same without the SINCE_015 rows); every audit not marked ALL_OFF is
 * "error" with no options.  recommended is all with the REC_* changes,
 * no-pwa is recommended with the NOPWA_OFF ones; neither adds a key, so
 * both keep this order. */
static const struct row rows[] = {
	/* Not applicable to navigations, or not useful: off. */
	{ "interaction-to-next-paint", ALL_OFF },
	{ "uses-responsive-images-snapshot", ALL_OFF },
	{ "work-during-interaction", ALL_OFF },
	{ "critical-request-chains", ALL_OFF },
	{ "final-screenshot", ALL_OFF },
	{ "js-libraries", ALL_OFF },
	{ "largest-contentful-paint-element", ALL_OFF },
	{ "layout-shifts", ALL_OFF },
	{ "main-thread-tasks", ALL_OFF },
	{ "network-requests", ALL_OFF },
	{ "network-rtt", ALL_OFF },
	{ "network-server-latency", ALL_OFF },
	{ "resource-summary", ALL_OFF },
	{ "screenshot-thumbnails", ALL_OFF },
	{ "script-treemap-data", ALL_OFF },
	{ "third-party-summary", ALL_OFF },
	{ "total-blocking-time", ALL_OFF },
	{ "user-timings", ALL_OFF },
	{ "diagnostics", ALL_OFF },
	{ "metrics", ALL_OFF },
	/* Everything else: error. */
	{ "aria-allowed-attr", 0 },
	{ "aria-allowed-role", 0 },
	{ "aria-command-name", 0 },
	{ "aria-conditional-attr", 0 },
	{ "aria-deprecated-role", 0 },
	{ "aria-dialog-name", 0 },
	{ "aria-hidden-body", 0 },
	{ "aria-hidden-focus", 0 },
	{ "aria-input-field-name", 0 },
	{ "aria-meter-name", 0 },
	{ "aria-progressbar-name", 0 },
	{ "aria-prohibited-attr", 0 },
	{ "aria-required-attr", 0 },
	{ "aria-required-children", 0 },
	{ "aria-required-parent", 0 },
	{ "aria-roles", 0 },
	{ "aria-text", 0 },
	{ "aria-toggle-field-name", 0 },
	{ "aria-tooltip-name", 0 },
	{ "aria-treeitem-name", 0 },
	{ "aria-valid-attr-value", 0 },
	{ "aria-valid-attr", 0 },
	{ "bf-cache", 0 },
	{ "bootup-time", REC_WARN },
	{ "button-name", 0 },
	{ "cache-insight", SINCE_015 | REC_WARN | REC_LEN0 },
	{ "clickjacking-mitigation", SINCE_015 },
	{ "cls-culprits-insight", SINCE_015 },
	{ "color-contrast", 0 },
	{ "crawlable-anchors", 0 },
	{ "csp-xss", 0 },
	{ "cumulative-layout-shift", REC_WARN },
	{ "definition-list", 0 },
	{ "document-latency-insight", SINCE_015 },
	{ "document-title", 0 },
	{ "dom-size-insight", SINCE_015 | REC_WARN },
	{ "dom-size", REC_WARN },
	{ "duplicate-id-aria", 0 },
	{ "duplicated-javascript-insight", SINCE_015 },
	{ "duplicated-javascript", REC_WARN | REC_LEN0 },
	{ "efficient-animated-content", REC_LEN0 },
	{ "empty-heading", 0 },
	{ "errors-in-console", 0 },
	{ "first-contentful-paint", REC_WARN },
	{ "first-meaningful-paint", REC_WARN },
	{ "font-display-insight", SINCE_015 },
	{ "font-display", 0 },
	{ "font-size", 0 },
	{ "forced-reflow-insight", SINCE_015 },
	{ "form-field-multiple-labels", 0 },
	{ "frame-title", 0 },
	{ "geolocation-on-start", 0 },
	{ "has-hsts", SINCE_015 },
	{ "heading-order", 0 },
	{ "html-has-lang", 0 },
	{ "html-lang-valid", 0 },
	{ "html-xml-lang-mismatch", 0 },
	{ "http-status-code", 0 },
	{ "identical-links-same-purpose", 0 },
	{ "image-alt", 0 },
	{ "image-aspect-ratio", 0 },
	{ "image-delivery-insight", SINCE_015 },
	{ "image-redundant-alt", 0 },
	{ "image-size-responsive", 0 },
	{ "input-button-name", 0 },
	{ "input-image-alt", 0 },
	{ "inspector-issues", 0 },
	{ "interaction-to-next-paint-insight", SINCE_015 },
	{ "is-crawlable", 0 },
	{ "is-on-https", REC_WARN | NOPWA_OFF },
	{ "label-content-name-mismatch", 0 },
	{ "landmark-one-main", 0 },
	{ "largest-contentful-paint", REC_WARN },
	{ "lcp-discovery-insight", SINCE_015 },
	{ "lcp-lazy-loaded", 0 },
	{ "lcp-phases-insight", SINCE_015 },
	{ "legacy-javascript-insight", SINCE_015 },
	{ "legacy-javascript", REC_WARN | REC_LEN0 },
	{ "link-in-text-block", 0 },
	{ "link-name", 0 },
	{ "link-text", 0 },
	{ "long-tasks", REC_OFF },
	{ "mainthread-work-breakdown", REC_WARN },
	{ "max-potential-fid", REC_WARN },
	{ "meta-description", 0 },
	{ "meta-refresh", 0 },
	{ "meta-viewport", 0 },
	{ "modern-http-insight", SINCE_015 },
	{ "modern-image-formats", REC_WARN | REC_LEN0 },
	{ "network-dependency-tree-insight", SINCE_015 },
	{ "no-document-write", 0 },
	{ "non-composited-animations", 0 },
	{ "notification-on-start", 0 },
	{ "object-alt", 0 },
	{ "offscreen-images", REC_LEN0 },
	{ "origin-isolation", SINCE_015 },
	{ "paste-preventing-inputs", 0 },
	{ "prioritize-lcp-image", 0 },
	{ "redirects-http", 0 },
	{ "render-blocking-insight", SINCE_015 | REC_WARN | REC_LEN0 },
	{ "render-blocking-resources", REC_WARN | REC_LEN0 },
	{ "robots-txt", 0 },
	{ "select-name", 0 },
	{ "server-response-time", REC_WARN },
	{ "skip-link", 0 },
	{ "speed-index", REC_WARN },
	{ "table-duplicate-name", 0 },
	{ "table-fake-caption", 0 },
	{ "target-size", 0 },
	{ "td-has-header", 0 },
	{ "td-headers-attr", 0 },
	{ "th-has-data-cells", 0 },
	{ "third-parties-insight", SINCE_015 },
	{ "third-party-cookies", 0 },
	{ "third-party-facades", 0 },
	{ "total-byte-weight", 0 },
	{ "unminified-css", REC_LEN0 },
	{ "unminified-javascript", REC_LEN0 },
	{ "unsized-images", 0 },
	{ "unused-css-rules", REC_LEN0 },
	{ "unused-javascript", REC_LEN0 },
	{ "uses-http2", REC_OFF },
	{ "uses-long-cache-ttl", REC_WARN | REC_LEN0 },
	{ "uses-optimized-images", REC_LEN0 },
	{ "uses-passive-event-listeners", 0 },
	{ "uses-rel-preconnect", REC_LEN0 },
	{ "uses-responsive-images", REC_LEN0 },
	{ "uses-text-compression", REC_LEN0 },
	{ "valid-lang", 0 },
	{ "valid-source-maps", 0 },
	{ "video-caption", 0 },
	{ "viewport-insight", SINCE_015 },
	{ "accesskeys", 0 },
	{ "bypass", 0 },
	{ "canonical", 0 },
	{ "charset", 0 },
	{ "deprecations", 0 },
	{ "dlitem", 0 },
	{ "doctype", 0 },
	{ "hreflang", 0 },
	{ "interactive", REC_WARN },
	{ "label", 0 },
	{ "list", 0 },
	{ "listitem", 0 },
	{ "redirects", 0 },
	{ "tabindex", 0 },
	{ "viewport", NOPWA_OFF },
};

#define NROWS (sizeof(rows) / sizeof(rows[0]))

static const char *const names[] = {
	[PO_LHCI_PRESET_ALL] = "lighthouse:all",
	[PO_LHCI_PRESET_RECOMMENDED] = "lighthouse:recommended",
	[PO_LHCI_PRESET_NO_PWA] = "lighthouse:no-pwa",
};

int
po_lhci_preset_from_name(enum po_lhci_preset *out, const char *name)
{
	for (int p = PO_LHCI_PRESET_ALL; p <= PO_LHCI_PRESET_NO_PWA; p++)
		if (strcmp(names[p], name) == 0) {
			*out = (enum po_lhci_preset)p;
			return 0;
		}
	return -1;
}

const char *
po_lhci_preset_name(enum po_lhci_preset preset)
{
	return preset == PO_LHCI_PRESET_NONE ? "" : names[preset];
}

static bool
in_release(const struct row *row, enum po_lhci_release release)
{
	return release == PO_LHCI_0_15 || !(row->flags & SINCE_015);
}

static struct po_lhci_preset_entry
entry_of(const struct row *row, enum po_lhci_preset preset)
{
	struct po_lhci_preset_entry e = { row->id, PO_LHCI_ERROR, false, 0 };
	unsigned f = row->flags;

	if (f & ALL_OFF)
		e.level = PO_LHCI_OFF;
	if (preset == PO_LHCI_PRESET_ALL)
		return e;
	if (f & REC_WARN)
		e.level = PO_LHCI_WARN;
	if (f & REC_OFF)
		e.level = PO_LHCI_OFF;
	if (f & REC_LEN0) {
		e.has_max_length = true;
		e.max_length = 0;
	}
	/* no-pwa writes these as the bare string "off", which drops the
	 * options too. */
	if (preset == PO_LHCI_PRESET_NO_PWA && (f & NOPWA_OFF)) {
		e.level = PO_LHCI_OFF;
		e.has_max_length = false;
	}
	return e;
}

size_t
po_lhci_preset_entries(struct po_lhci_preset_entry *out,
    enum po_lhci_preset preset, enum po_lhci_release release)
{
	size_t n = 0;

	if (preset == PO_LHCI_PRESET_NONE)
		return 0;
	for (size_t i = 0; i < NROWS && n < PO_LHCI_PRESET_MAX; i++)
		if (in_release(&rows[i], release))
			out[n++] = entry_of(&rows[i], preset);
	return n;
}

bool
po_lhci_preset_knows(const char *audit_id, enum po_lhci_release release)
{
	for (size_t i = 0; i < NROWS; i++)
		if (in_release(&rows[i], release) &&
		    strcmp(rows[i].id, audit_id) == 0)
			return true;
	return false;
}
