/* An ordered parallel map: items are worked on by a few threads, and the
 * results are handed back one by one in input order, with each item's
 * messages printed just before its result, so that the output of a tool is
 * the same whatever the number of cores. */
#ifndef PO_PARALLEL_H
#define PO_PARALLEL_H

#include <stddef.h>

/* Runs on a worker thread: the result for item `index`, or NULL. */
typedef void *(*po_parallel_work_fn)(size_t index, void *ctx);

/* Runs on the calling thread, in order of `index`, with work's result. */
typedef void (*po_parallel_done_fn)(size_t index, void *result, void *ctx);

/* Maps `n` items with up to `max_threads` threads (0: one per online core).
 * With one thread or one item everything runs on the calling thread. */
void po_parallel_map(size_t n, unsigned max_threads, po_parallel_work_fn work,
    po_parallel_done_fn done, void *ctx);

/* The same, with the threads taking the items of largest `cost` first
 * (the size of a file, say), so that a large item at the end of the list
 * does not keep one core busy while the others wait; the results are still
 * handed back in input order. */
void po_parallel_map_costed(size_t n, unsigned max_threads,
    const size_t *cost, po_parallel_work_fn work, po_parallel_done_fn done,
    void *ctx);

#endif
