/*
 * stats.c - the journal in numbers: the check-in streak and the longest
 * one, check-ins done, notes per partner, appreciations against struggles,
 * how the experiments went, and each partner's weekly connection rating
 * over the last weeks, for tend stats to print and chart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"

/*
 * The ids of every catalogue question with role, as a JSON array for
 * json_each(): "question IN (SELECT value FROM json_each(?1))" finds
 * their answers through the indexes of schema v2.  Ids are [a-z0-9-] (content.c
 * checks them), so they need no escaping.
 */
int
catalog_role_ids(struct tend *t, const char *role, char **out)
{
	const struct tend_catalog *cat;
	const struct tend_question *q;
	size_t d, i, len = 0;
	FILE *fp;
	int rc, any = 0;

	*out = NULL;
	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	if ((fp = open_memstream(out, &len)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	for (d = 0; d < cat->ndecks; d++)
		for (i = 0; i < cat->decks[d].nquestions; i++) {
			q = &cat->decks[d].questions[i];
			if (q->role != NULL && strcmp(q->role, role) == 0)
				fprintf(fp, "%s\"%s\"", any++ ? "," : "[",
				    q->id);
		}
	fputs(any ? "]" : "[]", fp);
	if (fclose(fp) != 0) {
		free(*out);
		*out = NULL;
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	}
	return TEND_OK;
}

/* One count from sql, with ?1 and ?2 bound to text. */
static int
count(struct tend *t, const char *sql, const char *text, const char *hidden,
    int *v)
{
	struct sqlite3_stmt *st = NULL;
	int rc, row;

	*v = 0;
	if ((rc = db_prepare(t, &st, sql)) == TEND_OK &&
	    (rc = db_bind_text(t, st, 1, text)) == TEND_OK &&
	    (rc = db_bind_text(t, st, 2, hidden)) == TEND_OK &&
	    (rc = db_step(t, st, "reading the statistics", &row)) == TEND_OK &&
	    row)
		*v = (int)db_col_int(st, 0);
	db_finalize(st);
	return rc;
}

/* Oldest week first. */
static int
week_order(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The streaks: a week counts when a check-in of that week is complete
 * (every partner answered every question its deck has, as reveal_load
 * works out from the answers).  The current streak runs back from this
 * week, or from last week while this week's is not complete: a streak is
 * not broken before the week is over.  tend status shows the current one
 * too.  Out of memory, the streaks are 0: they are never worth failing
 * the command for.
 */
void
checkin_streaks(struct tend *t, const struct reveal *r, const char *week,
    int *current, int *longest)
{
	struct tend_week prev = { 0, 0 }, w, now = tend_this_week(t);
	const char **weeks;
	size_t i, n = 0;
	int run = 0, have = 0;

	*current = *longest = 0;
	if ((weeks = calloc(r->n + 1, sizeof(*weeks))) == NULL)
		return;
	for (i = 0; i < r->n; i++)
		if (r->ck[i].complete && strcmp(r->ck[i].week, week) <= 0)
			weeks[n++] = r->ck[i].week;
	if (n > 0)
		qsort(weeks, n, sizeof(*weeks), week_order);
	for (i = 0; i < n; i++) {
		if (tend_week_parse(weeks[i], &w) != TEND_OK ||
		    (have && tend_week_cmp(prev, w) == 0))
			continue;
		if (have && tend_week_cmp(tend_week_add(prev, 1), w) == 0)
			run++;
		else
			run = 1;
		if (run > *longest)
			*longest = run;
		prev = w;
		have = 1;
	}
	if (have && (tend_week_cmp(prev, now) == 0 ||
	    tend_week_cmp(prev, tend_week_add(now, -1)) == 0))
		*current = run;
	free(weeks);
}

/*
 * Appreciations raised: non-empty answers to appreciation questions plus
 * the notes not made from such an answer (those hold the answer's text and
 * would count it twice; notes() counts them).  Struggles raised: non-empty
 * answers to struggle questions.  "Non-empty" is a GLOB for a character
 * other than blanks: it matches the values trim(value, blanks) <> '' keeps,
 * and it is written exactly as the index answer_said's condition (schema
 * v2), so that SQLite can use that index.
 */
static int
raised(struct tend *t, const struct reveal *r, struct tend_stats *s)
{
	static const char sql_answers[] =
	    "SELECT count(*) FROM answer"
	    " WHERE question IN (SELECT value FROM json_each(?1))"
	    " AND value GLOB '*[^ ' || char(9, 10, 13) || ']*'"
	    " AND id NOT IN " SQL_HIDDEN("?2");
	char *ids = NULL;
	int rc, answers;

	if ((rc = catalog_role_ids(t, "appreciation", &ids)) != TEND_OK ||
	    (rc = count(t, sql_answers, ids, r->hidden, &answers)) != TEND_OK)
		goto out;
	s->appreciations += answers;
	free(ids);
	if ((rc = catalog_role_ids(t, "struggle", &ids)) != TEND_OK)
		goto out;
	rc = count(t, sql_answers, ids, r->hidden, &s->struggles);
out:
	free(ids);
	return rc;
}

static int
experiments(struct tend *t, struct tend_stats *s)
{
	static const char sql[] =
	    "SELECT coalesce(sum(outcome = 'tried'), 0),"
	    " coalesce(sum(outcome = 'skipped'), 0),"
	    " count(CASE WHEN outcome = 'tried' THEN felt END),"
	    " coalesce(sum(CASE WHEN outcome = 'tried' THEN felt END), 0)"
	    " FROM experiment";
	struct sqlite3_stmt *st = NULL;
	int rc, row;

	if ((rc = db_prepare(t, &st, sql)) == TEND_OK &&
	    (rc = db_step(t, st, "reading the experiments", &row)) ==
	    TEND_OK && row) {
		s->tried = (int)db_col_int(st, 0);
		s->skipped = (int)db_col_int(st, 1);
		s->felt_count = (int)db_col_int(st, 2);
		s->felt_average = s->felt_count > 0 ?
		    (double)db_col_int(st, 3) / s->felt_count : 0;
	}
	db_finalize(st);
	return rc;
}

/*
 * Notes sent and received, all time, per partner in turn order; all notes,
 * and the appreciations among them that raised() does not count.  One pass
 * over the notes counted here: a count per partner and per kind in SQL
 * would read the table once each, and grouping would sort it.
 */
static int
notes(struct tend *t, const struct reveal *r, struct tend_stats *s,
    const long long *ids)
{
	static const char sql[] =
	    "SELECT from_id, to_id, answer_id IS NULL FROM note"
	    " WHERE answer_id IS NULL OR answer_id NOT IN " SQL_HIDDEN("?1");
	struct sqlite3_stmt *st = NULL;
	long long from, to;
	size_t i;
	int rc, row;

	if ((rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, r->hidden)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the notes", &row)) !=
		    TEND_OK || !row)
			break;
		from = db_col_int(st, 0);
		to = db_col_int(st, 1);
		s->notes++;
		s->appreciations += (int)db_col_int(st, 2);
		for (i = 0; i < s->npartners; i++) {
			s->partners[i].sent += ids[i] == from;
			s->partners[i].received += ids[i] == to;
		}
	}
out:
	db_finalize(st);
	return rc;
}

/*
 * The connection rating of each partner in each week of the chart, from
 * the answers to questions whose role is "connection" (of any deck; the
 * latest saved wins when a week has two).
 */
static int
ratings(struct tend *t, const struct reveal *r, struct tend_stats *s,
    const long long *ids)
{
	static const char sql[] =
	    "SELECT c.week, a.partner_id, a.value FROM answer a"
	    " JOIN checkin c ON c.id = a.checkin_id"
	    " WHERE a.kind = 'scale' AND a.value IS NOT NULL"
	    " AND c.week >= ?2 AND c.week <= ?3"
	    " AND a.question IN (SELECT value FROM json_each(?1))"
	    " AND a.id NOT IN " SQL_HIDDEN("?4")
	    " ORDER BY a.updated, a.id";
	struct sqlite3_stmt *st = NULL;
	char *conn = NULL;
	const char *week;
	size_t w, p;
	long long v;
	int rc, row;

	if ((rc = catalog_role_ids(t, "connection", &conn)) != TEND_OK ||
	    (rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, conn)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, s->weeks[0])) != TEND_OK ||
	    (rc = db_bind_text(t, st, 3, s->weeks[s->nweeks - 1])) !=
	    TEND_OK ||
	    (rc = db_bind_text(t, st, 4, r->hidden)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the ratings", &row)) !=
		    TEND_OK || !row)
			break;
		week = db_col_text(st, 0);
		for (w = 0; w < s->nweeks && strcmp(s->weeks[w], week) != 0;
		    w++)
			;
		for (p = 0; p < s->npartners && ids[p] != db_col_int(st, 1);
		    p++)
			;
		v = db_col_int(st, 2);
		if (w < s->nweeks && p < s->npartners && v >= 1 && v <= 10)
			s->partners[p].ratings[w] = (int)v;
	}
out:
	db_finalize(st);
	free(conn);
	return rc;
}

