/*
 * assess.c - the assessment (tend assess): scoring the answers to the
 * catalogue's statements as data/README.md lays down, saving a result,
 * reading the latest, and the tips and experiments that fit it best.  A
 * result is a hint for suggestions and conversation, never a diagnosis.
 *
 * Answers are saved one at a time, as the check-in's are: an assessment
 * row without scores is the one in progress; finishing it writes its
 * scores and dates it.  Only complete ones (with scores) are results.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"

/*
 * Tips carry a topic, not the rut types and blockers experiments carry, so
 * each outcome names the tip written for it (from the coverage table of
 * data/README.md) and the topics that speak to it.  An outcome missing
 * here still steers experiments; a name missing from the catalogue is
 * simply never matched.
 */
static const struct tip_map {
	const char	*outcome;
	const char	*lead;		/* the tip written for it */
	const char	*topics[3];	/* NULL-terminated when shorter */
} tip_map[] = {
	{ "boredom", "boredom-rut", { "play", "routine", NULL } },
	{ "sexless", "sexless-rut", { "sex", "touch", NULL } },
	{ "fighting", "fighting-rut", { "conflict", "communication", NULL } },
	{ "general", "general-rut", { "routine", "stress", "appreciation" } },
	{ "distance", "small-things-are-the-glue",
	  { "emotional-intimacy", "appreciation", NULL } },
	{ "conflict", "silent-resentment", { "conflict", "teamwork", NULL } },
	{ "pressure", "touch-feels-like-pressure", { "touch", "needs", NULL } },
	{ "avoidance", "say-it-even-if-awkward",
	  { "communication", "sex", NULL } },
	{ "more-than-a-rut", "more-than-a-rut", { "getting-help", NULL, NULL } },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The experiment that answers a concern: finding a couples therapist. */
#define CONCERN_EXPERIMENT	"therapist-shortlist"

/* How much the lead tip counts over a tip that only shares a topic. */
#define LEAD_WEIGHT	3.0

void
tend_assessment_release(struct tend_assessment *a)
{
	if (a == NULL)
		return;
	free(a->scores);
	memset(a, 0, sizeof(*a));
}

static int
is_concern(const struct tend_outcome *o)
{
	return strcmp(o->kind, "concern") == 0;
}

/* Set a's fits and concern from its scores. */
static void
summarise(struct tend_assessment *a)
{
	size_t i;

	a->fits = 0;
	a->concern = 0;
	for (i = 0; i < a->nscores; i++) {
		if (!a->scores[i].fits)
			continue;
		a->fits |= a->scores[i].outcome->tag;
		if (is_concern(a->scores[i].outcome))
			a->concern = 1;
	}
}

int
tend_assess_score(struct tend *t, const int *answers, size_t n,
    struct tend_assessment *a)
{
	const struct tend_catalog *cat;
	const struct tend_statement *s;
	double num, den, v;
	size_t i, j, k;
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	if (n != cat->nstatements)
		return tend_seterr(t, TEND_EINVAL, "the assessment has %zu "
		    "statements; %zu answers were given", cat->nstatements, n);
	for (i = 0; i < n; i++)
		if (answers[i] < 0 || answers[i] > 5)
			return tend_seterr(t, TEND_EINVAL, "answer %zu is %d; "
			    "answers are whole numbers from 1 to 5 (0: "
			    "skipped)", i + 1, answers[i]);
	if ((a->scores = calloc(cat->noutcomes ? cat->noutcomes : 1,
	    sizeof(*a->scores))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	a->nscores = cat->noutcomes;
	/*
	 * v = (a - 1) / 4, or (5 - a) / 4 for a reverse statement; an
	 * outcome's score is sum(w * v) / sum(w) over the statements that
	 * weight it.  Quarters and whole weights add up exactly in a double,
	 * so a score that equals its threshold fits.  A skipped statement
	 * (0) counts for nothing, neither way: an outcome is scored on the
	 * statements answered, and one with none answered scores 0 and does
	 * not fit.
	 */
	for (k = 0; k < cat->noutcomes; k++) {
		num = den = 0;
		for (i = 0; i < cat->nstatements; i++) {
			s = &cat->statements[i];
			if (answers[i] == 0)
				continue;
			v = (s->reverse ? 5 - answers[i] : answers[i] - 1) / 4.0;
			for (j = 0; j < s->nweights; j++)
				if (strcmp(s->weights[j].outcome,
				    cat->outcomes[k].id) == 0) {
					num += s->weights[j].weight * v;
					den += s->weights[j].weight;
				}
		}
		a->scores[k].outcome = &cat->outcomes[k];
		a->scores[k].score = den > 0 ? num / den : 0;
		a->scores[k].fits = den > 0 &&
		    a->scores[k].score >= cat->outcomes[k].threshold;
	}
	summarise(a);
	return TEND_OK;
}

/* a's scores under assessment id, which makes it complete. */
static int
save_scores(struct tend *t, long long id, const struct tend_assessment *a)
{
	/* Bound as text with every digit, so the REAL keeps the double. */
	static const char sql_score[] =
	    "INSERT INTO assessment_score(assessment_id, outcome, score, fits)"
	    " VALUES (?1, ?2, CAST(?3 AS REAL), ?4)";
	struct sqlite3_stmt *st = NULL;
	char num[40];
	size_t i;
	int rc;

	if ((rc = db_prepare(t, &st, sql_score)) != TEND_OK)
		goto out;
	for (i = 0; i < a->nscores; i++) {
		snprintf(num, sizeof(num), "%.17g", a->scores[i].score);
		if ((rc = db_bind_int(t, st, 1, id)) != TEND_OK ||
		    (rc = db_bind_text(t, st, 2, a->scores[i].outcome->id)) !=
		    TEND_OK ||
		    (rc = db_bind_text(t, st, 3, num)) != TEND_OK ||
		    (rc = db_bind_int(t, st, 4, a->scores[i].fits)) !=
		    TEND_OK ||
		    (rc = db_step_done(t, st, "saving the scores")) != TEND_OK)
			goto out;
	}
out:
	db_finalize(st);
	return rc;
}

/* Save a's answers and scores under a new assessment, in a transaction. */
static int
save(struct tend *t, const struct tend_catalog *cat, const int *answers,
    struct tend_assessment *a)
{
	static const char sql_head[] =
	    "INSERT INTO assessment(uuid, taken) VALUES (?1, ?2)";
	static const char sql_id[] =
	    "SELECT id FROM assessment WHERE uuid = ?1";
	static const char sql_answer[] =
	    "INSERT INTO assessment_answer(assessment_id, statement, value)"
	    " VALUES (?1, ?2, ?3)";
	struct sqlite3_stmt *st = NULL;
	long long id;
	size_t i;
	int rc, row;

	tend_uuid(a->uuid);
	tend_stamp(t, a->taken);
	if ((rc = db_prepare(t, &st, sql_head)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, a->uuid)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, a->taken)) != TEND_OK ||
	    (rc = db_step_done(t, st, "saving the assessment")) != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_prepare(t, &st, sql_id)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, a->uuid)) != TEND_OK ||
	    (rc = db_step(t, st, "saving the assessment", &row)) != TEND_OK)
		goto out;
	if (!row) {
		rc = tend_seterr(t, TEND_EDB, "saving the assessment: the new "
		    "row is missing");
		goto out;
	}
	id = db_col_int(st, 0);
	db_finalize(st);
	st = NULL;
	if ((rc = db_prepare(t, &st, sql_answer)) != TEND_OK)
		goto out;
	for (i = 0; i < cat->nstatements; i++)
		if (answers[i] != 0 && (
		    (rc = db_bind_int(t, st, 1, id)) != TEND_OK ||
		    (rc = db_bind_text(t, st, 2, cat->statements[i].id)) !=
		    TEND_OK ||
		    (rc = db_bind_int(t, st, 3, answers[i])) != TEND_OK ||
		    (rc = db_step_done(t, st, "saving the answers")) != TEND_OK))
			goto out;
	db_finalize(st);
	st = NULL;
	rc = save_scores(t, id, a);
