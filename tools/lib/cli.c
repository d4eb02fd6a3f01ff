#include "config.h"

#include <argp.h>
#include <stdio.h>

#include "cli.h"
#include "msg.h"

const char *argp_program_bug_address = PACKAGE_BUGREPORT;

void
po_cli_init(const char *name)
{
	static char version[128];

	po_msg_init(name);
	snprintf(version, sizeof(version), "%s (%s) %s", po_msg_progname(),
	    PACKAGE_NAME, PACKAGE_VERSION);
	argp_program_version = version;
	argp_err_exit_status = PO_BAD;
}
