/* What every po tool's command line shares: argp set up for po's exit
 * statuses and version string, and the message prefix. */
#ifndef PO_CLI_H
#define PO_CLI_H

/* Call first in main: sets the program name for messages, makes argp exit
 * with 2 on a usage error (its default, EX_USAGE, breaks po's contract) and
 * sets --version to "NAME (po) VERSION". */
void po_cli_init(const char *name);

#endif
