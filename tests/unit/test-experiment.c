/*
 * test-experiment.c - the experiment of the week (src/lib/experiment.c):
 * one choice per week that stays, reproducible from the journal's id, no
 * repeat within 12 weeks, never above the intimacy setting, leaning toward
 * what the latest assessment found, one choice when two processes race,
 * replacing it, logging how it went, the list, and what status reads.
 */
#include <sys/wait.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend-int.h"
#include "fixture.h"

/* The week n weeks after 2026-W47, as a key. */
static void
week_key(int n, char key[TEND_WEEK_LEN])
{
	struct tend_week w = { 2026, 47 };

	assert_true(tend_week_format(tend_week_add(w, n), key,
	    TEND_WEEK_LEN) > 0);
}

/* The catalogue entry of week's experiment, chosen when need be. */
static const struct tend_experiment *
pick(struct tend *t, const char *week)
{
	const struct tend_catalog *cat;
	const struct tend_experiment *e;
	struct tend_week_experiment x;

	assert_int_equal(tend_catalog(t, &cat), TEND_OK);
	assert_int_equal(tend_experiment_get(t, week, 1, &x), TEND_OK);
	assert_non_null(e = tend_find_experiment(cat, x.item));
	assert_string_equal(x.title, e->title);
	assert_string_equal(x.how, e->how);
	assert_string_equal(x.time, e->time);
	assert_string_equal(x.week, week);
	assert_int_equal(strlen(x.uuid), 36);
	tend_week_experiment_release(&x);
	return e;
}

static void
test_same_week_same_choice(void **state)
{
	struct fixture *f = *state;
	struct tend_week_experiment a, b;
	struct tend *other;

	assert_int_equal(tend_experiment_get(f->t, "2026-W47", 0, &a),
	    TEND_ENOENT);
	assert_int_equal(tend_experiment_get(f->t, "2026-W47", 1, &a),
	    TEND_OK);
	assert_null(a.outcome);
	assert_int_equal(a.felt, 0);
	assert_null(a.reflection);
	/* Later calls, and the other partner's handle, see the same. */
	assert_int_equal(tend_experiment_get(f->t, "2026-W47", 1, &b),
	    TEND_OK);
	assert_string_equal(a.uuid, b.uuid);
	tend_week_experiment_release(&b);
	other = fix_handle();
	assert_int_equal(tend_open(other, f->path), TEND_OK);
	assert_int_equal(tend_experiment_get(other, "2026-W47", 0, &b),
	    TEND_OK);
	assert_string_equal(a.item, b.item);
	tend_week_experiment_release(&b);
	tend_free(other);
	assert_int_equal(fix_peek(f->path, "SELECT count(*)"
	    " FROM experiment"), 1);
	tend_week_experiment_release(&a);
}

static void
test_bad_week(void **state)
{
	struct fixture *f = *state;
	struct tend_week_experiment x;

	assert_int_equal(tend_experiment_get(f->t, "2026-47", 1, &x),
	    TEND_EINVAL);
	assert_int_equal(tend_experiment_get(f->t, "2026-W54", 1, &x),
	    TEND_EINVAL);
	assert_int_equal(tend_experiment_log(f->t, "last week", "tried", 0,
	    NULL), TEND_EINVAL);
	assert_int_equal(fix_peek(f->path, "SELECT count(*)"
	    " FROM experiment"), 0);
}

/*
 * The choice follows from the journal's id and the week alone: two
 * journals with the same id choose the same, journals with other ids
 * mostly do not.
 */
static void
test_reproducible(void **state)
{
	struct fixture *f = *state;
	char *p2 = NULL, *p3 = NULL, week[TEND_WEEK_LEN];
	struct tend *t2, *t3;
	int i, differ = 0;

	t2 = fix_journal(f->dir, "twin.db", fix_couple, 2, &p2);
	t3 = fix_journal(f->dir, "other.db", fix_couple, 2, &p3);
	tend_free(t2);
	fix_poke(f->path, "UPDATE setting SET value = 'same-id'"
	    " WHERE key = 'journal-id'");
	fix_poke(p2, "UPDATE setting SET value = 'same-id'"
	    " WHERE key = 'journal-id'");
	t2 = fix_handle();
	assert_int_equal(tend_open(t2, p2), TEND_OK);
	for (i = 0; i < 10; i++) {
		week_key(i, week);
		/* Each handle has its own catalogue: compare the ids. */
		assert_string_equal(pick(f->t, week)->id, pick(t2, week)->id);
		if (strcmp(pick(f->t, week)->id, pick(t3, week)->id) != 0)
			differ++;
	}
	assert_true(differ >= 5);
	tend_free(t2);
	tend_free(t3);
	free(p2);
	free(p3);
}

