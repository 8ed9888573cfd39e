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
	if ((rc = db_prepare(t, &st, "UPDATE checkin SET finished = ?2 WHERE "
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

/*
 * The one privacy rule, which every view applies (tend.h): an answer is
 * revealed once its check-in is complete; before that, only to a named
 * viewer who wrote it, or who has answered every question of the
 * check-in themselves (their own answers can no longer be swayed by
 * reading the others').  Nobody named (viewer == np) sees none of it.
 */
int
reveal_rule(int complete, size_t viewer, int viewer_done, size_t author,
    size_t np)
{
	if (complete)
		return 1;
	if (viewer >= np)
		return 0;
	return viewer == author || viewer_done;
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

void
reveal_release(struct reveal *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; r->ck != NULL && i < r->n; i++) {
		free(r->ck[i].deck);
		free(r->ck[i].done);
		free(r->ck[i].any);
	}
	free(r->ck);
	tend_partners_free(r->partners, r->np);
	free(r->pids);
	free(r->hidden);
	memset(r, 0, sizeof(*r));
}

static int
ck_by_id(const void *key, const void *elem)
{
	long long id = *(const long long *)key;
	const struct reveal_ck *c = elem;

	return (id > c->id) - (id < c->id);
}

const struct reveal_ck *
reveal_find(const struct reveal *r, long long id)
{
	if (r->n == 0)
		return NULL;
	return bsearch(&id, r->ck, r->n, sizeof(*r->ck), ck_by_id);
}

const struct reveal_ck *
reveal_week(const struct reveal *r, const char *week, const char *deck)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->ck[i].week, week) == 0 &&
		    strcmp(r->ck[i].deck, deck) == 0)
			return &r->ck[i];
	return NULL;
}

/* The viewer's partner index (np: nobody named); TEND_ENOENT naming the
 * partners when there is no such partner. */
static int
reveal_viewer(struct tend *t, struct reveal *r, const char *viewer)
{
	char *stored = NULL;
	size_t p;
	int rc;

	r->viewer = r->np;
	if (viewer == NULL)
		return TEND_OK;
	if ((rc = tend_partner_find(t, viewer, &stored)) != TEND_OK)
		return rc;
	for (p = 0; p < r->np && strcmp(r->partners[p].name, stored) != 0;
	    p++)
		;
	r->viewer = p;
	free(stored);
	return TEND_OK;
}

/* The check-ins, id order, with room for what reveal_count finds. */
static int
reveal_checkins(struct tend *t, struct reveal *r, int **finished)
{
	struct sqlite3_stmt *st = NULL;
	struct reveal_ck *grown, *c;
	int *more, rc, row;

	*finished = NULL;
	if ((rc = db_prepare(t, &st, "SELECT id, week, deck, finished IS NOT "
	    "NULL FROM checkin ORDER BY id")) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the check-ins", &row)) !=
		    TEND_OK || !row)
			break;
		if ((grown = reallocarray(r->ck, r->n + 1, sizeof(*grown))) !=
		    NULL)
			r->ck = grown;
		if ((more = reallocarray(*finished, r->n + 1,
		    sizeof(*more))) != NULL)
			*finished = more;
		if (grown == NULL || more == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			break;
		}
		c = &r->ck[r->n++];
		memset(c, 0, sizeof(*c));
		c->id = db_col_int(st, 0);
		snprintf(c->week, sizeof(c->week), "%s", db_col_text(st, 1));
		(*finished)[r->n - 1] = (int)db_col_int(st, 3);
		c->deck = strdup(db_col_text(st, 2));
		c->done = calloc(r->np + 1, 1);
		c->any = calloc(r->np + 1, 1);
		if (c->deck == NULL || c->done == NULL || c->any == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			break;
		}
	}
out:
	db_finalize(st);
	return rc;
}

/*
 * Who answered what: every answer's (check-in, partner, question), read
 * from the answer table's unique index alone (no row, no text), counted
 * per check-in and partner when the check-in's deck still has the
 * question.
 */
static int
reveal_count(struct tend *t, struct reveal *r, const struct tend_deck **decks,
    size_t *counts)
{
	struct sqlite3_stmt *st = NULL;
	struct reveal_ck *c;
	const char *q;
	size_t i, p, k;
	int rc, row;

	if ((rc = db_prepare(t, &st, "SELECT checkin_id, partner_id, "
	    "question FROM answer ORDER BY checkin_id")) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the answers", &row)) !=
		    TEND_OK || !row)
			break;
		if ((c = (struct reveal_ck *)reveal_find(r,
		    db_col_int(st, 0))) == NULL)
			continue;
		i = (size_t)(c - r->ck);
		for (p = 0; p < r->np && r->pids[p] != db_col_int(st, 1); p++)
			;
		if (p == r->np)
			continue;
		c->any[p] = 1;
		if (decks[i] == NULL)
			continue;
		q = db_col_text(st, 2);
		for (k = 0; k < decks[i]->nquestions; k++)
			if (strcmp(decks[i]->questions[k].id, q) == 0) {
				counts[i * r->np + p]++;
				break;
			}
	}
out:
	db_finalize(st);
	return rc;
}

