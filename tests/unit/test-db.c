/*
 * test-db.c - the journal's storage: create, open, refusals, migrations
 * (driven with steps of the test's own), partners, status and paths.
 */
#include <sys/stat.h>

#include <dirent.h>

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

/* leaf in the test's folder (fix_tmpdir), malloc'd. */
static char *
path_in(void **state, const char *leaf)
{
	char *p = NULL;

	assert_true(asprintf(&p, "%s/%s", (char *)*state, leaf) > 0);
	return p;
}

static void
test_create_then_open(void **state)
{
	char *p = path_in(state, "a/b/journal.db");
	struct tend *t = fix_handle();
	struct tend_partner *list = NULL;
	struct stat st;
	size_t n = 0;

	assert_int_equal(tend_create(t, p, fix_couple, 2), TEND_OK);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	tend_free(t);

	t = fix_handle();
	assert_int_equal(tend_open(t, p), TEND_OK);
	assert_int_equal(tend_writable(t), 1);
	assert_int_equal(tend_partners(t, &list, &n), TEND_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "Sam");
	assert_string_equal(list[1].name, "Alex");
	assert_int_equal(strlen(list[0].uuid), 36);
	tend_partners_free(list, n);
	tend_free(t);
	assert_int_equal(fix_peek(p, "PRAGMA user_version"),
	    tend_schema_version());
	free(p);
}

static void
test_pragmas_in_force(void **state)
{
	char *p = path_in(state, "j.db");
	struct tend *t = fix_handle();
	struct sqlite3_stmt *st = NULL;
	static const struct {
		const char	*sql;
		long long	 want;
	} checks[] = {
		{ "PRAGMA synchronous", 2 },
		{ "PRAGMA foreign_keys", 1 },
		{ "PRAGMA secure_delete", 1 },
		{ "PRAGMA temp_store", 2 },
		{ "PRAGMA journal_size_limit", 4194304 },
		{ "PRAGMA busy_timeout", 5000 },
		{ "PRAGMA application_id", 0x74656e64 },
	};
	size_t i;
	int row;

	assert_int_equal(tend_create(t, p, fix_couple, 2), TEND_OK);
	assert_int_equal(tend_open(t, p), TEND_OK);
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		assert_int_equal(db_prepare(t, &st, checks[i].sql), TEND_OK);
		assert_int_equal(db_step(t, st, "test", &row), TEND_OK);
		assert_int_equal(row, 1);
		assert_int_equal(db_col_int(st, 0), checks[i].want);
		db_finalize(st);
	}
	tend_free(t);
	free(p);
}

static void
test_create_refuses_and_leaves_nothing(void **state)
{
	char *p = path_in(state, "new/j.db"), *dir = path_in(state, "new");
	const char *one[] = { "Sam" }, *twice[] = { "Sam", "SAM" };
	const char *bad[] = { "Sam", "A\tB" };
	struct tend *t = fix_handle();

	assert_int_equal(tend_create(t, p, one, 1), TEND_EINVAL);
	assert_int_equal(tend_create(t, p, twice, 2), TEND_EINVAL);
	assert_non_null(strstr(tend_errmsg(t), "named twice"));
	assert_int_equal(tend_create(t, p, bad, 2), TEND_EINVAL);
	assert_int_equal(access(dir, F_OK), -1);
	assert_int_equal(tend_create(t, p, fix_couple, 2), TEND_OK);
	assert_int_equal(tend_create(t, p, fix_couple, 2), TEND_EEXIST);
	tend_free(t);
	free(p);
	free(dir);
}

/*
 * A journal and its settings appear together or not at all (issue 12,
 * item 3): a setting refused leaves no journal at all, never one with
 * the default intimacy; a good one is in the journal as it appears.
 */
