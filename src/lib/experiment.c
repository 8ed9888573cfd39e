/*
 * experiment.c - the experiment of the week: one small thing to try,
 * chosen once per week and kept, so both partners and every later call see
 * the same one; how it went (tried or skipped, how it felt, a reflection);
 * replacing it; and the list of past weeks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "tend-int.h"

/*
 * The newest row of a week: the week's experiment.  ?2 shifts UTC to
 * local time, for the day its outcome was logged.
 */
static const char sql_week[] =
    "SELECT id, uuid, item, title, outcome, felt, reflection,"
    " CASE WHEN outcome IS NOT NULL THEN date(updated, ?2) END, 0"
    " FROM experiment WHERE week = ?1 ORDER BY id DESC LIMIT 1";

static int
need_journal(struct tend *t)
{
	if (t->db == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	return TEND_OK;
}

static int
check_week(struct tend *t, const char *week, struct tend_week *w)
{
	if (week == NULL || tend_week_parse(week, w) != TEND_OK)
		return tend_seterr(t, TEND_EINVAL, "'%s' is not a week; write "
		    "it as 2026-W47", week != NULL ? week : "");
	return TEND_OK;
}

void
tend_week_experiment_release(struct tend_week_experiment *x)
{
	if (x == NULL)
		return;
	free(x->uuid);
	free(x->item);
	free(x->title);
	free(x->how);
	free(x->time);
	free(x->outcome);
	free(x->reflection);
	memset(x, 0, sizeof(*x));
}

const struct tend_experiment *
tend_find_experiment(const struct tend_catalog *cat, const char *id)
{
	size_t i;

	if (cat == NULL || id == NULL)
		return NULL;
	for (i = 0; i < cat->nexperiments; i++)
		if (strcmp(cat->experiments[i].id, id) == 0)
			return &cat->experiments[i];
	return NULL;
}

static char *
dup_or_null(const char *s, int null)
{
	return null ? NULL : strdup(s);
}

/* "+3600 seconds": SQLite's modifier from UTC to local time. */
static void
local_shift(const struct tend *t, char buf[32])
{
	snprintf(buf, 32, "%+ld seconds", t->utcoff);
}

/*
 * Fill x from a row of sql_week (or the list's query, which has the same
 * columns after the week): uuid, item, title, outcome, felt, reflection,
 * the local day it was logged and whether it was replaced; how and time
 * from the catalogue.
 */
static int
fill(struct tend *t, struct sqlite3_stmt *st, int col, const char *week,
    struct tend_week_experiment *x)
{
	const struct tend_catalog *cat = NULL;
	const struct tend_experiment *e;
	int rc;

	memset(x, 0, sizeof(*x));
	/* A broken content.json must not hide what the couple logged. */
	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		cat = NULL;
	snprintf(x->week, sizeof(x->week), "%s", week);
	x->uuid = strdup(db_col_text(st, col));
	x->item = strdup(db_col_text(st, col + 1));
	x->title = strdup(db_col_text(st, col + 2));
	e = tend_find_experiment(cat, db_col_text(st, col + 1));
	x->how = strdup(e != NULL ? e->how : "");
	x->time = strdup(e != NULL ? e->time : "");
	x->outcome = dup_or_null(db_col_text(st, col + 3),
	    db_col_null(st, col + 3));
	x->felt = db_col_null(st, col + 4) ? 0 : (int)db_col_int(st, col + 4);
	x->reflection = dup_or_null(db_col_text(st, col + 5),
	    db_col_null(st, col + 5));
	snprintf(x->logged, sizeof(x->logged), "%s", db_col_text(st, col + 6));
	x->replaced = db_col_int(st, col + 7) != 0;
	if (x->uuid == NULL || x->item == NULL || x->title == NULL ||
	    x->how == NULL || x->time == NULL ||
	    (x->outcome == NULL && !db_col_null(st, col + 3)) ||
	    (x->reflection == NULL && !db_col_null(st, col + 5))) {
		tend_week_experiment_release(x);
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	}
	return TEND_OK;
}

/*
 * Read week's experiment into x: *id is its row (0 when the week has
 * none, and x is left empty).
 */
static int
read_week(struct tend *t, const char *week, struct tend_week_experiment *x,
    long long *id)
{
	struct sqlite3_stmt *st = NULL;
	char shift[32];
	int rc, row;

	*id = 0;
	memset(x, 0, sizeof(*x));
	local_shift(t, shift);
	if ((rc = db_prepare(t, &st, sql_week)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, week)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, shift)) != TEND_OK ||
	    (rc = db_step(t, st, "reading the week's experiment", &row)) !=
	    TEND_OK || !row)
		goto out;
	/*
	 * tend never writes a row id below 1; a damaged journal can hold
	 * one, and callers take 0 for "none" (and would lose x's copies).
	 */
	if ((*id = db_col_int(st, 0)) < 1) {
		*id = 0;
		rc = tend_seterr(t, TEND_EDATA, "the experiment of %s is "
		    "damaged in the journal (row id %lld)", week,
		    db_col_int(st, 0));
		goto out;
	}
	rc = fill(t, st, 1, week, x);
