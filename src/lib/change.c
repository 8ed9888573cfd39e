/*
 * change.c - the change log: every write to the journal is one change, a
 * row of its own that says what it did, and triggers note under it how to
 * take each row it touched back (the technique of SQLite's "Automatic Undo
 * and Redo Using Triggers").  Undo replays the newest change's notes in
 * reverse; what a change deleted or replaced stays in them, out of every
 * view, until the trash is emptied or TEND_TRASH_DAYS have passed.
 * Deleted records also leave a tombstone (uuid, kind, time, device), which
 * stays, so that a deletion can travel to another copy of the journal.
 *
 * A change is open while its transaction is: change.open is 1 for a
 * change being made, under which the triggers log, and 2 for one being
 * undone, while they keep quiet; db_commit closes it.  Writes with no
 * change open (a journal being made, someone's sqlite3 shell) are not
 * logged: every other write of the library opens one
 * (tests/cli/layers.bats).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tend-int.h"

/* The tables whose rows are logged, and whether a deleted row leaves a
 * tombstone (the records with a uuid). */
static const struct {
	const char	*table;
	int		 tomb;
} logged[CHANGE_NTABLES] = {
	{ "partner", 1 },
	{ "checkin", 1 },
	{ "answer", 1 },
	{ "note", 1 },
	{ "experiment", 1 },
	{ "assessment", 1 },
	{ "assessment_answer", 0 },
	{ "assessment_score", 0 },
	{ "setting", 0 },
	{ "tombstone", 0 },
};

/* The statement each trigger begins with: a step under the open change. */
#define QUIET	" WHEN EXISTS (SELECT 1 FROM change WHERE open = 1) BEGIN" \
		" INSERT INTO change_step(change_id, undo) VALUES" \
		" ((SELECT id FROM change WHERE open = 1), "

/* The three triggers of table i, from its columns as they are now. */
static int
triggers_of(struct tend *t, size_t i)
{
	const char *name = logged[i].table;
	sqlite3_stmt *st = NULL;
	char *cols = NULL, *sets = NULL, *vals = NULL, *sql = NULL;
	size_t ncols = 0, nsets = 0, nvals = 0, nsql = 0;
	FILE *fc, *fs, *fv, *fq = NULL;
	int rc, row, first = 1;
	char query[64];

	fc = open_memstream(&cols, &ncols);
	fs = open_memstream(&sets, &nsets);
	fv = open_memstream(&vals, &nvals);
	snprintf(query, sizeof(query), "PRAGMA main.table_info(%s)", name);
	if ((rc = db_prepare(t, &st, query)) != TEND_OK)
		goto out;
	while ((rc = db_step(t, st, "upgrading the journal", &row)) ==
	    TEND_OK && row) {
		const char *c = db_col_text(st, 1);

		if (fc == NULL || fs == NULL || fv == NULL)
			break;
		fprintf(fc, ", %s", c);
		fprintf(fs, "%s%s = ' || quote(old.%s) || '", first ? "" : ", ",
		    c, c);
		fprintf(fv, ", ' || quote(old.%s) || '", c);
		first = 0;
	}
	if (rc != TEND_OK)
		goto out;
	if (fc == NULL || fs == NULL || fv == NULL || fclose(fc) != 0 ||
	    (fc = NULL, fclose(fs) != 0) || (fs = NULL, fclose(fv) != 0) ||
	    (fv = NULL, (fq = open_memstream(&sql, &nsql)) == NULL)) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	fprintf(fq, "CREATE TRIGGER log_%s_ai AFTER INSERT ON %s" QUIET
	    "'DELETE FROM %s WHERE rowid = ' || new.rowid); END;", name, name,
	    name);
	fprintf(fq, "CREATE TRIGGER log_%s_au AFTER UPDATE ON %s" QUIET
	    "'UPDATE %s SET %s WHERE rowid = ' || old.rowid); END;", name,
	    name, name, sets);
	fprintf(fq, "CREATE TRIGGER log_%s_ad AFTER DELETE ON %s" QUIET
	    "'INSERT INTO %s(rowid%s) VALUES (' || old.rowid || '%s)');",
	    name, name, name, cols, vals);
	if (logged[i].tomb)
		fprintf(fq, " INSERT INTO tombstone(uuid, kind, deleted, device)"
		    " VALUES (old.uuid, '%s', (SELECT at FROM change WHERE"
		    " open = 1), (SELECT device FROM replica));", name);
	fputs(" END;", fq);
	if (fclose(fq) != 0) {
		fq = NULL;
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	fq = NULL;
	rc = db_exec(t, sql, "upgrading the journal");
out:
	db_finalize(st);
	if (fc != NULL)
		fclose(fc);
	if (fs != NULL)
		fclose(fs);
	if (fv != NULL)
		fclose(fv);
	if (fq != NULL)
		fclose(fq);
	free(cols);
	free(sets);
	free(vals);
	free(sql);
	return rc;
}

int
change_triggers(struct tend *t)
{
	size_t i;
	int rc;

	for (i = 0; i < NELEM(logged); i++)
		if ((rc = triggers_of(t, i)) != TEND_OK)
			return rc;
	return TEND_OK;
}

/* Open a change row, in an open transaction. */
static int
change_open(struct tend *t, const char *what)
{
	sqlite3_stmt *st = NULL;
	char stamp[32];
	int rc;

	tend_stamp(t, stamp);
	if ((rc = db_prepare(t, &st, "INSERT INTO change(at, device, what, "
	    "open) VALUES (?1, (SELECT device FROM replica), ?2, 1)")) ==
	    TEND_OK && (rc = db_bind_text(t, st, 1, stamp)) == TEND_OK &&
	    (rc = db_bind_text(t, st, 2, what)) == TEND_OK)
		rc = db_step_done(t, st, "saving");
	db_finalize(st);
	if (rc == TEND_OK)
		t->changing = 1;
	return rc;
}

/* Changes older than TEND_TRASH_DAYS go, and what they kept with them. */
static int
purge(struct tend *t)
{
	sqlite3_stmt *st = NULL;
	struct tend t2;
	char cutoff[32];
	int rc, old;

	t2.now = t->now - (time_t)TEND_TRASH_DAYS * 86400;
	tend_stamp(&t2, cutoff);
	/* Looked for first: a write with nothing to purge fails as itself. */
	if ((rc = db_prepare(t, &st, "SELECT 1 FROM change WHERE at < ?1 AND "
	    "open IS NULL LIMIT 1")) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, cutoff)) != TEND_OK ||
	    (rc = db_step(t, st, "reading the changes", &old)) != TEND_OK ||
	    !old)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_prepare(t, &st, "DELETE FROM change WHERE at < ?1 AND "
	    "open IS NULL")) == TEND_OK &&
	    (rc = db_bind_text(t, st, 1, cutoff)) == TEND_OK)
		rc = db_step_done(t, st, "emptying the trash");
