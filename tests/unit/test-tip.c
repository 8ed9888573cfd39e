/*
 * test-tip.c - which tip is shown (src/lib/tip.c): the intimacy setting is
 * never exceeded, today's tip holds all day and changes the next, every
 * tip in scope has its day before any comes back, and two journals see
 * different orders.  The clock is moved day by day with tend_set_clock,
 * as TEND_NOW moves it for the program.
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

static void
set_day(struct tend *t, long long day, long seconds, long utcoff)
{
	tend_set_clock(t, (time_t)(day * DAY + seconds - utcoff), utcoff);
}

static const struct tend_tip *
today(struct tend *t, const char *topic)
{
	const struct tend_tip *tip = NULL;

	if (tend_tip_today(t, topic, &tip) != TEND_OK)
		fail_msg("%s", tend_errmsg(t));
	assert_non_null(tip);
	return tip;
}

/* The tips of the catalogue in topic (NULL: all) at or below level. */
static size_t
scope(struct tend *t, const char *topic, enum tend_intimacy level,
    const struct tend_tip ***out)
{
	const struct tend_catalog *cat;
	const struct tend_tip **list;
	size_t i, n = 0;

	assert_int_equal(tend_catalog(t, &cat), TEND_OK);
	assert_non_null(list = calloc(cat->ntips, sizeof(*list)));
	for (i = 0; i < cat->ntips; i++)
		if ((topic == NULL || strcmp(cat->tips[i].topic->id, topic) ==
		    0) && cat->tips[i].intimacy <= level)
			list[n++] = &cat->tips[i];
	*out = list;
	return n;
}

static void
test_intimacy_filter(void **state)
{
	struct fixture *f = *state;
	const struct tend_tip *tip;
	long long day;
	unsigned long seed;

	assert_int_equal(tend_config_set(f->t, "intimacy", "none"), TEND_OK);
	for (day = 20000; day < 20400; day++) {
		set_day(f->t, day, 12 * 3600, 0);
		assert_int_equal(today(f->t, NULL)->intimacy,
		    TEND_INTIMACY_NONE);
	}
	for (seed = 0; seed < 1000; seed++) {
		assert_int_equal(tend_tip_random(f->t, NULL, seed, &tip),
		    TEND_OK);
		assert_int_equal(tip->intimacy, TEND_INTIMACY_NONE);
	}

	assert_int_equal(tend_config_set(f->t, "intimacy", "affection"),
	    TEND_OK);
	for (day = 20000; day < 20400; day++) {
		set_day(f->t, day, 12 * 3600, 0);
		assert_true(today(f->t, NULL)->intimacy <=
		    TEND_INTIMACY_AFFECTION);
	}
	for (seed = 0; seed < 1000; seed++) {
		assert_int_equal(tend_tip_random(f->t, NULL, seed, &tip),
		    TEND_OK);
		assert_true(tip->intimacy <= TEND_INTIMACY_AFFECTION);
	}
}

/* Which levels 1000 random tips reach. */
static unsigned
levels_seen(struct tend *t)
{
	const struct tend_tip *tip;
	unsigned seen = 0;
	unsigned long seed;

	for (seed = 0; seed < 1000; seed++) {
		assert_int_equal(tend_tip_random(t, NULL, seed, &tip),
		    TEND_OK);
		seen |= 1u << tip->intimacy;
	}
	return seen;
}

/* Sexual tips are opt-in: the default reaches affection, no further. */
static void
test_no_sexual_by_default(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(levels_seen(f->t), 3);
}

/* At "sexual", once chosen, every level is reached. */
static void
test_all_levels_when_chosen(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(tend_config_set(f->t, "intimacy", "sexual"), TEND_OK);
	assert_int_equal(levels_seen(f->t), 7);
}

