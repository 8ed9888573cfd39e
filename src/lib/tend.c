/*
 * tend.c - the handle: creation, the last error, the injected clock, and
 * the journal's life cycle (create, open, close).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <uuid/uuid.h>

#include "tend-int.h"

struct tend *
tend_new(void)
{
	return calloc(1, sizeof(struct tend));
}

void
tend_free(struct tend *t)
{
	if (t == NULL)
		return;
	db_close(t);
	content_free(t->content);
	content_free(t->retired);
	free(t->config_dir);
	free(t);
}

const char *
tend_errmsg(const struct tend *t)
{
	return t->err;
}

enum tend_fix
tend_errfix(const struct tend *t, const char **arg)
{
	if (arg != NULL)
		*arg = t->fixarg;
	return t->fix;
}

const char *
tend_fixstr(enum tend_fix fix)
{
	switch (fix) {
	case TEND_FIX_NONE:
		break;
	case TEND_FIX_CREATE:
		return "make a journal there";
	case TEND_FIX_RECREATE:
		return "remove it, then make a journal there";
	case TEND_FIX_LINK:
		return "give the real file's path, not a link's";
	case TEND_FIX_PATH:
		return "give the journal's path";
	case TEND_FIX_HOME:
		return "set HOME, or give the journal's path";
	case TEND_FIX_FOLDER:
		return "keep the journal in a folder only you can write";
	case TEND_FIX_CHECK:
		return "check the journal for damage";
	case TEND_FIX_RECHECK:
		return "check again once the problems above are mended";
	case TEND_FIX_RESTORE:
		return "restore a backup copy";
	case TEND_FIX_UPGRADE:
		return "open it once with this tend, which upgrades it";
	case TEND_FIX_INTIMACY:
		return "choose the intimacy setting (none, affection or "
		    "sexual)";
	case TEND_FIX_SENDER:
		return "say which partner the note is from";
	case TEND_FIX_DECKS:
		return "choose one of the decks";
	case TEND_FIX_TOPICS:
		return "choose one of the topics";
	case TEND_FIX_EXPERIMENT:
		return "choose this week's experiment first";
	case TEND_FIX_CHECKIN:
		return "hold a check-in together";
	case TEND_FIX_PARTNERS:
		return "import it into a journal that names its partners";
	}
	return "";
}

const char *
tend_strerror(int code)
{
	switch (code) {
	case TEND_OK:
		return "success";
	case TEND_ENOMEM:
		return "out of memory";
	case TEND_EINVAL:
		return "invalid argument";
	case TEND_ENOENT:
		return "no such partner, week or entry";
	case TEND_ENOJOURNAL:
		return "no journal there";
	case TEND_EEXIST:
		return "a journal already exists there";
	case TEND_EPERM:
		return "the journal or its folder is not safe to use";
	case TEND_EDATA:
		return "not a tend journal, or a damaged one";
	case TEND_ENEWER:
		return "a journal from a newer tend";
	case TEND_EBUSY:
		return "the journal is busy in another program";
	case TEND_EREADONLY:
		return "the journal cannot be written";
	case TEND_EFULL:
		return "the disk is full";
	case TEND_EIO:
		return "input/output error";
	case TEND_EDB:
		return "database error";
	case TEND_ECONTENT:
		return "a content file is not valid";
	case TEND_ECONFLICT:
		return "saved meanwhile by another session";
	}
	return "unknown error";
}

int
tend_seterr(struct tend *t, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* A message cut short at the buffer's end is still worth showing. */
	if (vsnprintf(t->err, sizeof(t->err), fmt, ap) < 0)
		t->err[0] = '\0';
	va_end(ap);
	t->fix = TEND_FIX_NONE;
	t->fixarg = NULL;
	return code;
}

int
tend_setfix(struct tend *t, int code, enum tend_fix fix, const char *arg)
{
	t->fix = fix;
	t->fixarg = arg;
	return code;
}

void
tend_set_clock(struct tend *t, time_t now, long utcoff)
{
	t->now = now;
	t->utcoff = utcoff;
	t->zone = NULL;
	t->zone_arg = NULL;
}

