/*
 * test-notes.c - appreciation notes in the library: adding one (partners,
 * time, week, the text checks, all or nothing), the default sender,
 * back-dating, listing with every filter, and the JSON form.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"
#include "fixture.h"

#define DAY	86400

static const char *const three[] = { "Sam", "Alex", "Kim" };

/* A journal for three, where the sender must be named. */
static int
setup_three(void **state)
{
	return fix_setup_names(state, three, 3);
}

static long long
count(void **state)
{
	struct fixture *f = *state;

	return fix_peek(f->path, "SELECT count(*) FROM note");
}

static void
test_add_stores_everything(void **state)
{
	struct fixture *f = *state;
	struct tend_note *list = NULL;
	struct tend_note_filter all = { 0 };
	char uuid[37] = "";
	size_t n = 0;

	assert_int_equal(tend_note_add(f->t, "sam", "ALEX", "for the dishes",
	    0, uuid), TEND_OK);
	assert_int_equal(strlen(uuid), 36);
	assert_int_equal(tend_notes(f->t, &all, &list, &n), TEND_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].uuid, uuid);
	assert_string_equal(list[0].from, "Sam");
	assert_string_equal(list[0].to, "Alex");
	assert_string_equal(list[0].text, "for the dishes");
	assert_string_equal(list[0].created, "2026-11-21T12:00:00Z");
	assert_int_equal(list[0].when, FIX_NOON);
	assert_string_equal(list[0].week, "2026-W47");
	tend_notes_free(list, n);
	/* The full-text index holds it too, through the triggers. */
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM fts WHERE fts "
	    "MATCH 'dishes'"), 1);
}

static void
test_text_is_stored_exactly(void **state)
{
	struct fixture *f = *state;
	static const char *const texts[] = {
		"  spaces around  ", "two\nlines\n", "\x1b[2J\x1b]0;x\x07",
		"#not a comment", "tag #date 2026-01-01", "caf\xc3\xa9 \xe2\x9d\xa4",
	};
	struct tend_note_filter all = { 0 };
	struct tend_note *list = NULL;
	size_t n = 0, i;

	for (i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		assert_int_equal(tend_note_add(f->t, "Sam", "Alex", texts[i],
		    FIX_NOON - (time_t)i, NULL), TEND_OK);
	assert_int_equal(tend_notes(f->t, &all, &list, &n), TEND_OK);
	assert_int_equal(n, sizeof(texts) / sizeof(*texts));
	for (i = 0; i < n; i++)
		assert_string_equal(list[i].text, texts[i]);
	tend_notes_free(list, n);
}

static void
test_bad_text_is_refused_and_nothing_stored(void **state)
{
	struct fixture *f = *state;
	char *big = malloc(TEND_TEXT_MAX + 2);
	char *wide = malloc(TEND_TEXT_MAX * 2 + 1);
	size_t i;

	assert_non_null(big);
	assert_non_null(wide);
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "", 0, NULL),
	    TEND_EINVAL);
	assert_string_equal(tend_errmsg(f->t), "empty note; nothing saved");
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "bad \xff byte", 0,
	    NULL), TEND_EINVAL);
	assert_non_null(strstr(tend_errmsg(f->t), "UTF-8"));
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "\xc0\x80", 0,
	    NULL), TEND_EINVAL);

	memset(big, 'a', TEND_TEXT_MAX + 1);
	big[TEND_TEXT_MAX + 1] = '\0';
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", big, 0, NULL),
	    TEND_EINVAL);
	assert_non_null(strstr(tend_errmsg(f->t), "10001 characters"));
	assert_int_equal(count(state), 0);
	big[TEND_TEXT_MAX] = '\0';
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", big, 0, NULL),
	    TEND_OK);

	/* Characters are counted, not bytes: 10,000 two-byte letters fit. */
	for (i = 0; i < TEND_TEXT_MAX; i++)
		memcpy(wide + 2 * i, "\xc3\xa9", 2);
	wide[TEND_TEXT_MAX * 2] = '\0';
	assert_int_equal(tend_note_check_text(f->t, wide), TEND_OK);
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", wide, 0, NULL),
	    TEND_OK);
	assert_int_equal(count(state), 2);
	free(big);
	free(wide);
}

