/*
 * notes.c - appreciation notes: one partner thanking another, saved the
 * moment it is given, and read back newest first through a filter.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unistr.h>

#include "tend-int.h"

/* An instant as stored: UTC RFC 3339, "2026-11-21T10:00:00Z". */
static void
stamp_of(time_t when, char buf[32])
{
	struct tm tm;

	if (gmtime_r(&when, &tm) == NULL ||
	    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, 32, "1970-01-01T00:00:00Z");
}

/* The one rule: nobody thanks themselves. */
static int
self_thanks(struct tend *t, const char *name)
{
	return tend_seterr(t, TEND_EINVAL, "a note goes to someone else; %s "
	    "cannot thank themselves", name);
}

int
tend_note_check_partners(struct tend *t, const char *from, const char *to)
{
	long long from_id, to_id;
	char *name = NULL;
	int rc;

	if ((rc = partner_find(t, from, &from_id, NULL)) == TEND_OK &&
	    (rc = partner_find(t, to, &to_id, &name)) == TEND_OK &&
	    from_id == to_id)
		rc = self_thanks(t, name);
	free(name);
	return rc;
}

int
tend_note_sender(struct tend *t, const char *to, char **from)
{
	struct sqlite3_stmt *st = NULL;
	long long to_id, n;
	int rc, row;

	*from = NULL;
	if ((rc = partner_find(t, to, &to_id, NULL)) != TEND_OK)
		return rc;
	if ((rc = db_prepare(t, &st, "SELECT count(*), max(name) FROM partner"
	    " WHERE id <> ?1")) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, to_id)) != TEND_OK ||
	    (rc = db_step(t, st, "reading the partners", &row)) != TEND_OK)
		goto out;
	n = row ? db_col_int(st, 0) : 0;
	if (n != 1) {
		rc = tend_setfix(t, tend_seterr(t, TEND_EINVAL, "with %lld "
		    "partners, tend cannot tell who the note is from", n + 1),
		    TEND_FIX_SENDER, NULL);
		goto out;
	}
	if ((*from = strdup(db_col_text(st, 1))) == NULL)
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
out:
	db_finalize(st);
	return rc;
}

int
tend_note_time(struct tend *t, time_t day, time_t *when)
{
	long long d, tod;
	time_t end;

	*when = 0;
	if ((long long)day > (long long)t->now)
		return tend_seterr(t, TEND_EINVAL, "a note cannot be dated in "
		    "the future; give today or an earlier day");
	/* Today is now itself, even in an hour the clocks read twice. */
	if ((d = when_day(t, day, NULL)) == when_day(t, t->now, &tod)) {
		*when = t->now;
		return TEND_OK;
	}
	/* Each date at its own offset: the two may be an hour apart. */
	*when = when_local(t, d, tod);
	/* A jump forward over the time of day never moves it to the next day. */
	if (*when >= (end = when_day_start(t, d + 1)))
		*when = end - 1;
	/* Never later than now, whatever the zone function says. */
	if (*when > t->now)
		*when = t->now;
	return TEND_OK;
}

int
tend_note_check_text(struct tend *t, const char *text)
{
	size_t n = strlen(text), chars;

	if (n == 0)
		return tend_seterr(t, TEND_EINVAL, "empty note; nothing saved");
	if (!tend_utf8_valid(text, n))
		return tend_seterr(t, TEND_EINVAL, "the note is not valid "
		    "UTF-8 text; save it as UTF-8 and try again");
	chars = u8_mbsnlen((const uint8_t *)text, n);
	if (chars > TEND_TEXT_MAX)
		return tend_seterr(t, TEND_EINVAL, "the note has %zu "
		    "characters; a note holds at most %d", chars,
		    TEND_TEXT_MAX);
	return TEND_OK;
}

int
tend_note_add(struct tend *t, const char *from, const char *to,
    const char *text, time_t when, char uuid[37])
{
	static const char sql[] =
	    "INSERT INTO note(uuid, from_id, to_id, body, week, created)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	struct sqlite3_stmt *st = NULL;
	char id[37], week[TEND_WEEK_LEN], created[32], *name = NULL;
	long long from_id, to_id;
	int rc;

	if ((rc = tend_note_check_text(t, text)) != TEND_OK)
		return rc;
	if (when == 0)
		when = t->now;
	if (when > t->now)
		return tend_seterr(t, TEND_EINVAL, "a note cannot be dated in "
		    "the future; give today or an earlier day");
	if (tend_week_format(when_week(t, when), week,
	    sizeof(week)) < 0)
		return tend_seterr(t, TEND_EINVAL, "the note's date is out of "
		    "range");
	stamp_of(when, created);
	tend_uuid(id);

	if ((rc = db_begin(t)) != TEND_OK)
		return rc;
	if ((rc = partner_find(t, from, &from_id, NULL)) != TEND_OK ||
	    (rc = partner_find(t, to, &to_id, &name)) != TEND_OK)
		goto out;
	if (from_id == to_id) {
		rc = self_thanks(t, name);
		goto out;
	}
	if ((rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, id)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 2, from_id)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 3, to_id)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 4, text)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 5, week)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 6, created)) != TEND_OK ||
	    (rc = db_step_done(t, st, "saving the note")) != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	/* db_commit rolls back itself when COMMIT fails. */
	if ((rc = db_commit(t)) == TEND_OK && uuid != NULL)
		memcpy(uuid, id, sizeof(id));