static void
test_empty_scope(void **state)
{
	struct fixture *f = *state;
	const struct tend_tip *tip = (void *)1;

	/* "touch" holds only affection tips, "sex" only sexual ones. */
	assert_int_equal(tend_config_set(f->t, "intimacy", "none"), TEND_OK);
	assert_int_equal(tend_tip_today(f->t, "touch", &tip), TEND_ENOENT);
	assert_null(tip);
	assert_string_equal(tend_errmsg(f->t),
	    "no tip fits topic 'touch' at intimacy setting 'none'");
	assert_int_equal(tend_tip_random(f->t, "touch", 3, &tip), TEND_ENOENT);
	assert_string_equal(tend_errmsg(f->t),
	    "no tip fits topic 'touch' at intimacy setting 'none'");
	assert_int_equal(tend_config_set(f->t, "intimacy", "affection"),
	    TEND_OK);
	assert_int_equal(today(f->t, "touch")->intimacy,
	    TEND_INTIMACY_AFFECTION);
	assert_int_equal(tend_tip_today(f->t, "sex", &tip), TEND_ENOENT);
	assert_string_equal(tend_errmsg(f->t),
	    "no tip fits topic 'sex' at intimacy setting 'affection'");
}

static void
test_unknown_topic(void **state)
{
	struct fixture *f = *state;
	const struct tend_tip *tip = (void *)1;

	assert_int_equal(tend_tip_today(f->t, "gardening", &tip), TEND_ENOENT);
	assert_null(tip);
	assert_string_equal(tend_errmsg(f->t), "no topic 'gardening'");
	assert_int_equal(tend_errfix(f->t, NULL), TEND_FIX_TOPICS);
	assert_int_equal(tend_tip_random(f->t, "Touch", 1, &tip), TEND_ENOENT);
	assert_string_equal(tend_errmsg(f->t), "no topic 'Touch'");
}

/* The same tip from the first second of a local day to its last. */
static void
test_same_all_day(void **state)
{
	struct fixture *f = *state;
	const struct tend_tip *a, *b;
	long long day;
	int changed = 0;

	for (day = 20400; day < 20430; day++) {
		set_day(f->t, day, 0, 0);
		a = today(f->t, NULL);
		set_day(f->t, day, 12 * 3600, 0);
		assert_ptr_equal(today(f->t, NULL), a);
		set_day(f->t, day, DAY - 1, 0);
		assert_ptr_equal(today(f->t, NULL), a);
		set_day(f->t, day + 1, 0, 0);
		b = today(f->t, NULL);
		/* A new pass may start with yesterday's: rare, allowed. */
		changed += a != b;
	}
	assert_true(changed >= 29);
}

/* The local date decides: 00:30 at UTC+1 is already tomorrow. */
static void
test_local_date(void **state)
{
	struct fixture *f = *state;
	const struct tend_tip *east, *west;
	long long day = 20500;

	tend_set_clock(f->t, (time_t)(day * DAY + 23 * 3600 + 1800), 3600);
	east = today(f->t, NULL);
	set_day(f->t, day + 1, 12 * 3600, 0);
	assert_ptr_equal(today(f->t, NULL), east);
	/* And 23:30 at UTC-1 is still yesterday. */
	tend_set_clock(f->t, (time_t)((day + 1) * DAY + 1800), -3600);
	west = today(f->t, NULL);
	set_day(f->t, day, 12 * 3600, 0);
	assert_ptr_equal(today(f->t, NULL), west);
	/* Before 1970 too: the day number rounds down. */
	tend_set_clock(f->t, -1, 0);
	west = today(f->t, NULL);
	tend_set_clock(f->t, -DAY, 0);
	assert_ptr_equal(today(f->t, NULL), west);
}

/*
 * Over the n days of one pass (days pass * n to pass * n + n - 1), each
 * of the n tips in scope is shown exactly once.
 */
static void
check_pass(struct tend *t, const char *topic, enum tend_intimacy level,
    long long pass)
{
	const struct tend_tip **list, *tip;
	size_t n, i, j;
	char *seen;

	n = scope(t, topic, level, &list);
	assert_true(n > 0);
	assert_non_null(seen = calloc(n, 1));
	for (i = 0; i < n; i++) {
		set_day(t, pass * (long long)n + (long long)i, 9 * 3600, 0);
		tip = today(t, topic);
		for (j = 0; j < n && list[j] != tip; j++)
			;
		if (j == n)
			fail_msg("day %zu: tip '%s' is out of scope", i,
			    tip->id);
		if (seen[j])
			fail_msg("day %zu: tip '%s' again", i, tip->id);
		seen[j] = 1;
	}
	free(seen);
	free(list);
}

