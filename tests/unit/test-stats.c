/*
 * test-stats.c - the numbers of tend stats in the library: an empty
 * journal, the streak and the longest one across gaps, notes per partner,
 * appreciations against struggles (an appreciation counted once), the
 * experiments, the weekly connection ratings with gaps, the bounds of the
 * chart, and the JSON form.
 */
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

/* A check-in of week, finished or not, with the two connection ratings
 * (0: none). */
static void
week(struct fixture *f, const char *w, int finished, int sam, int alex)
{
	char sql[1024];
	int p, v;

	snprintf(sql, sizeof(sql), "INSERT INTO checkin (uuid, week, deck, "
	    "started, finished) VALUES ('c-%s', '%s', 'weekly', "
	    "'2026-01-01T00:00:00Z', %s)", w, w,
	    finished ? "'2026-01-01T00:00:00Z'" : "NULL");
	fix_poke(f->path, sql);
	for (p = 1; p <= 2; p++) {
		if ((v = p == 1 ? sam : alex) == 0)
			continue;
		snprintf(sql, sizeof(sql), "INSERT INTO answer (uuid, "
		    "checkin_id, partner_id, question, prompt, kind, value, "
		    "created, updated) VALUES ('r-%s-%d', (SELECT id FROM "
		    "checkin WHERE week = '%s'), %d, 'connection-rating', "
		    "'Q', 'scale', '%d', '2026-01-01T00:00:00Z', "
		    "'2026-01-01T00:00:00Z')", w, p, w, p, v);
		fix_poke(f->path, sql);
	}
	fix_fill(f);
}

/* A text answer of partner p to question q in week's check-in. */
static void
answer(struct fixture *f, const char *w, int p, const char *q,
    const char *value)
{
	char sql[1024];

	snprintf(sql, sizeof(sql), "INSERT OR REPLACE INTO answer (uuid, "
	    "checkin_id, partner_id, question, prompt, kind, value, created, "
	    "updated) VALUES ('t-%s-%d-%s', (SELECT id FROM checkin WHERE week = "
	    "'%s'), %d, '%s', 'Q', 'text', %s, '2026-01-01T00:00:00Z', "
	    "'2026-01-01T00:00:00Z')", w, p, q, w, p, q, value);
	fix_poke(f->path, sql);
}

static void
test_empty_journal(void **state)
{
	struct fixture *f = *state;
	struct tend_stats s;
	size_t i;

	assert_int_equal(tend_stats(f->t, NULL, 12, &s), TEND_OK);
	assert_string_equal(s.week, "2026-W47");
	assert_int_equal(s.streak, 0);
	assert_int_equal(s.longest, 0);
	assert_int_equal(s.checkins, 0);
	assert_int_equal(s.notes, 0);
	assert_int_equal(s.appreciations, 0);
	assert_int_equal(s.struggles, 0);
	assert_int_equal(s.tried + s.skipped + s.felt_count, 0);
	assert_int_equal(s.nweeks, 12);
	assert_string_equal(s.weeks[0], "2026-W36");
	assert_string_equal(s.weeks[11], "2026-W47");
	assert_int_equal(s.npartners, 2);
	assert_string_equal(s.partners[0].name, "Sam");
	assert_string_equal(s.partners[1].name, "Alex");
	assert_int_equal(strlen(s.partners[0].uuid), 36);
	for (i = 0; i < s.nweeks; i++)
		assert_int_equal(s.partners[0].ratings[i] +
		    s.partners[1].ratings[i], 0);
	tend_stats_release(&s);
	tend_stats_release(&s);	/* released twice: harmless */
}

