/*
 * merge.c - each record of an import merged into the journal, by what
 * record.c says of it: matched by id, which makes an import idempotent
 * and lets two partners' journals merge; partners also by name and
 * check-ins by week and deck (their natural keys), since two journals made
 * apart name the same couple and the same weeks with different ids.  A
 * record the journal holds with other content is what its description's
 * merge rule says: refused, or the journal's kept.  Every value is checked
 * as the command that writes it checks it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "import-int.h"

static const char *const sql[NQ] = {
	[Q_P_UUID] = "SELECT id, name, created FROM partner WHERE uuid = ?1",
	[Q_P_NAME] = "SELECT id FROM partner WHERE name = ?1",
	[Q_P_ADD] = "INSERT INTO partner(uuid, name, created, updated, device)"
	    " VALUES (?1, ?2, ?3, ?3, (SELECT device FROM replica))",
	[Q_MAP_FIND] = "SELECT id FROM temp.import_map"
	    " WHERE kind = ?1 AND uuid = ?2",
	[Q_MAP_ADD] = "INSERT OR REPLACE INTO temp.import_map(kind, uuid, id)"
	    " VALUES (?1, ?2, ?3)",
	[Q_C_UUID] = "SELECT id, week, deck, started, finished FROM checkin"
	    " WHERE uuid = ?1",
	[Q_C_KEY] = "SELECT id FROM checkin WHERE week = ?1 AND deck = ?2",
	[Q_C_ADD] = "INSERT INTO checkin(uuid, week, deck, started, finished,"
	    " updated, device) VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?5, ?4),"
	    " (SELECT device FROM replica))",
	[Q_C_DECK] = "SELECT deck FROM checkin WHERE id = ?1",
	[Q_A_UUID] = "SELECT id, checkin_id, partner_id, question, prompt,"
	    " kind, value, created, updated FROM answer WHERE uuid = ?1",
	[Q_A_KEY] = "SELECT id, value, uuid FROM answer WHERE checkin_id = ?1"
	    " AND partner_id = ?2 AND question = ?3",
	[Q_A_ADD] = "INSERT INTO answer(uuid, checkin_id, partner_id,"
	    " question, prompt, kind, value, created, updated, device)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	    " (SELECT device FROM replica))",
	[Q_A_ID] = "SELECT id FROM answer WHERE uuid = ?1",
	[Q_N_UUID] = "SELECT from_id, to_id, body, week, created, answer_id"
	    " FROM note WHERE uuid = ?1",
	[Q_N_ADD] = "INSERT INTO note(uuid, from_id, to_id, body, week,"
	    " created, answer_id, updated, device) VALUES (?1, ?2, ?3, ?4, ?5,"
	    " ?6, ?7, ?6, (SELECT device FROM replica))",
	[Q_E_UUID] = "SELECT week, item, title, chosen, outcome, felt,"
	    " reflection, updated FROM experiment WHERE uuid = ?1",
	[Q_E_ADD] = "INSERT INTO experiment(uuid, week, item, title, chosen,"
	    " outcome, felt, reflection, updated, device)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	    " (SELECT device FROM replica))",
	[Q_S_UUID] = "SELECT id, taken, partner_id FROM assessment"
	    " WHERE uuid = ?1",
	[Q_S_ADD] = "INSERT INTO assessment(uuid, taken, partner_id, updated,"
	    " device) VALUES (?1, ?2, ?3, ?2, (SELECT device FROM replica))",
	[Q_SA_ADD] = "INSERT INTO assessment_answer(assessment_id, statement,"
	    " value) VALUES (?1, ?2, ?3)",
	[Q_SS_ADD] = "INSERT INTO assessment_score(assessment_id, outcome,"
	    " score, fits) VALUES (?1, ?2, ?3, ?4)",
	[Q_SA_GET] = "SELECT value FROM assessment_answer"
	    " WHERE assessment_id = ?1 AND statement = ?2",
	[Q_SS_GET] = "SELECT score, fits FROM assessment_score"
	    " WHERE assessment_id = ?1 AND outcome = ?2",
	[Q_S_COUNT] = "SELECT (SELECT count(*) FROM assessment_answer"
	    " WHERE assessment_id = ?1), (SELECT count(*) FROM"
	    " assessment_score WHERE assessment_id = ?1)",
	[Q_G_GET] = "SELECT value FROM setting WHERE key = ?1",
	[Q_G_ADD] = "INSERT INTO setting(key, value, updated, device)"
	    " VALUES (?1, ?2, ?3, (SELECT device FROM replica))",
};

/* ---- Storage ----------------------------------------------------------- */

