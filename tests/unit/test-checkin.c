/*
 * test-checkin.c - check-ins in the library: answers checked and saved
 * one by one, resuming, completion, who may see what, history, and the
 * days and weeks users write.
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

static void
check(struct tend *t, enum tend_kind kind, const char *in, const char *want)
{
	struct tend_question q = { "q", "Q?", NULL, NULL, kind, NULL };
	char *out = NULL;

	if (want == NULL) {
		assert_int_equal(tend_checkin_check(t, &q, in, &out), TEND_EINVAL);
		assert_null(out);
		return;
	}
	assert_int_equal(tend_checkin_check(t, &q, in, &out), TEND_OK);
	assert_string_equal(out, want);
	free(out);
}

static void
test_answers_are_checked_by_kind(void **state)
{
	struct fixture *f = *state;
	char *big;

	check(f->t, TEND_KIND_SCALE, "7", "7");
	check(f->t, TEND_KIND_SCALE, "10 ", "10");
	check(f->t, TEND_KIND_SCALE, "0", NULL);
	check(f->t, TEND_KIND_SCALE, "11", NULL);
	check(f->t, TEND_KIND_SCALE, "7.5", NULL);
	check(f->t, TEND_KIND_SCALE, "seven", NULL);
	check(f->t, TEND_KIND_SCALE, "", NULL);
	assert_string_equal(tend_errmsg(f->t), "answer with a whole number "
	    "from 1 to 10");
	check(f->t, TEND_KIND_YESNO, "Y", "yes");
	check(f->t, TEND_KIND_YESNO, "no", "no");
	check(f->t, TEND_KIND_YESNO, "maybe", NULL);
	check(f->t, TEND_KIND_TEXT, "  as typed ", "  as typed ");
	check(f->t, TEND_KIND_TEXT, "", NULL);
	check(f->t, TEND_KIND_TEXT, "bad \xff byte", NULL);
	assert_non_null(big = malloc(TEND_TEXT_MAX + 2));
	memset(big, 'a', TEND_TEXT_MAX + 1);
	big[TEND_TEXT_MAX + 1] = '\0';
	check(f->t, TEND_KIND_TEXT, big, NULL);
	big[TEND_TEXT_MAX] = '\0';
	check(f->t, TEND_KIND_TEXT, big, big);
	free(big);
}

static void
test_saved_answers_survive_a_new_session(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	const char *v;
	size_t np;

	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_string_equal(tend_checkin_deck(ck)->id, "weekly");
	assert_non_null(tend_checkin_partners(ck, &np));
	assert_int_equal(np, 2);
	assert_int_equal(tend_checkin_started(ck), 0);
	assert_int_equal(tend_checkin_save(ck, 0, 0, "the tea"), TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 0, 1, NULL), TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 0, 0, "the coffee"), TEND_OK);
	tend_checkin_free(ck);

	assert_int_equal(tend_checkin_open(f->t, "2026-W47", "weekly", &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_started(ck), 1);
	assert_int_equal(tend_checkin_slot(ck, 0, 0, &v), TEND_SLOT_ANSWERED);
	assert_string_equal(v, "the coffee");
	assert_int_equal(tend_checkin_slot(ck, 0, 1, &v), TEND_SLOT_SKIPPED);
	assert_null(v);
	assert_int_equal(tend_checkin_slot(ck, 1, 0, NULL), TEND_SLOT_OPEN);
	tend_checkin_free(ck);
}

/*
 * Two sessions of one check-in on two handles, as two processes would
 * be: the second saves Alex's answer while the first still sees the slot
 * open; the first session's save is refused with the other answer shown,
 * the answer and its note untouched; saving again, once asked, replaces
 * both; a refresh shows what the other session saved.
 */
