/*
 * history.c - the check-ins, newest first (tend history), and the week of
 * the newest one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"

int
tend_checkin_latest(struct tend *t, char week[TEND_WEEK_LEN])
{
	struct sqlite3_stmt *st = NULL;
	int rc, row;

	if ((rc = db_prepare(t, &st, "SELECT max(week) FROM checkin")) !=
	    TEND_OK ||
	    (rc = db_step(t, st, "reading the check-ins", &row)) != TEND_OK)
		goto out;
	if (!row || db_col_null(st, 0))
		rc = tend_setfix(t, tend_seterr(t, TEND_ENOENT, "no check-in "
		    "yet"), TEND_FIX_CHECKIN, NULL);
	else
		snprintf(week, TEND_WEEK_LEN, "%s", db_col_text(st, 0));
out:
	db_finalize(st);
	return rc;
}

void
tend_history_free(struct tend_checkin_row *rows, size_t n)
{
	size_t i, j;

	if (rows == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(rows[i].deck);
		free(rows[i].ratings);
		free(rows[i].done);
		for (j = 0; j < rows[i].nratings; j++)
			free(rows[i].names[j]);
		free(rows[i].names);
	}
	free(rows);
}

/* Newest week first; in one week the later check-in first. */
static int
newest_first(const void *a, const void *b)
{
	const struct reveal_ck *x = *(const struct reveal_ck *const *)a;
	const struct reveal_ck *y = *(const struct reveal_ck *const *)b;
	int c = strcmp(y->week, x->week);

	return c != 0 ? c : (y->id > x->id) - (y->id < x->id);
}

/*
 * Two reads: the check-ins with who answered what (reveal_load, which
 * reads the answers' index, not their text), and the connection ratings
 * through answer_rating (of the connection questions, the first by id
 * wins, as they are read last), less those hidden from the viewer.
 * Sorting and joining them here took SQLite's share on ten years from 27M
 * instructions to 4M (callgrind): correlated subqueries read every answer
 * twice.
 */
int
tend_history(struct tend *t, const char *viewer, long limit,
    struct tend_checkin_row **out, size_t *nout)
{
	static const char sql_ratings[] =
	    "SELECT checkin_id, partner_id, value FROM answer"
	    " WHERE question IN (SELECT value FROM json_each(?1))"
	    " AND kind = 'scale' AND id NOT IN " SQL_HIDDEN("?2")
	    " ORDER BY question DESC";
	struct sqlite3_stmt *st = NULL;
	struct reveal r;
	struct tend_checkin_row *rows = NULL, *row_of;
	const struct reveal_ck *c, **order = NULL;
	int **ratings = NULL;
	size_t keep = 0, i, j, p;
	char *conn = NULL;
	int rc, row;

	*out = NULL;
	*nout = 0;
	if ((rc = reveal_load(t, viewer, &r)) != TEND_OK)
		return rc;
	if ((rc = catalog_role_ids(t, "connection", &conn)) != TEND_OK)
		goto out;
	if ((order = calloc(r.n + 1, sizeof(*order))) == NULL ||
	    (ratings = calloc(r.n + 1, sizeof(*ratings))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < r.n; i++) {
		order[i] = &r.ck[i];
		if ((ratings[i] = calloc(r.np + 1, sizeof(int))) == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			goto out;
		}
	}
	if ((rc = db_prepare(t, &st, sql_ratings)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, conn)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, r.hidden)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the ratings", &row)) !=
		    TEND_OK || !row)
			break;
		if ((c = reveal_find(&r, db_col_int(st, 0))) == NULL)
			continue;
		for (p = 0; p < r.np && r.pids[p] != db_col_int(st, 1); p++)
			;
		if (p < r.np)
			ratings[c - r.ck][p] = db_col_null(st, 2) ? 0 :
			    (int)db_col_int(st, 2);
	}
	if (rc != TEND_OK)
		goto out;
	if (r.n > 0)
		qsort(order, r.n, sizeof(*order), newest_first);
	keep = limit > 0 && (size_t)limit < r.n ? (size_t)limit : r.n;
	if (keep > 0 && (rows = calloc(keep, sizeof(*rows))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < keep; i++) {
		row_of = &rows[i];
		c = order[i];
		memcpy(row_of->week, c->week, sizeof(row_of->week));
		/* Moved, not copied: nothing is left to free twice. */
		row_of->ratings = ratings[c - r.ck];
		ratings[c - r.ck] = NULL;
		row_of->nratings = r.np;
		row_of->hidden = c->hidden;
		/* A check-in row is made by its first answer. */
		row_of->state = c->complete ? TEND_CHECKIN_DONE :
		    TEND_CHECKIN_PARTIAL;
		if ((row_of->deck = strdup(c->deck)) == NULL ||
		    (row_of->names = calloc(r.np + 1,
		    sizeof(*row_of->names))) == NULL ||
		    (row_of->done = calloc(r.np + 1,
		    sizeof(*row_of->done))) == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			goto out;
		}
		for (j = 0; j < r.np; j++) {
			row_of->done[j] = c->done[j];
			if ((row_of->names[j] = strdup(r.partners[j].name)) ==
			    NULL) {
				rc = tend_seterr(t, TEND_ENOMEM,
				    "out of memory");
				goto out;
			}
		}
	}
out:
	db_finalize(st);
	for (i = 0; ratings != NULL && i < r.n; i++)
		free(ratings[i]);
	free(ratings);
	free(order);
	free(conn);
	reveal_release(&r);
	if (rc != TEND_OK) {
		tend_history_free(rows, keep);
		return rc;
	}
	*out = rows;
	*nout = keep;
	return TEND_OK;
}
