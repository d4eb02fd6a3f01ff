/* Reading and writing the notes of the notes ref. */
#ifndef PO_BASELINE_STORE_H
#define PO_BASELINE_STORE_H

#include <git2.h>

#include "baseline/note.h"

/* Loads the note blob `blob_id`, which hangs on `commit`, into `note`.
 * Bad lines are reported as "REF:COMMIT:LINE" (as warnings when
 * `lenient`, see po_note_parse_line) and counted in *nbad.
 * Returns 0, or -1 after a message when the blob cannot be read or is too
 * large. */
int po_baseline_load_blob(struct po_note *note, size_t *nbad, int lenient,
    git_repository *repo, const git_oid *blob_id, const char *ref,
    const git_oid *commit);

/* Loads the note of `commit` in the notes commit `notes` (NULL: no notes
 * yet).  Returns 1 when there is one, 0 when not, -1 after a message. */
int po_baseline_load_note(struct po_note *note, size_t *nbad, int lenient,
    git_repository *repo, git_commit *notes, const char *ref,
    const git_oid *commit);

/* Merges the documents of `add` into the note of `commit` under `ref`:
 * reads the ref, writes a new notes commit on top of it and moves the ref
 * only if it still points where it was read (compare and swap); a writer
 * that lost the race reads again and retries.  Until the ref moves the
 * repository is unchanged, so a crash leaves it as it was.  Returns 0, or
 * -1 after a message. */
int po_baseline_store(git_repository *repo, const char *ref,
    const git_oid *commit, const struct po_note *add);

/* Moves `ref` from `old` (NULL: it must not exist yet) to `new_id`, both
 * checked and done under the ref's lock.
 * Returns 0, 1 when another writer moved it first, -1 after a message. */
int po_baseline_ref_swap(git_repository *repo, const char *ref,
    const git_oid *old, const git_oid *new_id, const char *why);

/* Sleeps a short random time, longer after each lost race, so that
 * writers that collided do not collide again in lock step. */
void po_baseline_backoff(int attempt);

#endif