static void
test_streaks(void **state)
{
	struct fixture *f = *state;
	struct tend_stats s;

	week(f, "2026-W38", 1, 5, 5);
	week(f, "2026-W39", 1, 5, 5);
	week(f, "2026-W40", 1, 5, 5);
	/* 2026-W41 missed, 2026-W42 begun only. */
	week(f, "2026-W42", 0, 5, 0);
	week(f, "2026-W43", 1, 5, 5);
	week(f, "2026-W44", 1, 5, 5);
	week(f, "2026-W45", 1, 5, 5);
	week(f, "2026-W46", 1, 5, 5);
	/* A check-in from the future (a wrong clock) counts for nothing. */
	week(f, "2026-W49", 1, 5, 5);
	assert_int_equal(tend_stats(f->t, NULL, 4, &s), TEND_OK);
	/* This week not done yet: the streak runs back from last week. */
	assert_int_equal(s.streak, 4);
	assert_int_equal(s.longest, 4);
	assert_int_equal(s.checkins, 8);
	tend_stats_release(&s);

	week(f, "2026-W47", 1, 5, 5);
	assert_int_equal(tend_stats(f->t, NULL, 4, &s), TEND_OK);
	assert_int_equal(s.streak, 5);
	assert_int_equal(s.longest, 5);
	tend_stats_release(&s);

	/*
	 * Two weeks on, 2026-W48 missed: the streak starts again with
	 * 2026-W49's check-in; three weeks on, with nothing since, it is 0.
	 */
	tend_set_clock(f->t, FIX_NOON + 14 * DAY, 0);
	assert_int_equal(tend_stats(f->t, NULL, 4, &s), TEND_OK);
	assert_int_equal(s.streak, 1);
	assert_int_equal(s.longest, 5);
	assert_int_equal(s.checkins, 9);
	tend_stats_release(&s);
	tend_set_clock(f->t, FIX_NOON + 28 * DAY, 0);
	assert_int_equal(tend_stats(f->t, NULL, 4, &s), TEND_OK);
	assert_int_equal(s.streak, 0);
	assert_int_equal(s.longest, 5);
	tend_stats_release(&s);
}

static void
test_streak_across_a_year(void **state)
{
	struct fixture *f = *state;
	struct tend_stats s;

	/* 2026 has 53 weeks: W53 then 2027-W01 are in a row. */
	week(f, "2026-W52", 1, 5, 5);
	week(f, "2026-W53", 1, 5, 5);
	week(f, "2027-W01", 1, 5, 5);
	tend_set_clock(f->t, FIX_NOON + 7 * 7 * DAY, 0);
	assert_int_equal(tend_stats(f->t, NULL, 3, &s), TEND_OK);
	assert_string_equal(s.week, "2027-W01");
	assert_string_equal(s.weeks[0], "2026-W52");
	assert_string_equal(s.weeks[1], "2026-W53");
	assert_int_equal(s.streak, 3);
	assert_int_equal(s.longest, 3);
	assert_int_equal(s.partners[0].ratings[1], 5);
	tend_stats_release(&s);
}

static void
test_notes_and_what_was_raised(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	struct tend_stats s;

	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "one", 0, NULL),
	    TEND_OK);
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "two", 0, NULL),
	    TEND_OK);
	assert_int_equal(tend_note_add(f->t, "Alex", "Sam", "three", 0, NULL),
	    TEND_OK);
	/* An appreciation in a check-in is a note too: counted once. */
	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 0, 0, "the tea"), TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 0, 1, NULL), TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 4, 0, "work"), TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 4, 1, "sleep"), TEND_OK);
	tend_checkin_free(ck);
	/* Counted only once every answer is revealed: the rest skipped. */
	fix_poke(f->path, "UPDATE checkin SET finished = 'x' WHERE week = "
	    "'2026-W47'");
	fix_fill(f);
	/* Blank answers (spaces, tabs, line ends) raise nothing; one
	 * character besides them, in any script, does. */
	week(f, "2026-W46", 1, 0, 0);
	answer(f, "2026-W46", 1, "partner-appreciated", "' \n'");
	answer(f, "2026-W46", 2, "biggest-struggle", "''");
	answer(f, "2026-W46", 2, "most-proud", "'the garden'");
	answer(f, "2026-W46", 1, "biggest-struggle", "char(9, 13, 10, 32)");
	week(f, "2026-W45", 1, 0, 0);
	answer(f, "2026-W45", 1, "partner-appreciated",
	    "char(9, 10) || '\xc3\xbc' || char(13)");
	answer(f, "2026-W45", 2, "biggest-struggle", "char(32) || '-'");

	assert_int_equal(tend_stats(f->t, NULL, 12, &s), TEND_OK);
	assert_int_equal(s.notes, 4);
	assert_int_equal(s.partners[0].sent, 3);
	assert_int_equal(s.partners[0].received, 1);
	assert_int_equal(s.partners[1].sent, 1);
	assert_int_equal(s.partners[1].received, 3);
	assert_int_equal(s.appreciations, 5);
	assert_int_equal(s.struggles, 3);
	tend_stats_release(&s);
}

