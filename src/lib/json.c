/*
 * json.c - the --json documents of tend's commands, built with cJSON so that every string is escaped as JSON requires.
 * Every cJSON_Create and Add result is checked: a NULL is out of memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tend-int.h"

static const char *const kind_names[] = {
	[TEND_KIND_TEXT] = "text",
	[TEND_KIND_SCALE] = "scale",
	[TEND_KIND_YESNO] = "yesno",
};

/* Add a string, or null for NULL; 0 when out of memory. */
static int
add_str(cJSON *o, const char *key, const char *v)
{
	return (v ? cJSON_AddStringToObject(o, key, v) :
	    cJSON_AddNullToObject(o, key)) != NULL;
}

static cJSON *
source_obj(const struct tend_source *s)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL || !add_str(o, "id", s->id) ||
	    !add_str(o, "title", s->title) || !add_str(o, "by", s->by)) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* Add a child object or array made by make; 0 when out of memory. */
static int
add_item(cJSON *o, const char *key, cJSON *item)
{
	if (item == NULL)
		return 0;
	if (key ? !cJSON_AddItemToObject(o, key, item) :
	    !cJSON_AddItemToArray(o, item)) {
		cJSON_Delete(item);
		return 0;
	}
	return 1;
}

/*
 * The length of the character at p when json_print_safe must escape it
 * (DEL, C1, bidi control; cJSON prints them raw), else 0.
 */
#define LEADS	"\x7f\xc2\xe2"	/* their first bytes */

