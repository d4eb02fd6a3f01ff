#include "config.h"

#include <string.h>

#include "audit/imagesize.h"

static unsigned long
be16(const unsigned char *p)
{
	return (unsigned long)p[0] << 8 | p[1];
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

static unsigned long
le16(const unsigned char *p)
{
	return (unsigned long)p[1] << 8 | p[0];
}

static unsigned long
le24(const unsigned char *p)
{
	return (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}

static int
found(long *width, long *height, unsigned long w, unsigned long h)
{
	/* No browser shows an image of 0 or over 2^24 pixels a side. */
	if (w == 0 || h == 0 || w > 1ul << 24 || h > 1ul << 24)
		return -1;
	*width = (long)w;
	*height = (long)h;
	return 0;
}

/* JPEG: the segments up to the first start-of-frame marker (SOF0 to
 * SOF15, less DHT, JPG and DAC, which share the range). */
static int
jpeg_size(long *width, long *height, const unsigned char *d, size_t len)
{
	size_t i = 2;

	while (i + 4 <= len) {
		unsigned char marker;

		if (d[i] != 0xff)
			return -1;
		marker = d[i + 1];
		if (marker == 0xff) {
			i++;
			continue;
		}
		if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 &&
		    marker != 0xc8 && marker != 0xcc) {
			if (i + 9 > len)
				return -1;
			return found(width, height, be16(d + i + 7),
			    be16(d + i + 5));
		}
		if (be16(d + i + 2) < 2)
			return -1;
		i += 2 + be16(d + i + 2);
	}
	return -1;
}

static int
webp_size(long *width, long *height, const unsigned char *d, size_t len)
{
	if (len >= 30 && memcmp(d + 12, "VP8 ", 4) == 0)
		return found(width, height, le16(d + 26) & 0x3fff,
		    le16(d + 28) & 0x3fff);
	if (len >= 25 && memcmp(d + 12, "VP8L", 4) == 0 && d[20] == 0x2f) {
		unsigned long bits = d[21] | (unsigned long)d[22] << 8 |
		    (unsigned long)d[23] << 16 | (unsigned long)d[24] << 24;

		return found(width, height, (bits & 0x3fff) + 1,
		    ((bits >> 14) & 0x3fff) + 1);
	}
	if (len >= 30 && memcmp(d + 12, "VP8X", 4) == 0)
		return found(width, height, le24(d + 24) + 1, le24(d + 27) + 1);
	return -1;
}

int
po_image_size(long *width, long *height, const unsigned char *d, size_t len)
{
	if (len >= 24 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	    memcmp(d + 12, "IHDR", 4) == 0)
		return found(width, height, be32(d + 16), be32(d + 20));
	if (len >= 10 && (memcmp(d, "GIF87a", 6) == 0 ||
	    memcmp(d, "GIF89a", 6) == 0))
		return found(width, height, le16(d + 6), le16(d + 8));
	if (len >= 4 && d[0] == 0xff && d[1] == 0xd8)
		return jpeg_size(width, height, d, len);
	if (len >= 16 && memcmp(d, "RIFF", 4) == 0 &&
	    memcmp(d + 8, "WEBP", 4) == 0)
		return webp_size(width, height, d, len);
	return -1;
}