out:
	db_finalize(st);
	return rc;
}


int
tend_assess_save(struct tend *t, const int *answers, size_t n,
    struct tend_assessment *a)
{
	const struct tend_catalog *cat;
	int rc;

	memset(a, 0, sizeof(*a));
	if (t->db == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	if ((rc = tend_catalog(t, &cat)) != TEND_OK ||
	    (rc = tend_assess_score(t, answers, n, a)) != TEND_OK)
		return rc;
	if ((rc = db_begin(t)) != TEND_OK)
		goto out;
	if ((rc = save(t, cat, answers, a)) != TEND_OK) {
		db_rollback(t);
		goto out;
	}
	rc = db_commit(t);
out:
	if (rc != TEND_OK)
		tend_assessment_release(a);
	return rc;
}

/* The assessment in progress (no scores yet): *id, 0 when none. */
static int
in_progress(struct tend *t, long long *id)
{
	static const char sql[] =
	    "SELECT id FROM assessment a WHERE NOT EXISTS"
	    " (SELECT 1 FROM assessment_score s WHERE s.assessment_id = a.id)"
	    " ORDER BY id DESC LIMIT 1";
	struct sqlite3_stmt *st = NULL;
	int rc, row;

	*id = 0;
	if ((rc = db_prepare(t, &st, sql)) == TEND_OK &&
	    (rc = db_step(t, st, "reading the assessment in progress",
	    &row)) == TEND_OK && row)
		*id = db_col_int(st, 0);
	db_finalize(st);
	return rc;
}

/* The saved answers of assessment id into answers[] (0: none). */
static int
read_answers(struct tend *t, const struct tend_catalog *cat, long long id,
    int *answers)
{
	static const char sql[] =
	    "SELECT statement, value FROM assessment_answer"
	    " WHERE assessment_id = ?1";
	struct sqlite3_stmt *st = NULL;
	size_t i;
	int rc, row;

	memset(answers, 0, cat->nstatements * sizeof(*answers));
	if ((rc = db_prepare(t, &st, sql)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, id)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the assessment", &row)) !=
		    TEND_OK || !row)
			break;
		/* Statements this tend does not know are left out. */
		for (i = 0; i < cat->nstatements; i++)
			if (strcmp(cat->statements[i].id, db_col_text(st, 0)) ==
			    0)
				answers[i] = (int)db_col_int(st, 1);
	}
out:
	db_finalize(st);
	return rc;
}