out:
	db_finalize(st);
	return rc;
}

/*
 * Choose week's nth item and save it as the week's experiment, in x; w is
 * week as check_week parsed it.
 */
static int
choose_and_save(struct tend *t, const char *week, struct tend_week w,
    long long nth, const char *exclude, struct tend_week_experiment *x)
{
	static const char sql[] =
	    "INSERT INTO experiment(uuid, week, item, title, chosen, device)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, (SELECT device FROM replica))";
	const struct tend_catalog *cat;
	const struct tend_experiment *e;
	struct sqlite3_stmt *st = NULL;
	char uuid[37], stamp[32];
	long long id;
	size_t pick = 0;
	int rc;

	if ((rc = tend_catalog(t, &cat)) != TEND_OK ||
	    (rc = draw_experiment(t, cat, week, w, nth, exclude, &pick)) !=
	    TEND_OK)
		return rc;
	e = &cat->experiments[pick];
	tend_uuid(uuid);
	tend_stamp(t, stamp);
	if ((rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, uuid)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, week)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 3, e->id)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 4, e->title)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 5, stamp)) != TEND_OK ||
	    (rc = db_step_done(t, st, "saving the experiment")) != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	rc = read_week(t, week, x, &id);
out:
	db_finalize(st);
	return rc;
}

int
tend_experiment_get(struct tend *t, const char *week, int choose_one,
    struct tend_week_experiment *x)
{
	struct tend_week w;
	long long id;
	int rc;

	memset(x, 0, sizeof(*x));
	if ((rc = need_journal(t)) != TEND_OK ||
	    (rc = check_week(t, week, &w)) != TEND_OK ||
	    (rc = read_week(t, week, x, &id)) != TEND_OK)
		return rc;
	if (id != 0)
		return TEND_OK;
	if (!choose_one)
		return tend_setfix(t, tend_seterr(t, TEND_ENOENT, "no "
		    "experiment was chosen for %s", week), TEND_FIX_EXPERIMENT,
		    NULL);
	if ((rc = change_begin(t, "chose the experiment of %s", week)) !=
	    TEND_OK)
		return rc;
	/* Another process may have chosen while this one waited. */
	if ((rc = read_week(t, week, x, &id)) != TEND_OK)
		goto out;
	if (id != 0) {
		db_rollback(t);
		return TEND_OK;
	}
	if ((rc = choose_and_save(t, week, w, 0, NULL, x)) != TEND_OK)
		goto out;
	rc = db_commit(t);
out:
	if (rc != TEND_OK) {
		db_rollback(t);
		tend_week_experiment_release(x);
	}
	return rc;
}

int
tend_experiment_new(struct tend *t, const char *week,
    struct tend_week_experiment *x)
{
	static const char sql_count[] =
	    "SELECT count(*) FROM experiment WHERE week = ?1";
	static const char sql_skip[] =
	    "UPDATE experiment SET outcome = 'skipped', updated = ?2,"
	    " device = (SELECT device FROM replica)"
	    " WHERE id = ?1 AND outcome IS NULL";
	struct tend_week_experiment cur;
	struct sqlite3_stmt *st = NULL;
	struct tend_week w;
	char stamp[32];
	long long id, nth = 0;
	int rc, row;

