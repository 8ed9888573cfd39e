/*
 * doctor.c - tend doctor: every check that tells whether the journal is
 * safe and sound, reported with its fix instead of refused.  The journal
 * is opened without writing and never changed; no SQLite here but through
 * db.c and open.c.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tend-int.h"

/* Findings as they are made; rc TEND_ENOMEM once anything failed. */
struct list {
	struct tend_finding	*v;
	size_t			 n, cap;
	int			 rc;
};

static char *vformat(const char *, va_list)
    __attribute__((format(printf, 1, 0)));

static char *
vformat(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) == -1)
		return NULL;
	return s;
}

static void add(struct list *, const char *, enum tend_fix, const char *,
    const char *, ...) __attribute__((format(printf, 5, 6)));

/*
 * Add a finding; no mend and fix NULL mean all is well.  A mend without a
 * fix is put in tend_fixstr's words.
 */
static void
add(struct list *l, const char *check, enum tend_fix remedy, const char *fix,
    const char *fmt, ...)
{
	struct tend_finding *f, *nv;
	va_list ap;

	if (l->rc != TEND_OK)
		return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		if ((nv = reallocarray(l->v, l->cap, sizeof(*nv))) == NULL) {
			l->rc = TEND_ENOMEM;
			return;
		}
		l->v = nv;
	}
	f = &l->v[l->n];
	f->check = check;
	f->ok = remedy == TEND_FIX_NONE && fix == NULL;
	f->remedy = remedy;
	f->fix = NULL;
	if (fix == NULL && remedy != TEND_FIX_NONE)
		fix = tend_fixstr(remedy);
	va_start(ap, fmt);
	f->message = vformat(fmt, ap);
	va_end(ap);
	if (f->message == NULL || (fix != NULL && (f->fix = strdup(fix)) ==
	    NULL)) {
		free(f->message);
		free(f->fix);
		l->rc = TEND_ENOMEM;
		return;
	}
	l->n++;
}

/*
 * A file check of file.c as a finding, the one open refuses with (side: the
 * -wal or -shm rules); 1 when the file is safe.
 */
static int
file_finding(struct tend *t, struct list *l, const char *check,
    const char *path, int side)
{
	char fix[4200];
	struct stat st;
	int rc;

	if ((rc = side ? file_check_side(t, path, fix, sizeof(fix)) :
	    file_check_journal(t, path, fix, sizeof(fix))) == TEND_OK) {
		if (stat(path, &st) == 0)
			add(l, check, TEND_FIX_NONE, NULL, "%s is yours alone "
			    "(mode %04o)",
			    path, (unsigned)(st.st_mode & 07777));
		return 1;
	}
	if (rc == TEND_ENOMEM)
		l->rc = rc;
	if (*fix == '\0' && tend_errfix(t, NULL) == TEND_FIX_NONE)
		snprintf(fix, sizeof(fix), "check the file and its folder");
	add(l, check, tend_errfix(t, NULL), *fix ? fix : NULL, "%s",
	    tend_errmsg(t));
	return 0;
}

/* The folder that holds the journal. */
static void
folder_finding(struct tend *t, struct list *l, const char *path)
{
	char fix[4200];
	int rc;

	if ((rc = file_check_folder(t, path, fix, sizeof(fix))) == TEND_OK)
		add(l, "folder", TEND_FIX_NONE, NULL, "no one else can write "
		    "into the journal's folder");
	else if (rc == TEND_ENOMEM)
		l->rc = rc;
	else
		add(l, "folder", tend_errfix(t, NULL), *fix ? fix : NULL, "%s",
		    tend_errmsg(t));
}

/*
 * The fix for a damaged journal: a backup, or what SQLite can salvage
 * (TEND_FIX_RESTORE's words first, for a front end to put in its own).
 */
static char *
salvage(const char *path)
{
	char *s = NULL;

	if (asprintf(&s, "%s, or salvage what is readable: sqlite3 '%s' "
	    ".recover | sqlite3 '%s.recovered'", tend_fixstr(TEND_FIX_RESTORE),
	    path, path) == -1)
		return NULL;
	return s;
}

