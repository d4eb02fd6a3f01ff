/* A thread's read buffer, kept from one input to the next.
 *
 * A buffer freshly allocated for every input is fresh memory every time:
 * glibc hands a large block back to the kernel when it is freed, and the
 * next one is faulted in again, a page fault a page, about 10 us each on
 * the VMs CI runs on.  Reading twelve Lighthouse reports on two threads,
 * that was a tenth of po-lighthouse-parse's time.  A thread that reads
 * input after input takes the same buffer back instead. */
#ifndef PO_READBUF_H
#define PO_READBUF_H

#include <stddef.h>

/* Buffers larger than this are freed, not kept: memory stays bounded. */
#define PO_READBUF_KEEP_MAX (1024 * 1024)

/* A buffer of at least `size` bytes, the caller's until it is handed to
 * po_readbuf_put() (or freed); its size is set in *cap.  Exits 2 when
 * memory runs out. */
char *po_readbuf_get(size_t size, size_t *cap);

/* Keeps `buf` (of `cap` bytes, from po_readbuf_get() or realloc'd since)
 * for the calling thread's next po_readbuf_get(), or frees it.  NULL is
 * fine.  What a thread keeps is freed when it exits. */
void po_readbuf_put(char *buf, size_t cap);

#endif