void
tend_stats_release(struct tend_stats *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; s->partners != NULL && i < s->npartners; i++) {
		free(s->partners[i].uuid);
		free(s->partners[i].name);
		free(s->partners[i].ratings);
	}
	free(s->partners);
	free(s->weeks);
	memset(s, 0, sizeof(*s));
}

int
tend_stats(struct tend *t, const char *viewer, int nweeks,
    struct tend_stats *s)
{
	struct reveal r = { 0 };
	struct tend_partner *list = NULL;
	struct tend_week now = tend_this_week(t);
	long long *ids = NULL;
	size_t n = 0, i;
	int rc;

	memset(s, 0, sizeof(*s));
	if (nweeks < 1 || nweeks > TEND_STATS_WEEKS_MAX)
		return tend_seterr(t, TEND_EINVAL, "the chart shows 1 to %d "
		    "weeks, not %d", TEND_STATS_WEEKS_MAX, nweeks);
	tend_week_format(now, s->week, sizeof(s->week));
	if ((s->weeks = calloc((size_t)nweeks, sizeof(*s->weeks))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	s->nweeks = (size_t)nweeks;
	for (i = 0; i < s->nweeks; i++)
		tend_week_format(tend_week_add(now, (int)i - nweeks + 1),
		    s->weeks[i], TEND_WEEK_LEN);
	if ((rc = partners_load(t, &list, &ids, &n)) != TEND_OK)
		goto out;
	if ((s->partners = calloc(n + 1, sizeof(*s->partners))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		/* Moved, not copied: list keeps nothing to free. */
		s->partners[i].uuid = list[i].uuid;
		s->partners[i].name = list[i].name;
		list[i].uuid = list[i].name = NULL;
		s->npartners++;
		if ((s->partners[i].ratings = calloc(s->nweeks,
		    sizeof(int))) == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			goto out;
		}
	}
	if ((rc = reveal_load(t, viewer, &r)) != TEND_OK)
		goto out;
	checkin_streaks(t, &r, s->week, &s->streak, &s->longest);
	for (i = 0; i < r.n; i++) {
		s->checkins += r.ck[i].complete;
		s->hidden += r.ck[i].hidden;
	}
	if ((rc = notes(t, &r, s, ids)) != TEND_OK ||
	    (rc = raised(t, &r, s)) != TEND_OK ||
	    (rc = experiments(t, s)) != TEND_OK)
		goto out;
	rc = ratings(t, &r, s, ids);
out:
	reveal_release(&r);
	tend_partners_free(list, n);
	free(ids);
	if (rc != TEND_OK)
		tend_stats_release(s);
	return rc;
}
