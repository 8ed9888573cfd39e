/*
 * checkin.c - the weekly check-in: one week's answers to one deck, each
 * committed the moment it is given, so that a session can stop anywhere
 * (a pause, Ctrl-C, kill -9) and resume at the first open slot.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "tend-int.h"

struct slot {
	enum tend_slot	 state;
	char		*value;		/* NULL when open or skipped */
};

struct tend_checkin {
	struct tend		*t;
	const struct tend_deck	*deck;
	char			 week[TEND_WEEK_LEN];
	long long		 id;		/* 0 until the first save */
	struct tend_partner	*partners;
	long long		*pids;		/* the partners' row ids */
	size_t			 np;
	struct slot		*slots;		/* question-major: q * np + p */
};

static struct slot *
slot_at(const struct tend_checkin *ck, size_t q, size_t p)
{
	return &ck->slots[q * ck->np + p];
}

void
tend_checkin_free(struct tend_checkin *ck)
{
	size_t i;

	if (ck == NULL)
		return;
	for (i = 0; ck->slots != NULL && i < ck->deck->nquestions * ck->np; i++)
		free(ck->slots[i].value);
	free(ck->slots);
	tend_partners_free(ck->partners, ck->np);
	free(ck->pids);
	free(ck);
}

static long
question_index(const struct tend_deck *d, const char *id)
{
	size_t i;

	for (i = 0; i < d->nquestions; i++)
		if (strcmp(d->questions[i].id, id) == 0)
			return (long)i;
	return -1;
}

static long
partner_index(const struct tend_checkin *ck, long long pid)
{
	size_t i;

	for (i = 0; i < ck->np; i++)
		if (ck->pids[i] == pid)
			return (long)i;
	return -1;
}

/* The answers saved so far; answers to questions the deck lost are kept
 * in the journal but not shown. */
static int
load_answers(struct tend_checkin *ck)
{
	struct tend *t = ck->t;
	struct sqlite3_stmt *st = NULL;
	struct slot *s;
	long q, p;
	int rc, row;

	if ((rc = db_prepare(t, &st, "SELECT id FROM checkin WHERE week = ?1 "
	    "AND deck = ?2")) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, ck->week)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, ck->deck->id)) != TEND_OK ||
	    (rc = db_step(t, st, "reading the check-in", &row)) != TEND_OK)
		goto out;
	ck->id = row ? db_col_int(st, 0) : 0;
	db_finalize(st);
	st = NULL;
	if (ck->id == 0)
		goto out;
	if ((rc = db_prepare(t, &st, "SELECT partner_id, question, value "
	    "FROM answer WHERE checkin_id = ?1")) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, ck->id)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the answers", &row)) !=
		    TEND_OK || !row)
			break;
		q = question_index(ck->deck, db_col_text(st, 1));
		p = partner_index(ck, db_col_int(st, 0));
		if (q < 0 || p < 0)
			continue;
		s = slot_at(ck, (size_t)q, (size_t)p);
		if (db_col_null(st, 2)) {
			s->state = TEND_SLOT_SKIPPED;
			continue;
		}
		s->state = TEND_SLOT_ANSWERED;
		if ((s->value = strdup(db_col_text(st, 2))) == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			break;
		}
	}
out:
	db_finalize(st);
	return rc;
}

int
tend_checkin_open(struct tend *t, const char *week, const char *deck,
    struct tend_checkin **out)
{
	const struct tend_catalog *cat;
	struct tend_checkin *ck;
	int rc;

