/*
 * entries.c - each list of a content file, entry by entry: sources,
 * topics, decks and their questions, tips, experiments; and the
 * assessment, its outcomes and statements.  Every field goes through
 * fields.c, every refusal through content.c's messages.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "content-int.h"

/* Limits in characters, from data/README.md. */
#define TOPIC_TITLE_MAX	32
#define QUESTION_MAX	160
#define HINT_MAX	240
#define BODY_MAX	480
#define HOW_MAX		480
#define ALTERNATIVE_MAX	480
#define TIME_MAX	32
#define ABOUT_MAX	320
#define STATEMENT_MAX	160
/* README.md gives no limit for these two; a generous bound all the same. */
#define BY_MAX		160
#define SHORT_MAX	40
#define LABEL_MAX	40

static const char *const source_keys[] = { "id", "title", "by", "short" };
static const char *const topic_keys[] = { "id", "title" };
static const char *const deck_keys[] = {
	"id", "title", "about", "lookback", "source", "questions", "intimacy"
};
static const char *const question_keys[] = {
	"id", "text", "kind", "hint", "role", "source"
};
static const char *const tip_keys[] = {
	"id", "topic", "title", "body", "intimacy", "source"
};
static const char *const experiment_keys[] = {
	"id", "title", "how", "time", "ruts", "blockers", "intimacy", "source",
	"needs", "alternative", "after"
};
static const char *const assessment_keys[] = {
	"title", "about", "scale", "outcomes", "statements"
};
static const char *const outcome_keys[] = {
	"id", "kind", "title", "about", "threshold", "requires", "source"
};
static const char *const statement_keys[] = {
	"id", "text", "weights", "reverse", "source", "intimacy"
};

static const char *const kind_names[] = {
	[TEND_KIND_TEXT] = "text",
	[TEND_KIND_SCALE] = "scale",
	[TEND_KIND_YESNO] = "yesno",
};
static const char *const role_names[] = {
	"appreciation", "struggle", "connection"
};static const char *const outcome_kinds[] = { "rut", "blocker", "concern" };

#define RUTS	(TEND_RUT_BOREDOM | TEND_RUT_SEXLESS | TEND_RUT_FIGHTING | \
		    TEND_RUT_GENERAL)
#define BLOCKS	(TEND_BLOCK_DISTANCE | TEND_BLOCK_CONFLICT | \
		    TEND_BLOCK_PRESSURE | TEND_BLOCK_AVOIDANCE)

/* ---- Entries ---------------------------------------------------------- */

static int
add_source(struct build *b, const struct file *f, const cJSON *o,
    size_t index)
{
	struct tend_source *s = &b->sources[b->nsources];
	int rc;

	(void)f;
	if ((rc = cb_begin_entry(b, o, "source", index, source_keys,
	    NELEM(source_keys))) != TEND_OK ||
	    (rc = cb_new_id(b, o, NS_SOURCE, s, &s->id)) != TEND_OK)
		return rc;
	if ((rc = cb_get_text(b, o, "title", TITLE_MAX, 1, &s->title)) !=
	    TEND_OK ||
	    (rc = cb_get_text(b, o, "by", BY_MAX, 1, &s->by)) != TEND_OK ||
	    (rc = cb_get_text(b, o, "short", SHORT_MAX, 0, &s->short_name)) !=
	    TEND_OK)
		return rc;
	/* An article's title may sting on a plain tip: screens show this. */
	if (s->short_name == NULL)
		s->short_name = s->title;
	b->nsources++;
	return TEND_OK;
}

static int
add_topic(struct build *b, const struct file *f, const cJSON *o,
    size_t index)
{
	struct tend_topic *tp = &b->topics[b->ntopics];
	int rc;

	(void)f;
	if ((rc = cb_begin_entry(b, o, "topic", index, topic_keys,
	    NELEM(topic_keys))) != TEND_OK ||
	    (rc = cb_new_id(b, o, NS_TOPIC, tp, &tp->id)) != TEND_OK)
		return rc;
	if ((rc = cb_get_text(b, o, "title", TOPIC_TITLE_MAX, 1, &tp->title)) !=
	    TEND_OK)
		return rc;
	b->ntopics++;
	return TEND_OK;
}