	memset(x, 0, sizeof(*x));
	memset(&cur, 0, sizeof(cur));
	if ((rc = need_journal(t)) != TEND_OK ||
	    (rc = check_week(t, week, &w)) != TEND_OK ||
	    (rc = change_begin(t, "chose another experiment for %s", week)) !=
	    TEND_OK)
		return rc;
	if ((rc = read_week(t, week, &cur, &id)) != TEND_OK)
		goto out;
	if ((rc = db_prepare(t, &st, sql_count)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, week)) != TEND_OK ||
	    (rc = db_step(t, st, "reading the week's experiment", &row)) !=
	    TEND_OK)
		goto out;
	nth = row ? db_col_int(st, 0) : 0;
	db_finalize(st);
	st = NULL;
	if (id != 0) {
		tend_stamp(t, stamp);
		if ((rc = db_prepare(t, &st, sql_skip)) != TEND_OK ||
		    (rc = db_bind_int(t, st, 1, id)) != TEND_OK ||
		    (rc = db_bind_text(t, st, 2, stamp)) != TEND_OK ||
		    (rc = db_step_done(t, st, "skipping the experiment")) !=
		    TEND_OK)
			goto out;
		db_finalize(st);
		st = NULL;
	}
	if ((rc = choose_and_save(t, week, w, nth, id != 0 ? cur.item :
	    NULL, x)) != TEND_OK)
		goto out;
	rc = db_commit(t);
out:
	db_finalize(st);
	tend_week_experiment_release(&cur);
	if (rc != TEND_OK) {
		db_rollback(t);
		tend_week_experiment_release(x);
	}
	return rc;
}

/* A reflection is checked as a note's text is. */
static int
check_reflection(struct tend *t, const char *s)
{
	size_t n = strlen(s), chars;

	if (n == 0)
		return tend_seterr(t, TEND_EINVAL, "the reflection is empty; "
		    "leave it out or write a few words");
	if (!tend_utf8_valid(s, n))
		return tend_seterr(t, TEND_EINVAL, "the reflection is not "
		    "valid UTF-8; nothing was saved");
	if ((chars = u8_mbsnlen((const uint8_t *)s, n)) > TEND_TEXT_MAX)
		return tend_seterr(t, TEND_EINVAL, "the reflection has %zu "
		    "characters; at most %d fit", chars, TEND_TEXT_MAX);
	return TEND_OK;
}

int
tend_experiment_replaces(const struct tend_week_experiment *x,
    const char *outcome, const char *reflection)
{
	if (x->outcome == NULL || outcome == NULL)
		return 0;
	return strcmp(x->outcome, outcome) != 0 || (reflection != NULL &&
	    x->reflection != NULL && strcmp(x->reflection, reflection) != 0);
}

/*
 * Log how week's experiment went; without replace, refuse to overwrite
 * another outcome or reflection, read in the same transaction, so a
 * partner's entry made meanwhile is never lost unasked.
 */