	*out = NULL;
	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	if ((ck = calloc(1, sizeof(*ck))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	ck->t = t;
	snprintf(ck->week, sizeof(ck->week), "%s", week);
	ck->deck = deck ? tend_find_deck(cat, deck) : &cat->decks[0];
	if (ck->deck == NULL) {
		free(ck);
		return tend_seterr(t, TEND_ENOENT, "no deck named '%s'; see "
		    "'tend questions --decks'", deck);
	}
	if ((rc = partners_load(t, &ck->partners, &ck->pids, &ck->np)) !=
	    TEND_OK)
		goto out;
	if ((ck->slots = calloc(ck->deck->nquestions * ck->np + 1,
	    sizeof(*ck->slots))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	rc = load_answers(ck);
out:
	if (rc != TEND_OK)
		tend_checkin_free(ck);
	else
		*out = ck;
	return rc;
}

/* Free n slots' values and the array. */
static void
slots_free(struct slot *slots, size_t n)
{
	size_t i;

	for (i = 0; slots != NULL && i < n; i++)
		free(slots[i].value);
	free(slots);
}

/* Every slot read again into a new array, kept only when whole. */
int
tend_checkin_refresh(struct tend_checkin *ck)
{
	size_t n = ck->deck->nquestions * ck->np;
	struct slot *old = ck->slots;
	int rc;

	if ((ck->slots = calloc(n + 1, sizeof(*ck->slots))) == NULL) {
		ck->slots = old;
		return tend_seterr(ck->t, TEND_ENOMEM, "out of memory");
	}
	if ((rc = load_answers(ck)) != TEND_OK) {
		slots_free(ck->slots, n);
		ck->slots = old;
		return rc;
	}
	slots_free(old, n);
	return TEND_OK;
}

struct tend *
checkin_tend(const struct tend_checkin *ck)
{
	return ck->t;
}

const struct tend_deck *
tend_checkin_deck(const struct tend_checkin *ck)
{
	return ck->deck;
}

const char *
tend_checkin_week(const struct tend_checkin *ck)
{
	return ck->week;
}

const struct tend_partner *
tend_checkin_partners(const struct tend_checkin *ck, size_t *n)
{
	*n = ck->np;
	return ck->partners;
}

enum tend_slot
tend_checkin_slot(const struct tend_checkin *ck, size_t q, size_t p,
    const char **value)
{
	const struct slot *s = slot_at(ck, q, p);

	if (value != NULL)
		*value = s->value;
	return s->state;
}

int
tend_checkin_started(const struct tend_checkin *ck)
{
	return ck->id != 0;
}

int
tend_checkin_complete(const struct tend_checkin *ck, size_t p)
{
	size_t q, i;

	for (q = 0; q < ck->deck->nquestions; q++)
		for (i = 0; i < ck->np; i++)
			if ((p == (size_t)-1 || p == i) &&
			    slot_at(ck, q, i)->state == TEND_SLOT_OPEN)
				return 0;
	return 1;
}

int
tend_checkin_check(struct tend *t, const struct tend_question *q,
    const char *in, char **out)
{
	size_t n = strlen(in), chars;
	char *end;
	long v;

	*out = NULL;
	switch (q->kind) {
	case TEND_KIND_SCALE:
		errno = 0;
		v = strtol(in, &end, 10);
		while (*end == ' ')
			end++;
		if (errno != 0 || end == in || *end != '\0' || v < 1 || v > 10)
			return tend_seterr(t, TEND_EINVAL, "answer with a whole "
			    "number from 1 to 10");
		if (asprintf(out, "%ld", v) < 0)
			break;
		return TEND_OK;
	case TEND_KIND_YESNO:
		if (strcasecmp(in, "y") == 0 || strcasecmp(in, "yes") == 0)
			*out = strdup("yes");
		else if (strcasecmp(in, "n") == 0 || strcasecmp(in, "no") == 0)
			*out = strdup("no");
		else
			return tend_seterr(t, TEND_EINVAL, "answer yes or no");
		if (*out == NULL)
			break;
		return TEND_OK;
	case TEND_KIND_TEXT:
		if (n == 0)
			return tend_seterr(t, TEND_EINVAL, "the answer is "
			    "empty");
		if (!tend_utf8_valid(in, n))
			return tend_seterr(t, TEND_EINVAL, "the answer is not "
			    "valid UTF-8 text");
		if ((chars = u8_mbsnlen((const uint8_t *)in, n)) >
		    TEND_TEXT_MAX)
			return tend_seterr(t, TEND_EINVAL, "the answer has %zu "
			    "characters; the most is %d", chars,
			    TEND_TEXT_MAX);
		if ((*out = strdup(in)) == NULL)
			break;
		return TEND_OK;
	}
	return tend_seterr(t, TEND_ENOMEM, "out of memory");
}

/* The check-in's row, made by the first save of any process. */
static int
ensure_row(struct tend_checkin *ck, const char *stamp)
{
	struct tend *t = ck->t;
	struct sqlite3_stmt *st = NULL;
	char uuid[37];
	int rc, row;

	tend_uuid(uuid);
	if ((rc = db_prepare(t, &st, "INSERT INTO checkin(uuid, week, deck, "
	    "started) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (week, deck) DO "
	    "NOTHING")) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, uuid)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, ck->week)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 3, ck->deck->id)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 4, stamp)) != TEND_OK ||
	    (rc = db_step_done(t, st, "saving the check-in")) != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_prepare(t, &st, "SELECT id FROM checkin WHERE week = ?1 "
	    "AND deck = ?2")) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, ck->week)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, ck->deck->id)) != TEND_OK ||
	    (rc = db_step(t, st, "saving the check-in", &row)) != TEND_OK)
		goto out;
	ck->id = db_col_int(st, 0);
