/*
 * test-change.c - the change log in the library: every write a change,
 * undo newest first back to the rows as they were, what a change kept,
 * the trash emptied and aged, tombstones, a step that is not tend's, and
 * a note found, edited and deleted by its short id (issue 13).
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

/* The rows of the tables a note lives in, as one string to compare. */
static char *
rows(const struct fixture *f)
{
	return fix_peek_text(f->path, "SELECT group_concat(r, '|') FROM ("
	    "SELECT quote(id) || quote(uuid) || quote(body) || quote(updated) ||"
	    " quote(device) AS r FROM note UNION ALL SELECT quote(rowid) ||"
	    " body FROM fts UNION ALL SELECT uuid FROM tombstone)");
}

/* rows(f) is want (NULL: no rows at all). */
static void
rows_are(const struct fixture *f, const char *want)
{
	char *now = rows(f);

	if (want == NULL)
		assert_null(now);
	else
		assert_string_equal(now, want);
	free(now);
}

static char *
newest_id(struct fixture *f)
{
	struct tend_note_filter all = { 0 };
	struct tend_note *list = NULL;
	size_t n = 0;
	char *id;

	assert_int_equal(tend_notes(f->t, &all, &list, &n), TEND_OK);
	assert_true(n > 0);
	assert_non_null(id = strdup(list[0].id));
	tend_notes_free(list, n);
	return id;
}

static void
test_a_new_journal_has_nothing_to_undo(void **state)
{
	struct tend *t = fix_handle();
	char *p = NULL;
	static const char *const settings[] = { "intimacy", "none" };
	struct tend_change *v = NULL;
	size_t n = 9;

	assert_int_equal(asprintf(&p, "%s/made.db", (char *)*state) > 0, 1);
	/* Settings chosen at the start are part of the making. */
	assert_int_equal(tend_create_with(t, p, fix_couple, 2, settings, 1),
	    TEND_OK);
	assert_int_equal(tend_changes(t, 0, &v, &n), TEND_OK);
	assert_int_equal(n, 0);
	tend_changes_free(v, n);
	assert_int_equal(tend_undo(t, NULL), TEND_ENOENT);
	assert_non_null(strstr(tend_errmsg(t), "nothing to undo"));
	assert_int_equal(fix_peek(p, "SELECT count(*) FROM replica"), 1);
	tend_free(t);
	free(p);
}

static void
test_undo_newest_first_to_the_rows_as_they_were(void **state)
{
	struct fixture *f = *state;
	struct tend_change *v = NULL, done;
	char *r0, *r1, *r2, *id;
	size_t n = 0;

	r0 = rows(f);
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "for the tea", 0,
	    NULL), TEND_OK);
	r1 = rows(f);
	id = newest_id(f);
	tend_set_clock(f->t, FIX_NOON + 60, 0);
	assert_int_equal(tend_note_edit(f->t, id, NULL, "for the green tea",
	    NULL), TEND_OK);
	r2 = rows(f);
	assert_int_equal(tend_note_delete(f->t, id, NULL, NULL), TEND_OK);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM note"), 0);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM tombstone "
	    "WHERE kind = 'note'"), 1);

	assert_int_equal(tend_changes(f->t, 0, &v, &n), TEND_OK);
	assert_int_equal(n, 3);
	assert_non_null(strstr(v[0].what, "deleted the note"));
	assert_true(v[0].kept);
	assert_non_null(strstr(v[1].what, "edited the note"));
	assert_true(v[1].kept);
	assert_string_equal(v[2].what, "added a note from Sam to Alex");
	assert_false(v[2].kept);
	tend_changes_free(v, n);
	assert_int_equal(tend_changes(f->t, 1, &v, &n), TEND_OK);
	assert_int_equal(n, 2);
	tend_changes_free(v, n);

	assert_int_equal(tend_undo(f->t, &done), TEND_OK);
	assert_non_null(strstr(done.what, "deleted the note"));
	free(done.what);
	rows_are(f, r2);
	assert_int_equal(tend_undo(f->t, NULL), TEND_OK);
	rows_are(f, r1);
	assert_int_equal(tend_undo(f->t, NULL), TEND_OK);
	rows_are(f, r0);
	assert_int_equal(tend_undo(f->t, NULL), TEND_ENOENT);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM change_step"),
	    0);
	free(r0);
	free(r1);
	free(r2);
	free(id);
}

