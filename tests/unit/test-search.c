/*
 * test-search.c - full-text search in the library: each kind of hit with
 * its writer, week and snippet, the caller's marks, FTS5 syntax, plain
 * words with punctuation, malformed queries, the filters, best match
 * first, an appreciation found once, and the JSON form.
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

/*
 * A journal with this week's check-in (Sam's appreciation, which is a
 * note to Alex too, and Alex's struggle; the rest skipped), three notes on three days and
 * this week's experiment tried with a reflection.
 */
static int
setup(void **state)
{
	struct fixture *f;
	struct tend_checkin *ck = NULL;

	if (fix_setup(state) != 0)
		return -1;
	f = *state;
	assert_int_equal(tend_checkin_open(f->t, "2026-W47", NULL, &ck),
	    TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 0, 0, "the coffee in bed"),
	    TEND_OK);
	assert_int_equal(tend_checkin_save(ck, 4, 1, "rain all week, no walk"),
	    TEND_OK);
	tend_checkin_free(ck);
	fix_poke(f->path, "UPDATE checkin SET finished = 'x'");
	fix_fill(f);
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "for the coffee, "
	    "don't forget it", FIX_NOON - 3 * DAY, NULL), TEND_OK);
	assert_int_equal(tend_note_add(f->t, "Alex", "Sam", "the long walk by "
	    "the river", FIX_NOON - 2 * DAY, NULL), TEND_OK);
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "a walk in the "
	    "rain, still lovely", FIX_NOON - 1 * DAY, NULL), TEND_OK);
	{
		struct tend_week_experiment x;

		assert_int_equal(tend_experiment_get(f->t, "2026-W47", 1, &x),
		    TEND_OK);
		tend_week_experiment_release(&x);
	}
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 4,
	    "we had tea instead of coffee"), TEND_OK);
	return 0;
}

/* The snippets of a search, joined by "|", in order; malloc'd. */
static char *
found(struct tend *t, const char *q, const struct tend_search_opts *o)
{
	struct tend_hit *h = NULL;
	size_t n = 0, i, len = 0;
	char *out = NULL;
	FILE *fp;

	assert_int_equal(tend_search(t, q, o, &h, &n), TEND_OK);
	assert_non_null(fp = open_memstream(&out, &len));
	for (i = 0; i < n; i++)
		fprintf(fp, "%s%s", i ? "|" : "", h[i].snippet);
	fclose(fp);
	tend_hits_free(h, n);
	return out;
}

/* Whether the "|"-joined list s holds item exactly. */
static int
holds(const char *s, const char *item)
{
	size_t n = strlen(item);
	const char *p;

	for (p = s; (p = strstr(p, item)) != NULL; p++)
		if ((p == s || p[-1] == '|') && (p[n] == '\0' || p[n] == '|'))
			return 1;
	return 0;
}

static size_t
count(const char *s)
{
	size_t n = *s != '\0';

	for (; *s != '\0'; s++)
		n += *s == '|';
	return n;
}

static void
test_every_kind_with_its_writer(void **state)
{
	struct fixture *f = *state;
	struct tend_hit *h = NULL;
	size_t n = 0, i;
	int seen = 0;

	assert_int_equal(tend_search(f->t, "coffee", NULL, &h, &n), TEND_OK);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		assert_string_equal(h[i].week, "2026-W47");
		assert_int_equal(strlen(h[i].uuid), 36);
		assert_int_not_equal(h[i].when, 0);
		switch (h[i].kind) {
		case TEND_HIT_ANSWER:
			seen |= 1;
			assert_string_equal(h[i].from, "Sam");
			assert_null(h[i].to);
			assert_string_equal(h[i].question, "What did your "
			    "partner do this week that you appreciated?");
			assert_string_equal(h[i].snippet, "the [coffee] in bed");
			assert_string_equal(h[i].created,
			    "2026-11-21T12:00:00Z");
			break;
		case TEND_HIT_NOTE:
			seen |= 2;
			assert_string_equal(h[i].from, "Sam");
			assert_string_equal(h[i].to, "Alex");
			assert_null(h[i].question);
			assert_string_equal(h[i].snippet, "for the [coffee], "
			    "don't forget it");
			assert_int_equal(h[i].when, FIX_NOON - 3 * DAY);
			break;
		case TEND_HIT_REFLECTION:
			seen |= 4;
			assert_null(h[i].from);
			assert_null(h[i].to);
			assert_string_equal(h[i].snippet, "we had tea instead "
			    "of [coffee]");
			break;
		}
		if (i > 0)
			assert_true(h[i - 1].rank <= h[i].rank);
	}
	assert_int_equal(seen, 7);
	tend_hits_free(h, n);
}

