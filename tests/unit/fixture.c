/*
 * fixture.c - the fixture the unit tests share: see fixture.h.
 *
 * Setups do not assert: they report why they failed and return -1, which
 * cmocka counts against the test, and leave nothing behind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tend.h"
#include "fixture.h"

const char *const fix_couple[2] = { "Sam", "Alex" };

/*
 * A new folder in /tmp, malloc'd, or NULL.  It is named after the test
 * program so that one a killed run leaves behind says whose it was.
 */
static char *
tmpdir_new(void)
{
	char *dir = NULL;

	if (asprintf(&dir, "/tmp/tend-%s.XXXXXX",
	    program_invocation_short_name) < 0)
		return NULL;
	if (mkdtemp(dir) == NULL) {
		print_error("mkdtemp %s: %s\n", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	return dir;
}

/* dir and everything in it gone: 0, or -1. */
static int
tmpdir_remove(const char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A handle at FIX_NOON, or NULL: fix_handle without the assert. */
static struct tend *
handle_new(void)
{
	struct tend *t = tend_new();

	if (t != NULL)
		tend_set_clock(t, FIX_NOON, 0);
	return t;
}

int
fix_open(struct fixture *f, const char *const *names, size_t n)
{
	int rc = -1;

	memset(f, 0, sizeof(*f));
	if ((f->dir = tmpdir_new()) == NULL)
		goto out;
	if (asprintf(&f->path, "%s/journal.db", f->dir) < 0) {
		f->path = NULL;		/* undefined after a failure */
		goto out;
	}
	if ((f->t = handle_new()) == NULL)
		goto out;
	if (tend_create(f->t, f->path, names, n) != TEND_OK) {
		print_error("tend_create %s: %s\n", f->path,
		    tend_errmsg(f->t));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		fix_close(f);
	return rc;
}

int
fix_close(struct fixture *f)
{
	int rc = 0;

	tend_free(f->t);
	if (f->dir != NULL)
		rc = tmpdir_remove(f->dir);
	free(f->path);
	free(f->dir);
	memset(f, 0, sizeof(*f));
	return rc;
}

int
fix_setup_names(void **state, const char *const *names, size_t n)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL || fix_open(f, names, n) != 0) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

int
fix_setup(void **state)
{
	return fix_setup_names(state, fix_couple, 2);
}

int
fix_teardown(void **state)
{
	struct fixture *f = *state;
	int rc;

	rc = fix_close(f);
	free(f);
	return rc;
}

int
fix_tmpdir(void **state)
{
	char *dir = tmpdir_new();

	if (dir == NULL)
		return -1;
	*state = dir;
	return 0;
}

int
fix_rmdir(void **state)
{
	int rc;

	rc = tmpdir_remove(*state);
	free(*state);
	return rc;
}

struct tend *
fix_handle(void)
{
	struct tend *t = handle_new();

	assert_non_null(t);
	return t;
}

struct tend *
fix_journal(const char *dir, const char *name, const char *const *names,
    size_t n, char **path)
{
	struct tend *t = fix_handle();

	assert_true(asprintf(path, "%s/%s", dir, name) > 0);
	assert_int_equal(tend_create(t, *path, names, n), TEND_OK);
	return t;
}

/* sql on path, stepped once: 1 when it gave a row, for the peeks to read. */
static int
peek_row(const char *path, const char *sql, sqlite3 **db,
    sqlite3_stmt **st)
{
	*db = NULL;
	*st = NULL;
	assert_int_equal(sqlite3_open(path, db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(*db, sql, -1, st, NULL),
	    SQLITE_OK);
	return sqlite3_step(*st) == SQLITE_ROW;
}

long long
fix_peek(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;

	if (peek_row(path, sql, &db, &st))
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

char *
fix_peek_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	const unsigned char *s;
	char *v = NULL;

	if (peek_row(path, sql, &db, &st) &&
	    (s = sqlite3_column_text(st, 0)) != NULL)
		assert_non_null(v = strdup((const char *)s));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

void
fix_poke(const char *path, const char *sql)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

void
fix_fill(struct fixture *f)
{
	const struct tend_catalog *cat = NULL;
	const struct tend_deck *d;
	char sql[4096];
	size_t i, q;
	int len;

	assert_int_equal(tend_catalog(f->t, &cat), TEND_OK);
	for (i = 0; i < cat->ndecks; i++) {
		d = &cat->decks[i];
		len = snprintf(sql, sizeof(sql), "INSERT OR IGNORE INTO answer"
		    " (uuid, checkin_id, partner_id, question, prompt, kind,"
		    " value, created, updated) SELECT 'fill-' || c.id || '-' ||"
		    " p.id || '-' || q.value, c.id, p.id, q.value, 'Q', 'text',"
		    " NULL, c.started, c.started FROM checkin c, partner p,"
		    " json_each('[");
		for (q = 0; q < d->nquestions; q++)
			len += snprintf(sql + len, sizeof(sql) - (size_t)len,
			    "%s\"%s\"", q ? "," : "", d->questions[q].id);
		len += snprintf(sql + len, sizeof(sql) - (size_t)len, "]') q"
		    " WHERE c.finished IS NOT NULL AND c.deck = '%s'", d->id);
		assert_true(len > 0 && (size_t)len < sizeof(sql));
		fix_poke(f->path, sql);
	}
}

int
fix_status_json(struct tend *t, const char *viewer, char **json)
{
	struct tend_partner_notes *notes = NULL;
	struct tend_status s;
	size_t n = 0;
	int rc;

	*json = NULL;
	if ((rc = tend_status(t, viewer, &s)) == TEND_OK &&
	    (rc = tend_status_notes(t, viewer, &notes, &n)) == TEND_OK)
		rc = tend_status_json(t, &s, notes, n, json);
	tend_status_notes_free(notes, n);
	return rc;
}

int
fix_history_json(struct tend *t, const char *viewer, char **json)
{
	struct tend_checkin_row *rows = NULL;
	size_t n = 0;
	int rc;

	*json = NULL;
	if ((rc = tend_history(t, viewer, 0, &rows, &n)) == TEND_OK)
		rc = tend_history_json(t, rows, n, json);
	tend_history_free(rows, n);
	return rc;
}
