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
	    "INSERT INTO note(uuid, from_id, to_id, body, week, created,"
	    " updated, device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6,"
	    " (SELECT device FROM replica))";
	struct sqlite3_stmt *st = NULL;
	char id[37], week[TEND_WEEK_LEN], created[32], *name = NULL;
	char *sender = NULL;
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

	if ((rc = change_begin(t, "added a note")) != TEND_OK)
		return rc;
	if ((rc = partner_find(t, from, &from_id, &sender)) != TEND_OK ||
	    (rc = partner_find(t, to, &to_id, &name)) != TEND_OK ||
	    (rc = change_what(t, "added a note from %s to %s", sender,
	    name)) != TEND_OK)
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
	free(sender);
	free(name);
	return rc;
}

void
tend_note_release(struct tend_note *n)
{
	if (n == NULL)
		return;
	free(n->from);
	free(n->to);
	free(n->text);
	memset(n, 0, sizeof(*n));
}

void
tend_notes_free(struct tend_note *list, size_t n)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++)
		tend_note_release(&list[i]);
	free(list);
}

/*
 * The hex digits two uuids share at their start (their dashes, at the
 * same places in both, skipped).
 */
static size_t
shared_digits(const char *a, const char *b)
{
	size_t n = 0;

	for (; *a != '\0' && *a == *b; a++, b++)
		if (*a != '-')
			n++;
	return n;
}

/*
 * A note's short id: the first digits of its uuid, as many as it takes
 * to tell it from its neighbours in uuid order (prev and next, "" when
 * none), and at least TEND_ID_MIN.
 */
static void
short_id(const char *uuid, const char *prev, const char *next, char id[37])
{
	size_t want = TEND_ID_MIN, k, n = 0;

	if ((k = shared_digits(uuid, prev) + 1) > want)
		want = k;
	if ((k = shared_digits(uuid, next) + 1) > want)
		want = k;
	for (; *uuid != '\0' && n < want; uuid++)
		if (*uuid != '-')
			id[n++] = *uuid;
	id[n] = '\0';
}

/* Columns 6 and 7 of a note's query: its neighbours in uuid order. */
#define SQL_NEIGHBOURS \
	" coalesce((SELECT max(uuid) FROM note p WHERE p.uuid < n.uuid), '')," \
	" coalesce((SELECT min(uuid) FROM note q WHERE q.uuid > n.uuid), '')"

/* The current row as a note, into e. */
static int
read_row(struct tend *t, struct sqlite3_stmt *st, struct tend_note *e)
{
	memset(e, 0, sizeof(*e));
	snprintf(e->uuid, sizeof(e->uuid), "%s", db_col_text(st, 0));
	short_id(e->uuid, db_col_text(st, 6), db_col_text(st, 7), e->id);
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

/* Copy the current row into a new note at the end of *list. */
static int
take_row(struct tend *t, struct sqlite3_stmt *st, struct tend_note **list,
    size_t *n)
{
	struct tend_note *grown;

	if ((grown = reallocarray(*list, *n + 1, sizeof(**list))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	*list = grown;
	return read_row(t, st, &grown[(*n)++]);
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
	    "SELECT n.uuid, a.name, b.name, n.body, n.created, n.week,"
	    SQL_NEIGHBOURS
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

/* ---- One note by its id: read, edit, delete ---------------------------- */

/*
 * id as the beginning of a uuid, dashes where a uuid has them, into
 * prefix; TEND_EINVAL when it is not 4 to 32 hex digits.
 */
static int
id_prefix(struct tend *t, const char *id, char prefix[37])
{
	size_t digits = 0, n = 0;
	const char *p;

	for (p = id; *p != '\0'; p++) {
		if (*p == '-')
			continue;
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
		    (*p >= 'A' && *p <= 'F')) || digits == 32)
			return tend_seterr(t, TEND_EINVAL, "'%.40s' is not a "
			    "note's id: an id is hexadecimal digits, as the "
			    "list of notes shows them", id);
		if (digits == 8 || digits == 12 || digits == 16 ||
		    digits == 20)
			prefix[n++] = '-';
		prefix[n++] = (char)(*p >= 'A' && *p <= 'F' ? *p - 'A' + 'a' :
		    *p);
		digits++;
	}
	prefix[n] = '\0';
	if (digits < 4)
		return tend_seterr(t, TEND_EINVAL, "'%.40s' is too short for a "
		    "note's id: give at least 4 of its digits", id);
	return TEND_OK;
}

/*
 * The note id names that viewer may see, into *n, with its row id; in
 * the caller's transaction when it has one.
 */
static int
note_find(struct tend *t, const char *id, const char *viewer,
    struct tend_note *n, long long *rowid)
{
	static const char sql[] =
	    "SELECT n.uuid, a.name, b.name, n.body, n.created, n.week,"
	    SQL_NEIGHBOURS ", n.id"
	    " FROM note n JOIN partner a ON a.id = n.from_id"
	    " JOIN partner b ON b.id = n.to_id"
	    " WHERE n.uuid >= ?1 AND n.uuid < ?1 || 'g'"
	    " AND (n.answer_id IS NULL OR n.answer_id NOT IN "
	    SQL_HIDDEN("?2") ") ORDER BY n.uuid LIMIT 2";
	struct sqlite3_stmt *st = NULL;
	struct reveal r = { 0 };
	struct tend_note other;
	char prefix[37];
	int rc, row;

	memset(n, 0, sizeof(*n));
	if ((rc = id_prefix(t, id, prefix)) != TEND_OK)
		return rc;
	if ((rc = reveal_load(t, viewer, &r)) != TEND_OK ||
	    (rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, prefix)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, r.hidden)) != TEND_OK ||
	    (rc = db_step(t, st, "reading the note", &row)) != TEND_OK)
		goto out;
	if (!row) {
		rc = tend_seterr(t, TEND_ENOENT, "no note has the id '%s'", id);
		goto out;
	}
	*rowid = db_col_int(st, 8);
	if ((rc = read_row(t, st, n)) != TEND_OK ||
	    (rc = db_step(t, st, "reading the note", &row)) != TEND_OK ||
	    !row)
		goto out;
	if ((rc = read_row(t, st, &other)) == TEND_OK)
		rc = tend_seterr(t, TEND_EINVAL, "the id '%s' is ambiguous: "
		    "notes %s and %s both begin with it; give more of its "
		    "digits", id, n->id, other.id);
	tend_note_release(&other);
out:
	db_finalize(st);
	reveal_release(&r);
	if (rc != TEND_OK)
		tend_note_release(n);
	return rc;
}