static void
test_no_repeat_in_twenty_weeks(void **state)
{
	struct fixture *f = *state;
	const struct tend_experiment *seen[20];
	char week[TEND_WEEK_LEN];
	int i, j;

	for (i = 0; i < 20; i++) {
		week_key(i, week);
		seen[i] = pick(f->t, week);
		for (j = 0; j < i; j++)
			assert_ptr_not_equal(seen[i], seen[j]);
	}
}

/*
 * Every experiment in scope comes up once before any comes back, in five
 * journals (so five seeds): a whole pass of weeks has no repeat.
 */
static void
test_whole_pass_no_repeat(void **state)
{
	struct fixture *f = *state;
	const struct tend_catalog *cat;
	const char **seen;
	char *path = NULL, name[32], week[TEND_WEEK_LEN];
	struct tend *t;
	size_t i, j, n = 0;
	int k;

	assert_int_equal(tend_catalog(f->t, &cat), TEND_OK);
	for (i = 0; i < cat->nexperiments; i++)
		n += cat->experiments[i].intimacy == TEND_INTIMACY_NONE;
	assert_true(n >= 20);
	assert_non_null(seen = calloc(n, sizeof(*seen)));
	for (k = 0; k < 5; k++) {
		snprintf(name, sizeof(name), "pass%d.db", k);
		t = fix_journal(f->dir, name, fix_couple, 2, &path);
		assert_int_equal(tend_config_set(t, "intimacy", "none"),
		    TEND_OK);
		for (i = 0; i < n; i++) {
			week_key((int)i, week);
			seen[i] = pick(t, week)->id;
			for (j = 0; j < i; j++)
				assert_string_not_equal(seen[i], seen[j]);
		}
		tend_free(t);
		free(path);
	}
	free(seen);
}

/* The Sensate Focus stages in their order, as dead-bedroom gives them. */
static const char *const stages[] = {
	"sensate-focus-turns", "sensate-focus-widen", "sensate-focus-oil",
	"sensate-focus-together", "sensate-focus-full",
};
#define NSTAGES	(sizeof(stages) / sizeof(stages[0]))

/* Which stage id is (0 the first), or -1 for any other experiment. */
static int
stage_of(const char *id)
{
	size_t i;

	for (i = 0; i < NSTAGES; i++)
		if (strcmp(id, stages[i]) == 0)
			return (int)i;
	return -1;
}

/*
 * The data chains each stage to the one before it, and the first to
 * nothing: the order the choice keeps is the data's.
 */
static void
test_stages_in_data(void **state)
{
	struct fixture *f = *state;
	const struct tend_catalog *cat;
	const struct tend_experiment *e;
	size_t i;

	assert_int_equal(tend_catalog(f->t, &cat), TEND_OK);
	for (i = 0; i < NSTAGES; i++) {
		assert_non_null(e = tend_find_experiment(cat, stages[i]));
		assert_int_equal(e->intimacy, TEND_INTIMACY_SEXUAL);
		assert_non_null(strstr(e->how, "Therapists often guide "
		    "couples through Sensate Focus"));
		if (i == 0)
			assert_null(e->after);
		else
			assert_string_equal(e->after, stages[i - 1]);
	}
}

/*
 * 50 journals at intimacy sexual, 60 weeks each, every experiment logged
 * tried (or, in every other journal, each stage logged skipped): a stage
 * comes only in order, only the week after the stage before it was tried,
 * and a skipped stage opens nothing.
 */
