/*
 * insert.c - the reference for 'tend thanks': one note saved the way tend
 * saves one, and nothing else.  The journal is opened with the flags,
 * connection settings and pragmas of db.c's open_file() and configure(),
 * and one INSERT INTO note runs in a BEGIN IMMEDIATE transaction, so that
 * the FTS5 trigger of the schema indexes it and COMMIT syncs the WAL.
 * Usage: insert JOURNAL   (run by tests/bench/run.sh)
 */
#include <stdio.h>
#include <sqlite3.h>
#include <uuid/uuid.h>

static int
fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "insert: %s: %s\n", what, db ? sqlite3_errmsg(db) :
	    "cannot open");
	return 1;
}

int
main(int argc, char **argv)
{
	static const char *const pragmas[] = {
		"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
		"PRAGMA foreign_keys = ON", "PRAGMA secure_delete = ON",
		"PRAGMA temp_store = MEMORY",
		"PRAGMA journal_size_limit = 4194304",
	};
	sqlite3 *db = NULL;
	sqlite3_stmt *st;
	uuid_t u;
	char id[37];
	size_t i;
	int on;

	if (argc != 2) {
		fprintf(stderr, "usage: insert JOURNAL\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK)
		return fail(db, "open");
	sqlite3_extended_result_codes(db, 1);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, &on);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &on);
	sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_busy_timeout(db, 5000);
	for (i = 0; i < sizeof(pragmas) / sizeof(pragmas[0]); i++)
		if (sqlite3_exec(db, pragmas[i], NULL, NULL, NULL) != SQLITE_OK)
			return fail(db, pragmas[i]);
	uuid_generate_random(u);
	uuid_unparse_lower(u, id);
	if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "begin");
	if (sqlite3_prepare_v2(db, "INSERT INTO note(uuid, from_id, to_id,"
	    " body, week, created) VALUES (?1, 1, 2, 'for the benchmark',"
	    " '2026-W47', '2026-11-21T10:00:00Z')", -1, &st, NULL) !=
	    SQLITE_OK)
		return fail(db, "prepare");
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		return fail(db, "insert");
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return fail(db, "commit");
	return sqlite3_close(db) == SQLITE_OK ? 0 : fail(db, "close");
}
