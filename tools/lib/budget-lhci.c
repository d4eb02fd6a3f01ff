/* Placeholder until the Lighthouse CI engine lands: refuses every config. */
#include "config.h"

#include "budget-lhci.h"
#include "json-val.h"
#include "msg.h"

struct po_lhci {
	int unused;
};

int
po_lhci_detect(yajl_val root)
{
	return po_val_get(root, "ci") != NULL;
}

int
po_lhci_load(struct po_lhci **out, yajl_val root, const char *file)
{
	(void)out;
	(void)root;
	po_error(file, 0, 0, "Lighthouse CI configurations are not supported yet");
	return -1;
}

void
po_lhci_evaluate(const struct po_lhci *lhci, const struct po_runset *runs,
    struct po_tally *tally)
{
	(void)lhci;
	(void)runs;
	tally->errors++;
}

void
po_lhci_free(struct po_lhci *lhci)
{
	(void)lhci;
}