static void
test_ids_short_ambiguous_unknown(void **state)
{
	struct fixture *f = *state;
	struct tend_note n;

	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "one", 0, NULL),
	    TEND_OK);
	assert_int_equal(tend_note_add(f->t, "Alex", "Sam", "two", 0, NULL),
	    TEND_OK);
	fix_poke(f->path, "UPDATE note SET uuid = CASE id WHEN 1 THEN "
	    "'abcd1234-0000-4000-8000-000000000001' ELSE "
	    "'abcd1299-0000-4000-8000-000000000002' END");
	assert_int_equal(tend_note_get(f->t, "abcd12", NULL, &n), TEND_EINVAL);
	assert_non_null(strstr(tend_errmsg(f->t), "ambiguous"));
	assert_int_equal(tend_note_get(f->t, "abc", NULL, &n), TEND_EINVAL);
	assert_int_equal(tend_note_get(f->t, "xyz12345", NULL, &n),
	    TEND_EINVAL);
	assert_int_equal(tend_note_get(f->t, "abcd1235", NULL, &n),
	    TEND_ENOENT);
	assert_int_equal(tend_note_get(f->t, "ABCD1299-0", NULL, &n),
	    TEND_OK);
	assert_string_equal(n.text, "two");
	assert_string_equal(n.id, "abcd129");
	tend_note_release(&n);
	/* Refusals change nothing, not even the log. */
	assert_int_equal(tend_note_delete(f->t, "abcd12", NULL, NULL),
	    TEND_EINVAL);
	assert_int_equal(tend_note_edit(f->t, "abcd1234", NULL, "", NULL),
	    TEND_EINVAL);
	assert_int_equal(tend_note_edit(f->t, "abcd1234", NULL, "one", NULL),
	    TEND_EINVAL);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM change"), 2);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM note"), 2);
}

static void
test_trash_emptied_and_aged(void **state)
{
	struct fixture *f = *state;
	char *id;
	size_t n = 0;

	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "marmalade", 0,
	    NULL), TEND_OK);
	id = newest_id(f);
	assert_int_equal(tend_note_delete(f->t, id, NULL, NULL), TEND_OK);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM change_step "
	    "WHERE undo LIKE '%marmalade%'"), 1);
	/* Thirty days on the change is kept; a second later it goes. */
	tend_set_clock(f->t, FIX_NOON + 30 * DAY, 0);
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "walk", 0, NULL),
	    TEND_OK);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM change"), 3);
	tend_set_clock(f->t, FIX_NOON + 30 * DAY + 1, 0);
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "talk", 0, NULL),
	    TEND_OK);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM change"), 2);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM change_step "
	    "WHERE undo LIKE '%marmalade%'"), 0);
	assert_int_equal(tend_trash_empty(f->t, &n), TEND_OK);
	assert_int_equal(n, 2);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM change"), 0);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM tombstone"),
	    1);
	assert_int_equal(tend_undo(f->t, NULL), TEND_ENOENT);
	free(id);
}

static void
test_a_step_not_tends_is_refused(void **state)
{
	struct fixture *f = *state;
	static const char *const bad[] = {
		"ATTACH ''/tmp/x.db'' AS x",
		"DELETE FROM note WHERE 1; DELETE FROM partner",
		"DELETE FROM sqlite_master",
		"DELETE FROM notes_other WHERE rowid = 1",
		"UPDATE note SET body = ?1 WHERE rowid = 1",
	};
	char sql[160];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "tea", 0,
		    NULL), TEND_OK);
		snprintf(sql, sizeof(sql), "UPDATE change_step SET undo = "
		    "'%s' WHERE id = (SELECT max(id) FROM change_step)", bad[i]);
		fix_poke(f->path, sql);
		assert_int_equal(tend_undo(f->t, NULL), TEND_EDATA);
		assert_int_equal(tend_errfix(f->t, NULL), TEND_FIX_CHECK);
		assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM note"),
		    (long long)i + 1);
		assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM "
		    "partner"), 2);
		fix_poke(f->path, "DELETE FROM change");
	}
}

static void
test_changes_json(void **state)
{
	struct fixture *f = *state;
	struct tend_change *v = NULL;
	char *out = NULL;
	size_t n = 0;

	assert_int_equal(tend_config_set(f->t, "intimacy", "none"), TEND_OK);
	assert_int_equal(tend_changes(f->t, 0, &v, &n), TEND_OK);
	assert_int_equal(n, 1);
	assert_int_equal(tend_changes_json(f->t, v, n, &out), TEND_OK);
	assert_string_equal(out, "[{\"id\":1,\"at\":\"2026-11-21T12:00:00Z\","
	    "\"what\":\"set intimacy to none\",\"kept\":false}]");
	free(out);
	tend_changes_free(v, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_a_new_journal_has_nothing_to_undo, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(
		    test_undo_newest_first_to_the_rows_as_they_were, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_ids_short_ambiguous_unknown,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_trash_emptied_and_aged,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_a_step_not_tends_is_refused, fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_changes_json, fix_setup,
		    fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
