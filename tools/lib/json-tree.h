/* Parsing one small JSON document into yajl's tree, faster.
 *
 * yajl_tree_parse() grows every object and array by one realloc() per
 * member, which made building the trees of the po stream 60% of what
 * po-budget spends on a run set (measured with callgrind: about 550
 * instructions per value).  po_tree_parse() drives yajl's own parser with
 * callbacks that keep the members of the open containers on one stack and
 * give each container arrays of the exact size when it closes.
 *
 * The tree is yajl's: the same struct yajl_val_s values, allocated piece
 * by piece as yajl_tree_parse() does (number flags included), so that
 * yajl_tree_get(), the YAJL_GET_* macros and yajl_tree_free() work on it
 * unchanged.  Unlike yajl_tree_parse(), comments are not JSON and are
 * refused. */
#ifndef PO_JSON_TREE_H
#define PO_JSON_TREE_H

#include <stddef.h>
#include <yajl/yajl_tree.h>

/* yajl_tree_free() recurses: a tree is never deeper than this (the depth
 * the streaming scanner accepts, PO_SCAN_MAX_DEPTH). */
#define PO_TREE_MAX_DEPTH 512

/* Parses `text` (`len` bytes).  Returns 0 with the tree in *out (the
 * caller's, for yajl_tree_free()), or -1 with the reason in `errbuf`:
 * yajl's, or nesting deeper than PO_TREE_MAX_DEPTH. */
int po_tree_parse(yajl_val *out, const char *text, size_t len, char *errbuf,
    size_t errlen);

#endif