static int
bind_all(struct imp *m, struct sqlite3_stmt *st, const char *const *v,
    size_t n)
{
	size_t i;
	int rc;

	db_reset(st);
	for (i = 0; i < n; i++)
		if ((rc = db_bind_text(m->t, st, (int)i + 1, v[i])) != TEND_OK)
			return rc;
	return TEND_OK;
}

/* Run a statement with text parameters; *row as db_step. */
static int
run(struct imp *m, int q, const char *const *v, size_t n, int *row)
{
	int rc;

	if ((rc = bind_all(m, m->q[q], v, n)) != TEND_OK)
		return rc;
	return db_step(m->t, m->q[q], "importing", row);
}

/* Whether column i of the current row holds v (NULL: SQL NULL). */
static int
col_is(struct imp *m, int q, int i, const char *v)
{
	if (db_col_null(m->q[q], i))
		return v == NULL;
	return v != NULL && strcmp(db_col_text(m->q[q], i), v) == 0;
}

/* Every column from first on holds the values v. */
static int
row_is(struct imp *m, int q, int first, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!col_is(m, q, first + (int)i, v[i]))
			return 0;
	return 1;
}

static int
insert(struct imp *m, int q, const char *const *v, size_t n)
{
	int rc;

	if ((rc = bind_all(m, m->q[q], v, n)) != TEND_OK)
		return rc;
	return db_step_done(m->t, m->q[q], "importing");
}

static int
map_add(struct imp *m, int kind, const char *id, long long row)
{
	struct sqlite3_stmt *st = m->q[Q_MAP_ADD];
	int rc;

	db_reset(st);
	if ((rc = db_bind_int(m->t, st, 1, kind)) != TEND_OK ||
	    (rc = db_bind_text(m->t, st, 2, id)) != TEND_OK ||
	    (rc = db_bind_int(m->t, st, 3, row)) != TEND_OK)
		return rc;
	return db_step_done(m->t, st, "importing");
}

/*
 * The row id that a UUID of the file names: the journal's record of that
 * id, or the one it was matched to.  *id 0 when neither.
 */
