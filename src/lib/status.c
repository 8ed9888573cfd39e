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
	snprintf(s->experiment_title, sizeof(s->experiment_title), "%s",
	    x.title);
	s->experiment = x.outcome == NULL ? TEND_EXPERIMENT_CHOSEN :
	    strcmp(x.outcome, "tried") == 0 ? TEND_EXPERIMENT_TRIED :
	    TEND_EXPERIMENT_SKIPPED;
	tend_week_experiment_release(&x);
	return TEND_OK;
}

static int
notes_total(struct tend *t, struct tend_status *s)
{
	struct sqlite3_stmt *st = NULL;
	int rc, row;

	if ((rc = db_prepare(t, &st,
	    "SELECT count(*) FROM note WHERE week = ?1")) == TEND_OK &&
	    (rc = db_bind_text(t, st, 1, s->week)) == TEND_OK &&
	    (rc = db_step(t, st, "reading this week's notes", &row)) ==
	    TEND_OK && row)
		s->notes = (int)db_col_int(st, 0);
	db_finalize(st);
	return rc;
}

int
tend_status(struct tend *t, struct tend_status *s)
{
	/*
	 * A week's check-in is done when it was finished, in progress when
	 * it has answers; days count between local dates.
	 */
	static const char sql_week[] =
	    "SELECT count(*), count(c.finished) FROM checkin c"
	    " WHERE c.week = ?1 AND EXISTS"
	    " (SELECT 1 FROM answer a WHERE a.checkin_id = c.id)";
	static const char sql_last[] =
	    "SELECT c.week, CAST(julianday(date(?1, ?2)) -"
	    " julianday(date(max(a.created), ?2)) AS INTEGER)"
	    " FROM answer a JOIN checkin c ON c.id = a.checkin_id";
	struct sqlite3_stmt *st = NULL;
	char now[32], shift[32];
	int rc, row, longest;

	memset(s, 0, sizeof(*s));
	s->days_since = -1;
	tend_week_format(tend_this_week(t), s->week, sizeof(s->week));
	tend_stamp(t, now);
	snprintf(shift, sizeof(shift), "%+ld seconds", t->utcoff);

	if ((rc = db_prepare(t, &st, sql_week)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, s->week)) != TEND_OK ||
	    (rc = db_step(t, st, "reading this week", &row)) != TEND_OK)
		goto out;
	if (db_col_int(st, 1) > 0)
		s->checkin = TEND_CHECKIN_DONE;
	else if (db_col_int(st, 0) > 0)
		s->checkin = TEND_CHECKIN_PARTIAL;
	db_finalize(st);
	st = NULL;

	if ((rc = db_prepare(t, &st, sql_last)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, now)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, shift)) != TEND_OK ||
	    (rc = db_step(t, st, "reading the last check-in", &row)) != TEND_OK)
		goto out;
	if (row && !db_col_null(st, 1)) {
		s->days_since = (int)db_col_int(st, 1);
		snprintf(s->last_week, sizeof(s->last_week), "%s",
		    db_col_text(st, 0));
	}
	db_finalize(st);
	st = NULL;
	if ((rc = week_experiment(t, s)) != TEND_OK ||
	    (rc = checkin_streaks(t, s->week, &s->streak, &longest)) !=
	    TEND_OK)
		goto out;
	rc = notes_total(t, s);
out:
	db_finalize(st);
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
tend_status_notes(struct tend *t, struct tend_partner_notes **out,
    size_t *nout)
{
	static const char sql[] =
	    "SELECT p.uuid, p.name,"
	    " (SELECT count(*) FROM note n WHERE n.from_id = p.id"
	    "  AND n.week = ?1),"
	    " (SELECT count(*) FROM note n WHERE n.to_id = p.id"
	    "  AND n.week = ?1)"
	    " FROM partner p ORDER BY p.id";
	struct tend_partner_notes *list = NULL, *grown;
	struct sqlite3_stmt *st = NULL;
	char week[TEND_WEEK_LEN];
	size_t n = 0;
	int rc, row;

	*out = NULL;
	*nout = 0;
	tend_week_format(tend_this_week(t), week, sizeof(week));
	if ((rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, week)) != TEND_OK)
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
		n++;
		if (list[n - 1].uuid == NULL || list[n - 1].name == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			break;
		}
	}
out:
	db_finalize(st);
	if (rc != TEND_OK) {
		tend_status_notes_free(list, n);
		return rc;
	}
	*out = list;
	*nout = n;
	return TEND_OK;
}
