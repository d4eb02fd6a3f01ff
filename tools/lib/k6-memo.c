#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "k6-memo.h"
#include "msg.h"

/* A run's distinct tag sets are few (one per URL, status, scenario and
 * group in use), and its heads fewer (one per metric); past these bounds
 * a memo keeps what it has and other lines are lexed every time, as
 * without it. */
#define MAX_ENTRIES 1024
#define MAX_BYTES (4 * 1024 * 1024)

struct po_k6_memo_entry {
	uint64_t hash;
	size_t len;
	char *bytes;
	struct po_k6_events events;
};

void
po_k6_events_add(struct po_k6_events *events, enum po_k6_event_type type,
    const void *text, size_t len, int boolean)
{
	struct po_k6_event *ev;

	if (events->n == events->cap) {
		events->cap = events->cap ? events->cap * 2 : 32;
		events->ev = po_xrealloc(events->ev,
		    events->cap * sizeof(*events->ev));
	}
	if (events->textlen + len > events->textcap) {
		events->textcap = (events->textlen + len) * 2 + 256;
		events->text = po_xrealloc(events->text, events->textcap);
	}
	ev = &events->ev[events->n++];
	ev->type = type;
	ev->boolean = boolean;
	ev->text = events->textlen;
	ev->len = len;
	if (len > 0)
		memcpy(events->text + events->textlen, text, len);
	events->textlen += len;
}

void
po_k6_events_clear(struct po_k6_events *events)
{
	free(events->ev);
	free(events->text);
	memset(events, 0, sizeof(*events));
}

/* Eight bytes at a time, and every byte: a hash of samples made tails that
 * differ elsewhere (a status of 500 or 503 in the same place) collide, and
 * every lookup compared against each of them. */
uint64_t
po_k6_memo_hash(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ len;
	uint64_t word;

	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&word, s, 8);
		h = (h ^ word) * 0xff51afd7ed558ccdu;
		h ^= h >> 29;
	}
	word = 0;
	memcpy(&word, s, len);
	h = (h ^ word) * 0xc4ceb9fe1a85ec53u;
	return h ^ (h >> 32);
}

static size_t
slot_of(const struct po_k6_memo *memo, const char *s, size_t len,
    uint64_t hash)
{
	size_t mask = memo->nslots - 1;
	size_t at = (size_t)hash & mask;

	for (;;) {
		const struct po_k6_memo_entry *t = memo->slots[at];

		if (t == NULL || (t->hash == hash && t->len == len &&
		    memcmp(t->bytes, s, len) == 0))
			return at;
		at = (at + 1) & mask;
	}
}

const struct po_k6_events *
po_k6_memo_find(const struct po_k6_memo *memo, const char *s, size_t len,
    uint64_t hash)
{
	const struct po_k6_memo_entry *t;

	if (memo->nslots == 0)
		return NULL;
	t = memo->slots[slot_of(memo, s, len, hash)];
	return t != NULL ? &t->events : NULL;
}

const struct po_k6_events *
po_k6_memo_add(struct po_k6_memo *memo, const char *s, size_t len,
    uint64_t hash, struct po_k6_events *events)
{
	size_t cost = len + events->textlen +
	    events->n * sizeof(*events->ev) + sizeof(struct po_k6_memo_entry);
	struct po_k6_memo_entry *t;
	size_t at;

	if (memo->nentries == MAX_ENTRIES || memo->bytes + cost > MAX_BYTES)
		return NULL;
	if (memo->nslots == 0) {
		/* Twice the most entries kept: probes stay short. */
		memo->nslots = 2 * MAX_ENTRIES;
		memo->slots = po_xcalloc(memo->nslots, sizeof(*memo->slots));
	}
	at = slot_of(memo, s, len, hash);
	if (memo->slots[at] != NULL)
		return NULL;
	t = po_xmalloc(sizeof(*t));
	t->hash = hash;
	t->len = len;
	t->bytes = po_xmalloc(len > 0 ? len : 1);
	memcpy(t->bytes, s, len);
	t->events = *events;
	memset(events, 0, sizeof(*events));
	memo->slots[at] = t;
	memo->nentries++;
	memo->bytes += cost;
	return &t->events;
}

void
po_k6_memo_clear(struct po_k6_memo *memo)
{
	for (size_t i = 0; i < memo->nslots; i++) {
		struct po_k6_memo_entry *t = memo->slots[i];

		if (t == NULL)
			continue;
		free(t->bytes);
		po_k6_events_clear(&t->events);
		free(t);
	}
	free(memo->slots);
	memset(memo, 0, sizeof(*memo));
}