/* PRAGMA integrity_check: "ok", or its first complaint and how many. */
static void
integrity(struct tend *t, struct list *l, const char *fix)
{
	struct sqlite3_stmt *st = NULL;
	char *first = NULL;
	int rc, row, n = 0;

	if ((rc = db_prepare(t, &st, "PRAGMA integrity_check(100)")) !=
	    TEND_OK)
		goto fail;
	for (;;) {
		if ((rc = db_step(t, st, "checking the journal", &row)) !=
		    TEND_OK)
			goto fail;
		if (!row)
			break;
		if (strcmp(db_col_text(st, 0), "ok") == 0)
			continue;
		if (n++ == 0 && (first = strdup(db_col_text(st, 0))) == NULL) {
			l->rc = TEND_ENOMEM;
			goto out;
		}
	}
	if (n == 0)
		add(l, "integrity", TEND_FIX_NONE, NULL, "integrity_check "
		    "found no damage");
	else
		add(l, "integrity", TEND_FIX_RESTORE, fix, "integrity_check "
		    "found %d problem%s; the first: %s", n, n == 1 ? "" : "s",
		    first);
	goto out;
fail:
	if (rc == TEND_ENOMEM)
		l->rc = rc;
	else if (rc == TEND_EDATA)
		add(l, "integrity", TEND_FIX_RESTORE, fix, "integrity_check "
		    "stopped: the file is damaged beyond what it can list");
	else
		add(l, "integrity", TEND_FIX_RESTORE, fix, "integrity_check "
		    "could not finish: %s", tend_errmsg(t));
out:
	free(first);
	db_finalize(st);
}

/* PRAGMA foreign_key_check: rows whose parent row is missing. */
static void
foreign_keys(struct tend *t, struct list *l, const char *fix)
{
	struct sqlite3_stmt *st = NULL;
	char *first = NULL;
	int rc, row, n = 0;

	if ((rc = db_prepare(t, &st, "PRAGMA foreign_key_check")) != TEND_OK)
		goto fail;
	for (;;) {
		if ((rc = db_step(t, st, "checking the journal", &row)) !=
		    TEND_OK)
			goto fail;
		if (!row)
			break;
		if (n++ == 0 && asprintf(&first, "%s row %lld refers to a "
		    "missing %s", db_col_text(st, 0), db_col_int(st, 1),
		    db_col_text(st, 2)) == -1) {
			first = NULL;
			l->rc = TEND_ENOMEM;
			goto out;
		}
	}
	if (n == 0)
		add(l, "foreign keys", TEND_FIX_NONE, NULL, "every record's "
		    "links are whole");
	else
		add(l, "foreign keys", TEND_FIX_RESTORE, fix, "%d record%s "
		    "refer%s to missing ones; the first: %s", n,
		    n == 1 ? "" : "s", n == 1 ? "s" : "", first);
	goto out;
fail:
	if (rc == TEND_ENOMEM)
		l->rc = rc;
	else if (rc == TEND_EDATA)
		add(l, "foreign keys", TEND_FIX_RESTORE, fix,
		    "foreign_key_check stopped: the file is damaged");
	else
		add(l, "foreign keys", TEND_FIX_RESTORE, fix,
		    "foreign_key_check could not finish: %s", tend_errmsg(t));
out:
	free(first);
	db_finalize(st);
}

/*
 * Every stored setting passes the check of tend config, so that a value
 * written by hand (intimacy=banana, which tip then refuses) is found here
 * with the command that sets it again.
 */
