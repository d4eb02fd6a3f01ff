/* Parsing one small JSON document into yajl's tree, faster.
 *
 * yajl_tree_parse() grows every object and array by one realloc() per
 * member and allocates every value, key and string apart, which made
 * building and freeing the trees of the po stream 70% of what po-budget
 * spends on a run set (measured with callgrind).  po_tree_parse() drives
 * yajl's own parser with callbacks that keep the members of the open
 * containers on one stack, give each container arrays of the exact size
 * when it closes, and take all the memory of a tree from a few blocks.
 *
 * The values are yajl's struct yajl_val_s, number flags included, so that
 * yajl_tree_get() and the YAJL_GET_* macros work on them unchanged; but the
 * tree is freed whole with po_tree_free(), never with yajl_tree_free().
 * Unlike yajl_tree_parse(), comments are not JSON and are refused. */
#ifndef PO_JSON_TREE_H
#define PO_JSON_TREE_H

#include <stddef.h>
#include <yajl/yajl_tree.h>

/* No tree is deeper than this (the depth the streaming scanner accepts,
 * PO_SCAN_MAX_DEPTH), so that code walking one recursively is safe. */
#define PO_TREE_MAX_DEPTH 512

/* Parses `text` (`len` bytes).  Returns 0 with the tree in *out (the
 * caller's, for po_tree_free()), or -1 with the reason in `errbuf`:
 * yajl's, or nesting deeper than PO_TREE_MAX_DEPTH. */
int po_tree_parse(yajl_val *out, const char *text, size_t len, char *errbuf,
    size_t errlen);

/* Frees a tree po_tree_parse() made (NULL is fine). */
void po_tree_free(yajl_val root);

#endif