static void
test_sensate_focus_in_order(void **state)
{
	struct fixture *f = *state;
	const struct tend_experiment *e;
	char *path = NULL, name[32], week[TEND_WEEK_LEN];
	struct tend *t;
	int k, i, s, reached, last_tried_week, skip;
	unsigned long offered[NSTAGES] = { 0 }, complete = 0, none = 0;

	for (k = 0; k < 50; k++) {
		snprintf(name, sizeof(name), "sf%d.db", k);
		t = fix_journal(f->dir, name, fix_couple, 2, &path);
		assert_int_equal(tend_config_set(t, "intimacy", "sexual"),
		    TEND_OK);
		skip = k % 2;
		reached = -1;		/* the last stage offered */
		last_tried_week = -2;	/* the week it was tried */
		for (i = 0; i < 60; i++) {
			week_key(i, week);
			e = pick(t, week);
			s = stage_of(e->id);
			if (s > 0) {
				/* Never out of order, never a draw. */
				assert_int_equal(s, reached + 1);
				assert_int_equal(last_tried_week, i - 1);
				assert_false(skip);
			}
			if (s >= 0) {
				assert_int_equal(s, reached + 1);
				reached = s;
				offered[s]++;
			}
			assert_int_equal(tend_experiment_log(t, week,
			    s >= 0 && skip ? "skipped" : "tried", 0, NULL),
			    TEND_OK);
			if (s >= 0 && !skip)
				last_tried_week = i;
		}
		complete += reached == (int)NSTAGES - 1;
		none += reached < 0;
		tend_free(t);
		free(path);
	}
	print_message("sensate focus over 50 journals x 60 weeks: stage 1 "
	    "drawn in %lu, then offered in order: %lu, %lu, %lu, %lu; all "
	    "five in %lu (the 25 that skip a stage never go on); never "
	    "reached in %lu\n", offered[0], offered[1], offered[2],
	    offered[3], offered[4], complete, none);
	/* The simulation reached the stages it checks. */
	assert_true(offered[0] > 0 && offered[4] > 0);
}

/* Over a long run, nothing comes back within 12 weeks of its week. */
static void
test_twelve_week_window(void **state)
{
	struct fixture *f = *state;
	const struct tend_experiment *seen[80];
	char week[TEND_WEEK_LEN];
	int i, j;

	assert_int_equal(tend_config_set(f->t, "intimacy", "none"), TEND_OK);
	for (i = 0; i < 80; i++) {
		week_key(i, week);
		seen[i] = pick(f->t, week);
		for (j = i - 12 > 0 ? i - 12 : 0; j < i; j++)
			assert_ptr_not_equal(seen[i], seen[j]);
	}
}

static void
test_intimacy_none(void **state)
{
	struct fixture *f = *state;
	struct tend_week_experiment x;
	const struct tend_catalog *cat;
	char week[TEND_WEEK_LEN];
	int i, k;

	assert_int_equal(tend_config_set(f->t, "intimacy", "none"), TEND_OK);
	assert_int_equal(tend_catalog(f->t, &cat), TEND_OK);
	for (i = 0; i < 40; i++) {
		week_key(i, week);
		assert_int_equal(pick(f->t, week)->intimacy,
		    TEND_INTIMACY_NONE);
		for (k = 0; k < 3; k++) {
			assert_int_equal(tend_experiment_new(f->t, week, &x),
			    TEND_OK);
			assert_int_equal(tend_find_experiment(cat,
			    x.item)->intimacy, TEND_INTIMACY_NONE);
			tend_week_experiment_release(&x);
		}
	}
}

static void
test_intimacy_affection(void **state)
{
	struct fixture *f = *state;
	char week[TEND_WEEK_LEN];
	int i, affection = 0;

	assert_int_equal(tend_config_set(f->t, "intimacy", "affection"),
	    TEND_OK);
	for (i = 0; i < 60; i++) {
		week_key(i, week);
		switch (pick(f->t, week)->intimacy) {
		case TEND_INTIMACY_SEXUAL:
			fail_msg("a sexual experiment at intimacy affection");
			break;
		case TEND_INTIMACY_AFFECTION:
			affection++;
			break;
		default:
			break;
		}
	}
	assert_true(affection > 0);
}

/*
 * When every item in scope came up within 12 weeks, the least recently
 * suggested one is chosen.
 */