static void
test_another_sessions_answer_is_not_overwritten(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *one = NULL, *two = NULL;
	struct tend *t2 = fix_handle();
	const char *v;
	char *body;

	assert_int_equal(tend_open(t2, f->path), TEND_OK);
	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &one),
	    TEND_OK);
	assert_int_equal(tend_checkin_save(one, 0, 0, "the tea"), TEND_OK);
	assert_int_equal(tend_checkin_open(t2, "2026-W47", NULL, &two),
	    TEND_OK);
	/* Question 1 is the appreciation question: its answer is a note. */
	assert_string_equal(tend_checkin_deck(two)->questions[0].role,
	    "appreciation");
	assert_int_equal(tend_checkin_save(two, 0, 1, "Alex's own words"),
	    TEND_OK);
	assert_int_equal(tend_checkin_save(two, 1, 1, NULL), TEND_OK);

	assert_int_equal(tend_checkin_slot(one, 0, 1, NULL), TEND_SLOT_OPEN);
	assert_int_equal(tend_checkin_save(one, 0, 1, "typed for Alex"),
	    TEND_ECONFLICT);
	assert_string_equal(tend_errmsg(f->t), "Alex's answer to question 1 "
	    "was saved in another session meanwhile");
	assert_int_equal(tend_checkin_slot(one, 0, 1, &v), TEND_SLOT_ANSWERED);
	assert_string_equal(v, "Alex's own words");
	body = fix_peek_text(f->path, "SELECT value FROM answer a JOIN partner "
	    "p ON p.id = a.partner_id WHERE p.name = 'Alex' AND a.question = "
	    "'partner-appreciated'");
	assert_string_equal(body, "Alex's own words");
	free(body);
	body = fix_peek_text(f->path, "SELECT body FROM note n JOIN partner p "
	    "ON p.id = n.from_id WHERE p.name = 'Alex'");
	assert_string_equal(body, "Alex's own words");
	free(body);
	/* A skip is another session's answer too. */
	assert_int_equal(tend_checkin_save(one, 1, 1, "x"), TEND_ECONFLICT);
	assert_int_equal(tend_checkin_slot(one, 1, 1, NULL), TEND_SLOT_SKIPPED);

	/* Asked and told to replace: the second save goes through. */
	assert_int_equal(tend_checkin_save(one, 0, 1, "typed for Alex"),
	    TEND_OK);
	body = fix_peek_text(f->path, "SELECT body FROM note n JOIN partner p "
	    "ON p.id = n.from_id WHERE p.name = 'Alex'");
	assert_string_equal(body, "typed for Alex");
	free(body);
	/* The other session in turn sees a changed slot as a conflict. */
	assert_int_equal(tend_checkin_save(two, 0, 1, "again"), TEND_ECONFLICT);

	/* A refresh shows the other session's answers before asking. */
	assert_int_equal(tend_checkin_save(two, 2, 1, "from two"), TEND_OK);
	assert_int_equal(tend_checkin_slot(one, 2, 1, NULL), TEND_SLOT_OPEN);
	assert_int_equal(tend_checkin_refresh(one), TEND_OK);
	assert_int_equal(tend_checkin_slot(one, 2, 1, &v), TEND_SLOT_ANSWERED);
	assert_string_equal(v, "from two");
	assert_int_equal(tend_checkin_slot(one, 0, 0, &v), TEND_SLOT_ANSWERED);
	assert_string_equal(v, "the tea");
	tend_checkin_free(one);
	tend_checkin_free(two);
	tend_free(t2);
}

/* A note edited on its own keeps its words when its answer changes. */
static void
test_an_edited_note_stays_when_its_answer_changes(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	char *body;

	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 0, 0, "first"), TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 0, 0, "second"), TEND_OK);
	body = fix_peek_text(f->path, "SELECT body FROM note");
	assert_string_equal(body, "second");
	free(body);
	fix_poke(f->path, "UPDATE note SET body = 'edited by hand'");
	assert_int_equal(tend_checkin_save(ck, 0, 0, "third"), TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 0, 0, NULL), TEND_OK);
	body = fix_peek_text(f->path, "SELECT body FROM note");
	assert_string_equal(body, "edited by hand");
	free(body);
	tend_checkin_free(ck);
}

/* A deck above the intimacy setting is not opened by name. */
static void
test_deck_above_the_setting(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	const char *arg = NULL;

	assert_int_equal(tend_checkin_open(f->t, "2026-W47", "intimacy-talk",
	    &ck), TEND_EINVAL);
	assert_null(ck);
	assert_string_equal(tend_errmsg(f->t), "the deck 'intimacy-talk' is "
	    "above the journal's intimacy setting (affection)");
	/* The mend is the front end's to word: the level that opens it. */
	assert_int_equal(tend_errfix(f->t, &arg), TEND_FIX_INTIMACY);
	assert_string_equal(arg, "sexual");
	assert_int_equal(tend_config_set(f->t, "intimacy", "sexual"), TEND_OK);
	assert_int_equal(tend_checkin_open(f->t, "2026-W47", "intimacy-talk",
	    &ck), TEND_OK);
	assert_string_equal(tend_checkin_deck(ck)->id, "intimacy-talk");
	tend_checkin_free(ck);
}

