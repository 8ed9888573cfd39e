/*
 * text.c - what a partner wrote, made fit for a terminal: UTF-8 checks,
 * escaping of the characters that steer a terminal, display width and
 * word wrapping.
 *
 * Widths and line-break opportunities come from libunistring with the
 * encoding named "UTF-8", never from wcwidth(3) and the locale: in the C
 * locale that CI runs under wcwidth() gives -1 for everything beyond ASCII.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "tend-int.h"

#define REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD in UTF-8 */
#define ENCODING	"UTF-8"		/* ambiguous widths are narrow */

/* A growing output string, always NUL-terminated once it holds anything. */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

void
text_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (size == 0)
		return;
	if (n >= size) {
		/* Back to the first byte of the character that would be cut. */
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

int
tend_utf8_valid(const char *s, size_t n)
{
	if (n == 0)
		return 1;
	if (s == NULL || memchr(s, '\0', n) != NULL)
		return 0;
	return u8_check((const uint8_t *)s, n) == NULL;
}

/*
 * Whether a code point must not reach a terminal raw: the C1 controls
 * (U+0085 NEL and U+009B CSI act like their ESC forms on many terminals)
 * and the bidi embeddings, overrides and isolates plus the line and
 * paragraph separators, which reorder or break what is shown around them
 * (Trojan Source, CVE-2021-42574).  C0 and DEL are handled apart.
 */
static int
needs_hex(ucs4_t uc)
{
	return (uc >= 0x80 && uc <= 0x9f) ||
	    (uc >= 0x202a && uc <= 0x202e) ||
	    (uc >= 0x2066 && uc <= 0x2069) ||
	    uc == 0x2028 || uc == 0x2029;
}

/*
 * One pass of the escaper: with out NULL it only counts.  Returns the
 * length of the escaped text.
 *
 * Invalid UTF-8 is replaced one byte at a time, as the header promises
 * ("every invalid UTF-8 byte"): a byte that does not start a complete,
 * shortest-form, non-surrogate sequence up to U+10FFFF becomes one U+FFFD
 * and decoding resumes at the next byte, so "\xe6\x97" gives two U+FFFD
 * and an ASCII byte after a broken lead byte is never swallowed.
 *
 * Every replacement is printable text ("^[", "\u202e", U+FFFD) that this
 * function passes through unchanged, which is what makes escaping
 * idempotent.  The price is that a partner who types a literal "^[" is
 * shown the same thing as one who typed ESC: harmless, since neither
 * reaches the terminal as a control.
 */
static size_t
escape_pass(const uint8_t *s, size_t n, int keep_newlines, char *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, len = 0;
	ucs4_t uc;
	int k;

	while (i < n) {
		if (s[i] < 0x20 || s[i] == 0x7f) {
			if (s[i] == '\n' && keep_newlines) {
				if (out != NULL)
					out[len] = '\n';
				len++;
			} else {
				if (out != NULL) {
					out[len] = '^';
					out[len + 1] = s[i] == 0x7f ? '?' :
					    (char)(s[i] + 0x40);
				}
				len += 2;
			}
			i++;
			continue;
		}
		if ((k = u8_mbtoucr(&uc, s + i, n - i)) < 0) {
			if (out != NULL)
				memcpy(out + len, REPLACEMENT, 3);
			len += 3;
			i++;
			continue;
		}
		if (needs_hex(uc)) {
			if (out != NULL) {
				out[len] = '\\';
				out[len + 1] = 'u';
				out[len + 2] = hex[(uc >> 12) & 0xf];
				out[len + 3] = hex[(uc >> 8) & 0xf];
				out[len + 4] = hex[(uc >> 4) & 0xf];
				out[len + 5] = hex[uc & 0xf];
			}
			len += 6;
		} else {
			if (out != NULL)
				memcpy(out + len, s + i, (size_t)k);
			len += (size_t)k;
		}
		i += (size_t)k;
	}
	return len;
}

char *
tend_text_escape(const char *s, size_t n, int keep_newlines)
{
	char *out;
	size_t len;

	/*
	 * No input byte grows to more than three output bytes (a byte to
	 * U+FFFD, a two-byte C1 to "\u0080"), so the count cannot overflow
	 * once n is below this bound; above it no allocation could succeed.
	 */
	if (n > (SIZE_MAX - 1) / 3)
		return NULL;
	if (s == NULL)
		n = 0;
	len = escape_pass((const uint8_t *)s, n, keep_newlines, NULL);
	if ((out = malloc(len + 1)) == NULL)
		return NULL;
	escape_pass((const uint8_t *)s, n, keep_newlines, out);
	out[len] = '\0';
	return out;
}

/*
 * u8_strwidth skips control characters rather than failing, and with the
 * "UTF-8" encoding East Asian ambiguous characters count as one column.
 */
int
tend_text_width(const char *s)
{
	if (s == NULL)
		return 0;
	return u8_strwidth((const uint8_t *)s, ENCODING);
}

/* Append n bytes; 0 on success, -1 when out of memory. */
static int
buf_add(struct buf *b, const char *s, size_t n)
{
	size_t cap;
	char *p;

	if (n >= SIZE_MAX - b->len)
		return -1;
	if (b->len + n + 1 > b->cap) {
		cap = b->cap > 0 ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap = cap > SIZE_MAX / 2 ? b->len + n + 1 : cap * 2;
		if ((p = realloc(b->p, cap)) == NULL)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

static int
buf_spaces(struct buf *b, size_t n)
{
	static const char sp[] = "                                ";
	size_t k;

	while (n > 0) {
		k = n < sizeof(sp) - 1 ? n : sizeof(sp) - 1;
		if (buf_add(b, sp, k) == -1)
			return -1;
		n -= k;
	}
	return 0;
}

/* Columns of s[0..n-1], control characters counting as nothing. */
static size_t
piece_width(const uint8_t *s, size_t n)
{
	size_t i = 0, w = 0;
	ucs4_t uc;
	int cw;

	while (i < n) {
		i += (size_t)u8_mbtouc(&uc, s + i, n - i);
		if ((cw = uc_width(uc, ENCODING)) > 0)
			w += (size_t)cw;
	}
	return w;
}

/*
 * Greedy filling over libunistring's break opportunities (UAX #14).
 *
 * u8_width_linebreaks() is not used for the filling itself: it counts the
 * spaces that end a piece against the width, so "ab cd ef" at width 5
 * comes out as "ab" / "cd ef" and "hello world" at width 11 is broken
 * although it fits.  Here a piece is the text between two opportunities;
 * its trailing U+0020 spaces are held back and written only when more text
 * follows on the same line, so no line ends in a space and a line may fill
 * the width exactly.  A piece wider than the line still goes whole on a
 * line of its own.  Every line after the first, also after a newline in
 * the text, starts with indent spaces, except an empty one.
 */
char *
tend_text_wrap(const char *text, int width, int indent)
{
	struct buf b = { NULL, 0, 0 };
	const uint8_t *s;
	char *brk = NULL, *ret = NULL;
	size_t n, i, j, end, pending, col, w, ind;
	long long avail;
	ucs4_t uc;
	int first = 1, content = 0;

	if (text == NULL)
		text = "";
	s = (const uint8_t *)text;
	n = strlen(text);
	ind = indent > 0 ? (size_t)indent : 0;
	avail = width;
	if ((brk = malloc(n > 0 ? n : 1)) == NULL)
		goto out;
	u8_possible_linebreaks(s, n, ENCODING, brk);
	if (buf_add(&b, "", 0) == -1)
		goto out;

	col = pending = 0;
	i = 0;
	while (i < n) {
		if (brk[i] == UC_BREAK_CR_BEFORE_LF) {
			i++;		/* the LF that follows ends the line */
			continue;
		}
		if (brk[i] == UC_BREAK_MANDATORY) {
			if (buf_add(&b, "\n", 1) == -1)
				goto out;
			first = content = 0;
			col = pending = 0;
			avail = (long long)width - (long long)ind;
			i += (size_t)u8_mbtouc(&uc, s + i, n - i);
			continue;
		}

		/* The piece runs to the next opportunity or line break. */
		for (j = i + 1; j < n; j++)
			if (brk[j] == UC_BREAK_POSSIBLE ||
			    brk[j] == UC_BREAK_MANDATORY ||
			    brk[j] == UC_BREAK_CR_BEFORE_LF)
				break;
		for (end = j; end > i && s[end - 1] == ' '; end--)
			;
		w = piece_width(s + i, end - i);

		if (content && end > i &&
		    (long long)(col + pending + w) > avail) {
			if (buf_add(&b, "\n", 1) == -1)
				goto out;
			first = content = 0;
			col = pending = 0;
			avail = (long long)width - (long long)ind;
		}
		if (end > i) {
			if (!content && !first && buf_spaces(&b, ind) == -1)
				goto out;
			if (buf_spaces(&b, pending) == -1 ||
			    buf_add(&b, text + i, end - i) == -1)
				goto out;
			col += pending + w;
			pending = 0;
			content = 1;
		}
		pending += j - end;
		i = j;
	}
	ret = b.p;
	b.p = NULL;
out:
	free(b.p);
	free(brk);
	return ret;
}