out:
	db_finalize(st);
	return rc;
}

int
change_begin(struct tend *t, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	int rc;

	/*
	 * A journal being made (by init, or by an import into no journal)
	 * has nothing to take back: no change is opened, nothing is logged.
	 */
	if (t->building != NULL)
		return db_begin(t);
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if ((rc = db_begin(t)) != TEND_OK)
		return rc;
	if ((rc = purge(t)) != TEND_OK ||
	    (rc = change_open(t, what)) != TEND_OK)
		db_rollback(t);
	return rc;
}

int
change_what(struct tend *t, const char *fmt, ...)
{
	sqlite3_stmt *st = NULL;
	char what[256];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if ((rc = db_prepare(t, &st, "UPDATE change SET what = ?1 WHERE "
	    "open = 1")) == TEND_OK &&
	    (rc = db_bind_text(t, st, 1, what)) == TEND_OK)
		rc = db_step_done(t, st, "saving");
	db_finalize(st);
	return rc;
}

int
change_close(struct tend *t)
{
	t->changing = 0;
	return db_exec(t, "DELETE FROM change WHERE open = 2;"
	    "UPDATE change SET open = NULL WHERE open = 1", "saving");
}

/* ---- Bulk inserts: an import ---------------------------------------- */

int
change_bulk_begin(struct tend *t, struct change_bulk *b)
{
	sqlite3_stmt *st = NULL;
	char sql[160];
	size_t i;
	int rc = TEND_OK, row;

	memset(b, 0, sizeof(*b));
	for (i = 0; i < NELEM(logged) && rc == TEND_OK; i++) {
		snprintf(sql, sizeof(sql), "SELECT (SELECT sql FROM sqlite_master"
		    " WHERE type = 'trigger' AND name = 'log_%s_ai'),"
		    " (SELECT coalesce(max(rowid), 0) FROM %s)",
		    logged[i].table, logged[i].table);
		if ((rc = db_prepare(t, &st, sql)) != TEND_OK ||
		    (rc = db_step(t, st, "preparing the import", &row)) !=
		    TEND_OK)
			break;
		b->last[i] = db_col_int(st, 1);
		if (!db_col_null(st, 0) &&
		    (b->sql[i] = strdup(db_col_text(st, 0))) == NULL)
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		db_finalize(st);
		st = NULL;
		if (rc != TEND_OK || b->sql[i] == NULL)
			continue;
		snprintf(sql, sizeof(sql), "DROP TRIGGER main.log_%s_ai",
		    logged[i].table);
		rc = db_exec(t, sql, "preparing the import");
	}
	db_finalize(st);
	if (rc != TEND_OK)
		change_bulk_end(t, b, 0);
	return rc;
}