static void
test_completion_and_who_sees_what(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	size_t q, n;

	assert_int_equal(tend_checkin_open(f->t, "2026-W46", NULL, &ck),
	    TEND_OK);
	n = tend_checkin_deck(ck)->nquestions;
	for (q = 0; q < n; q++)
		assert_int_equal(tend_checkin_save(ck, q, 0,
		    tend_checkin_deck(ck)->questions[q].kind == TEND_KIND_SCALE ?
		    "6" : "x"), TEND_OK);
	assert_int_equal(tend_checkin_complete(ck, 0), 1);
	assert_int_equal(tend_checkin_complete(ck, 1), 0);
	assert_int_equal(tend_checkin_complete(ck, (size_t)-1), 0);
	/* Sam, done, sees both; Alex sees only Alex; nobody unnamed sees any. */
	assert_int_equal(tend_checkin_visible(ck, "sam", 1), 1);
	assert_int_equal(tend_checkin_visible(ck, "Alex", 0), 0);
	assert_int_equal(tend_checkin_visible(ck, "Alex", 1), 1);
	assert_int_equal(tend_checkin_visible(ck, NULL, 0), 0);
	assert_int_equal(tend_checkin_visible(ck, "Kim", 0), 0);
	for (q = 0; q < n; q++)
		assert_int_equal(tend_checkin_save(ck, q, 1, NULL), TEND_OK);
	assert_int_equal(tend_checkin_complete(ck, (size_t)-1), 1);
	assert_int_equal(tend_checkin_visible(ck, NULL, 0), 1);
	tend_checkin_free(ck);
}

static void
test_history_states_and_ratings(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	struct tend_checkin_row *rows = NULL;
	char week[TEND_WEEK_LEN], *json = NULL;
	size_t n = 0, last;

	assert_int_equal(tend_checkin_latest(f->t, week), TEND_ENOENT);
	assert_int_equal(tend_checkin_open(f->t, "2026-W45", NULL, &ck),
	    TEND_OK);
	last = tend_checkin_deck(ck)->nquestions - 1;
	assert_int_equal(tend_checkin_save(ck, last, 1, "9"), TEND_OK);
	tend_checkin_free(ck);
	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 0, 0, "x"), TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 0, 1, "y"), TEND_OK);
	tend_checkin_free(ck);

	assert_int_equal(tend_history(f->t, NULL, 0, &rows, &n), TEND_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].week, "2026-W47");
	assert_int_equal(rows[0].state, TEND_CHECKIN_PARTIAL);
	assert_string_equal(rows[1].week, "2026-W45");
	assert_int_equal(rows[1].state, TEND_CHECKIN_PARTIAL);
	assert_int_equal(rows[1].nratings, 2);
	/* Nobody named: Alex's rating stays hidden, and the row says so. */
	assert_int_equal(rows[1].ratings[0], 0);
	assert_int_equal(rows[1].ratings[1], 0);
	assert_int_equal(rows[1].hidden, 1);
	assert_string_equal(rows[1].names[1], "Alex");
	tend_history_free(rows, n);
	assert_int_equal(tend_history(f->t, "alex", 0, &rows, &n), TEND_OK);
	assert_int_equal(rows[1].ratings[1], 9);
	tend_history_free(rows, n);
	assert_int_equal(tend_history(f->t, "Sam", 0, &rows, &n), TEND_OK);
	assert_int_equal(rows[1].ratings[1], 0);
	tend_history_free(rows, n);
	assert_int_equal(tend_history(f->t, NULL, 1, &rows, &n), TEND_OK);
	assert_int_equal(n, 1);
	tend_history_free(rows, n);
	assert_int_equal(tend_checkin_latest(f->t, week), TEND_OK);
	assert_string_equal(week, "2026-W47");
	assert_int_equal(fix_history_json(f->t, NULL, &json), TEND_OK);
	assert_non_null(strstr(json, "\"state\":\"in progress\","
	    "\"hidden\":true"));
	assert_non_null(strstr(json, "{\"partner\":\"Alex\",\"answered\":"
	    "false,\"rating\":null}"));
	free(json);
}

/*
 * Two check-ins of one week: the later one first; a skipped rating is
 * none but still an answer; a partner without any answer is waited for.
 */