static void
test_every_tip_once_per_pass(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(tend_config_set(f->t, "intimacy", "sexual"), TEND_OK);
	check_pass(f->t, NULL, TEND_INTIMACY_SEXUAL, 0);
	check_pass(f->t, NULL, TEND_INTIMACY_SEXUAL, 1);
	check_pass(f->t, NULL, TEND_INTIMACY_SEXUAL, 190);
	check_pass(f->t, NULL, TEND_INTIMACY_SEXUAL, -1);
	check_pass(f->t, "appreciation", TEND_INTIMACY_SEXUAL, 2300);
	check_pass(f->t, "sex", TEND_INTIMACY_SEXUAL, 1200);
	assert_int_equal(tend_config_set(f->t, "intimacy", "none"), TEND_OK);
	check_pass(f->t, NULL, TEND_INTIMACY_NONE, 270);
	check_pass(f->t, "communication", TEND_INTIMACY_NONE, 2000);
	assert_int_equal(tend_config_set(f->t, "intimacy", "affection"),
	    TEND_OK);
	check_pass(f->t, NULL, TEND_INTIMACY_AFFECTION, 230);
	check_pass(f->t, "touch", TEND_INTIMACY_AFFECTION, 2500);
}

/* The order of n days, as indexes into the scope. */
static void
order(struct tend *t, long long first, size_t n, const struct tend_tip **out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		set_day(t, first + (long long)i, 12 * 3600, 0);
		out[i] = today(t, NULL);
	}
}

static void
test_journals_differ(void **state)
{
	struct fixture *f = *state;
	const struct tend_tip **list, **a, **b;
	struct tend *other;
	char *path = NULL;
	size_t n, i, same = 0;

	n = scope(f->t, NULL, TEND_INTIMACY_SEXUAL, &list);
	assert_non_null(a = calloc(n, sizeof(*a)));
	assert_non_null(b = calloc(n, sizeof(*b)));
	other = fix_journal(f->dir, "other.db", fix_couple, 2, &path);
	order(f->t, 100 * (long long)n, n, a);
	order(other, 100 * (long long)n, n, b);
	/* Compared by id: the two handles have catalogues of their own. */
	for (i = 0; i < n; i++)
		same += strcmp(a[i]->id, b[i]->id) == 0;
	assert_true(same < n / 4);
	/* The next pass is another order for the same journal. */
	order(f->t, 101 * (long long)n, n, b);
	same = 0;
	for (i = 0; i < n; i++)
		same += a[i] == b[i];
	assert_true(same < n / 4);
	tend_free(other);
	free(path);
	free(a);
	free(b);
	free(list);
}

/* The order belongs to the journal: the same after reopening it. */
static void
test_order_kept(void **state)
{
	struct fixture *f = *state;
	const struct tend_tip *a[30], *b[30];
	char ids[30][48];
	size_t i;

	order(f->t, 20700, 30, a);
	/* Kept by id: the catalogue goes with the handle. */
	for (i = 0; i < 30; i++)
		assert_true(snprintf(ids[i], sizeof(ids[i]), "%s", a[i]->id) >
		    0);
	tend_free(f->t);
	f->t = fix_handle();
	assert_int_equal(tend_open(f->t, f->path), TEND_OK);
	order(f->t, 20700, 30, b);
	for (i = 0; i < 30; i++)
		assert_string_equal(ids[i], b[i]->id);
}

/* A journal without an id still rotates, seeded by "". */
static void
test_no_journal_id(void **state)
{
	struct fixture *f = *state;
	const struct tend_tip *a[5], *b[5];
	size_t i;

	tend_free(f->t);
	fix_poke(f->path, "DELETE FROM setting WHERE key = 'journal-id'");
	f->t = fix_handle();
	assert_int_equal(tend_open(f->t, f->path), TEND_OK);
	assert_int_equal(tend_config_set(f->t, "intimacy", "sexual"), TEND_OK);
	check_pass(f->t, NULL, TEND_INTIMACY_SEXUAL, 3);
	order(f->t, 20800, 5, a);
	order(f->t, 20800, 5, b);
	for (i = 0; i < 5; i++)
		assert_ptr_equal(a[i], b[i]);
}

