/*
 * test-text.c - unit tests for UTF-8 checks, terminal escaping, width and
 * wrapping (src/lib/text.c).
 *
 * The escaping cases are the ones that matter for a journal of untrusted
 * text: screen clearing, title setting, OSC 52 clipboard writes, C1 CSI,
 * bidi overrides and each kind of invalid UTF-8.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <unistr.h>

#include "tend.h"

#define FFFD	"\xef\xbf\xbd"

/* Escape n bytes and compare with want. */
static void
check_escape(const char *s, size_t n, int keep_newlines, const char *want)
{
	char *got;

	got = tend_text_escape(s, n, keep_newlines);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

#define ESC(s, want)	check_escape((s), sizeof(s) - 1, 0, (want))
#define ESC_NL(s, want)	check_escape((s), sizeof(s) - 1, 1, (want))

static void
check_wrap(const char *s, int width, int indent, const char *want)
{
	char *got;

	got = tend_text_wrap(s, width, indent);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* Deterministic bytes: xorshift64 with a fixed seed. */
static uint64_t
xorshift(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static void
test_utf8_valid_accepts_only_well_formed_text(void **state)
{
	(void)state;
	assert_int_equal(tend_utf8_valid("", 0), 1);
	assert_int_equal(tend_utf8_valid(NULL, 0), 1);
	assert_int_equal(tend_utf8_valid("plain", 5), 1);
	assert_int_equal(tend_utf8_valid("h\xc3\xa9llo", 6), 1);
	assert_int_equal(tend_utf8_valid("\xe6\x97\xa5\xe6\x9c\xac", 6), 1);
	assert_int_equal(tend_utf8_valid("\xf0\x9f\x91\x8d", 4), 1);
	assert_int_equal(tend_utf8_valid("\xf4\x8f\xbf\xbf", 4), 1);
	/* Controls are valid UTF-8; escaping them is another matter. */
	assert_int_equal(tend_utf8_valid("\x1b[2J", 4), 1);

	assert_int_equal(tend_utf8_valid("a\0b", 3), 0);	/* NUL */
	assert_int_equal(tend_utf8_valid("\0", 1), 0);
	assert_int_equal(tend_utf8_valid("\x80", 1), 0);	/* lone cont. */
	assert_int_equal(tend_utf8_valid("a\xbf", 2), 0);
	assert_int_equal(tend_utf8_valid("\xe6\x97", 2), 0);	/* truncated */
	assert_int_equal(tend_utf8_valid("\xc0\xaf", 2), 0);	/* overlong */
	assert_int_equal(tend_utf8_valid("\xe0\x80\xaf", 3), 0);
	assert_int_equal(tend_utf8_valid("\xed\xa0\x80", 3), 0); /* surrogate */
	assert_int_equal(tend_utf8_valid("\xf4\x90\x80\x80", 4), 0);
	assert_int_equal(tend_utf8_valid("\xff", 1), 0);
	assert_int_equal(tend_utf8_valid("\xfe", 1), 0);
	/* Only n bytes count: a character cut by n is truncated. */
	assert_int_equal(tend_utf8_valid("\xe6\x97\xa5", 2), 0);
	assert_int_equal(tend_utf8_valid("ab\0", 2), 1);
}

static void
test_escape_terminal_sequences(void **state)
{
	(void)state;
	ESC("\x1b[2J", "^[[2J");				/* clear */
	ESC("\x1b]0;x\x07", "^[]0;x^G");			/* title */
	ESC("\x1b]52;c;aGVsbG8=\x07", "^[]52;c;aGVsbG8=^G");	/* OSC 52 */
	ESC("\x1b]52;c;aGk=\x1b\\", "^[]52;c;aGk=^[\\");	/* with ST */
	ESC("\x1b[31mred\x1b[0m", "^[[31mred^[[0m");
	ESC("\xc2\x9b" "2J", "\\u009b2J");			/* C1 CSI */
	ESC("\xc2\x9d" "0;x\xc2\x9c", "\\u009d0;x\\u009c");	/* C1 OSC/ST */
	ESC("\xc2\x85", "\\u0085");				/* NEL */
	ESC("\xc2\x80", "\\u0080");
	ESC("\xc2\x9f", "\\u009f");
	ESC("\xc2\xa0", "\xc2\xa0");				/* NBSP */
	ESC("\xc2\x7f", FFFD "^?");
}

static void
test_escape_bidi_and_separators(void **state)
{
	(void)state;
	ESC("abc\xe2\x80\xae" "cba", "abc\\u202ecba");		/* RLO */
	ESC("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
	    "\\u202a\\u202b\\u202c\\u202d");
	ESC("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
	    "\\u2066\\u2067\\u2068\\u2069");
	ESC("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", "a\\u2028b\\u2029c");
	/* Neighbours of the ranges stay as they are. */
	ESC("\xe2\x80\xa9\xe2\x80\xaf", "\\u2029\xe2\x80\xaf");	/* U+202F */
	ESC("\xe2\x80\xa7", "\xe2\x80\xa7");			/* U+2027 */
	ESC("\xe2\x81\xaa", "\xe2\x81\xaa");			/* U+206A */
	ESC("\xe2\x81\xa5", "\xe2\x81\xa5");			/* U+2065 */
}

static void
test_escape_c0_controls_and_del(void **state)
{
	char in[2], want[3];
	int c;

	(void)state;
	ESC("\x7f", "^?");					/* DEL */
	ESC("ab\x08\x08xy", "ab^H^Hxy");			/* BS */
	ESC("safe\rEVIL", "safe^MEVIL");			/* CR */
	ESC("a\tb", "a^Ib");					/* TAB */
	ESC("\x1b", "^[");
	ESC("\x1f", "^_");
	ESC("a\0b", "a^@b");					/* NUL inside */
	ESC("\0\0", "^@^@");
	ESC("a\nb", "a^Jb");
	ESC_NL("a\nb\n", "a\nb\n");
	ESC_NL("a\r\nb", "a^M\nb");
	ESC_NL("\x1b\n\x7f", "^[\n^?");

	/* Every C0 control in caret notation, "\n" only when kept. */
	for (c = 0; c < 0x20; c++) {
		in[0] = (char)c;
		in[1] = '\0';
		want[0] = '^';
		want[1] = (char)(c + 0x40);
		want[2] = '\0';
		check_escape(in, 1, 0, want);
		check_escape(in, 1, 1, c == '\n' ? "\n" : want);
	}
}

static void
test_escape_invalid_utf8_byte_by_byte(void **state)
{
	(void)state;
	ESC("\x80", FFFD);				/* lone continuation */
	ESC("a\xbf" "b", "a" FFFD "b");
	ESC("a\xe6\x97", "a" FFFD FFFD);		/* truncated at end */
	ESC("\xe6\x97" "x", FFFD FFFD "x");		/* truncated, then ASCII */
	ESC("\xe6\x97\x1b[2J", FFFD FFFD "^[[2J");	/* ESC not swallowed */
	ESC("\xc0\xaf", FFFD FFFD);			/* overlong "/" */
	ESC("\xe0\x80\xaf", FFFD FFFD FFFD);
	ESC("\xc1\x9b", FFFD FFFD);			/* overlong CSI */
	ESC("\xed\xa0\x80", FFFD FFFD FFFD);		/* surrogate */
	ESC("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);	/* > U+10FFFF */
	ESC("\xff\xfe", FFFD FFFD);
	ESC("\xef\xbf\xbd", FFFD);			/* a real U+FFFD */
}

static void
test_escape_keeps_text_and_respects_n(void **state)
{
	static const char text[] = "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac "
	    "\xf0\x9f\x91\x8d e\xcc\x81 ^[ \\u202e ~!";
	char *got;

	(void)state;
	ESC(text, text);
	check_escape("abc", 2, 0, "ab");
	check_escape("abc", 0, 0, "");
	check_escape(NULL, 0, 0, "");
	/* n cuts a character: its bytes are invalid there. */
	check_escape("\xe6\x97\xa5", 2, 0, FFFD FFFD);
	/* Output is a fresh string. */
	got = tend_text_escape(text, sizeof(text) - 1, 1);
	assert_non_null(got);
	assert_ptr_not_equal(got, text);
	free(got);
}

/* Code points that must not appear raw in escaped output. */
static int
forbidden(ucs4_t uc, int keep_newlines)
{
	if (uc == '\n')
		return !keep_newlines;
	return uc < 0x20 || uc == 0x7f || (uc >= 0x80 && uc <= 0x9f) ||
	    (uc >= 0x202a && uc <= 0x202e) || (uc >= 0x2066 && uc <= 0x2069) ||
	    uc == 0x2028 || uc == 0x2029;
}

/*
 * The promises of tend_text_escape over a few hundred random byte strings
 * weighted towards the dangerous bytes: valid UTF-8 out, no forbidden byte
 * or code point, and escaping twice is escaping once.
 */
static void
test_escape_properties_on_random_bytes(void **state)
{
	static const unsigned char hot[] = {
		0x00, 0x07, 0x08, 0x09, 0x0a, 0x0d, 0x1b, 0x7f, 0x80, 0x9b,
		0xa0, 0xa8, 0xae, 0xbf, 0xc0, 0xc2, 0xe2, 0xed, 0xef, 0xf4,
		0x90, 0xff, '[', ']', '\\', '^', 'u', '2', 'a', ' ',
	};
	unsigned char in[96];
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	const uint8_t *p, *end;
	char *once, *twice;
	size_t n, i, len;
	ucs4_t uc;
	int round, keep, k;

	(void)state;
	for (round = 0; round < 600; round++) {
		n = (size_t)(xorshift(&x) % sizeof(in));
		for (i = 0; i < n; i++) {
			uint64_t r = xorshift(&x);

			in[i] = r % 3 == 0 ? (unsigned char)(r >> 8) :
			    hot[(r >> 8) % sizeof(hot)];
		}
		keep = round & 1;
		once = tend_text_escape((const char *)in, n, keep);
		assert_non_null(once);
		len = strlen(once);
		assert_null(u8_check((const uint8_t *)once, len));
		for (i = 0; i < len; i++) {
			assert_true((unsigned char)once[i] >= 0x20 ||
			    (keep && once[i] == '\n'));
			assert_true(once[i] != 0x7f);
		}
		p = (const uint8_t *)once;
		end = p + len;
		while (p < end) {
			k = u8_mbtoucr(&uc, p, (size_t)(end - p));
			assert_true(k > 0);
			assert_false(forbidden(uc, keep));
			p += k;
		}
		twice = tend_text_escape(once, len, keep);
		assert_non_null(twice);
		assert_string_equal(twice, once);
		free(twice);
		free(once);
	}
}

static void
test_width_of_cjk_and_combining_text_in_c_locale(void **state)
{
	(void)state;
	/* The library must not depend on the locale (wcwidth would). */
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	unsetenv("LANG");
	assert_non_null(setlocale(LC_ALL, "C"));

	assert_int_equal(tend_text_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);
	assert_int_equal(tend_text_width(""), 0);
	assert_int_equal(tend_text_width("abc"), 3);
	assert_int_equal(tend_text_width("e\xcc\x81"), 1);	/* e + U+0301 */
	assert_int_equal(tend_text_width("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa"
	    "\x9e" "abc"), 9);
	assert_int_equal(tend_text_width("\xef\xbc\xa1"), 2);	/* fullwidth A */
	assert_int_equal(tend_text_width("\xed\x95\x9c"), 2);	/* hangul */
	assert_int_equal(tend_text_width("h\xc3\xa9llo"), 5);
	assert_int_equal(tend_text_width("\xc2\xb1"), 1);	/* ambiguous */

	assert_non_null(setlocale(LC_ALL, ""));
	assert_int_equal(tend_text_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);
}

static void
test_wrap_plain_words_and_exact_fit(void **state)
{
	(void)state;
	check_wrap("", 10, 0, "");
	check_wrap("short", 10, 0, "short");
	check_wrap("the quick brown fox", 10, 0, "the quick\nbrown fox");
	check_wrap("the quick brown fox jumps", 9, 0,
	    "the quick\nbrown fox\njumps");
	/* A line may fill the width exactly, spaces after it or not. */
	check_wrap("hello world", 11, 0, "hello world");
	check_wrap("hello world", 10, 0, "hello\nworld");
	check_wrap("ab cd ef", 5, 0, "ab cd\nef");
	check_wrap("abc de", 5, 0, "abc\nde");
	check_wrap("abcde", 5, 0, "abcde");
	/* Spaces inside a line stay, spaces at a break go. */
	check_wrap("a  b", 10, 0, "a  b");
	check_wrap("aaa   bbb", 5, 0, "aaa\nbbb");
	check_wrap("word   ", 10, 0, "word");
	check_wrap("  lead", 10, 0, "  lead");
}

static void
test_wrap_indents_continuation_lines(void **state)
{
	(void)state;
	check_wrap("one two three four", 9, 2, "one two\n  three\n  four");
	/* Continuation lines have width - indent columns. */
	check_wrap("aaaa bbbb cccc", 9, 4, "aaaa bbbb\n    cccc");
	check_wrap("aaaa bbbb cc dd", 9, 4, "aaaa bbbb\n    cc dd");
	check_wrap("aaaa bbbb ccc dd", 9, 4, "aaaa bbbb\n    ccc\n    dd");
	check_wrap("a b", 1, 0, "a\nb");
}

static void
test_wrap_keeps_long_words_whole(void **state)
{
	(void)state;
	check_wrap("a supercalifragilistic b", 8, 0,
	    "a\nsupercalifragilistic\nb");
	check_wrap("supercalifragilistic", 5, 0, "supercalifragilistic");
	check_wrap("x Donaudampfschifffahrt y", 10, 2,
	    "x\n  Donaudampfschifffahrt\n  y");
	/* Nonsense widths still give an answer, one piece a line. */
	check_wrap("a b c", 0, 0, "a\nb\nc");
	check_wrap("a b c", -5, -3, "a\nb\nc");
	check_wrap("aa bb", 3, 10, "aa\n          bb");
}

static void
test_wrap_starts_lines_at_embedded_newlines(void **state)
{
	(void)state;
	check_wrap("first line\nsecond", 40, 2, "first line\n  second");
	check_wrap("a\n\nb", 40, 2, "a\n\n  b");		/* empty line bare */
	check_wrap("abc   \ndef", 40, 0, "abc\ndef");	/* no trailing sp */
	check_wrap("a\n", 40, 2, "a\n");
	check_wrap("\n", 40, 2, "\n");
	check_wrap("a\r\nb", 40, 0, "a\nb");
	check_wrap("one two\nthree four five", 11, 1,
	    "one two\n three four\n five");
	/* A newline resets the column: "cc" fits after it. */
	check_wrap("aaaa bb\ncc dd ee", 7, 0, "aaaa bb\ncc dd\nee");
}

static void
test_wrap_cjk_by_columns(void **state)
{
	/* 日本語のテキスト: eight double-width characters. */
	static const char jp[] = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
	    "\xe3\x81\xae\xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\xe3\x83\x88";

	(void)state;
	check_wrap(jp, 6, 0, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\n"
	    "\xe3\x81\xae\xe3\x83\x86\xe3\x82\xad\n"
	    "\xe3\x82\xb9\xe3\x83\x88");
	check_wrap(jp, 16, 0, jp);
	check_wrap(jp, 15, 0, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
	    "\xe3\x81\xae\xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\n"
	    "\xe3\x83\x88");
	check_wrap(jp, 8, 2, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
	    "\xe3\x81\xae\n"
	    "  \xe3\x83\x86\xe3\x82\xad\xe3\x82\xb9\n"
	    "  \xe3\x83\x88");
	/* Combining marks take no column: "cafe\u0301 ok" is 7 wide. */
	check_wrap("cafe\xcc\x81 ok", 7, 0, "cafe\xcc\x81 ok");
	check_wrap("cafe\xcc\x81 ok", 6, 0, "cafe\xcc\x81\nok");
}

/*
 * Over random words: no line ends in a space, only a single piece is ever
 * wider than its line, and the words come out in order.
 */
static void
test_wrap_properties_on_random_words(void **state)
{
	static const char *const words[] = {
		"a", "to", "the", "with", "partner", "na\xc3\xafve",
		"e\xcc\x81t\xc3\xa9", "extraordinarily", "ok,", "(yes)",
	};
	char text[512], flat[512], *got, *line, *next;
	uint64_t x = 42;
	size_t len, k, fl;
	int round, nwords, w, width, indent, lines;

	(void)state;
	for (round = 0; round < 300; round++) {
		len = 0;
		nwords = 1 + (int)(xorshift(&x) % 30);
		for (w = 0; w < nwords; w++) {
			const char *word = words[xorshift(&x) % 10];

			if (w > 0)
				text[len++] = ' ';
			memcpy(text + len, word, strlen(word));
			len += strlen(word);
		}
		text[len] = '\0';
		width = 4 + (int)(xorshift(&x) % 30);
		indent = (int)(xorshift(&x) % 4);

		got = tend_text_wrap(text, width, indent);
		assert_non_null(got);
		fl = 0;
		lines = 0;
		for (line = got; line != NULL; line = next, lines++) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			k = strlen(line);
			assert_true(k > 0);
			assert_true(line[k - 1] != ' ');
			if (lines > 0) {
				assert_true(k > (size_t)indent);
				assert_memory_equal(line, "    ",
				    (size_t)indent);
				assert_true(line[indent] != ' ');
				line += indent;
			}
			if (tend_text_width(line) > width - (lines ? indent : 0))
				assert_null(strchr(line, ' '));
			if (fl > 0)
				flat[fl++] = ' ';
			memcpy(flat + fl, line, strlen(line));
			fl += strlen(line);
		}
		flat[fl] = '\0';
		assert_string_equal(flat, text);
		free(got);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid_accepts_only_well_formed_text),
		cmocka_unit_test(test_escape_terminal_sequences),
		cmocka_unit_test(test_escape_bidi_and_separators),
		cmocka_unit_test(test_escape_c0_controls_and_del),
		cmocka_unit_test(test_escape_invalid_utf8_byte_by_byte),
		cmocka_unit_test(test_escape_keeps_text_and_respects_n),
		cmocka_unit_test(test_escape_properties_on_random_bytes),
		cmocka_unit_test(
		    test_width_of_cjk_and_combining_text_in_c_locale),
		cmocka_unit_test(test_wrap_plain_words_and_exact_fit),
		cmocka_unit_test(test_wrap_indents_continuation_lines),
		cmocka_unit_test(test_wrap_keeps_long_words_whole),
		cmocka_unit_test(test_wrap_starts_lines_at_embedded_newlines),
		cmocka_unit_test(test_wrap_cjk_by_columns),
		cmocka_unit_test(test_wrap_properties_on_random_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