static void
test_exhausted_scope(void **state)
{
	struct fixture *f = *state;
	const struct tend_catalog *cat;
	struct tend_week_experiment x;
	char *sql = NULL;
	size_t i;

	assert_int_equal(tend_catalog(f->t, &cat), TEND_OK);
	assert_true(cat->nexperiments > 2);
	/* Everything a week ago, but item 1 twelve weeks ago, 0 eleven. */
	for (i = 0; i < cat->nexperiments; i++) {
		assert_true(asprintf(&sql, "INSERT INTO experiment(uuid, week,"
		    " item, title, chosen) VALUES ('u%zu', '%s', '%s', 't',"
		    " '2026-01-01T00:00:00Z')", i, i == 1 ? "2026-W35" :
		    i == 0 ? "2026-W36" : "2026-W46",
		    cat->experiments[i].id) > 0);
		fix_poke(f->path, sql);
		free(sql);
	}
	assert_int_equal(tend_experiment_get(f->t, "2026-W47", 1, &x),
	    TEND_OK);
	assert_string_equal(x.item, cat->experiments[1].id);
	tend_week_experiment_release(&x);
	/* Replacing it: the next least recent, never the current one. */
	assert_int_equal(tend_experiment_new(f->t, "2026-W47", &x), TEND_OK);
	assert_string_equal(x.item, cat->experiments[0].id);
	tend_week_experiment_release(&x);
}

static void
test_new_skips_and_replaces(void **state)
{
	struct fixture *f = *state;
	struct tend_week_experiment a, b, c;
	char week[TEND_WEEK_LEN];
	int i;

	/* With no choice yet, new just chooses. */
	assert_int_equal(tend_experiment_new(f->t, "2026-W47", &a), TEND_OK);
	assert_null(a.outcome);
	assert_int_equal(tend_experiment_new(f->t, "2026-W47", &b), TEND_OK);
	assert_string_not_equal(a.item, b.item);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM experiment"
	    " WHERE week = '2026-W47' AND outcome = 'skipped'"), 1);
	/* The week's experiment is now the new one. */
	assert_int_equal(tend_experiment_get(f->t, "2026-W47", 0, &c), TEND_OK);
	assert_string_equal(c.uuid, b.uuid);
	tend_week_experiment_release(&c);
	/* A tried one stays tried when replaced. */
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 5,
	    NULL), TEND_OK);
	assert_int_equal(tend_experiment_new(f->t, "2026-W47", &c), TEND_OK);
	assert_string_not_equal(c.item, a.item);
	assert_string_not_equal(c.item, b.item);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM experiment"
	    " WHERE week = '2026-W47' AND outcome = 'tried' AND felt = 5"), 1);
	/* Replaced items stay out of the next weeks too. */
	for (i = 1; i <= 12; i++) {
		week_key(i, week);
		assert_string_not_equal(pick(f->t, week)->id, a.item);
		assert_string_not_equal(pick(f->t, week)->id, b.item);
	}
	tend_week_experiment_release(&a);
	tend_week_experiment_release(&b);
	tend_week_experiment_release(&c);
}

static void
test_log(void **state)
{
	struct fixture *f = *state;
	struct tend_week_experiment x;
	char *big;

	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 3,
	    NULL), TEND_ENOENT);
	pick(f->t, "2026-W47");
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "done", 3,
	    NULL), TEND_EINVAL);
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 6,
	    NULL), TEND_EINVAL);
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", -1,
	    NULL), TEND_EINVAL);
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 0,
	    ""), TEND_EINVAL);
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 0,
	    "bad \xff byte"), TEND_EINVAL);
	assert_non_null(big = malloc(TEND_TEXT_MAX + 2));
	memset(big, 'a', TEND_TEXT_MAX + 1);
	big[TEND_TEXT_MAX + 1] = '\0';
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 0,
	    big), TEND_EINVAL);
	big[TEND_TEXT_MAX] = '\0';
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM experiment"
	    " WHERE outcome IS NOT NULL"), 0);

	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 4,
	    "we laughed \xc3\xa0 lot"), TEND_OK);
	/* Felt 0 and no reflection keep what was logged. */
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 0,
	    NULL), TEND_OK);
	assert_int_equal(tend_experiment_get(f->t, "2026-W47", 0, &x),
	    TEND_OK);
	assert_string_equal(x.outcome, "tried");
	assert_int_equal(x.felt, 4);
	assert_string_equal(x.reflection, "we laughed \xc3\xa0 lot");
	tend_week_experiment_release(&x);
	/* Another outcome or reflection is replaced only when asked to. */
	assert_int_equal(tend_experiment_get(f->t, "2026-W47", 0, &x),
	    TEND_OK);
	assert_string_equal(x.logged, "2026-11-21");
	assert_false(tend_experiment_replaces(&x, "tried", NULL));
	assert_false(tend_experiment_replaces(&x, "tried",
	    "we laughed \xc3\xa0 lot"));
	assert_true(tend_experiment_replaces(&x, "tried", "other words"));
	assert_true(tend_experiment_replaces(&x, "skipped", NULL));
	tend_week_experiment_release(&x);
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "skipped", 0,
	    NULL), TEND_EEXIST);
	assert_non_null(strstr(tend_errmsg(f->t), "already logged as tried "
	    "on 2026-11-21, with a reflection"));
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 0,
	    "other words"), TEND_EEXIST);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM experiment"
	    " WHERE outcome = 'tried' AND felt = 4"), 1);
	/* The longest reflection fits, and search finds reflections. */
	assert_int_equal(tend_experiment_relog(f->t, "2026-W47", "skipped", 0,
	    big), TEND_OK);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM fts"
	    " WHERE fts MATCH 'aaaa*'"), 1);
	/* Skipping forgets how trying it felt; the words stay. */
	assert_int_equal(fix_peek(f->path, "SELECT CASE WHEN felt IS NULL THEN"
	    " length(reflection) END FROM experiment"), TEND_TEXT_MAX);
	free(big);
}