/* A random tip is the seed's place in the scope: no other input. */
static void
test_random_by_seed(void **state)
{
	static const unsigned long seeds[] = {
		0, 1, 2, 59, 60, 106, 107, 1000003, 4294967295UL,
		(unsigned long)-1,
	};
	struct fixture *f = *state;
	const struct tend_tip **list, *tip;
	size_t n, i;

	assert_int_equal(tend_config_set(f->t, "intimacy", "sexual"), TEND_OK);
	n = scope(f->t, NULL, TEND_INTIMACY_SEXUAL, &list);
	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		set_day(f->t, 20000 + (long long)i, 0, 0);
		assert_int_equal(tend_tip_random(f->t, NULL, seeds[i], &tip),
		    TEND_OK);
		assert_ptr_equal(tip, list[seeds[i] % n]);
	}
	free(list);
	n = scope(f->t, "conflict", TEND_INTIMACY_SEXUAL, &list);
	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		assert_int_equal(tend_tip_random(f->t, "conflict", seeds[i],
		    &tip), TEND_OK);
		assert_ptr_equal(tip, list[seeds[i] % n]);
	}
	free(list);
}

/* Tips from the user's content.json take their turn too. */
static void
test_user_tips(void **state)
{
	static const char json[] = "{\"topics\": [{\"id\": \"money\","
	    " \"title\": \"Money\"}], \"tips\": [{\"id\": \"money-walk\","
	    " \"topic\": \"money\", \"title\": \"Walk and talk money\","
	    " \"body\": \"Talk about money side by side.\","
	    " \"intimacy\": \"none\", \"source\": \"first-thing\"},"
	    " {\"id\": \"money-bath\", \"topic\": \"money\","
	    " \"title\": \"Budget in the bath\", \"body\": \"Why not.\","
	    " \"intimacy\": \"sexual\", \"source\": \"first-thing\"}]}";
	struct fixture *f = *state;
	const struct tend_tip *tip;
	char *path = NULL;
	FILE *fp;

	assert_true(asprintf(&path, "%s/content.json", f->dir) > 0);
	assert_non_null(fp = fopen(path, "w"));
	assert_int_equal(fputs(json, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(tend_set_config_dir(f->t, f->dir), TEND_OK);
	assert_int_equal(tend_config_set(f->t, "intimacy", "sexual"), TEND_OK);
	check_pass(f->t, "money", TEND_INTIMACY_SEXUAL, 77);
	assert_int_equal(tend_config_set(f->t, "intimacy", "affection"),
	    TEND_OK);
	tip = today(f->t, "money");
	assert_string_equal(tip->id, "money-walk");
	free(path);
}

/* A bad content file fails the tip with its message. */
static void
test_bad_content(void **state)
{
	struct fixture *f = *state;
	const struct tend_tip *tip = (void *)1;
	char *path = NULL;
	FILE *fp;

	assert_true(asprintf(&path, "%s/content.json", f->dir) > 0);
	assert_non_null(fp = fopen(path, "w"));
	assert_int_equal(fputs("{\"tips\": 1}", fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(tend_set_config_dir(f->t, f->dir), TEND_OK);
	assert_int_equal(tend_tip_today(f->t, NULL, &tip), TEND_ECONTENT);
	assert_null(tip);
	assert_string_equal(tend_errmsg(f->t),
	    "content.json: 'tips' must be an array");
	free(path);
}

static void
test_no_journal(void **state)
{
	struct tend *t = tend_new();
	const struct tend_tip *tip = (void *)1;

	(void)state;
	assert_int_equal(tend_tip_today(t, NULL, &tip), TEND_ENOJOURNAL);
	assert_null(tip);
	assert_int_equal(tend_tip_random(t, NULL, 1, &tip), TEND_ENOJOURNAL);
	tend_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_intimacy_filter, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_no_sexual_by_default,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_all_levels_when_chosen,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_empty_scope, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_topic, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_same_all_day, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_local_date, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_every_tip_once_per_pass,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_journals_differ, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_order_kept, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_no_journal_id, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_random_by_seed, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_user_tips, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_bad_content, fix_setup,
		    fix_teardown),
		cmocka_unit_test(test_no_journal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
