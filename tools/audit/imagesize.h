/* The intrinsic size of an image, read from the first bytes of PNG, GIF,
 * JPEG and WebP files: what the oversized-images check compares with the
 * size the page shows it at.  No library po uses decodes images, and only
 * the header is needed. */
#ifndef PO_AUDIT_IMAGESIZE_H
#define PO_AUDIT_IMAGESIZE_H

#include <stddef.h>

/* Enough of a file for its size: JPEG's frame header may follow a large
 * Exif block. */
#define PO_IMAGE_HEAD_BYTES 65536

/* Reads the width and height in pixels out of the first `len` bytes of an
 * image.  Returns 0, or -1 when they are not those of a known format or do
 * not reach its size (a truncated or hostile file is no image). */
int po_image_size(long *width, long *height, const unsigned char *data,
    size_t len);

#endif