/* The ids of the answers of check-in c by partner p, onto the JSON list. */
static int
reveal_hide(struct tend *t, struct reveal *r, const struct reveal_ck *c,
    size_t p, FILE *fp, int *nhidden)
{
	struct sqlite3_stmt *st = NULL;
	int rc, row;

	if ((rc = db_prepare(t, &st, "SELECT id FROM answer WHERE "
	    "checkin_id = ?1 AND partner_id = ?2")) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, c->id)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 2, r->pids[p])) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the answers", &row)) !=
		    TEND_OK || !row)
			break;
		fprintf(fp, "%s%lld", (*nhidden)++ ? "," : "",
		    db_col_int(st, 0));
	}
out:
	db_finalize(st);
	return rc;
}

int
reveal_load(struct tend *t, const char *viewer, struct reveal *r)
{
	const struct tend_catalog *cat;
	const struct tend_deck **decks = NULL;
	struct reveal_ck *c;
	size_t *counts = NULL, len = 0, i, p;
	int *finished = NULL, rc, nhidden = 0, vdone;
	FILE *fp = NULL;

	memset(r, 0, sizeof(*r));
	/*
	 * A broken content.json must not stop the views that read the
	 * journal: without a catalogue the finished marks stand in, as they
	 * do for a deck the catalogue lost.
	 */
	if ((rc = tend_catalog(t, &cat)) == TEND_ECONTENT)
		cat = NULL;
	else if (rc != TEND_OK)
		goto out;
	if ((rc = partners_load(t, &r->partners, &r->pids, &r->np)) !=
	    TEND_OK ||
	    (rc = reveal_viewer(t, r, viewer)) != TEND_OK ||
	    (rc = reveal_checkins(t, r, &finished)) != TEND_OK)
		goto out;
	if ((decks = calloc(r->n + 1, sizeof(*decks))) == NULL ||
	    (counts = calloc(r->n * r->np + 1, sizeof(*counts))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < r->n; i++)
		decks[i] = cat == NULL ? NULL : tend_find_deck(cat,
		    r->ck[i].deck);
	if ((rc = reveal_count(t, r, decks, counts)) != TEND_OK)
		goto out;
	for (i = 0; i < r->n; i++) {
		c = &r->ck[i];
		c->complete = r->np > 0;
		for (p = 0; p < r->np; p++) {
			/* A deck the catalogue lost: the mark is all there is. */
			c->done[p] = decks[i] == NULL ? finished[i] != 0 :
			    counts[i * r->np + p] >= decks[i]->nquestions;
			c->complete = c->complete && c->done[p];
		}
	}
	if ((fp = open_memstream(&r->hidden, &len)) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	fputc('[', fp);
	for (i = 0; i < r->n; i++) {
		c = &r->ck[i];
		vdone = r->viewer < r->np && c->done[r->viewer];
		for (p = 0; p < r->np; p++) {
			if (!c->any[p] || reveal_rule(c->complete, r->viewer,
			    vdone, p, r->np))
				continue;
			c->hidden = 1;
			if ((rc = reveal_hide(t, r, c, p, fp, &nhidden)) !=
			    TEND_OK)
				goto out;
		}
	}
	fputc(']', fp);
out:
	if (fp != NULL && fclose(fp) != 0 && rc == TEND_OK)
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
	free(decks);
	free(counts);
	free(finished);
	if (rc != TEND_OK)
		reveal_release(r);
	return rc;
}

void
tend_hidden_free(struct tend_hidden *list, size_t n)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(list[i].deck);
		free(list[i].answered);
		free(list[i].waiting);
	}
	free(list);
}

/* "Sam, Kim" of the partners whose done flag is want; NULL: no memory. */
static char *
names_of(const struct reveal *r, const struct reveal_ck *c, int want,
    size_t *n)
{
	char *s = NULL;
	size_t len = 0, p;
	FILE *fp;

	*n = 0;
	if ((fp = open_memstream(&s, &len)) == NULL)
		return NULL;
	for (p = 0; p < r->np; p++)
		if (c->done[p] == want)
			fprintf(fp, "%s%s", (*n)++ ? ", " : "",
			    r->partners[p].name);
	if (fclose(fp) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

int
tend_hidden(struct tend *t, const char *viewer, struct tend_hidden **out,
    size_t *nout)
{
	struct reveal r;
	struct tend_hidden *list = NULL, *h;
	size_t n = 0, i;
	int rc;

	*out = NULL;
	*nout = 0;
	if ((rc = reveal_load(t, viewer, &r)) != TEND_OK)
		return rc;
	if ((list = calloc(r.n + 1, sizeof(*list))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	/* The check-in begun last first. */
	for (i = r.n; i-- > 0;) {
		if (!r.ck[i].hidden)
			continue;
		h = &list[n++];
		memcpy(h->week, r.ck[i].week, sizeof(h->week));
		if ((h->deck = strdup(r.ck[i].deck)) == NULL ||
		    (h->answered = names_of(&r, &r.ck[i], 1,
		    &h->nanswered)) == NULL ||
		    (h->waiting = names_of(&r, &r.ck[i], 0,
		    &h->nwaiting)) == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			goto out;
		}
	}
out:
	reveal_release(&r);
	if (rc != TEND_OK) {
		tend_hidden_free(list, n);
		return rc;
	}
	*out = list;
	*nout = n;
	return TEND_OK;
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
