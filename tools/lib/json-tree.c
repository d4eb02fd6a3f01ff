#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "json-scan.h"
#include "json-tree.h"
#include "msg.h"

/* The memory of one tree: blocks handed out front to back.  The first
 * allocation of a parse is its root, at the start of the first block, so
 * that po_tree_free() finds the blocks from the root alone. */
struct block {
	struct block *next;
	size_t used;
	size_t cap;
	alignas(max_align_t) unsigned char data[];
};

#define BLOCK_BYTES (16 * 1024)

/* A value waiting on the stack for its container to close, with its key
 * when the container is an object. */
struct member {
	char *key;
	yajl_val value;
};

/* An open container: its key in its parent, and where its members start
 * on the stack. */
struct open {
	yajl_val node;
	char *key;
	size_t first;
};

struct builder {
	struct block *first;    /* the block that holds the root */
	struct block *current;  /* the block allocations come from */
	struct member *members;
	size_t nmembers;
	size_t cap_members;
	struct open *opens;
	size_t nopens;
	size_t cap_opens;
	char *key;              /* the key read for the next member */
	yajl_val root;
	bool too_deep;
};

static struct block *
new_block(size_t cap)
{
	struct block *b = po_xmalloc(sizeof(*b) + cap);

	b->next = NULL;
	b->used = 0;
	b->cap = cap;
	return b;
}

/* Takes `size` bytes aligned to `align` (a power of two).  Each piece is
 * aligned only as its type needs: a string's bytes need none, and rounding
 * every key and number text up to max_align_t made a tree a third larger,
 * which po-budget, keeping the tree of every run, paid in page faults. */
static void *
take(struct builder *b, size_t size, size_t align)
{
	struct block *cur = b->current;
	void *p;

	if (cur != NULL)
		cur->used = (cur->used + align - 1) & ~(align - 1);
	if (cur == NULL || cur->used > cur->cap || cur->cap - cur->used < size) {
		struct block *more = new_block(size > BLOCK_BYTES ?
		    size : BLOCK_BYTES);

		if (cur == NULL)
			b->first = more;
		else
			cur->next = more;
		b->current = cur = more;
	}
	p = cur->data + cur->used;
	cur->used += size;
	return p;
}

static void
free_blocks(struct block *b)
{
	while (b != NULL) {
		struct block *next = b->next;

		free(b);
		b = next;
	}
}

void
po_tree_free(yajl_val root)
{
	if (root != NULL)
		free_blocks((struct block *)((unsigned char *)root -
		    offsetof(struct block, data)));
}

static yajl_val
new_value(struct builder *b, yajl_type type)
{
	yajl_val v = take(b, sizeof(*v), alignof(struct yajl_val_s));

	memset(v, 0, sizeof(*v));
	v->type = type;
	return v;
}

static char *
copy_text(struct builder *b, const void *text, size_t len)
{
	char *s = take(b, len + 1, 1);

	memcpy(s, text, len);
	s[len] = '\0';
	return s;
}

/* Hands a finished value to its container, or makes it the root. */
static int
add(struct builder *b, yajl_val v)
{
	if (b->nopens == 0) {
		b->root = v;
		return 1;
	}
	if (b->nmembers == b->cap_members) {
		b->cap_members = b->cap_members ? 2 * b->cap_members : 64;
		b->members = po_xrealloc(b->members,
		    b->cap_members * sizeof(*b->members));
	}
	b->members[b->nmembers].key = b->key;
	b->members[b->nmembers].value = v;
	b->nmembers++;
	b->key = NULL;
	return 1;
}

static int
open_container(struct builder *b, yajl_type type)
{
	if (b->nopens >= PO_TREE_MAX_DEPTH) {
		b->too_deep = true;
		return 0;
	}
	if (b->nopens == b->cap_opens) {
		b->cap_opens = b->cap_opens ? 2 * b->cap_opens : 16;
		b->opens = po_xrealloc(b->opens,
		    b->cap_opens * sizeof(*b->opens));
	}
	b->opens[b->nopens].node = new_value(b, type);
	b->opens[b->nopens].key = b->key;
	b->opens[b->nopens].first = b->nmembers;
	b->nopens++;
	b->key = NULL;
	return 1;
}