static void
settings_finding(struct tend *t, struct list *l)
{
	struct sqlite3_stmt *st = NULL;
	enum tend_fix fix, how = TEND_FIX_NONE;
	char *first = NULL, key[48], value[48], unknown[160];
	int rc, row, n = 0;

	if ((rc = db_prepare(t, &st, "SELECT key, value FROM setting"
	    " ORDER BY key")) != TEND_OK)
		goto fail;
	for (;;) {
		if ((rc = db_step(t, st, "reading the settings", &row)) !=
		    TEND_OK)
			goto fail;
		if (!row)
			break;
		if (config_check(t, db_col_text(st, 0), db_col_text(st, 1), 1,
		    &fix) == TEND_OK || n++ > 0)
			continue;
		if (asprintf(&first, "setting '%s' = '%s': %s",
		    jsonin_shown(db_col_text(st, 0), key),
		    jsonin_shown(db_col_text(st, 1), value),
		    tend_errmsg(t)) == -1) {
			first = NULL;
			l->rc = TEND_ENOMEM;
			goto out;
		}
		how = fix;
	}
	if (n == 0)
		add(l, "settings", TEND_FIX_NONE, NULL, "every setting is one "
		    "tend knows, with a valid value");
	else {
		/* A key tend does not know: no setting to set again. */
		snprintf(unknown, sizeof(unknown), "%s, or delete the row with "
		    "sqlite3(1): tend does not use it",
		    tend_fixstr(TEND_FIX_RESTORE));
		add(l, "settings", how != TEND_FIX_NONE ? how :
		    TEND_FIX_RESTORE, how != TEND_FIX_NONE ? NULL : unknown,
		    "%d setting%s not valid; the first: %s", n,
		    n == 1 ? " is" : "s are", first);
	}
	goto out;
fail:
	if (rc == TEND_ENOMEM)
		l->rc = rc;
	else
		add(l, "settings", TEND_FIX_RECHECK, NULL, "cannot read the "
		    "settings: %s", tend_errmsg(t));
out:
	free(first);
	db_finalize(st);
}

/* What SQLite says about the file: header, schema, integrity, links. */
static void
database(struct tend *t, struct list *l, const char *path)
{
	char *fix = NULL;
	long long appid, version;
	int rc;

	if ((fix = salvage(path)) == NULL) {
		l->rc = TEND_ENOMEM;
		return;
	}
	if ((rc = db_open_inspect(t, path)) != TEND_OK) {
		add(l, "database", TEND_FIX_RESTORE, fix, "cannot open %s: %s",
		    path, tend_errmsg(t));
		goto out;
	}
	if ((rc = db_query_int(t, "PRAGMA application_id", &appid)) !=
	    TEND_OK) {
		add(l, "database", TEND_FIX_RESTORE, fix, "%s is not a "
		    "readable SQLite database: %s", path, tend_errmsg(t));
		goto out;
	}
	if (appid != TEND_APPID) {
		db_not_tend(t, path, appid);
		add(l, "database", tend_errfix(t, NULL), NULL, "%s",
		    tend_errmsg(t));
		goto out;
	}
	add(l, "database", TEND_FIX_NONE, NULL, "a tend journal");
	if (db_query_int(t, "PRAGMA user_version", &version) != TEND_OK)
		add(l, "schema", TEND_FIX_RESTORE, fix, "cannot read the "
		    "schema version: %s", tend_errmsg(t));
	else if (version > tend_schema_version())
		add(l, "schema", TEND_FIX_NONE, "upgrade tend", "schema %lld "
		    "is from a newer tend (this tend knows %d)", version,
		    tend_schema_version());
	else if (version < tend_schema_version())
		add(l, "schema", TEND_FIX_UPGRADE, NULL, "schema %lld is "
		    "older than this tend's %d", version,
		    tend_schema_version());
	else
		add(l, "schema", TEND_FIX_NONE, NULL, "schema %lld, the "
		    "current one", version);
	integrity(t, l, fix);
	foreign_keys(t, l, fix);
	settings_finding(t, l);
out:
	free(fix);
	db_close(t);
}

