/*
 * db.c - SQL for the other modules: statements prepared, bound, stepped
 * and read, transactions, SQLite's failures as tend's errors and messages,
 * and the full-text index paused for a bulk write.  With open.c, the only
 * includer of sqlite3.h.
 */
#include <sys/resource.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tend-int.h"

const char *
tend_sqlite_version(void)
{
	return sqlite3_libversion();
}

int
db_fail(struct tend *t, const char *doing)
{
	const char *msg;
	int xrc;
	struct rlimit fsize;

	/* A handle no journal was opened on, or one whose open failed. */
	if (t->db == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	msg = sqlite3_errmsg(t->db);
	xrc = sqlite3_extended_errcode(t->db);

	/*
	 * SQLite reports a write past a file-size limit (EFBIG, SIGXFSZ being
	 * ignored) as a plain write error and loses the errno: with a limit
	 * set, name it as the likely cause.
	 */
	if (xrc == SQLITE_IOERR_WRITE && getrlimit(RLIMIT_FSIZE, &fsize) == 0 &&
	    fsize.rlim_cur != RLIM_INFINITY)
		return tend_seterr(t, TEND_EFULL, "cannot write the journal "
		    "while %s: it reached the file-size limit (ulimit -f); "
		    "raise the limit and try again", doing);
	switch (xrc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return tend_seterr(t, TEND_EBUSY, "the journal is busy while "
		    "%s: another tend is using it; try again in a moment",
		    doing);
	case SQLITE_FULL:
		return tend_seterr(t, TEND_EFULL, "the disk is full while "
		    "%s; free some space and try again", doing);
	case SQLITE_READONLY:
		return tend_seterr(t, TEND_EREADONLY, "cannot write the "
		    "journal while %s: it or its folder is read-only", doing);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return tend_setfix(t, tend_seterr(t, TEND_EDATA, "the journal "
		    "is damaged (%s while %s)", msg, doing), TEND_FIX_CHECK,
		    NULL);
	case SQLITE_NOMEM:
		return tend_seterr(t, TEND_ENOMEM, "out of memory while %s",
		    doing);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return tend_seterr(t, TEND_EIO, "I/O error while %s: %s",
		    doing, msg);
	default:
		return tend_seterr(t, TEND_EDB, "%s: %s", doing, msg);
	}
}

int
db_exec(struct tend *t, const char *sql, const char *doing)
{
	if (t->db == NULL ||
	    sqlite3_exec(t->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(t, doing);
	return TEND_OK;
}

int
db_begin(struct tend *t)
{
	/* IMMEDIATE takes the write lock now, under the busy timeout. */
	return db_exec(t, "BEGIN IMMEDIATE", "starting to save");
}

int
db_commit(struct tend *t)
{
	int rc;

	if ((t->changing && (rc = change_close(t)) != TEND_OK) ||
	    (rc = db_exec(t, "COMMIT", "saving")) != TEND_OK)
		db_rollback(t);
	return rc;
}

void
db_rollback(struct tend *t)
{
	t->changing = 0;
	if (t->db != NULL && !sqlite3_get_autocommit(t->db))
		sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
}

int
db_prepare(struct tend *t, sqlite3_stmt **st, const char *sql)
{
	if (t->db == NULL ||
	    sqlite3_prepare_v2(t->db, sql, -1, st, NULL) != SQLITE_OK)
		return db_fail(t, "reading the journal");
	return TEND_OK;
}

int
db_bind_text(struct tend *t, sqlite3_stmt *st, int i, const char *s)
{
	int rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT)
	    : sqlite3_bind_null(st, i);

	return rc == SQLITE_OK ? TEND_OK : db_fail(t, "preparing a query");
}

int
db_bind_int(struct tend *t, sqlite3_stmt *st, int i, long long v)
{
	if (sqlite3_bind_int64(st, i, v) != SQLITE_OK)
		return db_fail(t, "preparing a query");
	return TEND_OK;
}

int
db_step(struct tend *t, sqlite3_stmt *st, const char *doing, int *row)
{
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		*row = 1;
		return TEND_OK;
	case SQLITE_DONE:
		*row = 0;
		return TEND_OK;
	default:
		*row = 0;
		return db_fail(t, doing);
	}
}

int
db_step_done(struct tend *t, sqlite3_stmt *st, const char *doing)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return TEND_OK;
	if (rc == SQLITE_ROW)
		return tend_seterr(t, TEND_EDB, "%s: unexpected row", doing);
	return db_fail(t, doing);
}

