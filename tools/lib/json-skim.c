#include "config.h"

#include <string.h>

#include "json-skim.h"
#include "msg.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* What opens a data: URL. */
static const char pattern[] = "\"data:";
#define PATTERN_LEN (sizeof(pattern) - 1)

struct po_skim {
	bool in_data;           /* inside a data: URL */
	bool escaped;           /* the byte before was a backslash in it */
	size_t run;             /* printable bytes in a row in it */
	size_t partial;         /* bytes of `"data:` that ended the last chunk */
	bool partial_open;      /* and its quote was not escaped */
	char before;            /* the last byte but white space before this
	                         * chunk, or ',' at the start of the document */
	bool cut;               /* the current string has lost bytes */
	uint64_t fed;           /* bytes handed to yajl before this span */
	size_t span_start;      /* where the span being found starts */
	uint64_t *cut_ends;     /* where cut strings end, in fed bytes */
	size_t ncut_ends;
	size_t cut_head;        /* the first not yet asked about */
	size_t cap_cut_ends;
};

struct po_skim *
po_skim_new(void)
{
	struct po_skim *skim = po_xcalloc(1, sizeof(*skim));

	skim->before = ',';
	return skim;
}

void
po_skim_free(struct po_skim *skim)
{
	if (skim == NULL)
		return;
	free(skim->cut_ends);
	free(skim);
}

static bool
is_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/* How many bytes from `s` are printable ASCII other than '"' and '\'. */
static size_t
plain_span(const unsigned char *s, size_t len)
{
	size_t i = 0;

#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i backslash = _mm_set1_epi8('\\');
	const __m128i del = _mm_set1_epi8(0x7f);
	const __m128i space = _mm_set1_epi8(0x20);

	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		/* Signed: below a space are the control characters and, as
		 * negative numbers, every byte from 0x80 up. */
		__m128i odd = _mm_or_si128(_mm_cmpeq_epi8(v, quote),
		    _mm_cmpeq_epi8(v, backslash));
		int mask;

		odd = _mm_or_si128(odd, _mm_cmpgt_epi8(space, v));
		odd = _mm_or_si128(odd, _mm_cmpeq_epi8(v, del));
		mask = _mm_movemask_epi8(odd);
		if (mask != 0)
			return i + (size_t)__builtin_ctz((unsigned)mask);
	}
#endif
	while (i < len && is_plain(s[i]))
		i++;
	return i;
}

/* The URL ends with the quote before buf[at]. */
static void
end_string(struct po_skim *skim, size_t at)
{
	skim->in_data = false;
	if (!skim->cut)
		return;
	if (skim->cut_head == skim->ncut_ends)
		skim->cut_head = skim->ncut_ends = 0;
	if (skim->ncut_ends == skim->cap_cut_ends) {
		skim->cap_cut_ends = skim->cap_cut_ends ?
		    2 * skim->cap_cut_ends : 16;
		skim->cut_ends = po_xrealloc(skim->cut_ends,
		    skim->cap_cut_ends * sizeof(*skim->cut_ends));
	}
	skim->cut_ends[skim->ncut_ends++] = skim->fed + (at - skim->span_start);
}

static void
start_data(struct po_skim *skim)
{
	skim->in_data = true;
	skim->escaped = false;
	skim->run = 0;
	skim->cut = false;
}

/* The byte after a plain run in a data: URL (or any byte after a
 * backslash): a quote that ends the URL, the start of an escape, a control
 * character or non-ASCII byte for yajl to judge. */
static size_t
odd_byte(struct po_skim *skim, const char *buf, size_t in)
{
	char c = buf[in++];

	skim->run = 0;
	if (skim->escaped)
		skim->escaped = false;
	else if (c == '"')
		end_string(skim, in);
	else if (c == '\\')
		skim->escaped = true;
	return in;
}

/* The first `"data:` in s[0..len), or NULL.  A quote followed by a "d" is
 * looked for sixteen places at a time: JSON has a quote every few bytes,
 * too many for memchr() to be called at each. */
static const char *
find_pattern(const char *s, size_t len)
{
	size_t i = 0;

#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"');
	const __m128i d = _mm_set1_epi8('d');

	for (; i + 16 + PATTERN_LEN <= len; i += 16) {
		__m128i at = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i after = _mm_loadu_si128((const __m128i *)(s + i + 1));
		unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(
		    _mm_cmpeq_epi8(at, quote), _mm_cmpeq_epi8(after, d)));

		while (mask != 0) {
			size_t k = i + (size_t)__builtin_ctz(mask);

			if (memcmp(s + k, pattern, PATTERN_LEN) == 0)
				return s + k;
			mask &= mask - 1;
		}
	}
#endif
	return memmem(s + i, len - i, pattern, PATTERN_LEN);
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* The last byte but white space before buf[at], looking back into the
 * chunks before when need be. */