int
tend_note_get(struct tend *t, const char *id, const char *viewer,
    struct tend_note *n)
{
	long long rowid;

	return note_find(t, id, viewer, n, &rowid);
}

/* Edit (text not NULL) or delete the note id, as one change. */
static int
note_mend(struct tend *t, const char *id, const char *viewer,
    const char *text, struct tend_note *out)
{
	struct sqlite3_stmt *st = NULL;
	struct tend_note n;
	char stamp[32];
	long long rowid;
	int rc;

	memset(&n, 0, sizeof(n));
	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if (text != NULL && (rc = tend_note_check_text(t, text)) != TEND_OK)
		return rc;
	if ((rc = change_begin(t, "%s a note", text ? "edited" : "deleted")) !=
	    TEND_OK)
		return rc;
	if ((rc = note_find(t, id, viewer, &n, &rowid)) != TEND_OK)
		goto out;
	if (text != NULL && strcmp(text, n.text) == 0) {
		rc = tend_seterr(t, TEND_EINVAL, "note %s already says that; "
		    "nothing was changed", n.id);
		goto out;
	}
	tend_stamp(t, stamp);
	if ((rc = change_what(t, "%s the note %s from %s to %s", text ?
	    "edited" : "deleted", n.id, n.from, n.to)) != TEND_OK ||
	    (rc = db_prepare(t, &st, text ? "UPDATE note SET body = ?2, "
	    "updated = ?3, device = (SELECT device FROM replica) WHERE id = ?1"
	    : "DELETE FROM note WHERE id = ?1")) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, rowid)) != TEND_OK ||
	    (text != NULL && ((rc = db_bind_text(t, st, 2, text)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 3, stamp)) != TEND_OK)) ||
	    (rc = db_step_done(t, st, "saving the note")) != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_commit(t)) == TEND_OK && out != NULL) {
		*out = n;
		memset(&n, 0, sizeof(n));
	}
out:
	db_finalize(st);
	if (rc != TEND_OK)
		db_rollback(t);
	tend_note_release(&n);
	return rc;
}

int
tend_note_edit(struct tend *t, const char *id, const char *viewer,
    const char *text, struct tend_note *n)
{
	if (text == NULL)
		return tend_seterr(t, TEND_EINVAL, "no new text for the note");
	return note_mend(t, id, viewer, text, n);
}

int
tend_note_delete(struct tend *t, const char *id, const char *viewer,
    struct tend_note *n)
{
	return note_mend(t, id, viewer, NULL, n);
}
