#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "msg.h"
#include "parallel.h"

struct slot {
	void *result;
	char *messages;
	bool ready;
};

struct pool {
	size_t n;
	size_t next;                    /* the next item to take */
	size_t *order;                  /* which item is taken when */
	struct slot *slots;
	po_parallel_work_fn work;
	void *ctx;
	pthread_mutex_t lock;
	pthread_cond_t ready;
};

static void *
worker(void *arg)
{
	struct pool *pool = arg;

	for (;;) {
		size_t index;
		void *result;
		char *messages;

		pthread_mutex_lock(&pool->lock);
		index = pool->next++;
		pthread_mutex_unlock(&pool->lock);
		if (index >= pool->n)
			return NULL;
		index = pool->order[index];
		po_msg_capture_begin();
		result = pool->work(index, pool->ctx);
		messages = po_msg_capture_end();
		pthread_mutex_lock(&pool->lock);
		pool->slots[index].result = result;
		pool->slots[index].messages = messages;
		pool->slots[index].ready = true;
		pthread_cond_broadcast(&pool->ready);
		pthread_mutex_unlock(&pool->lock);
	}
}

static unsigned
thread_count(size_t n, unsigned max_threads)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	if (max_threads == 0)
		max_threads = cores > 0 ? (unsigned)cores : 1;
	if (max_threads > 16)
		max_threads = 16;
	return n < max_threads ? (unsigned)n : max_threads;
}

static const size_t *sort_cost;

static int
by_cost_descending(const void *a, const void *b)
{
	size_t ca = sort_cost[*(const size_t *)a];
	size_t cb = sort_cost[*(const size_t *)b];

	if (ca != cb)
		return ca < cb ? 1 : -1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* The order in which the items are taken: largest cost first, or as
 * given.  Called before any thread starts (sort_cost is not shared). */
static size_t *
take_order(size_t n, const size_t *cost)
{
	size_t *order = po_xcalloc(n, sizeof(*order));

	for (size_t i = 0; i < n; i++)
		order[i] = i;
	if (cost != NULL) {
		sort_cost = cost;
		qsort(order, n, sizeof(*order), by_cost_descending);
		sort_cost = NULL;
	}
	return order;
}

void
po_parallel_map(size_t n, unsigned max_threads, po_parallel_work_fn work,
    po_parallel_done_fn done, void *ctx)
{
	po_parallel_map_costed(n, max_threads, NULL, work, done, ctx);
}

void
po_parallel_map_costed(size_t n, unsigned max_threads, const size_t *cost,
    po_parallel_work_fn work, po_parallel_done_fn done, void *ctx)
{
	struct pool pool = { n, 0, NULL, NULL, work, ctx,
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER };
	unsigned nthreads = thread_count(n, max_threads);
	pthread_t *threads;
	unsigned started = 0;

	if (nthreads <= 1) {
		for (size_t i = 0; i < n; i++)
			done(i, work(i, ctx), ctx);
		return;
	}
	pool.slots = po_xcalloc(n, sizeof(*pool.slots));
	pool.order = take_order(n, cost);
	threads = po_xcalloc(nthreads, sizeof(*threads));
	for (unsigned t = 0; t < nthreads; t++)
		if (pthread_create(&threads[started], NULL, worker, &pool) == 0)
			started++;
	/* Should no thread start, the calling thread does the work itself. */
	if (started == 0)
		worker(&pool);
	for (size_t i = 0; i < n; i++) {
		pthread_mutex_lock(&pool.lock);
		while (!pool.slots[i].ready)
			pthread_cond_wait(&pool.ready, &pool.lock);
		pthread_mutex_unlock(&pool.lock);
		if (pool.slots[i].messages) {
			fputs(pool.slots[i].messages, stderr);
			free(pool.slots[i].messages);
		}
		done(i, pool.slots[i].result, ctx);
	}
	for (unsigned t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	free(threads);
	free(pool.order);
	free(pool.slots);
}
