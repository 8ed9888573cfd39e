/*
 * draw.c - which experiment a week gets: the next stage of a sequence once
 * the one before it was tried, else a draw among the least used items in
 * scope, weighted toward what fits the couple's assessment, seeded by the
 * journal and the week so that both partners and every later call get the
 * same one.
 */
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"

/* No item comes back within this many weeks of its week. */
#define RECENT_WEEKS	12
/* An item that helps with what fits the couple's assessment weighs this. */
#define LEAN_WEIGHT	3

/* Index of item in the catalogue, or -1. */
static long
item_index(const struct tend_catalog *cat, const char *item)
{
	size_t i;

	for (i = 0; i < cat->nexperiments; i++)
		if (strcmp(cat->experiments[i].id, item) == 0)
			return (long)i;
	return -1;
}

/* Step st, a query of item ids, marking in mark[] each item it names. */
static int
mark_items(struct tend *t, const struct tend_catalog *cat,
    struct sqlite3_stmt *st, unsigned char *mark)
{
	long i;
	int rc, row;

	for (;;) {
		if ((rc = db_step(t, st, "reading past experiments", &row)) !=
		    TEND_OK || !row)
			return rc;
		if ((i = item_index(cat, db_col_text(st, 0))) >= 0)
			mark[i] = 1;
	}
}

/*
 * Mark in recent[] the items suggested within RECENT_WEEKS of w (either
 * side, so a back-filled week repeats nothing near it); count in uses[]
 * how often each was suggested; and give every item ever suggested its
 * place in order of last suggestion in rank[] (oldest 1; 0 never), for
 * when the recent ones are all there is.
 */
static int
read_history(struct tend *t, const struct tend_catalog *cat,
    struct tend_week w, unsigned char *recent, long *uses, long *rank)
{
	static const char sql_recent[] =
	    "SELECT DISTINCT item FROM experiment WHERE week BETWEEN ?1 AND ?2";
	static const char sql_rank[] =
	    "SELECT item, count(*) FROM experiment GROUP BY item"
	    " ORDER BY max(week), max(id)";
	struct sqlite3_stmt *st = NULL;
	char lo[TEND_WEEK_LEN], hi[TEND_WEEK_LEN];
	long i, n = 0;
	int rc, row;

	/* Week keys sort as text in week order ("2026-W09" < "2026-W10"). */
	tend_week_format(tend_week_add(w, -RECENT_WEEKS), lo, sizeof(lo));
	tend_week_format(tend_week_add(w, RECENT_WEEKS), hi, sizeof(hi));
	if ((rc = db_prepare(t, &st, sql_recent)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, lo)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, hi)) != TEND_OK ||
	    (rc = mark_items(t, cat, st, recent)) != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_prepare(t, &st, sql_rank)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading past experiments", &row)) !=
		    TEND_OK || !row)
			break;
		n++;
		if ((i = item_index(cat, db_col_text(st, 0))) >= 0) {
			rank[i] = n;
			uses[i] = (long)db_col_int(st, 1);
		}
	}
out:
	db_finalize(st);
	return rc;
}

/*
 * Mark in tried[] the items logged 'tried' in a week before week: a stage
 * of a sequence opens once the stage before it is in there.
 */
static int
read_tried(struct tend *t, const struct tend_catalog *cat, const char *week,
    unsigned char *tried)
{
	static const char sql[] =
	    "SELECT DISTINCT item FROM experiment"
	    " WHERE outcome = 'tried' AND week < ?1";
	struct sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = db_prepare(t, &st, sql)) == TEND_OK &&
	    (rc = db_bind_text(t, st, 1, week)) == TEND_OK)
		rc = mark_items(t, cat, st, tried);
	db_finalize(st);
	return rc;
}

/*
 * Whether e may be drawn at random: within the setting, not excluded, and
 * not a stage of a sequence (Sensate Focus), which comes only in order.
 */
static int
drawable(const struct tend_experiment *e, enum tend_intimacy level,
    const char *exclude)
{
	return e->intimacy <= level && e->after == NULL &&
	    (exclude == NULL || strcmp(e->id, exclude) != 0);
}

/*
 * The stage due next, or -1: the first whose stage before it was tried,
 * that was never tried itself and was not suggested lately (a stage
 * passed over comes back no sooner than any other experiment).
 */
static long
next_stage(const struct tend_catalog *cat, enum tend_intimacy level,
    const char *exclude, const unsigned char *tried,
    const unsigned char *recent)
{
	const struct tend_experiment *e;
	long before;
	size_t i;

	for (i = 0; i < cat->nexperiments; i++) {
		e = &cat->experiments[i];
		if (e->after == NULL || e->intimacy > level || tried[i] ||
		    recent[i] || (exclude != NULL && strcmp(e->id, exclude) == 0))
			continue;
		if ((before = item_index(cat, e->after)) >= 0 && tried[before])
			return (long)i;
	}
	return -1;
}