static int
add_question(struct build *b, struct tend_question *q, const cJSON *o,
    size_t index)
{
	int kind, role, rc;

	if ((rc = cb_begin_entry(b, o, "question", index, question_keys,
	    NELEM(question_keys))) != TEND_OK ||
	    (rc = cb_new_id(b, o, NS_QUESTION, q, &q->id)) != TEND_OK)
		return rc;
	if ((rc = cb_get_text(b, o, "text", QUESTION_MAX, 1, &q->text)) !=
	    TEND_OK ||
	    (rc = cb_get_choice(b, o, "kind", 1, kind_names, NELEM(kind_names),
	    "text, scale or yesno", &kind)) != TEND_OK ||
	    (rc = cb_get_text(b, o, "hint", HINT_MAX, 0, &q->hint)) !=
	    TEND_OK ||
	    (rc = cb_get_choice(b, o, "role", 0, role_names, NELEM(role_names),
	    "appreciation, struggle or connection", &role)) != TEND_OK ||
	    (rc = cb_get_source(b, o, &q->source)) != TEND_OK)
		return rc;
	q->kind = (enum tend_kind)kind;
	q->role = role >= 0 ? role_names[role] : NULL;
	/* tend stats charts the one connection rating: it must be unique. */
	if (role >= 0 && strcmp(role_names[role], "connection") == 0) {
		if (q->kind != TEND_KIND_SCALE)
			return cb_fail(b, "'role' connection needs kind scale");
		if (b->connection != NULL)
			return cb_fail(b, "'role': only one question may have "
			    "role connection, and '%s' has it",
			    b->connection->id);
		b->connection = q;
	}
	return TEND_OK;
}

static int
add_deck(struct build *b, const struct file *f, const cJSON *o,
    size_t index)
{
	struct tend_deck *d = &b->decks[b->ndecks];
	struct tend_question *qs;
	const cJSON *list, *e;
	size_t n, i;
	int rc;

	if ((rc = cb_begin_entry(b, o, "deck", index, deck_keys,
	    NELEM(deck_keys))) != TEND_OK ||
	    (rc = cb_new_id(b, o, NS_DECK, d, &d->id)) != TEND_OK)
		return rc;
	if ((rc = cb_get_text(b, o, "title", TITLE_MAX, 1, &d->title)) !=
	    TEND_OK ||
	    (rc = cb_get_text(b, o, "about", ABOUT_MAX, 1, &d->about)) !=
	    TEND_OK ||
	    (rc = cb_get_bool(b, o, "lookback", 0, &d->lookback)) != TEND_OK ||
	    (rc = cb_get_intimacy(b, o, 0, &d->intimacy)) != TEND_OK ||
	    (rc = cb_get_source(b, o, &d->source)) != TEND_OK ||
	    (rc = cb_get_array(b, o, "questions", &list, &n)) != TEND_OK)
		return rc;
	d->user = f->user;
	if ((qs = cb_arena_array(b->c, n, sizeof(*qs))) == NULL)
		return cb_nomem(b);
	d->questions = qs;
	b->parent = b->entry;
	for (i = 0, e = list->child; e != NULL; i++, e = e->next)
		if ((rc = add_question(b, &qs[i], e, i)) != TEND_OK)
			return rc;
	d->nquestions = n;
	memset(&b->parent, 0, sizeof(b->parent));
	b->ndecks++;
	return TEND_OK;
}

static int
add_tip(struct build *b, const struct file *f, const cJSON *o, size_t index)
{
	struct tend_tip *tip = &b->tips[b->ntips];
	const char *topic;
	char buf[48];
	int rc;

	(void)f;
	if ((rc = cb_begin_entry(b, o, "tip", index, tip_keys,
	    NELEM(tip_keys))) != TEND_OK ||
	    (rc = cb_new_id(b, o, NS_TIP, tip, &tip->id)) != TEND_OK)
		return rc;
	if ((rc = cb_get_name(b, o, "topic", 1, &topic)) != TEND_OK)
		return rc;
	if ((tip->topic = cb_id_find(&b->ids, NS_TOPIC, topic)) == NULL)
		return cb_fail(b, "'topic': unknown topic '%s'",
		    jsonin_shown(topic, buf));
	if ((rc = cb_get_text(b, o, "title", TITLE_MAX, 1, &tip->title)) !=
	    TEND_OK ||
	    (rc = cb_get_text(b, o, "body", BODY_MAX, 1, &tip->body)) !=
	    TEND_OK ||
	    (rc = cb_get_intimacy(b, o, 1, &tip->intimacy)) != TEND_OK ||
	    (rc = cb_get_source(b, o, &tip->source)) != TEND_OK)
		return rc;
	b->ntips++;
	return TEND_OK;
}