static int
check_n(struct tend *t, const struct tend_catalog *cat, size_t n)
{
	if (n != cat->nstatements)
		return tend_seterr(t, TEND_EINVAL, "the assessment has %zu "
		    "statements, not %zu", cat->nstatements, n);
	return TEND_OK;
}

int
tend_assess_progress(struct tend *t, int *answers, size_t n, size_t *next)
{
	const struct tend_catalog *cat;
	long long id;
	size_t i;
	int rc;

	*next = 0;
	if (t->db == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	if ((rc = tend_catalog(t, &cat)) != TEND_OK ||
	    (rc = check_n(t, cat, n)) != TEND_OK ||
	    (rc = in_progress(t, &id)) != TEND_OK)
		return rc;
	memset(answers, 0, n * sizeof(*answers));
	if (id == 0)
		return tend_seterr(t, TEND_ENOENT, "no assessment is in "
		    "progress");
	if ((rc = read_answers(t, cat, id, answers)) != TEND_OK)
		return rc;
	/* Skips leave no row: go on after the last statement answered. */
	for (i = n; i > 0; i--)
		if (answers[i - 1] != 0)
			break;
	*next = i;
	return TEND_OK;
}

int
tend_assess_answer(struct tend *t, size_t statement, int value)
{
	static const char sql_head[] =
	    "INSERT INTO assessment(uuid, taken) VALUES (?1, ?2)";
	static const char sql_set[] =
	    "INSERT INTO assessment_answer(assessment_id, statement, value)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (assessment_id, statement)"
	    " DO UPDATE SET value = excluded.value";
	static const char sql_clear[] =
	    "DELETE FROM assessment_answer"
	    " WHERE assessment_id = ?1 AND statement = ?2";
	const struct tend_catalog *cat;
	struct sqlite3_stmt *st = NULL;
	char uuid[37], stamp[32];
	long long id;
	int rc;

	if (t->db == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	if (statement >= cat->nstatements || value < 0 || value > 5)
		return tend_seterr(t, TEND_EINVAL, "statement %zu, answer %d: "
		    "answers are whole numbers from 1 to 5 (0: skipped)",
		    statement + 1, value);
	if ((rc = db_begin(t)) != TEND_OK)
		return rc;
	if ((rc = in_progress(t, &id)) != TEND_OK)
		goto out;
	if (id == 0) {
		/* Dated when begun; finishing dates it again. */
		tend_uuid(uuid);
		tend_stamp(t, stamp);
		if ((rc = db_prepare(t, &st, sql_head)) != TEND_OK ||
		    (rc = db_bind_text(t, st, 1, uuid)) != TEND_OK ||
		    (rc = db_bind_text(t, st, 2, stamp)) != TEND_OK ||
		    (rc = db_step_done(t, st, "saving the assessment")) !=
		    TEND_OK || (rc = in_progress(t, &id)) != TEND_OK)
			goto out;
		db_finalize(st);
		st = NULL;
	}
	if ((rc = db_prepare(t, &st, value ? sql_set : sql_clear)) !=
	    TEND_OK ||
	    (rc = db_bind_int(t, st, 1, id)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, cat->statements[statement].id)) !=
	    TEND_OK ||
	    (value && (rc = db_bind_int(t, st, 3, value)) != TEND_OK) ||
	    (rc = db_step_done(t, st, "saving the answer")) != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	rc = db_commit(t);
out:
	db_finalize(st);
	if (rc != TEND_OK)
		db_rollback(t);
	return rc;
}

int
tend_assess_finish(struct tend *t, struct tend_assessment *a)
{
	static const char sql_date[] =
	    "UPDATE assessment SET taken = ?2 WHERE id = ?1";
	static const char sql_uuid[] =
	    "SELECT uuid FROM assessment WHERE id = ?1";
	const struct tend_catalog *cat;
	struct sqlite3_stmt *st = NULL;
	int *answers = NULL;
	long long id;
	int rc, row;

	memset(a, 0, sizeof(*a));
	if (t->db == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	if ((answers = calloc(cat->nstatements ? cat->nstatements : 1,
	    sizeof(*answers))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	if ((rc = db_begin(t)) != TEND_OK)
		goto out;
	if ((rc = in_progress(t, &id)) != TEND_OK)
		goto out;
	if (id == 0) {
		rc = tend_seterr(t, TEND_ENOENT, "no assessment is in "
		    "progress; 'tend assess' begins one");
		goto out;
	}
	if ((rc = read_answers(t, cat, id, answers)) != TEND_OK ||
	    (rc = tend_assess_score(t, answers, cat->nstatements, a)) !=
	    TEND_OK)
		goto out;
	tend_stamp(t, a->taken);
	if ((rc = db_prepare(t, &st, sql_date)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, id)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, a->taken)) != TEND_OK ||
	    (rc = db_step_done(t, st, "saving the assessment")) != TEND_OK)
		goto out;
	db_finalize(st);
	st = NULL;
	if ((rc = db_prepare(t, &st, sql_uuid)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, id)) != TEND_OK ||
	    (rc = db_step(t, st, "saving the assessment", &row)) != TEND_OK)
		goto out;
	snprintf(a->uuid, sizeof(a->uuid), "%s", row ? db_col_text(st, 0) :
	    "");
	db_finalize(st);
	st = NULL;
	if ((rc = save_scores(t, id, a)) != TEND_OK)
		goto out;
	rc = db_commit(t);
out:
	db_finalize(st);
	free(answers);
	if (rc != TEND_OK) {
		db_rollback(t);
		tend_assessment_release(a);
	}
	return rc;
}

int
tend_assess_latest(struct tend *t, struct tend_assessment *a)
{
	static const char sql_head[] =
	    "SELECT id, uuid, taken FROM assessment a WHERE EXISTS"
	    " (SELECT 1 FROM assessment_score s WHERE s.assessment_id = a.id)"
	    " ORDER BY taken DESC, id DESC LIMIT 1";
	/* Every digit, so the double read back is the one saved. */
	static const char sql_scores[] =
	    "SELECT outcome, printf('%.17g', score), fits"
	    " FROM assessment_score WHERE assessment_id = ?1";
	const struct tend_catalog *cat;
	struct sqlite3_stmt *st = NULL;
	const char *text;
	char *end;
	double v;
	long long id;
	size_t i;
	int rc, row;

	memset(a, 0, sizeof(*a));
	if (t->db == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	if ((rc = db_prepare(t, &st, sql_head)) != TEND_OK ||
	    (rc = db_step(t, st, "reading the assessment", &row)) != TEND_OK)
		goto out;
	if (!row) {
		rc = tend_seterr(t, TEND_ENOENT, "no assessment yet; 'tend "
		    "assess' takes one");
		goto out;
	}
	id = db_col_int(st, 0);
	snprintf(a->uuid, sizeof(a->uuid), "%s", db_col_text(st, 1));
	snprintf(a->taken, sizeof(a->taken), "%s", db_col_text(st, 2));
	db_finalize(st);
	st = NULL;
	if ((a->scores = calloc(cat->noutcomes ? cat->noutcomes : 1,
	    sizeof(*a->scores))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
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
			    "holds a bad score for '%s'; run 'tend doctor'",
			    a->taken, cat->outcomes[i].id);
			break;
		}
		a->scores[a->nscores].outcome = &cat->outcomes[i];
		a->scores[a->nscores].score = v;
		a->scores[a->nscores].fits = db_col_int(st, 2) != 0;
		a->nscores++;
	}
	if (rc != TEND_OK)
		goto out;
	/* Rows come in any order: show them in the catalogue's. */
	for (i = 0; i < a->nscores; i++) {
		size_t j, best = i;
		struct tend_score tmp;

		for (j = i + 1; j < a->nscores; j++)
			if (a->scores[j].outcome < a->scores[best].outcome)
				best = j;
		tmp = a->scores[i];
		a->scores[i] = a->scores[best];
		a->scores[best] = tmp;
	}
	summarise(a);
out:
	db_finalize(st);
	if (rc != TEND_OK)
		tend_assessment_release(a);
	return rc;
}

static const struct tip_map *
find_map(const char *outcome)
{
	size_t i;

	for (i = 0; i < NELEM(tip_map); i++)
		if (strcmp(tip_map[i].outcome, outcome) == 0)
			return &tip_map[i];
	return NULL;
}

/* How much a tip speaks to an outcome: the lead tip most, then a topic. */
static double
tip_fit(const struct tip_map *m, const struct tend_tip *tip)
{
	size_t i;

	if (m == NULL)
		return 0;
	if (strcmp(tip->id, m->lead) == 0)
		return LEAD_WEIGHT;
	for (i = 0; i < NELEM(m->topics) && m->topics[i] != NULL; i++)
		if (strcmp(tip->topic->id, m->topics[i]) == 0)
			return 1;
	return 0;
}

/*
 * Indices of the (at most TEND_SUGGEST_MAX) highest positive values,
 * highest first; ties keep the catalogue's order.
 */
static size_t
top(const double *value, size_t n, size_t pick[TEND_SUGGEST_MAX])
{
	size_t i, k, m = 0;

	for (i = 0; i < n; i++) {
		if (value[i] <= 0)
			continue;
		for (k = m; k > 0 && value[pick[k - 1]] < value[i]; k--)
			if (k < TEND_SUGGEST_MAX)
				pick[k] = pick[k - 1];
		if (k < TEND_SUGGEST_MAX) {
			pick[k] = i;
			if (m < TEND_SUGGEST_MAX)
				m++;
		}
	}
	return m;
}

int
tend_assess_suggest(struct tend *t, const struct tend_assessment *a,
    struct tend_suggestions *sg)
{
	const struct tend_catalog *cat;
	const struct tend_score *s;
	enum tend_intimacy level;
	double *value = NULL, w;
	size_t i, k, n, pick[TEND_SUGGEST_MAX];
	int rc, any;

	memset(sg, 0, sizeof(*sg));
	if ((rc = tend_catalog(t, &cat)) != TEND_OK ||
	    (rc = tend_intimacy(t, &level)) != TEND_OK)
		return rc;
	n = cat->ntips > cat->nexperiments ? cat->ntips : cat->nexperiments;
	if ((value = calloc(n ? n : 1, sizeof(*value))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	/* With nothing that fits, lean on whatever came closest. */
	any = a->fits != 0 || a->concern;

	for (i = 0; i < cat->ntips; i++) {
		value[i] = 0;
		if (cat->tips[i].intimacy > level)
			continue;
		for (k = 0; k < a->nscores; k++) {
			s = &a->scores[k];
			w = any ? (s->fits ? s->score : 0) : s->score;
			value[i] += w * tip_fit(find_map(s->outcome->id),
			    &cat->tips[i]);
		}
	}
	sg->ntips = top(value, cat->ntips, pick);
	for (i = 0; i < sg->ntips; i++)
		sg->tips[i] = &cat->tips[pick[i]];

	for (i = 0; i < cat->nexperiments; i++) {
		value[i] = 0;
		/* A later Sensate Focus stage follows the one before it. */
		if (cat->experiments[i].intimacy > level ||
		    cat->experiments[i].after != NULL)
			continue;
		for (k = 0; k < a->nscores; k++) {
			s = &a->scores[k];
			w = any ? (s->fits ? s->score : 0) : s->score;
			if (s->outcome->tag & cat->experiments[i].tags)
				value[i] += w;
			else if (is_concern(s->outcome) && strcmp(
			    cat->experiments[i].id, CONCERN_EXPERIMENT) == 0)
				value[i] += LEAD_WEIGHT * w;
		}
	}
	/* Between equals, the more focused experiment goes first. */
	for (i = 0; i < cat->nexperiments; i++)
		if (value[i] > 0)
			value[i] -= 1e-6 * __builtin_popcount(
			    cat->experiments[i].tags);
	sg->nexperiments = top(value, cat->nexperiments, pick);
	for (i = 0; i < sg->nexperiments; i++)
		sg->experiments[i] = &cat->experiments[pick[i]];
	free(value);
	return TEND_OK;
}