static void
test_history_in_one_week(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	struct tend_checkin_row *rows = NULL;
	size_t n = 0, last;

	assert_int_equal(tend_checkin_open(f->t, "2026-W46", "weekly", &ck),
	    TEND_OK);
	last = tend_checkin_deck(ck)->nquestions - 1;
	assert_int_equal(tend_checkin_save(ck, last, 0, NULL), TEND_OK);
	assert_int_equal(tend_checkin_save(ck, last, 1, "3"), TEND_OK);
	tend_checkin_free(ck);
	assert_int_equal(tend_checkin_open(f->t, "2026-W46", "repair", &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 0, 1, "z"), TEND_OK);
	tend_checkin_free(ck);
	assert_int_equal(tend_checkin_open(f->t, "2026-W44", "weekly", &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_save(ck, last, 0, "8"), TEND_OK);
	tend_checkin_free(ck);

	assert_int_equal(tend_history(f->t, NULL, 0, &rows, &n), TEND_OK);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].week, "2026-W46");
	assert_string_equal(rows[0].deck, "repair");
	assert_int_equal(rows[0].state, TEND_CHECKIN_PARTIAL);
	assert_int_equal(rows[0].ratings[0], 0);
	assert_int_equal(rows[0].ratings[1], 0);
	assert_string_equal(rows[1].deck, "weekly");
	assert_int_equal(rows[1].state, TEND_CHECKIN_PARTIAL);
	assert_int_equal(rows[1].ratings[0], 0);
	assert_int_equal(rows[1].ratings[1], 0);
	assert_string_equal(rows[2].week, "2026-W44");
	assert_int_equal(rows[2].state, TEND_CHECKIN_PARTIAL);
	assert_int_equal(rows[2].ratings[0], 0);
	assert_string_equal(rows[2].names[0], "Sam");
	tend_history_free(rows, n);
	/* Each sees their own rating; a skipped one is none. */
	assert_int_equal(tend_history(f->t, "Alex", 0, &rows, &n), TEND_OK);
	assert_int_equal(rows[1].ratings[1], 3);
	assert_int_equal(rows[2].ratings[0], 0);
	tend_history_free(rows, n);
	assert_int_equal(tend_history(f->t, "Sam", 0, &rows, &n), TEND_OK);
	assert_int_equal(rows[1].ratings[1], 0);
	assert_int_equal(rows[2].ratings[0], 8);
	tend_history_free(rows, n);
	/* The limit keeps the newest. */
	assert_int_equal(tend_history(f->t, NULL, 2, &rows, &n), TEND_OK);
	assert_int_equal(n, 2);
	assert_string_equal(rows[1].deck, "weekly");
	assert_string_equal(rows[1].week, "2026-W46");
	tend_history_free(rows, n);
}

static void
test_unknown_deck(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;

	assert_int_equal(tend_checkin_open(f->t, "2026-W47", "nope", &ck),
	    TEND_ENOENT);
	assert_null(ck);
	assert_string_equal(tend_errmsg(f->t), "no deck named 'nope'");
	assert_int_equal(tend_errfix(f->t, NULL), TEND_FIX_DECKS);
}

static void
test_weeks_and_days_as_written(void **state)
{
	struct fixture *f = *state;
	char week[TEND_WEEK_LEN];
	time_t start;

	assert_int_equal(tend_week_resolve(f->t, "this-week", 1, week), TEND_OK);
	assert_string_equal(week, "2026-W47");
	assert_int_equal(tend_week_resolve(f->t, "last-week", 1, week), TEND_OK);
	assert_string_equal(week, "2026-W46");
	assert_int_equal(tend_week_resolve(f->t, "2020-W53", 1, week), TEND_OK);
	assert_int_equal(tend_week_resolve(f->t, "2026-W48", 1, week),
	    TEND_EINVAL);
	assert_int_equal(tend_week_resolve(f->t, "2026-W48", 0, week), TEND_OK);
	assert_int_equal(tend_week_resolve(f->t, "next-week", 0, week),
	    TEND_EINVAL);
	assert_int_equal(tend_day_resolve(f->t, "today", 1, &start), TEND_OK);
	assert_int_equal(start, FIX_NOON - 12 * 3600);
	assert_int_equal(tend_day_resolve(f->t, "yesterday", 1, &start),
	    TEND_OK);
	assert_int_equal(start, FIX_NOON - 36 * 3600);
	assert_int_equal(tend_day_resolve(f->t, "2026-11-22", 1, &start),
	    TEND_EINVAL);
	assert_int_equal(tend_day_resolve(f->t, "2026-11-22", 0, &start),
	    TEND_OK);
	assert_int_equal(tend_day_resolve(f->t, "2026-11-21T10:00", 0, &start),
	    TEND_EINVAL);
	/* At +02:00 the local day starts two hours before UTC's. */
	tend_set_clock(f->t, FIX_NOON, 7200);
	assert_int_equal(tend_day_resolve(f->t, "today", 1, &start), TEND_OK);
	assert_int_equal(start, FIX_NOON - 14 * 3600);
}

