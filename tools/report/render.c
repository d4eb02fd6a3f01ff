#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render.h"

static const struct {
	const char *name;
	po_render_fn render;
} renderers[] = {
	{ "text", po_render_text },
	{ "markdown", po_render_markdown },
	{ "junit", po_render_junit },
	{ "github", po_render_github },
	{ "html", po_render_html },
	{ "svg", po_render_svg }
};

po_render_fn
po_render_find(const char *format)
{
	for (size_t i = 0; i < sizeof(renderers) / sizeof(*renderers); i++)
		if (strcmp(format, renderers[i].name) == 0)
			return renderers[i].render;
	return NULL;
}

int
po_color_parse(enum po_color *out, const char *when)
{
	if (when == NULL || strcmp(when, "always") == 0)
		*out = PO_COLOR_ALWAYS;
	else if (strcmp(when, "never") == 0)
		*out = PO_COLOR_NEVER;
	else if (strcmp(when, "auto") == 0)
		*out = PO_COLOR_AUTO;
	else
		return -1;
	return 0;
}

bool
po_color_use(enum po_color when)
{
	const char *no_color = getenv("NO_COLOR");

	/* An explicit choice on the command line beats NO_COLOR, as
	 * no-color.org asks. */
	if (when != PO_COLOR_AUTO)
		return when == PO_COLOR_ALWAYS;
	return isatty(STDOUT_FILENO) && (no_color == NULL || *no_color == '\0');
}
