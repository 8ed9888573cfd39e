/*
 * test-assess.c - the assessment (src/lib/assess.c): scoring exactly as
 * data/README.md says, a score at its threshold fitting, bad answers
 * refused with nothing saved, saving and reading back the latest result,
 * the concern outcome flagged apart, and the tips and experiments that
 * fit best within the intimacy setting; answers saved one at a time,
 * resumed, skipped, and only complete assessments counting as results.
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

/* The shared fixture, with the catalogue and one answer per statement. */
struct assess {
	struct fixture			 fix;
	const struct tend_catalog	*cat;
	int				*answers;	/* one per statement */
};

/* Also what setup calls when it fails part way: fix_close takes an empty f. */
static int
teardown(void **state)
{
	struct assess *f = *state;
	int rc;

	rc = fix_close(&f->fix);
	free(f->answers);
	free(f);
	return rc;
}

static int
setup(void **state)
{
	struct assess *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	*state = f;
	if (fix_open(&f->fix, fix_couple, 2) != 0 ||
	    tend_catalog(f->fix.t, &f->cat) != TEND_OK ||
	    (f->answers = calloc(f->cat->nstatements, sizeof(int))) == NULL) {
		teardown(state);
		return -1;
	}
	return 0;
}

/* Every statement answered "no problem here": 1, or 5 when reversed. */
static void
calm(struct assess *f)
{
	size_t i;

	for (i = 0; i < f->cat->nstatements; i++)
		f->answers[i] = f->cat->statements[i].reverse ? 5 : 1;
}

static void
answer(struct assess *f, const char *statement, int value)
{
	size_t i;

	for (i = 0; i < f->cat->nstatements; i++)
		if (strcmp(f->cat->statements[i].id, statement) == 0) {
			f->answers[i] = value;
			return;
		}
	fail_msg("no statement '%s'", statement);
}

static const struct tend_score *
score_of(const struct tend_assessment *a, const char *outcome)
{
	size_t i;

	for (i = 0; i < a->nscores; i++)
		if (strcmp(a->scores[i].outcome->id, outcome) == 0)
			return &a->scores[i];
	fail_msg("no outcome '%s'", outcome);
	return NULL;
}

/* The rule of data/README.md, written out again from the catalogue. */
static double
expected(const struct tend_catalog *cat, const int *answers, const char *id)
{
	double num = 0, den = 0, v;
	size_t i, j;

	for (i = 0; i < cat->nstatements; i++) {
		v = cat->statements[i].reverse ? (5 - answers[i]) / 4.0 :
		    (answers[i] - 1) / 4.0;
		for (j = 0; j < cat->statements[i].nweights; j++)
			if (strcmp(cat->statements[i].weights[j].outcome,
			    id) == 0) {
				num += cat->statements[i].weights[j].weight * v;
				den += cat->statements[i].weights[j].weight;
			}
	}
	return num / den;
}

static void
test_scoring_rule(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	uint64_t seed = 42;
	size_t i, k;
	int round;

	assert_int_equal(f->cat->noutcomes, 9);
	for (round = 0; round < 50; round++) {
		for (i = 0; i < f->cat->nstatements; i++)
			f->answers[i] = 1 + (int)(seed_next(&seed) % 5);
		assert_int_equal(tend_assess_score(f->fix.t, f->answers,
		    f->cat->nstatements, &a), TEND_OK);
		assert_int_equal(a.nscores, f->cat->noutcomes);
		for (k = 0; k < a.nscores; k++) {
			double want = expected(f->cat, f->answers,
			    a.scores[k].outcome->id);

			assert_true(a.scores[k].score == want);
			assert_int_equal(a.scores[k].fits,
			    want >= a.scores[k].outcome->threshold);
		}
		tend_assessment_release(&a);
	}
}

/* A known case worked by hand: only the fighting rut fits. */
static void
test_fighting_by_hand(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;

	calm(f);
	answer(f, "small-things-escalate", 5);
	answer(f, "we-make-up", 1);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	/* fighting: (3*1 + 1*0 + 2*1 + 1*0) / 7; conflict: (2 + 0 + 2) / 7. */
	assert_true(score_of(&a, "fighting")->score == 5.0 / 7);
	assert_true(score_of(&a, "fighting")->fits);
	assert_true(score_of(&a, "conflict")->score == 4.0 / 7);
	assert_false(score_of(&a, "conflict")->fits);
	assert_true(score_of(&a, "boredom")->score == 0);
	assert_int_equal(a.fits, TEND_RUT_FIGHTING);
	assert_false(a.concern);
	tend_assessment_release(&a);
}