static void
test_partners_are_checked(void **state)
{
	struct fixture *f = *state;
	char *name = NULL;

	assert_int_equal(tend_note_add(f->t, "Sam", "Robin", "hi", 0, NULL),
	    TEND_ENOENT);
	assert_string_equal(tend_errmsg(f->t),
	    "no partner named 'Robin' (partners: Sam, Alex)");
	assert_int_equal(tend_note_add(f->t, "Robin", "Alex", "hi", 0, NULL),
	    TEND_ENOENT);
	assert_int_equal(tend_note_add(f->t, "Alex", "alex", "hi", 0, NULL),
	    TEND_EINVAL);
	assert_int_equal(count(state), 0);
	/* Nothing left open: the next save works. */
	assert_int_equal(tend_note_add(f->t, "Alex", "Sam", "hi", 0, NULL),
	    TEND_OK);

	assert_int_equal(tend_partner_find(f->t, "aLeX", &name), TEND_OK);
	assert_string_equal(name, "Alex");
	free(name);
	assert_int_equal(tend_partner_find(f->t, "Al", &name), TEND_ENOENT);
	assert_null(name);
	assert_int_equal(tend_partner_find(f->t, "Sam", NULL), TEND_OK);
}

static void
test_sender_in_a_couple(void **state)
{
	struct fixture *f = *state;
	char *from = NULL;

	assert_int_equal(tend_note_sender(f->t, "Alex", &from), TEND_OK);
	assert_string_equal(from, "Sam");
	free(from);
	assert_int_equal(tend_note_sender(f->t, "sam", &from), TEND_OK);
	assert_string_equal(from, "Alex");
	free(from);
	assert_int_equal(tend_note_sender(f->t, "Kim", &from), TEND_ENOENT);
	assert_null(from);
}

static void
test_sender_with_three_must_be_named(void **state)
{
	struct fixture *f = *state;
	char *from = NULL;

	assert_int_equal(tend_note_sender(f->t, "Alex", &from), TEND_EINVAL);
	assert_null(from);
	assert_string_equal(tend_errmsg(f->t), "with 3 partners, tend cannot "
	    "tell who the note is from");
	assert_int_equal(tend_errfix(f->t, NULL), TEND_FIX_SENDER);
	assert_int_equal(tend_note_add(f->t, "Kim", "Alex", "hi", 0, NULL),
	    TEND_OK);
}

static void
test_time_and_week(void **state)
{
	struct fixture *f = *state;
	struct tend_note_filter all = { 0 };
	struct tend_note *list = NULL;
	time_t day, when;
	size_t n = 0;

	/* The future is refused, to the second. */
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "soon",
	    FIX_NOON + 1, NULL), TEND_EINVAL);
	assert_int_equal(count(state), 0);

	/* Back-dating keeps the time of day; today is now. */
	assert_int_equal(tend_day_resolve(f->t, "2026-11-15", 1, &day),
	    TEND_OK);
	assert_int_equal(tend_note_time(f->t, day, &when), TEND_OK);
	assert_int_equal(when, FIX_NOON - 6 * DAY);
	assert_int_equal(tend_day_resolve(f->t, "today", 1, &day), TEND_OK);
	assert_int_equal(tend_note_time(f->t, day, &when), TEND_OK);
	assert_int_equal(when, FIX_NOON);
	assert_int_equal(tend_note_time(f->t, day + DAY, &when), TEND_EINVAL);

	/* Sunday 2026-11-15 is in W46; the week is the local one. */
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "sunday",
	    FIX_NOON - 6 * DAY, NULL), TEND_OK);
	/* 23:30 UTC on Sunday 11-15 is already Monday (W47) at UTC+2. */
	tend_set_clock(f->t, FIX_NOON, 7200);
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "late",
	    FIX_NOON - 6 * DAY + 11 * 3600 + 1800, NULL), TEND_OK);
	assert_int_equal(tend_notes(f->t, &all, &list, &n), TEND_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].text, "late");
	assert_string_equal(list[0].week, "2026-W47");
	assert_string_equal(list[0].created, "2026-11-15T23:30:00Z");
	assert_string_equal(list[1].week, "2026-W46");
	assert_string_equal(list[1].created, "2026-11-15T12:00:00Z");
	tend_notes_free(list, n);
}

