/*
 * tend-int.h - what the modules of libtend share and nobody else sees:
 * the handle, error reporting and the storage helpers of db.c and open.c.
 */
#ifndef TEND_INT_H
#define TEND_INT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "tend.h"

struct sqlite3;
struct sqlite3_stmt;

struct content;

/*
 * Characters in any title (a deck's, a tip's, an experiment's, ...), as
 * data/README.md gives it: content.c checks the catalogue against it and
 * import.c the titles an export carries.
 */
#define TITLE_MAX	72

/* The elements of an array (not of a pointer). */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * assess.c: a result's fits and concern from its scores.  assessview.c:
 * the TEND_RUT_ and TEND_BLOCK_ bits that fit the couple, for the weekly
 * experiment to lean on: once every partner has answered (or from the
 * result they answered together before), else none.
 */
void	assess_summarise(struct tend_assessment *);
/*
 * The latest complete assessment of partner pid (0: the couple's,
 * answered together before each answered alone), or with complete 0 the
 * one in progress: its row id in *id, 0 when there is none.
 */
int	assess_find(struct tend *, long long pid, int complete, long long *id);
int	assess_fits(struct tend *, unsigned *tags);

/*
 * draw.c: the catalogue index of week's nth experiment (0 the first, 1
 * after one replacement), never exclude (an id, or NULL); w is week
 * parsed, by a caller that has checked it.  Reads the journal's past
 * experiments: run it in the transaction that saves the choice.
 */
int	draw_experiment(struct tend *, const struct tend_catalog *,
	    const char *week, struct tend_week w, long long nth,
	    const char *exclude, size_t *pick);

/*
 * file.c: the safety rules open enforces, one at a time: the journal file
 * (a link, another owner, a mode open to others, hard links) and its
 * folder (writable by others).  TEND_OK when safe; else the problem is
 * the handle's message and fix (nfix bytes, maybe "") says what to do.
 * file_check_side: the same rules for a -wal or -shm file (side, the full
 * name) before SQLite opens it: TEND_OK when it is absent or safe.
 * file_check_safe: all of them for the journal at path, the problem and
 * its fix in one message.
 */
int	file_check_journal(struct tend *, const char *path, char *fix,
	    size_t nfix);
int	file_check_folder(struct tend *, const char *path, char *fix,
	    size_t nfix);
int	file_check_side(struct tend *, const char *side, char *fix,
	    size_t nfix);
int	file_check_safe(struct tend *, const char *path);
/*
 * Whether dest is the open journal or its -wal or -shm (by name, or by
 * device and inode, so any name for them), or an existing path that is
 * not a regular file: TEND_EINVAL saying so ("give another path for
 * WHAT"), else TEND_OK.  For backup and export -o.
 */
int	file_check_output(struct tend *, const char *dest, const char *what);
/*
 * Durable new files.  file_temp: a new 0600 file beside dest, named
 * DEST.tmp-XXXXXX into tmp, open in *fd.  file_publish: fd synced, tmp
 * renamed to dest (over it only with replace: TEND_EEXIST otherwise, with
 * no race) and the folder synced.  file_rename: the rename alone, -1 and
 * errno on failure.  file_sync_folder: fsync of path's folder, -1 on
 * failure.  file_io_code: the TEND_E* code of an errno.
 */
int	file_temp(struct tend *, const char *dest, char *tmp, size_t size,
	    int *fd);
int	file_publish(struct tend *, int fd, const char *tmp, const char *dest,
	    int replace);
int	file_rename(const char *tmp, const char *dest, int replace);
int	file_sync_folder(const char *path);
int	file_io_code(int err);

/*
 * text.c: src copied into dst[size], cut (when it does not fit) at the
 * last whole UTF-8 character that does, so that a cut copy is still
 * valid UTF-8.
 */
void	text_copy(char *dst, size_t size, const char *src);

