/*
 * assess.c - the assessment (tend assess): scoring the answers to the
 * catalogue's statements as data/README.md lays down, each partner's
 * answers saved as they go, and the tips and experiments that fit a
 * result best.  A result is a hint for suggestions and conversation,
 * never a diagnosis.  What each partner may see of the other's is
 * assessview.c's.
 *
 * Each partner answers alone: an assessment row is theirs (partner_id).
 * Answers are saved one at a time, as the check-in's are: a partner's row
 * without scores is the one in progress; finishing it writes its scores
 * and dates it.  Only complete ones (with scores) are results.
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
	free(a->partner);
	memset(a, 0, sizeof(*a));
}

static int
is_concern(const struct tend_outcome *o)
{
	return strcmp(o->kind, "concern") == 0;
}

void
assess_summarise(struct tend_assessment *a)
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

/* The intimacy level statements are asked at: the journal's setting. */
static int
asked_level(struct tend *t, enum tend_intimacy *level)
{
	if (t->db == NULL)
		return config_intimacy_default(t, level);
	return tend_intimacy(t, level);
}

int
tend_assess_asked(struct tend *t, size_t statement)
{
	const struct tend_catalog *cat;
	enum tend_intimacy level;

	if (tend_catalog(t, &cat) != TEND_OK ||
	    asked_level(t, &level) != TEND_OK)
		return -1;
	return statement < cat->nstatements &&
	    cat->statements[statement].intimacy <= level;
}

/*
 * What an answer says for the outcomes its statement weights: agreement
 * only.  Agree is 0.5 and strongly agree 1 (for a reverse statement,
 * disagree and strongly disagree); neutral and the other side say
 * nothing, so that they never push an outcome toward its threshold.
 */
static double
agreement(const struct tend_statement *s, int answer)
{
	int a = s->reverse ? 6 - answer : answer;

	return a == 5 ? 1 : a == 4 ? 0.5 : 0;
}

int
tend_assess_score(struct tend *t, const int *answers, size_t n,
    struct tend_assessment *a)
{
	const struct tend_catalog *cat;
	const struct tend_statement *s;
	const struct tend_outcome *o;
	enum tend_intimacy level;
	double num, den, v;
	size_t i, j, k;
	int rc, required;

	memset(a, 0, sizeof(*a));
	if ((rc = tend_catalog(t, &cat)) != TEND_OK ||
	    (rc = asked_level(t, &level)) != TEND_OK)
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
	 * An outcome's score is sum(w * v) / sum(w) over the statements
	 * answered that weight it, v the agreement.  Halves and whole weights
	 * add up exactly in a double, so a score that equals its threshold
	 * fits.  A skipped statement (0), or one above the intimacy setting
	 * (never asked now), counts for nothing.  It fits only when at least
	 * two of its statements were agreed with, so that no single answer
	 * decides, and the statement it requires (if any) was one of them.
	 */
	for (k = 0; k < cat->noutcomes; k++) {
		o = &cat->outcomes[k];
		num = den = 0;
		required = o->requires == NULL;
		for (i = 0; i < cat->nstatements; i++) {
			s = &cat->statements[i];
			if (answers[i] == 0 || s->intimacy > level)
				continue;
			v = agreement(s, answers[i]);
			for (j = 0; j < s->nweights; j++) {
				if (strcmp(s->weights[j].outcome, o->id) != 0)
					continue;
				num += s->weights[j].weight * v;
				den += s->weights[j].weight;
				if (v > 0) {
					a->scores[k].agreed++;
					if (o->requires != NULL &&
					    strcmp(o->requires, s->id) == 0)
						required = 1;
				}
			}
		}
		a->scores[k].outcome = o;
		a->scores[k].score = den > 0 ? num / den : 0;
		a->scores[k].fits = den > 0 && a->scores[k].score >=
		    o->threshold && a->scores[k].agreed >= 2 && required;
	}
	assess_summarise(a);
	return TEND_OK;
}

/*
 * The partner answering: who (any case) among the journal's partners,
 * their row id in *pid and, when name is not NULL, their name as stored
 * in *name (free it).
 */