static void
test_marks_are_the_callers(void **state)
{
	struct fixture *f = *state;
	struct tend_search_opts o = { 0 };
	char *s;

	o.mark_open = "<<";
	o.mark_close = ">>";
	o.kind = TEND_HIT_NOTE;
	s = found(f->t, "river", &o);
	assert_string_equal(s, "the long walk by the <<river>>");
	free(s);
}

static void
test_fts5_syntax(void **state)
{
	struct fixture *f = *state;
	char *s;

	s = found(f->t, "\"long walk\"", NULL);
	assert_string_equal(s, "the [long walk] by the river");
	free(s);
	s = found(f->t, "\"walk long\"", NULL);
	assert_string_equal(s, "");
	free(s);
	s = found(f->t, "walk NOT rain", NULL);
	assert_string_equal(s, "the long [walk] by the river");
	free(s);
	s = found(f->t, "lov*", NULL);
	assert_string_equal(s, "a walk in the rain, still [lovely]");
	free(s);
	s = found(f->t, "tea OR river", NULL);
	assert_int_equal(count(s), 2);
	assert_true(holds(s, "we had [tea] instead of coffee"));
	free(s);
	s = found(f->t, "NEAR(walk river, 5)", NULL);
	assert_string_equal(s, "the long [walk] by the [river]");
	free(s);
	/* Plain words: all of them, any case, accents folded. */
	s = found(f->t, "RAIN walk", NULL);
	assert_int_equal(count(s), 2);
	free(s);
	s = found(f->t, "r\xc3\xaever", NULL);
	assert_string_equal(s, "the long walk by the [river]");
	free(s);
}

static void
test_plain_words_with_punctuation(void **state)
{
	struct fixture *f = *state;
	char *s;

	s = found(f->t, "don't", NULL);
	assert_string_equal(s, "for the coffee, [don't] forget it");
	free(s);
	s = found(f->t, "coffee?", NULL);
	assert_int_equal(count(s), 3);
	free(s);
	s = found(f->t, "\"river", NULL);
	assert_string_equal(s, "the long walk by the [river]");
	free(s);
	s = found(f->t, "river: walk!", NULL);
	assert_string_equal(s, "the long [walk] by the [river]");
	free(s);
	s = found(f->t, "a\"b col:x -", NULL);
	assert_string_equal(s, "");
	free(s);
}

static void
test_malformed_queries(void **state)
{
	static const char *const bad[] = {
		"walk NOT", "(coffee", "tea OR", "NEAR(walk", "AND", "a ) b",
	};
	struct fixture *f = *state;
	struct tend_hit *h = (struct tend_hit *)1;
	size_t n = 99, i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(tend_search(f->t, bad[i], NULL, &h, &n),
		    TEND_EINVAL);
		assert_null(h);
		assert_int_equal(n, 0);
		assert_non_null(strstr(tend_errmsg(f->t), "is not a valid "
		    "search"));
		assert_null(strchr(tend_errmsg(f->t), '\n'));
	}
	assert_int_equal(tend_search(f->t, "", NULL, &h, &n), TEND_EINVAL);
	assert_string_equal(tend_errmsg(f->t), "nothing to search for; give "
	    "a word or two");
	assert_int_equal(tend_search(f->t, " \t\n", NULL, &h, &n),
	    TEND_EINVAL);
	assert_int_equal(tend_search(f->t, "caf\xff", NULL, &h, &n),
	    TEND_EINVAL);
}