static void
test_list(void **state)
{
	struct fixture *f = *state;
	struct tend_week_experiment *list = NULL, x;
	size_t n = 0;
	char *json = NULL;

	assert_int_equal(tend_experiment_list(f->t, &list, &n), TEND_OK);
	assert_int_equal(n, 0);
	tend_experiment_list_free(list, n);
	pick(f->t, "2026-W45");
	pick(f->t, "2026-W47");
	pick(f->t, "2026-W46");
	assert_int_equal(tend_experiment_log(f->t, "2026-W46", "tried", 2,
	    "quiet \"week\""), TEND_OK);
	assert_int_equal(tend_experiment_new(f->t, "2026-W47", &x), TEND_OK);
	assert_int_equal(tend_experiment_list(f->t, &list, &n), TEND_OK);
	/* The replaced choice stays, marked, after the week's current one. */
	assert_int_equal(n, 4);
	assert_string_equal(list[0].week, "2026-W47");
	assert_string_equal(list[0].uuid, x.uuid);
	assert_false(list[0].replaced);
	assert_string_equal(list[1].week, "2026-W47");
	assert_true(list[1].replaced);
	assert_string_equal(list[1].outcome, "skipped");
	assert_string_equal(list[2].week, "2026-W46");
	assert_string_equal(list[2].outcome, "tried");
	assert_int_equal(list[2].felt, 2);
	assert_false(list[2].replaced);
	assert_string_equal(list[3].week, "2026-W45");
	assert_int_equal(tend_experiment_list_json(f->t, list, n, &json),
	    TEND_OK);
	assert_non_null(strstr(json, "\"reflection\":\"quiet \\\"week\\\"\""));
	assert_non_null(strstr(json, "\"felt\":2"));
	assert_non_null(strstr(json, "\"replaced\":true"));
	free(json);
	tend_experiment_list_free(list, n);
	tend_week_experiment_release(&x);
}

/* An item that left the catalogue still shows, without how and time. */
static void
test_item_left_catalogue(void **state)
{
	struct fixture *f = *state;
	struct tend_week_experiment x;
	char *json = NULL;

	fix_poke(f->path, "INSERT INTO experiment(uuid, week, item, title,"
	    " chosen) VALUES ('u', '2026-W47', 'gone-item', 'Gone', 'x')");
	assert_int_equal(tend_experiment_get(f->t, "2026-W47", 1, &x),
	    TEND_OK);
	assert_string_equal(x.item, "gone-item");
	assert_string_equal(x.title, "Gone");
	assert_string_equal(x.how, "");
	assert_int_equal(tend_experiment_json(f->t, &x, &json), TEND_OK);
	assert_non_null(strstr(json, "\"how\":null"));
	assert_non_null(strstr(json, "\"source\":null"));
	free(json);
	tend_week_experiment_release(&x);
}

/*
 * After an assessment where only the fighting rut fits, experiments that
 * help with it come up noticeably more often.  Pairs of journals share an
 * id, so the only difference is the assessment.
 */