void
tend_set_clock_zone(struct tend *t, time_t now, tend_zone_fn zone, void *arg)
{
	t->now = now;
	t->zone = zone;
	t->zone_arg = arg;
	/* Kept for what only needs now's offset (tip of the day, status). */
	t->utcoff = when_utcoff(t, now);
}

void
tend_stamp(const struct tend *t, char buf[32])
{
	struct tm tm;

	if (gmtime_r(&t->now, &tm) == NULL ||
	    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, 32, "1970-01-01T00:00:00Z");
}

time_t
stamp_time(const char *stamp)
{
	struct tend_datetime dt;
	struct tm tm;

	if (tend_datetime_parse(stamp, &dt) != TEND_OK)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = dt.year - 1900;
	tm.tm_mon = dt.month - 1;
	tm.tm_mday = dt.day;
	tm.tm_hour = dt.hour;
	tm.tm_min = dt.minute;
	tm.tm_sec = dt.second;
	return timegm(&tm) - (dt.has_zone ? dt.utcoff : 0);
}

struct tend_week
tend_this_week(const struct tend *t)
{
	return when_week(t, t->now);
}

void
tend_uuid(char buf[37])
{
	uuid_t u;

	uuid_generate_random(u);
	uuid_unparse_lower(u, buf);
}

int
tend_create(struct tend *t, const char *path, const char *const *names,
    size_t nnames)
{
	return tend_create_with(t, path, names, nnames, NULL, 0);
}

int
tend_create_with(struct tend *t, const char *path, const char *const *names,
    size_t nnames, const char *const *settings, size_t nsettings)
{
	static const char sql[] =
	    "INSERT INTO partner(uuid, name, created, updated, device)"
	    " VALUES (?1, ?2, ?3, ?3, (SELECT device FROM replica))";
	struct sqlite3_stmt *st = NULL;
	char stamp[32], uuid[37];
	size_t i;
	int rc;

	if (nnames < 2)
		return tend_seterr(t, TEND_EINVAL,
		    "a journal needs at least two partners");
	if ((rc = tend_check_names(t, names, nnames)) != TEND_OK)
		return rc;
	if ((rc = db_create(t, path)) != TEND_OK)
		return rc;
	/*
	 * db_create left the new schema's transaction open for the partners,
	 * with no change open: making the journal is not a change to undo.
	 */
	tend_stamp(t, stamp);
	if ((rc = db_prepare(t, &st, sql)) != TEND_OK)
		goto out;
	for (i = 0; i < nnames; i++) {
		tend_uuid(uuid);
		if ((rc = db_bind_text(t, st, 1, uuid)) != TEND_OK ||
		    (rc = db_bind_text(t, st, 2, names[i])) != TEND_OK ||
		    (rc = db_bind_text(t, st, 3, stamp)) != TEND_OK)
			goto out;
		if ((rc = db_step_done(t, st, "naming the partners")) != TEND_OK)
			goto out;
	}
	db_finalize(st);
	st = NULL;
	/* The journal's own id seeds its choices (tips, experiments). */
	tend_uuid(uuid);
	if ((rc = db_prepare(t, &st, "INSERT INTO setting(key, value, updated,"
	    " device) VALUES ('journal-id', ?1, ?2, (SELECT device FROM"
	    " replica))")) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, uuid)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, stamp)) != TEND_OK ||
	    (rc = db_step_done(t, st, "creating the journal")) != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_commit(t)) != TEND_OK)
		goto out;
	/* Still under the temporary name: part of the journal when it appears. */
	for (i = 0; i < nsettings; i++)
		if ((rc = tend_config_set(t, settings[2 * i],
		    settings[2 * i + 1])) != TEND_OK)
			goto out;
	rc = db_publish(t, path);
out:
	db_finalize(st);
	if (rc != TEND_OK)
		db_abandon(t, path);
	return rc;
}

int
tend_open(struct tend *t, const char *path)
{
	return db_open(t, path);
}