static void
test_filters(void **state)
{
	struct fixture *f = *state;
	struct tend_search_opts o = { 0 };
	struct tend_hit *h = NULL;
	size_t n = 0;
	char *s;

	o.kind = TEND_HIT_ANSWER;
	s = found(f->t, "coffee OR walk", &o);
	assert_int_equal(count(s), 2);
	assert_true(holds(s, "the [coffee] in bed"));
	assert_true(holds(s, "rain all week, no [walk]"));
	free(s);
	o.kind = TEND_HIT_REFLECTION;
	s = found(f->t, "coffee OR walk", &o);
	assert_string_equal(s, "we had tea instead of [coffee]");
	free(s);

	memset(&o, 0, sizeof(o));
	o.from = "alex";
	s = found(f->t, "walk", &o);
	assert_int_equal(count(s), 2);
	assert_true(holds(s, "the long [walk] by the river"));
	assert_true(holds(s, "rain all week, no [walk]"));
	free(s);
	o.from = "Robin";
	assert_int_equal(tend_search(f->t, "walk", &o, &h, &n), TEND_ENOENT);
	assert_non_null(strstr(tend_errmsg(f->t), "Robin"));

	memset(&o, 0, sizeof(o));
	o.has_since = 1;
	o.since = FIX_NOON - 2 * DAY - 3600;
	s = found(f->t, "walk", &o);
	assert_int_equal(count(s), 3);
	assert_false(holds(s, "for the coffee, don't forget it"));
	free(s);
	o.since = FIX_NOON;
	s = found(f->t, "walk OR coffee", &o);
	assert_int_equal(count(s), 3);	/* the answers and the reflection */
	free(s);

	memset(&o, 0, sizeof(o));
	o.limit = 2;
	s = found(f->t, "walk OR coffee", &o);
	assert_int_equal(count(s), 2);
	free(s);
	o.limit = -1;
	assert_int_equal(tend_search(f->t, "walk", &o, &h, &n), TEND_EINVAL);
	memset(&o, 0, sizeof(o));
	o.kind = (enum tend_hit_kind)9;
	assert_int_equal(tend_search(f->t, "walk", &o, &h, &n), TEND_EINVAL);
}

static void
test_best_match_first(void **state)
{
	struct fixture *f = *state;
	char *s;

	assert_int_equal(tend_note_add(f->t, "Alex", "Sam", "tulips tulips "
	    "tulips", 0, NULL), TEND_OK);
	assert_int_equal(tend_note_add(f->t, "Alex", "Sam", "a long day, and "
	    "then you brought home tulips and we ate outside until late",
	    0, NULL), TEND_OK);
	s = found(f->t, "tulips", NULL);
	assert_int_equal(count(s), 2);
	assert_string_equal(s, "[tulips] [tulips] [tulips]|a long day, and "
	    "then you brought home [tulips] and we ate outside until late");
	free(s);
}

static void
test_appreciation_found_once(void **state)
{
	struct fixture *f = *state;
	struct tend_search_opts o = { 0 };
	struct tend_hit *h = NULL;
	size_t n = 0;

	/* The check-in made a note of Sam's appreciation... */
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM note WHERE "
	    "answer_id IS NOT NULL"), 1);
	/* ...found as the answer, */
	assert_int_equal(tend_search(f->t, "bed", NULL, &h, &n), TEND_OK);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].kind, TEND_HIT_ANSWER);
	tend_hits_free(h, n);
	/* or as the note when only notes are asked for. */
	o.kind = TEND_HIT_NOTE;
	assert_int_equal(tend_search(f->t, "bed", &o, &h, &n), TEND_OK);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].kind, TEND_HIT_NOTE);
	assert_string_equal(h[0].to, "Alex");
	tend_hits_free(h, n);
}

/*
 * Until the check-in is complete, an answer (and the note made from it)
 * is found only by its author, or by a partner who has answered it all:
 * nobody else finds it, or even a count of it.
 */
