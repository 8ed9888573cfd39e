/*
 * assessview.c - what each partner may see of the assessments: each
 * one's latest result, kept from the other by the privacy rule every view
 * applies (reveal_rule) until both have answered, and then the two side
 * by side and together.  An assessment from before each answered alone
 * (no partner) was the couple's together: it stands for them until one of
 * them answers alone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"

/* The result saved as assessment id, its scores in catalogue order. */
static int
load(struct tend *t, const struct tend_catalog *cat, long long id,
    struct tend_assessment *a)
{
	static const char sql_head[] =
	    "SELECT uuid, taken FROM assessment WHERE id = ?1";
	/* Every digit, so the double read back is the one saved. */
	static const char sql_scores[] =
	    "SELECT outcome, printf('%.17g', score), fits"
	    " FROM assessment_score WHERE assessment_id = ?1";
	struct sqlite3_stmt *st = NULL;
	const char *text;
	char *end;
	double v;
	size_t i;
	int rc, row;

	if ((a->scores = calloc(cat->noutcomes ? cat->noutcomes : 1,
	    sizeof(*a->scores))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	for (i = 0; i < cat->noutcomes; i++)
		a->scores[i].outcome = &cat->outcomes[i];
	a->nscores = cat->noutcomes;
	if ((rc = db_prepare(t, &st, sql_head)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, id)) != TEND_OK ||
	    (rc = db_step(t, st, "reading the assessment", &row)) != TEND_OK)
		goto out;
	if (row) {
		snprintf(a->uuid, sizeof(a->uuid), "%s", db_col_text(st, 0));
		snprintf(a->taken, sizeof(a->taken), "%s", db_col_text(st, 1));
	}
	db_finalize(st);
	st = NULL;
	if ((rc = db_prepare(t, &st, sql_scores)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, id)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the assessment", &row)) !=
		    TEND_OK || !row)
			break;
		/* Outcomes this tend does not know are left out. */
		for (i = 0; i < cat->noutcomes; i++)
			if (strcmp(cat->outcomes[i].id, db_col_text(st, 0)) == 0)
				break;
		if (i == cat->noutcomes)
			continue;
		text = db_col_text(st, 1);
		errno = 0;
		v = strtod(text, &end);
		if (errno != 0 || end == text || *end != '\0' || v < 0 ||
		    v > 1) {
			rc = tend_seterr(t, TEND_EDATA, "the assessment of %s "
			    "holds a bad score for '%s'", a->taken,
			    cat->outcomes[i].id);
			break;
		}
		a->scores[i].score = v;
		a->scores[i].fits = db_col_int(st, 2) != 0;
	}
out:
	db_finalize(st);
	if (rc == TEND_OK)
		assess_summarise(a);
	return rc;
}

/*
 * The couple's result from the partners' (all complete): each outcome's
 * score the mean of theirs, fitting when it fits one of them (fits_for
 * says whose), dated by the latest of them.
 */
static int
together(struct tend *t, struct tend_assess_view *v)
{
	struct tend_assessment *a = &v->together;
	size_t k, p, n = v->each[0].nscores;

	if ((a->scores = calloc(n ? n : 1, sizeof(*a->scores))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	a->nscores = n;
	for (k = 0; k < n; k++) {
		a->scores[k].outcome = v->each[0].scores[k].outcome;
		for (p = 0; p < v->np; p++) {
			a->scores[k].score += v->each[p].scores[k].score /
			    (double)v->np;
			if (v->each[p].scores[k].fits) {
				a->scores[k].fits = 1;
				a->scores[k].fits_for |= 1u << p;
			}
		}
	}
	for (p = 0; p < v->np; p++)
		if (strcmp(v->each[p].taken, a->taken) > 0)
			snprintf(a->taken, sizeof(a->taken), "%s",
			    v->each[p].taken);
	assess_summarise(a);
	return TEND_OK;
}

void
tend_assess_view_release(struct tend_assess_view *v)
{
	size_t p;

	if (v == NULL)
		return;
	for (p = 0; v->each != NULL && p < v->np; p++)
		tend_assessment_release(&v->each[p]);
	tend_partners_free(v->partners, v->np);
	free(v->each);
	free(v->done);
	free(v->shown);
	free(v->answered);
	free(v->waiting);
	tend_assessment_release(&v->together);
	memset(v, 0, sizeof(*v));
}

int
tend_assess_view(struct tend *t, const char *viewer, struct tend_assess_view *v)
{
	const struct tend_catalog *cat;
	long long *pids = NULL, *ids = NULL, legacy = 0, vid = 0;
	unsigned done = 0;
	size_t p, who;
	int rc;

	memset(v, 0, sizeof(*v));
	if (t->db == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	if ((rc = tend_catalog(t, &cat)) != TEND_OK ||
	    (viewer != NULL && (rc = partner_find(t, viewer, &vid, NULL)) !=
	    TEND_OK) ||
	    (rc = partners_load(t, &v->partners, &pids, &v->np)) != TEND_OK)
		goto out;
	if ((v->each = calloc(v->np + 1, sizeof(*v->each))) == NULL ||
	    (v->done = calloc(v->np + 1, sizeof(*v->done))) == NULL ||
	    (v->shown = calloc(v->np + 1, sizeof(*v->shown))) == NULL ||
	    (ids = calloc(v->np + 1, sizeof(*ids))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	for (who = 0; who < v->np && pids[who] != vid; who++)
		continue;
	v->viewer = who;
	v->complete = v->np > 0;
	for (p = 0; p < v->np; p++) {
		if ((rc = assess_find(t, pids[p], 1, &ids[p])) != TEND_OK)
			goto out;
		v->done[p] = ids[p] != 0;
		v->complete = v->complete && v->done[p];
		done |= (unsigned)v->done[p] << p;
	}
	if ((v->answered = reveal_names(v->partners, v->np, done,
	    &v->nanswered)) == NULL || (v->waiting = reveal_names(v->partners,
	    v->np, ~done, &v->nwaiting)) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	for (p = 0; p < v->np; p++) {
		v->shown[p] = v->done[p] && reveal_rule(v->complete, who,
		    who < v->np && v->done[who], p, v->np);
		if (v->shown[p] && (rc = load(t, cat, ids[p], &v->each[p])) !=
		    TEND_OK)
			goto out;
	}
	for (p = 0; p < v->np && !v->done[p]; p++)
		continue;
	if (v->complete)
		rc = together(t, v);
	/* Answered together before, while no one has alone: everyone's. */
	else if (p == v->np && (rc = assess_find(t, 0, 1, &legacy)) == TEND_OK &&
	    legacy != 0 && (rc = load(t, cat, legacy, &v->together)) ==
	    TEND_OK)
		v->legacy = 1;
out:
	free(pids);
	free(ids);
	if (rc != TEND_OK)
		tend_assess_view_release(v);
	return rc;
}

int
assess_fits(struct tend *t, unsigned *tags)
{
	struct tend_assess_view v;
	int rc;

	*tags = 0;
	/* As nobody named: the couple's result, or none yet. */
	if ((rc = tend_assess_view(t, NULL, &v)) != TEND_OK)
		return rc;
	*tags = v.together.fits;
	tend_assess_view_release(&v);
	return TEND_OK;
}