static void
test_leaning(void **state)
{
	struct fixture *f = *state;
	const struct tend_catalog *cat;
	struct tend_assessment a;
	struct tend *plain, *leaned;
	char *pp = NULL, *pl = NULL, *sql = NULL, name[32];
	char week[TEND_WEEK_LEN];
	int *answers, i, k, nplain = 0, nleaned = 0;
	size_t s;

	assert_int_equal(tend_catalog(f->t, &cat), TEND_OK);
	assert_non_null(answers = calloc(cat->nstatements, sizeof(int)));
	/* Disagree with everything, agree that small things escalate. */
	for (s = 0; s < cat->nstatements; s++)
		answers[s] = cat->statements[s].reverse ? 5 : 1;
	for (s = 0; s < cat->nstatements; s++) {
		if (strcmp(cat->statements[s].id, "small-things-escalate") == 0)
			answers[s] = 5;
		if (strcmp(cat->statements[s].id, "we-make-up") == 0)
			answers[s] = 1;
	}
	for (k = 0; k < 8; k++) {
		snprintf(name, sizeof(name), "plain%d.db", k);
		plain = fix_journal(f->dir, name, fix_couple, 2, &pp);
		snprintf(name, sizeof(name), "leaned%d.db", k);
		leaned = fix_journal(f->dir, name, fix_couple, 2, &pl);
		assert_true(asprintf(&sql, "UPDATE setting SET value = 'id-%d'"
		    " WHERE key = 'journal-id'", k) > 0);
		fix_poke(pp, sql);
		fix_poke(pl, sql);
		free(sql);
		/*
		 * Each answers alone; the choice leans only once both
		 * have, so Sam's alone leans nothing yet.
		 */
		assert_int_equal(tend_assess_save(leaned, fix_couple[0],
		    answers, cat->nstatements, &a), TEND_OK);
		assert_int_equal(a.fits, TEND_RUT_FIGHTING);
		tend_assessment_release(&a);
		week_key(0, week);
		assert_string_equal(pick(leaned, week)->id,
		    pick(plain, week)->id);
		assert_int_equal(tend_assess_save(leaned, fix_couple[1],
		    answers, cat->nstatements, &a), TEND_OK);
		tend_assessment_release(&a);
		for (i = 0; i < 20; i++) {
			week_key(i, week);
			nplain += (pick(plain, week)->tags &
			    TEND_RUT_FIGHTING) != 0;
			nleaned += (pick(leaned, week)->tags &
			    TEND_RUT_FIGHTING) != 0;
		}
		tend_free(plain);
		tend_free(leaned);
		free(pp);
		free(pl);
	}
	/* About 32% without, about 55% with: 160 weeks each. */
	print_message("fighting-tagged weeks: %d plain, %d leaned of 160\n",
	    nplain, nleaned);
	assert_true(nleaned >= nplain + 20);
	free(answers);
}

/* Two processes choosing the same weeks at once end with one choice each. */
static void
test_race(void **state)
{
	struct fixture *f = *state;
	char week[TEND_WEEK_LEN];
	pid_t pid[4];
	int i, k, status, bad;

	for (k = 0; k < 4; k++) {
		assert_true((pid[k] = fork()) != -1);
		if (pid[k] == 0) {
			struct tend *t = fix_handle();
			struct tend_week_experiment x;

			bad = tend_open(t, f->path) != TEND_OK;
			for (i = 0; !bad && i < 25; i++) {
				week_key(i, week);
				bad = tend_experiment_get(t, week, 1, &x) !=
				    TEND_OK;
				tend_week_experiment_release(&x);
			}
			tend_free(t);
			_exit(bad);
		}
	}
	for (k = 0; k < 4; k++) {
		assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(fix_peek(f->path, "SELECT count(*)"
	    " FROM experiment"), 25);
	assert_int_equal(fix_peek(f->path, "SELECT count(DISTINCT week)"
	    " FROM experiment"), 25);
}

/* Status reads this week's experiment and never chooses one. */
static void
test_status_reads_only(void **state)
{
	struct fixture *f = *state;
	struct tend_status s;
	char *json = NULL;

	assert_int_equal(tend_status(f->t, NULL, &s), TEND_OK);
	assert_int_equal(s.experiment, TEND_EXPERIMENT_NONE);
	assert_string_equal(s.experiment_title, "");
	assert_int_equal(fix_status_json(f->t, NULL, &json), TEND_OK);
	assert_non_null(strstr(json, "\"experiment\":{\"state\":\"none\","
	    "\"item\":null,\"title\":null,\"week\":null}"));
	free(json);
	assert_int_equal(fix_peek(f->path, "SELECT count(*)"
	    " FROM experiment"), 0);
	pick(f->t, "2026-W47");
	assert_int_equal(tend_status(f->t, NULL, &s), TEND_OK);
	assert_int_equal(s.experiment, TEND_EXPERIMENT_CHOSEN);
	assert_true(s.experiment_title[0] != '\0');
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "skipped", 0,
	    NULL), TEND_OK);
	assert_int_equal(tend_status(f->t, NULL, &s), TEND_OK);
	assert_int_equal(s.experiment, TEND_EXPERIMENT_SKIPPED);
	assert_string_equal(tend_experiment_state_name(s.experiment),
	    "skipped");
}