static void
test_create_with_settings_whole_or_nothing(void **state)
{
	char *p = path_in(state, "j.db"), *v = NULL;
	const char *bad[] = { "intimacy", "none", "intimacy", "lots" };
	const char *good[] = { "intimacy", "none" };
	struct tend *t = fix_handle();
	DIR *d;
	struct dirent *e;
	int left = 0;

	assert_int_equal(tend_create_with(t, p, fix_couple, 2, bad, 2),
	    TEND_EINVAL);
	assert_int_equal(access(p, F_OK), -1);
	assert_non_null(d = opendir(*state));
	while ((e = readdir(d)) != NULL)
		left += e->d_name[0] != '.';
	closedir(d);
	assert_int_equal(left, 0);
	assert_int_equal(tend_create_with(t, p, fix_couple, 2, good, 1),
	    TEND_OK);
	assert_int_equal(tend_config_get(t, "intimacy", &v), TEND_OK);
	assert_string_equal(v, "none");
	free(v);
	tend_free(t);
	free(p);
}

static void
test_create_failure_removes_made_folders(void **state)
{
	char *file = path_in(state, "file"), *x = path_in(state, "x");
	char *p = NULL, part[201];
	struct tend *t = fix_handle();
	FILE *fp;

	/*
	 * Past SQLite's 512-byte path limit the folders and the file are made
	 * before SQLite refuses: all of it must go again.
	 */
	memset(part, 'd', 200);
	part[200] = '\0';
	assert_true(asprintf(&p, "%s/%s/%s/%s/j.db", x, part, part, part) > 0);
	assert_int_not_equal(tend_create(t, p, fix_couple, 2), TEND_OK);
	assert_int_equal(access(x, F_OK), -1);
	free(p);
	/* A folder that cannot be made: nothing is left either. */
	assert_non_null(fp = fopen(file, "w"));
	fclose(fp);
	p = path_in(state, "file/sub/j.db");
	assert_int_equal(tend_create(t, p, fix_couple, 2), TEND_EEXIST);
	assert_non_null(strstr(tend_errmsg(t), "file is not a folder"));
	tend_free(t);
	free(file);
	free(p);
	free(x);
}

/*
 * A handle no journal was opened on says so, whatever is asked of it (it
 * once said "out of memory").
 */
static void
test_no_journal_open(void **state)
{
	struct tend *t = fix_handle();
	struct tend_partner *p = NULL;
	struct tend_status s;
	struct tend_stats st;
	enum tend_intimacy level;
	size_t n = 0;
	char uuid[37];

	(void)state;
	memset(&st, 0, sizeof(st));
	assert_int_equal(tend_partners(t, &p, &n), TEND_ENOJOURNAL);
	assert_string_equal(tend_errmsg(t), "no journal is open");
	assert_int_equal(tend_status(t, NULL, &s), TEND_ENOJOURNAL);
	assert_string_equal(tend_errmsg(t), "no journal is open");
	assert_int_equal(tend_stats(t, NULL, 4, &st), TEND_ENOJOURNAL);
	tend_stats_release(&st);
	assert_int_equal(tend_intimacy(t, &level), TEND_ENOJOURNAL);
	assert_int_equal(tend_note_add(t, "Sam", "Alex", "for the tea",
	    FIX_NOON, uuid), TEND_ENOJOURNAL);
	assert_string_equal(tend_errmsg(t), "no journal is open");
	tend_free(t);
}

static void
test_open_refusals(void **state)
{
	char *p = path_in(state, "j.db"), *other = path_in(state, "o.db");
	char *missing = path_in(state, "none.db");
	struct tend *t = fix_handle();

	assert_int_equal(tend_open(t, missing), TEND_ENOJOURNAL);
	free(missing);

	assert_int_equal(tend_create(t, p, fix_couple, 2), TEND_OK);
	tend_free(t);
	t = fix_handle();

	chmod(p, 0644);
	assert_int_equal(tend_open(t, p), TEND_EPERM);
	assert_non_null(strstr(tend_errmsg(t), "chmod 600"));
	chmod(p, 0600);

	fix_poke(other, "CREATE TABLE t(x)");
	chmod(other, 0600);
	assert_int_equal(tend_open(t, other), TEND_EDATA);
	assert_int_equal(fix_peek(other, "PRAGMA user_version"), 0);

	fix_poke(p, "PRAGMA user_version = 7");
	assert_int_equal(tend_open(t, p), TEND_ENEWER);
	assert_int_equal(fix_peek(p, "PRAGMA user_version"), 7);
	tend_free(t);
	free(p);
	free(other);
}