static int
resolve(struct imp *m, int q, int kind, const char *key, long long *id)
{
	struct sqlite3_stmt *st = m->q[Q_MAP_FIND];
	int rc, row;

	*id = 0;
	if ((rc = run(m, q, &key, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		*id = db_col_int(m->q[q], 0);
		db_reset(m->q[q]);
		return TEND_OK;
	}
	db_reset(st);
	if ((rc = db_bind_int(m->t, st, 1, kind)) != TEND_OK ||
	    (rc = db_bind_text(m->t, st, 2, key)) != TEND_OK ||
	    (rc = db_step(m->t, st, "importing", &row)) != TEND_OK)
		return rc;
	if (row)
		*id = db_col_int(st, 0);
	db_reset(st);
	return TEND_OK;
}

/* A reference field: the row id it names, or an error naming it. */
static int
ref(struct imp *m, const cJSON *o, const char *key, int may_null, int kind,
    long long *id)
{
	static const int q[] = { Q_P_UUID, Q_C_UUID, Q_A_ID };
	static const char *const what[] = { "partner", "check-in", "answer" };
	const char *s;
	int rc;

	*id = 0;
	if ((rc = imp_uuid(m, o, key, may_null, &s)) != TEND_OK || s == NULL)
		return rc;
	if ((rc = resolve(m, q[kind], kind, s, id)) != TEND_OK)
		return rc;
	if (*id == 0)
		return imp_bad(m, "'%s' is not a known %s id", key, what[kind]);
	return TEND_OK;
}

static void
num(char buf[24], long long v)
{
	snprintf(buf, 24, "%lld", v);
}

/*
 * The record is in the journal already, with other content: what its
 * description in record.c says a merge does.
 */
static int
conflict(struct imp *m, const char *id)
{
	if (m->rec->merge == REC_OURS) {
		m->stats->kept++;
		return TEND_OK;
	}
	return imp_bad(m, "id %s is in the journal already with other content; "
	    "the two journals disagree about this record", id);
}

/* ---- Records ----------------------------------------------------------- */

static int
do_partner(struct imp *m, const cJSON *o)
{
	const char *id, *name, *created;
	int rc, row;

	if ((rc = imp_uuid(m, o, "id", 0, &id)) != TEND_OK ||
	    (rc = imp_str(m, o, "name", 0, &name)) != TEND_OK ||
	    (rc = imp_stamp(m, o, "created", 0, &created)) != TEND_OK)
		return rc;
	if (tend_check_name(m->t, name) != TEND_OK)
		return imp_bad(m, "'name': %s", tend_errmsg(m->t));
	if ((rc = run(m, Q_P_UUID, &id, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		if (!col_is(m, Q_P_UUID, 1, name))
			return conflict(m, id);
		m->stats->skipped++;
		return TEND_OK;
	}
	/* The same couple named in another journal: the same partner. */
	if ((rc = run(m, Q_P_NAME, &name, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		m->stats->matched++;
		return map_add(m, MAP_PARTNER, id,
		    db_col_int(m->q[Q_P_NAME], 0));
	}
	{
		const char *v[] = { id, name, created };

		if ((rc = insert(m, Q_P_ADD, v, 3)) != TEND_OK)
			return rc;
	}
	m->stats->added[TEND_REC_PARTNER]++;
	return TEND_OK;
}

static int
do_checkin(struct imp *m, const cJSON *o)
{
	const struct tend_catalog *cat;
	const char *v[5];
	char buf[48];
	int rc, row;

	if ((rc = imp_uuid(m, o, "id", 0, &v[0])) != TEND_OK ||
	    (rc = imp_week(m, o, "week", 0, &v[1])) != TEND_OK ||
	    (rc = imp_line_text(m, o, "deck", KEY_MAX, 0, &v[2])) != TEND_OK ||
	    (rc = imp_stamp(m, o, "started", 0, &v[3])) != TEND_OK ||
	    (rc = imp_stamp(m, o, "finished", 1, &v[4])) != TEND_OK)
		return rc;
	/* Stamps of one fixed layout compare as text. */
	if (v[4] != NULL && strcmp(v[4], v[3]) < 0)
		return imp_bad(m, "'finished' %s is before 'started' %s", v[4],
		    v[3]);
	/* Answers are checked against the deck's questions: it must exist. */
	if ((rc = tend_catalog(m->t, &cat)) != TEND_OK)
		return rc;
	if (tend_find_deck(cat, v[2]) == NULL)
		return tend_setfix(m->t, imp_bad(m, "'deck' '%s' is not a deck "
		    "of tend or of your content.json", jsonin_shown(v[2],
		    buf)), TEND_FIX_DECKS, NULL);
	if ((rc = run(m, Q_C_UUID, v, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		if (!row_is(m, Q_C_UUID, 1, v + 1, 4))
			return conflict(m, v[0]);
		m->stats->skipped++;
		return TEND_OK;
	}
	/* Both journals held this week's check-in: it is one check-in. */
	if ((rc = run(m, Q_C_KEY, v + 1, 2, &row)) != TEND_OK)
		return rc;
	if (row) {
		m->stats->matched++;
		return map_add(m, MAP_CHECKIN, v[0],
		    db_col_int(m->q[Q_C_KEY], 0));
	}
	if ((rc = insert(m, Q_C_ADD, v, 5)) != TEND_OK)
		return rc;
	m->stats->added[TEND_REC_CHECKIN]++;
	return TEND_OK;
}

static const char *const kind_names[] = {
	[TEND_KIND_TEXT] = "text",
	[TEND_KIND_SCALE] = "scale",
	[TEND_KIND_YESNO] = "yesno",
};

/*
 * An answer is checked as the check-in checks it: its question must be in
 * the deck of its check-in, of the same kind, and its value one that
 * tend_checkin_check accepts and writes back unchanged.
 */
static int
answer_fits(struct imp *m, long long ck, const char *question,
    const char *kind, const char *value)
{
	const struct tend_catalog *cat;
	const struct tend_deck *d;
	const struct tend_question *q = NULL;
	struct sqlite3_stmt *st = m->q[Q_C_DECK];
	char deck[KEY_MAX * 4 + 1], qs[48], ds[48], *out = NULL;
	size_t i;
	int rc, row;

	if ((rc = tend_catalog(m->t, &cat)) != TEND_OK)
		return rc;
	db_reset(st);
	if ((rc = db_bind_int(m->t, st, 1, ck)) != TEND_OK ||
	    (rc = db_step(m->t, st, "importing", &row)) != TEND_OK)
		return rc;
	snprintf(deck, sizeof(deck), "%s", row ? db_col_text(st, 0) : "");
	db_reset(st);
	jsonin_shown(question, qs);
	if ((d = tend_find_deck(cat, deck)) == NULL)
		return imp_bad(m, "'checkin' is of deck '%s', which is not a "
		    "deck of tend or of your content.json",
		    jsonin_shown(deck, ds));
	for (i = 0; i < d->nquestions && q == NULL; i++)
		if (strcmp(d->questions[i].id, question) == 0)
			q = &d->questions[i];
	if (q == NULL)
		return imp_bad(m, "'question' '%s' is not in deck '%s'", qs,
		    d->id);
	if (strcmp(kind, kind_names[q->kind]) != 0)
		return imp_bad(m, "'kind' must be \"%s\", the kind of question "
		    "'%s' of deck '%s'", kind_names[q->kind], qs, d->id);
	if (value == NULL)
		return TEND_OK;
	if ((rc = tend_checkin_check(m->t, q, value, &out)) != TEND_OK) {
		if (rc == TEND_EINVAL)
			rc = imp_bad(m, "'value' does not fit question '%s' "
			    "(%s): %s", qs, kind, tend_errmsg(m->t));
		return rc;
	}
	if (strcmp(out, value) != 0)
		rc = imp_bad(m, "'value' must be written \"%s\", as tend "
		    "writes it", out);
	free(out);
	return rc;
}

static int
do_answer(struct imp *m, const cJSON *o)
{
	const char *id, *question, *prompt, *kind, *value, *created, *updated;
	long long ck, pa;
	char cks[24], pas[24];
	int rc, row;

	if ((rc = imp_uuid(m, o, "id", 0, &id)) != TEND_OK ||
	    (rc = ref(m, o, "checkin", 0, MAP_CHECKIN, &ck)) != TEND_OK ||
	    (rc = ref(m, o, "partner", 0, MAP_PARTNER, &pa)) != TEND_OK ||
	    (rc = imp_line_text(m, o, "question", KEY_MAX, 0, &question)) !=
	    TEND_OK ||
	    (rc = imp_line_text(m, o, "prompt", SHORT_MAX, 0, &prompt)) !=
	    TEND_OK || (rc = imp_str(m, o, "kind", 0, &kind)) != TEND_OK)
		return rc;
	if ((rc = imp_body_text(m, o, "value", 1, &value)) != TEND_OK ||
	    (rc = answer_fits(m, ck, question, kind, value)) != TEND_OK ||
	    (rc = imp_stamp(m, o, "created", 0, &created)) != TEND_OK ||
	    (rc = imp_stamp(m, o, "updated", 0, &updated)) != TEND_OK)
		return rc;
	num(cks, ck);
	num(pas, pa);
	{
		const char *v[] = {
			id, cks, pas, question, prompt, kind, value, created,
			updated
		};

		if ((rc = run(m, Q_A_UUID, v, 1, &row)) != TEND_OK)
			return rc;
		if (row) {
			if (!row_is(m, Q_A_UUID, 1, v + 1, 8))
				return conflict(m, id);
			m->stats->skipped++;
			return TEND_OK;
		}
		if ((rc = run(m, Q_A_KEY, v + 1, 3, &row)) != TEND_OK)
			return rc;
		if (row) {
			/* The same answer kept under two ids: one answer. */
			if (!col_is(m, Q_A_KEY, 1, value))
				return imp_bad(m, "the journal has another "
				    "answer (%s) to question '%s' by this "
				    "partner in this check-in",
				    db_col_text(m->q[Q_A_KEY], 2), question);
			m->stats->matched++;
			return map_add(m, MAP_ANSWER, id,
			    db_col_int(m->q[Q_A_KEY], 0));
		}
		if ((rc = insert(m, Q_A_ADD, v, 9)) != TEND_OK)
			return rc;
	}
	m->stats->added[TEND_REC_ANSWER]++;
	return TEND_OK;
}

static int
do_note(struct imp *m, const cJSON *o)
{
	const char *id, *text, *wk, *created;
	long long from, to, ans;
	char froms[24], tos[24], anss[24], cw[TEND_WEEK_LEN] = "";
	int rc, row;

	if ((rc = imp_uuid(m, o, "id", 0, &id)) != TEND_OK ||
	    (rc = ref(m, o, "from", 0, MAP_PARTNER, &from)) != TEND_OK ||
	    (rc = ref(m, o, "to", 0, MAP_PARTNER, &to)) != TEND_OK ||
	    (rc = imp_body_text(m, o, "text", 0, &text)) != TEND_OK ||
	    (rc = imp_week(m, o, "week", 0, &wk)) != TEND_OK ||
	    (rc = imp_stamp(m, o, "created", 0, &created)) != TEND_OK ||
	    (rc = ref(m, o, "answer", 1, MAP_ANSWER, &ans)) != TEND_OK)
		return rc;
	if (from == to)
		return imp_bad(m, "'from' and 'to' are the same partner");
	/*
	 * tend files a note under the local week of its time, as
	 * tend_note_add does; another week would show it out of place.
	 */
	if (tend_week_format(when_week(m->t, stamp_time(created)), cw,
	    sizeof(cw)) < 0 || strcmp(cw, wk) != 0)
		return imp_bad(m, "'week' %s is not the week of 'created' %s "
		    "(%s)", wk, created, cw);
	num(froms, from);
	num(tos, to);
	num(anss, ans);
	{
		const char *v[] = {
			id, froms, tos, text, wk, created, ans ? anss : NULL
		};

		if ((rc = run(m, Q_N_UUID, v, 1, &row)) != TEND_OK)
			return rc;
		if (row) {
			if (!row_is(m, Q_N_UUID, 0, v + 1, 6))
				return conflict(m, id);
			m->stats->skipped++;
			return TEND_OK;
		}
		if ((rc = insert(m, Q_N_ADD, v, 7)) != TEND_OK)
			return rc;
	}
	m->stats->added[TEND_REC_NOTE]++;
	return TEND_OK;
}

static int
do_experiment(struct imp *m, const cJSON *o)
{
	const cJSON *fv = cJSON_GetObjectItemCaseSensitive(o, "felt");
	const char *v[9];
	char felts[24];
	long long felt = 0;
	int rc, row;

	if ((rc = imp_uuid(m, o, "id", 0, &v[0])) != TEND_OK ||
	    (rc = imp_week(m, o, "week", 1, &v[1])) != TEND_OK ||
	    (rc = imp_ident(m, o, "item", &v[2])) != TEND_OK ||
	    (rc = imp_line_text(m, o, "title", TITLE_MAX, 0, &v[3])) !=
	    TEND_OK ||
	    (rc = imp_stamp(m, o, "chosen", 0, &v[4])) != TEND_OK ||
	    (rc = imp_str(m, o, "outcome", 1, &v[5])) != TEND_OK)
		return rc;
	if (v[5] != NULL && strcmp(v[5], "tried") != 0 &&
	    strcmp(v[5], "skipped") != 0)
		return imp_bad(m, "'outcome' must be \"tried\", \"skipped\" or "
		    "null");
	if (fv == NULL)
		return imp_bad(m, "'felt' is missing");
	if (!cJSON_IsNull(fv) &&
	    (rc = imp_integer(m, fv, "felt", 1, TEND_FELT_MAX, &felt)) !=
	    TEND_OK)
		return rc;
	num(felts, felt);
	v[6] = cJSON_IsNull(fv) ? NULL : felts;
	if ((rc = imp_body_text(m, o, "reflection", 1, &v[7])) != TEND_OK ||
	    (rc = imp_stamp(m, o, "updated", 1, &v[8])) != TEND_OK)
		return rc;
	if ((rc = run(m, Q_E_UUID, v, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		if (!row_is(m, Q_E_UUID, 0, v + 1, 8))
			return conflict(m, v[0]);
		m->stats->skipped++;
		return TEND_OK;
	}
	if ((rc = insert(m, Q_E_ADD, v, 9)) != TEND_OK)
		return rc;
	m->stats->added[TEND_REC_EXPERIMENT]++;
	return TEND_OK;
}

/*
 * One answer or score of an assessment: checked, then either compared
 * with the stored one (same is 1 while all match) or inserted.
 */
static int
assess_item(struct imp *m, const cJSON *e, int score, long long sid,
    int exists, int *same)
{
	const struct rec_field *f = rec_list_field(m->rec, score);
	const cJSON *sv, *fv;
	struct sqlite3_stmt *st;
	const char *name;
	long long value = 0;
	double d = 0;
	int rc, row, fits = 0;

	if (!cJSON_IsObject(e))
		return imp_bad(m, "'%s' must hold objects", f->key);
	if ((rc = imp_fields(m, e, f->list->fields, f->list->nfields, 0)) !=
	    TEND_OK || (rc = imp_ident(m, e, f->list->fields[0].key,
	    &name)) != TEND_OK)
		return rc;
	if (score) {
		sv = cJSON_GetObjectItemCaseSensitive(e, "score");
		fv = cJSON_GetObjectItemCaseSensitive(e, "fits");
		if (sv == NULL || !cJSON_IsNumber(sv) ||
		    !isfinite(sv->valuedouble) || sv->valuedouble < 0 ||
		    sv->valuedouble > 1)
			return imp_bad(m, "'score' must be a number from 0 "
			    "to 1");
		if (fv == NULL || !cJSON_IsBool(fv))
			return imp_bad(m, "'fits' must be true or false");
		d = sv->valuedouble;
		fits = cJSON_IsTrue(fv);
	} else if ((rc = imp_integer(m, cJSON_GetObjectItemCaseSensitive(e,
	    "value"), "value", 1, 5, &value)) != TEND_OK)
		return rc;
	st = m->q[exists ? (score ? Q_SS_GET : Q_SA_GET) :
	    (score ? Q_SS_ADD : Q_SA_ADD)];
	db_reset(st);
	if ((rc = db_bind_int(m->t, st, 1, sid)) != TEND_OK ||
	    (rc = db_bind_text(m->t, st, 2, name)) != TEND_OK)
		return rc;
	if (!exists) {
		if ((rc = score ? db_bind_double(m->t, st, 3, d) :
		    db_bind_int(m->t, st, 3, value)) != TEND_OK ||
		    (score && (rc = db_bind_int(m->t, st, 4, fits)) !=
		    TEND_OK))
			return rc;
		if ((rc = db_step_done(m->t, st, "importing")) == TEND_EDB)
			return imp_bad(m, "'%s' names '%s' twice", score ?
			    "scores" : "answers", name);
		return rc;
	}
	if ((rc = db_step(m->t, st, "importing", &row)) != TEND_OK)
		return rc;
	if (!row || (score ? db_col_double(st, 0) != d ||
	    db_col_int(st, 1) != fits : db_col_int(st, 0) != value))
		*same = 0;
	db_reset(st);
	return TEND_OK;
}

static int
do_assessment(struct imp *m, const cJSON *o)
{
	const char *lists[2] = { rec_list_field(m->rec, 0)->key,
	    rec_list_field(m->rec, 1)->key };
	const cJSON *list[2], *e;
	const char *id, *taken;
	long long sid = 0, pid = 0, count[2] = { 0, 0 };
	char pids[24];
	size_t i;
	int rc, row, exists, same = 1;

	if ((rc = imp_uuid(m, o, "id", 0, &id)) != TEND_OK ||
	    (rc = imp_stamp(m, o, "taken", 0, &taken)) != TEND_OK)
		return rc;
	/*
	 * Whose it is; absent in exports from before each partner answered
	 * alone, and null for the couple's answered together.
	 */
	if (cJSON_GetObjectItemCaseSensitive(o, "partner") != NULL &&
	    (rc = ref(m, o, "partner", 1, MAP_PARTNER, &pid)) != TEND_OK)
		return rc;
	num(pids, pid);
	for (i = 0; i < 2; i++) {
		list[i] = cJSON_GetObjectItemCaseSensitive(o, lists[i]);
		if (list[i] == NULL)
			return imp_bad(m, "'%s' is missing", lists[i]);
		if (!cJSON_IsArray(list[i]))
			return imp_bad(m, "'%s' must be an array", lists[i]);
	}
	if ((rc = run(m, Q_S_UUID, &id, 1, &row)) != TEND_OK)
		return rc;
	if ((exists = row) != 0) {
		sid = db_col_int(m->q[Q_S_UUID], 0);
		same = col_is(m, Q_S_UUID, 1, taken) &&
		    col_is(m, Q_S_UUID, 2, pid ? pids : NULL);
	} else {
		const char *v[] = { id, taken, pid ? pids : NULL };

		if ((rc = insert(m, Q_S_ADD, v, 3)) != TEND_OK ||
		    (rc = resolve(m, Q_S_UUID, -1, id, &sid)) != TEND_OK)
			return rc;
	}
	for (i = 0; i < 2; i++)
		cJSON_ArrayForEach(e, list[i]) {
			if ((rc = assess_item(m, e, (int)i, sid, exists,
			    &same)) != TEND_OK)
				return rc;
			count[i]++;
		}
	if (exists) {
		db_reset(m->q[Q_S_COUNT]);
		if ((rc = db_bind_int(m->t, m->q[Q_S_COUNT], 1, sid)) !=
		    TEND_OK || (rc = db_step(m->t, m->q[Q_S_COUNT],
		    "importing", &row)) != TEND_OK)
			return rc;
		if (!row || db_col_int(m->q[Q_S_COUNT], 0) != count[0] ||
		    db_col_int(m->q[Q_S_COUNT], 1) != count[1])
			same = 0;
		db_reset(m->q[Q_S_COUNT]);
		if (!same)
			return conflict(m, id);
		m->stats->skipped++;
		return TEND_OK;
	}
	m->stats->added[TEND_REC_ASSESSMENT]++;
	return TEND_OK;
}

/*
 * Settings have no id: a key the journal lacks is added; one it has keeps
 * the journal's value (its own id, the couple's choices: REC_OURS).
 */
static int
do_setting(struct imp *m, const cJSON *o)
{
	const char *v[3];
	enum tend_fix fix;
	int rc, row;

	if ((rc = imp_line_text(m, o, "key", KEY_MAX, 0, &v[0])) != TEND_OK ||
	    (rc = imp_line_text(m, o, "value", SHORT_MAX, 0, &v[1])) !=
	    TEND_OK ||
	    (rc = imp_stamp(m, o, "updated", 0, &v[2])) != TEND_OK)
		return rc;
	/* The check of tend config: a value it would refuse breaks tip. */
	if ((rc = config_check(m->t, v[0], v[1], 1, &fix)) != TEND_OK) {
		if (rc == TEND_EINVAL)
			rc = imp_bad(m, "'%s': %s", fix == TEND_FIX_NONE ?
			    "key" : "value", tend_errmsg(m->t));
		return rc;
	}
	if ((rc = run(m, Q_G_GET, v, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		if (!col_is(m, Q_G_GET, 0, v[1]))
			return conflict(m, v[0]);
		m->stats->skipped++;
		return TEND_OK;
	}
	if ((rc = insert(m, Q_G_ADD, v, 3)) != TEND_OK)
		return rc;
	m->stats->added[TEND_REC_SETTING]++;
	return TEND_OK;
}

/* How each kind of record is checked and merged, by enum tend_record. */
static int (*const merges[TEND_NRECORDS])(struct imp *, const cJSON *) = {
	[TEND_REC_PARTNER] = do_partner,
	[TEND_REC_CHECKIN] = do_checkin,
	[TEND_REC_ANSWER] = do_answer,
	[TEND_REC_NOTE] = do_note,
	[TEND_REC_EXPERIMENT] = do_experiment,
	[TEND_REC_ASSESSMENT] = do_assessment,
	[TEND_REC_SETTING] = do_setting,
};

int
merge_record(struct imp *m, const cJSON *o)
{
	return merges[m->rec - rec_descs](m, o);
}

int
merge_begin(struct imp *m)
{
	size_t i;
	int rc;

	if ((rc = db_exec(m->t, "CREATE TEMP TABLE import_map(kind INTEGER,"
	    " uuid TEXT, id INTEGER, PRIMARY KEY (kind, uuid)) WITHOUT ROWID",
	    "starting the import")) != TEND_OK)
		return rc;
	for (i = 0; i < NQ; i++)
		if ((rc = db_prepare(m->t, &m->q[i], sql[i])) != TEND_OK)
			return rc;
	return TEND_OK;
}

void
merge_close(struct imp *m)
{
	size_t i;

	for (i = 0; i < NQ; i++) {
		db_finalize(m->q[i]);
		m->q[i] = NULL;
	}
}

int
merge_end(struct imp *m)
{
	merge_close(m);
	return db_exec(m->t, "DROP TABLE temp.import_map",
	    "finishing the import");
}

/* After the records: a journal needs its couple and its own id. */
int
merge_finish(struct imp *m)
{
	struct sqlite3_stmt *st = NULL;
	char id[37], now[32];
	int rc, row;

	if ((rc = db_prepare(m->t, &st, "SELECT count(*) FROM partner")) !=
	    TEND_OK || (rc = db_step(m->t, st, "importing", &row)) != TEND_OK)
		goto out;
	if (!row || db_col_int(st, 0) < 2) {
		rc = tend_setfix(m->t, tend_seterr(m->t, TEND_EDATA, "the "
		    "file names fewer than two partners, and the journal has "
		    "none"), TEND_FIX_PARTNERS, NULL);
		goto out;
	}
	db_finalize(st);
	st = NULL;
	tend_uuid(id);
	tend_stamp(m->t, now);
	if ((rc = db_prepare(m->t, &st, "INSERT OR IGNORE INTO setting(key,"
	    " value, updated, device) VALUES ('journal-id', ?1, ?2, (SELECT"
	    " device FROM replica))")) != TEND_OK ||
	    (rc = db_bind_text(m->t, st, 1, id)) != TEND_OK ||
	    (rc = db_bind_text(m->t, st, 2, now)) != TEND_OK)
		goto out;
	rc = db_step_done(m->t, st, "importing");
out:
	db_finalize(st);
	return rc;
}