static int
log_outcome(struct tend *t, const char *week, const char *outcome,
    int felt, const char *reflection, int replace)
{
	static const char sql[] =
	    "UPDATE experiment SET outcome = ?2,"
	    " felt = CASE WHEN ?3 IS NOT NULL THEN ?3"
	    "  WHEN ?2 = 'skipped' THEN NULL ELSE felt END,"
	    " reflection = coalesce(?4, reflection),"
	    " updated = ?5, device = (SELECT device FROM replica) WHERE id = ?1";
	struct tend_week_experiment x;
	struct sqlite3_stmt *st = NULL;
	struct tend_week w;
	char stamp[32];
	long long id;
	int rc;

	memset(&x, 0, sizeof(x));
	if ((rc = need_journal(t)) != TEND_OK ||
	    (rc = check_week(t, week, &w)) != TEND_OK)
		return rc;
	if (outcome == NULL || (strcmp(outcome, "tried") != 0 &&
	    strcmp(outcome, "skipped") != 0))
		return tend_seterr(t, TEND_EINVAL, "an experiment is 'tried' "
		    "or 'skipped', not '%s'", outcome != NULL ? outcome : "");
	if (felt < 0 || felt > TEND_FELT_MAX)
		return tend_seterr(t, TEND_EINVAL, "how it felt is a number "
		    "from 1 to %d, not %d", TEND_FELT_MAX, felt);
	if (reflection != NULL &&
	    (rc = check_reflection(t, reflection)) != TEND_OK)
		return rc;
	if ((rc = change_begin(t, "logged the experiment of %s as %s", week,
	    outcome)) != TEND_OK)
		return rc;
	if ((rc = read_week(t, week, &x, &id)) != TEND_OK)
		goto out;
	if (id == 0) {
		rc = tend_setfix(t, tend_seterr(t, TEND_ENOENT, "%s has no "
		    "experiment yet", week), TEND_FIX_EXPERIMENT, NULL);
		goto out;
	}
	if (!replace && tend_experiment_replaces(&x, outcome, reflection)) {
		rc = tend_seterr(t, TEND_EEXIST, "'%s' is already logged as "
		    "%s on %s%s; nothing was changed", x.title, x.outcome,
		    x.logged, x.reflection != NULL ? ", with a reflection" :
		    "");
		goto out;
	}
	tend_stamp(t, stamp);
	if ((rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, id)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, outcome)) != TEND_OK ||
	    (rc = felt > 0 ? db_bind_int(t, st, 3, felt) :
	    db_bind_text(t, st, 3, NULL)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 4, reflection)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 5, stamp)) != TEND_OK ||
	    (rc = db_step_done(t, st, "saving how the experiment went")) !=
	    TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	rc = db_commit(t);
out:
	db_finalize(st);
	tend_week_experiment_release(&x);
	if (rc != TEND_OK)
		db_rollback(t);
	return rc;
}

int
tend_felt_parse(const char *s, int *felt)
{
	if (s[0] < '1' || s[0] > '0' + TEND_FELT_MAX || s[1] != '\0')
		return TEND_EINVAL;
	*felt = s[0] - '0';
	return TEND_OK;
}

int
tend_experiment_log(struct tend *t, const char *week, const char *outcome,
    int felt, const char *reflection)
{
	return log_outcome(t, week, outcome, felt, reflection, 0);
}

int
tend_experiment_relog(struct tend *t, const char *week, const char *outcome,
    int felt, const char *reflection)
{
	return log_outcome(t, week, outcome, felt, reflection, 1);
}

/*
 * 1 in *begun when week has a check-in row of a deck with the look-back
 * (the weekly one): its close hands out next week's experiment.  With the
 * catalogue unreadable, the built-in deck's id stands in.
 */
static int
lookback_begun(struct tend *t, const char *week, int *begun)
{
	static const char sql[] = "SELECT deck FROM checkin WHERE week = ?1";
	const struct tend_catalog *cat = NULL;
	struct sqlite3_stmt *st = NULL;
	const char *deck;
	size_t i;
	int rc, row;

	*begun = 0;
	if (tend_catalog(t, &cat) != TEND_OK)
		cat = NULL;
	if ((rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, week)) != TEND_OK)
		goto out;
	while (!*begun) {
		if ((rc = db_step(t, st, "reading the week's check-ins",
		    &row)) != TEND_OK || !row)
			break;
		deck = db_col_text(st, 0);
		if (cat == NULL)
			*begun = strcmp(deck, "weekly") == 0;
		for (i = 0; cat != NULL && i < cat->ndecks; i++)
			if (cat->decks[i].lookback &&
			    strcmp(cat->decks[i].id, deck) == 0)
				*begun = 1;
	}
out:
	db_finalize(st);
	return rc;
}

/* The key of the week delta weeks after week (checked). */
static int
week_after(struct tend *t, const char *week, int delta,
    char out[TEND_WEEK_LEN])
{
	struct tend_week w;
	int rc;

	if ((rc = check_week(t, week, &w)) != TEND_OK)
		return rc;
	tend_week_format(tend_week_add(w, delta), out, TEND_WEEK_LEN);
	return TEND_OK;
}

