/*
 * open.c - the journal file's life: opened and created the careful way
 * RELIABILITY.md lays out (its settings checked, an older schema copied
 * beside it and upgraded, a new journal built under a temporary name and
 * renamed into place only when whole), backed up, and closed.  With db.c,
 * the only includer of sqlite3.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sqlite3.h>

#include "tend-int.h"

#define DB_LENGTH_MAX	(16 * 1024 * 1024)

/* Set a pragma and check the value it answers with. */
static int
pragma(struct tend *t, const char *sql, const char *want)
{
	sqlite3_stmt *st = NULL;
	int rc, row;

	if ((rc = db_prepare(t, &st, sql)) != TEND_OK)
		goto out;
	if ((rc = db_step(t, st, "setting up the journal", &row)) != TEND_OK)
		goto out;
	if (want != NULL && (!row ||
	    strcasecmp(db_col_text(st, 0), want) != 0))
		rc = tend_seterr(t, TEND_EDB, "the journal refused '%s' "
		    "(it answered '%s')", sql, row ? db_col_text(st, 0) : "");
out:
	sqlite3_finalize(st);
	return rc;
}

/*
 * The settings of RELIABILITY.md, each checked.  A statement for each costs
 * about 9,000 instructions (the schema load that the first one triggers is
 * needed by any query); reading them back in one SELECT from the pragma
 * table-valued functions cost 500,000 more, as SQLite declares each of
 * those virtual tables by parsing a CREATE TABLE (callgrind, tend notes).
 */
static int
configure(struct tend *t, int wal)
{
	int rc, on;

	sqlite3_extended_result_codes(t->db, 1);
	/*
	 * The schema stays trusted: with it untrusted SQLite refuses the
	 * triggers that keep the FTS5 index in step ("unsafe use of virtual
	 * table"), as FTS5 is not marked innocuous.  What an untrusted schema
	 * guards against, a crafted file calling functions with side effects,
	 * finds none here: tend registers no functions and loads no
	 * extensions, and a file without tend's application id is refused.
	 */
	if (sqlite3_db_config(t->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on) !=
	    SQLITE_OK || !on ||
	    sqlite3_db_config(t->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, &on) !=
	    SQLITE_OK || !on ||
	    sqlite3_db_config(t->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    &on) != SQLITE_OK || on)
		return tend_seterr(t, TEND_EDB,
		    "cannot make the journal connection defensive");
	sqlite3_limit(t->db, SQLITE_LIMIT_LENGTH, DB_LENGTH_MAX);
	sqlite3_limit(t->db, SQLITE_LIMIT_ATTACHED, 0);
	if (sqlite3_busy_timeout(t->db, 5000) != SQLITE_OK)
		return db_fail(t, "setting the busy timeout");
	/* Not read-only (it writes the header), nor while a journal is
	 * built: the build leaves no -wal or -shm for a crash to strand. */
	if ((wal && (rc = pragma(t, "PRAGMA journal_mode = WAL", "wal")) !=
	    TEND_OK) ||
	    (rc = pragma(t, "PRAGMA synchronous = FULL", NULL)) != TEND_OK ||
	    (rc = pragma(t, "PRAGMA synchronous", "2")) != TEND_OK ||
	    (rc = pragma(t, "PRAGMA foreign_keys = ON", NULL)) != TEND_OK ||
	    (rc = pragma(t, "PRAGMA foreign_keys", "1")) != TEND_OK ||
	    (rc = pragma(t, "PRAGMA secure_delete = ON", "1")) != TEND_OK ||
	    (rc = pragma(t, "PRAGMA temp_store = MEMORY", NULL)) != TEND_OK ||
	    (rc = pragma(t, "PRAGMA temp_store", "2")) != TEND_OK ||
	    (rc = pragma(t, "PRAGMA journal_size_limit = 4194304",
	    "4194304")) != TEND_OK)
		return rc;
	return TEND_OK;
}

