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
	size_t			 as;		/* the partner answering, or
						   ALL */
	size_t			 cursor;	/* the slot asked last: q * np
						   + p */
	int			 forced;	/* ask it even if answered
						   (after back) */
};

#define ALL	((size_t)-1)

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
	ck->as = ALL;
	snprintf(ck->week, sizeof(ck->week), "%s", week);
	ck->deck = deck ? tend_find_deck(cat, deck) : &cat->decks[0];
	if (ck->deck == NULL) {
		free(ck);
		return tend_setfix(t, tend_seterr(t, TEND_ENOENT, "no deck "
		    "named '%s'", deck), TEND_FIX_DECKS, NULL);
	}
	/* A deck the couple has not opted into is not opened by name. */
	if (deck != NULL && (rc = tend_deck_check(t, ck->deck)) != TEND_OK) {
		free(ck);
		return rc;
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

/* ---- A session's way through the slots ------------------------------ */

int
tend_checkin_as(struct tend_checkin *ck, const char *name, size_t *p)
{
	size_t i;
	int rc;

	if (name == NULL) {
		ck->as = ALL;
		*p = ALL;
		return TEND_OK;
	}
	if ((rc = tend_partner_find(ck->t, name, NULL)) != TEND_OK)
		return rc;
	for (i = 0; i < ck->np; i++)
		if (strcasecmp(ck->partners[i].name, name) == 0)
			break;
	ck->as = i;
	*p = i;
	return TEND_OK;
}

int
tend_checkin_in_scope(const struct tend_checkin *ck, size_t p)
{
	return ck->as == ALL || ck->as == p;
}

int
tend_checkin_next(struct tend_checkin *ck, size_t *q, size_t *p)
{
	size_t n = ck->deck->nquestions * ck->np, i;
	int rc;

	for (i = ck->cursor; i < n; i++) {
		if (!tend_checkin_in_scope(ck, i % ck->np))
			continue;
		/* Slots answered in another session meanwhile are passed. */
		if ((rc = tend_checkin_refresh(ck)) != TEND_OK)
			return rc;
		if (!ck->forced && ck->slots[i].state != TEND_SLOT_OPEN)
			continue;
		break;
	}
	ck->cursor = i;
	ck->forced = 0;
	*q = i < n ? i / ck->np : ck->deck->nquestions;
	*p = i < n ? i % ck->np : 0;
	return TEND_OK;
}

int
tend_checkin_back(struct tend_checkin *ck)
{
	size_t i = ck->cursor;

	while (i > 0 && !tend_checkin_in_scope(ck, (i - 1) % ck->np))
		i--;
	/* Asked again: the slot before, or this one when there is none. */
	ck->forced = 1;
	if (i == 0)
		return 0;
	ck->cursor = i - 1;
	return 1;
}

int
tend_checkin_question(const struct tend_checkin *ck, const char *spec,
    size_t *q)
{
	const struct tend_deck *d = ck->deck;
	char *end;
	long n = strtol(spec, &end, 10);
	size_t i;

	if (*spec != '\0' && *end == '\0') {
		if (n >= 1 && (size_t)n <= d->nquestions) {
			*q = (size_t)n - 1;
			return TEND_OK;
		}
	} else {
		for (i = 0; i < d->nquestions; i++)
			if (strcmp(d->questions[i].id, spec) == 0) {
				*q = i;
				return TEND_OK;
			}
	}
	return tend_seterr(ck->t, TEND_ENOENT, "no question '%s' in deck '%s'; "
	    "give its number (1-%zu) or id", spec, d->id, d->nquestions);
}

int
tend_checkin_lookback(struct tend_checkin *ck, struct tend_week_experiment *x)
{
	memset(x, 0, sizeof(*x));
	if (!ck->deck->lookback)
		return tend_seterr(ck->t, TEND_ENOENT, "deck '%s' does not look "
		    "back at an experiment", ck->deck->id);
	return tend_experiment_lookback(ck->t, ck->week, x);
}

int
tend_checkin_handout(struct tend_checkin *ck, struct tend_week_experiment *x)
{
	char now[TEND_WEEK_LEN];

	memset(x, 0, sizeof(*x));
	/* A past week's check-in, or another deck's, hands nothing out. */
	if (!ck->deck->lookback || tend_week_format(tend_this_week(ck->t), now,
	    sizeof(now)) <= 0 || strcmp(now, ck->week) != 0)
		return tend_seterr(ck->t, TEND_ENOENT, "only this week's "
		    "check-in of deck '%s' hands out an experiment",
		    ck->deck->id);
	return tend_experiment_handout(ck->t, ck->week, x);
}

int
tend_checkin_thanks_to(const struct tend_checkin *ck, size_t p, size_t *to)
{
	if (ck->np != 2 || p >= ck->np)
		return 0;
	*to = 1 - p;
	return 1;
}

int
tend_checkin_ratings(const struct tend_checkin *ck, size_t q, int *ratings,
    int *apart)
{
	const struct tend_question *qn = &ck->deck->questions[q];
	int lo = 11, hi = 0, any = 0, n;
	size_t p;

	*apart = 0;
	if (qn->role == NULL || strcmp(qn->role, "connection") != 0)
		return 0;
	for (p = 0; p < ck->np; p++) {
		ratings[p] = 0;
		if (slot_at(ck, q, p)->state != TEND_SLOT_ANSWERED)
			continue;
		/* Stored scale answers are checked whole numbers. */
		n = (int)strtol(slot_at(ck, q, p)->value, NULL, 10);
		ratings[p] = n;
		lo = n < lo ? n : lo;
		hi = n > hi ? n : hi;
		any++;
	}
	if (any > 1 && hi - lo >= TEND_RATINGS_APART)
		*apart = hi - lo;
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
	    "started, updated, device) VALUES (?1, ?2, ?3, ?4, ?4, (SELECT "
	    "device FROM replica)) ON CONFLICT (week, deck) DO NOTHING")) !=
	    TEND_OK ||
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
		    " body, week, created, answer_id, updated, device) SELECT"
		    " ?2, ?3, ?4, ?5, ?6, ?7, ?1, ?7, (SELECT device FROM"
		    " replica) WHERE NOT EXISTS (SELECT 1 FROM note WHERE"
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
	if ((rc = db_prepare(t, &st, "UPDATE note SET body = ?2, updated = ?4, "
	    "device = (SELECT device FROM replica) WHERE answer_id = ?1 AND "
	    "body <> ?2 AND body IS ?3")) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, answer)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, value)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 3, before)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 4, stamp)) != TEND_OK)
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

