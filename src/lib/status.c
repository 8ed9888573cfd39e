/*
 * status.c - where the couple stands this week: the check-in's state and
 * how long ago the last one was, this week's experiment, the notes written
 * and the streak of weekly check-ins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"

/*
 * The current experiment (next week's once this week's check-in handed it
 * out), read only: status never chooses one.
 */
static int
week_experiment(struct tend *t, struct tend_status *s)
{
	struct tend_week_experiment x;
	int rc;

	if ((rc = tend_experiment_current(t, 0, &x)) == TEND_ENOENT)
		return TEND_OK;
	if (rc != TEND_OK)
		return rc;
	snprintf(s->experiment_week, sizeof(s->experiment_week), "%s", x.week);
	snprintf(s->experiment_item, sizeof(s->experiment_item), "%s", x.item);
	text_copy(s->experiment_title, sizeof(s->experiment_title), x.title);
	s->experiment = x.outcome == NULL ? TEND_EXPERIMENT_CHOSEN :
	    strcmp(x.outcome, "tried") == 0 ? TEND_EXPERIMENT_TRIED :
	    TEND_EXPERIMENT_SKIPPED;
	tend_week_experiment_release(&x);
	return TEND_OK;
}

/* Notes written this week, less those made from answers hidden from r's
 * viewer. */
static int
notes_total(struct tend *t, const struct reveal *r, struct tend_status *s)
{
	struct sqlite3_stmt *st = NULL;
	int rc, row;

	if ((rc = db_prepare(t, &st, "SELECT count(*) FROM note WHERE week = "
	    "?1 AND (answer_id IS NULL OR answer_id NOT IN "
	    SQL_HIDDEN("?2") ")")) == TEND_OK &&
	    (rc = db_bind_text(t, st, 1, s->week)) == TEND_OK &&
	    (rc = db_bind_text(t, st, 2, r->hidden)) == TEND_OK &&
	    (rc = db_step(t, st, "reading this week's notes", &row)) ==
	    TEND_OK && row)
		s->notes = (int)db_col_int(st, 0);
	db_finalize(st);
	return rc;
}

/*
 * The last complete check-in of the weekly deck, by its week key (not by
 * when something was last typed, which may be a back-filled week), and
 * the days from its last answer to today, between local dates.
 */
static int
last_checkin(struct tend *t, const struct reveal *r, struct tend_status *s)
{
	static const char sql[] =
	    "SELECT CAST(julianday(date(?1, ?2)) -"
	    " julianday(date(max(created), ?2)) AS INTEGER)"
	    " FROM answer WHERE checkin_id = ?3";
	const struct reveal_ck *last = NULL;
	struct sqlite3_stmt *st = NULL;
	char now[32], shift[32];
	size_t i;
	int rc, row;

	for (i = 0; i < r->n; i++)
		if (r->ck[i].complete && strcmp(r->ck[i].deck, s->deck) == 0 &&
		    (last == NULL || strcmp(r->ck[i].week, last->week) > 0))
			last = &r->ck[i];
	if (last == NULL)
		return TEND_OK;
	tend_stamp(t, now);
	snprintf(shift, sizeof(shift), "%+ld seconds", t->utcoff);
	if ((rc = db_prepare(t, &st, sql)) == TEND_OK &&
	    (rc = db_bind_text(t, st, 1, now)) == TEND_OK &&
	    (rc = db_bind_text(t, st, 2, shift)) == TEND_OK &&
	    (rc = db_bind_int(t, st, 3, last->id)) == TEND_OK &&
	    (rc = db_step(t, st, "reading the last check-in", &row)) ==
	    TEND_OK && row && !db_col_null(st, 0)) {
		s->days_since = (int)db_col_int(st, 0);
		snprintf(s->last_week, sizeof(s->last_week), "%s", last->week);
	}
	db_finalize(st);
	return rc;
}

/* "Sam, Kim" of the partners of c whose done flag is want. */
static void
names(const struct reveal *r, const struct reveal_ck *c, int want, char *buf,
    size_t size)
{
	size_t p, len = 0;
	int k;

	buf[0] = '\0';
	for (p = 0; p < r->np && len < size; p++) {
		if (c->done[p] != want)
			continue;
		k = snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
		    r->partners[p].name);
		if (k < 0)
			break;
		len += (size_t)k;
	}
}