struct tend {
	struct sqlite3	*db;
	char		*config_dir;	/* may hold the user's content.json */
	const struct tend_catalog *catalog;	/* in use, once loaded */
	struct content	*content;	/* what catalog points into when the
					   user has a content.json */
	struct content	*retired;	/* catalogues of earlier config
					   folders, kept until tend_free:
					   what they handed out may be in
					   use */
	char		*path;		/* the open journal */
	char		*madedir;	/* outermost folder a create made */
	char		*building;	/* the temporary file a new journal is
					   built in, until db_publish */
	int		 readonly;	/* opened read-only: its file or
					   folder cannot be written */
	int		 changing;	/* a change is open (change.c) */
	time_t		 now;		/* the injected clock */
	long		 utcoff;	/* local offset from UTC at now,
					   seconds; at every instant when
					   zone is NULL */
	tend_zone_fn	 zone;		/* the offset at any instant */
	void		*zone_arg;
	char		 err[512];	/* the last failure */
	enum tend_fix	 fix;		/* and its mend */
	const char	*fixarg;	/* static, or NULL */
};

/*
 * Record a failure: keeps the message, clears the mend and returns code,
 * for "return".  tend_setfix then adds the mend (arg static or NULL):
 * return tend_setfix(t, tend_seterr(t, ...), TEND_FIX_..., NULL).
 */
