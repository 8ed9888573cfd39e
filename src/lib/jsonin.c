/*
 * jsonin.c - the checks cJSON 1.7.15 leaves to its caller (RELIABILITY.md,
 * "Reading JSON"), shared by content.c and import.c: broken or NUL \u
 * escapes, repeated and unknown keys, control characters in text, numbers
 * JSON does not allow, a line's bytes before cJSON sees them, and a safe
 * way to quote a value from the file in a message.  Each returns a
 * plain answer and leaves the wording of the error to its caller, which
 * knows the file, the line and the field.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tend-int.h"

/*
 * Whatever a value holds, only printable ASCII reaches the message (others
 * become '?'), at most 40 characters of it, so that a hostile file cannot
 * steer the terminal that shows the error.
 */
const char *
jsonin_shown(const char *s, char buf[48])
{
	size_t i;

	for (i = 0; s != NULL && s[i] != '\0' && i < 40; i++)
		buf[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	if (s != NULL && s[i] != '\0' && i == 40) {
		buf[i++] = '.';
		buf[i++] = '.';
		buf[i++] = '.';
	}
	buf[i] = '\0';
	return buf;
}

static int
hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * cJSON decodes "\u0000", and a \u escape whose digits are not hex, to a
 * NUL and quietly cuts the string there, so those escapes are looked for
 * in the text itself.  Meant for text cJSON accepted: in valid JSON a
 * backslash occurs only inside a string, where it starts an escape, so
 * memchr() can jump from one to the next.
 */
int
jsonin_bad_escape(const char *buf, size_t len, size_t *pos)
{
	const char *p = buf, *end = buf + len;
	unsigned v;
	int k, d;

	while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
		if (end - p < 2)
			break;
		if (p[1] == 'u') {
			for (v = 0, k = 2; k < 6 && p + k < end &&
			    (d = hexval(p[k])) >= 0; k++)
				v = v << 4 | (unsigned)d;
			if (k < 6 || v == 0) {
				*pos = (size_t)(p - buf);
				return 1;
			}
		}
		p += 2;	/* also past "\\", which escapes nothing */
	}
	return 0;
}

/*
 * cJSON keeps both copies of a repeated key and its lookups return the
 * first, so a second one would be ignored without a word.
 */
int
jsonin_check_keys(const cJSON *o, const char *const *keys, size_t nkeys,
    const char **bad)
{
	const cJSON *e;
	uint64_t seen = 0;
	size_t i;

	for (e = o->child; e != NULL; e = e->next) {
		for (i = 0; i < nkeys && i < 64; i++)
			if (e->string != NULL &&
			    strcmp(e->string, keys[i]) == 0)
				break;
		*bad = e->string;
		if (i == nkeys || i == 64)
			return JSONIN_UNKNOWN;
		if (seen & UINT64_C(1) << i)
			return JSONIN_DUPLICATE;
		seen |= UINT64_C(1) << i;
	}
	*bad = NULL;
	return 0;
}

#define BYTES(x)	(UINT64_C(0x0101010101010101) * (x))

/*
 * Eight bytes at a time, since every text of the catalogue passes here:
 * "a byte below 0x20" and "a zero byte" (of w ^ DEL) are the word tests of
 * Bit Twiddling Hacks, both exact as tests of whether there is one.  The
 * C1 controls, U+0080 to U+009F, are C2 80 to C2 9F in UTF-8.
 */
int
jsonin_has_control(const uint8_t *s, size_t n)
{
	const uint8_t *p, *end = s + n;
	uint64_t w, d;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, sizeof(w));
		d = w ^ BYTES(0x7f);
		if ((((w - BYTES(0x20)) & ~w) | ((d - BYTES(1)) & ~d)) &
		    BYTES(0x80))
			return 1;
	}
	for (; i < n; i++)
		if (s[i] < 0x20 || s[i] == 0x7f)
			return 1;
	for (p = s; (p = memchr(p, 0xc2, (size_t)(end - p))) != NULL; p++)
		if (p + 1 < end && p[1] >= 0x80 && p[1] <= 0x9f)
			return 1;
	return 0;
}

/*
 * Whether the number token at s (the run of number characters cJSON would
 * read with strtod) is one JSON allows: -?(0|[1-9][0-9]*)(.[0-9]+)?
 * ([eE][+-]?[0-9]+)?.  cJSON also takes "04", "4." and "4.e1".
 */
static int
number_ok(const char *s, size_t n)
{
	size_t i = 0, d;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		for (d = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	return i == n;
}

/* Whether every number in JSON text cJSON accepted is one JSON allows. */
int
jsonin_numbers_ok(const char *s, size_t n)
{
	size_t i, k;
	int instr = 0;

	for (i = 0; i < n; i++) {
		if (instr) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				instr = 0;
		} else if (s[i] == '"')
			instr = 1;
		else if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
			for (k = i; k < n && strchr("0123456789+-.eE", s[k]) !=
			    NULL; k++)
				;
			if (!number_ok(s + i, k - i))
				return 0;
			i = k - 1;
		}
	}
	return 1;
}

/*
 * What cJSON would let through or choke on, checked on the raw line: NUL
 * bytes (cJSON stops at one), invalid UTF-8, a byte order mark (cJSON
 * skips it), raw control characters (a tab only between tokens) and
 * nesting deeper than depth_max (cJSON recurses per level).
 */
enum jsonin_line
jsonin_check_line(const char *s, size_t n, int depth_max)
{
	size_t i;
	int depth = 0, instr = 0;

	if (memchr(s, '\0', n) != NULL)
		return JSONIN_NUL;
	if (!tend_utf8_valid(s, n))
		return JSONIN_UTF8;
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return JSONIN_BOM;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 && (ch != '\t' || instr))
			return JSONIN_CONTROL;
		if (instr) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				instr = 0;
		} else if (ch == '"')
			instr = 1;
		else if ((ch == '[' || ch == '{') && ++depth > depth_max)
			return JSONIN_DEEP;
		else if (ch == ']' || ch == '}')
			depth--;
	}
	return JSONIN_OK;
}