/* Seven notes over two weeks, both ways, then each filter on them. */
static void
test_filters(void **state)
{
	struct fixture *f = *state;
	struct tend_note_filter q;
	struct tend_note *list = NULL;
	time_t d;
	size_t n = 0;
	int i;

	/* Note i is i days old: even ones from Sam, odd ones from Alex. */
	for (i = 6; i >= 0; i--) {
		char text[16];

		snprintf(text, sizeof(text), "note %d", i);
		assert_int_equal(tend_note_add(f->t, i % 2 ? "Alex" : "Sam",
		    i % 2 ? "Sam" : "Alex", text, FIX_NOON - i * DAY, NULL),
		    TEND_OK);
	}
	memset(&q, 0, sizeof(q));
	assert_int_equal(tend_notes(f->t, &q, &list, &n), TEND_OK);
	assert_int_equal(n, 7);
	assert_string_equal(list[0].text, "note 0");	/* newest first */
	assert_string_equal(list[6].text, "note 6");
	tend_notes_free(list, n);

	q.from = "sam";
	assert_int_equal(tend_notes(f->t, &q, &list, &n), TEND_OK);
	assert_int_equal(n, 4);
	assert_string_equal(list[3].text, "note 6");
	tend_notes_free(list, n);

	memset(&q, 0, sizeof(q));
	q.to = "Sam";
	assert_int_equal(tend_notes(f->t, &q, &list, &n), TEND_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].text, "note 1");
	tend_notes_free(list, n);

	/* since 11-18 through until 11-20, both days included */
	memset(&q, 0, sizeof(q));
	assert_int_equal(tend_day_resolve(f->t, "2026-11-18", 0, &d), TEND_OK);
	q.has_since = 1;
	q.since = d;
	assert_int_equal(tend_day_resolve(f->t, "2026-11-20", 0, &d), TEND_OK);
	q.has_until = 1;
	q.until = d;
	assert_int_equal(tend_notes(f->t, &q, &list, &n), TEND_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].text, "note 1");
	assert_string_equal(list[2].text, "note 3");
	tend_notes_free(list, n);

	/* W47 began on Monday 11-16: note 6, of Sunday, is in W46. */
	memset(&q, 0, sizeof(q));
	q.week = "2026-W47";
	assert_int_equal(tend_notes(f->t, &q, &list, &n), TEND_OK);
	assert_int_equal(n, 6);
	tend_notes_free(list, n);
	q.week = "2026-W46";
	assert_int_equal(tend_notes(f->t, &q, &list, &n), TEND_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].text, "note 6");
	tend_notes_free(list, n);

	memset(&q, 0, sizeof(q));
	q.limit = 2;
	q.from = "Alex";
	assert_int_equal(tend_notes(f->t, &q, &list, &n), TEND_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].text, "note 1");
	assert_string_equal(list[1].text, "note 3");
	tend_notes_free(list, n);

	/* Bad filters are refused with nothing listed. */
	memset(&q, 0, sizeof(q));
	q.to = "Robin";
	assert_int_equal(tend_notes(f->t, &q, &list, &n), TEND_ENOENT);
	assert_null(list);
	assert_int_equal(n, 0);
	memset(&q, 0, sizeof(q));
	q.week = "2026-47";
	assert_int_equal(tend_notes(f->t, &q, &list, &n), TEND_EINVAL);
	memset(&q, 0, sizeof(q));
	q.limit = -1;
	assert_int_equal(tend_notes(f->t, &q, &list, &n), TEND_EINVAL);
}

