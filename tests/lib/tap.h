/* The TAP the internal library's unit tests print: a numbered line a
 * check, and the plan at the end, which lets the harness see a test
 * program that stopped early. */
#ifndef PO_TESTS_TAP_H
#define PO_TESTS_TAP_H

#include <stdbool.h>

void tap_ok(bool good, const char *name);

/* Prints the plan and returns the exit status for main: 1 when a check
 * failed. */
int tap_done(void);

#endif