/* Open name (path, or a URI for it) as the journal at path. */
static int
open_name(struct tend *t, const char *name, const char *path, int flags)
{
	flags |= SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
	if (sqlite3_open_v2(name, &t->db, flags, NULL) != SQLITE_OK) {
		/* SQLite makes no handle only when it has no memory for one. */
		int rc = t->db == NULL ? tend_seterr(t, TEND_ENOMEM,
		    "out of memory") : db_fail(t, "opening the journal");

		sqlite3_close(t->db);
		t->db = NULL;
		return rc;
	}
	/*
	 * Before the first read: a tend that is closing holds the journal
	 * for its last checkpoint, and reading the header then must wait,
	 * not fail as busy.
	 */
	sqlite3_busy_timeout(t->db, 5000);
	free(t->path);
	if ((t->path = strdup(path)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	return TEND_OK;
}

static int
open_file(struct tend *t, const char *path, int flags)
{
	return open_name(t, path, path, flags);
}

/* Remove a journal being built and what SQLite made beside it. */
static void
drop_building(struct tend *t)
{
	static const char *const suffix[] = { "", "-journal", "-wal", "-shm" };
	char buf[4096];
	size_t i;

	for (i = 0; t->building != NULL && i < sizeof(suffix) /
	    sizeof(*suffix); i++)
		if (snprintf(buf, sizeof(buf), "%s%s", t->building,
		    suffix[i]) < (int)sizeof(buf))
			unlink(buf);
	free(t->building);
	t->building = NULL;
}

void
db_close(struct tend *t)
{
	db_rollback(t);
	sqlite3_close(t->db);
	t->db = NULL;
	/* A journal never published is not wanted: no half one stays. */
	drop_building(t);
	free(t->path);
	t->path = NULL;
	free(t->madedir);
	t->madedir = NULL;
	t->readonly = 0;
}

/*
 * Copy the journal with the online backup API into dest, through a 0600
 * temporary file beside it that is synced and renamed into place, then
 * sync the folder.  The copy is taken in one step, under one read
 * transaction: a snapshot, even while another process writes (WAL lets
 * it).  Without replace an existing dest is TEND_EEXIST and left as it
 * is: the rename itself refuses, so no check can race with it.
 */
int
db_backup(struct tend *t, const char *dest, int replace)
{
	sqlite3 *to = NULL;
	sqlite3_backup *b;
	char tmp[4096];
	int fd = -1, rc, src, tries, err;

	if ((rc = file_temp(t, dest, tmp, sizeof(tmp), &fd)) != TEND_OK)
		return rc;
	if (sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		rc = tend_seterr(t, TEND_EIO, "cannot open %s", tmp);
		goto out;
	}
	if ((b = sqlite3_backup_init(to, "main", t->db, "main")) == NULL) {
		rc = tend_seterr(t, TEND_EIO, "cannot copy the journal: %s",
		    sqlite3_errmsg(to));
		goto out;
	}
	/* A writer holding a lock we need: wait a little, then give up. */
	for (tries = 0; ((src = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    src == SQLITE_LOCKED) && tries < 50; tries++)
		sqlite3_sleep(100);
	if (sqlite3_backup_finish(b) != SQLITE_OK || src != SQLITE_DONE) {
		err = sqlite3_errcode(to) == SQLITE_OK ? src :
		    sqlite3_errcode(to);
		rc = tend_seterr(t, err == SQLITE_FULL ? TEND_EFULL :
		    err == SQLITE_BUSY || err == SQLITE_LOCKED ? TEND_EBUSY :
		    TEND_EIO, "cannot copy the journal: %s",
		    sqlite3_errstr(err));
		goto out;
	}
	if (sqlite3_close(to) != SQLITE_OK) {
		rc = tend_seterr(t, TEND_EIO, "cannot save %s", tmp);
		goto out;
	}
	to = NULL;
	rc = file_publish(t, fd, tmp, dest, replace);
out:
	sqlite3_close(to);
	close(fd);
	if (rc != TEND_OK && access(tmp, F_OK) == 0)
		unlink(tmp);
	return rc;
}

/* 1 when this user may write the journal and make files beside it. */
static int
can_write(struct tend *t, const char *path, int *ok)
{
	char *copy;

	if ((copy = strdup(path)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	*ok = faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0 &&
	    faccessat(AT_FDCWD, dirname(copy), W_OK, AT_EACCESS) == 0;
	free(copy);
	return TEND_OK;
}

/*
 * Open a journal that cannot be written, to read it.  A WAL journal needs
 * its -shm, which a read-only folder cannot hold: with no -wal there is
 * nothing beyond the file itself and no tend can write it (it could not
 * make a -wal), so SQLite reads it as immutable, making no file beside it.
 * With a -wal left by a crash, SQLite reads both through the -shm that is
 * there (in memory when it cannot write it); without one it cannot.
 */
static int
open_readonly(struct tend *t, const char *path)
{
	static const char keep[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-~";
	char side[4096], uri[3 * 4096 + 32];
	struct stat st;
	size_t i, n;
	int rc;

	if (snprintf(side, sizeof(side), "%s-wal", path) >= (int)sizeof(side))
		return tend_seterr(t, TEND_EINVAL, "path too long: %s", path);
	if (lstat(side, &st) == 0) {
		if ((rc = open_file(t, path, SQLITE_OPEN_READONLY)) ==
		    TEND_EIO || rc == TEND_EREADONLY)
			rc = tend_seterr(t, TEND_EREADONLY, "cannot read %s: "
			    "it was left open by a tend that stopped, and its "
			    "folder is read-only; open it once where it can "
			    "be written", path);
		return rc;
	}
	/* A URI, its path escaped; "file://" and an empty host when absolute. */
	n = (size_t)snprintf(uri, sizeof(uri), "file:%s", *path == '/' ?
	    "//" : "");
	for (i = 0; path[i] != '\0'; i++)
		n += (size_t)snprintf(uri + n, sizeof(uri) - n,
		    strchr(keep, path[i]) ? "%c" : "%%%02X",
		    (unsigned char)path[i]);
	snprintf(uri + n, sizeof(uri) - n, "?immutable=1");
	return open_name(t, uri, path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
}

/*
 * Open a journal only to look at it (tend doctor): no pragma that writes,
 * no migration, none of open's refusals.  Read-write when it can be, so
 * that SQLite removes the -wal and -shm it makes when it closes (a
 * read-only connection would leave them behind, with the journal's mode);
 * nothing is written through it.
 */
int
db_open_inspect(struct tend *t, const char *path)
{
	int rc, on, ok;

	db_close(t);
	if ((rc = can_write(t, path, &ok)) != TEND_OK ||
	    (rc = ok ? open_file(t, path, SQLITE_OPEN_READWRITE) :
	    open_readonly(t, path)) != TEND_OK)
		return rc;
	sqlite3_extended_result_codes(t->db, 1);
	sqlite3_db_config(t->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on);
	sqlite3_db_config(t->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &on);
	sqlite3_limit(t->db, SQLITE_LIMIT_LENGTH, DB_LENGTH_MAX);
	sqlite3_limit(t->db, SQLITE_LIMIT_ATTACHED, 0);
	sqlite3_busy_timeout(t->db, 5000);
	return TEND_OK;
}

int
db_migrate(struct tend *t, const struct db_step *list, int n)
{
	long long v;
	char sql[64];
	int rc, i;

	if ((rc = db_query_int(t, "PRAGMA user_version", &v)) != TEND_OK)
		return rc;
	for (i = (int)v; i < n; i++) {
		if ((rc = db_begin(t)) != TEND_OK)
			return rc;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", i + 1);
		if ((rc = db_exec(t, list[i].sql, "upgrading the journal")) !=
		    TEND_OK || (list[i].after != NULL &&
		    (rc = list[i].after(t)) != TEND_OK) ||
		    (rc = db_exec(t, sql, "upgrading the journal")) != TEND_OK) {
			db_rollback(t);
			return rc;
		}
		if ((rc = db_commit(t)) != TEND_OK)
			return rc;
	}
	return TEND_OK;
}

/* Bring an older journal to this version, after a copy beside it. */
static int
upgrade(struct tend *t, const char *path, long long version)
{
	char dest[4096];
	int rc;

	if (sqlite3_db_readonly(t->db, "main") == 1)
		return tend_seterr(t, TEND_EREADONLY, "%s needs an upgrade to "
		    "schema %d but cannot be written", path,
		    tend_schema_version());
	if (snprintf(dest, sizeof(dest), "%s.v%lld.bak", path, version) >=
	    (int)sizeof(dest))
		return tend_seterr(t, TEND_EINVAL, "path too long: %s", path);
	if ((rc = db_backup(t, dest, 1)) != TEND_OK)
		return rc;
	return db_migrate(t, schema_steps, tend_schema_version());
}

/*
 * The open database is empty, or SQLite's with nothing in it: what a tend
 * init killed before journals were built under a temporary name left.
 */
static int
holds_nothing(struct tend *t, long long appid)
{
	long long tables = -1;

	return appid == 0 && db_query_int(t, "SELECT count(*) FROM "
	    "sqlite_schema", &tables) == TEND_OK && tables == 0;
}

int
db_not_tend(struct tend *t, const char *path, long long appid)
{
	if (holds_nothing(t, appid))
		return tend_setfix(t, tend_seterr(t, TEND_EDATA, "%s holds no "
		    "journal, nothing at all (an interrupted creation leaves "
		    "such a file)", path), TEND_FIX_RECREATE, NULL);
	return tend_setfix(t, tend_seterr(t, TEND_EDATA, "%s is not a tend "
	    "journal (application id %lld)", path, appid), TEND_FIX_PATH,
	    NULL);
}

int
db_open(struct tend *t, const char *path)
{
	long long appid, version;
	int ok, rc;

	db_close(t);
	if ((rc = file_check_safe(t, path)) != TEND_OK ||
	    (rc = can_write(t, path, &ok)) != TEND_OK)
		return rc;
	if ((rc = ok ? open_file(t, path, SQLITE_OPEN_READWRITE) :
	    open_readonly(t, path)) != TEND_OK)
		return rc;
	t->readonly = sqlite3_db_readonly(t->db, "main") == 1;
	/* Read the header before any pragma can write to a foreign file. */
	if ((rc = db_query_int(t, "PRAGMA application_id", &appid)) !=
	    TEND_OK) {
		if (rc == TEND_EDATA)
			rc = tend_seterr(t, TEND_EDATA, "%s is not a tend "
			    "journal (not an SQLite database)", path);
		goto out;
	}
	if (appid != TEND_APPID) {
		rc = db_not_tend(t, path, appid);
		goto out;
	}
	if ((rc = db_query_int(t, "PRAGMA user_version", &version)) !=
	    TEND_OK)
		goto out;
	if (version < 0) {
		rc = tend_seterr(t, TEND_EDATA, "%s is damaged (schema "
		    "version %lld)", path, version);
		goto out;
	}
	if (version > tend_schema_version()) {
		rc = tend_seterr(t, TEND_ENEWER, "%s is from a newer tend "
		    "(schema %lld; this tend knows %d): upgrade tend to use "
		    "it", path, version, tend_schema_version());
		goto out;
	}
	if ((rc = configure(t, !t->readonly)) != TEND_OK)
		goto out;
	if (version < tend_schema_version())
		rc = upgrade(t, path, version);
out:
	if (rc != TEND_OK)
		db_close(t);
	return rc;
}

/* mkdir -p with 0700 folders, remembering the outermost one it made. */
static int
make_folder(struct tend *t, const char *dir)
{
	char *copy, *parent;
	struct stat st;
	int rc = TEND_OK;

	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? TEND_OK : tend_seterr(t,
		    TEND_EEXIST, "cannot create the journal's folder: %s is "
		    "not a folder", dir);
	if ((copy = strdup(dir)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	parent = dirname(copy);
	if (strcmp(parent, dir) != 0)
		rc = make_folder(t, parent);
	free(copy);
	if (rc != TEND_OK)
		return rc;
	if (mkdir(dir, 0700) == -1 || chmod(dir, 0700) == -1)
		return tend_seterr(t, errno == EACCES || errno == EROFS ?
		    TEND_EREADONLY : TEND_EIO, "cannot create the folder %s: "
		    "%s", dir, strerror(errno));
	if (t->madedir == NULL && (t->madedir = strdup(dir)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	return TEND_OK;
}

/*
 * Start a new journal for path: its folder made 0700 and refused when
 * others can write into it, the file built under a temporary name beside
 * path (O_EXCL, 0600, before SQLite touches it) in rollback-journal mode,
 * so that a crash while building strands no -wal or -shm, with the schema
 * in an open transaction.  Nothing is at path until db_publish.
 */
int
db_create(struct tend *t, const char *path)
{
	char *copy = NULL, *base, fix[4200], problem[sizeof(t->err)];
	char tmp[4096], sql[64];
	struct stat st;
	long long appid = -1;
	int fd, rc, i;

	db_close(t);
	if (lstat(path, &st) == 0) {
		/* Only the user's own file is looked into: never a FIFO. */
		if (S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    db_open_inspect(t, path) == TEND_OK &&
		    db_query_int(t, "PRAGMA application_id", &appid) ==
		    TEND_OK && holds_nothing(t, appid)) {
			db_close(t);
			return tend_setfix(t, tend_seterr(t, TEND_EEXIST,
			    "%s holds no journal, nothing at all (an "
			    "interrupted creation leaves such a file)", path),
			    TEND_FIX_RECREATE, NULL);
		}
		db_close(t);
		return tend_seterr(t, TEND_EEXIST, "a journal already exists "
		    "at %s; it was left as it is", path);
	}
	if ((copy = strdup(path)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	rc = make_folder(t, dirname(copy));
	free(copy);
	if (rc != TEND_OK)
		goto fail;
	if ((rc = file_check_folder(t, path, fix, sizeof(fix))) != TEND_OK) {
		if (*fix != '\0') {
			snprintf(problem, sizeof(problem), "%s", t->err);
			rc = tend_seterr(t, rc, "%s; %s", problem, fix);
		}
		goto fail;
	}
	if ((copy = strdup(path)) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto fail;
	}
	base = basename(copy);
	i = snprintf(tmp, sizeof(tmp), "%.*s.%s.tmp-XXXXXX",
	    (int)(base - copy), path, base);
	free(copy);
	if (i < 0 || i >= (int)sizeof(tmp)) {
		rc = tend_seterr(t, TEND_EINVAL, "path too long: %s", path);
		goto fail;
	}
	/* mkostemp: O_EXCL and 0600 whatever the umask; never a link. */
	if ((fd = mkostemp(tmp, O_NOFOLLOW | O_CLOEXEC)) == -1) {
		rc = tend_seterr(t, errno == EACCES || errno == EROFS ?
		    TEND_EREADONLY : TEND_EIO, "cannot create %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	if ((t->building = strdup(tmp)) == NULL) {
		close(fd);
		unlink(tmp);
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto fail;
	}
	/* Closed before SQLite opens it: closing a file drops its locks. */
	if (fchmod(fd, 0600) == -1 || close(fd) == -1) {
		rc = tend_seterr(t, TEND_EIO, "cannot create %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	if ((rc = open_file(t, tmp, SQLITE_OPEN_READWRITE)) != TEND_OK ||
	    (rc = configure(t, 0)) != TEND_OK ||
	    (rc = db_begin(t)) != TEND_OK)
		goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", TEND_APPID);
	if ((rc = db_exec(t, sql, "creating the journal")) != TEND_OK)
		goto fail;
	for (i = 0; i < tend_schema_version(); i++)
		if ((rc = db_exec(t, schema_steps[i].sql,
		    "creating the journal")) != TEND_OK ||
		    (schema_steps[i].after != NULL &&
		    (rc = schema_steps[i].after(t)) != TEND_OK))
			goto fail;
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    tend_schema_version());
	if ((rc = db_exec(t, sql, "creating the journal")) != TEND_OK)
		goto fail;
	return TEND_OK;
fail:
	db_abandon(t, path);
	return rc;
}

/*
 * Put the journal built by db_create in place: WAL from now on, closed
 * (SQLite syncs it in FULL mode; synced again here), renamed to path only
 * if nothing is there, the folder synced, then opened there as db_open
 * does.  Once renamed the journal is whole and stays, whatever follows.
 */
int
db_publish(struct tend *t, const char *path)
{
	char *tmp = t->building;
	int fd, rc, err;

	if (t->db == NULL || tmp == NULL)
		return tend_seterr(t, TEND_EINVAL, "no new journal to save");
	if ((rc = pragma(t, "PRAGMA journal_mode = WAL", "wal")) != TEND_OK)
		return rc;
	if (sqlite3_close(t->db) != SQLITE_OK)
		return db_fail(t, "saving the new journal");
	t->db = NULL;
	if ((fd = open(tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1 ||
	    fsync(fd) == -1) {
		err = errno;
		if (fd != -1)
			close(fd);
		return tend_seterr(t, file_io_code(err), "cannot save %s: %s",
		    path, strerror(err));
	}
	close(fd);
	if (file_rename(tmp, path, 0) == -1) {
		err = errno;
		return err == EEXIST ? tend_seterr(t, TEND_EEXIST, "a journal "
		    "already exists at %s; it was left as it is", path) :
		    tend_seterr(t, file_io_code(err), "cannot save %s: %s",
		    path, strerror(err));
	}
	free(t->building);
	t->building = NULL;
	if (file_sync_folder(path) == -1)
		return tend_seterr(t, TEND_EIO, "cannot sync the folder of %s: "
		    "%s", path, strerror(errno));
	return db_open(t, path);
}

void
db_abandon(struct tend *t, const char *path)
{
	char *made = t->madedir, *copy, *dir;

	t->madedir = NULL;
	db_close(t);
	/*
	 * Remove the folders made for it, innermost first, up to the
	 * outermost one made; rmdir(2) leaves any that are not empty.
	 */
	if (made != NULL && (copy = strdup(path)) != NULL) {
		dir = dirname(copy);
		while (strcmp(dir, made) != 0 && strlen(dir) > 1) {
			rmdir(dir);
			dir = dirname(dir);
		}
		rmdir(made);
		free(copy);
	}
	free(made);
}

int
tend_readonly(const struct tend *t)
{
	return t->db != NULL && t->readonly;
}

int
tend_writable(struct tend *t)
{
	int rc;

	if (t->db == NULL || sqlite3_db_readonly(t->db, "main") != 0)
		return 0;
	/*
	 * A writable file is not enough: in a read-only folder a -shm left
	 * read-only (by a crash, or a read-only run) makes every save fail.
	 * Take the write lock once, as a save would; busy is not read-only.
	 */
	rc = sqlite3_exec(t->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	db_rollback(t);
	return (rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN;
}