static void
test_missing_journal_message(void **state)
{
	char *missing = path_in(state, "none.db");
	struct tend *t = fix_handle();
	char want[600];

	assert_int_equal(tend_open(t, missing), TEND_ENOJOURNAL);
	snprintf(want, sizeof(want), "no journal at %s", missing);
	assert_string_equal(tend_errmsg(t), want);
	assert_int_equal(tend_errfix(t, NULL), TEND_FIX_CREATE);
	tend_free(t);
	free(missing);
}

static void
test_migrate_steps_each_in_one_transaction(void **state)
{
	/* Steps 0 to 3 are the real v1 to v4, already applied: they
	 * must not run again. */
	static const struct db_step good[] = {
		{ "CREATE TABLE partner(x)", NULL },
		{ "CREATE INDEX answer_said ON answer(question)", NULL },
		{ "ALTER TABLE assessment ADD COLUMN partner_id INTEGER", NULL },
		{ "CREATE TABLE replica(x)", NULL },
		{ "CREATE TABLE one(x)", NULL },
		{ "CREATE TABLE two(x)", NULL },
	};
	static const struct db_step bad[] = {
		{ "CREATE TABLE partner(x)", NULL },
		{ "CREATE INDEX answer_said ON answer(question)", NULL },
		{ "ALTER TABLE assessment ADD COLUMN partner_id INTEGER", NULL },
		{ "CREATE TABLE replica(x)", NULL },
		{ "CREATE TABLE one(x)", NULL },
		{ "CREATE TABLE two(x)", NULL },
		{ "CREATE TABLE three(x); CREATE TABLE one(y)", NULL },
	};
	char *p = path_in(state, "m.db");
	struct tend *t = fix_handle();

	assert_int_equal(tend_create(t, p, fix_couple, 2), TEND_OK);
	assert_int_equal(db_migrate(t, good, 6), TEND_OK);
	assert_int_equal(db_migrate(t, bad, 7), TEND_EDB);
	assert_non_null(strstr(tend_errmsg(t), "already exists"));
	tend_free(t);
	/* The failed seventh step left version 6 and no part of itself. */
	assert_int_equal(fix_peek(p, "PRAGMA user_version"), 6);
	assert_int_equal(fix_peek(p, "SELECT count(*) FROM sqlite_schema WHERE "
	    "name = 'three'"), 0);
	assert_int_equal(fix_peek(p, "SELECT count(*) FROM sqlite_schema WHERE "
	    "name IN ('one', 'two')"), 2);
	free(p);
}

