#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lhci-regex.h"
#include "msg.h"

/* POSIX allows intervals up to RE_DUP_MAX; JavaScript has no limit, so a
 * larger count is refused rather than changed. */
#define MAX_REPEAT 255
/* regcomp copies a counted repeat's operand once per count, so nested
 * counts multiply: ((a{255}){255}){255} takes gigabytes.  The product of
 * the counts around any atom is kept under this. */
#define MAX_EXPANSION 1024

/* Groups nested deeper than this are refused. */
#define MAX_DEPTH 64

/* A set of ASCII characters (NUL excluded: it cannot be in a C string). */
struct charset {
	bool has[128];
};

struct tr {
	const char *p;          /* the next character to read */
	char *out;
	size_t len;
	size_t cap;
	char *why;
	size_t whylen;
	int depth;              /* open groups */
	bool can_repeat;        /* the last thing written is an atom */
	bool branch_empty;      /* nothing written since '(' or '|' */
	bool anchored[MAX_DEPTH + 1];   /* an open group holds '^' or '$' */
	bool last_anchored;     /* the atom just written is such a group */
	long weight[MAX_DEPTH + 1];     /* largest expansion inside a group */
	long last_weight;       /* the expansion of the atom just written */
};

static int
fail(struct tr *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->why, t->whylen, fmt, ap);
	va_end(ap);
	return -1;
}

static void
put(struct tr *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->out = po_xrealloc(t->out, t->cap);
	}
	memcpy(t->out + t->len, s, n);
	t->len += n;
	t->out[t->len] = '\0';
}

static void
put_char(struct tr *t, char c)
{
	put(t, &c, 1);
}

static void
note_weight(struct tr *t, long weight)
{
	t->last_weight = weight;
	if (weight > t->weight[t->depth])
		t->weight[t->depth] = weight;
}

static void
atom_done(struct tr *t)
{
	t->can_repeat = true;
	t->branch_empty = false;
	t->last_anchored = false;
	note_weight(t, 1);
}

/* A literal character outside a bracket: the characters special in an
 * ERE are escaped, which POSIX defines for exactly these. */
static void
emit_literal(struct tr *t, char c)
{
	if (strchr(".[\\()*+?{|^$", c) != NULL)
		put_char(t, '\\');
	put_char(t, c);
	atom_done(t);
}

static void
set_range(struct charset *set, int lo, int hi)
{
	for (int c = lo; c <= hi; c++)
		if (c > 0 && c < 128)
			set->has[c] = true;
}

static void
set_escape_class(struct charset *set, char letter)
{
	switch (letter) {
	case 'd':
		set_range(set, '0', '9');
		break;
	case 'w':
		set_range(set, '0', '9');
		set_range(set, 'A', 'Z');
		set_range(set, 'a', 'z');
		set->has['_'] = true;
		break;
	case 's':
		/* The ASCII part of JavaScript's WhiteSpace and
		 * LineTerminator: a URL has no other. */
		set->has[' '] = true;
		set_range(set, '\t', '\r');
		break;
	}
}

/* Writes a bracket expression for `set` that no POSIX rule can misread:
 * ']' first, '^' not first, '[' where it cannot open "[:", '-' last, and
 * no ranges (they follow the locale's collation). */
static int
emit_set(struct tr *t, const struct charset *set, bool negate)
{
	int n = 0;

	for (int c = 1; c < 128; c++)
		n += set->has[c];
	if (n == 0)
		return fail(t, negate ? "a class that matches any character"
		    : "a class that matches no character");
	if (!negate && n == 1) {
		for (int c = 1; c < 128; c++)
			if (set->has[c])
				emit_literal(t, (char)c);
		return 0;
	}
	put_char(t, '[');
	if (negate)
		put_char(t, '^');
	if (set->has[']'])
		put_char(t, ']');
	for (int c = 1; c < 128; c++)
		if (set->has[c] && !strchr("]^[-", c))
			put_char(t, (char)c);
	if (set->has['^'])
		put_char(t, '^');
	if (set->has['['])
		put_char(t, '[');
	if (set->has['-'])
		put_char(t, '-');
	put_char(t, ']');
	atom_done(t);
	return 0;
}

