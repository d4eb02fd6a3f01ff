/* Unit tests of json-tree.c, in TAP: po_tree_parse() must build the very
 * tree yajl_tree_parse() builds (types, key order, strings, number text,
 * integer, double and flags), with every node and pointer array aligned,
 * for every line of the files named on the command line and for numbers
 * at the edges, and refuse what yajl refuses.
 * Run by tests/json-tree.sh. */
#include "config.h"

#include <math.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "lib/json-tree.h"
#include "lib/msg.h"
#include "tap.h"

static bool
same_number(yajl_val a, yajl_val b)
{
	return strcmp(a->u.number.r, b->u.number.r) == 0 &&
	    a->u.number.flags == b->u.number.flags &&
	    a->u.number.i == b->u.number.i &&
	    (a->u.number.d == b->u.number.d ||
	    (isnan(a->u.number.d) && isnan(b->u.number.d)));
}

static bool
same_tree(yajl_val a, yajl_val b)
{
	if (a == NULL || b == NULL || a->type != b->type)
		return false;
	switch (a->type) {
	case yajl_t_string:
		return strcmp(a->u.string, b->u.string) == 0;
	case yajl_t_number:
		return same_number(a, b);
	case yajl_t_object:
		if (a->u.object.len != b->u.object.len)
			return false;
		for (size_t i = 0; i < a->u.object.len; i++)
			if (strcmp(a->u.object.keys[i], b->u.object.keys[i]) ||
			    !same_tree(a->u.object.values[i],
			    b->u.object.values[i]))
				return false;
		return true;
	case yajl_t_array:
		if (a->u.array.len != b->u.array.len)
			return false;
		for (size_t i = 0; i < a->u.array.len; i++)
			if (!same_tree(a->u.array.values[i],
			    b->u.array.values[i]))
				return false;
		return true;
	default:
		return true;
	}
}

static bool
aligned_to(const void *p, size_t align)
{
	return (uintptr_t)p % align == 0;
}

/* Whether every node and every array of pointers in `v` is aligned as its
 * type needs: the builder packs strings unaligned between them. */
static bool
aligned_tree(yajl_val v)
{
	size_t len;
	yajl_val *values;

	if (!aligned_to(v, alignof(struct yajl_val_s)))
		return false;
	if (v->type == yajl_t_object) {
		len = v->u.object.len;
		values = v->u.object.values;
		if (len && !aligned_to(v->u.object.keys, alignof(char *)))
			return false;
	} else if (v->type == yajl_t_array) {
		len = v->u.array.len;
		values = v->u.array.values;
	} else {
		return true;
	}
	if (len && !aligned_to(values, alignof(yajl_val)))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!aligned_tree(values[i]))
			return false;
	return true;
}

/* Whether both parsers agree on `text`: the same tree, or both refuse. */
static bool
agree(const char *text)
{
	char err[256];
	yajl_val want = yajl_tree_parse(text, err, sizeof(err));
	yajl_val got = NULL;
	bool good;

	if (po_tree_parse(&got, text, strlen(text), err, sizeof(err)) < 0)
		got = NULL;
	good = want == NULL ? got == NULL :
	    same_tree(want, got) && aligned_tree(got);
	yajl_tree_free(want);
	po_tree_free(got);
	return good;
}

static void
check_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long nlines = 0, nbad = 0;
	char name[512];

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		nlines++;
		if (!agree(line))
			nbad++;
	}
	free(line);
	fclose(f);
	snprintf(name, sizeof(name), "the same trees as yajl_tree_parse for "
	    "the %ld lines of %s", nlines, strrchr(path, '/') ?
	    strrchr(path, '/') + 1 : path);
	tap_ok(nlines > 0 && nbad == 0, name);
}

int
main(int argc, char **argv)
{
	static const char *edges[] = {
		"[0, -0, 1, -1, 9223372036854775807, -9223372036854775808]",
		"[9223372036854775808, -9223372036854775809, 1e999, -1e999]",
		"[1.5, 2.5e-3, 1E+2, 4.9e-324, 2.4e-324, 1e-400, 0.1]",
		"{\"a\":{\"b\":[[],{},[{}]]},\"a\":null,\"\":true,\"c\":false}",
		"\"top-level string \\u00e9\\ud83d\\ude00\"",
		"  42  ",
		"{}", "[]",     /* closed before any member: no stack yet */
	};
	static const char *refused[] = {
		"", "[", "{\"a\":1,}", "[1] [2]", "/* c */ 1", "[1,]", "nul",
		"{\"a\" 1}", "[\"\\q\"]",
	};
	char err[256];
	yajl_val got;
	bool all;
	char *deep;

	po_msg_init("tree-test");
	for (int i = 1; i < argc; i++)
		check_file(argv[i]);
	all = true;
	for (size_t i = 0; i < sizeof(edges) / sizeof(*edges); i++)
		all = all && agree(edges[i]);
	tap_ok(all, "the same numbers, keys and strings at the edges");
	all = true;
	for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		all = all && po_tree_parse(&got, refused[i],
		    strlen(refused[i]), err, sizeof(err)) < 0 && err[0];
	}
	tap_ok(all, "what is not JSON is refused with a reason (comments too)");
	deep = po_xmalloc(2 * PO_TREE_MAX_DEPTH + 3);
	memset(deep, '[', PO_TREE_MAX_DEPTH + 1);
	memset(deep + PO_TREE_MAX_DEPTH + 1, ']', PO_TREE_MAX_DEPTH + 1);
	tap_ok(po_tree_parse(&got, deep, 2 * PO_TREE_MAX_DEPTH + 2, err,
	    sizeof(err)) < 0 && strstr(err, "nesting deeper") != NULL,
	    "nesting deeper than PO_TREE_MAX_DEPTH is refused");
	tap_ok(po_tree_parse(&got, deep + 1, 2 * PO_TREE_MAX_DEPTH, err,
	    sizeof(err)) == 0, "nesting of PO_TREE_MAX_DEPTH is not");
	po_tree_free(got);
	free(deep);
	return tap_done();
}