static void
test_hidden_until_both_answered(void **state)
{
	struct fixture *f = *state;
	struct tend_search_opts o = { 0 };
	struct tend_checkin *ck = NULL;
	struct tend_hit *h = NULL;
	size_t n = 0, q, nq;

	assert_int_equal(tend_checkin_open(f->t, "2026-W46", NULL, &ck),
	    TEND_OK);
	nq = tend_checkin_deck(ck)->nquestions;
	assert_int_equal(tend_checkin_save(ck, 0, 0, "zebra sentinel"),
	    TEND_OK);
	assert_int_equal(tend_search(f->t, "zebra", NULL, &h, &n), TEND_OK);
	assert_int_equal(n, 0);
	o.kind = TEND_HIT_NOTE;
	assert_int_equal(tend_search(f->t, "zebra", &o, &h, &n), TEND_OK);
	assert_int_equal(n, 0);
	o.viewer = "Alex";
	assert_int_equal(tend_search(f->t, "zebra", &o, &h, &n), TEND_OK);
	assert_int_equal(n, 0);
	o.viewer = "sam";
	assert_int_equal(tend_search(f->t, "zebra", &o, &h, &n), TEND_OK);
	assert_int_equal(n, 1);
	tend_hits_free(h, n);
	o.viewer = "Kim";
	assert_int_equal(tend_search(f->t, "zebra", &o, &h, &n), TEND_ENOENT);
	for (q = 0; q < nq; q++)
		assert_int_equal(tend_checkin_save(ck, q, 1, NULL), TEND_OK);
	/* Alex has answered every question: Alex sees Sam's... */
	o.viewer = "Alex";
	assert_int_equal(tend_search(f->t, "zebra", &o, &h, &n), TEND_OK);
	assert_int_equal(n, 1);
	tend_hits_free(h, n);
	/* ...and once Sam has too, everyone does. */
	for (q = 1; q < nq; q++)
		assert_int_equal(tend_checkin_save(ck, q, 0, NULL), TEND_OK);
	tend_checkin_free(ck);
	assert_int_equal(tend_search(f->t, "zebra", NULL, &h, &n), TEND_OK);
	assert_int_equal(n, 1);
	tend_hits_free(h, n);
}

static void
test_json(void **state)
{
	struct fixture *f = *state;
	struct tend_search_opts o = { 0 };
	struct tend_hit *h = NULL;
	size_t n = 0;
	char *s = NULL, want[512];

	assert_int_equal(tend_search_json(f->t, NULL, 0, &s), TEND_OK);
	assert_string_equal(s, "[]");
	free(s);
	o.kind = TEND_HIT_NOTE;
	assert_int_equal(tend_search(f->t, "river", &o, &h, &n), TEND_OK);
	assert_int_equal(n, 1);
	assert_int_equal(tend_search_json(f->t, h, n, &s), TEND_OK);
	snprintf(want, sizeof(want), "[{\"kind\":\"note\",\"id\":\"%s\","
	    "\"week\":\"2026-W47\",\"created\":\"2026-11-19T12:00:00Z\","
	    "\"from\":\"Alex\",\"to\":\"Sam\",\"question\":null,"
	    "\"snippet\":\"the long walk by the [river]\"}]", h[0].uuid);
	assert_string_equal(s, want);
	free(s);
	tend_hits_free(h, n);
}

static void
test_kind_names(void **state)
{
	enum tend_hit_kind k;

	(void)state;
	assert_string_equal(tend_hit_kind_name(TEND_HIT_ANSWER), "answer");
	assert_string_equal(tend_hit_kind_name(TEND_HIT_NOTE), "note");
	assert_string_equal(tend_hit_kind_name(TEND_HIT_REFLECTION),
	    "reflection");
	assert_int_equal(tend_hit_kind_parse("reflection", &k), TEND_OK);
	assert_int_equal(k, TEND_HIT_REFLECTION);
	assert_int_equal(tend_hit_kind_parse("Note", &k), TEND_EINVAL);
	tend_hits_free(NULL, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_every_kind_with_its_writer, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_marks_are_the_callers,
		    setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_fts5_syntax, setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_plain_words_with_punctuation, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_malformed_queries, setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_best_match_first, setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_hidden_until_both_answered, setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_appreciation_found_once,
		    setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_json, setup,
		    fix_teardown),
		cmocka_unit_test(test_kind_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