/*
 * The seed of week's nth choice (0 the first, 1 after one 'new', ...):
 * the journal's id, then the week and n, so the same week always gives
 * the same choice and a replacement another.
 */
static int
week_seed(struct tend *t, const char *week, long long nth, uint64_t *state)
{
	unsigned char bytes[8];
	int rc, k;

	if ((rc = seed_journal(t, state)) != TEND_OK)
		return rc;
	*state = seed_hash(*state, "experiment", sizeof("experiment"));
	*state = seed_hash(*state, week, strlen(week) + 1);
	for (k = 0; k < 8; k++)
		bytes[k] = (unsigned char)((unsigned long long)nth >> (8 * k));
	*state = seed_hash(*state, bytes, sizeof(bytes));
	return TEND_OK;
}

/*
 * Choose week's nth item, never exclude (the current item, or NULL), and
 * write its index to *pick.  Runs inside the caller's transaction, so the
 * history it reads is the one the choice is saved against.
 *
 * Among the items in scope and not recent, only the least used ones are
 * drawn from, so every item comes up once before any comes back (as tips
 * do), and 12 weeks is the least time between two suggestions of one
 * item, not the usual one.  The draw is weighted toward what fits.
 */
int
draw_experiment(struct tend *t, const struct tend_catalog *cat,
    const char *week, struct tend_week w, long long nth, const char *exclude,
    size_t *pick)
{
	const struct tend_experiment *e;
	enum tend_intimacy level;
	unsigned char *recent = NULL, *tried = NULL;
	unsigned long long total = 0, r, *weight = NULL;
	unsigned tags;
	uint64_t state;
	long *rank = NULL, *uses = NULL, best = 0, least = -1, stage;
	size_t i, n = cat->nexperiments, inscope = 0;
	int rc;

	if ((rc = tend_intimacy(t, &level)) != TEND_OK ||
	    (rc = assess_fits(t, &tags)) != TEND_OK ||
	    (rc = week_seed(t, week, nth, &state)) != TEND_OK)
		return rc;
	recent = calloc(n ? n : 1, sizeof(*recent));
	rank = calloc(n ? n : 1, sizeof(*rank));
	uses = calloc(n ? n : 1, sizeof(*uses));
	weight = calloc(n ? n : 1, sizeof(*weight));
	tried = calloc(n ? n : 1, sizeof(*tried));
	if (recent == NULL || rank == NULL || uses == NULL || weight == NULL ||
	    tried == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = read_history(t, cat, w, recent, uses, rank)) != TEND_OK ||
	    (rc = read_tried(t, cat, week, tried)) != TEND_OK)
		goto out;
	/*
	 * dead-bedroom: a couple moves through Sensate Focus stage by stage,
	 * as both feel safe.  Once a stage was tried, the next one is the
	 * choice, not a draw; a stage never comes before the one it follows.
	 */
	if ((stage = next_stage(cat, level, exclude, tried, recent)) >= 0) {
		*pick = (size_t)stage;
		goto out;
	}
	for (i = 0; i < n; i++) {
		e = &cat->experiments[i];
		if (!drawable(e, level, exclude))
			continue;
		inscope++;
		if (!recent[i] && (least < 0 || uses[i] < least))
			least = uses[i];
	}
	for (i = 0; least >= 0 && i < n; i++) {
		e = &cat->experiments[i];
		if (!drawable(e, level, exclude) || recent[i] ||
		    uses[i] != least)
			continue;
		weight[i] = (e->tags & tags) ? LEAN_WEIGHT : 1;
		total += weight[i];
	}
	if (inscope == 0) {
		rc = tend_setfix(t, tend_seterr(t, TEND_ENOENT, "no "
		    "%sexperiment fits the intimacy setting '%s'",
		    exclude != NULL ? "other " : "",
		    tend_intimacy_name(level)), TEND_FIX_INTIMACY, NULL);
		goto out;
	}
	if (total > 0) {
		/* A weighted pick: the modulo's bias is far below noise. */
		r = seed_next(&state) % total;
		for (i = 0; i < n; i++) {
			if (r < weight[i])
				break;
			r -= weight[i];
		}
		*pick = i;
		goto out;
	}
	/* Every item in scope came up lately: the least recent one. */
	for (i = 0; i < n; i++) {
		e = &cat->experiments[i];
		if (!drawable(e, level, exclude))
			continue;
		if (best == 0 || rank[i] < best) {
			best = rank[i];
			*pick = i;
		}
	}
out:
	free(recent);
	free(tried);
	free(rank);
	free(uses);
	free(weight);
	return rc;
}
