/* Fuzzes the translation of Lighthouse CI's matchingUrlPattern (a
 * JavaScript regular expression) into a POSIX one (lhci-regex.c), and the
 * match of what it compiled against URLs.  The input up to its first
 * newline is the pattern; the rest, if any, one more URL to test. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "harness.h"
#include "lib/lhci-regex.h"

static const char *const urls[] = {
	"http://127.0.0.1:8080/lean.html",
	"https://example.com/a/b?c=d&e=%20#frag",
	"",
	NULL
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t plen = nl ? (size_t)(nl - data) : size;
	char *pattern, *url;
	char why[256];
	regex_t re;

	/* The pattern comes from a JSON string, which cannot hold a NUL
	 * that C would see. */
	if (memchr(data, '\0', plen) != NULL)
		return 0;
	pattern = po_xstrndup((const char *)data, plen);
	url = nl ? po_xstrndup((const char *)nl + 1, size - plen - 1) :
	    po_xstrdup("");
	why[0] = '\0';
	if (po_lhci_regex_compile(&re, pattern, why, sizeof(why)) == 0) {
		for (size_t i = 0; urls[i] != NULL; i++)
			po_lhci_regex_test(&re, urls[i]);
		po_lhci_regex_test(&re, url);
		regfree(&re);
	} else if (why[0] == '\0') {
		/* A refusal always says why: the message quotes it. */
		abort();
	}
	free(pattern);
	free(url);
	return 0;
}