/*
 * A title longer than status's field (from a journal written by other
 * means) is cut between characters: status and its JSON stay UTF-8.
 */
static void
test_status_cuts_whole_characters(void **state)
{
	struct fixture *f = *state;
	struct tend_status s;
	char sql[1024] = "UPDATE experiment SET title = '";
	char *json = NULL;
	size_t i;

	pick(f->t, "2026-W47");
	/* Two bytes each: byte 319, the first that does not fit, is the
	 * second byte of one. */
	for (i = 0; i < 200; i++)
		strcat(sql, "\xc3\xa9");
	strcat(sql, "'");
	fix_poke(f->path, sql);
	assert_int_equal(tend_status(f->t, NULL, &s), TEND_OK);
	assert_int_equal(strlen(s.experiment_title), 318);
	assert_true(tend_utf8_valid(s.experiment_title,
	    strlen(s.experiment_title)));
	assert_int_equal(fix_status_json(f->t, NULL, &json), TEND_OK);
	assert_true(tend_utf8_valid(json, strlen(json)));
	free(json);
}

/*
 * A Sunday evening check-in of 2026-W47 hands out the experiment of W48:
 * the one shown from then on, on Monday too, and the one the W48
 * check-in's look-back asks about.
 */
static void
test_handout_outlives_sunday(void **state)
{
	struct fixture *f = *state;
	struct tend_week_experiment x, y;
	struct tend_status s;
	/* 2026-11-22T20:00Z, a Sunday; 2026-11-23T08:00Z, the Monday. */
	const time_t sunday = 1795377600, monday = 1795420800;

	tend_set_clock(f->t, sunday, 0);
	/* Chosen mid-week: the W47 check-in's look-back asks about it. */
	pick(f->t, "2026-W47");
	assert_int_equal(tend_experiment_lookback(f->t, "2026-W47", &y),
	    TEND_OK);
	assert_string_equal(y.week, "2026-W47");
	tend_week_experiment_release(&y);
	fix_poke(f->path, "INSERT INTO checkin(uuid, week, deck, started,"
	    " finished) VALUES ('a', '2026-W47', 'weekly', 'x', 'x')");
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 3,
	    NULL), TEND_OK);
	assert_int_equal(tend_experiment_lookback(f->t, "2026-W47", &y),
	    TEND_ENOENT);
	/* Its close hands out W48's, chosen now and kept. */
	assert_int_equal(tend_experiment_handout(f->t, "2026-W47", &x),
	    TEND_OK);
	assert_string_equal(x.week, "2026-W48");
	assert_int_equal(tend_experiment_handout(f->t, "2026-W47", &y),
	    TEND_OK);
	assert_string_equal(y.uuid, x.uuid);
	tend_week_experiment_release(&y);
	/* Sunday night and Monday morning, the same one is current. */
	assert_int_equal(tend_experiment_current(f->t, 1, &y), TEND_OK);
	assert_string_equal(y.uuid, x.uuid);
	tend_week_experiment_release(&y);
	assert_int_equal(tend_status(f->t, NULL, &s), TEND_OK);
	assert_string_equal(s.experiment_week, "2026-W48");
	assert_string_equal(s.experiment_item, x.item);
	tend_set_clock(f->t, monday, 0);
	assert_int_equal(tend_experiment_current(f->t, 1, &y), TEND_OK);
	assert_string_equal(y.uuid, x.uuid);
	tend_week_experiment_release(&y);
	assert_int_equal(tend_status(f->t, NULL, &s), TEND_OK);
	assert_string_equal(s.experiment_item, x.item);
	assert_int_equal(s.experiment, TEND_EXPERIMENT_CHOSEN);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM experiment"),
	    2);
	/* The W48 check-in's look-back asks about it. */
	assert_int_equal(tend_experiment_lookback(f->t, "2026-W48", &y),
	    TEND_OK);
	assert_string_equal(y.uuid, x.uuid);
	tend_week_experiment_release(&y);
	assert_int_equal(tend_experiment_handout(f->t, "bad", &y),
	    TEND_EINVAL);
	tend_week_experiment_release(&x);
}