/*
 * The finished mark counts only answers to the questions the deck has now:
 * an answer to a question the deck lost does not stand in for an open one.
 */
static void
test_finished_counts_the_deck_s_questions(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	size_t q, p, nq;

	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	nq = tend_checkin_deck(ck)->nquestions;
	assert_int_equal(tend_checkin_save(ck, 0, 0, "first"), TEND_OK);
	fix_poke(f->path, "INSERT INTO answer (uuid, checkin_id, partner_id, "
	    "question, prompt, kind, value, created, updated) SELECT 'gone', "
	    "id, 1, 'a-question-no-more', 'Q', 'text', 'old', started, "
	    "started FROM checkin");
	for (q = 0; q < nq; q++)
		for (p = 0; p < 2; p++)
			if (q + 1 < nq || p == 0)
				assert_int_equal(tend_checkin_save(ck, q, p,
				    NULL), TEND_OK);
	assert_int_equal(fix_peek(f->path, "SELECT finished IS NULL FROM "
	    "checkin"), 1);
	assert_int_equal(tend_checkin_save(ck, nq - 1, 1, NULL), TEND_OK);
	assert_int_equal(fix_peek(f->path, "SELECT finished IS NULL FROM "
	    "checkin"), 0);
	tend_checkin_free(ck);
}

/*
 * Each partner answered on their own laptop and both imported: every
 * answer is there but no finished mark.  Every view says done, from the
 * answers; and a mark with answers missing makes nothing done.
 */
static void
test_state_comes_from_the_answers(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin_row *rows = NULL;
	struct tend_checkin *ck = NULL;
	struct tend_status st;
	struct tend_stats s;
	size_t n = 0;

	fix_poke(f->path, "INSERT INTO checkin (uuid, week, deck, started, "
	    "finished) VALUES ('c', '2026-W47', 'weekly', "
	    "'2026-11-21T09:00:00Z', 'x')");
	fix_fill(f);
	fix_poke(f->path, "UPDATE checkin SET finished = NULL");
	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_complete(ck, (size_t)-1), 1);
	tend_checkin_free(ck);
	assert_int_equal(tend_history(f->t, NULL, 0, &rows, &n), TEND_OK);
	assert_int_equal(rows[0].state, TEND_CHECKIN_DONE);
	tend_history_free(rows, n);
	assert_int_equal(tend_stats(f->t, NULL, 2, &s), TEND_OK);
	assert_int_equal(s.checkins, 1);
	assert_int_equal(s.streak, 1);
	tend_stats_release(&s);
	assert_int_equal(tend_status(f->t, NULL, &st), TEND_OK);
	assert_int_equal(st.checkin, TEND_CHECKIN_DONE);
	assert_string_equal(st.last_week, "2026-W47");

	fix_poke(f->path, "UPDATE checkin SET finished = 'x';"
	    "DELETE FROM answer WHERE id = (SELECT max(id) FROM answer WHERE "
	    "partner_id = (SELECT id FROM partner WHERE name = 'Alex'))");
	assert_int_equal(tend_history(f->t, NULL, 0, &rows, &n), TEND_OK);
	assert_int_equal(rows[0].state, TEND_CHECKIN_PARTIAL);
	assert_true(rows[0].done[0] && !rows[0].done[1]);
	tend_history_free(rows, n);
	assert_int_equal(tend_stats(f->t, NULL, 2, &s), TEND_OK);
	assert_int_equal(s.checkins, 0);
	tend_stats_release(&s);
	assert_int_equal(tend_status(f->t, NULL, &st), TEND_OK);
	assert_int_equal(st.checkin, TEND_CHECKIN_PARTIAL);
	assert_string_equal(st.waiting, "Alex");
	assert_string_equal(st.answered, "Sam");
}

