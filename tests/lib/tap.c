#include "config.h"

#include <stdio.h>

#include "tap.h"

static int ntests;
static int nfailed;

void
tap_ok(bool good, const char *name)
{
	ntests++;
	if (!good)
		nfailed++;
	printf("%sok %d - %s\n", good ? "" : "not ", ntests, name);
}

int
tap_done(void)
{
	printf("1..%d\n", ntests);
	return nfailed ? 1 : 0;
}