out:
	db_finalize(st);
	return rc;
}

/*
 * An appreciation answer in a couple is a note to the other partner too,
 * tied to the answer so that a changed answer changes the note.
 */
static int
save_note(struct tend_checkin *ck, size_t p, long long answer,
    const char *value, const char *before, const char *stamp)
{
	struct tend *t = ck->t;
	struct sqlite3_stmt *st = NULL;
	char uuid[37];
	int rc;

	/*
	 * A note edited on its own since (it no longer says what the answer
	 * said) is the partner's text now: it is neither removed nor replaced.
	 */
	if (value == NULL)
		rc = db_prepare(t, &st, "DELETE FROM note WHERE answer_id = ?1 "
		    "AND body IS ?8");
	else
		rc = db_prepare(t, &st, "INSERT INTO note(uuid, from_id, to_id,"
		    " body, week, created, answer_id) SELECT ?2, ?3, ?4, ?5, ?6,"
		    " ?7, ?1 WHERE NOT EXISTS (SELECT 1 FROM note WHERE"
		    " answer_id = ?1)");
	if (rc != TEND_OK || (rc = db_bind_int(t, st, 1, answer)) != TEND_OK)
		goto out;
	if (value == NULL && (rc = db_bind_text(t, st, 8, before)) != TEND_OK)
		goto out;
	if (value != NULL) {
		tend_uuid(uuid);
		if ((rc = db_bind_text(t, st, 2, uuid)) != TEND_OK ||
		    (rc = db_bind_int(t, st, 3, ck->pids[p])) != TEND_OK ||
		    (rc = db_bind_int(t, st, 4, ck->pids[1 - p])) != TEND_OK ||
		    (rc = db_bind_text(t, st, 5, value)) != TEND_OK ||
		    (rc = db_bind_text(t, st, 6, ck->week)) != TEND_OK ||
		    (rc = db_bind_text(t, st, 7, stamp)) != TEND_OK)
			goto out;
	}
	if ((rc = db_step_done(t, st, "saving the note")) != TEND_OK ||
	    value == NULL)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_prepare(t, &st, "UPDATE note SET body = ?2 WHERE "
	    "answer_id = ?1 AND body <> ?2 AND body IS ?3")) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, answer)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, value)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 3, before)) != TEND_OK)
		goto out;
	rc = db_step_done(t, st, "saving the note");
out:
	db_finalize(st);
	return rc;
}

/*
 * Inside the save's transaction: whether slot (q, p) in the journal still
 * holds what this handle saw.  When it does not, the handle's view takes
 * the journal's state and value and the result is TEND_ECONFLICT.
 */