static int
hex_value(const char *s, int ndigits)
{
	int v = 0;

	for (int i = 0; i < ndigits; i++) {
		char c = s[i];

		v *= 16;
		if (c >= '0' && c <= '9')
			v += c - '0';
		else if (c >= 'a' && c <= 'f')
			v += c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v += c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* The character an escape stands for, after the backslash, or a class
 * letter in *class_letter.  `in_class` changes \b (backspace in a class,
 * a word boundary outside).  Returns 0, or -1 after fail(). */
static int
read_escape(struct tr *t, bool in_class, char *out, char *class_letter)
{
	char c = *t->p;
	int v;

	*class_letter = 0;
	if (c == '\0')
		return fail(t, "a trailing backslash");
	t->p++;
	switch (c) {
	case 'd': case 'w': case 's':
		*class_letter = c;
		return 0;
	case 'D': case 'W': case 'S':
		if (in_class)
			return fail(t, "'\\%c' inside a class has no POSIX "
			    "equivalent", c);
		*class_letter = c;
		return 0;
	case 't': *out = '\t'; return 0;
	case 'n': *out = '\n'; return 0;
	case 'v': *out = '\v'; return 0;
	case 'f': *out = '\f'; return 0;
	case 'r': *out = '\r'; return 0;
	case 'b':
		if (in_class) {
			*out = '\b';
			return 0;
		}
		return fail(t, "a word boundary '\\b' has no POSIX "
		    "equivalent");
	case 'B':
		return fail(t, "'\\B' has no POSIX equivalent");
	case 'x':
	case 'u':
		v = hex_value(t->p, c == 'x' ? 2 : 4);
		if (v < 0)
			return fail(t, "an incomplete '\\%c' escape", c);
		if (v == 0 || v >= 128)
			return fail(t, "'\\%c%.*s' is not a printable ASCII "
			    "character", c, c == 'x' ? 2 : 4, t->p);
		t->p += c == 'x' ? 2 : 4;
		*out = (char)v;
		return 0;
	default:
		break;
	}
	if (c >= '0' && c <= '9')
		return fail(t, "a backreference or octal escape '\\%c' has no "
		    "faithful POSIX translation", c);
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return fail(t, "the escape '\\%c' is not supported", c);
	if ((unsigned char)c >= 128)
		return fail(t, "an escaped non-ASCII character");
	/* Any other escaped punctuation stands for itself: "\." "\/". */
	*out = c;
	return 0;
}

/* One class member: a character, or a class escape added to `set`.
 * Returns 1 for a character (in *out), 0 for a class escape, -1 on
 * failure. */
static int
class_member(struct tr *t, struct charset *set, char *out)
{
	char letter;
	char c = *t->p;

	if (c == '\0')
		return fail(t, "an unterminated '['");
	if ((unsigned char)c >= 128)
		return fail(t, "a non-ASCII character in a class");
	t->p++;
	if (c != '\\') {
		*out = c;
		return 1;
	}
	if (read_escape(t, true, out, &letter) < 0)
		return -1;
	if (letter) {
		set_escape_class(set, letter);
		return 0;
	}
	return 1;
}

static int
parse_class(struct tr *t)
{
	struct charset set = { 0 };
	bool negate = false;
	char lo;
	char hi;
	int r;

	if (*t->p == '^') {
		negate = true;
		t->p++;
	}
	if (*t->p == ']')
		return fail(t, negate ? "'[^]' has no POSIX equivalent" :
		    "'[]' matches nothing");
	while (*t->p != ']') {
		if ((r = class_member(t, &set, &lo)) < 0)
			return -1;
		if (r == 0)
			continue;
		if (t->p[0] != '-' || t->p[1] == ']' || t->p[1] == '\0') {
			set.has[(unsigned char)lo] = true;
			continue;
		}
		t->p++;
		if ((r = class_member(t, &set, &hi)) < 0)
			return -1;
		if (r == 0)
			return fail(t, "a range that ends in a class escape");
		if (lo > hi)
			return fail(t, "the range '%c-%c' is out of order", lo,
			    hi);
		set_range(&set, lo, hi);
	}
	t->p++;
	return emit_set(t, &set, negate);
}

static int
parse_escape(struct tr *t)
{
	struct charset set = { 0 };
	char c;
	char letter;

	if (read_escape(t, false, &c, &letter) < 0)
		return -1;
	if (letter == 0) {
		emit_literal(t, c);
		return 0;
	}
	set_escape_class(&set, (char)(letter | 0x20));
	return emit_set(t, &set, letter >= 'A' && letter <= 'Z');
}

/* "{n}", "{n,}" or "{n,m}" at t->p: its length, 0 when the brace does not
 * start a quantifier (JavaScript then reads it as a literal '{'). */
static size_t
brace_quantifier(const char *p, long *min, long *max)
{
	const char *s = p + 1;
	char *end;

	if (*s < '0' || *s > '9')
		return 0;
	*min = strtol(s, &end, 10);
	*max = *min;
	s = end;
	if (*s == ',') {
		s++;
		*max = -1;
		if (*s >= '0' && *s <= '9') {
			*max = strtol(s, &end, 10);
			s = end;
		}
	}
	if (*s != '}')
		return 0;
	return (size_t)(s + 1 - p);
}

static int
parse_quantifier(struct tr *t)
{
	char c = *t->p;
	long min = 0;
	long max = 0;
	size_t n = 1;
	char buf[48];

	if (c == '{' && (n = brace_quantifier(t->p, &min, &max)) == 0)
		return 1;
	if (!t->can_repeat)
		return fail(t, "nothing to repeat before '%c'", c);
	/* glibc matches "(^a$){2}" where JavaScript does not. */
	if (t->last_anchored)
		return fail(t, "a repeated group that holds '^' or '$'");
	if (c == '{') {
		long count;

		if (min > MAX_REPEAT || max > MAX_REPEAT)
			return fail(t, "a repeat count above %d", MAX_REPEAT);
		count = max >= 0 ? max : min + 1;
		if (count > 1 && t->last_weight * count > MAX_EXPANSION)
			return fail(t, "counted repeats nested to more than %d "
			    "copies", MAX_EXPANSION);
		if (count > 1)
			note_weight(t, t->last_weight * count);
		if (max >= 0 && max < min)
			return fail(t, "the repeat counts are out of order");
		if (max < 0)
			snprintf(buf, sizeof(buf), "{%ld,}", min);
		else if (max == min)
			snprintf(buf, sizeof(buf), "{%ld}", min);
		else
			snprintf(buf, sizeof(buf), "{%ld,%ld}", min, max);
		put(t, buf, strlen(buf));
	} else {
		put_char(t, c);
	}
	t->p += n;
	/* Lazy and greedy find the same matches; only "whether" is asked. */
	if (*t->p == '?')
		t->p++;
	t->can_repeat = false;
	return 0;
}

static int
open_group(struct tr *t)
{
	if (t->p[0] == '?') {
		if (t->p[1] == ':') {
			t->p += 2;
		} else if (t->p[1] == '<' && t->p[2] != '=' && t->p[2] != '!') {
			const char *end = strchr(t->p, '>');

			if (end == NULL)
				return fail(t, "an unterminated group name");
			t->p = end + 1;
		} else {
			return fail(t, "a lookaround '(%.*s' has no POSIX "
			    "equivalent", t->p[1] == '<' ? 3 : 2, t->p);
		}
	}
	if (t->depth == MAX_DEPTH)
		return fail(t, "groups nested more than %d deep", MAX_DEPTH);
	put_char(t, '(');
	t->depth++;
	t->anchored[t->depth] = false;
	t->weight[t->depth] = 1;
	t->can_repeat = false;
	t->branch_empty = true;
	return 0;
}

static int
close_group(struct tr *t)
{
	if (t->depth == 0)
		return fail(t, "an unmatched ')'");
	if (t->branch_empty)
		return fail(t, "an empty group or alternative");
	put_char(t, ')');
	atom_done(t);
	t->last_anchored = t->anchored[t->depth];
	t->depth--;
	t->anchored[t->depth] |= t->last_anchored;
	note_weight(t, t->weight[t->depth + 1]);
	return 0;
}

/* A multi-byte UTF-8 character is grouped, so that a quantifier after it
 * repeats the whole character as JavaScript does. */
static int
emit_utf8(struct tr *t)
{
	const unsigned char *s = (const unsigned char *)t->p;
	size_t n = 1;

	while (n < 4 && (s[n] & 0xC0) == 0x80)
		n++;
	if (n > 2 && s[0] >= 0xF0)
		return fail(t, "a character outside the Basic Multilingual "
		    "Plane");
	put_char(t, '(');
	put(t, t->p, n);
	put_char(t, ')');
	t->p += n;
	atom_done(t);
	return 0;
}

static int
translate_one(struct tr *t)
{
	char c = *t->p;
	struct charset dot = { 0 };

	if ((unsigned char)c >= 128)
		return emit_utf8(t);
	t->p++;
	switch (c) {
	case '\\':
		return parse_escape(t);
	case '[':
		return parse_class(t);
	case '(':
		return open_group(t);
	case ')':
		return close_group(t);
	case '|':
		if (t->branch_empty)
			return fail(t, "an empty alternative");
		put_char(t, '|');
		t->can_repeat = false;
		t->branch_empty = true;
		return 0;
	case '^':
	case '$':
		put_char(t, c);
		t->can_repeat = false;
		t->branch_empty = false;
		t->anchored[t->depth] = true;
		return 0;
	case '.':
		/* JavaScript's '.' stops at line terminators. */
		dot.has['\n'] = dot.has['\r'] = true;
		return emit_set(t, &dot, true);
	case '*':
	case '+':
	case '?':
	case '{':
		t->p--;
		switch (parse_quantifier(t)) {
		case 0:
			return 0;
		case 1:
			t->p++;
			emit_literal(t, '{');
			return 0;
		default:
			return -1;
		}
	default:
		emit_literal(t, c);
		return 0;
	}
}

int
po_lhci_regex_compile(regex_t *out, const char *js, char *why,
    size_t whylen)
{
	struct tr t = { 0 };
	int err;
	int ret = -1;

	t.p = js;
	t.why = why;
	t.whylen = whylen;
	t.branch_empty = true;
	put(&t, "", 0);
	while (*t.p != '\0')
		if (translate_one(&t) < 0)
			goto out;
	if (t.depth > 0) {
		fail(&t, "an unterminated '('");
		goto out;
	}
	if (t.branch_empty && t.len > 0) {
		fail(&t, "an empty alternative");
		goto out;
	}
	err = regcomp(out, t.out, REG_EXTENDED | REG_NOSUB);
	if (err != 0) {
		char msg[128];

		regerror(err, out, msg, sizeof(msg));
		fail(&t, "its translation '%s' does not compile: %s", t.out,
		    msg);
		goto out;
	}
	ret = 0;
out:
	free(t.out);
	return ret;
}

int
po_lhci_regex_test(const regex_t *re, const char *subject)
{
	return regexec(re, subject, 0, NULL, 0) == 0;
}