/* What is stored is checked by the library, whatever the front end let by. */
static void
test_save_checks_what_it_stores(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	const char *v;

	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 7, 0, "banana"), TEND_EINVAL);
	assert_string_equal(tend_errmsg(f->t), "answer with a whole number "
	    "from 1 to 10");
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM answer"), 0);
	assert_int_equal(tend_checkin_slot(ck, 7, 0, NULL), TEND_SLOT_OPEN);
	/* Stored in its one form. */
	assert_int_equal(tend_checkin_save(ck, 7, 0, "8 "), TEND_OK);
	assert_int_equal(tend_checkin_slot(ck, 7, 0, &v), TEND_SLOT_ANSWERED);
	assert_string_equal(v, "8");
	tend_checkin_free(ck);
}

/* The way through the slots: in turn, for one partner, and :back. */
static void
test_turns_next_and_back(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL, *other = NULL;
	size_t q, p, as;

	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_as(ck, "nobody", &as), TEND_ENOENT);
	assert_int_equal(tend_checkin_as(ck, NULL, &as), TEND_OK);
	assert_int_equal(as, (size_t)-1);
	assert_int_equal(tend_checkin_next(ck, &q, &p), TEND_OK);
	assert_true(q == 0 && p == 0);
	/* Nothing before the first: asked again. */
	assert_int_equal(tend_checkin_back(ck), 0);
	assert_int_equal(tend_checkin_next(ck, &q, &p), TEND_OK);
	assert_true(q == 0 && p == 0);
	assert_int_equal(tend_checkin_save(ck, 0, 0, "the tea"), TEND_OK);
	assert_int_equal(tend_checkin_next(ck, &q, &p), TEND_OK);
	assert_true(q == 0 && p == 1);
	/* Another session answers the next slot meanwhile: it is passed. */
	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &other),
	    TEND_OK);
	assert_int_equal(tend_checkin_save(other, 0, 1, "the walk"), TEND_OK);
	assert_int_equal(tend_checkin_save(other, 1, 0, "the garden"),
	    TEND_OK);
	tend_checkin_free(other);
	assert_int_equal(tend_checkin_next(ck, &q, &p), TEND_OK);
	assert_true(q == 1 && p == 1);
	/* :back goes to the slot before, answered or not. */
	assert_int_equal(tend_checkin_back(ck), 1);
	assert_int_equal(tend_checkin_next(ck, &q, &p), TEND_OK);
	assert_true(q == 1 && p == 0);
	assert_int_equal(tend_checkin_save(ck, 1, 0, "the roses"), TEND_OK);
	assert_int_equal(tend_checkin_next(ck, &q, &p), TEND_OK);
	assert_true(q == 1 && p == 1);
	tend_checkin_free(ck);
	/* As Alex, in any case: only Alex's slots, and back skips Sam's. */
	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_as(ck, "aLEX", &as), TEND_OK);
	assert_int_equal(as, 1);
	assert_false(tend_checkin_in_scope(ck, 0));
	assert_true(tend_checkin_in_scope(ck, 1));
	assert_int_equal(tend_checkin_next(ck, &q, &p), TEND_OK);
	assert_true(q == 1 && p == 1);
	assert_int_equal(tend_checkin_back(ck), 1);
	assert_int_equal(tend_checkin_next(ck, &q, &p), TEND_OK);
	assert_true(q == 0 && p == 1);
	for (q = 1; q < 8; q++)
		assert_int_equal(tend_checkin_save(ck, q, 1, q == 7 ? "6" :
		    "ok"), TEND_OK);
	assert_int_equal(tend_checkin_next(ck, &q, &p), TEND_OK);
	assert_int_equal(q, tend_checkin_deck(ck)->nquestions);
	tend_checkin_free(ck);
}

static void
test_question_by_number_or_id(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	size_t q = 99;

	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_question(ck, "2", &q), TEND_OK);
	assert_int_equal(q, 1);
	assert_int_equal(tend_checkin_question(ck, "connection-rating", &q),
	    TEND_OK);
	assert_int_equal(q, 7);
	assert_int_equal(tend_checkin_question(ck, "9", &q), TEND_ENOENT);
	assert_string_equal(tend_errmsg(f->t), "no question '9' in deck "
	    "'weekly'; give its number (1-8) or id");
	assert_int_equal(tend_checkin_question(ck, "0", &q), TEND_ENOENT);
	assert_int_equal(tend_checkin_question(ck, "", &q), TEND_ENOENT);
	assert_int_equal(tend_checkin_question(ck, "nope", &q), TEND_ENOENT);
	tend_checkin_free(ck);
}