static int
close_container(struct builder *b)
{
	struct open *top = &b->opens[--b->nopens];
	yajl_val node = top->node;
	size_t n = b->nmembers - top->first;
	/* No member yet means no stack yet: members is NULL. */
	struct member *m = n ? b->members + top->first : NULL;

	b->key = top->key;
	if (node->type == yajl_t_object) {
		node->u.object.keys = n ? take(b, n * sizeof(char *),
		    alignof(char *)) : NULL;
		node->u.object.values = n ? take(b, n * sizeof(yajl_val),
		    alignof(yajl_val)) : NULL;
		for (size_t i = 0; i < n; i++) {
			node->u.object.keys[i] = m[i].key;
			node->u.object.values[i] = m[i].value;
		}
		node->u.object.len = n;
	} else {
		node->u.array.values = n ? take(b, n * sizeof(yajl_val),
		    alignof(yajl_val)) : NULL;
		for (size_t i = 0; i < n; i++)
			node->u.array.values[i] = m[i].value;
		node->u.array.len = n;
	}
	b->nmembers = top->first;
	return add(b, node);
}

static int
on_null(void *ctx)
{
	return add(ctx, new_value(ctx, yajl_t_null));
}

static int
on_boolean(void *ctx, int value)
{
	return add(ctx, new_value(ctx, value ? yajl_t_true : yajl_t_false));
}

/* What yajl_tree does with a number: the text kept, the integer and the
 * double parsed with the flags that say which of them are exact. */
static int
on_number(void *ctx, const char *text, size_t len)
{
	yajl_val v = new_value(ctx, yajl_t_number);
	long long i = 0;
	bool int_valid = true;
	size_t pos = 0;
	int sign = 1;
	char *end;

	v->u.number.r = copy_text(ctx, text, len);
	if (pos < len && text[pos] == '-') {
		sign = -1;
		pos++;
	}
	for (; pos < len && int_valid; pos++) {
		int digit = text[pos] - '0';

		if (digit < 0 || digit > 9 || i > (LLONG_MAX - digit) / 10)
			int_valid = false;
		else
			i = i * 10 + digit;
	}
	v->u.number.i = int_valid ? sign * i :
	    (sign > 0 ? LLONG_MAX : LLONG_MIN);
	if (int_valid)
		v->u.number.flags |= YAJL_NUMBER_INT_VALID;
	errno = 0;
	v->u.number.d = strtod(v->u.number.r, &end);
	if (errno == 0 && *end == '\0')
		v->u.number.flags |= YAJL_NUMBER_DOUBLE_VALID;
	return add(ctx, v);
}

static int
on_string(void *ctx, const unsigned char *text, size_t len)
{
	yajl_val v = new_value(ctx, yajl_t_string);

	v->u.string = copy_text(ctx, text, len);
	return add(ctx, v);
}

static int
on_key(void *ctx, const unsigned char *text, size_t len)
{
	struct builder *b = ctx;

	b->key = copy_text(b, text, len);
	return 1;
}

static int
on_start_map(void *ctx)
{
	return open_container(ctx, yajl_t_object);
}

static int
on_start_array(void *ctx)
{
	return open_container(ctx, yajl_t_array);
}

static int
on_end(void *ctx)
{
	return close_container(ctx);
}

static const yajl_callbacks tree_callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_boolean,
	.yajl_number = on_number,
	.yajl_string = on_string,
	.yajl_start_map = on_start_map,
	.yajl_map_key = on_key,
	.yajl_end_map = on_end,
	.yajl_start_array = on_start_array,
	.yajl_end_array = on_end,
};

int
po_tree_parse(yajl_val *out, const char *text, size_t len, char *errbuf,
    size_t errlen)
{
	struct builder b = { 0 };
	yajl_handle handle = yajl_alloc(&tree_callbacks, NULL, &b);
	yajl_status status;

	if (handle == NULL)
		po_oom();
	status = yajl_parse(handle, (const unsigned char *)text, len);
	if (status == yajl_status_ok)
		status = yajl_complete_parse(handle);
	if (status != yajl_status_ok && b.too_deep) {
		snprintf(errbuf, errlen, "nesting deeper than %d levels",
		    PO_TREE_MAX_DEPTH);
	} else if (status != yajl_status_ok) {
		char *what = po_scan_yajl_error(handle);

		snprintf(errbuf, errlen, "%s", what);
		free(what);
	}
	yajl_free(handle);
	free(b.members);
	free(b.opens);
	if (status != yajl_status_ok) {
		free_blocks(b.first);
		return -1;
	}
	*out = b.root;
	return 0;
}