/*
 * Mark the check-in finished once every slot of the deck is filled: the
 * answers of every partner to the questions the deck
 * has now, as reveal_load counts them.  Views never read the mark (they
 * derive the state from the answers); export carries it.
 */
static int
finish_if_complete(struct tend_checkin *ck, const char *stamp)
{
	struct tend *t = ck->t;
	struct sqlite3_stmt *st = NULL;
	char *ids = NULL;
	size_t len = 0, q;
	FILE *fp;
	int rc;

	if ((fp = open_memstream(&ids, &len)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	/* Ids are [a-z0-9-] (content.c checks them): no escaping needed. */
	for (q = 0; q < ck->deck->nquestions; q++)
		fprintf(fp, "%s\"%s\"", q ? "," : "[",
		    ck->deck->questions[q].id);
	fputs(q ? "]" : "[]", fp);
	if (fclose(fp) != 0) {
		free(ids);
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	}
	if ((rc = db_prepare(t, &st, "UPDATE checkin SET finished = ?2, "
	    "updated = ?2, device = (SELECT device FROM replica) WHERE "
	    "id = ?1 AND finished IS NULL AND (SELECT count(*) FROM answer "
	    "WHERE checkin_id = ?1 AND question IN (SELECT value FROM json_each(?4))) >= ?3")) !=
	    TEND_OK ||
	    (rc = db_bind_int(t, st, 1, ck->id)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, stamp)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 3, (long long)(ck->deck->nquestions *
	    ck->np))) != TEND_OK ||
	    (rc = db_bind_text(t, st, 4, ids)) != TEND_OK)
		goto out;
	rc = db_step_done(t, st, "finishing the check-in");
out:
	db_finalize(st);
	free(ids);
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

	/* Whatever the front end let through, what is stored is checked. */
	if (value != NULL && (rc = tend_checkin_check(t, qn, value, &copy)) !=
	    TEND_OK)
		return rc;
	value = copy;
	tend_stamp(t, stamp);
	tend_uuid(uuid);
	if ((rc = change_begin(t, "%s %s question %zu of %s", ck->partners[p].name,
	    value ? "answered" : "skipped", q + 1, ck->week)) != TEND_OK)
		goto out;
	if ((rc = ensure_row(ck, stamp)) != TEND_OK ||
	    (rc = still_as_seen(ck, q, p)) != TEND_OK)
		goto out;
	if ((rc = db_prepare(t, &st, "INSERT INTO answer(uuid, checkin_id, "
	    "partner_id, question, prompt, kind, value, created, updated, "
	    "device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, (SELECT device "
	    "FROM replica)) ON CONFLICT (checkin_id, partner_id, question) DO "
	    "UPDATE SET value = ?7, prompt = ?5, kind = ?6, updated = ?8, "
	    "device = (SELECT device FROM replica)")) != TEND_OK ||
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

	for (v = 0; viewer != NULL && v < ck->np; v++)
		if (strcasecmp(ck->partners[v].name, viewer) == 0)
			break;
	if (viewer == NULL)
		v = ck->np;
	return reveal_rule(tend_checkin_complete(ck, (size_t)-1), v,
	    v < ck->np && tend_checkin_complete(ck, v), p, ck->np);
}