static int
answering(struct tend *t, const char *who, long long *pid, char **name)
{
	if (name != NULL)
		*name = NULL;
	if (t->db == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	if (who == NULL)
		return tend_seterr(t, TEND_EINVAL, "each partner answers the "
		    "assessment alone: say who is answering");
	return partner_find(t, who, pid, name);
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

/* A new assessment of partner pid, dated now: its row id in *id. */
static int
begin(struct tend *t, long long pid, char uuid[37], char taken[32],
    long long *id)
{
	static const char sql_head[] =
	    "INSERT INTO assessment(uuid, taken, partner_id, updated, device)"
	    " VALUES (?1, ?2, ?3, ?2, (SELECT device FROM replica))"
	    " RETURNING id";
	struct sqlite3_stmt *st = NULL;
	int rc, row;

	tend_uuid(uuid);
	tend_stamp(t, taken);
	if ((rc = db_prepare(t, &st, sql_head)) == TEND_OK &&
	    (rc = db_bind_text(t, st, 1, uuid)) == TEND_OK &&
	    (rc = db_bind_text(t, st, 2, taken)) == TEND_OK &&
	    (rc = db_bind_int(t, st, 3, pid)) == TEND_OK &&
	    (rc = db_step(t, st, "saving the assessment", &row)) == TEND_OK)
		*id = row ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return rc;
}

/* Set statement's answer (0: clear it) in assessment id. */
static int
set_answer(struct tend *t, long long id, const char *statement, int value)
{
	static const char sql_set[] =
	    "INSERT INTO assessment_answer(assessment_id, statement, value)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (assessment_id, statement)"
	    " DO UPDATE SET value = excluded.value";
	static const char sql_clear[] =
	    "DELETE FROM assessment_answer"
	    " WHERE assessment_id = ?1 AND statement = ?2";
	struct sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = db_prepare(t, &st, value ? sql_set : sql_clear)) ==
	    TEND_OK &&
	    (rc = db_bind_int(t, st, 1, id)) == TEND_OK &&
	    (rc = db_bind_text(t, st, 2, statement)) == TEND_OK &&
	    (!value || (rc = db_bind_int(t, st, 3, value)) == TEND_OK))
		rc = db_step_done(t, st, "saving the answer");
	db_finalize(st);
	return rc;
}

int
tend_assess_save(struct tend *t, const char *who, const int *answers,
    size_t n, struct tend_assessment *a)
{
	const struct tend_catalog *cat;
	char *name = NULL;
	long long pid, id;
	size_t i;
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = answering(t, who, &pid, &name)) != TEND_OK)
		return rc;
	if ((rc = tend_catalog(t, &cat)) != TEND_OK ||
	    (rc = tend_assess_score(t, answers, n, a)) != TEND_OK)
		goto out;
	a->partner = name;
	name = NULL;
	if ((rc = change_begin(t, "%s took the assessment", a->partner)) !=
	    TEND_OK)
		goto out;
	if ((rc = begin(t, pid, a->uuid, a->taken, &id)) != TEND_OK)
		goto fail;
	for (i = 0; i < n; i++)
		if (answers[i] != 0 && (rc = set_answer(t, id,
		    cat->statements[i].id, answers[i])) != TEND_OK)
			goto fail;
	if ((rc = save_scores(t, id, a)) != TEND_OK)
		goto fail;
	rc = db_commit(t);
	goto out;
fail:
	db_rollback(t);
out:
	free(name);
	if (rc != TEND_OK)
		tend_assessment_release(a);
	return rc;
}