static int
still_as_seen(struct tend_checkin *ck, size_t q, size_t p)
{
	struct tend *t = ck->t;
	struct sqlite3_stmt *st = NULL;
	struct slot *s = slot_at(ck, q, p);
	enum tend_slot now = TEND_SLOT_OPEN;
	char *value = NULL;
	int rc, row;

	if ((rc = db_prepare(t, &st, "SELECT value FROM answer WHERE "
	    "checkin_id = ?1 AND partner_id = ?2 AND question = ?3")) !=
	    TEND_OK ||
	    (rc = db_bind_int(t, st, 1, ck->id)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 2, ck->pids[p])) != TEND_OK ||
	    (rc = db_bind_text(t, st, 3, ck->deck->questions[q].id)) !=
	    TEND_OK ||
	    (rc = db_step(t, st, "saving the answer", &row)) != TEND_OK)
		goto out;
	if (row)
		now = db_col_null(st, 0) ? TEND_SLOT_SKIPPED :
		    TEND_SLOT_ANSWERED;
	if (now == TEND_SLOT_ANSWERED &&
	    (value = strdup(db_col_text(st, 0))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	if (now == s->state && (now != TEND_SLOT_ANSWERED ||
	    strcmp(value, s->value) == 0))
		goto out;
	free(s->value);
	s->value = value;
	value = NULL;
	s->state = now;
	rc = tend_seterr(t, TEND_ECONFLICT, "%s's answer to question %zu was "
	    "%s in another session meanwhile", ck->partners[p].name, q + 1,
	    now == TEND_SLOT_OPEN ? "taken back" : now == TEND_SLOT_SKIPPED ?
	    "skipped" : "saved");
out:
	free(value);
	db_finalize(st);
	return rc;
}

/* Mark the check-in finished once every slot of the deck is filled. */
static int
finish_if_complete(struct tend_checkin *ck, const char *stamp)
{
	struct tend *t = ck->t;
	struct sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = db_prepare(t, &st, "UPDATE checkin SET finished = ?2 WHERE "
	    "id = ?1 AND finished IS NULL AND (SELECT count(*) FROM answer "
	    "WHERE checkin_id = ?1) >= ?3")) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, ck->id)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, stamp)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 3, (long long)(ck->deck->nquestions *
	    ck->np))) != TEND_OK)
		goto out;
	rc = db_step_done(t, st, "finishing the check-in");
out:
	db_finalize(st);
	return rc;
}

int
tend_checkin_save(struct tend_checkin *ck, size_t q, size_t p,
    const char *value)
{
	static const char *const kinds[] = { "text", "scale", "yesno" };
	const struct tend_question *qn = &ck->deck->questions[q];
	struct tend *t = ck->t;
	struct sqlite3_stmt *st = NULL;
	struct slot *s = slot_at(ck, q, p);
	char stamp[32], uuid[37], *copy = NULL;
	long long answer;
	int rc, row;

	if (value != NULL && (copy = strdup(value)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	tend_stamp(t, stamp);
	tend_uuid(uuid);
	if ((rc = db_begin(t)) != TEND_OK)
		goto out;
	if ((rc = ensure_row(ck, stamp)) != TEND_OK ||
	    (rc = still_as_seen(ck, q, p)) != TEND_OK)
		goto out;
	if ((rc = db_prepare(t, &st, "INSERT INTO answer(uuid, checkin_id, "
	    "partner_id, question, prompt, kind, value, created, updated) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) ON CONFLICT "
	    "(checkin_id, partner_id, question) DO UPDATE SET value = ?7, "
	    "prompt = ?5, kind = ?6, updated = ?8")) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, uuid)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 2, ck->id)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 3, ck->pids[p])) != TEND_OK ||
	    (rc = db_bind_text(t, st, 4, qn->id)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 5, qn->text)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 6, kinds[qn->kind])) != TEND_OK ||
	    (rc = db_bind_text(t, st, 7, value)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 8, stamp)) != TEND_OK ||
	    (rc = db_step_done(t, st, "saving the answer")) != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_prepare(t, &st, "SELECT id FROM answer WHERE checkin_id = "
	    "?1 AND partner_id = ?2 AND question = ?3")) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, ck->id)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 2, ck->pids[p])) != TEND_OK ||
	    (rc = db_bind_text(t, st, 3, qn->id)) != TEND_OK ||
	    (rc = db_step(t, st, "saving the answer", &row)) != TEND_OK)
		goto out;
	answer = db_col_int(st, 0);
	db_finalize(st);
	st = NULL;
	if (qn->role != NULL && strcmp(qn->role, "appreciation") == 0 &&
	    ck->np == 2 && (rc = save_note(ck, p, answer, value, s->value,
	    stamp)) != TEND_OK)
		goto out;
	if ((rc = finish_if_complete(ck, stamp)) != TEND_OK)
		goto out;
	if ((rc = db_commit(t)) != TEND_OK)
		goto out;
	/* Saved: only now does the session count the slot as done. */
	free(s->value);
	s->value = copy;
	copy = NULL;
	s->state = value ? TEND_SLOT_ANSWERED : TEND_SLOT_SKIPPED;