int
tend_experiment_current(struct tend *t, int choose_one,
    struct tend_week_experiment *x)
{
	char this[TEND_WEEK_LEN], next[TEND_WEEK_LEN];
	long long id;
	int rc, begun;

	memset(x, 0, sizeof(*x));
	if ((rc = need_journal(t)) != TEND_OK)
		return rc;
	tend_week_format(tend_this_week(t), this, sizeof(this));
	tend_week_format(tend_week_add(tend_this_week(t), 1), next,
	    sizeof(next));
	if ((rc = read_week(t, next, x, &id)) != TEND_OK)
		return rc;
	if (id != 0) {
		if ((rc = lookback_begun(t, this, &begun)) != TEND_OK) {
			tend_week_experiment_release(x);
			return rc;
		}
		if (begun)
			return TEND_OK;
		tend_week_experiment_release(x);
	}
	return tend_experiment_get(t, this, choose_one, x);
}

int
tend_experiment_handout(struct tend *t, const char *checkin_week,
    struct tend_week_experiment *x)
{
	char next[TEND_WEEK_LEN];
	int rc;

	memset(x, 0, sizeof(*x));
	if ((rc = week_after(t, checkin_week, 1, next)) != TEND_OK)
		return rc;
	return tend_experiment_get(t, next, 1, x);
}

int
tend_experiment_lookback(struct tend *t, const char *checkin_week,
    struct tend_week_experiment *x)
{
	struct tend_week w;
	char prev[TEND_WEEK_LEN];
	int rc;

	/*
	 * A week with no experiment of its own (no check-in handed one out)
	 * still lived last week's, when that has no outcome: one chosen
	 * mid-week, or handed out before a check-in that was missed.
	 */
	if ((rc = tend_experiment_get(t, checkin_week, 0, x)) == TEND_ENOENT &&
	    tend_week_parse(checkin_week, &w) == TEND_OK &&
	    tend_week_format(tend_week_add(w, -1), prev, sizeof(prev)) > 0)
		rc = tend_experiment_get(t, prev, 0, x);
	if (rc != TEND_OK)
		return rc;
	if (x->outcome == NULL)
		return TEND_OK;
	memcpy(prev, x->week, sizeof(prev));
	tend_week_experiment_release(x);
	return tend_seterr(t, TEND_ENOENT, "the experiment of %s is logged "
	    "already", prev);
}

void
tend_experiment_list_free(struct tend_week_experiment *list, size_t n)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++)
		tend_week_experiment_release(&list[i]);
	free(list);
}

int
tend_experiment_list(struct tend *t, struct tend_week_experiment **out,
    size_t *nout)
{
	static const char sql[] =
	    "SELECT e.week, e.uuid, e.item, e.title, e.outcome, e.felt,"
	    " e.reflection,"
	    " CASE WHEN e.outcome IS NOT NULL THEN date(e.updated, ?1) END,"
	    " e.id < (SELECT max(id) FROM experiment WHERE week = e.week)"
	    " FROM experiment e ORDER BY e.week DESC, e.id DESC";
	struct tend_week_experiment *list = NULL, *grown;
	struct sqlite3_stmt *st = NULL;
	char shift[32];
	size_t n = 0;
	int rc, row;

	*out = NULL;
	*nout = 0;
	local_shift(t, shift);
	if ((rc = need_journal(t)) != TEND_OK ||
	    (rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, shift)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading past experiments", &row)) !=
		    TEND_OK || !row)
			break;
		if ((grown = reallocarray(list, n + 1, sizeof(*list))) == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			break;
		}
		list = grown;
		if ((rc = fill(t, st, 1, db_col_text(st, 0), &list[n])) !=
		    TEND_OK)
			break;
		n++;
	}
out:
	db_finalize(st);
	if (rc != TEND_OK) {
		tend_experiment_list_free(list, n);
		return rc;
	}
	*out = list;
	*nout = n;
	return TEND_OK;
}