static void
test_old_journal_is_copied_then_upgraded(void **state)
{
	char *p = path_in(state, "old.db"), *bak = path_in(state, "old.db.v0.bak");
	struct tend *t = fix_handle();
	struct stat st;

	/* A tend journal of schema 0: marked as tend's, nothing in it. */
	fix_poke(p, "PRAGMA application_id = 1952804452; CREATE TABLE keep(x);"
	    "INSERT INTO keep VALUES (42)");
	chmod(p, 0600);
	assert_int_equal(tend_open(t, p), TEND_OK);
	tend_free(t);
	assert_int_equal(fix_peek(p, "PRAGMA user_version"),
	    tend_schema_version());
	assert_int_equal(fix_peek(p, "SELECT count(*) FROM partner"), 0);
	assert_int_equal(stat(bak, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(fix_peek(bak, "PRAGMA user_version"), 0);
	assert_int_equal(fix_peek(bak, "SELECT x FROM keep"), 42);
	assert_int_equal(fix_peek(bak, "SELECT count(*) FROM sqlite_schema"
	    " WHERE name = 'partner'"), 0);
	free(p);
	free(bak);
}

static void
test_status_of_a_fresh_journal(void **state)
{
	char *p = path_in(state, "j.db"), *json = NULL;
	struct tend *t = fix_handle();
	struct tend_status s;

	assert_int_equal(tend_create(t, p, fix_couple, 2), TEND_OK);
	assert_int_equal(tend_status(t, NULL, &s), TEND_OK);
	assert_string_equal(s.week, "2026-W47");
	assert_int_equal(s.checkin, TEND_CHECKIN_DUE);
	assert_int_equal(s.days_since, -1);
	assert_string_equal(tend_checkin_state_name(s.checkin), "due");
	assert_int_equal(fix_status_json(t, NULL, &json), TEND_OK);
	assert_non_null(strstr(json, "\"week\":\"2026-W47\""));
	assert_non_null(strstr(json, "\"days_since_last\":null"));
	assert_non_null(strstr(json, "\"name\":\"Alex\""));
	free(json);
	tend_free(t);
	free(p);
}

/* Files in dir other than . and .. */
static int
entries(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/*
 * A new journal is built under another name and appears at its path only
 * when whole (issue 10, item 8): until the publish nothing is there; a
 * file made there meanwhile is never replaced; an abandoned or freed one
 * leaves nothing behind.
 */
static void
test_new_journal_appears_only_when_whole(void **state)
{
	char *dir = path_in(state, "n"), *p = path_in(state, "n/j.db");
	struct tend *t = fix_handle();
	FILE *fp;
	char buf[16] = "";

	assert_int_equal(tend_import_create(t, p), TEND_OK);
	assert_int_equal(access(p, F_OK), -1);
	assert_int_equal(entries(dir), 1);
	/* Someone else's file at the path by the time of the publish. */
	assert_non_null(fp = fopen(p, "w"));
	fputs("precious", fp);
	fclose(fp);
	assert_int_equal(tend_import_publish(t, p), TEND_EEXIST);
	assert_non_null(fp = fopen(p, "r"));
	assert_non_null(fgets(buf, sizeof(buf), fp));
	fclose(fp);
	assert_string_equal(buf, "precious");
	assert_int_equal(entries(dir), 1);
	assert_int_equal(unlink(p), 0);
	/* Freed before the publish: no journal, no temporary file. */
	assert_int_equal(tend_import_create(t, p), TEND_OK);
	tend_free(t);
	assert_int_equal(entries(dir), 0);
	/* Created: the journal alone, in WAL mode, no -journal beside it. */
	t = fix_handle();
	assert_int_equal(tend_create(t, p, fix_couple, 2), TEND_OK);
	assert_int_equal(tend_writable(t), 1);
	assert_int_equal(tend_readonly(t), 0);
	tend_free(t);
	assert_int_equal(entries(dir), 1);
	assert_int_equal(fix_peek(p, "SELECT count(*) FROM partner"), 2);
	free(dir);
	free(p);
}

static void
test_paths(void **state)
{
	struct tend_env env = { 0 };
	struct tend_paths p;
	const char *err = NULL;

	(void)state;
	env.home = "/h";
	assert_int_equal(tend_paths_resolve(&env, &p, &err), TEND_OK);
	assert_string_equal(p.journal, "/h/.local/share/tend/journal.db");
	assert_string_equal(p.config, "/h/.config/tend");
	assert_string_equal(p.state, "/h/.local/state/tend");
	tend_paths_release(&p);

	env.xdg_data = "relative";
	env.xdg_config = "/c";
	env.tend_db = "/e.db";
	assert_int_equal(tend_paths_resolve(&env, &p, &err), TEND_OK);
	assert_string_equal(p.journal, "/e.db");
	assert_string_equal(p.config, "/c/tend");
	tend_paths_release(&p);

	env.db = "/d.db";
	assert_int_equal(tend_paths_resolve(&env, &p, &err), TEND_OK);
	assert_string_equal(p.journal, "/d.db");
	tend_paths_release(&p);

	env.home = NULL;
	env.xdg_state = NULL;
	assert_int_equal(tend_paths_resolve(&env, &p, &err), TEND_EINVAL);
	assert_non_null(strstr(err, "HOME"));
}

static void
test_check_name(void **state)
{
	struct tend *t = fix_handle();
	char long_name[200];

	(void)state;
	assert_int_equal(tend_check_name(t, "Sam"), TEND_OK);
	assert_int_equal(tend_check_name(t, "Zoë Ann"), TEND_OK);
	assert_int_equal(tend_check_name(t, "李"), TEND_OK);
	assert_int_equal(tend_check_name(t, ""), TEND_EINVAL);
	assert_int_equal(tend_check_name(t, " Sam"), TEND_EINVAL);
	assert_int_equal(tend_check_name(t, "Sam "), TEND_EINVAL);
	assert_int_equal(tend_check_name(t, "-Sam"), TEND_EINVAL);
	assert_int_equal(tend_check_name(t, "S\x1b[2Jam"), TEND_EINVAL);
	assert_int_equal(tend_check_name(t, "S\xc2\x9b" "am"), TEND_EINVAL);
	assert_int_equal(tend_check_name(t, "S\xe2\x80\xae" "am"), TEND_EINVAL);
	assert_int_equal(tend_check_name(t, "S\xff" "am"), TEND_EINVAL);
	memset(long_name, 'a', 64);
	long_name[64] = '\0';
	assert_int_equal(tend_check_name(t, long_name), TEND_OK);
	long_name[64] = 'a';
	long_name[65] = '\0';
	assert_int_equal(tend_check_name(t, long_name), TEND_EINVAL);
	tend_free(t);
}

/*
 * Failures without a handle have words, every code its own; every mend has
 * neutral ones, and none names a command or option of tend(1).
 */
static void
test_strerror_and_mends(void **state)
{
	const char *s, *seen[TEND_ECONFLICT + 1];
	int code, i;

	(void)state;
	for (code = TEND_OK; code <= TEND_ECONFLICT; code++) {
		seen[code] = s = tend_strerror(code);
		assert_true(*s != '\0' && strcmp(s, "unknown error") != 0);
		for (i = 0; i < code; i++)
			assert_string_not_equal(seen[i], s);
	}
	assert_string_equal(tend_strerror(-1), "unknown error");
	assert_string_equal(tend_strerror(TEND_ECONFLICT + 1), "unknown error");
	assert_string_equal(tend_fixstr(TEND_FIX_NONE), "");
	for (code = TEND_FIX_CREATE; code <= TEND_FIX_PARTNERS; code++) {
		s = tend_fixstr((enum tend_fix)code);
		assert_true(*s != '\0');
		assert_null(strstr(s, "'tend "));
		assert_null(strstr(s, "--"));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strerror_and_mends),
		cmocka_unit_test_setup_teardown(
		    test_new_journal_appears_only_when_whole, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_create_then_open,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(test_pragmas_in_force,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(
		    test_create_refuses_and_leaves_nothing, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(
		    test_create_with_settings_whole_or_nothing, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(
		    test_create_failure_removes_made_folders, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_open_refusals, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test(test_no_journal_open),
		cmocka_unit_test_setup_teardown(test_missing_journal_message,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(
		    test_migrate_steps_each_in_one_transaction, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(
		    test_old_journal_is_copied_then_upgraded, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_status_of_a_fresh_journal,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_check_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