void
db_reset(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

void
db_finalize(sqlite3_stmt *st)
{
	sqlite3_finalize(st);
}

const char *
db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

long long
db_col_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_int64(st, i);
}

int
db_col_null(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL;
}

/* The tables the full-text index follows, their insert triggers, and how
 * a row becomes an entry (rowid id * 4 + kind, as schema_v1 says). */
static const struct {
	const char	*trigger;
	const char	*table;
	const char	*index;
} fts_sources[3] = {
	{ "answer_ai", "answer", "INSERT INTO fts(rowid, body) SELECT"
	  " id * 4 + 1, value FROM answer WHERE id > ?1 AND kind = 'text'"
	  " AND value IS NOT NULL" },
	{ "note_ai", "note", "INSERT INTO fts(rowid, body) SELECT"
	  " id * 4 + 2, body FROM note WHERE id > ?1" },
	{ "experiment_ai", "experiment", "INSERT INTO fts(rowid, body) SELECT"
	  " id * 4 + 3, reflection FROM experiment WHERE id > ?1"
	  " AND reflection IS NOT NULL" },
};

int
db_fts_pause(struct tend *t, struct db_fts_pause *p)
{
	sqlite3_stmt *st = NULL;
	char sql[256];
	int i, n, rc = TEND_OK;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < 3; i++) {
		n = snprintf(sql, sizeof(sql), "SELECT (SELECT sql FROM"
		    " sqlite_master WHERE type = 'trigger' AND name = '%s'),"
		    " (SELECT coalesce(max(id), 0) FROM %s)",
		    fts_sources[i].trigger, fts_sources[i].table);
		if (n < 0 || (size_t)n >= sizeof(sql)) {
			rc = tend_seterr(t, TEND_EDB, "preparing the import: "
			    "a query does not fit");
			goto out;
		}
		if ((rc = db_prepare(t, &st, sql)) != TEND_OK)
			goto out;
		if (sqlite3_step(st) != SQLITE_ROW) {
			rc = db_fail(t, "preparing the import");
			goto out;
		}
		p->last[i] = sqlite3_column_int64(st, 1);
		if (sqlite3_column_type(st, 0) != SQLITE_NULL &&
		    (p->sql[i] = strdup((const char *)sqlite3_column_text(st,
		    0))) == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			goto out;
		}
		sqlite3_finalize(st);
		st = NULL;
		if (p->sql[i] == NULL)
			continue;
		snprintf(sql, sizeof(sql), "DROP TRIGGER main.%s",
		    fts_sources[i].trigger);
		if ((rc = db_exec(t, sql, "preparing the import")) != TEND_OK)
			goto out;
	}
out:
	sqlite3_finalize(st);
	if (rc != TEND_OK)
		db_fts_resume(t, p, 0);
	return rc;
}

int
db_fts_resume(struct tend *t, struct db_fts_pause *p, int apply)
{
	sqlite3_stmt *st = NULL;
	int i, rc = TEND_OK;

	for (i = 0; i < 3; i++) {
		if (apply && rc == TEND_OK && p->sql[i] != NULL) {
			if ((rc = db_prepare(t, &st, fts_sources[i].index)) ==
			    TEND_OK && (rc = db_bind_int(t, st, 1,
			    p->last[i])) == TEND_OK)
				rc = db_step_done(t, st, "indexing for search");
			sqlite3_finalize(st);
			st = NULL;
			if (rc == TEND_OK)
				rc = db_exec(t, p->sql[i], "indexing for "
				    "search");
		}
		free(p->sql[i]);
		p->sql[i] = NULL;
	}
	return rc;
}

double
db_col_double(sqlite3_stmt *st, int i)
{
	return sqlite3_column_double(st, i);
}

int
db_bind_double(struct tend *t, sqlite3_stmt *st, int i, double v)
{
	if (sqlite3_bind_double(st, i, v) != SQLITE_OK)
		return db_fail(t, "preparing a query");
	return TEND_OK;
}

int
db_query_int(struct tend *t, const char *sql, long long *v)
{
	sqlite3_stmt *st = NULL;
	int rc, row;

	if ((rc = db_prepare(t, &st, sql)) != TEND_OK)
		goto out;
	if ((rc = db_step(t, st, "reading the journal header", &row)) !=
	    TEND_OK)
		goto out;
	*v = row ? sqlite3_column_int64(st, 0) : 0;
out:
	sqlite3_finalize(st);
	return rc;
}
