#include "config.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* Most of what po reads is ASCII (base64 screenshots, numbers, keys), so
 * eight bytes are looked at at a time until one has its high bit set. */
static size_t
skip_ascii(const unsigned char *s, size_t i, size_t len)
{
	uint64_t word;

	while (i + sizeof(word) <= len) {
		memcpy(&word, s + i, sizeof(word));
		if (word & UINT64_C(0x8080808080808080))
			break;
		i += sizeof(word);
	}
	while (i < len && s[i] < 0x80)
		i++;
	return i;
}

/* The length of the valid sequence at s[i], or 0. */
static size_t
sequence_length(const unsigned char *s, size_t i, size_t len)
{
	unsigned char lead = s[i];
	uint32_t code;
	size_t extra;

	if (lead >= 0xc2 && lead <= 0xdf) {
		extra = 1;
		code = lead & 0x1f;
	} else if (lead >= 0xe0 && lead <= 0xef) {
		extra = 2;
		code = lead & 0x0f;
	} else if (lead >= 0xf0 && lead <= 0xf4) {
		extra = 3;
		code = lead & 0x07;
	} else {
		return 0;
	}
	if (len - i <= extra)
		return 0;
	for (size_t k = 1; k <= extra; k++) {
		if ((s[i + k] & 0xc0) != 0x80)
			return 0;
		code = code << 6 | (s[i + k] & 0x3f);
	}
	if (extra == 2 && (code < 0x800 || (code >= 0xd800 && code <= 0xdfff)))
		return 0;
	if (extra == 3 && (code < 0x10000 || code > 0x10ffff))
		return 0;
	return extra + 1;
}

size_t
po_utf8_check(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while ((i = skip_ascii(s, i, len)) < len) {
		size_t n = sequence_length(s, i, len);

		if (n == 0)
			return i;
		i += n;
	}
	return len;
}