out:
	db_finalize(st);
	if (rc != TEND_OK)
		db_rollback(t);
	free(copy);
	return rc;
}

int
tend_checkin_visible(const struct tend_checkin *ck, const char *viewer,
    size_t p)
{
	size_t v;

	if (tend_checkin_complete(ck, (size_t)-1))
		return 1;
	if (viewer == NULL)
		return 0;
	for (v = 0; v < ck->np; v++)
		if (strcasecmp(ck->partners[v].name, viewer) == 0)
			break;
	if (v == ck->np)
		return 0;
	return v == p || tend_checkin_complete(ck, v);
}

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
		rc = tend_seterr(t, TEND_ENOENT, "no check-in yet; run 'tend "
		    "checkin' together");
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
		free(rows[i].state);
		free(rows[i].ratings);
		for (j = 0; j < rows[i].nratings; j++)
			free(rows[i].names[j]);
		free(rows[i].names);
	}
	free(rows);
}

/*
 * tend history's work, gathered before the rows are made: every check-in
 * (id order, as the table is read), each partner's connection rating in
 * it and whether the partner answered anything yet.
 */
struct hist {
	long long	 id;
	char		 week[TEND_WEEK_LEN];
	char		*deck;
	int		 finished;
	int		*ratings;	/* per partner; 0: none */
	int		*answered;	/* per partner, unfinished only */
};

/* Newest week first; in one week the later check-in first. */
static int
hist_newest_first(const void *a, const void *b)
{
	const struct hist *x = a, *y = b;
	int c = strcmp(y->week, x->week);

	return c != 0 ? c : (y->id > x->id) - (y->id < x->id);
}

static int
hist_by_id(const void *key, const void *elem)
{
	long long id = *(const long long *)key;
	const struct hist *h = elem;

	return (id > h->id) - (id < h->id);
}

/* The check-in and partner slots of a row (checkin_id, partner_id). */
static int
hist_slot(struct hist *h, size_t n, const long long *pids, size_t np,
    long long cid, long long pid, struct hist **hp, size_t *pp)
{
	size_t p;

	if ((*hp = bsearch(&cid, h, n, sizeof(*h), hist_by_id)) == NULL)
		return 0;
	for (p = 0; p < np && pids[p] != pid; p++)
		;
	*pp = p;
	return p < np;
}

/* "waiting for Alex" from the names of partners with no answer yet. */
static char *
state_of(const struct hist *h, struct tend_partner *partners, size_t np)
{
	char *s = NULL;
	size_t len = 0, i;
	int n = 0;
	FILE *fp;

	if (h->finished)
		return strdup("done");
	if ((fp = open_memstream(&s, &len)) == NULL)
		return NULL;
	for (i = 0; i < np; i++)
		if (!h->answered[i])
			fprintf(fp, "%s%s", n++ ? ", " : "waiting for ",
			    partners[i].name);
	if (n == 0)
		fputs("in progress", fp);
	fclose(fp);
	return s;
}

/*
 * Three reads instead of a query per check-in and partner: the check-ins
 * in table order, the connection ratings through answer_rating (of the
 * connection questions, the first by id wins, as they are read last), and
 * who answered the unfinished check-ins.  Sorting and joining them here
 * took SQLite's share on ten years from 27M instructions to 4M (callgrind):
 * the correlated subqueries read every answer twice, and the week index's
 * order needed a sort per week and the result another.
 */
