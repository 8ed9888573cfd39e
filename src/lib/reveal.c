/*
 * reveal.c - privacy between the partners, the one rule every view
 * applies (tend.h): which answers, notes made from them and ratings each
 * viewer may see, and which check-ins hold answers hidden from them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tend-int.h"

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

char *
reveal_names(const struct tend_partner *partners, size_t np, unsigned set,
    size_t *n)
{
	char *s = NULL;
	size_t len = 0, p;
	FILE *fp;

	*n = 0;
	if ((fp = open_memstream(&s, &len)) == NULL)
		return NULL;
	for (p = 0; p < np; p++)
		if (set & 1u << p)
			fprintf(fp, "%s%s", (*n)++ ? ", " : "",
			    partners[p].name);
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
	size_t n = 0, i, p;
	unsigned done;
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
		for (p = 0, done = 0; p < r.np; p++)
			done |= (unsigned)(r.ck[i].done[p] != 0) << p;
		if ((h->deck = strdup(r.ck[i].deck)) == NULL ||
		    (h->answered = reveal_names(r.partners, r.np, done,
		    &h->nanswered)) == NULL ||
		    (h->waiting = reveal_names(r.partners, r.np, ~done,
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
