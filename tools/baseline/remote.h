/* Talking to a remote: which one, with what credentials, and fetching its
 * notes ref without touching any other ref. */
#ifndef PO_BASELINE_REMOTE_H
#define PO_BASELINE_REMOTE_H

#include <git2.h>

struct po_remote {
	git_remote *remote;
	char *shown;            /* the name or URL for messages, no password */
	git_strarray headers;   /* http.extraheader values that apply */
	int ncredential_calls;
	int rejected;           /* the server refused the last push */
	char reason[256];       /* and why, as it said */
};

/* Opens the remote called `name`, or an anonymous one when `name` is a URL
 * or a path.  Returns 0, or -1 after a message.  Clear with
 * po_remote_close. */
int po_remote_open(struct po_remote *out, git_repository *repo,
    const char *name);

/* Callbacks that take credentials from where git's own CI set-ups leave
 * them (see po-baseline(1)), never printing them. */
void po_remote_callbacks(git_remote_callbacks *cb, struct po_remote *r);

/* Downloads the remote's `ref` and its history into the object database of
 * `repo`, without touching any of its refs, and says where the remote's ref
 * points: returns 1 with *out set, 0 when the remote has no such ref, -1
 * after a message. */
int po_remote_fetch_ref(git_oid *out, struct po_remote *r,
    git_repository *repo, const char *ref);

void po_remote_close(struct po_remote *r);

#endif