int
assess_find(struct tend *t, long long pid, int complete, long long *id)
{
	/* A complete one has scores; the one in progress has none yet. */
	static const char *const sql[] = {
	    "SELECT id FROM assessment a WHERE partner_id IS ?1 AND NOT EXISTS"
	    " (SELECT 1 FROM assessment_score s WHERE s.assessment_id = a.id)"
	    " ORDER BY id DESC LIMIT 1",
	    "SELECT id FROM assessment a WHERE partner_id IS ?1 AND EXISTS"
	    " (SELECT 1 FROM assessment_score s WHERE s.assessment_id = a.id)"
	    " ORDER BY taken DESC, id DESC LIMIT 1"
	};
	struct sqlite3_stmt *st = NULL;
	int rc, row;

	*id = 0;
	if ((rc = db_prepare(t, &st, sql[complete != 0])) == TEND_OK &&
	    (rc = pid ? db_bind_int(t, st, 1, pid) : db_bind_text(t, st, 1,
	    NULL)) == TEND_OK &&
	    (rc = db_step(t, st, "reading the assessment", &row)) == TEND_OK &&
	    row)
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

int
tend_assess_progress(struct tend *t, const char *who, int *answers,
    size_t n, size_t *next)
{
	const struct tend_catalog *cat;
	long long pid, id;
	size_t i;
	int rc;

	*next = 0;
	if ((rc = answering(t, who, &pid, NULL)) != TEND_OK ||
	    (rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	if (n != cat->nstatements)
		return tend_seterr(t, TEND_EINVAL, "the assessment has %zu "
		    "statements, not %zu", cat->nstatements, n);
	if ((rc = assess_find(t, pid, 0, &id)) != TEND_OK)
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
tend_assess_answer(struct tend *t, const char *who, size_t statement,
    int value)
{
	const struct tend_catalog *cat;
	char uuid[37], stamp[32];
	long long pid, id;
	int rc;

	if ((rc = answering(t, who, &pid, NULL)) != TEND_OK ||
	    (rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	if (statement >= cat->nstatements || value < 0 || value > 5)
		return tend_seterr(t, TEND_EINVAL, "statement %zu, answer %d: "
		    "answers are whole numbers from 1 to 5 (0: skipped)",
		    statement + 1, value);
	/* Consent first: what the couple has not opted into is not asked. */
	if (tend_assess_asked(t, statement) != 1)
		return tend_seterr(t, TEND_EINVAL, "statement %zu is above the "
		    "journal's intimacy setting", statement + 1);
	if ((rc = change_begin(t, "an answer to statement %zu of the "
	    "assessment", statement + 1)) != TEND_OK)
		return rc;
	/* Dated when begun; finishing dates it again. */
	if ((rc = assess_find(t, pid, 0, &id)) != TEND_OK ||
	    (id == 0 && (rc = begin(t, pid, uuid, stamp, &id)) != TEND_OK) ||
	    (rc = set_answer(t, id, cat->statements[statement].id, value)) !=
	    TEND_OK) {
		db_rollback(t);
		return rc;
	}
	return db_commit(t);
}

int
tend_assess_finish(struct tend *t, const char *who,
    struct tend_assessment *a)
{
	static const char sql_date[] =
	    "UPDATE assessment SET taken = ?2, updated = ?2,"
	    " device = (SELECT device FROM replica) WHERE id = ?1"
	    " RETURNING uuid";
	const struct tend_catalog *cat;
	struct sqlite3_stmt *st = NULL;
	int *answers = NULL;
	char *name = NULL;
	long long pid, id;
	int rc, row;

	memset(a, 0, sizeof(*a));
	if ((rc = answering(t, who, &pid, &name)) != TEND_OK)
		return rc;
	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		goto out;
	if ((answers = calloc(cat->nstatements ? cat->nstatements : 1,
	    sizeof(*answers))) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = change_begin(t, "%s finished the assessment", name)) !=
	    TEND_OK)
		goto out;
	if ((rc = assess_find(t, pid, 0, &id)) != TEND_OK)
		goto fail;
	if (id == 0) {
		rc = tend_seterr(t, TEND_ENOENT, "%s has no assessment in "
		    "progress", name);
		goto fail;
	}
	if ((rc = read_answers(t, cat, id, answers)) != TEND_OK ||
	    (rc = tend_assess_score(t, answers, cat->nstatements, a)) !=
	    TEND_OK)
		goto fail;
	a->partner = name;
	name = NULL;
	tend_stamp(t, a->taken);
	if ((rc = db_prepare(t, &st, sql_date)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 1, id)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, a->taken)) != TEND_OK ||
	    (rc = db_step(t, st, "saving the assessment", &row)) != TEND_OK)
		goto fail;
	snprintf(a->uuid, sizeof(a->uuid), "%s", row ? db_col_text(st, 0) :
	    "");
	db_finalize(st);
	st = NULL;
	if ((rc = save_scores(t, id, a)) != TEND_OK)
		goto fail;
	rc = db_commit(t);
	goto out;
fail:
	db_finalize(st);
	st = NULL;
	db_rollback(t);
out:
	free(name);
	free(answers);
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
	/*
	 * With nothing that fits, lean on whatever came closest, but never
	 * on the concern: it steers only when it fits.
	 */
	any = a->fits != 0 || a->concern;

	for (i = 0; i < cat->ntips; i++) {
		value[i] = 0;
		if (cat->tips[i].intimacy > level)
			continue;
		for (k = 0; k < a->nscores; k++) {
			s = &a->scores[k];
			w = any ? (s->fits ? s->score : 0) :
			    is_concern(s->outcome) ? 0 : s->score;
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
			w = any ? (s->fits ? s->score : 0) :
			    is_concern(s->outcome) ? 0 : s->score;
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