int
change_bulk_end(struct tend *t, struct change_bulk *b, int apply)
{
	char sql[320];
	size_t i;
	int rc = TEND_OK;

	for (i = 0; i < NELEM(logged); i++) {
		/*
		 * Rows were only added, each above the last before: taking
		 * them back is deleting those (a step per table that grew).
		 */
		if (apply && rc == TEND_OK && t->changing) {
			snprintf(sql, sizeof(sql), "INSERT INTO change_step("
			    "change_id, undo) SELECT (SELECT id FROM change WHERE"
			    " open = 1), 'DELETE FROM %s WHERE rowid > %lld'"
			    " WHERE (SELECT max(rowid) FROM %s) > %lld",
			    logged[i].table, b->last[i], logged[i].table,
			    b->last[i]);
			rc = db_exec(t, sql, "importing");
		}
		if (apply && rc == TEND_OK && b->sql[i] != NULL)
			rc = db_exec(t, b->sql[i], "importing");
		free(b->sql[i]);
		b->sql[i] = NULL;
	}
	return rc;
}

/* ---- What can be undone, and undoing it ---------------------------- */

/* A change's columns as tend_changes and tend_undo read them. */
#define CHANGE_COLS "id, at, what, EXISTS (SELECT 1 FROM change_step s " \
	"WHERE s.change_id = c.id AND s.undo NOT LIKE 'DELETE %') FROM change c"

static int
change_read(struct tend *t, sqlite3_stmt *st, struct tend_change *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_col_int(st, 0);
	text_copy(c->at, sizeof(c->at), db_col_text(st, 1));
	c->when = stamp_time(c->at);
	c->kept = (int)db_col_int(st, 3);
	if ((c->what = strdup(db_col_text(st, 2))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	return TEND_OK;
}

int
tend_changes(struct tend *t, int kept_only, struct tend_change **out,
    size_t *n)
{
	sqlite3_stmt *st = NULL;
	struct tend_change *v = NULL, *grown;
	size_t len = 0, cap = 0;
	int rc, row;

	*out = NULL;
	*n = 0;
	if ((rc = db_prepare(t, &st, "SELECT " CHANGE_COLS " WHERE open IS "
	    "NULL ORDER BY id DESC")) != TEND_OK)
		return rc;
	while ((rc = db_step(t, st, "reading the changes", &row)) == TEND_OK &&
	    row) {
		if (kept_only && !db_col_int(st, 3))
			continue;
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			if ((grown = realloc(v, cap * sizeof(*v))) == NULL) {
				rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
				break;
			}
			v = grown;
		}
		if ((rc = change_read(t, st, &v[len])) != TEND_OK)
			break;
		len++;
	}
	db_finalize(st);
	if (rc != TEND_OK) {
		tend_changes_free(v, len);
		return rc;
	}
	*out = v;
	*n = len;
	return TEND_OK;
}

void
tend_changes_free(struct tend_change *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i].what);
	free(v);
}

/*
 * One logged step, as the triggers wrote it: a single statement that
 * deletes, updates or inserts a row of a logged table and nothing else.
 * The journal is the user's file, but a step is SQL read from it: one
 * that is anything else is refused rather than run.
 */