int
tend_status(struct tend *t, const char *viewer, struct tend_status *s)
{
	const struct reveal_ck *c;
	struct reveal r;
	size_t p;
	int rc, any = 0;

	memset(s, 0, sizeof(*s));
	s->days_since = -1;
	tend_week_format(tend_this_week(t), s->week, sizeof(s->week));
	snprintf(s->deck, sizeof(s->deck), "%s", catalog_default_deck());
	if ((rc = reveal_load(t, viewer, &r)) != TEND_OK)
		return rc;
	/*
	 * This week's state is the weekly deck's: another deck's check-in
	 * (a repair deck) does not stand in for it.
	 */
	if ((c = reveal_week(&r, s->week, s->deck)) != NULL) {
		for (p = 0; p < r.np; p++)
			any = any || c->any[p];
		s->checkin = c->complete ? TEND_CHECKIN_DONE : any ?
		    TEND_CHECKIN_PARTIAL : TEND_CHECKIN_DUE;
		if (s->checkin == TEND_CHECKIN_PARTIAL) {
			names(&r, c, 0, s->waiting, sizeof(s->waiting));
			names(&r, c, 1, s->answered, sizeof(s->answered));
		}
	}
	checkin_streaks(t, &r, s->week, &s->streak, &s->longest);
	if ((rc = last_checkin(t, &r, s)) != TEND_OK ||
	    (rc = week_experiment(t, s)) != TEND_OK)
		goto out;
	rc = notes_total(t, &r, s);
out:
	reveal_release(&r);
	return rc;
}

static const char *const state_names[] = {
	[TEND_CHECKIN_DUE] = "due",
	[TEND_CHECKIN_PARTIAL] = "in progress",
	[TEND_CHECKIN_DONE] = "done",
};

const char *
tend_checkin_state_name(enum tend_checkin_state s)
{
	return s <= TEND_CHECKIN_DONE ? state_names[s] : "unknown";
}

static const char *const experiment_names[] = {
	[TEND_EXPERIMENT_NONE] = "none",
	[TEND_EXPERIMENT_CHOSEN] = "chosen",
	[TEND_EXPERIMENT_TRIED] = "tried",
	[TEND_EXPERIMENT_SKIPPED] = "skipped",
};

const char *
tend_experiment_state_name(enum tend_experiment_state s)
{
	return s <= TEND_EXPERIMENT_SKIPPED ? experiment_names[s] : "unknown";
}

void
tend_status_notes_free(struct tend_partner_notes *list, size_t n)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(list[i].uuid);
		free(list[i].name);
	}
	free(list);
}

int
tend_status_notes(struct tend *t, const char *viewer,
    struct tend_partner_notes **out, size_t *nout)
{
	static const char sql[] =
	    "SELECT p.uuid, p.name,"
	    " (SELECT count(*) FROM note n WHERE n.from_id = p.id"
	    "  AND n.week = ?1 AND (n.answer_id IS NULL"
	    "  OR n.answer_id NOT IN " SQL_HIDDEN("?2") ")),"
	    " (SELECT count(*) FROM note n WHERE n.to_id = p.id"
	    "  AND n.week = ?1 AND (n.answer_id IS NULL"
	    "  OR n.answer_id NOT IN " SQL_HIDDEN("?2") "))"
	    " FROM partner p ORDER BY p.id";
	const struct reveal_ck *c;
	struct tend_partner_notes *list = NULL, *grown;
	struct sqlite3_stmt *st = NULL;
	struct reveal r;
	char week[TEND_WEEK_LEN];
	size_t n = 0;
	int rc, row;

	*out = NULL;
	*nout = 0;
	tend_week_format(tend_this_week(t), week, sizeof(week));
	if ((rc = reveal_load(t, viewer, &r)) != TEND_OK)
		return rc;
	c = reveal_week(&r, week, catalog_default_deck());
	if ((rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, week)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, r.hidden)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading this week's notes", &row)) !=
		    TEND_OK || !row)
			break;
		if ((grown = reallocarray(list, n + 1, sizeof(*list))) == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			break;
		}
		list = grown;
		list[n].uuid = strdup(db_col_text(st, 0));
		list[n].name = strdup(db_col_text(st, 1));
		list[n].sent = (int)db_col_int(st, 2);
		list[n].received = (int)db_col_int(st, 3);
		/* Both read the partners in id order. */
		list[n].answered = c != NULL && n < r.np && c->done[n];
		n++;
		if (list[n - 1].uuid == NULL || list[n - 1].name == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			break;
		}
	}
out:
	db_finalize(st);
	reveal_release(&r);
	if (rc != TEND_OK) {
		tend_status_notes_free(list, n);
		return rc;
	}
	*out = list;
	*nout = n;
	return TEND_OK;
}