static char
byte_before(const struct po_skim *skim, const char *buf, size_t at)
{
	while (at > 0 && is_space(buf[at - 1]))
		at--;
	return at > 0 ? buf[at - 1] : skim->before;
}

/* Whether the quote at buf[at] opens a string where JSON has a value or a
 * key: after '[', '{', ',' or ':' (or at the start).  In valid JSON such a
 * quote is not escaped and opens a string, for an unescaped quote inside a
 * string would close it, and a closing quote cannot be followed by "data:".
 * In JSON that is not valid, yajl stops at the "d" or before the quote, long
 * before any byte the skimmer drops.  So no state of yajl's lexer is needed
 * to tell strings from the rest, and the skimmer never makes yajl see a
 * string token that its parser would refuse as a whole (whose position in a
 * message would then depend on where the token was split). */
static bool
opens_value(const struct po_skim *skim, const char *buf, size_t at)
{
	char c = byte_before(skim, buf, at);

	return c == '[' || c == '{' || c == ',' || c == ':';
}

/* How many of the last bytes of buf[0..len) begin the pattern. */
static size_t
pattern_tail(const char *buf, size_t len)
{
	for (size_t k = PATTERN_LEN - 1; k > 0; k--)
		if (k <= len && memcmp(buf + len - k, pattern, k) == 0)
			return k;
	return 0;
}

/* Outside data: URLs: finds the next `"data:` that opens a value or a key
 * (opens_value()).  Returns where to go on, with skim->in_data set when a
 * data: URL starts there. */
static size_t
find_data_url(struct po_skim *skim, const char *buf, size_t in, size_t len)
{
	if (skim->partial > 0) {
		size_t rest = PATTERN_LEN - skim->partial;
		size_t have = len - in < rest ? len - in : rest;
		bool match = memcmp(buf + in, pattern + skim->partial,
		    have) == 0;

		if (match && have == rest) {
			skim->partial = 0;
			if (skim->partial_open)
				return start_data(skim), in + rest;
			return in + rest;
		}
		if (match) {
			skim->partial += have;
			return len;
		}
		skim->partial = 0;
	}
	while (in < len) {
		const char *hit = find_pattern(buf + in, len - in);
		size_t at;

		if (hit == NULL) {
			size_t tail = pattern_tail(buf + in, len - in);

			if (tail > 0) {
				skim->partial = tail;
				skim->partial_open = opens_value(skim, buf,
				    len - tail);
			}
			return len;
		}
		at = (size_t)(hit - buf);
		in = at + PATTERN_LEN;
		if (opens_value(skim, buf, at)) {
			start_data(skim);
			return in;
		}
	}
	return len;
}

/* Finds the next span to keep in a data: URL: up to the point where a run
 * of printable bytes passes PO_SKIM_KEEP, which is skipped.  Returns where
 * the span ends and sets *next to where the following one starts. */
static size_t
in_data_url(struct po_skim *skim, const char *buf, size_t len, size_t in,
    size_t *next)
{
	while (in < len && skim->in_data) {
		size_t n, kept;

		if (skim->escaped) {
			in = odd_byte(skim, buf, in);
			continue;
		}
		n = plain_span((const unsigned char *)buf + in, len - in);
		kept = skim->run >= PO_SKIM_KEEP ? 0 : PO_SKIM_KEEP - skim->run;
		skim->run += n;
		if (kept < n) {
			skim->cut = true;
			*next = in + n;
			return in + kept;
		}
		in += n;
		if (in < len)
			in = odd_byte(skim, buf, in);
	}
	*next = in;
	return in;
}

size_t
po_skim_span(struct po_skim *skim, const char *buf, size_t len, size_t *pos,
    const char **span)
{
	size_t in = *pos;

	if (in >= len)
		return 0;
	skim->span_start = in;
	while (in < len) {
		size_t end, next;

		if (!skim->in_data) {
			in = find_data_url(skim, buf, in, len);
			continue;
		}
		end = in_data_url(skim, buf, len, in, &next);
		if (next != end) {
			/* bytes to skip: the span ends here, or, when it
			 * would be empty, the next one starts after them */
			if (end > skim->span_start) {
				in = end;
				*pos = next;
				goto found;
			}
			skim->span_start = next;
		}
		in = next;
	}
	*pos = len;
	skim->before = byte_before(skim, buf, len);
found:
	*span = buf + skim->span_start;
	skim->fed += in - skim->span_start;
	return in - skim->span_start;
}

bool
po_skim_was_cut(struct po_skim *skim, uint64_t fed)
{
	bool cut = false;

	while (skim->cut_head < skim->ncut_ends &&
	    skim->cut_ends[skim->cut_head] <= fed) {
		cut = true;
		skim->cut_head++;
	}
	return cut;
}
