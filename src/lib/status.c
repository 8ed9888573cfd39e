/*
 * status.c - where the couple stands this week: the check-in's state and
 * how long ago the last one was.
 */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tend-int.h"

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
	int rc, row;

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

/* Add a string or, for "", a null; 0 when out of memory. */
static int
add_str(cJSON *o, const char *key, const char *v)
{
	return (*v ? cJSON_AddStringToObject(o, key, v) :
	    cJSON_AddNullToObject(o, key)) != NULL;
}

int
tend_status_json(struct tend *t, char **out)
{
	struct tend_status s;
	struct tend_partner *p = NULL;
	size_t n = 0, i;
	cJSON *o = NULL, *arr, *e;
	int rc;

	*out = NULL;
	if ((rc = tend_status(t, &s)) != TEND_OK ||
	    (rc = tend_partners(t, &p, &n)) != TEND_OK)
		goto out;
	rc = TEND_ENOMEM;
	if ((o = cJSON_CreateObject()) == NULL ||
	    !add_str(o, "week", s.week) ||
	    !add_str(o, "checkin", tend_checkin_state_name(s.checkin)) ||
	    (s.days_since < 0 ? cJSON_AddNullToObject(o, "days_since_last") :
	    cJSON_AddNumberToObject(o, "days_since_last", s.days_since)) ==
	    NULL ||
	    !add_str(o, "last_week", s.last_week) ||
	    (arr = cJSON_AddArrayToObject(o, "partners")) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		if ((e = cJSON_CreateObject()) == NULL)
			goto out;
		cJSON_AddItemToArray(arr, e);
		if (!add_str(e, "id", p[i].uuid) || !add_str(e, "name",
		    p[i].name))
			goto out;
	}
	if ((*out = cJSON_PrintUnformatted(o)) != NULL)
		rc = TEND_OK;
out:
	if (rc == TEND_ENOMEM)
		tend_seterr(t, rc, "out of memory");
	cJSON_Delete(o);
	tend_partners_free(p, n);
	return rc;
}

const char *
tend_cjson_version(void)
{
	return cJSON_Version();
}
