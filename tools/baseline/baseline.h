/* po-baseline: measurements kept as git notes, one note per commit holding
 * the metrics documents saved for it, one per line. */
#ifndef PO_BASELINE_H
#define PO_BASELINE_H

#include <stddef.h>
#include <git2.h>

#define PO_BASELINE_DEFAULT_REF "refs/notes/po"
#define PO_BASELINE_DEFAULT_REMOTE "origin"
#define PO_BASELINE_DEFAULT_TRIES 10

/* What the command line decided; main fills it, the commands read it. */
struct po_baseline_args {
	const char *command;
	const char *repo_dir;           /* -C, or NULL for the current one */
	const char *ref;                /* the notes ref */
	const char *commit;             /* save --commit */
	const char *base;               /* show --base */
	int nearest;                    /* show --nearest */
	const char *metric;             /* log --metric */
	const char *subject;            /* log --subject, a glob */
	long limit;                     /* log -n; 0 for no limit */
	int tries;                      /* push: attempts; 0 for the default */
	char **operands;                /* what follows the command */
	int noperands;
};

/* Each command returns the exit status it settled on (0, 1 or 2); its
 * messages are already printed. */
int po_baseline_save(git_repository *repo, const struct po_baseline_args *args);
int po_baseline_show(git_repository *repo, const struct po_baseline_args *args);
int po_baseline_log(git_repository *repo, const struct po_baseline_args *args);
int po_baseline_push(git_repository *repo, const struct po_baseline_args *args);
int po_baseline_fetch(git_repository *repo,
    const struct po_baseline_args *args);

/* Opens the repository at or above `dir` (NULL: the current directory).
 * Returns 0, or -1 after a message; the caller owns *out. */
int po_baseline_repo_open(git_repository **out, const char *dir);

/* Reports the failed libgit2 call: "what: libgit2's reason". */
void po_baseline_git_error(const char *what_fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Resolves REV to the commit it names.  Returns 0, or -1 after a message. */
int po_baseline_resolve(git_oid *out, git_repository *repo, const char *rev);

/* The notes commit `ref` points at: 0 with *out set, 1 when the ref does not
 * exist (*out NULL), -1 after a message.  The caller owns *out. */
int po_baseline_notes_head(git_commit **out, git_repository *repo,
    const char *ref);

/* The signature notes commits are made with: the repository's user when it
 * has one, else po-baseline's own, so that a CI machine without user.name
 * can save.  The caller owns *out. */
int po_baseline_signature(git_signature **out, git_repository *repo);

/* Tells how to get notes when a repository has none or is shallow. */
void po_baseline_hint_fetch(git_repository *repo, const char *ref);

/* po_baseline_notes_head() for a reader: when the ref does not exist, says
 * there is no baseline and how to fetch one, and returns 1. */
int po_baseline_notes_to_read(git_commit **out, git_repository *repo,
    const char *ref);

#endif