int	tend_seterr(struct tend *, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	tend_setfix(struct tend *, int code, enum tend_fix, const char *arg);

/* Current time as UTC RFC 3339, "2026-11-21T05:27:12Z". */
void	tend_stamp(const struct tend *, char buf[32]);

/* Today's local date and this week, from the injected clock. */
struct tend_week tend_this_week(const struct tend *);

/*
 * when.c: local dates, each at the offset in force at its own instant.
 * when_utcoff: that offset.  when_day: the local day number (days since
 * 1970-01-01) holding an instant, and with tod the seconds of the day its
 * clock reads.  when_day_start: the first instant of a local day (where
 * the clocks jumped to when they skipped its midnight).  when_day_after:
 * the first instant of the local day after the one holding an instant.
 * when_local: the instant a local day and time of day name, a time
 * skipped by the clocks moved forward by their jump and one repeated taken
 * the first time.  when_week: the local ISO week of an instant.
 */
long	when_utcoff(const struct tend *, time_t);
long long when_day(const struct tend *, time_t, long long *tod);
time_t	when_day_start(const struct tend *, long long day);
time_t	when_day_after(const struct tend *, time_t);
time_t	when_local(const struct tend *, long long day, long long tod);
struct tend_week when_week(const struct tend *, time_t);

/*
 * stats.c: the current and the longest streak of weeks with a complete
 * check-in (as r says), up to week.
 */
struct reveal;
void	checkin_streaks(struct tend *, const struct reveal *r,
	    const char *week, int *current, int *longest);
/*
 * stats.c: the ids of the catalogue's questions with role, as a JSON array
 * of strings in *out (free it).
 */
int	catalog_role_ids(struct tend *, const char *role, char **out);

/* catalog.c: the default deck's id, known even with a broken content.json. */
const char *catalog_default_deck(void);

/* The instant a stored UTC RFC 3339 stamp names; 0 when unreadable. */
time_t	stamp_time(const char *);

/* partner.c: the partners in turn order, and their row ids with ids. */
int	partners_load(struct tend *, struct tend_partner **, long long **ids,
	    size_t *);
/*
 * partner.c: the row id (id not NULL) and stored spelling (stored not
 * NULL; free it) of the partner named name, in any case; TEND_ENOENT
 * naming the partners when there is none.
 */
int	partner_find(struct tend *, const char *name, long long *id,
	    char **stored);

/*
 * config.c: the one check of a setting (tend config, import, doctor): a
 * known key, with own_too also the library's own ('journal-id'), and a
 * valid value; TEND_EINVAL with the reason, *fix (when not NULL) the way
 * to set it again, TEND_FIX_NONE for an unknown key.
 */
int	config_check(struct tend *, const char *key, const char *value,
	    int own_too, enum tend_fix *fix);
/* The intimacy level a journal has until one is chosen. */
int	config_intimacy_default(struct tend *, enum tend_intimacy *);

/* checkin.c: the handle a check-in belongs to, for its errors. */
struct tend *checkin_tend(const struct tend_checkin *);

/*
 * checkin.c: the one privacy rule and the state of every check-in, for
 * every view.  A check-in's state comes from its answers to the questions
 * its deck has now (a deck the catalogue lost falls back on the stored
 * finished mark).  An answer is revealed to a viewer (a partner, or
 * nobody) by reveal_rule; reveal_load works it out for every check-in at
 * once, in one pass over the answer table's (checkin_id, partner_id,
 * question) index.  hidden lists the ids of the answers the viewer may not
 * see as a JSON array, for the listings in SQL: they leave those rows out
 * with "a.id NOT IN " SQL_HIDDEN("?N"), ?N bound to hidden.
 */
#define SQL_HIDDEN(param)	"(SELECT value FROM json_each(" param "))"

struct reveal_ck {
	long long	 id;
	char		 week[TEND_WEEK_LEN];
	char		*deck;
	int		 complete;	/* every partner answered every
					   question */
	int		 hidden;	/* some answer is hidden from the
					   viewer */
	unsigned char	*done;		/* per partner: every question
					   answered (or skipped) */
	unsigned char	*any;		/* per partner: some answer */
};

struct reveal {
	struct tend_partner	*partners;	/* turn order */
	long long		*pids;
	size_t			 np;
	size_t			 viewer;	/* partner index; np: nobody */
	struct reveal_ck	*ck;		/* id order */
	size_t			 n;
	char			*hidden;	/* "[12,13]" */
};

int	reveal_rule(int complete, size_t viewer, int viewer_done,
	    size_t author, size_t np);
int	reveal_load(struct tend *, const char *viewer, struct reveal *);
/*
 * "Sam, Kim": the names of the partners whose bit is set (bit p: partner
 * p), with their count in *n; NULL when out of memory.
 */
char	*reveal_names(const struct tend_partner *, size_t np, unsigned set,
	    size_t *n);
void	reveal_release(struct reveal *);
const struct reveal_ck *reveal_find(const struct reveal *, long long id);
/* The week's check-in of deck; NULL when there is none. */
const struct reveal_ck *reveal_week(const struct reveal *, const char *week,
	    const char *deck);

/*
 * content.c: the catalogue parsed and validated.  content_read_user: the
 * user's CONFIG_DIR/content.json into *buf (NUL-terminated, malloc'd), or
 * *buf NULL when there is none.  content_load: the built-in files and,
 * unless user is NULL, the user's len bytes, into a new *out.
 */
int	content_read_user(struct tend *, const char *dir, char **buf,
	    size_t *len);
int	content_load(struct tend *, const char *user, size_t len,
	    struct content **out);
const struct tend_catalog *content_catalog(const struct content *);
/* content_retire: c (may be NULL) to the front of *list. */
void	content_retire(struct content **list, struct content *c);
/* content_free: c and every content retired behind it. */
void	content_free(struct content *);

/*
 * builtin.c, generated at build time by src/gen/gen-catalog.c from what
 * content_load makes of the built-in files alone: the catalogue of a user
 * without a content.json, with no parsing at run time.
 */
extern const struct tend_catalog builtin_catalog;

/*
 * jsonin.c: the checks cJSON leaves to its caller, for content.c and
 * import.c.  jsonin_shown: at most 40 printable ASCII characters of s for
 * a message.  jsonin_bad_escape: 1 with *pos at the first "\u0000" or
 * broken \u escape of JSON text cJSON accepted.  jsonin_check_keys: 0, or
 * JSONIN_UNKNOWN / JSONIN_DUPLICATE with *bad the key (borrowed from o).
 * jsonin_has_control: 1 when valid UTF-8 holds a C0, DEL or C1 control.
 * jsonin_numbers_ok: 1 when every number in JSON text cJSON accepted is
 * one JSON allows (cJSON takes "04", "4." and "4.e1").  jsonin_check_line:
 * what a line holds that cJSON would let through or choke on.
 */
struct cJSON;
#define JSONIN_UNKNOWN		1
#define JSONIN_DUPLICATE	2
const char *jsonin_shown(const char *s, char buf[48]);
int	jsonin_bad_escape(const char *buf, size_t len, size_t *pos);
int	jsonin_check_keys(const struct cJSON *, const char *const *keys,
	    size_t nkeys, const char **bad);
int	jsonin_has_control(const uint8_t *s, size_t n);
int	jsonin_numbers_ok(const char *s, size_t n);
enum jsonin_line {
	JSONIN_OK, JSONIN_NUL, JSONIN_UTF8, JSONIN_BOM, JSONIN_CONTROL,
	JSONIN_DEEP
};
enum jsonin_line jsonin_check_line(const char *s, size_t n, int depth_max);

/* json.c: cJSON_PrintUnformatted with DEL, C1 and bidi controls escaped. */
char	*json_print_safe(const struct cJSON *);

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

/* "tend" in ASCII: marks a tend journal in the SQLite header. */
#define TEND_APPID	0x74656e64

/*
 * Storage (db.c, open.c).  db_open leaves t->db open with every pragma of
 * RELIABILITY.md in force (read-only, without the ones that write, when
 * the file or its folder cannot be written: t->readonly).  db_create
 * builds a new journal under a temporary name beside path (t->building)
 * and leaves its schema's transaction open; db_publish renames it to path
 * once whole (never over an existing file) and opens it there.  Closing
 * an unpublished journal removes it.  The transaction helpers take the
 * write lock at BEGIN so that a busy journal waits for its busy timeout,
 * not fails.
 */
int	db_open(struct tend *, const char *path);
int	db_create(struct tend *, const char *path);
int	db_publish(struct tend *, const char *path);
void	db_close(struct tend *);
int	db_begin(struct tend *);
int	db_commit(struct tend *);
void	db_rollback(struct tend *);
int	db_exec(struct tend *, const char *sql, const char *doing);
/*
 * Why the SQLite database at path, of application id appid, is not a tend
 * journal (TEND_EDATA), with its mend.  Open on it.
 */
int	db_not_tend(struct tend *, const char *path, long long appid);
/* Open only to look (doctor): no writes, no migration, no refusal. */
int	db_open_inspect(struct tend *, const char *path);
/*
 * Copy the open journal to dest with the online backup API, through a 0600
 * temporary file, fsync, rename (refusing an existing dest with
 * TEND_EEXIST unless replace) and a synced folder.
 */
int	db_backup(struct tend *, const char *dest, int replace);
/* Map the handle's last SQLite error to an enum tend_err with a message. */
int	db_fail(struct tend *, const char *doing);
/* After a failed create: close, remove the unpublished journal (and its
 * -journal, -wal and -shm) and the folders made for path. */
void	db_abandon(struct tend *, const char *path);

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
double	db_col_double(struct sqlite3_stmt *, int);
int	db_bind_double(struct tend *, struct sqlite3_stmt *, int, double);
/* One integer from a query such as a pragma (0 with no row). */
int	db_query_int(struct tend *, const char *sql, long long *v);

/*
 * Migrations: step i takes the schema from version i to i + 1, each in one
 * transaction.  Exposed so the unit tests can drive the mechanism with
 * steps of their own.
 */
struct db_step {
	const char	*sql;
	int		(*after)(struct tend *);	/* then, in the same
							   transaction; or NULL */
};
int	db_migrate(struct tend *, const struct db_step *, int nsteps);
/* schema.c: tend's own, tend_schema_version() of them. */
extern const struct db_step schema_steps[];

/*
 * change.c: every write is a change.  change_begin: BEGIN IMMEDIATE and a
 * change saying what it does (words for tend_changes, naming no command),
 * under which the triggers log how to take each row back; db_commit
 * closes it.  change_what: the open change's words, once known better.
 * change_close: what db_commit runs first when a change is open.
 * change_triggers: the logging triggers of schema v4, made from the
 * tables' columns.
 */
int	change_begin(struct tend *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	change_what(struct tend *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	change_close(struct tend *);
int	change_triggers(struct tend *);
/*
 * An import only adds rows: change_bulk_begin drops the triggers that log
 * each insert and notes where each logged table ends; change_bulk_end
 * (apply 1) logs one step per table that grew, deleting what was added,
 * and puts the triggers back (apply 0 only frees).  A rollback undoes
 * both.
 */
#define CHANGE_NTABLES	10
struct change_bulk {
	char		*sql[CHANGE_NTABLES];	/* dropped triggers */
	long long	 last[CHANGE_NTABLES];	/* the last row id before */
};
int	change_bulk_begin(struct tend *, struct change_bulk *);
int	change_bulk_end(struct tend *, struct change_bulk *, int apply);

/*
 * record.c: each kind of record a journal exchanges, indexed by enum
 * tend_record in the order import needs.  A field: its key in an export
 * and what it is.  The natural key (REC_KEY fields) names the same record
 * in two journals made apart; a record with none is matched by id alone.
 * REC_SAME: the same record with other content is refused by a merge;
 * REC_OURS: the journal's content is kept.  sql is export's query: the
 * columns of the fields in order, lists left out, then (with lists) the
 * row id, which each list's own query takes as ?1 for its items.
 */
#define REC_NULL	0x01	/* may be null */
#define REC_INT		0x02	/* a whole number, not text */
#define REC_KEY		0x04	/* part of the natural key */
#define REC_MUTABLE	0x08	/* may change after the record is made */
#define REC_REF		0x10	/* the id of a record listed before it */
#define REC_OPTIONAL	0x20	/* absent in older exports */
#define REC_LIST	0x40	/* an array of objects within the record */
#define REC_REAL	0x80	/* a number with a fraction */
#define REC_BOOL	0x100	/* true or false */

struct rec_list;

struct rec_field {
	const char		*key;
	unsigned		 flags;
	const struct rec_list	*list;		/* REC_LIST: its items */
};

struct rec_list {
	const struct rec_field	*fields;
	size_t			 nfields;
	const char		*sql;
};

enum rec_merge { REC_SAME, REC_OURS };

struct rec_desc {
	const char		*type;		/* as an export spells it */
	const char		*name[2];	/* in words: one, many */
	const struct rec_field	*fields;	/* in an export's order */
	size_t			 nfields;
	enum rec_merge		 merge;
	const char		*sql;
};
extern const struct rec_desc rec_descs[TEND_NRECORDS];
const struct rec_desc *rec_find(const char *type);
/* The nth REC_LIST field of d (0 the first); NULL past the last. */
const struct rec_field *rec_list_field(const struct rec_desc *, size_t nth);

/*
 * Bulk loading inside the caller's transaction (import).  FTS5 flushes its
 * pending terms at every statement's savepoint, so the triggers that index
 * one row per INSERT write a segment per row and merge them again and
 * again.  db_fts_pause drops those triggers and notes where each table
 * ends; db_fts_resume indexes the rows added since, one statement per
 * table, and puts the triggers back (with apply 0 it only frees).  A
 * rollback undoes both.
 */
struct db_fts_pause {
	char		*sql[3];	/* the dropped triggers; NULL: none */
	long long	 last[3];	/* the last row id before */
};
int	db_fts_pause(struct tend *, struct db_fts_pause *);
int	db_fts_resume(struct tend *, struct db_fts_pause *, int apply);

#endif /* TEND_INT_H */