/* The closing summary's numbers, and who thanks whom. */
static void
test_ratings_apart_and_thanks(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	int r[2], apart;
	size_t to = 9;

	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_ratings(ck, 0, r, &apart), 0);
	assert_int_equal(tend_checkin_ratings(ck, 7, r, &apart), 1);
	assert_true(r[0] == 0 && r[1] == 0 && apart == 0);
	assert_int_equal(tend_checkin_save(ck, 7, 0, "8"), TEND_OK);
	assert_int_equal(tend_checkin_ratings(ck, 7, r, &apart), 1);
	assert_true(r[0] == 8 && r[1] == 0 && apart == 0);
	assert_int_equal(tend_checkin_save(ck, 7, 1, "7"), TEND_OK);
	assert_int_equal(tend_checkin_ratings(ck, 7, r, &apart), 1);
	assert_true(r[1] == 7 && apart == 0);
	assert_int_equal(tend_checkin_save(ck, 7, 1, "6"), TEND_OK);
	assert_int_equal(tend_checkin_ratings(ck, 7, r, &apart), 1);
	assert_int_equal(apart, TEND_RATINGS_APART);
	assert_int_equal(tend_checkin_thanks_to(ck, 0, &to), 1);
	assert_int_equal(to, 1);
	assert_int_equal(tend_checkin_thanks_to(ck, 1, &to), 1);
	assert_int_equal(to, 0);
	tend_checkin_free(ck);
}

static int
setup_three(void **state)
{
	static const char *const three[] = { "Sam", "Alex", "Kim" };

	return fix_setup_names(state, three, 3);
}

/* With more than two partners there is no one other to thank. */
static void
test_no_thanks_among_three(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	size_t to = 9;

	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_thanks_to(ck, 0, &to), 0);
	assert_int_equal(to, 9);
	tend_checkin_free(ck);
}

/* How an experiment felt: one rule for every front end. */
static void
test_felt(void **state)
{
	static const char *const bad[] = { "0", "6", "03", " 3", "+3", "",
	    "3.0", "three" };
	size_t i;
	int felt = 0;

	(void)state;
	assert_int_equal(tend_felt_parse("1", &felt), TEND_OK);
	assert_int_equal(felt, 1);
	assert_int_equal(tend_felt_parse("5", &felt), TEND_OK);
	assert_int_equal(felt, TEND_FELT_MAX);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(tend_felt_parse(bad[i], &felt), TEND_EINVAL);
	assert_int_equal(felt, TEND_FELT_MAX);
}

/* Only this week's check-in hands out an experiment. */
static void
test_handout_this_week_only(void **state)
{
	struct fixture *f = *state;
	struct tend_checkin *ck = NULL;
	struct tend_week_experiment x;

	assert_int_equal(tend_checkin_open(f->t, "2026-W46", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_handout(ck, &x), TEND_ENOENT);
	tend_week_experiment_release(&x);
	tend_checkin_free(ck);
	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_handout(ck, &x), TEND_OK);
	assert_string_equal(x.week, "2026-W48");
	tend_week_experiment_release(&x);
	/* Nothing lived this week yet: nothing to look back at. */
	assert_int_equal(tend_checkin_lookback(ck, &x), TEND_ENOENT);
	tend_week_experiment_release(&x);
	tend_checkin_free(ck);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_answers_are_checked_by_kind, fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_saved_answers_survive_a_new_session, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_another_sessions_answer_is_not_overwritten, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_an_edited_note_stays_when_its_answer_changes,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_deck_above_the_setting, fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_completion_and_who_sees_what, fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_history_states_and_ratings,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_history_in_one_week,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_finished_counts_the_deck_s_questions, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_state_comes_from_the_answers, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_save_checks_what_it_stores,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_turns_next_and_back,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_question_by_number_or_id,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_ratings_apart_and_thanks,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_no_thanks_among_three,
		    setup_three, fix_teardown),
		cmocka_unit_test(test_felt),
		cmocka_unit_test_setup_teardown(test_handout_this_week_only,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_deck, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_weeks_and_days_as_written,
		    fix_setup, fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
