/* Lighthouse CI's matchingUrlPattern: a JavaScript regular expression (no
 * flags), tested unanchored against a report's final URL with
 * RegExp.prototype.test.  po translates it into a POSIX extended regular
 * expression; since only "is there a match" is asked, greedy and lazy
 * quantifiers mean the same and the translation is exact for the regular
 * subset of the syntax.  URLs are ASCII, which is what the translation of
 * `.`, `\s` and negated classes relies on. */
#ifndef PO_LHCI_REGEX_H
#define PO_LHCI_REGEX_H

#include <regex.h>
#include <stddef.h>

/* Translates `js` and compiles it into *out (regfree it).  Returns 0, or
 * -1 with the reason in `why` (a phrase such as "a lookahead '(?=' has no
 * POSIX equivalent") when the pattern is not valid JavaScript or uses
 * syntax that cannot be translated faithfully: lookaround, backreferences,
 * word boundaries, non-ASCII escapes, empty alternatives. */
int po_lhci_regex_compile(regex_t *out, const char *js, char *why,
    size_t whylen);

/* Whether `re` matches somewhere in `subject`. */
int po_lhci_regex_test(const regex_t *re, const char *subject);

#endif