/* Next week's experiment is current only once this week's check-in began. */
static void
test_current_before_checkin(void **state)
{
	struct fixture *f = *state;
	struct tend_week_experiment x, y;

	assert_int_equal(tend_experiment_current(f->t, 0, &y), TEND_ENOENT);
	assert_int_equal(tend_experiment_handout(f->t, "2026-W47", &x),
	    TEND_OK);
	/* No check-in of W47 yet (a repair deck does not count). */
	fix_poke(f->path, "INSERT INTO checkin(uuid, week, deck, started)"
	    " VALUES ('r', '2026-W47', 'repair', 'x')");
	assert_int_equal(tend_experiment_current(f->t, 0, &y), TEND_ENOENT);
	assert_int_equal(tend_experiment_current(f->t, 1, &y), TEND_OK);
	assert_string_equal(y.week, "2026-W47");
	tend_week_experiment_release(&y);
	fix_poke(f->path, "INSERT INTO checkin(uuid, week, deck, started)"
	    " VALUES ('w', '2026-W47', 'weekly', 'x')");
	assert_int_equal(tend_experiment_current(f->t, 0, &y), TEND_OK);
	assert_string_equal(y.uuid, x.uuid);
	tend_week_experiment_release(&y);
	tend_week_experiment_release(&x);
}

/* The streak counts finished check-ins back from this or last week. */
static void
test_status_streak(void **state)
{
	struct fixture *f = *state;
	struct tend_status s;

	fix_poke(f->path, "INSERT INTO checkin(uuid, week, deck, started,"
	    " finished) VALUES ('a', '2026-W44', 'weekly', 'x', 'x'),"
	    " ('b', '2026-W45', 'weekly', 'x', 'x'),"
	    " ('c', '2026-W46', 'weekly', 'x', 'x'),"
	    " ('d', '2026-W46', 'repair', 'x', 'x'),"
	    " ('e', '2026-W42', 'weekly', 'x', 'x')");
	fix_fill(f);
	assert_int_equal(tend_status(f->t, NULL, &s), TEND_OK);
	assert_int_equal(s.streak, 3);
	/* This week begun but not finished: still 3. */
	fix_poke(f->path, "INSERT INTO checkin(uuid, week, deck, started)"
	    " VALUES ('f', '2026-W47', 'weekly', 'x')");
	assert_int_equal(tend_status(f->t, NULL, &s), TEND_OK);
	assert_int_equal(s.streak, 3);
	fix_poke(f->path, "UPDATE checkin SET finished = 'x' WHERE uuid = 'f'");
	fix_fill(f);
	assert_int_equal(tend_status(f->t, NULL, &s), TEND_OK);
	assert_int_equal(s.streak, 4);
	/* A missed week last week breaks it. */
	fix_poke(f->path, "DELETE FROM answer WHERE checkin_id IN (SELECT id"
	    " FROM checkin WHERE week = '2026-W46');"
	    "DELETE FROM checkin WHERE week = '2026-W46'");
	assert_int_equal(tend_status(f->t, NULL, &s), TEND_OK);
	assert_int_equal(s.streak, 1);
}

static void
test_no_journal(void **state)
{
	struct tend *t = fix_handle();
	struct tend_week_experiment x;
	struct tend_week_experiment *list;
	size_t n;

	(void)state;
	assert_int_equal(tend_experiment_get(t, "2026-W47", 1, &x),
	    TEND_ENOJOURNAL);
	assert_int_equal(tend_experiment_list(t, &list, &n), TEND_ENOJOURNAL);
	tend_week_experiment_release(NULL);
	tend_experiment_list_free(NULL, 0);
	tend_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_week_same_choice,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_bad_week, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_reproducible, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_no_repeat_in_twenty_weeks,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_whole_pass_no_repeat,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_stages_in_data,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_sensate_focus_in_order,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_twelve_week_window,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_intimacy_none, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_intimacy_affection,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_exhausted_scope, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_new_skips_and_replaces,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_log, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_list, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_item_left_catalogue,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_leaning, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_race, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_status_cuts_whole_characters,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_status_reads_only,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_handout_outlives_sunday,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_current_before_checkin,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_status_streak, fix_setup,
		    fix_teardown),
		cmocka_unit_test(test_no_journal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