static void
test_experiments(void **state)
{
	struct fixture *f = *state;
	struct tend_week_experiment x;
	static const char *const weeks[] = {
		"2026-W44", "2026-W45", "2026-W46", "2026-W47",
	};
	struct tend_stats s;
	size_t i;

	for (i = 0; i < 4; i++) {
		assert_int_equal(tend_experiment_get(f->t, weeks[i], 1, &x),
		    TEND_OK);
		tend_week_experiment_release(&x);
	}
	assert_int_equal(tend_experiment_log(f->t, "2026-W44", "skipped", 0,
	    NULL), TEND_OK);
	assert_int_equal(tend_experiment_log(f->t, "2026-W45", "tried", 4,
	    NULL), TEND_OK);
	assert_int_equal(tend_experiment_log(f->t, "2026-W46", "tried", 5,
	    "lovely"), TEND_OK);
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 0,
	    NULL), TEND_OK);
	assert_int_equal(tend_stats(f->t, NULL, 12, &s), TEND_OK);
	assert_int_equal(s.tried, 3);
	assert_int_equal(s.skipped, 1);
	assert_int_equal(s.felt_count, 2);
	assert_true(s.felt_average > 4.49 && s.felt_average < 4.51);
	tend_stats_release(&s);
}

static void
test_ratings_with_gaps(void **state)
{
	struct fixture *f = *state;
	struct tend_stats s;

	week(f, "2026-W40", 1, 9, 9);	/* before the chart: not shown */
	week(f, "2026-W43", 1, 1, 10);
	week(f, "2026-W44", 0, 6, 0);
	week(f, "2026-W46", 1, 7, 4);
	/* A rating saved later in the same week wins (another deck). */
	fix_poke(f->path, "INSERT INTO checkin (uuid, week, deck, started) "
	    "VALUES ('c-x', '2026-W46', 'repair', '2026-01-01T00:00:00Z');"
	    "INSERT INTO answer (uuid, checkin_id, partner_id, question, "
	    "prompt, kind, value, created, updated) VALUES ('r-x', "
	    "(SELECT id FROM checkin WHERE uuid = 'c-x'), 2, "
	    "'connection-rating', 'Q', 'scale', '3', '2026-02-01T00:00:00Z', "
	    "'2026-02-01T00:00:00Z')");
	/* Another scale question is not the connection rating. */
	fix_poke(f->path, "INSERT INTO answer (uuid, checkin_id, partner_id, "
	    "question, prompt, kind, value, created, updated) VALUES ('r-y', "
	    "(SELECT id FROM checkin WHERE week = '2026-W44' AND deck = "
	    "'weekly'), 2, 'other', 'Q', 'scale', '8', '2026-01-01T00:00:00Z',"
	    " '2026-01-01T00:00:00Z')");
	assert_int_equal(tend_stats(f->t, NULL, 5, &s), TEND_OK);
	assert_string_equal(s.weeks[0], "2026-W43");
	assert_string_equal(s.weeks[4], "2026-W47");
	/*
	 * Nobody named: the ratings of 2026-W44 and of the repair deck, whose
	 * check-ins are incomplete, stay hidden.
	 */
	{
		static const int sam[5] = { 1, 0, 0, 7, 0 };
		static const int alex[5] = { 10, 0, 0, 4, 0 };
		size_t i;

		for (i = 0; i < 5; i++) {
			assert_int_equal(s.partners[0].ratings[i], sam[i]);
			assert_int_equal(s.partners[1].ratings[i], alex[i]);
		}
		assert_int_equal(s.hidden, 2);
	}
	tend_stats_release(&s);
	/* Each partner sees their own; a rating saved later wins. */
	assert_int_equal(tend_stats(f->t, "sam", 5, &s), TEND_OK);
	assert_int_equal(s.partners[0].ratings[1], 6);
	assert_int_equal(s.partners[1].ratings[3], 4);
	tend_stats_release(&s);
	assert_int_equal(tend_stats(f->t, "Alex", 5, &s), TEND_OK);
	assert_int_equal(s.partners[0].ratings[1], 0);
	assert_int_equal(s.partners[1].ratings[3], 3);
	tend_stats_release(&s);
	assert_int_equal(tend_stats(f->t, "Kim", 5, &s), TEND_ENOENT);
	assert_string_equal(tend_errmsg(f->t), "no partner named 'Kim' "
	    "(partners: Sam, Alex)");
}

