/*
 * test-backup.c - tend_backup: a 0600 copy that is a whole tend journal,
 * an existing target refused and left alone unless forced, and the
 * targets that would lose data (the journal itself, a folder) refused.
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend.h"
#include "fixture.h"

static char *
path_in(const struct fixture *f, const char *leaf)
{
	char *p = NULL;

	assert_true(asprintf(&p, "%s/%s", f->dir, leaf) > 0);
	return p;
}

static void
put_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_true(fputs(text, fp) >= 0);
	assert_int_equal(fclose(fp), 0);
}

static char *
get_file(const char *path)
{
	static char buf[256];
	FILE *fp = fopen(path, "r");
	size_t n;

	assert_non_null(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Files in dir whose name starts with prefix and is longer: temporaries. */
static int
leftovers(const char *dir, const char *prefix)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 &&
		    strlen(e->d_name) > strlen(prefix))
			n++;
	closedir(d);
	return n;
}

static void
test_copy_is_a_private_whole_journal(void **state)
{
	struct fixture *f = *state;
	char *copy = path_in(f, "copy.db"), *text;
	struct tend_partner *list = NULL;
	struct stat st;
	struct tend *t;
	size_t n = 0;

	fix_poke(f->path, "INSERT INTO setting (key, value, updated) VALUES "
	    "('intimacy', 'affection', '2026-11-21T12:00:00Z')");
	assert_int_equal(tend_backup(f->t, copy, 0), TEND_OK);
	assert_int_equal(stat(copy, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	text = fix_peek_text(copy, "PRAGMA integrity_check");
	assert_string_equal(text, "ok");
	free(text);
	assert_int_equal(fix_peek(copy, "PRAGMA application_id"),
	    fix_peek(f->path, "PRAGMA application_id"));
	text = fix_peek_text(copy, "SELECT value FROM setting "
	    "WHERE key = 'intimacy'");
	assert_string_equal(text, "affection");
	free(text);

	t = fix_handle();
	assert_int_equal(tend_open(t, copy), TEND_OK);
	assert_int_equal(tend_partners(t, &list, &n), TEND_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "Sam");
	tend_partners_free(list, n);
	tend_free(t);
	assert_int_equal(leftovers(f->dir, "copy.db."), 0);
	free(copy);
}

static void
test_existing_target_refused_unless_forced(void **state)
{
	struct fixture *f = *state;
	char *copy = path_in(f, "copy.db");

	put_file(copy, "keep me\n");
	assert_int_equal(tend_backup(f->t, copy, 0), TEND_EEXIST);
	assert_non_null(strstr(tend_errmsg(f->t), copy));
	assert_string_equal(get_file(copy), "keep me\n");
	assert_int_equal(leftovers(f->dir, "copy.db."), 0);

	assert_int_equal(tend_backup(f->t, copy, 1), TEND_OK);
	assert_int_equal(fix_peek(copy, "SELECT count(*) FROM partner"), 2);
	assert_int_equal(leftovers(f->dir, "copy.db."), 0);
	free(copy);
}

static void
test_journal_itself_and_folders_refused(void **state)
{
	struct fixture *f = *state;
	char *wal = path_in(f, "journal.db-wal");

	assert_int_equal(tend_backup(f->t, f->path, 1), TEND_EINVAL);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM partner"), 2);
	assert_int_equal(tend_backup(f->t, f->dir, 1), TEND_EINVAL);
	assert_int_equal(tend_backup(f->t, "", 0), TEND_EINVAL);
	/* The -wal exists while the journal is open in WAL mode. */
	if (access(wal, F_OK) == 0)
		assert_int_equal(tend_backup(f->t, wal, 1), TEND_EINVAL);
	free(wal);
}

static void
test_missing_folder_is_an_io_error(void **state)
{
	struct fixture *f = *state;
	char *copy = path_in(f, "no/such/copy.db");

	assert_int_equal(tend_backup(f->t, copy, 0), TEND_EIO);
	free(copy);
}

/*
 * The file a front end writes an export into: made as a backup is (0600,
 * beside its target, in place only when whole), refusing what backup
 * refuses.
 */
static void
test_outfile_made_as_backups_are(void **state)
{
	struct fixture *f = *state;
	struct tend_outfile o;
	char *dest = path_in(f, "out.jsonl");
	char *wal = path_in(f, "journal.db-wal");
	struct stat st;

	assert_int_equal(tend_outfile_open(f->t, wal, "the export", 1, &o),
	    TEND_EINVAL);
	assert_int_equal(tend_outfile_open(f->t, dest, "the export", 0, &o),
	    TEND_OK);
	assert_int_equal(write(o.fd, "words\n", 6), 6);
	/* Not there until whole: only its temporary is. */
	assert_int_equal(access(dest, F_OK), -1);
	assert_int_equal(leftovers(f->dir, "out.jsonl."), 1);
	assert_int_equal(tend_outfile_commit(f->t, &o), TEND_OK);
	assert_string_equal(get_file(dest), "words\n");
	assert_int_equal(stat(dest, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(leftovers(f->dir, "out.jsonl."), 0);
	/* There now: refused without replace, and left as it was. */
	assert_int_equal(tend_outfile_open(f->t, dest, "the export", 0, &o),
	    TEND_EEXIST);
	assert_string_equal(get_file(dest), "words\n");
	/* Abandoned: the old file stays, no temporary is left. */
	assert_int_equal(tend_outfile_open(f->t, dest, "the export", 1, &o),
	    TEND_OK);
	assert_int_equal(write(o.fd, "other", 5), 5);
	tend_outfile_abandon(&o);
	assert_string_equal(get_file(dest), "words\n");
	assert_int_equal(leftovers(f->dir, "out.jsonl."), 0);
	/* Made meanwhile by someone else: never replaced without replace. */
	assert_int_equal(unlink(dest), 0);
	assert_int_equal(tend_outfile_open(f->t, dest, "the export", 0, &o),
	    TEND_OK);
	put_file(dest, "theirs\n");
	assert_int_equal(tend_outfile_commit(f->t, &o), TEND_EEXIST);
	assert_string_equal(get_file(dest), "theirs\n");
	assert_int_equal(leftovers(f->dir, "out.jsonl."), 0);
	free(dest);
	free(wal);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_copy_is_a_private_whole_journal, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_existing_target_refused_unless_forced, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_journal_itself_and_folders_refused, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_missing_folder_is_an_io_error, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_outfile_made_as_backups_are, fix_setup,
		    fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
