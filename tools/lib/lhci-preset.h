/* The assertion presets of Lighthouse CI (lighthouse:all, :recommended and
 * :no-pwa) as lhci 0.14 and 0.15 ship them, and the list of audit ids lhci
 * knows (the keys of lighthouse:all), which decides whether a missing audit
 * is reported as "not a known audit". */
#ifndef PO_LHCI_PRESET_H
#define PO_LHCI_PRESET_H

#include <stdbool.h>
#include <stddef.h>

#include "lhci-model.h"

/* lhci 0.15 added the Lighthouse 13 insight audits to its presets; 0.14
 * is the release that ran Lighthouse 12. */
enum po_lhci_release {
	PO_LHCI_0_14,
	PO_LHCI_0_15
};

struct po_lhci_preset_entry {
	const char *id;
	enum po_lhci_level level;
	bool has_max_length;
	double max_length;
};

/* The largest number of entries a preset has. */
#define PO_LHCI_PRESET_MAX 192

/* The preset called `name` ("lighthouse:recommended", ...).  Returns 0, or
 * -1 when lhci has no such preset. */
int po_lhci_preset_from_name(enum po_lhci_preset *out, const char *name);

const char *po_lhci_preset_name(enum po_lhci_preset preset);

/* Writes the assertions of `preset` as `release` ships them into `out`
 * (room for PO_LHCI_PRESET_MAX), in the order lhci's object has its keys.
 * Returns how many. */
size_t po_lhci_preset_entries(struct po_lhci_preset_entry *out,
    enum po_lhci_preset preset, enum po_lhci_release release);

/* Whether `audit_id` is a key of lighthouse:all in `release`. */
bool po_lhci_preset_knows(const char *audit_id, enum po_lhci_release release);

#endif
