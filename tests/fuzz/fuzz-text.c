/*
 * fuzz-text.c - libFuzzer target for the sanitiser, tend_text_escape, and
 * for tend_text_wrap on what it gives.
 *
 * The first byte chooses keep_newlines, the second the width (-2..117) and
 * the third the indent (0..15); the rest is the text.  Properties:
 *  - the escaped text is valid UTF-8 with no NUL;
 *  - it holds no forbidden code point: C0 (but "\n" with keep_newlines),
 *    DEL, C1, U+202A-U+202E, U+2066-U+2069, U+2028, U+2029;
 *  - escaping it again gives the same text;
 *  - wrapping it never crashes and gives valid UTF-8, and no line is wider
 *    than the width unless it is one unbreakable word: a line past the
 *    width (its indent left aside) is no wider than the widest piece
 *    between two break opportunities of the text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "tend.h"

#define FAIL(...) do { fprintf(stderr, "fuzz-text: " __VA_ARGS__); \
	fputc('\n', stderr); abort(); } while (0)

static int
forbidden(ucs4_t uc, int keep_newlines)
{
	if (uc == '\n')
		return !keep_newlines;
	return uc < 0x20 || uc == 0x7f || (uc >= 0x80 && uc <= 0x9f) ||
	    (uc >= 0x202a && uc <= 0x202e) || (uc >= 0x2066 && uc <= 0x2069) ||
	    uc == 0x2028 || uc == 0x2029;
}

static size_t
columns(const uint8_t *s, size_t n)
{
	size_t i = 0, w = 0;
	ucs4_t uc;
	int cw;

	while (i < n) {
		i += (size_t)u8_mbtouc(&uc, s + i, n - i);
		if ((cw = uc_width(uc, "UTF-8")) > 0)
			w += (size_t)cw;
	}
	return w;
}

/* The widest piece of s between break opportunities, trailing spaces out. */
static size_t
widest_piece(const char *text)
{
	const uint8_t *s = (const uint8_t *)text;
	size_t n = strlen(text), i, j, end, w, max = 0;
	char *brk;

	if (n == 0)
		return 0;
	if ((brk = malloc(n)) == NULL)
		abort();
	u8_possible_linebreaks(s, n, "UTF-8", brk);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n; j++)
			if (brk[j] == UC_BREAK_POSSIBLE ||
			    brk[j] == UC_BREAK_MANDATORY ||
			    brk[j] == UC_BREAK_CR_BEFORE_LF)
				break;
		for (end = j; end > i && s[end - 1] == ' '; end--)
			;
		if ((w = columns(s + i, end - i)) > max)
			max = w;
	}
	free(brk);
	return max;
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text, *line, *nl;
	char *e, *e2, *w;
	size_t n, len, i, lw, widest, ind;
	int keep, width, indent, k, first;
	ucs4_t uc;

	if (size < 3)
		return 0;
	keep = data[0] & 1;
	width = (int)(data[1] % 120) - 2;
	indent = data[2] % 16;
	text = (const char *)data + 3;
	n = size - 3;

	if ((e = tend_text_escape(text, n, keep)) == NULL)
		FAIL("escape returned NULL");
	len = strlen(e);
	if (!tend_utf8_valid(e, len))
		FAIL("escaped text is not valid UTF-8");
	for (i = 0; i < len; i += (size_t)k) {
		if ((k = u8_mbtouc(&uc, (const uint8_t *)e + i, len - i)) <= 0)
			FAIL("cannot decode the escaped text");
		if (forbidden(uc, keep))
			FAIL("U+%04X in the escaped text at byte %zu", uc, i);
	}
	if ((e2 = tend_text_escape(e, len, keep)) == NULL)
		FAIL("escape returned NULL");
	if (strcmp(e, e2) != 0)
		FAIL("escaping twice differs: '%s' then '%s'", e, e2);
	free(e2);

	if ((w = tend_text_wrap(e, width, indent)) == NULL)
		FAIL("wrap returned NULL");
	if (!tend_utf8_valid(w, strlen(w)))
		FAIL("wrapped text is not valid UTF-8");
	if (width > 0) {
		widest = widest_piece(e);
		first = 1;
		for (line = w; ; line = nl + 1) {
			nl = strchr(line, '\n');
			lw = columns((const uint8_t *)line,
			    nl != NULL ? (size_t)(nl - line) : strlen(line));
			ind = first ? 0 : (size_t)indent;
			if (lw > (size_t)width && lw > ind + widest)
				FAIL("line %zu columns wide at width %d, "
				    "indent %d, widest word %zu", lw, width,
				    indent, widest);
			first = 0;
			if (nl == NULL)
				break;
		}
	}
	free(w);
	free(e);
	return 0;
}
