/*
 * test-assess.c - the assessment (src/lib/assess.c, assessview.c):
 * scoring exactly as data/README.md says, by answer patterns (all
 * neutral, one strong answer, the articles' patterns), a score at its
 * threshold fitting, bad answers refused with nothing saved, each partner
 * answering alone, hidden from the other until both have, the concern
 * flagged apart and steering only when it fits, and the tips and
 * experiments that fit best within the intimacy setting; answers saved one
 * at a time, resumed, skipped, and only complete assessments counting as
 * results.
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
	/* Every statement asked: the couple chose sexual content. */
	if (fix_open(&f->fix, fix_couple, 2) != 0 ||
	    tend_config_set(f->fix.t, "intimacy", "sexual") != TEND_OK ||
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

static int
has_experiment(const struct tend_suggestions *sg, const char *id)
{
	size_t i;

	for (i = 0; i < sg->nexperiments; i++)
		if (strcmp(sg->experiments[i]->id, id) == 0)
			return 1;
	return 0;
}

/* The rule of data/README.md, written out again from the catalogue. */
static void
expected(const struct tend_catalog *cat, const int *answers,
    const struct tend_outcome *o, double *score, int *fits)
{
	const struct tend_statement *s;
	double num = 0, den = 0, v;
	int agreed = 0, required = o->requires == NULL, a;
	size_t i, j;

	for (i = 0; i < cat->nstatements; i++) {
		s = &cat->statements[i];
		if (answers[i] == 0)
			continue;
		a = s->reverse ? 6 - answers[i] : answers[i];
		v = a == 5 ? 1 : a == 4 ? 0.5 : 0;
		for (j = 0; j < s->nweights; j++)
			if (strcmp(s->weights[j].outcome, o->id) == 0) {
				num += s->weights[j].weight * v;
				den += s->weights[j].weight;
				agreed += v > 0;
				if (v > 0 && o->requires != NULL &&
				    strcmp(o->requires, s->id) == 0)
					required = 1;
			}
	}
	*score = den > 0 ? num / den : 0;
	*fits = den > 0 && *score >= o->threshold && agreed >= 2 && required;
}

static void
test_scoring_rule(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	uint64_t seed = 42;
	double want;
	size_t i, k;
	int round, fits, any = 0;

	assert_int_equal(f->cat->noutcomes, 9);
	for (round = 0; round < 200; round++) {
		for (i = 0; i < f->cat->nstatements; i++)
			f->answers[i] = (int)(seed_next(&seed) % 6);
		assert_int_equal(tend_assess_score(f->fix.t, f->answers,
		    f->cat->nstatements, &a), TEND_OK);
		assert_int_equal(a.nscores, f->cat->noutcomes);
		for (k = 0; k < a.nscores; k++) {
			expected(f->cat, f->answers, a.scores[k].outcome,
			    &want, &fits);
			assert_true(a.scores[k].score == want);
			assert_int_equal(a.scores[k].fits, fits);
			any += fits;
		}
		tend_assessment_release(&a);
	}
	/* The rounds are not all misses. */
	assert_true(any > 0);
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
	/*
	 * fighting: small-things 3, old-hurts 1, we-make-up 2, contempt 1:
	 * (3 + 2) / 7.  conflict: small-things 2, old-hurts 3, we-make-up 2,
	 * not-heard 3, carry-the-load 2, goodwill 1: (2 + 2) / 13.
	 */
	assert_true(score_of(&a, "fighting")->score == 5.0 / 7);
	assert_int_equal(score_of(&a, "fighting")->agreed, 2);
	assert_true(score_of(&a, "fighting")->fits);
	assert_true(score_of(&a, "conflict")->score == 4.0 / 13);
	assert_false(score_of(&a, "conflict")->fits);
	assert_true(score_of(&a, "boredom")->score == 0);
	assert_int_equal(a.fits, TEND_RUT_FIGHTING);
	assert_false(a.concern);
	tend_assessment_release(&a);
}

/* No single answer decides: each statement alone, at its strongest. */
static void
test_one_answer_decides_nothing(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	size_t i;

	for (i = 0; i < f->cat->nstatements; i++) {
		calm(f);
		f->answers[i] = f->cat->statements[i].reverse ? 1 : 5;
		assert_int_equal(tend_assess_score(f->fix.t, f->answers,
		    f->cat->nstatements, &a), TEND_OK);
		if (a.fits != 0 || a.concern)
			fail_msg("'%s' alone makes something fit",
			    f->cat->statements[i].id);
		tend_assessment_release(&a);
	}
}

/* Neutral about everything: nothing fits and nothing is suggested. */
static void
test_all_neutral(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	struct tend_suggestions sg;
	size_t i;

	for (i = 0; i < f->cat->nstatements; i++)
		f->answers[i] = 3;
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	for (i = 0; i < a.nscores; i++)
		assert_true(a.scores[i].score == 0 && !a.scores[i].fits);
	assert_int_equal(tend_assess_suggest(f->fix.t, &a, &sg), TEND_OK);
	assert_int_equal(sg.ntips, 0);
	assert_int_equal(sg.nexperiments, 0);
	tend_assessment_release(&a);
}

/* A score equal to its threshold fits; half a point below does not. */
static void
test_threshold_fits(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;

	/*
	 * more-than-a-rut (0.5): goodwill 2, contempt 3, nothing-shifts 2,
	 * no-wish-to-repair 3, affection-unwelcome 2: (3 + 3) / 12.
	 */
	calm(f);
	answer(f, "contempt", 5);
	answer(f, "no-wish-to-repair", 5);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(score_of(&a, "more-than-a-rut")->score == 0.5);
	assert_true(score_of(&a, "more-than-a-rut")->score ==
	    score_of(&a, "more-than-a-rut")->outcome->threshold);
	assert_true(score_of(&a, "more-than-a-rut")->fits);
	assert_true(a.concern);
	/* The concern has no rut or blocker bit. */
	assert_int_equal(a.fits, 0);
	tend_assessment_release(&a);
	answer(f, "no-wish-to-repair", 4);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_false(score_of(&a, "more-than-a-rut")->fits);
	assert_false(a.concern);
	tend_assessment_release(&a);
}

/* The concern near its threshold but not there steers nothing. */
static void
test_concern_steers_only_when_it_fits(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	struct tend_suggestions sg;
	size_t i;

	calm(f);
	answer(f, "contempt", 5);
	answer(f, "nothing-shifts", 4);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(score_of(&a, "more-than-a-rut")->score > 0);
	assert_false(a.concern);
	assert_int_equal(tend_assess_suggest(f->fix.t, &a, &sg), TEND_OK);
	for (i = 0; i < sg.ntips; i++)
		assert_string_not_equal(sg.tips[i]->id, "more-than-a-rut");
	assert_false(has_experiment(&sg, "therapist-shortlist"));
	tend_assessment_release(&a);
}

/*
 * dead-bedroom: when both are content with less sex, nothing is wrong.
 * The sexless rut fits only when someone wants more closeness.
 */
static void
test_sexless_needs_wanting_more(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;

	calm(f);
	answer(f, "sex-rarely-comes-up", 5);
	answer(f, "steer-away-from-intimacy", 5);
	answer(f, "sex-feels-routine", 5);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(score_of(&a, "sexless")->agreed >= 2);
	assert_false(score_of(&a, "sexless")->fits);
	tend_assessment_release(&a);
	answer(f, "want-more-closeness", 4);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(score_of(&a, "sexless")->fits);
	tend_assessment_release(&a);
}

/*
 * dead-bedroom's silent resentment: not fighting, but unheard and
 * carrying the load, with old hurts: conflict fits, the fighting rut not.
 * relationship-rut: goodwill gone with contempt is more than a rut.
 */
static void
test_unheard_load_goodwill(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;

	calm(f);
	answer(f, "not-heard", 5);
	answer(f, "carry-the-load", 5);
	answer(f, "old-hurts-unspoken", 5);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(a.fits & TEND_BLOCK_CONFLICT);
	assert_false(a.fits & TEND_RUT_FIGHTING);
	assert_false(a.concern);
	tend_assessment_release(&a);
	calm(f);
	answer(f, "goodwill", 1);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_false(a.concern);
	tend_assessment_release(&a);
	answer(f, "contempt", 5);
	answer(f, "no-wish-to-repair", 4);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(a.concern);
	tend_assessment_release(&a);
}

/* Above the intimacy setting a statement is neither asked nor counted. */
static void
test_statements_within_intimacy(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	size_t i, sexual = 0;

	assert_int_equal(tend_config_set(f->fix.t, "intimacy", "affection"),
	    TEND_OK);
	calm(f);
	for (i = 0; i < f->cat->nstatements; i++) {
		if (f->cat->statements[i].intimacy != TEND_INTIMACY_SEXUAL) {
			assert_int_equal(tend_assess_asked(f->fix.t, i), 1);
			continue;
		}
		sexual++;
		assert_int_equal(tend_assess_asked(f->fix.t, i), 0);
		assert_int_equal(tend_assess_answer(f->fix.t, "Sam", i, 5),
		    TEND_EINVAL);
		f->answers[i] = f->cat->statements[i].reverse ? 1 : 5;
	}
	assert_true(sexual >= 5);
	assert_int_equal(tend_assess_asked(f->fix.t, 0), 1);
	assert_int_equal(f->cat->statements[0].intimacy, TEND_INTIMACY_NONE);
	/* Strong answers to what is not asked now make nothing fit. */
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_int_equal(a.fits, 0);
	tend_assessment_release(&a);
	assert_int_equal(fix_peek(f->fix.path,
	    "SELECT count(*) FROM assessment"), 0);
}

static void
test_bad_answers_save_nothing(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	struct tend_assess_view v;

	calm(f);
	assert_int_equal(tend_assess_save(f->fix.t, "Sam", f->answers,
	    f->cat->nstatements - 1, &a), TEND_EINVAL);
	assert_int_equal(tend_assess_save(f->fix.t, NULL, f->answers,
	    f->cat->nstatements, &a), TEND_EINVAL);
	assert_int_equal(tend_assess_save(f->fix.t, "Robin", f->answers,
	    f->cat->nstatements, &a), TEND_ENOENT);
	f->answers[3] = 6;
	assert_int_equal(tend_assess_save(f->fix.t, "Sam", f->answers,
	    f->cat->nstatements, &a), TEND_EINVAL);
	f->answers[3] = -1;
	assert_int_equal(tend_assess_save(f->fix.t, "Sam", f->answers,
	    f->cat->nstatements, &a), TEND_EINVAL);
	assert_int_equal(tend_assess_answer(f->fix.t, "Sam", 0, 6),
	    TEND_EINVAL);
	assert_int_equal(tend_assess_answer(f->fix.t, "Sam",
	    f->cat->nstatements, 3), TEND_EINVAL);
	assert_int_equal(tend_assess_answer(f->fix.t, NULL, 0, 3),
	    TEND_EINVAL);
	assert_null(a.scores);
	assert_int_equal(fix_peek(f->fix.path,
	    "SELECT count(*) FROM assessment"), 0);
	assert_int_equal(tend_assess_view(f->fix.t, "Sam", &v), TEND_OK);
	assert_false(v.done[0] || v.done[1] || v.complete);
	assert_string_equal(v.together.taken, "");
	tend_assess_view_release(&v);
	assert_int_equal(tend_assess_view(f->fix.t, "Robin", &v),
	    TEND_ENOENT);
}

/*
 * Each answer is saved as given, for the partner answering; the
 * assessment in progress is no result until finished, resumes after the
 * last statement answered, and a skipped statement counts for nothing.
 */
static void
test_answer_as_it_goes(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a, b;
	struct tend_assess_view v;
	size_t n = f->cat->nstatements, i, next;
	int *got;

	assert_non_null(got = calloc(n, sizeof(*got)));
	assert_int_equal(tend_assess_progress(f->fix.t, "Sam", got, n, &next),
	    TEND_ENOENT);
	calm(f);
	assert_int_equal(tend_assess_save(f->fix.t, "Sam", f->answers, n, &b),
	    TEND_OK);
	assert_string_equal(b.partner, "Sam");
	assert_int_equal(tend_assess_answer(f->fix.t, "sam", 0, 4), TEND_OK);
	assert_int_equal(tend_assess_answer(f->fix.t, "Sam", 1, 2), TEND_OK);
	/* Alex's own assessment is apart from Sam's. */
	assert_int_equal(tend_assess_answer(f->fix.t, "Alex", 0, 5), TEND_OK);
	assert_int_equal(tend_assess_progress(f->fix.t, "Sam", got, n, &next),
	    TEND_OK);
	assert_int_equal(next, 2);
	assert_int_equal(got[0], 4);
	assert_int_equal(got[1], 2);
	assert_int_equal(got[2], 0);
	assert_int_equal(tend_assess_progress(f->fix.t, "Alex", got, n,
	    &next), TEND_OK);
	assert_int_equal(next, 1);
	assert_int_equal(got[0], 5);
	/* Begun, not finished: Sam's result is still the first. */
	assert_int_equal(tend_assess_view(f->fix.t, "Sam", &v), TEND_OK);
	assert_string_equal(v.each[0].uuid, b.uuid);
	assert_false(v.done[1]);
	tend_assess_view_release(&v);
	/* :back then :skip clears an answer; the rest goes on after it. */
	assert_int_equal(tend_assess_answer(f->fix.t, "Sam", 1, 0), TEND_OK);
	assert_int_equal(tend_assess_progress(f->fix.t, "Sam", got, n, &next),
	    TEND_OK);
	assert_int_equal(next, 1);
	for (i = 2; i < n; i++)
		assert_int_equal(tend_assess_answer(f->fix.t, "Sam", i,
		    f->answers[i]), TEND_OK);
	assert_int_equal(tend_assess_progress(f->fix.t, "Sam", got, n, &next),
	    TEND_OK);
	assert_int_equal(next, n);
	assert_int_equal(fix_peek(f->fix.path,
	    "SELECT count(*) FROM assessment"), 3);
	assert_int_equal(tend_assess_finish(f->fix.t, "Sam", &a), TEND_OK);
	tend_assessment_release(&b);
	assert_int_equal(tend_assess_finish(f->fix.t, "Sam", &b),
	    TEND_ENOENT);
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
	assert_int_equal(tend_assess_view(f->fix.t, "Sam", &v), TEND_OK);
	assert_string_equal(v.each[0].uuid, a.uuid);
	tend_assess_view_release(&v);
	/* Sam's second, finished: every answer but the one skipped. */
	assert_int_equal(fix_peek(f->fix.path, "SELECT count(*) FROM"
	    " assessment_answer WHERE assessment_id = 2"), (long long)n - 1);
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

/*
 * Each partner's result is theirs until both have answered: then both
 * show, side by side, and together says where they fit and whose.
 */
static void
test_hidden_until_both(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a, b;
	struct tend_assess_view v;
	const struct tend_score *s;
	size_t i;

	calm(f);
	answer(f, "same-routines", 5);
	answer(f, "predictable-answers", 4);
	answer(f, "small-things-escalate", 5);
	answer(f, "we-make-up", 1);
	assert_int_equal(tend_assess_save(f->fix.t, "Sam", f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(a.fits & TEND_RUT_BOREDOM);
	/* Sam sees Sam's; Alex, who has not answered, sees nothing. */
	assert_int_equal(tend_assess_view(f->fix.t, "Sam", &v), TEND_OK);
	assert_true(v.done[0] && v.shown[0] && !v.done[1] && !v.complete);
	assert_true(v.each[0].scores[0].score == a.scores[0].score);
	assert_string_equal(v.together.taken, "");
	assert_int_equal(assess_fits(f->fix.t, &v.together.fits), TEND_OK);
	assert_int_equal(v.together.fits, 0);
	tend_assess_view_release(&v);
	assert_int_equal(tend_assess_view(f->fix.t, "alex", &v), TEND_OK);
	assert_true(v.done[0] && !v.shown[0]);
	assert_null(v.each[0].scores);
	/* Who the view is for, and who is waited for, named as stored. */
	assert_int_equal(v.viewer, 1);
	assert_string_equal(v.answered, "Sam");
	assert_string_equal(v.waiting, "Alex");
	assert_true(v.nanswered == 1 && v.nwaiting == 1);
	assert_string_equal(v.together.taken, "");
	tend_assess_view_release(&v);
	assert_int_equal(tend_assess_view(f->fix.t, NULL, &v), TEND_OK);
	assert_true(v.done[0] && !v.shown[0]);
	assert_int_equal(v.viewer, v.np);
	tend_assess_view_release(&v);

	/* Alex answers a day on, seeing the weeks differently. */
	tend_set_clock(f->fix.t, FIX_NOON + 86400, 0);
	calm(f);
	answer(f, "small-things-escalate", 5);
	answer(f, "we-make-up", 1);
	assert_int_equal(tend_assess_save(f->fix.t, "Alex", f->answers,
	    f->cat->nstatements, &b), TEND_OK);
	assert_int_equal(tend_assess_view(f->fix.t, NULL, &v), TEND_OK);
	assert_true(v.complete && v.shown[0] && v.shown[1]);
	assert_string_equal(v.answered, "Sam, Alex");
	assert_true(v.nanswered == 2 && v.nwaiting == 0);
	assert_string_equal(v.waiting, "");
	assert_string_equal(v.together.taken, "2026-11-22T12:00:00Z");
	for (i = 0; i < v.together.nscores; i++) {
		s = &v.together.scores[i];
		assert_true(s->score == (a.scores[i].score +
		    b.scores[i].score) / 2);
		assert_int_equal(s->fits, a.scores[i].fits ||
		    b.scores[i].fits);
		assert_int_equal(s->fits_for, (a.scores[i].fits ? 1u : 0) |
		    (b.scores[i].fits ? 2u : 0));
	}
	assert_int_equal(score_of(&v.together, "boredom")->fits_for, 1);
	assert_int_equal(score_of(&v.together, "fighting")->fits_for, 3);
	assert_int_equal(assess_fits(f->fix.t, &v.together.fits), TEND_OK);
	assert_int_equal(v.together.fits, TEND_RUT_BOREDOM |
	    TEND_RUT_FIGHTING);
	tend_assess_view_release(&v);
	tend_assessment_release(&a);
	tend_assessment_release(&b);
}

/*
 * An assessment answered together before each answered alone (schema 2)
 * stands for the couple until someone answers alone.
 */
static void
test_shared_before_alone(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	struct tend_assess_view v;
	unsigned tags;

	calm(f);
	answer(f, "same-routines", 5);
	answer(f, "predictable-answers", 5);
	assert_int_equal(tend_assess_save(f->fix.t, "Sam", f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	tend_assessment_release(&a);
	fix_poke(f->fix.path, "UPDATE assessment SET partner_id = NULL");
	assert_int_equal(tend_assess_view(f->fix.t, NULL, &v), TEND_OK);
	assert_true(v.legacy && !v.done[0] && !v.done[1]);
	assert_true(v.together.fits & TEND_RUT_BOREDOM);
	tend_assess_view_release(&v);
	assert_int_equal(assess_fits(f->fix.t, &tags), TEND_OK);
	assert_int_equal(tags, TEND_RUT_BOREDOM);
	/* Alex answers alone: the old one no longer speaks for them. */
	calm(f);
	assert_int_equal(tend_assess_save(f->fix.t, "Alex", f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	tend_assessment_release(&a);
	assert_int_equal(tend_assess_view(f->fix.t, "Alex", &v), TEND_OK);
	assert_false(v.legacy);
	assert_string_equal(v.together.taken, "");
	assert_true(v.shown[1] && !v.done[0]);
	tend_assess_view_release(&v);
	assert_int_equal(assess_fits(f->fix.t, &tags), TEND_OK);
	assert_int_equal(tags, 0);
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

	/* Pressure and the sexless rut, scored at sexual, then at none. */
	calm(f);
	answer(f, "want-more-closeness", 5);
	answer(f, "sex-rarely-comes-up", 5);
	answer(f, "steer-away-from-intimacy", 5);
	answer(f, "touch-read-as-request", 5);
	answer(f, "hold-back-affection", 5);
	answer(f, "sex-feels-routine", 5);
	answer(f, "can-talk-about-sex", 1);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(a.fits & TEND_BLOCK_PRESSURE);
	assert_true(a.fits & TEND_RUT_SEXLESS);
	assert_int_equal(tend_config_set(f->fix.t, "intimacy", "none"),
	    TEND_OK);
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
	struct tend_assess_view v;
	struct tend_suggestions sg;
	char *json = NULL;

	calm(f);
	answer(f, "contempt", 5);
	answer(f, "no-wish-to-repair", 5);
	answer(f, "nothing-shifts", 4);
	assert_int_equal(tend_assess_save(f->fix.t, "Sam", f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_true(a.concern);
	assert_int_equal(tend_assess_suggest(f->fix.t, &a, &sg), TEND_OK);
	assert_string_equal(sg.tips[0]->id, "more-than-a-rut");
	assert_true(has_experiment(&sg, "therapist-shortlist"));
	tend_assessment_release(&a);
	calm(f);
	assert_int_equal(tend_assess_save(f->fix.t, "Alex", f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	tend_assessment_release(&a);
	assert_int_equal(tend_assess_view(f->fix.t, "Alex", &v), TEND_OK);
	assert_int_equal(tend_assess_view_json(f->fix.t, &v, &json), TEND_OK);
	assert_non_null(strstr(json, "\"complete\":true"));
	assert_non_null(strstr(json, "\"concern\":true"));
	assert_non_null(strstr(json, "\"fits\":[\"more-than-a-rut\"]"));
	assert_non_null(strstr(json, "\"fits_for\":[\"Sam\"]"));
	assert_non_null(strstr(json, "\"id\":\"therapist-shortlist\""));
	free(json);
	tend_assess_view_release(&v);
}

/* Hidden in JSON as on screen: a partner's result is null to the other. */
static void
test_view_json_hides(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	struct tend_assess_view v;
	char *json = NULL;

	calm(f);
	answer(f, "contempt", 5);
	assert_int_equal(tend_assess_save(f->fix.t, "Sam", f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	tend_assessment_release(&a);
	assert_int_equal(tend_assess_view(f->fix.t, "Alex", &v), TEND_OK);
	assert_int_equal(tend_assess_view_json(f->fix.t, &v, &json), TEND_OK);
	assert_string_equal(json, "{\"complete\":false,\"partners\":["
	    "{\"name\":\"Sam\",\"answered\":true,\"hidden\":true,"
	    "\"taken\":null,\"fits\":null,\"outcomes\":null},"
	    "{\"name\":\"Alex\",\"answered\":false,\"hidden\":false,"
	    "\"taken\":null,\"fits\":null,\"outcomes\":null}],"
	    "\"together\":null}");
	free(json);
	tend_assess_view_release(&v);
}

/* Nothing fits: the closest suggestions, never the concern's; or none. */
static void
test_nothing_fits(void **state)
{
	struct assess *f = *state;
	struct tend_assessment a;
	struct tend_suggestions sg;

	calm(f);
	answer(f, "same-routines", 4);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_int_equal(a.fits, 0);
	assert_int_equal(tend_assess_suggest(f->fix.t, &a, &sg), TEND_OK);
	assert_string_equal(sg.tips[0]->id, "boredom-rut");
	tend_assessment_release(&a);
	calm(f);
	assert_int_equal(tend_assess_score(f->fix.t, f->answers,
	    f->cat->nstatements, &a), TEND_OK);
	assert_int_equal(tend_assess_suggest(f->fix.t, &a, &sg), TEND_OK);
	assert_int_equal(sg.ntips, 0);
	assert_int_equal(sg.nexperiments, 0);
	tend_assessment_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scoring_rule,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_fighting_by_hand,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_answer_decides_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_neutral,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_threshold_fits,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_concern_steers_only_when_it_fits,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_sexless_needs_wanting_more,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_unheard_load_goodwill,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_statements_within_intimacy,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_answers_save_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_answer_as_it_goes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_skipped,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_hidden_until_both,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_shared_before_alone,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_suggestions_fit,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_suggestions_within_intimacy,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_concern_suggests_a_therapist,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_json_hides,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_fits,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
