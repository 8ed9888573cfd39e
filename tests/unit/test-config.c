/*
 * test-config.c - the journal's settings (src/lib/config.c): the known
 * keys, defaults, checked values, what is kept in the journal, and the
 * internal 'journal-id' row staying out of reach.
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
assert_setting(struct tend *t, const char *key, const char *want)
{
	char *v = NULL;

	assert_int_equal(tend_config_get(t, key, &v), TEND_OK);
	assert_non_null(v);
	assert_string_equal(v, want);
	free(v);
}

static void
test_keys(void **state)
{
	const char *const *keys = tend_config_keys();

	(void)state;
	assert_non_null(keys);
	assert_string_equal(keys[0], "intimacy");
	assert_null(keys[1]);
}

static void
test_default(void **state)
{
	struct fixture *f = *state;
	enum tend_intimacy i = TEND_INTIMACY_NONE;
	char *v;

	/* Sexual suggestions are opt-in. */
	assert_setting(f->t, "intimacy", "affection");
	assert_int_equal(tend_intimacy(f->t, &i), TEND_OK);
	assert_int_equal(i, TEND_INTIMACY_AFFECTION);
	/* The default is not written: nothing was chosen yet. */
	v = fix_peek_text(f->path,
	    "SELECT value FROM setting WHERE key = 'intimacy'");
	assert_null(v);
}

static void
test_set_and_get(void **state)
{
	static const struct {
		const char		*value;
		enum tend_intimacy	 level;
	} cases[] = {
		{ "none", TEND_INTIMACY_NONE },
		{ "affection", TEND_INTIMACY_AFFECTION },
		{ "sexual", TEND_INTIMACY_SEXUAL },
		{ "none", TEND_INTIMACY_NONE },
	};
	struct fixture *f = *state;
	enum tend_intimacy i;
	char *v;
	size_t k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		assert_int_equal(tend_config_set(f->t, "intimacy",
		    cases[k].value), TEND_OK);
		assert_setting(f->t, "intimacy", cases[k].value);
		assert_int_equal(tend_intimacy(f->t, &i), TEND_OK);
		assert_int_equal(i, cases[k].level);
	}
	/* One row, stamped with the injected clock. */
	v = fix_peek_text(f->path, "SELECT count(*) || ' ' || max(updated)"
	    " FROM setting WHERE key = 'intimacy'");
	assert_string_equal(v, "1 2026-11-21T12:00:00Z");
	free(v);
}

static void
test_unknown_key(void **state)
{
	struct fixture *f = *state;
	char *v = (char *)1;

	assert_int_equal(tend_config_get(f->t, "colour", &v), TEND_EINVAL);
	assert_null(v);
	assert_string_equal(tend_errmsg(f->t),
	    "no setting 'colour'; settings: intimacy");
	assert_int_equal(tend_config_set(f->t, "colour", "red"), TEND_EINVAL);
	assert_string_equal(tend_errmsg(f->t),
	    "no setting 'colour'; settings: intimacy");
	/* Keys are exact. */
	assert_int_equal(tend_config_set(f->t, "Intimacy", "none"),
	    TEND_EINVAL);
	assert_string_equal(tend_errmsg(f->t),
	    "no setting 'Intimacy'; settings: intimacy");
	assert_int_equal(tend_config_set(f->t, "", "none"), TEND_EINVAL);
	assert_string_equal(tend_errmsg(f->t),
	    "no setting ''; settings: intimacy");
}

/* The journal's id is the library's own: not a setting. */
static void
test_journal_id_reserved(void **state)
{
	struct fixture *f = *state;
	char *before, *after, *v = NULL;

	before = fix_peek_text(f->path,
	    "SELECT value FROM setting WHERE key = 'journal-id'");
	assert_non_null(before);
	assert_int_equal(strlen(before), 36);
	assert_int_equal(tend_config_get(f->t, "journal-id", &v), TEND_EINVAL);
	assert_null(v);
	assert_string_equal(tend_errmsg(f->t),
	    "no setting 'journal-id'; settings: intimacy");
	assert_int_equal(tend_config_set(f->t, "journal-id", "x"),
	    TEND_EINVAL);
	after = fix_peek_text(f->path,
	    "SELECT value FROM setting WHERE key = 'journal-id'");
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void
test_bad_value(void **state)
{
	static const char *const bad[] = {
		"all", "None", "", "sexual ", "none\n", "affectionate",
	};
	struct fixture *f = *state;
	size_t k;

	assert_int_equal(tend_config_set(f->t, "intimacy", "affection"),
	    TEND_OK);
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		assert_int_equal(tend_config_set(f->t, "intimacy", bad[k]),
		    TEND_EINVAL);
		assert_string_equal(tend_errmsg(f->t),
		    "intimacy must be none, affection or sexual");
		assert_setting(f->t, "intimacy", "affection");
	}
	assert_int_equal(tend_config_set(f->t, "intimacy", NULL), TEND_EINVAL);
	assert_setting(f->t, "intimacy", "affection");
}

static void
test_persisted(void **state)
{
	struct fixture *f = *state;
	enum tend_intimacy i;

	assert_int_equal(tend_config_set(f->t, "intimacy", "affection"),
	    TEND_OK);
	tend_free(f->t);
	f->t = fix_handle();
	assert_int_equal(tend_open(f->t, f->path), TEND_OK);
	assert_setting(f->t, "intimacy", "affection");
	assert_int_equal(tend_intimacy(f->t, &i), TEND_OK);
	assert_int_equal(i, TEND_INTIMACY_AFFECTION);
}

/* A value tend never writes is refused, not guessed at. */
static void
test_hand_edited(void **state)
{
	struct fixture *f = *state;
	enum tend_intimacy i;

	tend_free(f->t);
	fix_poke(f->path, "INSERT INTO setting(key, value, updated)"
	    " VALUES ('intimacy', 'lots', '2026-01-01T00:00:00Z')");
	f->t = fix_handle();
	assert_int_equal(tend_open(f->t, f->path), TEND_OK);
	assert_int_equal(tend_intimacy(f->t, &i), TEND_EDATA);
	assert_string_equal(tend_errmsg(f->t), "the journal's intimacy "
	    "setting is not one tend knows");
	assert_int_equal(tend_errfix(f->t, NULL), TEND_FIX_INTIMACY);
	/* Setting it again mends it. */
	assert_int_equal(tend_config_set(f->t, "intimacy", "none"), TEND_OK);
	assert_int_equal(tend_intimacy(f->t, &i), TEND_OK);
	assert_int_equal(i, TEND_INTIMACY_NONE);
}

static void
test_no_journal(void **state)
{
	struct tend *t = tend_new();
	enum tend_intimacy i;
	char *v = NULL;

	(void)state;
	assert_int_equal(tend_config_get(t, "intimacy", &v), TEND_ENOJOURNAL);
	assert_null(v);
	assert_int_equal(tend_config_set(t, "intimacy", "none"),
	    TEND_ENOJOURNAL);
	assert_int_equal(tend_intimacy(t, &i), TEND_ENOJOURNAL);
	/* The key is checked first: its message is the more useful. */
	assert_int_equal(tend_config_set(t, "nope", "none"), TEND_EINVAL);
	tend_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test_setup_teardown(test_default, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_set_and_get, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_unknown_key, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_journal_id_reserved,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_bad_value, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_persisted, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_hand_edited, fix_setup,
		    fix_teardown),
		cmocka_unit_test(test_no_journal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
