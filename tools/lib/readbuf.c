#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include "msg.h"
#include "readbuf.h"

struct kept {
	char *buf;
	size_t cap;
};

static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static pthread_key_t key;
static int key_made = -1;

static void
free_kept(void *arg)
{
	struct kept *kept = arg;

	free(kept->buf);
	free(kept);
}

static void
make_key(void)
{
	key_made = pthread_key_create(&key, free_kept);
}

/* The calling thread's slot, made on first use; NULL when no key could
 * be made, and then nothing is kept. */
static struct kept *
slot(void)
{
	struct kept *kept;

	pthread_once(&key_once, make_key);
	if (key_made != 0)
		return NULL;
	kept = pthread_getspecific(key);
	if (kept == NULL) {
		kept = po_xcalloc(1, sizeof(*kept));
		if (pthread_setspecific(key, kept) != 0) {
			free(kept);
			return NULL;
		}
	}
	return kept;
}

char *
po_readbuf_get(size_t size, size_t *cap)
{
	struct kept *kept = slot();
	char *buf;

	if (kept != NULL && kept->buf != NULL && kept->cap >= size) {
		buf = kept->buf;
		*cap = kept->cap;
		kept->buf = NULL;
		kept->cap = 0;
		return buf;
	}
	*cap = size;
	return po_xmalloc(size);
}

void
po_readbuf_put(char *buf, size_t cap)
{
	struct kept *kept;

	if (buf == NULL)
		return;
	kept = cap <= PO_READBUF_KEEP_MAX ? slot() : NULL;
	if (kept == NULL || kept->cap >= cap) {
		free(buf);
		return;
	}
	free(kept->buf);
	kept->buf = buf;
	kept->cap = cap;
}
