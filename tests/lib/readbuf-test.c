/* Unit tests of readbuf.c, in TAP: a thread gets back the buffer it kept,
 * keeps the larger of two, frees what is too large to keep, and never
 * sees another thread's.  Run by tests/read-buffer.sh. */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/msg.h"
#include "lib/readbuf.h"
#include "tap.h"

/* What a second thread gets while the first has a buffer kept. */
static void *
other_thread(void *kept)
{
	size_t cap;
	char *buf = po_readbuf_get(64, &cap);
	bool good = buf != kept && cap == 64;

	po_readbuf_put(buf, cap);
	return good ? kept : NULL;
}

int
main(void)
{
	size_t cap, cap2;
	char *small, *large, *again, *huge;
	pthread_t thread;
	void *result = NULL;

	po_msg_init("readbuf-test");
	small = po_readbuf_get(100, &cap);
	tap_ok(small != NULL && cap == 100, "a first buffer has the size asked");
	po_readbuf_put(small, cap);
	again = po_readbuf_get(50, &cap);
	tap_ok(again == small && cap == 100,
	    "the kept buffer comes back, with its size, for less");
	po_readbuf_put(again, cap);
	large = po_readbuf_get(200, &cap2);
	tap_ok(large != small && cap2 == 200,
	    "a kept buffer too small for the size asked is not handed out");
	po_readbuf_put(large, cap2);
	again = po_readbuf_get(150, &cap);
	tap_ok(again == large && cap == 200, "of two, the larger is kept");
	tap_ok(pthread_create(&thread, NULL, other_thread, again) == 0 &&
	    pthread_join(thread, &result) == 0 && result == again,
	    "another thread gets its own buffer, not this one's");
	po_readbuf_put(again, cap);
	huge = po_readbuf_get(PO_READBUF_KEEP_MAX + 1, &cap);
	po_readbuf_put(huge, cap);
	again = po_readbuf_get(150, &cap);
	tap_ok(again == large && cap == 200,
	    "a buffer larger than PO_READBUF_KEEP_MAX is freed, not kept");
	po_readbuf_put(again, cap);
	po_readbuf_put(NULL, 0);
	tap_ok(true, "handing back NULL is fine");
	return tap_done();
}
