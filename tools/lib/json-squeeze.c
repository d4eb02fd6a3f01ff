#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "json-squeeze.h"
#include "msg.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Blanks were dropped before byte `at` of the copy: `total` of them since
 * the copy's start. */
struct drop {
	size_t at;
	size_t total;
};

struct po_squeeze {
	char *copy;
	size_t cap;
	struct drop *drops;     /* in the order of `at` */
	size_t ndrops;
	size_t cap_drops;
	size_t cursor;          /* where po_squeeze_original last looked */
	bool line_start;        /* the last byte given was a line break */
};

struct po_squeeze *
po_squeeze_new(void)
{
	return po_xcalloc(1, sizeof(struct po_squeeze));
}

void
po_squeeze_free(struct po_squeeze *sq)
{
	if (sq == NULL)
		return;
	free(sq->copy);
	free(sq->drops);
	free(sq);
}

static void
add_drop(struct po_squeeze *sq, size_t at, size_t dropped)
{
	size_t before = sq->ndrops > 0 ? sq->drops[sq->ndrops - 1].total : 0;

	if (sq->ndrops == sq->cap_drops) {
		sq->cap_drops = sq->cap_drops ? 2 * sq->cap_drops : 256;
		sq->drops = po_xrealloc(sq->drops,
		    sq->cap_drops * sizeof(*sq->drops));
	}
	sq->drops[sq->ndrops].at = at;
	sq->drops[sq->ndrops].total = before + dropped;
	sq->ndrops++;
}

/* How many bytes from `s` are blanks. */
static size_t
blanks(const char *s, const char *end)
{
	const char *p = s;

#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(' ');
	const __m128i tab = _mm_set1_epi8('\t');

	for (; end - p >= 16; p += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)p);
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, tab)));

		if (mask != 0xffff)
			return (size_t)(p - s) + (size_t)__builtin_ctz(~mask);
	}
#endif
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return (size_t)(p - s);
}

/* Copies from *in to *out up to and including the next line break, and
 * says whether there was one.  Sixteen bytes are copied and looked at at a
 * time: lines run to tens of bytes, too short for memchr() and memcpy() to
 * be called for each. */
static bool
copy_line(const char **in, const char *end, char **out)
{
	const char *p = *in;
	char *o = *out;
	bool found = false;

#ifdef __SSE2__
	const __m128i newline = _mm_set1_epi8('\n');

	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)p);
		unsigned mask = (unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(v, newline));

		/* The copy is never longer than the span, so o has room. */
		_mm_storeu_si128((__m128i *)o, v);
		if (mask != 0) {
			size_t n = (size_t)__builtin_ctz(mask) + 1;

			*in = p + n;
			*out = o + n;
			return true;
		}
		p += 16;
		o += 16;
	}
#endif
	while (p < end && !found) {
		found = *p == '\n';
		*o++ = *p++;
	}
	*in = p;
	*out = o;
	return found;
}

const char *
po_squeeze_span(struct po_squeeze *sq, const char *span, size_t len,
    size_t *out_len)
{
	const char *in = span;
	const char *end = span + len;
	char *out;

	if (sq->cap < len) {
		sq->cap = len;
		sq->copy = po_xrealloc(sq->copy, len);
	}
	out = sq->copy;
	sq->ndrops = 0;
	sq->cursor = 0;
	while (in < end) {
		/* The last blank stays, so that yajl never stops right after
		 * a line break but where it would have stopped anyway: at a
		 * line break inside a string, which it refuses (a token it
		 * refuses at the start of a line, such as a comment, stops it
		 * at that token, after the blank). */
		if (sq->line_start) {
			size_t n = blanks(in, end);

			if (n > 1) {
				add_drop(sq, (size_t)(out - sq->copy), n - 1);
				in += n - 1;
			}
		}
		sq->line_start = copy_line(&in, end, &out);
	}
	*out_len = (size_t)(out - sq->copy);
	return sq->copy;
}

size_t
po_squeeze_original(struct po_squeeze *sq, size_t offset)
{
	/* Offsets are mostly asked for in increasing order (one a string
	 * yajl hands over): the cursor makes that linear in all. */
	while (sq->cursor > 0 && sq->drops[sq->cursor - 1].at >= offset)
		sq->cursor--;
	while (sq->cursor < sq->ndrops && sq->drops[sq->cursor].at < offset)
		sq->cursor++;
	return offset + (sq->cursor > 0 ? sq->drops[sq->cursor - 1].total : 0);
}