static int
step_ok(const char *sql)
{
	static const char *const forms[] = { "DELETE FROM ", "UPDATE ",
	    "INSERT INTO " };
	size_t f, i, n;

	for (f = 0; f < NELEM(forms); f++) {
		n = strlen(forms[f]);
		if (strncmp(sql, forms[f], n) != 0)
			continue;
		for (i = 0; i < NELEM(logged); i++) {
			size_t m = strlen(logged[i].table);

			if (strncmp(sql + n, logged[i].table, m) == 0 &&
			    (sql[n + m] == ' ' || sql[n + m] == '('))
				return 1;
		}
	}
	return 0;
}

static int
run_step(struct tend *t, const char *sql)
{
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	int rc;

	if (!step_ok(sql) || sqlite3_prepare_v2(t->db, sql, -1, &st, &tail) !=
	    SQLITE_OK || st == NULL || (tail != NULL && *tail != '\0') ||
	    sqlite3_bind_parameter_count(st) != 0) {
		sqlite3_finalize(st);
		return tend_setfix(t, tend_seterr(t, TEND_EDATA, "the journal's "
		    "change log is damaged: a step cannot be undone"),
		    TEND_FIX_CHECK, NULL);
	}
	rc = sqlite3_step(st) == SQLITE_DONE ? TEND_OK :
	    db_fail(t, "undoing the change");
	sqlite3_finalize(st);
	return rc;
}

int
tend_undo(struct tend *t, struct tend_change *undone)
{
	sqlite3_stmt *st = NULL;
	struct tend_change c;
	int rc, row;

	memset(&c, 0, sizeof(c));
	if ((rc = db_begin(t)) != TEND_OK)
		return rc;
	if ((rc = db_prepare(t, &st, "SELECT " CHANGE_COLS " WHERE open IS "
	    "NULL ORDER BY id DESC LIMIT 1")) != TEND_OK ||
	    (rc = db_step(t, st, "reading the changes", &row)) != TEND_OK)
		goto out;
	if (!row) {
		rc = tend_seterr(t, TEND_ENOENT, "there is nothing to undo: "
		    "no change is left in the journal's log");
		goto out;
	}
	if ((rc = change_read(t, st, &c)) != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	/* Rows come back in any order: parents are checked at COMMIT. */
	if ((rc = db_exec(t, "PRAGMA defer_foreign_keys = ON", "undoing the "
	    "change")) != TEND_OK ||
	    (rc = db_prepare(t, &st, "UPDATE change SET open = 2 WHERE id = "
	    "?1")) != TEND_OK || (rc = db_bind_int(t, st, 1, c.id)) !=
	    TEND_OK || (rc = db_step_done(t, st, "undoing the change")) !=
	    TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	t->changing = 1;
	if ((rc = db_prepare(t, &st, "SELECT undo FROM change_step WHERE "
	    "change_id = ?1 ORDER BY id DESC")) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, c.id)) != TEND_OK)
		goto out;
	while ((rc = db_step(t, st, "undoing the change", &row)) == TEND_OK &&
	    row)
		if ((rc = run_step(t, db_col_text(st, 0))) != TEND_OK)
			break;
	if (rc != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_commit(t)) != TEND_OK)
		goto out;
	if (undone != NULL) {
		*undone = c;
		c.what = NULL;
	}
out:
	db_finalize(st);
	if (rc != TEND_OK)
		db_rollback(t);
	free(c.what);
	return rc;
}

int
tend_trash_empty(struct tend *t, size_t *nchanges)
{
	long long n = 0;
	int rc;

	if (nchanges != NULL)
		*nchanges = 0;
	if ((rc = db_begin(t)) != TEND_OK)
		return rc;
	/*
	 * Secure delete overwrites the rows' pages; the search index keeps
	 * deleted words in its segments until they are merged, so merge them
	 * all; and the old pages in the WAL go with a truncating checkpoint.
	 */
	if ((rc = db_query_int(t, "SELECT count(*) FROM change", &n)) !=
	    TEND_OK ||
	    (rc = db_exec(t, "DELETE FROM change", "emptying the trash")) !=
	    TEND_OK ||
	    (rc = db_exec(t, "INSERT INTO fts(fts) VALUES ('optimize')",
	    "emptying the trash")) != TEND_OK ||
	    (rc = db_commit(t)) != TEND_OK) {
		db_rollback(t);
		return rc;
	}
	/* A busy reader may hold the WAL: what is left goes at its end. */
	(void)db_exec(t, "PRAGMA wal_checkpoint(TRUNCATE)", "emptying the "
	    "trash");
	if (nchanges != NULL)
		*nchanges = (size_t)n;
	return TEND_OK;
}
