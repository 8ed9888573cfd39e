/*
 * tend-int.h - what the modules of libtend share and nobody else sees:
 * the handle, error reporting and the storage helpers of db.c.
 */
#ifndef TEND_INT_H
#define TEND_INT_H

#include <stdarg.h>
#include <stdint.h>
#include <time.h>

#include "tend.h"

struct sqlite3;
struct sqlite3_stmt;

struct content;

struct tend {
	struct sqlite3	*db;
	char		*config_dir;	/* may hold the user's content.json */
	struct content	*content;	/* the catalogue, once loaded */
	char		*path;		/* the open journal */
	char		*madedir;	/* outermost folder a create made */
	time_t		 now;		/* the injected clock */
	long		 utcoff;	/* local offset from UTC, seconds */
	char		 err[512];	/* the last failure */
};

/* Record a failure: keeps the message and returns code, for "return". */
int	tend_seterr(struct tend *, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Current time as UTC RFC 3339, "2026-11-21T05:27:12Z". */
void	tend_stamp(const struct tend *, char buf[32]);

/* Today's local date and this week, from the injected clock. */
struct tend_week tend_this_week(const struct tend *);

/* partner.c: the partners in turn order, and their row ids with ids. */
int	partners_load(struct tend *, struct tend_partner **, long long **ids,
	    size_t *);

/* checkin.c: the handle a check-in belongs to, for its errors. */
struct tend *checkin_tend(const struct tend_checkin *);

/* content.c: release the loaded catalogue. */
void	content_free(struct content *);

/* A new random UUID in lower case. */
void	tend_uuid(char buf[37]);

/*
 * seed.c: reproducible choices.  seed_hash is FNV-1a (start from
 * SEED_BASIS), seed_next is splitmix64; seed_journal starts a state from
 * the journal's own id, so two couples see different orders.
 */
#define SEED_BASIS	UINT64_C(0xcbf29ce484222325)
uint64_t seed_hash(uint64_t h, const void *p, size_t n);
uint64_t seed_next(uint64_t *state);
int	seed_journal_id(struct tend *, char **out);
int	seed_journal(struct tend *, uint64_t *state);

/*
 * Storage (db.c).  db_open and db_create leave t->db open with every pragma
 * of RELIABILITY.md in force.  The transaction helpers take the write lock
 * at BEGIN so that a busy journal waits for its busy timeout, not fails.
 */
int	db_open(struct tend *, const char *path);
int	db_create(struct tend *, const char *path);
void	db_close(struct tend *);
int	db_begin(struct tend *);
int	db_commit(struct tend *);
void	db_rollback(struct tend *);
int	db_exec(struct tend *, const char *sql, const char *doing);
/* Map the handle's last SQLite error to an enum tend_err with a message. */
int	db_fail(struct tend *, const char *doing);
/* After a failed create: close, remove the folders made and, with
 * made_file, the journal and its -wal and -shm. */
void	db_abandon(struct tend *, const char *path, int made_file);

/*
 * Statements, so that no other module needs sqlite3.h.  A borrowed column
 * is valid until the next step, reset or finalize of its statement.
 */
int	db_prepare(struct tend *, struct sqlite3_stmt **, const char *sql);
int	db_bind_text(struct tend *, struct sqlite3_stmt *, int, const char *);
int	db_bind_int(struct tend *, struct sqlite3_stmt *, int, long long);
/* One step: *row is 1 with a row, 0 when done. */
int	db_step(struct tend *, struct sqlite3_stmt *, const char *doing,
	    int *row);
/* One step that must finish the statement. */
int	db_step_done(struct tend *, struct sqlite3_stmt *, const char *doing);
void	db_reset(struct sqlite3_stmt *);
void	db_finalize(struct sqlite3_stmt *);
const char *db_col_text(struct sqlite3_stmt *, int);	/* "" for NULL */
long long db_col_int(struct sqlite3_stmt *, int);
int	db_col_null(struct sqlite3_stmt *, int);

/*
 * Migrations: step i takes the schema from version i to i + 1, each in one
 * transaction.  Exposed so the unit tests can drive the mechanism with
 * steps of their own.
 */
struct db_step {
	const char	*sql;
};
int	db_migrate(struct tend *, const struct db_step *, int nsteps);

#endif /* TEND_INT_H */
