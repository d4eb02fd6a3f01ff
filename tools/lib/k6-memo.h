/* What yajl reported for a part of a k6 point line, kept so that a later
 * line with the very same bytes there need not have them lexed again.
 *
 * The lines of a run differ in their time and value and little else: the
 * head before the time, {"metric":"...","type":"Point","data":{"time":",
 * has one form per metric, and the tail after the value,
 * ,"tags":{...}}}, two thirds of a line, one per tag set, of which a run
 * has few.  k6-points.c cuts a line there, looks its head up in one memo
 * and its tail in another, and on a hit makes again the callbacks yajl
 * made for those bytes the first time, in the state they were made in
 * (the argument is at parse_line() in k6-points.c).  Every distinct head
 * and tail is still lexed and validated by yajl once: this is a memo of
 * its answers, not a second parser.
 *
 * A memo belongs to one chunk's parse, on one thread. */
#ifndef PO_K6_MEMO_H
#define PO_K6_MEMO_H

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

/* The callbacks of one head or tail, in order. */
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

struct po_k6_memo_entry;

struct po_k6_memo {
	struct po_k6_memo_entry **slots;
	size_t nslots;
	size_t nentries;
	size_t bytes;           /* of entries and their events, for the bound */
};

/* The hash a part of a line is found by. */
uint64_t po_k6_memo_hash(const char *s, size_t len);

/* The callbacks of the bytes `s` (`len` of them, hash `hash`), or NULL. */
const struct po_k6_events *po_k6_memo_find(const struct po_k6_memo *memo,
    const char *s, size_t len, uint64_t hash);

/* Keeps `events` as the callbacks of the bytes `s`, taking them over
 * (*events is empty afterwards), and returns where they are kept.
 * Returns NULL, keeping nothing, when the memo is full: it stays small
 * whatever the input. */
const struct po_k6_events *po_k6_memo_add(struct po_k6_memo *memo, const char *s, size_t len,
    uint64_t hash, struct po_k6_events *events);

void po_k6_memo_clear(struct po_k6_memo *memo);

#endif