/*
 * A stage of a sequence (optional): the id of the experiment that must be
 * tried first.  It must come earlier, so that no sequence loops.
 */
static int
get_after(struct build *b, const cJSON *o, const char **out)
{
	const struct tend_experiment *e;
	const char *after;
	char buf[48];
	int rc;

	*out = NULL;
	if ((rc = cb_get_name(b, o, "after", 0, &after)) != TEND_OK ||
	    after == NULL)
		return rc;
	if ((e = cb_id_find(&b->ids, NS_EXPERIMENT, after)) == NULL)
		return cb_fail(b, "'after': no experiment '%s' before this one",
		    jsonin_shown(after, buf));
	*out = e->id;
	return TEND_OK;
}

static int
add_experiment(struct build *b, const struct file *f, const cJSON *o,
    size_t index)
{
	struct tend_experiment *x = &b->experiments[b->nexperiments];
	int rc;

	(void)f;
	if ((rc = cb_begin_entry(b, o, "experiment", index,
	    experiment_keys, NELEM(experiment_keys))) != TEND_OK ||
	    (rc = cb_new_id(b, o, NS_EXPERIMENT, x, &x->id)) != TEND_OK)
		return rc;
	if ((rc = cb_get_text(b, o, "title", TITLE_MAX, 1, &x->title)) !=
	    TEND_OK ||
	    (rc = cb_get_text(b, o, "how", HOW_MAX, 1, &x->how)) != TEND_OK ||
	    (rc = cb_get_text(b, o, "time", TIME_MAX, 1, &x->time)) !=
	    TEND_OK ||
	    (rc = cb_get_tags(b, o, "ruts", RUTS, "rut",
	    "boredom, sexless, fighting, general", &x->tags)) != TEND_OK ||
	    (rc = cb_get_tags(b, o, "blockers", BLOCKS, "blocker",
	    "distance, conflict, pressure, avoidance", &x->tags)) != TEND_OK ||
	    (rc = cb_get_intimacy(b, o, 1, &x->intimacy)) != TEND_OK ||
	    (rc = cb_get_source(b, o, &x->source)) != TEND_OK ||
	    (rc = cb_get_needs(b, o, &x->needs)) != TEND_OK ||
	    (rc = cb_get_text(b, o, "alternative", ALTERNATIVE_MAX, 0,
	    &x->alternative)) != TEND_OK ||
	    (rc = get_after(b, o, &x->after)) != TEND_OK)
		return rc;
	b->nexperiments++;
	return TEND_OK;
}

int (*const cb_adders[NKINDS])(struct build *, const struct file *,
    const cJSON *, size_t) = {
	[K_SOURCE] = add_source,
	[K_TOPIC] = add_topic,
	[K_DECK] = add_deck,
	[K_TIP] = add_tip,
	[K_EXPERIMENT] = add_experiment,
};

/* ---- The assessment --------------------------------------------------- */

/*
 * An outcome's kind follows from its id: the four rut types and the four
 * blockers have their bits, anything else is a concern.
 */