static void
test_weeks_bounds(void **state)
{
	struct fixture *f = *state;
	struct tend_stats s;

	assert_int_equal(tend_stats(f->t, NULL, 0, &s), TEND_EINVAL);
	assert_non_null(strstr(tend_errmsg(f->t), "1 to 260"));
	assert_int_equal(tend_stats(f->t, NULL, TEND_STATS_WEEKS_MAX + 1, &s),
	    TEND_EINVAL);
	tend_stats_release(&s);
	assert_int_equal(tend_stats(f->t, NULL, TEND_STATS_WEEKS_MAX, &s), TEND_OK);
	assert_int_equal(s.nweeks, TEND_STATS_WEEKS_MAX);
	assert_string_equal(s.weeks[TEND_STATS_WEEKS_MAX - 1], "2026-W47");
	tend_stats_release(&s);
	assert_int_equal(tend_stats(f->t, NULL, 1, &s), TEND_OK);
	assert_string_equal(s.weeks[0], "2026-W47");
	tend_stats_release(&s);
}

static void
test_json(void **state)
{
	struct fixture *f = *state;
	struct tend_stats s;
	char *out = NULL, want[1024];

	week(f, "2026-W46", 1, 7, 0);
	assert_int_equal(tend_stats(f->t, NULL, 2, &s), TEND_OK);
	assert_int_equal(tend_stats_json(f->t, &s, &out), TEND_OK);
	snprintf(want, sizeof(want), "{\"week\":\"2026-W47\",\"streak\":1,"
	    "\"longest_streak\":1,\"checkins\":1,\"hidden\":0,\"notes\":0,"
	    "\"appreciations\":0,\"struggles\":0,\"ratio\":null,"
	    "\"experiments\":{\"tried\":0,\"skipped\":0,\"felt_average\":null,"
	    "\"felt_count\":0},\"weeks\":[\"2026-W46\",\"2026-W47\"],"
	    "\"partners\":[{\"id\":\"%s\",\"name\":\"Sam\",\"notes\":"
	    "{\"sent\":0,\"received\":0},\"connection\":[7,null]},"
	    "{\"id\":\"%s\",\"name\":\"Alex\",\"notes\":{\"sent\":0,"
	    "\"received\":0},\"connection\":[null,null]}]}",
	    s.partners[0].uuid, s.partners[1].uuid);
	assert_string_equal(out, want);
	free(out);
	/* With struggles the ratio is a number. */
	s.appreciations = 3;
	s.struggles = 2;
	assert_int_equal(tend_stats_json(f->t, &s, &out), TEND_OK);
	assert_non_null(strstr(out, "\"ratio\":1.5,"));
	free(out);
	tend_stats_release(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty_journal, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_streaks, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_streak_across_a_year,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_notes_and_what_was_raised,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_experiments, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_ratings_with_gaps,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_weeks_bounds, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_json, fix_setup,
		    fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
