/* Request headers from a file or an environment variable, so that
 * credentials need not appear on a command line.  Their values are never
 * echoed, not even in messages. */
#ifndef PO_AUDIT_HEADERS_H
#define PO_AUDIT_HEADERS_H

#include <curl/curl.h>

/* Appends the "Name: value" lines of `text` to `*list`; blank lines and
 * lines starting with '#' are skipped.  `where` names the source in
 * messages.  Returns -1 after reporting each bad line. */
int po_headers_parse(struct curl_slist **list, const char *text, size_t len,
    const char *where);

/* The same for a file ("-" is standard input). */
int po_headers_read_file(struct curl_slist **list, const char *path);

/* The same for the content of environment variable `name`. */
int po_headers_read_env(struct curl_slist **list, const char *name);

#endif