static int
add_outcome(struct build *b, const cJSON *o, size_t index,
    const char **requires)
{
	struct tend_outcome *oc = &b->outcomes[b->noutcomes];
	const cJSON *v;
	const char *want;
	int kind, rc;

	if ((rc = cb_begin_entry(b, o, "outcome", index, outcome_keys,
	    NELEM(outcome_keys))) != TEND_OK ||
	    (rc = cb_new_id(b, o, NS_OUTCOME, oc, &oc->id)) != TEND_OK)
		return rc;
	if ((rc = cb_get_choice(b, o, "kind", 1, outcome_kinds,
	    NELEM(outcome_kinds), "rut, blocker or concern", &kind)) !=
	    TEND_OK)
		return rc;
	oc->kind = outcome_kinds[kind];
	oc->tag = cb_tag_bit(oc->id);
	want = oc->tag & RUTS ? "rut" : oc->tag & BLOCKS ? "blocker" :
	    "concern";
	if (strcmp(oc->kind, want) != 0)
		return cb_fail(b, "'kind' must be %s for this id", want);
	if ((rc = cb_get_text(b, o, "title", TITLE_MAX, 1, &oc->title)) !=
	    TEND_OK ||
	    (rc = cb_get_text(b, o, "about", ABOUT_MAX, 1, &oc->about)) !=
	    TEND_OK)
		return rc;
	if ((v = cJSON_GetObjectItemCaseSensitive(o, "threshold")) == NULL)
		return cb_fail(b, "'threshold' is missing");
	if (!cJSON_IsNumber(v))
		return cb_fail(b, "'threshold' must be a number");
	/* Written so that a NaN fails too. */
	if (!(v->valuedouble > 0 && v->valuedouble <= 1))
		return cb_fail(b, "'threshold' must be above 0 and at most 1");
	oc->threshold = v->valuedouble;
	/* A statement's id, found once the statements are read. */
	if ((rc = cb_get_name(b, o, "requires", 0, requires)) != TEND_OK ||
	    (rc = cb_get_source(b, o, &oc->source)) != TEND_OK)
		return rc;
	b->noutcomes++;
	return TEND_OK;
}

/*
 * A statement's weights: an object from outcome ids to whole numbers 1 to
 * 3.  valueint saturates and truncates, so the double is checked.
 */
static int
get_weights(struct build *b, const cJSON *o, struct tend_statement *s)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "weights"), *e,
	    *p;
	const struct tend_outcome *oc;
	struct tend_weight *w;
	size_t n = 0;
	double d;
	char buf[48];

	if (v == NULL)
		return cb_fail(b, "'weights' is missing");
	if (!cJSON_IsObject(v))
		return cb_fail(b, "'weights' must be an object");
	for (e = v->child; e != NULL; e = e->next)
		n++;
	if (n == 0)
		return cb_fail(b, "'weights' is empty");
	if ((w = cb_arena_array(b->c, n, sizeof(*w))) == NULL)
		return cb_nomem(b);
	s->weights = w;
	for (e = v->child; e != NULL; e = e->next) {
		if (e->string == NULL || (oc = cb_id_find(&b->ids, NS_OUTCOME,
		    e->string)) == NULL)
			return cb_fail(b, "'weights': unknown outcome '%s'",
			    jsonin_shown(e->string, buf));
		for (p = v->child; p != e; p = p->next)
			if (strcmp(p->string, e->string) == 0)
				return cb_fail(b, "'weights': duplicate "
				    "key '%s'", oc->id);
		d = cJSON_IsNumber(e) ? e->valuedouble : 0;
		/* The range first: only then is the cast to int defined. */
		if (!(d >= 1 && d <= 3) || d != (double)(int)d)
			return cb_fail(b, "'weights': '%s' must be a whole "
			    "number from 1 to 3", oc->id);
		w[s->nweights].outcome = oc->id;
		w[s->nweights].weight = (int)d;
		s->nweights++;
	}
	return TEND_OK;
}

static int
add_statement(struct build *b, const cJSON *o, size_t index)
{
	struct tend_statement *s = &b->statements[b->nstatements];
	int rc;

	if ((rc = cb_begin_entry(b, o, "statement", index, statement_keys,
	    NELEM(statement_keys))) != TEND_OK ||
	    (rc = cb_new_id(b, o, NS_STATEMENT, s, &s->id)) != TEND_OK)
		return rc;
	if ((rc = cb_get_text(b, o, "text", STATEMENT_MAX, 1, &s->text)) !=
	    TEND_OK ||
	    (rc = get_weights(b, o, s)) != TEND_OK ||
	    (rc = cb_get_bool(b, o, "reverse", 1, &s->reverse)) != TEND_OK ||
	    (rc = cb_get_intimacy(b, o, 0, &s->intimacy)) != TEND_OK ||
	    (rc = cb_get_source(b, o, &s->source)) != TEND_OK)
		return rc;
	b->nstatements++;
	return TEND_OK;
}

/*
 * What an outcome requires (data/README.md, "Scoring"): a statement that
 * weights it, which must be agreed with for the outcome to fit.
 */
