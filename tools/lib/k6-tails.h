/* What yajl reported for the tail of a k6 point line, kept so that a later
 * line with the very same tail need not have it lexed again.
 *
 * The lines of one metric differ in their time and value and then, nearly
 * always, end alike: ,"tags":{...}}} is two thirds of a line, and a run
 * has few distinct tag sets.  k6-points.c hands yajl a line up to the end
 * of its value, checks from the callbacks that yajl's state there is the
 * one every tail here was lexed in (inside "data", a number pending; the
 * argument is at parse_line() in k6-points.c), and looks the rest up
 * here.  On a hit, the callbacks
 * yajl made for those bytes the first time are made again and yajl is
 * handed only the two closing braces.  Every distinct tail is still
 * lexed and validated by yajl once: this is a memo of its answers, not a
 * second parser.
 *
 * A memo belongs to one chunk's parse, on one thread. */
#ifndef PO_K6_TAILS_H
#define PO_K6_TAILS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum po_k6_event_type {
	PO_K6_EV_NULL,
	PO_K6_EV_BOOLEAN,
	PO_K6_EV_NUMBER,
	PO_K6_EV_STRING,
	PO_K6_EV_KEY,
	PO_K6_EV_START_MAP,
	PO_K6_EV_END_MAP,
	PO_K6_EV_START_ARRAY,
	PO_K6_EV_END_ARRAY
};

/* One callback: its text (a key, a string, a number's digits) is `len`
 * bytes at `text` in the events' text; `boolean` is a boolean's value. */
struct po_k6_event {
	enum po_k6_event_type type;
	int boolean;
	size_t text;
	size_t len;
};

/* The callbacks of one tail, in order. */
struct po_k6_events {
	struct po_k6_event *ev;
	size_t n;
	size_t cap;
	char *text;
	size_t textlen;
	size_t textcap;
};

void po_k6_events_add(struct po_k6_events *events,
    enum po_k6_event_type type, const void *text, size_t len, int boolean);
void po_k6_events_clear(struct po_k6_events *events);

struct po_k6_tail;

struct po_k6_tails {
	struct po_k6_tail **slots;
	size_t nslots;
	size_t ntails;
	size_t bytes;           /* of tails and their events, for the bound */
};

/* The hash a tail is found by. */
uint64_t po_k6_tails_hash(const char *s, size_t len);

/* The callbacks of the tail `s` (`len` bytes, hash `hash`), or NULL. */
const struct po_k6_events *po_k6_tails_find(const struct po_k6_tails *tails,
    const char *s, size_t len, uint64_t hash);

/* Keeps `events` as the callbacks of tail `s`, taking them over (*events
 * is empty afterwards).  Returns false, keeping nothing, when the memo is
 * full: it stays small whatever the input. */
bool po_k6_tails_add(struct po_k6_tails *tails, const char *s, size_t len,
    uint64_t hash, struct po_k6_events *events);

void po_k6_tails_clear(struct po_k6_tails *tails);

#endif