out:
	db_finalize(st);
	if (rc != TEND_OK)
		db_rollback(t);
	free(name);
	return rc;
}

void
tend_notes_free(struct tend_note *list, size_t n)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(list[i].from);
		free(list[i].to);
		free(list[i].text);
	}
	free(list);
}

/* Copy the current row into a new note at the end of *list. */
static int
take_row(struct tend *t, struct sqlite3_stmt *st, struct tend_note **list,
    size_t *n)
{
	struct tend_note *grown, *e;

	if ((grown = reallocarray(*list, *n + 1, sizeof(**list))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	*list = grown;
	e = &grown[(*n)++];
	memset(e, 0, sizeof(*e));
	snprintf(e->uuid, sizeof(e->uuid), "%s", db_col_text(st, 0));
	e->from = strdup(db_col_text(st, 1));
	e->to = strdup(db_col_text(st, 2));
	e->text = strdup(db_col_text(st, 3));
	snprintf(e->created, sizeof(e->created), "%s", db_col_text(st, 4));
	snprintf(e->week, sizeof(e->week), "%s", db_col_text(st, 5));
	e->when = stamp_time(e->created);
	if (e->from == NULL || e->to == NULL || e->text == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	return TEND_OK;
}

int
tend_notes(struct tend *t, const struct tend_note_filter *f,
    struct tend_note **out, size_t *nout)
{
	/*
	 * Stamps are fixed-width UTC text, so comparing them as strings
	 * compares the instants and keeps the created index usable.
	 */
	static const char sql[] =
	    "SELECT n.uuid, a.name, b.name, n.body, n.created, n.week"
	    " FROM note n JOIN partner a ON a.id = n.from_id"
	    " JOIN partner b ON b.id = n.to_id"
	    " WHERE (?1 IS NULL OR n.from_id = ?1)"
	    " AND (?2 IS NULL OR n.to_id = ?2)"
	    " AND (?3 IS NULL OR n.created >= ?3)"
	    " AND (?4 IS NULL OR n.created < ?4)"
	    " AND (?5 IS NULL OR n.week = ?5)"
	    " AND (n.answer_id IS NULL OR n.answer_id NOT IN "
	    SQL_HIDDEN("?7") ")"
	    " ORDER BY n.created DESC, n.id DESC LIMIT ?6";
	struct sqlite3_stmt *st = NULL;
	struct reveal r = { 0 };
	struct tend_note *list = NULL;
	struct tend_week w;
	long long from_id, to_id;
	char since[32], until[32];
	size_t n = 0;
	int rc, row;

	*out = NULL;
	*nout = 0;
	if (f->week != NULL && tend_week_parse(f->week, &w) != TEND_OK)
		return tend_seterr(t, TEND_EINVAL, "'%s' is not a week; write "
		    "it as 2026-W47", f->week);
	if (f->limit < 0)
		return tend_seterr(t, TEND_EINVAL, "the limit must be a "
		    "positive number");
	/* A note made from an answer hidden from the viewer is not listed. */
	if ((rc = reveal_load(t, f->viewer, &r)) != TEND_OK ||
	    (rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 7, r.hidden)) != TEND_OK)
		goto out;
	if (f->from != NULL && ((rc = partner_find(t, f->from, &from_id,
	    NULL)) != TEND_OK || (rc = db_bind_int(t, st, 1, from_id)) !=
	    TEND_OK))
		goto out;
	if (f->to != NULL && ((rc = partner_find(t, f->to, &to_id, NULL)) !=
	    TEND_OK || (rc = db_bind_int(t, st, 2, to_id)) != TEND_OK))
		goto out;
	if (f->has_since) {
		stamp_of(f->since, since);
		if ((rc = db_bind_text(t, st, 3, since)) != TEND_OK)
			goto out;
	}
	if (f->has_until) {
		/* Until a day means through its end: before the next one. */
		stamp_of(when_day_after(t, f->until), until);
		if ((rc = db_bind_text(t, st, 4, until)) != TEND_OK)
			goto out;
	}
	if ((rc = db_bind_text(t, st, 5, f->week)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 6, f->limit > 0 ? f->limit : -1)) !=
	    TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the notes", &row)) !=
		    TEND_OK || !row)
			break;
		if ((rc = take_row(t, st, &list, &n)) != TEND_OK)
			break;
	}
out:
	db_finalize(st);
	reveal_release(&r);
	if (rc != TEND_OK) {
		tend_notes_free(list, n);
		return rc;
	}
	*out = list;
	*nout = n;
	return TEND_OK;
}