/* A score equal to its threshold fits; a quarter below does not. */
static void
test_threshold_fits(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;

	/* more-than-a-rut (0.65): (3*1 + 2*1 + 3*0.5 + 2*0) / 10. */
	calm(f);
	answer(f, "contempt", 5);
	answer(f, "nothing-shifts", 5);
	answer(f, "no-wish-to-repair", 3);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(score_of(&a, "more-than-a-rut")->score ==
	    score_of(&a, "more-than-a-rut")->outcome->threshold);
	assert_true(score_of(&a, "more-than-a-rut")->fits);
	assert_true(a.concern);
	/* The concern has no rut or blocker bit. */
	assert_int_equal(a.fits & ~(unsigned)(TEND_RUT_FIGHTING |
	    TEND_RUT_GENERAL), 0);
	tend_assessment_release(&a);
	answer(f, "no-wish-to-repair", 2);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_false(score_of(&a, "more-than-a-rut")->fits);
	assert_false(a.concern);
	tend_assessment_release(&a);
}

static void
test_bad_answers_save_nothing(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;

	calm(f);
	assert_int_equal(tend_assess_save(f->fix.t, f->answers,
	    f->cat->nstatements - 1, &a), TEND_EINVAL);
	f->answers[3] = 6;
	assert_int_equal(tend_assess_save(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_EINVAL);
	f->answers[3] = -1;
	assert_int_equal(tend_assess_save(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_EINVAL);
	assert_int_equal(tend_assess_answer(f->fix.t, 0, 6), TEND_EINVAL);
	assert_int_equal(tend_assess_answer(f->fix.t, f->cat->nstatements, 3),
	    TEND_EINVAL);
	assert_null(a.scores);
	assert_int_equal(fix_peek(f->fix.path,
	    "SELECT count(*) FROM assessment"), 0);
	assert_int_equal(tend_assess_latest(f->fix.t, &a), TEND_ENOENT);
}

/*
 * Each answer is saved as given; the assessment in progress is no result
 * until finished, resumes after the last statement answered, and a
 * skipped statement counts for nothing.
 */
static void
test_answer_as_it_goes(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a, b;
	size_t n = f->cat->nstatements, i, next;
	int *got;

	assert_non_null(got = calloc(n, sizeof(*got)));
	assert_int_equal(tend_assess_progress(f->fix.t, got, n, &next),
	    TEND_ENOENT);
	calm(f);
	assert_int_equal(tend_assess_save(f->fix.t, f->answers, n, &b),
	    TEND_OK);
	assert_int_equal(tend_assess_answer(f->fix.t, 0, 4), TEND_OK);
	assert_int_equal(tend_assess_answer(f->fix.t, 1, 2), TEND_OK);
	assert_int_equal(tend_assess_progress(f->fix.t, got, n, &next),
	    TEND_OK);
	assert_int_equal(next, 2);
	assert_int_equal(got[0], 4);
	assert_int_equal(got[1], 2);
	assert_int_equal(got[2], 0);
	/* Begun, not finished: the latest result is still the first. */
	assert_int_equal(tend_assess_latest(f->fix.t, &a), TEND_OK);
	assert_string_equal(a.uuid, b.uuid);
	tend_assessment_release(&a);
	/* :back then :skip clears an answer; the rest goes on after it. */
	assert_int_equal(tend_assess_answer(f->fix.t, 1, 0), TEND_OK);
	assert_int_equal(tend_assess_progress(f->fix.t, got, n, &next),
	    TEND_OK);
	assert_int_equal(next, 1);
	for (i = 2; i < n; i++)
		assert_int_equal(tend_assess_answer(f->fix.t, i,
		    f->answers[i]), TEND_OK);
	assert_int_equal(tend_assess_progress(f->fix.t, got, n, &next),
	    TEND_OK);
	assert_int_equal(next, n);
	assert_int_equal(fix_peek(f->fix.path,
	    "SELECT count(*) FROM assessment"), 2);
	assert_int_equal(tend_assess_finish(f->fix.t, &a), TEND_OK);
	/* finish fills b afresh: what save gave it is released first. */
	tend_assessment_release(&b);
	assert_int_equal(tend_assess_finish(f->fix.t, &b), TEND_ENOENT);
	tend_assessment_release(&b);
	/* Scored as if statement 1 were never asked. */
	got[0] = 4;
	got[1] = 0;
	for (i = 2; i < n; i++)
		got[i] = f->answers[i];
	assert_int_equal(tend_assess_score(f->fix.t, got, n, &b), TEND_OK);
	for (i = 0; i < a.nscores; i++)
		assert_true(a.scores[i].score == b.scores[i].score);
	tend_assessment_release(&b);
	assert_int_equal(tend_assess_latest(f->fix.t, &b), TEND_OK);
	assert_string_equal(a.uuid, b.uuid);
	tend_assessment_release(&b);
	assert_int_equal(fix_peek(f->fix.path, "SELECT count(*) FROM"
	    " assessment_answer WHERE assessment_id = (SELECT max(id) FROM"
	    " assessment)"), (long long)n - 1);
	tend_assessment_release(&a);
	free(got);
}

/* Every statement skipped: nothing fits, every score 0. */
static void
test_all_skipped(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	size_t i;

	memset(f->answers, 0, f->cat->nstatements * sizeof(int));
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	for (i = 0; i < a.nscores; i++) {
		assert_true(a.scores[i].score == 0);
		assert_false(a.scores[i].fits);
	}
	assert_int_equal(a.fits, 0);
	tend_assessment_release(&a);
}

static void
test_save_and_latest(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a, b;
	size_t i;

	calm(f);
	assert_int_equal(tend_assess_save(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	tend_assessment_release(&a);
	/* A later one, a day on, is the latest. */
	tend_set_clock(f->fix.t, FIX_NOON + 86400, 0);
	answer(f, "same-routines", 5);
	answer(f, "predictable-answers", 4);
	answer(f, "nothing-wrong-nothing-right", 5);
	assert_int_equal(tend_assess_save(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_int_equal(strlen(a.uuid), 36);
	assert_string_equal(a.taken, "2026-11-22T12:00:00Z");
	assert_int_equal(fix_peek(f->fix.path,
	    "SELECT count(*) FROM assessment"), 2);
	assert_int_equal(fix_peek(f->fix.path, "SELECT count(*) FROM"
	    " assessment_answer"), 2 * (long long)f->cat->nstatements);
	assert_int_equal(fix_peek(f->fix.path, "SELECT count(*) FROM"
	    " assessment_score"), 2 * (long long)f->cat->noutcomes);
	assert_int_equal(fix_peek(f->fix.path, "SELECT value"
	    " FROM assessment_answer a"
	    " JOIN assessment s ON s.id = a.assessment_id"
	    " WHERE a.statement = 'predictable-answers'"
	    " ORDER BY s.id DESC LIMIT 1"), 4);

	assert_int_equal(tend_assess_latest(f->fix.t, &b), TEND_OK);
	assert_string_equal(b.uuid, a.uuid);
	assert_string_equal(b.taken, a.taken);
	assert_int_equal(b.nscores, a.nscores);
	for (i = 0; i < a.nscores; i++) {
		assert_ptr_equal(b.scores[i].outcome, a.scores[i].outcome);
		/* Every digit kept: the very same double. */
		assert_true(b.scores[i].score == a.scores[i].score);
		assert_int_equal(b.scores[i].fits, a.scores[i].fits);
	}
	assert_int_equal(b.fits, a.fits);
	assert_true(b.fits & TEND_RUT_BOREDOM);
	tend_assessment_release(&a);
	tend_assessment_release(&b);
}

static int
has_experiment(const struct tend_suggestions *sg, const char *id)
{
	size_t i;

	for (i = 0; i < sg->nexperiments; i++)
		if (strcmp(sg->experiments[i]->id, id) == 0)
			return 1;
	return 0;
}

static void
test_suggestions_fit(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	struct tend_suggestions sg;
	size_t i;

	calm(f);
	answer(f, "small-things-escalate", 5);
	answer(f, "we-make-up", 1);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_int_equal(tend_assess_suggest(f->fix.t, &a, &sg), TEND_OK);
	assert_int_equal(sg.ntips, TEND_SUGGEST_MAX);
	assert_int_equal(sg.nexperiments, TEND_SUGGEST_MAX);
	assert_string_equal(sg.tips[0]->id, "fighting-rut");
	for (i = 0; i < sg.nexperiments; i++)
		assert_true(sg.experiments[i]->tags & TEND_RUT_FIGHTING);
	tend_assessment_release(&a);
}

static void
test_suggestions_within_intimacy(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	struct tend_suggestions sg;
	size_t i;

	/* The sexless rut and pressure, at intimacy none. */
	calm(f);
	answer(f, "sex-rarely-comes-up", 5);
	answer(f, "steer-away-from-intimacy", 5);
	answer(f, "touch-read-as-request", 5);
	answer(f, "hold-back-affection", 5);
	answer(f, "sex-feels-routine", 5);
	answer(f, "can-talk-about-sex", 1);
	assert_int_equal(tend_config_set(f->fix.t, "intimacy", "none"),
	    TEND_OK);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(a.fits & TEND_BLOCK_PRESSURE);
	assert_int_equal(tend_assess_suggest(f->fix.t, &a, &sg), TEND_OK);
	assert_true(sg.ntips > 0 && sg.nexperiments > 0);
	for (i = 0; i < sg.ntips; i++)
		assert_int_equal(sg.tips[i]->intimacy, TEND_INTIMACY_NONE);
	for (i = 0; i < sg.nexperiments; i++)
		assert_int_equal(sg.experiments[i]->intimacy,
		    TEND_INTIMACY_NONE);
	tend_assessment_release(&a);
}

static void
test_concern_suggests_a_therapist(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	struct tend_suggestions sg;
	char *json = NULL;

	calm(f);
	answer(f, "contempt", 5);
	answer(f, "no-wish-to-repair", 5);
	answer(f, "nothing-shifts", 4);
	assert_int_equal(tend_assess_save(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(a.concern);
	assert_int_equal(tend_assess_suggest(f->fix.t, &a, &sg), TEND_OK);
	assert_string_equal(sg.tips[0]->id, "more-than-a-rut");
	assert_true(has_experiment(&sg, "therapist-shortlist"));
	assert_int_equal(tend_assessment_json(f->fix.t, &a, &json), TEND_OK);
	assert_non_null(strstr(json, "\"concern\":true"));
	assert_non_null(strstr(json, "\"fits\":[\"more-than-a-rut\"]"));
	free(json);
	tend_assessment_release(&a);
}

/* Nothing fits: the suggestions are the closest ones, or none at all. */
static void
test_nothing_fits(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	struct tend_suggestions sg;
	char *json = NULL;
	size_t i;

	for (i = 0; i < f->cat->nstatements; i++)
		f->answers[i] = 3;
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_int_equal(a.fits, 0);
	assert_false(a.concern);
	assert_int_equal(tend_assess_suggest(f->fix.t, &a, &sg), TEND_OK);
	assert_int_equal(sg.ntips, TEND_SUGGEST_MAX);
	tend_assessment_release(&a);
	calm(f);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_int_equal(tend_assess_suggest(f->fix.t, &a, &sg), TEND_OK);
	assert_int_equal(sg.ntips, 0);
	assert_int_equal(sg.nexperiments, 0);
	/* Not saved: no id or date in the JSON. */
	assert_int_equal(tend_assessment_json(f->fix.t, &a, &json), TEND_OK);
	assert_non_null(strstr(json, "\"id\":null,\"taken\":null,"
	    "\"fits\":[],\"concern\":false"));
	free(json);
	tend_assessment_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scoring_rule, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_fighting_by_hand, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_threshold_fits, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bad_answers_save_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_and_latest, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_answer_as_it_goes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_all_skipped, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_suggestions_fit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_suggestions_within_intimacy, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_concern_suggests_a_therapist, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_fits, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