int
tend_history(struct tend *t, long limit, struct tend_checkin_row **out,
    size_t *nout)
{
	static const char sql_checkins[] =
	    "SELECT id, week, deck, finished IS NOT NULL FROM checkin";
	static const char sql_ratings[] =
	    "SELECT checkin_id, partner_id, value FROM answer"
	    " WHERE question IN (SELECT value FROM json_each(?1))"
	    " AND kind = 'scale' ORDER BY question DESC";
	static const char sql_answered[] =
	    "SELECT DISTINCT checkin_id, partner_id FROM answer"
	    " WHERE checkin_id IN (SELECT id FROM checkin"
	    "  WHERE finished IS NULL)";
	struct sqlite3_stmt *st = NULL;
	struct tend_partner *partners = NULL;
	struct tend_checkin_row *rows = NULL, *r;
	struct hist *h = NULL, *grown, *x;
	long long *pids = NULL;
	size_t n = 0, np = 0, keep = 0, i, j, p;
	char *conn = NULL;
	int rc, row;

	*out = NULL;
	*nout = 0;
	if ((rc = catalog_role_ids(t, "connection", &conn)) != TEND_OK ||
	    (rc = partners_load(t, &partners, &pids, &np)) != TEND_OK ||
	    (rc = db_prepare(t, &st, sql_checkins)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the check-ins", &row)) !=
		    TEND_OK || !row)
			break;
		if ((grown = reallocarray(h, n + 1, sizeof(*h))) == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			goto out;
		}
		h = grown;
		x = &h[n++];
		memset(x, 0, sizeof(*x));
		x->id = db_col_int(st, 0);
		snprintf(x->week, sizeof(x->week), "%s", db_col_text(st, 1));
		x->finished = (int)db_col_int(st, 3);
		x->deck = strdup(db_col_text(st, 2));
		x->ratings = calloc(np + 1, sizeof(*x->ratings));
		x->answered = calloc(np + 1, sizeof(*x->answered));
		if (x->deck == NULL || x->ratings == NULL ||
		    x->answered == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (rc != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_prepare(t, &st, sql_ratings)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, conn)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the ratings", &row)) !=
		    TEND_OK || !row)
			break;
		if (hist_slot(h, n, pids, np, db_col_int(st, 0),
		    db_col_int(st, 1), &x, &p))
			x->ratings[p] = db_col_null(st, 2) ? 0 :
			    (int)db_col_int(st, 2);
	}
	if (rc != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_prepare(t, &st, sql_answered)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the check-ins", &row)) !=
		    TEND_OK || !row)
			break;
		if (hist_slot(h, n, pids, np, db_col_int(st, 0),
		    db_col_int(st, 1), &x, &p))
			x->answered[p] = 1;
	}
	if (rc != TEND_OK)
		goto out;
	if (n > 0)
		qsort(h, n, sizeof(*h), hist_newest_first);
	keep = limit > 0 && (size_t)limit < n ? (size_t)limit : n;
	if (keep > 0 && (rows = calloc(keep, sizeof(*rows))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < keep; i++) {
		r = &rows[i];
		memcpy(r->week, h[i].week, sizeof(r->week));
		/* Moved, not copied: h keeps nothing to free. */
		r->deck = h[i].deck;
		r->ratings = h[i].ratings;
		h[i].deck = NULL;
		h[i].ratings = NULL;
		r->nratings = np;
		if ((r->state = state_of(&h[i], partners, np)) == NULL ||
		    (r->names = calloc(np + 1, sizeof(*r->names))) == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			goto out;
		}
		for (j = 0; j < np; j++)
			if ((r->names[j] = strdup(partners[j].name)) == NULL) {
				rc = tend_seterr(t, TEND_ENOMEM,
				    "out of memory");
				goto out;
			}
	}
out:
	db_finalize(st);
	for (i = 0; i < n; i++) {
		free(h[i].deck);
		free(h[i].ratings);
		free(h[i].answered);
	}
	free(h);
	tend_partners_free(partners, np);
	free(pids);
	free(conn);
	if (rc != TEND_OK) {
		tend_history_free(rows, keep);
		return rc;
	}
	*out = rows;
	*nout = keep;
	return TEND_OK;
}
