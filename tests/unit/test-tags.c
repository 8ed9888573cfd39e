/*
 * test-tags.c - the rut and blocker tags of the built-in experiments steer
 * suggestions the way the articles do (issue 11, item 3).  dead-bedroom's
 * answer to touch that feels like pressure is to take the expectation of
 * sex away, so when the pressure blocker fits, whatever else fits with it
 * and whatever the journal's intimacy setting, no sexual experiment is
 * ranked above the non-sexual ones.
 *
 * The ranking is tend_assess_suggest's own, given a made-up result for
 * every profile: each set of ruts and blockers that includes pressure,
 * with equal scores and with pressure only just over its threshold.
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

#define ALL_TAGS	0xffu

static const char *const levels[] = { "none", "affection", "sexual" };

/*
 * A result in which exactly the outcomes of fits fit: those score high
 * (pressure at low when low is not 0), the others well under any
 * threshold.
 */
static void
profile(const struct tend_catalog *cat, unsigned fits, double high,
    double low, struct tend_assessment *a)
{
	const struct tend_outcome *o;
	size_t k;

	memset(a, 0, sizeof(*a));
	assert_non_null(a->scores = calloc(cat->noutcomes,
	    sizeof(*a->scores)));
	a->nscores = cat->noutcomes;
	for (k = 0; k < cat->noutcomes; k++) {
		o = &cat->outcomes[k];
		a->scores[k].outcome = o;
		if (o->tag != 0 && (o->tag & fits)) {
			a->scores[k].score = o->tag == TEND_BLOCK_PRESSURE &&
			    low > 0 ? low : high;
			assert_true(a->scores[k].score >= o->threshold);
			a->scores[k].fits = 1;
		} else
			a->scores[k].score = 0.1;
	}
	a->fits = fits;
}

/* How many experiments within level are not sexual and match fits. */
static size_t
plain_matches(const struct tend_catalog *cat, unsigned fits,
    enum tend_intimacy level)
{
	size_t i, n = 0;

	for (i = 0; i < cat->nexperiments; i++)
		if (cat->experiments[i].intimacy <= level &&
		    cat->experiments[i].intimacy != TEND_INTIMACY_SEXUAL &&
		    (cat->experiments[i].tags & fits))
			n++;
	return n;
}

/* Touch that may be read as a request is never answered with sex. */
static void
test_pressure_never_sexual(void **state)
{
	const struct tend_catalog *cat = NULL;
	struct tend *t = tend_new();
	size_t i, n = 0;

	(void)state;
	assert_non_null(t);
	assert_int_equal(tend_catalog(t, &cat), TEND_OK);
	for (i = 0; i < cat->nexperiments; i++)
		if (cat->experiments[i].tags & TEND_BLOCK_PRESSURE) {
			if (cat->experiments[i].intimacy ==
			    TEND_INTIMACY_SEXUAL)
				fail_msg("'%s' is sexual and tagged pressure",
				    cat->experiments[i].id);
			n++;
		}
	/* And the blocker still has experiments of its own. */
	assert_true(n >= TEND_SUGGEST_MAX);
	tend_free(t);
}

static void
test_pressure_profiles(void **state)
{
	struct fixture *f = *state;
	const struct tend_catalog *cat = NULL;
	const struct tend_experiment *x;
	struct tend_suggestions sg;
	struct tend_assessment a;
	enum tend_intimacy level;
	unsigned fits;
	size_t lv, pat, i, plain, runs = 0, sexual_seen = 0;
	int after_sexual;

	assert_int_equal(tend_catalog(f->t, &cat), TEND_OK);
	for (lv = 0; lv < 3; lv++) {
		assert_int_equal(tend_config_set(f->t, "intimacy", levels[lv]),
		    TEND_OK);
		assert_int_equal(tend_intimacy(f->t, &level), TEND_OK);
		for (fits = 0; fits <= ALL_TAGS; fits++) {
			if (!(fits & TEND_BLOCK_PRESSURE))
				continue;
			for (pat = 0; pat < 2; pat++) {
				profile(cat, fits, pat == 0 ? 0.75 : 1.0,
				    pat == 0 ? 0 : 0.6, &a);
				assert_int_equal(tend_assess_suggest(f->t, &a,
				    &sg), TEND_OK);
				plain = plain_matches(cat, fits, level);
				after_sexual = 0;
				for (i = 0; i < sg.nexperiments; i++) {
					x = sg.experiments[i];
					assert_true(x->intimacy <= level);
					if (x->intimacy != TEND_INTIMACY_SEXUAL) {
						/* None below a sexual one. */
						if (after_sexual)
							fail_msg("fits 0x%02x at "
							    "%s: '%s' under a "
							    "sexual one", fits,
							    levels[lv], x->id);
						continue;
					}
					sexual_seen++;
					after_sexual = 1;
					/* Only when the plain ones ran out. */
					if (i < plain)
						fail_msg("fits 0x%02x at %s: "
						    "sexual '%s' ranked %zu",
						    fits, levels[lv], x->id,
						    i + 1);
				}
				assert_int_equal(sg.nexperiments,
				    TEND_SUGGEST_MAX);
				tend_assessment_release(&a);
				runs++;
			}
		}
	}
	assert_int_equal(sexual_seen, 0);
	/* 128 profiles with pressure, two score patterns, three settings. */
	assert_int_equal(runs, 128 * 2 * 3);
	print_message("# %zu pressure profiles ranked, no sexual experiment "
	    "suggested\n", runs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pressure_never_sexual),
		cmocka_unit_test_setup_teardown(test_pressure_profiles,
		    fix_setup, fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