static int
resolve_requires(struct build *b, struct tend_outcome *oc, const char *name)
{
	const struct tend_statement *s;
	char buf[48];
	size_t k;

	b->entry.kind = "outcome";
	b->entry.id = oc->id;
	if ((s = cb_id_find(&b->ids, NS_STATEMENT, name)) == NULL)
		return cb_fail(b, "'requires': no statement '%s'",
		    jsonin_shown(name, buf));
	for (k = 0; k < s->nweights; k++)
		if (s->weights[k].outcome == oc->id) {
			oc->requires = s->id;
			return TEND_OK;
		}
	return cb_fail(b, "'requires': statement '%s' does not weight it",
	    s->id);
}

/*
 * The questionnaire: its scale, every rut type and blocker as an outcome,
 * and statements that weight each outcome at least twice, so that no
 * single answer decides a result (data/README.md, "Scoring").
 */
int
cb_build_assessment(struct build *b, const cJSON *root)
{
	struct tend_catalog *cat = &b->c->cat;
	const cJSON *list, *e;
	const char **requires;
	char field[16];
	size_t n, i, j, k, uses;
	int rc;

	cb_at_file(b, "assessment.json");
	if ((rc = cb_check_keys(b, root, assessment_keys,
	    NELEM(assessment_keys))) != TEND_OK ||
	    (rc = cb_get_text(b, root, "title", TITLE_MAX, 1,
	    &cat->assessment_title)) != TEND_OK ||
	    (rc = cb_get_text(b, root, "about", ABOUT_MAX, 1,
	    &cat->assessment_about)) != TEND_OK ||
	    (rc = cb_get_array(b, root, "scale", &list, &n)) != TEND_OK)
		return rc;
	if (n != NELEM(cat->scale))
		return cb_fail(b, "'scale' must hold exactly %zu labels",
		    NELEM(cat->scale));
	b->entry.kind = "scale";
	for (i = 0, e = list->child; e != NULL; i++, e = e->next) {
		if (snprintf(field, sizeof(field), "label %zu", i + 1) < 0)
			field[0] = '\0';
		if ((rc = cb_check_text(b, e, field, LABEL_MAX, &k)) != TEND_OK)
			return rc;
		if ((cat->scale[i] = cb_copy(b, e->valuestring, k)) == NULL)
			return cb_nomem(b);
	}

	cb_at_file(b, "assessment.json");
	if ((rc = cb_get_array(b, root, "outcomes", &list, &n)) != TEND_OK)
		return rc;
	if ((b->outcomes = cb_arena_array(b->c, n, sizeof(*b->outcomes))) ==
	    NULL || (requires = cb_arena_array(b->c, n, sizeof(*requires))) ==
	    NULL)
		return cb_nomem(b);
	for (i = 0, e = list->child; e != NULL; i++, e = e->next)
		if ((rc = add_outcome(b, e, i, &requires[i])) != TEND_OK)
			return rc;
	cb_at_file(b, "assessment.json");
	for (i = 0; cb_tag_name(i) != NULL; i++)
		if (cb_id_find(&b->ids, NS_OUTCOME, cb_tag_name(i)) == NULL)
			return cb_fail(b, "'outcomes': no outcome '%s'",
			    cb_tag_name(i));

	if ((rc = cb_get_array(b, root, "statements", &list, &n)) != TEND_OK)
		return rc;
	if ((b->statements = cb_arena_array(b->c, n, sizeof(*b->statements))) ==
	    NULL)
		return cb_nomem(b);
	for (i = 0, e = list->child; e != NULL; i++, e = e->next)
		if ((rc = add_statement(b, e, i)) != TEND_OK)
			return rc;
	for (i = 0; i < b->noutcomes; i++) {
		uses = 0;
		for (j = 0; j < b->nstatements; j++)
			for (k = 0; k < b->statements[j].nweights; k++)
				if (b->statements[j].weights[k].outcome ==
				    b->outcomes[i].id)
					uses++;
		if (uses < 2) {
			b->entry.kind = "outcome";
			b->entry.id = b->outcomes[i].id;
			return cb_fail(b, "weighted by %zu statement%s; at "
			    "least 2 are needed", uses, uses == 1 ? "" : "s");
		}
		if (requires[i] != NULL && (rc = resolve_requires(b,
		    &b->outcomes[i], requires[i])) != TEND_OK)
			return rc;
	}
	return TEND_OK;
}
