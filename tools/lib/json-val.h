/* Small accessors over yajl_tree values, for documents that are small by
 * construction: one line of the po stream, a budget file. */
#ifndef PO_JSON_VAL_H
#define PO_JSON_VAL_H

#include <stdbool.h>
#include <yajl/yajl_tree.h>

/* The member `key` of object `obj`, or NULL when `obj` is not an object or
 * has no such member.  The value is borrowed from `obj`. */
yajl_val po_val_get(yajl_val obj, const char *key);

/* The string member `key`, or NULL when absent or not a string. */
const char *po_val_string(yajl_val obj, const char *key);

/* Stores the number member `key` in *out.  Returns 0, or -1 when it is
 * absent or not a number. */
int po_val_number(double *out, yajl_val obj, const char *key);

/* The number as the source spelled it, or NULL when `v` is not a number. */
const char *po_val_raw_number(yajl_val v);

/* A finite double from `v`, or -1 when it is not a number. */
int po_val_double(double *out, yajl_val v);

/* Reads a whole small JSON file (at most `max_bytes`) into a tree.
 * Returns 0, or -1 after a message naming the file, line and column.
 * The caller owns *out (yajl_tree_free). */
int po_val_load_file(yajl_val *out, const char *path, size_t max_bytes);

/* The same, also giving the file's text (NUL-terminated; the caller frees
 * it), so that positions in it can be found again with po_scan_buffer. */
int po_val_load_file_text(yajl_val *out, char **text, size_t *len,
    const char *path, size_t max_bytes);

#endif