static void
test_json(void **state)
{
	struct fixture *f = *state;
	struct tend_note_filter all = { 0 };
	struct tend_note *list = NULL;
	char *out = NULL, want[256], uuid[37];
	size_t n = 0;

	assert_int_equal(tend_notes_json(f->t, NULL, 0, &out), TEND_OK);
	assert_string_equal(out, "[]");
	free(out);
	assert_int_equal(tend_note_add(f->t, "Alex", "Sam", "say \"hi\"\n\x1b",
	    0, uuid), TEND_OK);
	assert_int_equal(tend_notes(f->t, &all, &list, &n), TEND_OK);
	assert_int_equal(tend_notes_json(f->t, list, n, &out), TEND_OK);
	/* The only note: its short id is the fewest digits, 7. */
	snprintf(want, sizeof(want), "[{\"id\":\"%s\",\"short\":\"%.7s\","
	    "\"from\":\"Alex\","
	    "\"to\":\"Sam\",\"text\":\"say \\\"hi\\\"\\n\\u001b\","
	    "\"created\":\"2026-11-21T12:00:00Z\",\"week\":\"2026-W47\"}]",
	    uuid, uuid);
	assert_string_equal(out, want);
	free(out);
	tend_notes_free(list, n);
	tend_notes_free(NULL, 0);
}

/* Who a note is from and to: one rule for front ends and tend_note_add. */
static void
test_nobody_thanks_themselves(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(tend_note_check_partners(f->t, "Sam", "Alex"),
	    TEND_OK);
	assert_int_equal(tend_note_check_partners(f->t, "Sam", "sAM"),
	    TEND_EINVAL);
	assert_string_equal(tend_errmsg(f->t), "a note goes to someone else; "
	    "Sam cannot thank themselves");
	assert_int_equal(tend_note_check_partners(f->t, "Sam", "Robin"),
	    TEND_ENOENT);
	assert_int_equal(tend_note_add(f->t, "Alex", "alex", "for me", 0,
	    NULL), TEND_EINVAL);
	assert_string_equal(tend_errmsg(f->t), "a note goes to someone else; "
	    "Alex cannot thank themselves");
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM note"), 0);
}

/* The partners' names, checked as typed and at creation alike. */
static void
test_names_checked_once(void **state)
{
	const char *names[TEND_PARTNERS_MAX + 1];
	char buf[TEND_PARTNERS_MAX + 1][8];
	struct fixture *f = *state;
	size_t i;

	for (i = 0; i <= TEND_PARTNERS_MAX; i++) {
		snprintf(buf[i], sizeof(buf[i]), "P%zu", i);
		names[i] = buf[i];
	}
	assert_int_equal(tend_check_names(f->t, names, 1), TEND_OK);
	assert_int_equal(tend_check_names(f->t, names, TEND_PARTNERS_MAX),
	    TEND_OK);
	assert_int_equal(tend_check_names(f->t, names, TEND_PARTNERS_MAX + 1),
	    TEND_EINVAL);
	assert_string_equal(tend_errmsg(f->t), "a journal has at most 16 "
	    "partners");
	names[1] = "p0";
	assert_int_equal(tend_check_names(f->t, names, 2), TEND_EINVAL);
	assert_string_equal(tend_errmsg(f->t), "partner 'p0' is named twice; "
	    "partners need different names");
	names[1] = "-x";
	assert_int_equal(tend_check_names(f->t, names, 2), TEND_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_nobody_thanks_themselves,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_names_checked_once,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_add_stores_everything,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_text_is_stored_exactly,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_bad_text_is_refused_and_nothing_stored, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_partners_are_checked,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_sender_in_a_couple,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_sender_with_three_must_be_named, setup_three,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_time_and_week, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_filters, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_json, fix_setup,
		    fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
