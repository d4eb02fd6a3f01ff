/* Messages and exit status shared by every po tool.
 *
 * Every diagnostic goes to stderr as "po-tool: file:line:col: what is wrong";
 * the worst status seen is kept so that a tool can report every problem it
 * meets and still exit with the right code (2 beats 1 beats 0). */
#ifndef PO_MSG_H
#define PO_MSG_H

#include <stddef.h>

enum po_status {
	PO_PASS = 0,     /* the gate passed */
	PO_FAIL = 1,     /* a budget, threshold or regression failed */
	PO_BAD = 2       /* usage error or input that could not be used */
};

/* Remembers the program name used as the prefix of every message. */
void po_msg_init(const char *progname);
const char *po_msg_progname(void);

/* Raises the exit status to at least `status`; never lowers it. */
void po_status_raise(enum po_status status);
enum po_status po_status_get(void);

/* Prints "prog: file:line:col: message" to stderr.  `line` and `col` are
 * 1-based; 0 leaves them out, and a NULL `file` leaves out the location.
 * po_error also raises the status to PO_BAD; po_warn leaves it alone. */
void po_error(const char *file, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void po_warn(const char *file, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Holds back this thread's messages until po_msg_capture_end(), which
 * returns them (NULL when there were none; the caller frees the text), so
 * that work done in parallel reports in input order. */
void po_msg_capture_begin(void);
char *po_msg_capture_end(void);

/* Reports an allocation failure and exits 2: no caller has to handle NULL. */
_Noreturn void po_oom(void);
void *po_xmalloc(size_t size);
void *po_xcalloc(size_t nmemb, size_t size);
void *po_xrealloc(void *ptr, size_t size);
char *po_xstrdup(const char *s);
char *po_xstrndup(const char *s, size_t len);

/* Flushes and closes stdout; a failed write (a full disk, a closed pipe) is
 * an error, because a truncated stream must never be read as a pass.
 * Returns the final exit status. */
int po_msg_finish(void);

#endif