/* The user's content.json, as tend_catalog reads it. */
static void
content(struct tend *t, struct list *l)
{
	const struct tend_catalog *cat;
	char *file = NULL, *fix = NULL;
	struct stat st;
	int rc;

	if (t->config_dir == NULL) {
		add(l, "content", TEND_FIX_NONE, NULL, "built-in content "
		    "only");
		return;
	}
	if (asprintf(&file, "%s/content.json", t->config_dir) == -1) {
		l->rc = TEND_ENOMEM;
		return;
	}
	if ((rc = tend_catalog(t, &cat)) == TEND_OK) {
		if (stat(file, &st) == 0)
			add(l, "content", TEND_FIX_NONE, NULL, "%s is valid",
			    file);
		else
			add(l, "content", TEND_FIX_NONE, NULL, "built-in "
			    "content only (no %s)", file);
	} else if (rc == TEND_ENOMEM)
		l->rc = rc;
	else if (asprintf(&fix, "correct %s, or move it away", file) == -1)
		l->rc = TEND_ENOMEM;
	else
		add(l, "content", TEND_FIX_NONE, fix, "%s", tend_errmsg(t));
	free(fix);
	free(file);
}

int
tend_doctor(struct tend *t, const char *path, struct tend_finding **out,
    size_t *n)
{
	struct list l = { NULL, 0, 0, TEND_OK };
	char side[4096];
	struct stat st;
	int sides = 1;

	*out = NULL;
	*n = 0;
	db_close(t);
	folder_finding(t, &l, path);
	if (lstat(path, &st) == -1 && errno == ENOENT) {
		add(&l, "journal", TEND_FIX_CREATE, NULL, "no journal at %s",
		    path);
	} else {
		file_finding(t, &l, "journal", path, 0);
		/* -wal and -shm hold journal text too: the same rules. */
		if (snprintf(side, sizeof(side), "%s-wal", path) <
		    (int)sizeof(side) && lstat(side, &st) == 0)
			sides &= file_finding(t, &l, "wal", side, 1);
		if (snprintf(side, sizeof(side), "%s-shm", path) <
		    (int)sizeof(side) && lstat(side, &st) == 0)
			sides &= file_finding(t, &l, "shm", side, 1);
		/*
		 * Modes are reported above; the contents are still read, but
		 * never through a -wal or -shm someone else may have planted.
		 */
		if (!sides)
			add(&l, "database", TEND_FIX_NONE, "fix the files "
			    "above first", "%s was not opened: SQLite would "
			    "read the files beside it", path);
		else if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
			database(t, &l, path);
	}
	content(t, &l);
	if (l.rc != TEND_OK) {
		tend_findings_free(l.v, l.n);
		return tend_seterr(t, l.rc, "out of memory");
	}
	*out = l.v;
	*n = l.n;
	return TEND_OK;
}

void
tend_findings_free(struct tend_finding *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++) {
		free(v[i].message);
		free(v[i].fix);
	}
	free(v);
}

int
tend_findings_json(struct tend *t, const char *path,
    const struct tend_finding *v, size_t n, char **out)
{
	cJSON *doc, *checks, *o;
	size_t i;
	int ok = 1;

	*out = NULL;
	for (i = 0; i < n; i++)
		ok &= v[i].ok;
	if ((doc = cJSON_CreateObject()) == NULL ||
	    cJSON_AddStringToObject(doc, "journal", path) == NULL ||
	    cJSON_AddBoolToObject(doc, "ok", ok) == NULL ||
	    (checks = cJSON_AddArrayToObject(doc, "checks")) == NULL)
		goto nomem;
	for (i = 0; i < n; i++) {
		if ((o = cJSON_CreateObject()) == NULL)
			goto nomem;
		cJSON_AddItemToArray(checks, o);
		if (cJSON_AddStringToObject(o, "check", v[i].check) == NULL ||
		    cJSON_AddBoolToObject(o, "ok", v[i].ok) == NULL ||
		    cJSON_AddStringToObject(o, "message", v[i].message) ==
		    NULL || (v[i].fix ? cJSON_AddStringToObject(o, "fix",
		    v[i].fix) : cJSON_AddNullToObject(o, "fix")) == NULL)
			goto nomem;
	}
	if ((*out = json_print_safe(doc)) == NULL)
		goto nomem;
	cJSON_Delete(doc);
	return TEND_OK;
nomem:
	cJSON_Delete(doc);
	return tend_seterr(t, TEND_ENOMEM, "out of memory");
}