static size_t
json_unsafe_len(const unsigned char *p)
{
	if (p[0] == 0x7f)
		return 1;
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
		return 2;
	if (p[0] == 0xe2 && ((p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae) ||
	    (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
		return 3;
	return 0;
}

/* Print o into *out and delete it; TEND_ENOMEM with the message. */
static int
finish(struct tend *t, cJSON *o, int ok, char **out)
{
	*out = ok ? json_print_safe(o) : NULL;
	cJSON_Delete(o);
	if (*out == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	return TEND_OK;
}

/* A tip as tend tip --json prints it, or NULL when out of memory. */
static cJSON *
tip_obj(const struct tend_tip *tip)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL || !add_str(o, "id", tip->id) ||
	    !add_str(o, "topic", tip->topic->id) ||
	    !add_str(o, "title", tip->title) || !add_str(o, "body", tip->body) ||
	    !add_str(o, "intimacy", tend_intimacy_name(tip->intimacy)) ||
	    !add_item(o, "source", source_obj(tip->source))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

int
tend_tip_json(struct tend *t, const struct tend_tip *tip, char **out)
{
	cJSON *o = tip_obj(tip);

	return finish(t, o, o != NULL, out);
}

int
tend_topics_json(struct tend *t, char **out)
{
	const struct tend_catalog *cat;
	cJSON *a, *e;
	size_t i;
	int rc, ok;

	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	ok = (a = cJSON_CreateArray()) != NULL;
	for (i = 0; ok && i < cat->ntopics; i++)
		ok = (e = cJSON_CreateObject()) != NULL && add_item(a, NULL, e) &&
		    add_str(e, "id", cat->topics[i].id) &&
		    add_str(e, "title", cat->topics[i].title);
	return finish(t, a, ok, out);
}

static cJSON *
deck_obj(const struct tend_deck *d, int with_questions)
{
	const struct tend_question *q;
	cJSON *o, *qs = NULL, *e;
	size_t i;
	int ok;

	ok = (o = cJSON_CreateObject()) != NULL && add_str(o, "id", d->id) &&
	    add_str(o, "title", d->title) && add_str(o, "about", d->about) &&
	    cJSON_AddBoolToObject(o, "lookback", d->lookback) != NULL &&
	    cJSON_AddBoolToObject(o, "user", d->user) != NULL &&
	    add_item(o, "source", source_obj(d->source));
	if (ok && !with_questions)
		ok = cJSON_AddNumberToObject(o, "questions",
		    (double)d->nquestions) != NULL;
	else if (ok)
		ok = (qs = cJSON_AddArrayToObject(o, "questions")) != NULL;
	for (i = 0; ok && with_questions && i < d->nquestions; i++) {
		q = &d->questions[i];
		ok = (e = cJSON_CreateObject()) != NULL &&
		    add_item(qs, NULL, e) && add_str(e, "id", q->id) &&
		    add_str(e, "text", q->text) &&
		    add_str(e, "kind", kind_names[q->kind]) &&
		    add_str(e, "hint", q->hint) && add_str(e, "role", q->role) &&
		    add_str(e, "source", q->source->id);
	}
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

int
tend_decks_json(struct tend *t, char **out)
{
	const struct tend_catalog *cat;
	cJSON *a;
	size_t i;
	int rc, ok;

	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	ok = (a = cJSON_CreateArray()) != NULL;
	/* Only the decks the intimacy setting allows, as tend_decks lists. */
	for (i = 0; ok && i < cat->ndecks; i++) {
		rc = tend_deck_check(t, &cat->decks[i]);
		if (rc == TEND_OK)
			ok = add_item(a, NULL, deck_obj(&cat->decks[i], 0));
		else if (rc != TEND_EINVAL) {
			cJSON_Delete(a);
			return rc;
		}
	}
	return finish(t, a, ok, out);
}

int
tend_deck_json(struct tend *t, const struct tend_deck *d, char **out)
{
	cJSON *o = deck_obj(d, 1);

	return finish(t, o, o != NULL, out);
}

int
tend_config_json(struct tend *t, char **out)
{
	const char *const *key;
	char *value = NULL;
	cJSON *o;
	int rc, ok;

	ok = (o = cJSON_CreateObject()) != NULL;
	for (key = tend_config_keys(); ok && *key != NULL; key++) {
		if ((rc = tend_config_get(t, *key, &value)) != TEND_OK) {
			cJSON_Delete(o);
			return rc;
		}
		ok = add_str(o, *key, value);
		free(value);
	}
	return finish(t, o, ok, out);
}

int
tend_status_json(struct tend *t, const struct tend_status *sp,
    const struct tend_partner_notes *p, size_t n, char **out)
{
	const struct tend_status s = *sp;
	size_t i;
	cJSON *o, *arr, *e, *x, *nt;
	int ok, none;

	*out = NULL;
	none = s.experiment == TEND_EXPERIMENT_NONE;
	ok = (o = cJSON_CreateObject()) != NULL && add_str(o, "week", s.week) &&
	    add_str(o, "deck", s.deck) &&
	    add_str(o, "checkin", tend_checkin_state_name(s.checkin)) &&
	    (s.days_since < 0 ? cJSON_AddNullToObject(o, "days_since_last") :
	    cJSON_AddNumberToObject(o, "days_since_last", s.days_since)) !=
	    NULL &&
	    add_str(o, "last_week", s.last_week[0] ? s.last_week : NULL) &&
	    (x = cJSON_AddObjectToObject(o, "experiment")) != NULL &&
	    add_str(x, "state", tend_experiment_state_name(s.experiment)) &&
	    add_str(x, "item", none ? NULL : s.experiment_item) &&
	    add_str(x, "title", none ? NULL : s.experiment_title) &&
	    add_str(x, "week", none ? NULL : s.experiment_week) &&
	    cJSON_AddNumberToObject(o, "streak", s.streak) != NULL &&
	    cJSON_AddNumberToObject(o, "longest_streak", s.longest) != NULL &&
	    (arr = cJSON_AddArrayToObject(o, "partners")) != NULL;
	for (i = 0; ok && i < n; i++)
		ok = (e = cJSON_CreateObject()) != NULL &&
		    add_item(arr, NULL, e) && add_str(e, "id", p[i].uuid) &&
		    add_str(e, "name", p[i].name) &&
		    cJSON_AddBoolToObject(e, "answered", p[i].answered) !=
		    NULL &&
		    (nt = cJSON_AddObjectToObject(e, "notes")) != NULL &&
		    cJSON_AddNumberToObject(nt, "sent", p[i].sent) != NULL &&
		    cJSON_AddNumberToObject(nt, "received", p[i].received) !=
		    NULL;
	return finish(t, o, ok, out);
}

int
tend_notes_json(struct tend *t, const struct tend_note *list, size_t n,
    char **out)
{
	cJSON *a, *e;
	size_t i;
	int ok;

	ok = (a = cJSON_CreateArray()) != NULL;
	for (i = 0; ok && i < n; i++)
		ok = (e = cJSON_CreateObject()) != NULL && add_item(a, NULL, e) &&
		    add_str(e, "id", list[i].uuid) &&
		    add_str(e, "short", list[i].id) &&
		    add_str(e, "from", list[i].from) &&
		    add_str(e, "to", list[i].to) &&
		    add_str(e, "text", list[i].text) &&
		    add_str(e, "created", list[i].created) &&
		    add_str(e, "week", list[i].week);
	return finish(t, a, ok, out);
}

int
tend_changes_json(struct tend *t, const struct tend_change *list, size_t n,
    char **out)
{
	cJSON *a, *e;
	size_t i;
	int ok;

	ok = (a = cJSON_CreateArray()) != NULL;
	for (i = 0; ok && i < n; i++)
		ok = (e = cJSON_CreateObject()) != NULL && add_item(a, NULL, e) &&
		    cJSON_AddNumberToObject(e, "id", (double)list[i].id) !=
		    NULL &&
		    add_str(e, "at", list[i].at) &&
		    add_str(e, "what", list[i].what) &&
		    cJSON_AddBoolToObject(e, "kept", list[i].kept) != NULL;
	return finish(t, a, ok, out);
}

/* What an experiment assumes, as names: ["together", "walk"]. */
static cJSON *
needs_array(unsigned needs)
{
	cJSON *a = cJSON_CreateArray();
	const char *name;
	unsigned bit;

	for (bit = 1; a != NULL && bit != 0 && bit <= needs; bit <<= 1) {
		name = (needs & bit) ? tend_need_name(bit) : NULL;
		if (name != NULL &&
		    !add_item(a, NULL, cJSON_CreateString(name))) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

/* A week's experiment, with what the catalogue says of its item. */
static cJSON *
week_experiment_obj(const struct tend_catalog *cat,
    const struct tend_week_experiment *x)
{
	const struct tend_experiment *e = tend_find_experiment(cat, x->item);
	cJSON *o = cJSON_CreateObject();
	int ok;

	ok = o != NULL && add_str(o, "week", x->week) &&
	    add_str(o, "id", x->uuid) && add_str(o, "item", x->item) &&
	    add_str(o, "title", x->title) &&
	    add_str(o, "how", e != NULL ? e->how : NULL) &&
	    add_str(o, "time", e != NULL ? e->time : NULL) &&
	    add_str(o, "intimacy", e != NULL ?
	    tend_intimacy_name(e->intimacy) : NULL) &&
	    (e != NULL ? add_item(o, "source", source_obj(e->source)) :
	    cJSON_AddNullToObject(o, "source") != NULL) &&
	    (e != NULL ? add_item(o, "needs", needs_array(e->needs)) :
	    cJSON_AddNullToObject(o, "needs") != NULL) &&
	    add_str(o, "alternative", e != NULL ? e->alternative : NULL) &&
	    add_str(o, "outcome", x->outcome) &&
	    (x->felt > 0 ? cJSON_AddNumberToObject(o, "felt", x->felt) :
	    cJSON_AddNullToObject(o, "felt")) != NULL &&
	    add_str(o, "reflection", x->reflection) &&
	    cJSON_AddBoolToObject(o, "replaced", x->replaced) != NULL;
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

int
tend_experiment_json(struct tend *t, const struct tend_week_experiment *x,
    char **out)
{
	const struct tend_catalog *cat;
	cJSON *o;
	int rc;

	*out = NULL;
	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	o = week_experiment_obj(cat, x);
	return finish(t, o, o != NULL, out);
}

int
tend_experiment_list_json(struct tend *t,
    const struct tend_week_experiment *list, size_t n, char **out)
{
	const struct tend_catalog *cat;
	cJSON *a;
	size_t i;
	int rc, ok;

	*out = NULL;
	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	ok = (a = cJSON_CreateArray()) != NULL;
	for (i = 0; ok && i < n; i++)
		ok = add_item(a, NULL, week_experiment_obj(cat, &list[i]));
	return finish(t, a, ok, out);
}

/* A catalogue experiment, its rut types and blockers named. */
static cJSON *
experiment_obj(const struct tend_catalog *cat, const struct tend_experiment *e)
{
	cJSON *o, *ruts = NULL, *blockers = NULL;
	size_t i;
	int ok;

	ok = (o = cJSON_CreateObject()) != NULL && add_str(o, "id", e->id) &&
	    add_str(o, "title", e->title) && add_str(o, "how", e->how) &&
	    add_str(o, "time", e->time) &&
	    add_str(o, "intimacy", tend_intimacy_name(e->intimacy)) &&
	    (ruts = cJSON_AddArrayToObject(o, "ruts")) != NULL &&
	    (blockers = cJSON_AddArrayToObject(o, "blockers")) != NULL &&
	    add_item(o, "source", source_obj(e->source));
	for (i = 0; ok && i < cat->noutcomes; i++)
		if (cat->outcomes[i].tag & e->tags)
			ok = add_item(strcmp(cat->outcomes[i].kind, "rut") == 0 ?
			    ruts : blockers, NULL,
			    cJSON_CreateString(cat->outcomes[i].id));
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/*
 * A result's "fits" and "outcomes" into o; in a view's together, each
 * outcome's "fits_for" too: the names of the partners whose result it
 * fits, from names (NULL, for one answered together: none).
 */
static int
add_result(cJSON *o, const struct tend_assessment *a, int together,
    const struct tend_partner *names)
{
	const struct tend_score *s;
	cJSON *fits, *list, *e, *who;
	size_t i, p;
	int ok;

	ok = (fits = cJSON_AddArrayToObject(o, "fits")) != NULL &&
	    (list = cJSON_AddArrayToObject(o, "outcomes")) != NULL;
	for (i = 0; ok && i < a->nscores; i++) {
		s = &a->scores[i];
		if (s->fits)
			ok = add_item(fits, NULL,
			    cJSON_CreateString(s->outcome->id));
		ok = ok && (e = cJSON_CreateObject()) != NULL &&
		    add_item(list, NULL, e) && add_str(e, "id", s->outcome->id) &&
		    add_str(e, "kind", s->outcome->kind) &&
		    add_str(e, "title", s->outcome->title) &&
		    add_str(e, "about", s->outcome->about) &&
		    cJSON_AddNumberToObject(e, "score", s->score) != NULL &&
		    cJSON_AddNumberToObject(e, "threshold",
		    s->outcome->threshold) != NULL &&
		    cJSON_AddBoolToObject(e, "fits", s->fits) != NULL;
		if (ok && together) {
			ok = (who = cJSON_AddArrayToObject(e, "fits_for")) !=
			    NULL;
			for (p = 0; ok && names != NULL && p < 32 &&
			    s->fits_for >> p; p++)
				if (s->fits_for & (1u << p))
					ok = add_item(who, NULL,
					    cJSON_CreateString(names[p].name));
		}
	}
	return ok;
}

int
tend_assess_view_json(struct tend *t, const struct tend_assess_view *v,
    char **out)
{
	const struct tend_catalog *cat;
	const struct tend_assessment *a = &v->together;
	struct tend_suggestions sg;
	cJSON *o, *list = NULL, *e, *x, *tips = NULL, *exps = NULL;
	size_t i;
	int rc, ok;

	*out = NULL;
	memset(&sg, 0, sizeof(sg));
	if ((rc = tend_catalog(t, &cat)) != TEND_OK ||
	    (a->taken[0] && (rc = tend_assess_suggest(t, a, &sg)) != TEND_OK))
		return rc;
	ok = (o = cJSON_CreateObject()) != NULL &&
	    cJSON_AddBoolToObject(o, "complete", v->complete) != NULL &&
	    (list = cJSON_AddArrayToObject(o, "partners")) != NULL;
	for (i = 0; ok && i < v->np; i++) {
		ok = (e = cJSON_CreateObject()) != NULL &&
		    add_item(list, NULL, e) &&
		    add_str(e, "name", v->partners[i].name) &&
		    cJSON_AddBoolToObject(e, "answered", v->done[i]) != NULL &&
		    cJSON_AddBoolToObject(e, "hidden", v->done[i] &&
		    !v->shown[i]) != NULL;
		if (ok && v->shown[i])
			ok = add_str(e, "taken", v->each[i].taken) &&
			    add_result(e, &v->each[i], 0, NULL);
		else if (ok)
			ok = add_str(e, "taken", NULL) &&
			    cJSON_AddNullToObject(e, "fits") != NULL &&
			    cJSON_AddNullToObject(e, "outcomes") != NULL;
	}
	if (ok && !a->taken[0])
		ok = cJSON_AddNullToObject(o, "together") != NULL;
	else if (ok)
		ok = (x = cJSON_AddObjectToObject(o, "together")) != NULL &&
		    add_str(x, "taken", a->taken) &&
		    cJSON_AddBoolToObject(x, "shared", v->legacy) != NULL &&
		    cJSON_AddBoolToObject(x, "concern", a->concern) != NULL &&
		    add_result(x, a, 1, v->legacy ? NULL : v->partners) &&
		    (tips = cJSON_AddArrayToObject(x, "tips")) != NULL &&
		    (exps = cJSON_AddArrayToObject(x, "experiments")) != NULL;
	for (i = 0; ok && tips != NULL && i < sg.ntips; i++)
		ok = add_item(tips, NULL, tip_obj(sg.tips[i]));
	for (i = 0; ok && exps != NULL && i < sg.nexperiments; i++)
		ok = add_item(exps, NULL, experiment_obj(cat, sg.experiments[i]));
	return finish(t, o, ok, out);
}

const char *
tend_cjson_version(void)
{
	return cJSON_Version();
}

int
tend_history_json(struct tend *t, const struct tend_checkin_row *rows,
    size_t n, char **out)
{
	cJSON *a, *e, *r, *x;
	size_t i, j;
	int ok;

	*out = NULL;
	ok = (a = cJSON_CreateArray()) != NULL;
	for (i = 0; ok && i < n; i++) {
		ok = (e = cJSON_CreateObject()) != NULL && add_item(a, NULL, e) &&
		    add_str(e, "week", rows[i].week) &&
		    add_str(e, "deck", rows[i].deck) &&
		    add_str(e, "state", tend_checkin_state_name(rows[i].state)) &&
		    cJSON_AddBoolToObject(e, "hidden", rows[i].hidden) != NULL &&
		    (r = cJSON_AddArrayToObject(e, "ratings")) != NULL;
		for (j = 0; ok && j < rows[i].nratings; j++)
			ok = (x = cJSON_CreateObject()) != NULL &&
			    add_item(r, NULL, x) &&
			    add_str(x, "partner", rows[i].names[j]) &&
			    cJSON_AddBoolToObject(x, "answered",
			    rows[i].done[j]) != NULL &&
			    (rows[i].ratings[j] ? cJSON_AddNumberToObject(x,
			    "rating", rows[i].ratings[j]) :
			    cJSON_AddNullToObject(x, "rating")) != NULL;
	}
	return finish(t, a, ok, out);
}

/* One answer for the JSON of a check-in, hidden ones without a value. */
static int
add_answer(cJSON *answers, const struct tend_checkin *ck, size_t q, size_t p,
    const char *name, int visible)
{
	const char *value = NULL;
	enum tend_slot s = tend_checkin_slot(ck, q, p, &value);
	cJSON *x;

	return (x = cJSON_CreateObject()) != NULL &&
	    add_item(answers, NULL, x) && add_str(x, "partner", name) &&
	    add_str(x, "value", visible ? value : NULL) &&
	    cJSON_AddBoolToObject(x, "skipped", visible &&
	    s == TEND_SLOT_SKIPPED) != NULL &&
	    cJSON_AddBoolToObject(x, "hidden", !visible) != NULL;
}

int
tend_checkin_json(struct tend_checkin *ck, const char *viewer, char **out)
{
	const struct tend_deck *d = tend_checkin_deck(ck);
	const struct tend_partner *p;
	cJSON *o, *names, *qs, *e, *answers;
	size_t np, q, i;
	int ok;

	p = tend_checkin_partners(ck, &np);
	ok = (o = cJSON_CreateObject()) != NULL &&
	    add_str(o, "week", tend_checkin_week(ck)) &&
	    add_str(o, "deck", d->id) &&
	    add_str(o, "state", tend_checkin_complete(ck, (size_t)-1) ?
	    "done" : "in progress") &&
	    (names = cJSON_AddArrayToObject(o, "partners")) != NULL &&
	    (qs = cJSON_AddArrayToObject(o, "questions")) != NULL;
	for (i = 0; ok && i < np; i++)
		ok = add_item(names, NULL, cJSON_CreateString(p[i].name));
	for (q = 0; ok && q < d->nquestions; q++) {
		ok = (e = cJSON_CreateObject()) != NULL && add_item(qs, NULL, e) &&
		    add_str(e, "id", d->questions[q].id) &&
		    add_str(e, "text", d->questions[q].text) &&
		    add_str(e, "kind", kind_names[d->questions[q].kind]) &&
		    (answers = cJSON_AddArrayToObject(e, "answers")) != NULL;
		for (i = 0; ok && i < np; i++)
			ok = add_answer(answers, ck, q, i, p[i].name,
			    tend_checkin_visible(ck, viewer, i));
	}
	return finish(checkin_tend(ck), o, ok, out);
}

int
tend_search_json(struct tend *t, const struct tend_hit *list, size_t n,
    char **out)
{
	cJSON *a, *e;
	size_t i;
	int ok;

	ok = (a = cJSON_CreateArray()) != NULL;
	for (i = 0; ok && i < n; i++)
		ok = (e = cJSON_CreateObject()) != NULL && add_item(a, NULL, e) &&
		    add_str(e, "kind", tend_hit_kind_name(list[i].kind)) &&
		    add_str(e, "id", list[i].uuid) &&
		    add_str(e, "week", list[i].week) &&
		    add_str(e, "created", list[i].created) &&
		    add_str(e, "from", list[i].from) &&
		    add_str(e, "to", list[i].to) &&
		    add_str(e, "question", list[i].question) &&
		    add_str(e, "snippet", list[i].snippet);
	return finish(t, a, ok, out);
}

int
tend_stats_json(struct tend *t, const struct tend_stats *s, char **out)
{
	const struct tend_stats_partner *p;
	cJSON *o, *x, *weeks = NULL, *arr = NULL, *e, *nt, *c;
	size_t i, w;
	int ok;

	ok = (o = cJSON_CreateObject()) != NULL && add_str(o, "week", s->week) &&
	    cJSON_AddNumberToObject(o, "streak", s->streak) != NULL &&
	    cJSON_AddNumberToObject(o, "longest_streak", s->longest) != NULL &&
	    cJSON_AddNumberToObject(o, "checkins", s->checkins) != NULL &&
	    cJSON_AddNumberToObject(o, "hidden", s->hidden) != NULL &&
	    cJSON_AddNumberToObject(o, "notes", s->notes) != NULL &&
	    cJSON_AddNumberToObject(o, "appreciations", s->appreciations) !=
	    NULL &&
	    cJSON_AddNumberToObject(o, "struggles", s->struggles) != NULL &&
	    (s->struggles > 0 ? cJSON_AddNumberToObject(o, "ratio",
	    (double)s->appreciations / s->struggles) :
	    cJSON_AddNullToObject(o, "ratio")) != NULL &&
	    (x = cJSON_AddObjectToObject(o, "experiments")) != NULL &&
	    cJSON_AddNumberToObject(x, "tried", s->tried) != NULL &&
	    cJSON_AddNumberToObject(x, "skipped", s->skipped) != NULL &&
	    (s->felt_count > 0 ? cJSON_AddNumberToObject(x, "felt_average",
	    s->felt_average) : cJSON_AddNullToObject(x, "felt_average")) !=
	    NULL &&
	    cJSON_AddNumberToObject(x, "felt_count", s->felt_count) != NULL &&
	    (weeks = cJSON_AddArrayToObject(o, "weeks")) != NULL &&
	    (arr = cJSON_AddArrayToObject(o, "partners")) != NULL;
	for (w = 0; ok && w < s->nweeks; w++)
		ok = add_item(weeks, NULL, cJSON_CreateString(s->weeks[w]));
	for (i = 0; ok && i < s->npartners; i++) {
		p = &s->partners[i];
		ok = (e = cJSON_CreateObject()) != NULL &&
		    add_item(arr, NULL, e) && add_str(e, "id", p->uuid) &&
		    add_str(e, "name", p->name) &&
		    (nt = cJSON_AddObjectToObject(e, "notes")) != NULL &&
		    cJSON_AddNumberToObject(nt, "sent", p->sent) != NULL &&
		    cJSON_AddNumberToObject(nt, "received", p->received) !=
		    NULL &&
		    (c = cJSON_AddArrayToObject(e, "connection")) != NULL;
		for (w = 0; ok && w < s->nweeks; w++)
			ok = add_item(c, NULL, p->ratings[w] > 0 ?
			    cJSON_CreateNumber(p->ratings[w]) :
			    cJSON_CreateNull());
	}
	return finish(t, o, ok, out);
}

/*
 * cJSON_PrintUnformatted, with what cJSON leaves raw in strings and a
 * terminal would act on written as \u escapes: DEL, the C1 controls
 * U+0080-U+009F and the bidi controls U+202A-U+202E, U+2066-U+2069.  Only
 * strings hold non-ASCII bytes in cJSON's output, so the result is the same
 * JSON.  NULL when out of memory.
 */
char *
json_print_safe(const cJSON *o)
{
	char *s, *r, *q;
	const unsigned char *p;
	size_t extra = 0, k;

	if ((s = cJSON_PrintUnformatted(o)) == NULL)
		return NULL;
	/*
	 * Every such character starts with one of these bytes: strpbrk skips
	 * the text between them many bytes at a time, and export prints
	 * every record through here (a quarter of its time went to a byte by
	 * byte scan).
	 */
	for (p = (const unsigned char *)s;
	    (p = (const unsigned char *)strpbrk((const char *)p, LEADS)) !=
	    NULL; p += k) {
		k = json_unsafe_len(p);
		extra += k ? 6 - k : 0;
		k = k ? k : 1;
	}
	if (extra == 0)
		return s;
	if ((r = q = malloc(strlen(s) + extra + 1)) == NULL) {
		free(s);
		return NULL;
	}
	for (p = (const unsigned char *)s; *p != '\0'; p += k) {
		if ((k = json_unsafe_len(p)) == 0) {
			*q++ = (char)*p;
			k = 1;
			continue;
		}
		q += sprintf(q, "\\u%04x", k == 1 ? 0x7fu : k == 2 ?
		    (unsigned)(p[1] & 0x3f) | 0x80u :
		    (unsigned)(p[0] & 0x0f) << 12 | (unsigned)(p[1] & 0x3f) << 6 |
		    (unsigned)(p[2] & 0x3f));
	}
	*q = '\0';
	free(s);
	return r;
}
