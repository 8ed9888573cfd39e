/*
 * test-content.c - the catalogue (src/lib/content.c, catalog.c): the
 * built-in content loads and keeps data/README.md's promises, the one
 * generated at build time equals the one parsed from the JSON and is used
 * without parsing, a user's content.json adds to it, and every way a
 * content file can be wrong is refused with a message naming the file, the
 * entry and the field.
 *
 * Bad content goes through the user's file: the built-in files pass
 * through the same validator, and the user's file is the one a person can
 * get wrong.  JSON is written with ' for " to keep it readable (Q()).
 */
#include <sys/stat.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend-int.h"
#include "fixture.h"

/* JSON with ' for ", malloc'd. */
static char *
Q(const char *s)
{
	char *p = strdup(s), *q;

	assert_non_null(p);
	for (q = p; *q != '\0'; q++)
		if (*q == '\'')
			*q = '"';
	return p;
}

/* Write n bytes as the user's content.json in the test's fix_tmpdir. */
static void
write_user(void **state, const char *text, size_t n)
{
	char *path = NULL;
	FILE *f;

	assert_true(asprintf(&path, "%s/content.json", (char *)*state) > 0);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(text, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	free(path);
}

/* A handle whose config folder is the test's; the load's code in *rc. */
static struct tend *
load(void **state, const struct tend_catalog **cat, int *rc)
{
	struct tend *t = tend_new();

	assert_non_null(t);
	assert_int_equal(tend_set_config_dir(t, *state), TEND_OK);
	*rc = tend_catalog(t, cat);
	return t;
}

/* The user's file holds json (with ' for "): it must fail with want. */
static void
refused_raw(void **state, const char *text, size_t n, const char *want)
{
	const struct tend_catalog *cat = (void *)1;
	struct tend *t;
	int rc;

	write_user(state, text, n);
	t = load(state, &cat, &rc);
	if (rc != TEND_ECONTENT || strcmp(tend_errmsg(t), want) != 0)
		fail_msg("for %s\n got %d '%s'\nwant %d '%s'", text, rc,
		    tend_errmsg(t), TEND_ECONTENT, want);
	assert_null(cat);
	tend_free(t);
}

static void
refused(void **state, const char *json, const char *want)
{
	char *text = Q(json);

	refused_raw(state, text, strlen(text), want);
	free(text);
}

static const struct tend_catalog *
accepted(void **state, const char *json, struct tend **t)
{
	const struct tend_catalog *cat = NULL;
	char *text = Q(json);
	int rc;

	write_user(state, text, strlen(text));
	*t = load(state, &cat, &rc);
	if (rc != TEND_OK)
		fail_msg("for %s\n got %d '%s'", text, rc, tend_errmsg(*t));
	free(text);
	assert_non_null(cat);
	return cat;
}

/* ---- The built-in catalogue ------------------------------------------- */

static void
test_builtin_counts(void **state)
{
	const struct tend_catalog *cat = NULL;
	struct tend *t = tend_new();
	size_t i, j, n, connection = 0;

	(void)state;
	assert_non_null(t);
	/* No config folder at all: built-in content only. */
	assert_int_equal(tend_catalog(t, &cat), TEND_OK);
	assert_non_null(cat);
	/* The five articles, and tend's own words, labelled as such. */
	assert_int_equal(cat->nsources, 6);
	assert_string_equal(cat->sources[5].id, "tend");
	assert_string_equal(cat->sources[5].title, "tend's own words");
	/* Every source has a short name for screens, no article's title. */
	for (i = 0; i < cat->nsources; i++) {
		assert_non_null(cat->sources[i].short_name);
		assert_true(strlen(cat->sources[i].short_name) <= 40);
		assert_string_not_equal(cat->sources[i].short_name,
		    cat->sources[i].title);
	}
	assert_string_equal(cat->sources[4].id, "dead-bedroom");
	assert_string_equal(cat->sources[4].short_name,
	    "Alma: Michelle Chaffardet, LMFT");
	assert_true(cat->ndecks >= 5);
	assert_true(cat->ntips >= 60);
	assert_true(cat->ntopics >= 10);
	assert_true(cat->nexperiments >= 40);
	assert_in_range(cat->nstatements, 10, 24);
	assert_int_equal(cat->noutcomes, 9);
	assert_non_null(cat->assessment_title);
	assert_non_null(cat->assessment_about);
	for (i = 0; i < 5; i++)
		assert_non_null(cat->scale[i]);
	assert_string_equal(cat->scale[0], "Strongly disagree");
	assert_string_equal(cat->scale[4], "Strongly agree");

	/* weekly first, with the look-back and the rating last. */
	assert_string_equal(cat->decks[0].id, "weekly");
	assert_true(cat->decks[0].lookback);
	assert_int_equal(cat->decks[0].user, 0);
	n = cat->decks[0].nquestions;
	assert_int_equal(n, 8);
	assert_string_equal(cat->decks[0].questions[n - 1].role, "connection");
	assert_int_equal(cat->decks[0].questions[n - 1].kind, TEND_KIND_SCALE);
	for (i = 0; i < cat->ndecks; i++) {
		assert_in_range(cat->decks[i].nquestions, 5, 9);
		assert_non_null(cat->decks[i].source);
		assert_int_equal(cat->decks[i].lookback, i == 0);
		for (j = 0; j < cat->decks[i].nquestions; j++) {
			assert_non_null(cat->decks[i].questions[j].hint);
			assert_non_null(cat->decks[i].questions[j].source);
			if (cat->decks[i].questions[j].role != NULL &&
			    strcmp(cat->decks[i].questions[j].role,
			    "connection") == 0)
				connection++;
		}
	}
	assert_int_equal(connection, 1);
	assert_ptr_equal(tend_find_deck(cat, "weekly"), &cat->decks[0]);
	assert_null(tend_find_deck(cat, "nope"));
	assert_non_null(tend_find_topic(cat, "communication"));
	assert_null(tend_find_topic(cat, "nope"));
	assert_null(tend_find_topic(NULL, "communication"));
	tend_free(t);
}

/* The promises of data/README.md beyond the schema. */
static void
test_builtin_promises(void **state)
{
	static const char *const outcomes[] = {
		"boredom", "sexless", "fighting", "general", "distance",
		"conflict", "pressure", "avoidance", "more-than-a-rut"
	};
	static const unsigned bits[] = {
		TEND_RUT_BOREDOM, TEND_RUT_SEXLESS, TEND_RUT_FIGHTING,
		TEND_RUT_GENERAL, TEND_BLOCK_DISTANCE, TEND_BLOCK_CONFLICT,
		TEND_BLOCK_PRESSURE, TEND_BLOCK_AVOIDANCE, 0
	};
	const struct tend_catalog *cat = NULL;
	struct tend *t = tend_new();
	size_t i, j, k, n, uses;

	(void)state;
	assert_int_equal(tend_catalog(t, &cat), TEND_OK);
	for (i = 0; i < 9; i++) {
		const struct tend_outcome *o = NULL;

		for (j = 0; j < cat->noutcomes; j++)
			if (strcmp(cat->outcomes[j].id, outcomes[i]) == 0)
				o = &cat->outcomes[j];
		assert_non_null(o);
		assert_int_equal(o->tag, bits[i]);
		assert_string_equal(o->kind, i < 4 ? "rut" : i < 8 ?
		    "blocker" : "concern");
		assert_true(o->threshold > 0 && o->threshold <= 1);
		/* Weighted by two statements or more. */
		uses = 0;
		for (j = 0; j < cat->nstatements; j++)
			for (k = 0; k < cat->statements[j].nweights; k++)
				if (strcmp(cat->statements[j].weights[k].
				    outcome, o->id) == 0) {
					assert_in_range(cat->statements[j].
					    weights[k].weight, 1, 3);
					uses++;
				}
		assert_true(uses >= 2);
		/*
		 * Only the sexless rut requires a statement: that someone
		 * wants more closeness (dead-bedroom: content with less is
		 * not a problem).
		 */
		if (strcmp(o->id, "sexless") == 0)
			assert_string_equal(o->requires,
			    "want-more-closeness");
		else
			assert_null(o->requires);
	}
	/* Every topic has three tips; every tip names a topic and source. */
	for (i = 0; i < cat->ntopics; i++) {
		n = 0;
		for (j = 0; j < cat->ntips; j++)
			if (cat->tips[j].topic == &cat->topics[i])
				n++;
		assert_true(n >= 3);
	}
	for (j = 0; j < cat->ntips; j++) {
		assert_non_null(cat->tips[j].topic);
		assert_non_null(cat->tips[j].source);
		assert_true(cat->tips[j].intimacy <= TEND_INTIMACY_SEXUAL);
	}
	/*
	 * Each rut and blocker has eight experiments that are not sexual,
	 * four of them without touch, so every setting gets variety.
	 */
	for (i = 0; i < 8; i++) {
		n = k = 0;
		for (j = 0; j < cat->nexperiments; j++) {
			if (!(cat->experiments[j].tags & bits[i]))
				continue;
			if (cat->experiments[j].intimacy != TEND_INTIMACY_SEXUAL)
				n++;
			if (cat->experiments[j].intimacy == TEND_INTIMACY_NONE)
				k++;
		}
		assert_true(n >= 8);
		assert_true(k >= 4);
	}
	/*
	 * An alternative is for the couples an assumption leaves out, and
	 * the walks, the bed and the shared home are marked (issue 11).
	 */
	for (j = 0; j < cat->nexperiments; j++)
		if (cat->experiments[j].alternative != NULL)
			assert_true(cat->experiments[j].needs != 0);
	for (i = 0; i < 4; i++) {
		n = 0;
		for (j = 0; j < cat->nexperiments; j++)
			if (cat->experiments[j].needs & 1u << i)
				n++;
		assert_non_null(tend_need_name(1u << i));
		assert_true(n >= 2);
	}
	assert_null(tend_need_name(0));
	assert_null(tend_need_name(1u << 4));
	tend_free(t);
}

/* Whether text speaks of sex in so many words. */
static int
says_sex(const char *text)
{
	return text != NULL && (strstr(text, "sex") != NULL ||
	    strstr(text, "Sex") != NULL);
}

/*
 * Sexual content is opt-in (issue 11): a deck or statement that speaks of
 * sex carries the level, the talk about intimacy above all, and the
 * assessment does not open with it.
 */
static void
test_builtin_levels(void **state)
{
	const struct tend_catalog *cat = NULL;
	const struct tend_deck *d;
	struct tend *t = tend_new();
	size_t i, j;

	(void)state;
	assert_int_equal(tend_catalog(t, &cat), TEND_OK);
	assert_int_equal(tend_find_deck(cat, "intimacy-talk")->intimacy,
	    TEND_INTIMACY_SEXUAL);
	assert_int_equal(tend_find_deck(cat, "weekly")->intimacy,
	    TEND_INTIMACY_NONE);
	for (i = 0; i < cat->ndecks; i++) {
		d = &cat->decks[i];
		if (says_sex(d->title) || says_sex(d->about))
			assert_int_equal(d->intimacy, TEND_INTIMACY_SEXUAL);
		for (j = 0; j < d->nquestions; j++)
			if (says_sex(d->questions[j].text) ||
			    says_sex(d->questions[j].hint))
				assert_int_equal(d->intimacy,
				    TEND_INTIMACY_SEXUAL);
	}
	for (i = 0; i < cat->nstatements; i++)
		if (says_sex(cat->statements[i].text))
			assert_int_equal(cat->statements[i].intimacy,
			    TEND_INTIMACY_SEXUAL);
	assert_int_equal(cat->statements[0].intimacy, TEND_INTIMACY_NONE);
	tend_free(t);
}

/* A deck is offered only within the journal's setting. */
static void
test_deck_allowed(void **state)
{
	static const char *const levels[] = { "none", "affection", "sexual" };
	struct fixture *f = *state;
	const struct tend_catalog *cat = NULL;
	const struct tend_deck *weekly, *talk, *apart;
	size_t i;

	assert_int_equal(tend_catalog(f->t, &cat), TEND_OK);
	weekly = tend_find_deck(cat, "weekly");
	talk = tend_find_deck(cat, "intimacy-talk");
	apart = tend_find_deck(cat, "emotional-distance");
	assert_int_equal(apart->intimacy, TEND_INTIMACY_AFFECTION);
	for (i = 0; i < 3; i++) {
		assert_int_equal(tend_config_set(f->t, "intimacy", levels[i]),
		    TEND_OK);
		assert_int_equal(tend_deck_allowed(f->t, weekly), 1);
		assert_int_equal(tend_deck_allowed(f->t, apart), i >= 1);
		assert_int_equal(tend_deck_allowed(f->t, talk), i == 2);
	}
	/* A setting tend cannot read shows no deck at all. */
	fix_poke(f->path, "UPDATE setting SET value = 'lots'"
	    " WHERE key = 'intimacy'");
	assert_int_equal(tend_deck_allowed(f->t, weekly), -1);
	assert_non_null(strstr(tend_errmsg(f->t), "intimacy"));
}

/* Loaded once: the second call gives the same catalogue. */
static void
test_loaded_once(void **state)
{
	const struct tend_catalog *a = NULL, *b = NULL;
	struct tend *t;
	int rc;

	t = load(state, &a, &rc);		/* no content.json: fine */
	assert_int_equal(rc, TEND_OK);
	assert_int_equal(tend_catalog(t, &b), TEND_OK);
	assert_ptr_equal(a, b);
	tend_free(t);
}

/* ---- The generated catalogue ------------------------------------------ */

/* Two strings alike, NULL included. */
static void
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

/* p and q point at the same place of their catalogue's arrays a and b. */
#define SAME_AT(p, a, q, b) do {					\
	assert_non_null(p);						\
	assert_non_null(q);						\
	assert_int_equal((p) - (a), (q) - (b));				\
} while (0)

/*
 * Every built-in entry of g (the generated catalogue) equal, field by field
 * and pointer target by pointer target, to the same entry of p (parsed
 * from the embedded JSON with a user file after it).
 */
static void
same_builtins(const struct tend_catalog *g, const struct tend_catalog *p)
{
	const struct tend_question *gq, *pq;
	const struct tend_statement *gs, *ps;
	size_t i, j, k;

	for (i = 0; i < g->nsources; i++) {
		same_str(g->sources[i].id, p->sources[i].id);
		same_str(g->sources[i].title, p->sources[i].title);
		same_str(g->sources[i].by, p->sources[i].by);
		same_str(g->sources[i].short_name, p->sources[i].short_name);
	}
	for (i = 0; i < g->ntopics; i++) {
		same_str(g->topics[i].id, p->topics[i].id);
		same_str(g->topics[i].title, p->topics[i].title);
	}
	for (i = 0; i < g->ndecks; i++) {
		same_str(g->decks[i].id, p->decks[i].id);
		same_str(g->decks[i].title, p->decks[i].title);
		same_str(g->decks[i].about, p->decks[i].about);
		assert_int_equal(g->decks[i].lookback, p->decks[i].lookback);
		assert_int_equal(g->decks[i].user, p->decks[i].user);
		assert_int_equal(g->decks[i].intimacy, p->decks[i].intimacy);
		SAME_AT(g->decks[i].source, g->sources, p->decks[i].source,
		    p->sources);
		assert_int_equal(g->decks[i].nquestions,
		    p->decks[i].nquestions);
		for (j = 0; j < g->decks[i].nquestions; j++) {
			gq = &g->decks[i].questions[j];
			pq = &p->decks[i].questions[j];
			same_str(gq->id, pq->id);
			same_str(gq->text, pq->text);
			same_str(gq->hint, pq->hint);
			same_str(gq->role, pq->role);
			assert_int_equal(gq->kind, pq->kind);
			SAME_AT(gq->source, g->sources, pq->source,
			    p->sources);
		}
	}
	for (i = 0; i < g->ntips; i++) {
		same_str(g->tips[i].id, p->tips[i].id);
		same_str(g->tips[i].title, p->tips[i].title);
		same_str(g->tips[i].body, p->tips[i].body);
		SAME_AT(g->tips[i].topic, g->topics, p->tips[i].topic,
		    p->topics);
		assert_int_equal(g->tips[i].intimacy, p->tips[i].intimacy);
		SAME_AT(g->tips[i].source, g->sources, p->tips[i].source,
		    p->sources);
	}
	for (i = 0; i < g->nexperiments; i++) {
		same_str(g->experiments[i].id, p->experiments[i].id);
		same_str(g->experiments[i].title, p->experiments[i].title);
		same_str(g->experiments[i].how, p->experiments[i].how);
		same_str(g->experiments[i].time, p->experiments[i].time);
		assert_int_equal(g->experiments[i].tags,
		    p->experiments[i].tags);
		assert_int_equal(g->experiments[i].intimacy,
		    p->experiments[i].intimacy);
		SAME_AT(g->experiments[i].source, g->sources,
		    p->experiments[i].source, p->sources);
		assert_int_equal(g->experiments[i].needs,
		    p->experiments[i].needs);
		same_str(g->experiments[i].alternative,
		    p->experiments[i].alternative);
		same_str(g->experiments[i].after, p->experiments[i].after);
	}
	same_str(g->assessment_title, p->assessment_title);
	same_str(g->assessment_about, p->assessment_about);
	for (i = 0; i < 5; i++)
		same_str(g->scale[i], p->scale[i]);
	assert_int_equal(g->noutcomes, p->noutcomes);
	for (i = 0; i < g->noutcomes; i++) {
		same_str(g->outcomes[i].id, p->outcomes[i].id);
		same_str(g->outcomes[i].title, p->outcomes[i].title);
		same_str(g->outcomes[i].about, p->outcomes[i].about);
		same_str(g->outcomes[i].kind, p->outcomes[i].kind);
		assert_int_equal(g->outcomes[i].tag, p->outcomes[i].tag);
		assert_true(g->outcomes[i].threshold ==
		    p->outcomes[i].threshold);
		same_str(g->outcomes[i].requires, p->outcomes[i].requires);
		SAME_AT(g->outcomes[i].source, g->sources,
		    p->outcomes[i].source, p->sources);
	}
	assert_int_equal(g->nstatements, p->nstatements);
	for (i = 0; i < g->nstatements; i++) {
		gs = &g->statements[i];
		ps = &p->statements[i];
		same_str(gs->id, ps->id);
		same_str(gs->text, ps->text);
		assert_int_equal(gs->reverse, ps->reverse);
		assert_int_equal(gs->intimacy, ps->intimacy);
		SAME_AT(gs->source, g->sources, ps->source, p->sources);
		assert_int_equal(gs->nweights, ps->nweights);
		for (j = 0; j < gs->nweights; j++) {
			assert_int_equal(gs->weights[j].weight,
			    ps->weights[j].weight);
			/* A weight's outcome is its outcome's very id. */
			for (k = 0; k < g->noutcomes; k++)
				if (gs->weights[j].outcome ==
				    g->outcomes[k].id)
					break;
			assert_true(k < g->noutcomes);
			assert_ptr_equal(ps->weights[j].outcome,
			    p->outcomes[k].id);
		}
	}
}

/*
 * Without a user file the catalogue is the one written at build time, the
 * same as content.c makes of the embedded JSON: compared with a load that
 * parses it, made to by a user file that adds one tip at the end.
 */
static void
test_generated_equals_parsed(void **state)
{
	const struct tend_catalog *g = NULL, *p = NULL;
	struct tend *t0 = tend_new(), *t;

	assert_non_null(t0);
	assert_int_equal(tend_catalog(t0, &g), TEND_OK);
	assert_ptr_equal(g, &builtin_catalog);
	p = accepted(state,
	    "{'tips': [{'id': 'one-more', 'topic': 'touch',"
	    "  'title': 'One more tip', 'body': 'Hold hands on the way.',"
	    "  'intimacy': 'affection', 'source': 'dead-bedroom'}]}", &t);
	assert_ptr_not_equal(p, g);
	assert_ptr_not_equal(p->tips, g->tips);
	assert_int_equal(p->nsources, g->nsources);
	assert_int_equal(p->ntopics, g->ntopics);
	assert_int_equal(p->ndecks, g->ndecks);
	assert_int_equal(p->ntips, g->ntips + 1);
	assert_string_equal(p->tips[g->ntips].id, "one-more");
	assert_int_equal(p->nexperiments, g->nexperiments);
	same_builtins(g, p);
	tend_free(t);
	tend_free(t0);
}

/*
 * Without a user file nothing is parsed: every handle, with no config
 * folder or one without content.json, is given the one generated catalogue.
 */
static void
test_generated_not_parsed(void **state)
{
	const struct tend_catalog *a = NULL, *b = NULL, *c = NULL;
	struct tend *ta = tend_new(), *tb = tend_new(), *tc;
	int rc;

	assert_non_null(ta);
	assert_non_null(tb);
	assert_int_equal(tend_catalog(ta, &a), TEND_OK);
	assert_int_equal(tend_set_config_dir(tb, "/nonexistent/tend"),
	    TEND_OK);
	assert_int_equal(tend_catalog(tb, &b), TEND_OK);
	tc = load(state, &c, &rc);		/* an empty folder */
	assert_int_equal(rc, TEND_OK);
	assert_ptr_equal(a, b);
	assert_ptr_equal(a, c);
	assert_ptr_equal(a, &builtin_catalog);
	assert_ptr_equal(a->tips, builtin_catalog.tips);
	assert_null(ta->content);
	assert_null(tc->content);
	tend_free(ta);
	tend_free(tb);
	tend_free(tc);
}

static void
test_intimacy_names(void **state)
{
	enum tend_intimacy i = TEND_INTIMACY_SEXUAL;

	(void)state;
	assert_string_equal(tend_intimacy_name(TEND_INTIMACY_NONE), "none");
	assert_string_equal(tend_intimacy_name(TEND_INTIMACY_AFFECTION),
	    "affection");
	assert_string_equal(tend_intimacy_name(TEND_INTIMACY_SEXUAL), "sexual");
	assert_int_equal(tend_intimacy_parse("none", &i), TEND_OK);
	assert_int_equal(i, TEND_INTIMACY_NONE);
	assert_int_equal(tend_intimacy_parse("affection", &i), TEND_OK);
	assert_int_equal(i, TEND_INTIMACY_AFFECTION);
	assert_int_equal(tend_intimacy_parse("sexual", &i), TEND_OK);
	assert_int_equal(i, TEND_INTIMACY_SEXUAL);
	assert_int_equal(tend_intimacy_parse("Sexual", &i), TEND_EINVAL);
	assert_int_equal(tend_intimacy_parse("", &i), TEND_EINVAL);
	assert_int_equal(tend_intimacy_parse(NULL, &i), TEND_EINVAL);
}

/* ---- User additions --------------------------------------------------- */

static void
test_user_additions(void **state)
{
	const struct tend_catalog *cat, *base;
	const struct tend_deck *d;
	const struct tend_topic *tp;
	struct tend *t, *t0 = tend_new();
	size_t i;

	assert_int_equal(tend_catalog(t0, &base), TEND_OK);
	cat = accepted(state,
	    "{'sources': [{'id': 'our-book', 'title': 'A book we like',"
	    "  'by': 'Someone'}],"
	    " 'topics': [{'id': 'money', 'title': 'Money'}],"
	    " 'decks': [{'id': 'sunday', 'title': 'Sunday questions',"
	    "  'about': 'A short deck for Sunday evenings.',"
	    "  'source': 'our-book', 'questions': ["
	    "   {'id': 'sunday-best', 'text': 'What was the best moment?',"
	    "    'kind': 'text', 'source': 'our-book'},"
	    "   {'id': 'sunday-rest', 'text': 'Did you rest?',"
	    "    'kind': 'yesno', 'hint': 'Be honest.', 'role': 'struggle',"
	    "    'source': 'first-thing'},"
	    "   {'id': 'sunday-scale', 'text': 'How calm do you feel?',"
	    "    'kind': 'scale', 'source': 'first-thing'}]},"
	    "  {'id': 'late', 'title': 'Late questions', 'about': 'In bed.',"
	    "  'intimacy': 'sexual', 'source': 'dead-bedroom', 'questions': ["
	    "   {'id': 'late-want', 'text': 'What would you like tonight?',"
	    "    'kind': 'text', 'source': 'dead-bedroom'}]}],"
	    " 'tips': [{'id': 'budget-date', 'topic': 'money',"
	    "  'title': 'Talk money on a walk',"
	    "  'body': 'Money talks go better side by side. Walk and talk.',"
	    "  'intimacy': 'none', 'source': 'our-book'},"
	    "  {'id': 'hold-on', 'topic': 'touch', 'title': 'Hold on',"
	    "  'body': 'Hold hands on the way home.',"
	    "  'intimacy': 'affection', 'source': 'dead-bedroom'}],"
	    " 'experiments': [{'id': 'coin-walk', 'title': 'Coin walk',"
	    "  'how': 'Flip a coin at each corner to pick the way.',"
	    "  'time': '30 minutes', 'ruts': ['boredom', 'general'],"
	    "  'blockers': ['distance'], 'intimacy': 'none',"
	    "  'source': 'relationship-rut', 'needs': ['walk', 'money'],"
	    "  'alternative': 'Roll a die at home to pick the evening.'},"
	    "  {'id': 'coin-walk-2', 'title': 'Coin walk again',"
	    "  'how': 'The same, the other way round.', 'time': '30 minutes',"
	    "  'ruts': [], 'blockers': [], 'intimacy': 'none',"
	    "  'source': 'relationship-rut', 'after': 'coin-walk'}]}",
	    &t);

	assert_int_equal(cat->nsources, base->nsources + 1);
	assert_int_equal(cat->ntopics, base->ntopics + 1);
	assert_int_equal(cat->ndecks, base->ndecks + 2);
	assert_int_equal(cat->ntips, base->ntips + 2);
	assert_int_equal(cat->nexperiments, base->nexperiments + 2);
	/* A stage of one's own follows the experiment it names. */
	assert_string_equal(tend_find_experiment(cat, "coin-walk-2")->after,
	    "coin-walk");
	assert_null(tend_find_experiment(cat, "coin-walk")->after);
	/* Built-in content first, untouched. */
	for (i = 0; i < base->ndecks; i++) {
		assert_string_equal(cat->decks[i].id, base->decks[i].id);
		assert_int_equal(cat->decks[i].user, 0);
	}

	assert_non_null(d = tend_find_deck(cat, "sunday"));
	assert_int_equal(d->user, 1);
	assert_int_equal(d->lookback, 0);
	assert_string_equal(d->source->id, "our-book");
	assert_string_equal(d->source->title, "A book we like");
	/* Without a short name, screens show the title. */
	assert_string_equal(d->source->short_name, "A book we like");
	assert_int_equal(d->nquestions, 3);
	assert_string_equal(d->questions[0].text, "What was the best moment?");
	assert_null(d->questions[0].hint);
	assert_null(d->questions[0].role);
	assert_int_equal(d->questions[1].kind, TEND_KIND_YESNO);
	assert_string_equal(d->questions[1].hint, "Be honest.");
	assert_string_equal(d->questions[1].role, "struggle");
	assert_int_equal(d->questions[2].kind, TEND_KIND_SCALE);
	/* Without the key a deck asks about nothing intimate. */
	assert_int_equal(d->intimacy, TEND_INTIMACY_NONE);
	assert_non_null(d = tend_find_deck(cat, "late"));
	assert_int_equal(d->intimacy, TEND_INTIMACY_SEXUAL);

	assert_non_null(tp = tend_find_topic(cat, "money"));
	assert_string_equal(tp->title, "Money");
	assert_string_equal(cat->tips[cat->ntips - 2].id, "budget-date");
	assert_ptr_equal(cat->tips[cat->ntips - 2].topic, tp);
	assert_ptr_equal(cat->tips[cat->ntips - 1].topic,
	    tend_find_topic(cat, "touch"));
	assert_int_equal(cat->tips[cat->ntips - 1].intimacy,
	    TEND_INTIMACY_AFFECTION);
	assert_string_equal(cat->experiments[cat->nexperiments - 2].id,
	    "coin-walk");
	assert_int_equal(cat->experiments[cat->nexperiments - 2].tags,
	    TEND_RUT_BOREDOM | TEND_RUT_GENERAL | TEND_BLOCK_DISTANCE);
	assert_int_equal(cat->experiments[cat->nexperiments - 2].needs,
	    TEND_NEED_WALK | TEND_NEED_MONEY);
	assert_string_equal(cat->experiments[cat->nexperiments - 2].
	    alternative, "Roll a die at home to pick the evening.");
	/* Without them an experiment assumes nothing and offers none. */
	assert_int_equal(cat->experiments[0].needs, base->experiments[0].needs);
	tend_free(t);
	tend_free(t0);
}

/*
 * An experiment may name no rut or no blocker: better none than a wrong
 * one that steers suggestions.
 */
static void
test_user_empty_tags(void **state)
{
	const struct tend_catalog *cat;
	struct tend *t;

	cat = accepted(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': [], 'blockers': [],"
	    " 'intimacy': 'none', 'source': 'first-thing'}]}", &t);
	assert_string_equal(cat->experiments[cat->nexperiments - 1].id, "e");
	assert_int_equal(cat->experiments[cat->nexperiments - 1].tags, 0);
	tend_free(t);
	cat = accepted(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': ['boredom'],"
	    " 'blockers': [], 'intimacy': 'none', 'source': 'first-thing'}]}",
	    &t);
	assert_int_equal(cat->experiments[cat->nexperiments - 1].tags,
	    TEND_RUT_BOREDOM);
	tend_free(t);
}

/* An empty object, and lists that are empty, add nothing. */
static void
test_user_empty(void **state)
{
	const struct tend_catalog *cat;
	struct tend *t;

	cat = accepted(state, "{}", &t);
	assert_int_equal(cat->nsources, 6);
	tend_free(t);
	cat = accepted(state, "\n{ 'tips': [], 'decks': [] }\n", &t);
	assert_int_equal(cat->nsources, 6);
	tend_free(t);
}

/* Lengths count characters: 72 two-byte characters fit a title. */
static void
test_user_limits_count_characters(void **state)
{
	char json[1024], title[400];
	const struct tend_catalog *cat;
	struct tend *t;
	size_t i;

	for (i = 0; i < 72; i++)
		memcpy(title + 2 * i, "\xc3\xa9", 2);		/* é */
	title[144] = '\0';
	snprintf(json, sizeof(json), "{'topics': [{'id': 'long',"
	    " 'title': 'Long'}], 'tips': [{'id': 'x', 'topic': 'long',"
	    " 'title': '%s', 'body': 'B.', 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}", title);
	cat = accepted(state, json, &t);
	assert_string_equal(cat->tips[cat->ntips - 1].title, title);
	tend_free(t);

	memcpy(title + 144, "\xc3\xa9", 3);			/* 73 */
	snprintf(json, sizeof(json), "{'tips': [{'id': 'x', 'topic': 'touch',"
	    " 'title': '%s', 'body': 'B.', 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}", title);
	refused(state, json,
	    "content.json: tip 'x': 'title' has 73 characters; the limit "
	    "is 72");
}

/* A file of exactly the bound loads; one byte more does not. */
static void
test_user_size_bound(void **state)
{
	size_t n = 1024 * 1024;
	char *text = malloc(n + 1);
	const struct tend_catalog *cat;
	struct tend *t;
	int rc;

	assert_non_null(text);
	memset(text, ' ', n + 1);
	memcpy(text, "{}", 2);
	write_user(state, text, n);
	t = load(state, &cat, &rc);
	assert_int_equal(rc, TEND_OK);
	tend_free(t);
	refused_raw(state, text, n + 1,
	    "content.json: the file is larger than 1 MiB");
	free(text);
}

/*
 * What a front end was handed from one catalogue (a deck an open check-in
 * asks from, a tip on screen) stays readable after the handle is pointed
 * at another folder: the catalogue it came from lives until tend_free.
 * Under ASan, reading it once freed is a use-after-free.
 */
static void
test_user_outlives_folder(void **state)
{
	const struct tend_catalog *cat = NULL, *again = NULL;
	const struct tend_deck *deck;
	char *text;
	int rc;
	struct tend *t;

	text = Q("{'decks': [{'id': 'ours', 'title': 'Ours', 'about': "
	    "'Ours.', 'source': 'first-thing', 'questions': [{'id': "
	    "'ours-good', 'kind': 'text', 'text': 'What was good?', "
	    "'source': 'first-thing'}]}]}");
	write_user(state, text, strlen(text));
	free(text);
	t = load(state, &cat, &rc);
	if (rc != TEND_OK)
		fail_msg("%s", tend_errmsg(t));
	deck = &cat->decks[cat->ndecks - 1];
	assert_string_equal(deck->id, "ours");
	assert_int_equal(tend_set_config_dir(t, "/nonexistent/tend"),
	    TEND_OK);
	assert_int_equal(tend_catalog(t, &again), TEND_OK);
	assert_ptr_not_equal(again, cat);
	assert_string_equal(deck->id, "ours");
	assert_string_equal(deck->questions[0].text, "What was good?");
	/* The same folder again: nothing is read or replaced. */
	assert_int_equal(tend_set_config_dir(t, "/nonexistent/tend"),
	    TEND_OK);
	assert_int_equal(tend_catalog(t, &cat), TEND_OK);
	assert_ptr_equal(cat, again);
	tend_free(t);
}

/* A failed load is not kept: once the file is fixed, it loads. */
static void
test_user_fixed(void **state)
{
	const struct tend_catalog *cat = NULL;
	struct tend *t;
	char *text;
	int rc;

	text = Q("{'tips': 3}");
	write_user(state, text, strlen(text));
	free(text);
	t = load(state, &cat, &rc);
	assert_int_equal(rc, TEND_ECONTENT);
	assert_string_equal(tend_errmsg(t),
	    "content.json: 'tips' must be an array");
	write_user(state, "{}", 2);
	assert_int_equal(tend_catalog(t, &cat), TEND_OK);
	assert_non_null(cat);
	/* Another folder, without the file: the catalogue is read again. */
	assert_int_equal(tend_set_config_dir(t, "/nonexistent/tend"),
	    TEND_OK);
	assert_int_equal(tend_catalog(t, &cat), TEND_OK);
	assert_int_equal(tend_set_config_dir(t, NULL), TEND_OK);
	assert_int_equal(tend_catalog(t, &cat), TEND_OK);
	tend_free(t);
}

static void
test_user_not_a_file(void **state)
{
	char *path = NULL, *want = NULL;
	const struct tend_catalog *cat;
	struct tend *t;
	int rc;

	assert_true(asprintf(&path, "%s/content.json", (char *)*state) > 0);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_true(asprintf(&want, "content.json: %s is not a regular file",
	    path) > 0);
	t = load(state, &cat, &rc);
	assert_int_equal(rc, TEND_ECONTENT);
	assert_string_equal(tend_errmsg(t), want);
	tend_free(t);
	free(want);
	free(path);
}

/* ---- Refusals: JSON --------------------------------------------------- */

static void
test_refuse_bad_json(void **state)
{
	/* Trailing garbage, which plain cJSON_Parse would accept. */
	refused(state, "{'tips': []} x",
	    "content.json: line 1: not valid JSON");
	refused(state, "{\n  'tips': []\n}\n\n{}\n",
	    "content.json: line 5: not valid JSON");
	/* Truncated: the line is where the text stops. */
	refused(state, "{\n  'tips': [\n    {'id': 'x',\n",
	    "content.json: line 4: not valid JSON");
	refused(state, "{\n  'tips': [\n    {'id': 'x'\n  ]\n}\n",
	    "content.json: line 4: not valid JSON");
	refused(state, "", "content.json: line 1: not valid JSON");
	refused(state, "{'tips': [],}", "content.json: line 1: not valid JSON");
	refused_raw(state, "{}\0{}", 5, "content.json: line 1: not valid JSON");
	refused_raw(state, "{\n}\n\0", 5,
	    "content.json: line 3: not valid JSON");
	refused(state, "[]",
	    "content.json: the file must hold one JSON object");
	refused(state, "'tips'",
	    "content.json: the file must hold one JSON object");
	/* cJSON cuts a string at \u0000 or a broken \u escape: refused. */
	refused(state, "{'tips': [{'id': 'x', 'topic': 'touch',\n"
	    " 'title': 'T', 'body': 'a\\u0000b', 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}",
	    "content.json: line 2: a string holds \\u0000 or a broken \\u "
	    "escape");
	refused(state, "{'tips': [{'id': 'x', 'topic': 'touch',"
	    " 'title': 'T', 'body': 'a\\uzzzzb', 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}",
	    "content.json: line 1: a string holds \\u0000 or a broken \\u "
	    "escape");
	refused(state, "{'ti\\u0000ps': []}",
	    "content.json: line 1: a string holds \\u0000 or a broken \\u "
	    "escape");
}

static void
test_accept_escapes(void **state)
{
	const struct tend_catalog *cat;
	struct tend *t;

	/* A good \u escape, and an escaped backslash before a u. */
	cat = accepted(state, "{'topics': [{'id': 'x',"
	    " 'title': '\\u00e9t\\u00e9 \\\\u0000'}]}", &t);
	assert_string_equal(cat->topics[cat->ntopics - 1].title,
	    "\xc3\xa9t\xc3\xa9 \\u0000");
	tend_free(t);
}

static void
test_refuse_keys(void **state)
{
	refused(state, "{'assessment': {}}",
	    "content.json: unknown key 'assessment'");
	refused(state, "{'Tips': []}", "content.json: unknown key 'Tips'");
	refused(state, "{'tips': [], 'tips': []}",
	    "content.json: duplicate key 'tips'");
	refused(state, "{'tips': [{'id': 'x', 'topic': 'touch', 'title': 'T',"
	    " 'body': 'B.', 'intimacy': 'none', 'source': 'first-thing',"
	    " 'color': 'red'}]}",
	    "content.json: tip 'x': unknown key 'color'");
	/* Keys are case-sensitive. */
	refused(state, "{'tips': [{'id': 'x', 'topic': 'touch', 'Title': 'T',"
	    " 'body': 'B.', 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: tip 'x': unknown key 'Title'");
	/* cJSON would keep both and use the first. */
	refused(state, "{'tips': [{'id': 'x', 'topic': 'touch', 'title': 'T',"
	    " 'body': 'B.', 'intimacy': 'none', 'source': 'first-thing',"
	    " 'body': 'Other.'}]}",
	    "content.json: tip 'x': duplicate key 'body'");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [{'id': 'q', 'text': 'Q?',"
	    " 'kind': 'text', 'source': 'first-thing', 'kind': 'scale'}]}]}",
	    "content.json: question 'q': duplicate key 'kind'");
	/* A hostile key is not echoed raw. */
	refused(state, "{'\\u001b]0;pwned\\u0007': []}",
	    "content.json: unknown key '?]0;pwned?'");
}

/* ---- Refusals: fields ------------------------------------------------- */

static void
test_refuse_missing(void **state)
{
	refused(state, "{'tips': [{'id': 'x', 'topic': 'touch', 'title': 'T',"
	    " 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: tip 'x': 'body' is missing");
	refused(state, "{'tips': [{'topic': 'touch', 'title': 'T',"
	    " 'body': 'B.', 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: tip #1: 'id' is missing");
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': ['boredom'],"
	    " 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: experiment 'e': 'blockers' is missing");
	refused(state, "{'sources': [{'id': 's', 'title': 'T'}]}",
	    "content.json: source 's': 'by' is missing");
	refused(state, "{'topics': [{'id': 's'}]}",
	    "content.json: topic 's': 'title' is missing");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing'}]}",
	    "content.json: deck 'd': 'questions' is missing");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [{'id': 'q',"
	    " 'text': 'Q?', 'source': 'first-thing'}]}]}",
	    "content.json: question 'q': 'kind' is missing");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [{'id': 'q1',"
	    " 'text': 'Q?', 'kind': 'text', 'source': 'first-thing'},"
	    " {'text': 'Q?', 'kind': 'text', 'source': 'first-thing'}]}]}",
	    "content.json: question #2 in deck 'd': 'id' is missing");
}

static void
test_refuse_empty(void **state)
{
	refused(state, "{'tips': [{'id': 'x', 'topic': 'touch', 'title': 'T',"
	    " 'body': '', 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: tip 'x': 'body' is empty");
	refused(state, "{'tips': [{'id': '', 'topic': 'touch', 'title': 'T',"
	    " 'body': 'B.', 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: tip #1: 'id' is empty");
	refused(state, "{'tips': [{'id': 'x', 'topic': '', 'title': 'T',"
	    " 'body': 'B.', 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: tip 'x': 'topic' is empty");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': []}]}",
	    "content.json: deck 'd': 'questions' is empty");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [{'id': 'q',"
	    " 'text': 'Q?', 'kind': 'text', 'hint': '',"
	    " 'source': 'first-thing'}]}]}",
	    "content.json: question 'q': 'hint' is empty");
	refused(state, "{'topics': [{'id': 'x', 'title': ' Padded'}]}",
	    "content.json: topic 'x': 'title' starts or ends with a space");
}

static void
test_refuse_ids(void **state)
{
	/* Twice in the user's file. */
	refused(state, "{'topics': [{'id': 'a', 'title': 'A'},"
	    " {'id': 'a', 'title': 'B'}]}",
	    "content.json: topic 'a': duplicate id");
	/* Against a built-in one. */
	refused(state, "{'tips': [{'id': 'talk-about-intimacy-early',"
	    " 'topic': 'touch', 'title': 'T', 'body': 'B.',"
	    " 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: tip 'talk-about-intimacy-early': duplicate id");
	refused(state, "{'decks': [{'id': 'weekly', 'title': 'T',"
	    " 'about': 'A.', 'source': 'first-thing', 'questions': []}]}",
	    "content.json: deck 'weekly': duplicate id");
	refused(state, "{'sources': [{'id': 'first-thing', 'title': 'T',"
	    " 'by': 'B'}]}",
	    "content.json: source 'first-thing': duplicate id");
	refused(state, "{'experiments': [{'id': 'phone-free-dinner',"
	    " 'title': 'T', 'how': 'H.', 'time': '1 minute',"
	    " 'ruts': ['boredom'], 'blockers': ['distance'],"
	    " 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: experiment 'phone-free-dinner': duplicate id");
	/* Question ids are unique across every deck. */
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [{'id': 'most-proud',"
	    " 'text': 'Q?', 'kind': 'text', 'source': 'first-thing'}]}]}",
	    "content.json: question 'most-proud': duplicate id");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [{'id': 'q',"
	    " 'text': 'Q?', 'kind': 'text', 'source': 'first-thing'}]},"
	    " {'id': 'e', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [{'id': 'q',"
	    " 'text': 'Q?', 'kind': 'text', 'source': 'first-thing'}]}]}",
	    "content.json: question 'q': duplicate id");
	refused(state, "{'tips': [{'id': 'Bad_Id', 'topic': 'touch',"
	    " 'title': 'T', 'body': 'B.', 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}",
	    "content.json: tip #1: 'id' must be lowercase letters and digits "
	    "in words joined by single hyphens, at most 40 characters");
	refused(state, "{'topics': [{'id': 'a--b', 'title': 'A'}]}",
	    "content.json: topic #1: 'id' must be lowercase letters and "
	    "digits in words joined by single hyphens, at most 40 "
	    "characters");
	refused(state, "{'topics': [{'id': '-a', 'title': 'A'}]}",
	    "content.json: topic #1: 'id' must be lowercase letters and "
	    "digits in words joined by single hyphens, at most 40 "
	    "characters");
	refused(state, "{'topics': [{'id': 'a-', 'title': 'A'}]}",
	    "content.json: topic #1: 'id' must be lowercase letters and "
	    "digits in words joined by single hyphens, at most 40 "
	    "characters");
	refused(state, "{'topics': [{'id':"
	    " 'a123456789-123456789-123456789-1234567890', 'title': 'A'}]}",
	    "content.json: topic #1: 'id' must be lowercase letters and "
	    "digits in words joined by single hyphens, at most 40 "
	    "characters");
}

static void
test_accept_ids(void **state)
{
	const struct tend_catalog *cat;
	struct tend *t;

	/* A topic and a tip may share an id: namespaces are per kind. */
	cat = accepted(state, "{'topics': [{'id': 'touch-2', 'title': 'A'},"
	    " {'id': 'a123456789-123456789-123456789-123456789',"
	    " 'title': 'B'}], 'tips': [{'id': 'touch-2', 'topic': 'touch-2',"
	    " 'title': 'T', 'body': 'B.', 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}", &t);
	assert_non_null(tend_find_topic(cat,
	    "a123456789-123456789-123456789-123456789"));
	tend_free(t);
}

static void
test_refuse_references(void **state)
{
	refused(state, "{'tips': [{'id': 'x', 'topic': 'nope', 'title': 'T',"
	    " 'body': 'B.', 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: tip 'x': 'topic': unknown topic 'nope'");
	refused(state, "{'tips': [{'id': 'x', 'topic': 'touch', 'title': 'T',"
	    " 'body': 'B.', 'intimacy': 'none', 'source': 'a-blog'}]}",
	    "content.json: tip 'x': 'source': unknown source 'a-blog'");
	refused(state, "{'tips': [{'id': 'x', 'topic': 'touch', 'title': 'T',"
	    " 'body': 'B.', 'intimacy': 'some', 'source': 'first-thing'}]}",
	    "content.json: tip 'x': 'intimacy' must be none, affection or "
	    "sexual");
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': ['bored'],"
	    " 'blockers': ['distance'], 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}",
	    "content.json: experiment 'e': 'ruts': unknown rut 'bored' "
	    "(boredom, sexless, fighting, general)");
	/* A blocker is not a rut. */
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': ['boredom'],"
	    " 'blockers': ['boredom'], 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}",
	    "content.json: experiment 'e': 'blockers': unknown blocker "
	    "'boredom' (distance, conflict, pressure, avoidance)");
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': ['boredom'],"
	    " 'blockers': ['distance', 'conflict', 'distance'],"
	    " 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: experiment 'e': 'blockers': 'distance' is listed "
	    "twice");
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': ['boredom'],"
	    " 'blockers': ['distance'], 'intimacy': 'sexual',"
	    " 'source': 'nope'}]}",
	    "content.json: experiment 'e': 'source': unknown source 'nope'");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [{'id': 'q',"
	    " 'text': 'Q?', 'kind': 'essay', 'source': 'first-thing'}]}]}",
	    "content.json: question 'q': 'kind' must be text, scale or yesno");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [{'id': 'q',"
	    " 'text': 'Q?', 'kind': 'text', 'role': 'praise',"
	    " 'source': 'first-thing'}]}]}",
	    "content.json: question 'q': 'role' must be appreciation, "
	    "struggle or connection");
	/* There is one connection rating, the last of weekly. */
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [{'id': 'q',"
	    " 'text': 'Q?', 'kind': 'scale', 'role': 'connection',"
	    " 'source': 'first-thing'}]}]}",
	    "content.json: question 'q': 'role': only one question may have "
	    "role connection, and 'connection-rating' has it");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'nope', 'questions': []}]}",
	    "content.json: deck 'd': 'source': unknown source 'nope'");
	/* A hostile reference is not echoed raw. */
	refused(state, "{'tips': [{'id': 'x', 'topic': '\\u001b[2J',"
	    " 'title': 'T', 'body': 'B.', 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}",
	    "content.json: tip 'x': 'topic': unknown topic '?[2J'");
}

static void
test_refuse_types(void **state)
{
	refused(state, "{'tips': [{'id': 'x', 'topic': 'touch', 'title': 'T',"
	    " 'body': 5, 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: tip 'x': 'body' must be a string");
	refused(state, "{'tips': [{'id': 7, 'topic': 'touch', 'title': 'T',"
	    " 'body': 'B.', 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: tip #1: 'id' must be a string");
	refused(state, "{'tips': [{'id': 'x', 'topic': ['touch'],"
	    " 'title': 'T', 'body': 'B.', 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}",
	    "content.json: tip 'x': 'topic' must be a string");
	refused(state, "{'tips': [{'id': 'x', 'topic': 'touch', 'title': null,"
	    " 'body': 'B.', 'intimacy': 'none', 'source': 'first-thing'}]}",
	    "content.json: tip 'x': 'title' must be a string");
	refused(state, "{'tips': {}}", "content.json: 'tips' must be an array");
	refused(state, "{'sources': 'first-thing'}",
	    "content.json: 'sources' must be an array");
	refused(state, "{'tips': ['x']}",
	    "content.json: tip #1: not an object");
	refused(state, "{'topics': [{'id': 'a', 'title': 'A'}, []]}",
	    "content.json: topic #2: not an object");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'lookback': 'yes', 'source': 'first-thing', 'questions': []}]}",
	    "content.json: deck 'd': 'lookback' must be true or false");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'intimacy': 'spicy', 'source': 'first-thing', 'questions': []}]}",
	    "content.json: deck 'd': 'intimacy' must be none, affection or "
	    "sexual");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'intimacy': 2, 'source': 'first-thing', 'questions': []}]}",
	    "content.json: deck 'd': 'intimacy' must be a string");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': {}}]}",
	    "content.json: deck 'd': 'questions' must be an array");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [1]}]}",
	    "content.json: question #1 in deck 'd': not an object");
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': 'boredom',"
	    " 'blockers': ['distance'], 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}",
	    "content.json: experiment 'e': 'ruts' must be an array");
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': [1],"
	    " 'blockers': ['distance'], 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}",
	    "content.json: experiment 'e': 'ruts' must hold only strings");
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': [], 'blockers': [],"
	    " 'intimacy': 'none', 'source': 'first-thing', 'needs': 'bed'}]}",
	    "content.json: experiment 'e': 'needs' must be an array");
	/* A stage follows an experiment that comes before it, or none. */
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': [], 'blockers': [],"
	    " 'intimacy': 'none', 'source': 'first-thing', 'after': 'f'},"
	    " {'id': 'f', 'title': 'T', 'how': 'H.', 'time': '1 minute',"
	    " 'ruts': [], 'blockers': [], 'intimacy': 'none',"
	    " 'source': 'first-thing'}]}",
	    "content.json: experiment 'e': 'after': no experiment 'f' "
	    "before this one");
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': [], 'blockers': [],"
	    " 'intimacy': 'none', 'source': 'first-thing', 'after': 7}]}",
	    "content.json: experiment 'e': 'after' must be a string");
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': [], 'blockers': [],"
	    " 'intimacy': 'none', 'source': 'first-thing', 'needs': ['car']}]}",
	    "content.json: experiment 'e': 'needs': unknown need 'car' "
	    "(together, bed, walk, money)");
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': [], 'blockers': [],"
	    " 'intimacy': 'none', 'source': 'first-thing',"
	    " 'needs': ['bed', 'bed']}]}",
	    "content.json: experiment 'e': 'needs': 'bed' is listed twice");
	refused(state, "{'experiments': [{'id': 'e', 'title': 'T',"
	    " 'how': 'H.', 'time': '1 minute', 'ruts': [], 'blockers': [],"
	    " 'intimacy': 'none', 'source': 'first-thing',"
	    " 'alternative': ''}]}",
	    "content.json: experiment 'e': 'alternative' is empty");
	refused(state, "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
	    " 'source': 'first-thing', 'questions': [{'id': 'q',"
	    " 'text': 'Q?', 'kind': 'yesno', 'role': 'connection',"
	    " 'source': 'first-thing'}]}]}",
	    "content.json: question 'q': 'role' connection needs kind scale");
}

static void
test_refuse_utf8(void **state)
{
	static const char *const bad[] = {
		"\xff", "\xc3", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "caf\xe9",
	};
	char json[512];
	size_t i;
	int n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = snprintf(json, sizeof(json), "{\"tips\": [{\"id\": \"x\","
		    " \"topic\": \"touch\", \"title\": \"T\", \"body\":"
		    " \"Good then %s bad.\", \"intimacy\": \"none\","
		    " \"source\": \"first-thing\"}]}", bad[i]);
		assert_true(n > 0 && (size_t)n < sizeof(json));
		refused_raw(state, json, (size_t)n,
		    "content.json: tip 'x': 'body' is not valid UTF-8");
	}
}

/*
 * Control characters, raw (which cJSON lets through) and escaped, at
 * every place in a text: the check goes eight bytes at a time.
 */
static void
test_refuse_controls(void **state)
{
	static const char *const ctl[] = {
		"\x01", "\x1f", "\x7f", "\t", "\\n", "\\u001b", "\\u007f",
		"\\u0085", "\xc2\x9b", "\\u009f",
	};
	char json[512], body[64];
	size_t i, at;
	int n;

	for (i = 0; i < sizeof(ctl) / sizeof(ctl[0]); i++)
		for (at = 0; at <= 20; at++) {
			n = snprintf(body, sizeof(body), "%.*s%s%.*s",
			    (int)at, "abcdefghijklmnopqrstuvwxyz", ctl[i],
			    (int)(20 - at), "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
			assert_true(n > 0 && (size_t)n < sizeof(body));
			n = snprintf(json, sizeof(json), "{\"tips\": [{\"id\":"
			    " \"x\", \"topic\": \"touch\", \"title\": \"T\","
			    " \"body\": \"%s\", \"intimacy\": \"none\","
			    " \"source\": \"first-thing\"}]}", body);
			assert_true(n > 0 && (size_t)n < sizeof(json));
			refused_raw(state, json, (size_t)n,
			    "content.json: tip 'x': 'body' holds a control "
			    "character");
		}
}

/* Text beside controls is fine: U+00A0, U+00BF, U+0100, curly quotes. */
static void
test_accept_near_controls(void **state)
{
	const struct tend_catalog *cat;
	struct tend *t;

	cat = accepted(state, "{'topics': [{'id': 'x', 'title':"
	    " '\xc2\xa0\xc2\xbf\xc4\x80 \xe2\x80\x9cq\xe2\x80\x9d ~'}]}", &t);
	assert_string_equal(cat->topics[cat->ntopics - 1].title,
	    "\xc2\xa0\xc2\xbf\xc4\x80 \xe2\x80\x9cq\xe2\x80\x9d ~");
	tend_free(t);
}

/* spec with its one "@" replaced by text. */
static void
subst(char *out, size_t size, const char *spec, const char *text)
{
	const char *at = strchr(spec, '@');
	size_t a, b, c;

	assert_non_null(at);
	a = (size_t)(at - spec);
	b = strlen(text);
	c = strlen(at + 1);
	assert_true(a + b + c < size);
	memcpy(out, spec, a);
	memcpy(out + a, text, b);
	memcpy(out + a + b, at + 1, c + 1);
}

static void
test_refuse_lengths(void **state)
{
	char json[2048], text[600];
	struct {
		const char	*fmt;
		size_t		 limit;
		const char	*want;
	} cases[] = {
		{ "{'tips': [{'id': 'x', 'topic': 'touch', 'title': '@',"
		  " 'body': 'B.', 'intimacy': 'none',"
		  " 'source': 'first-thing'}]}", 72,
		  "content.json: tip 'x': 'title' has 73 characters; the limit "
		  "is 72" },
		{ "{'tips': [{'id': 'x', 'topic': 'touch', 'title': 'T',"
		  " 'body': '@', 'intimacy': 'none',"
		  " 'source': 'first-thing'}]}", 480,
		  "content.json: tip 'x': 'body' has 481 characters; the limit "
		  "is 480" },
		{ "{'topics': [{'id': 'x', 'title': '@'}]}", 32,
		  "content.json: topic 'x': 'title' has 33 characters; the "
		  "limit is 32" },
		{ "{'sources': [{'id': 'x', 'title': 'T', 'by': '@'}]}", 160,
		  "content.json: source 'x': 'by' has 161 characters; the "
		  "limit is 160" },
		{ "{'decks': [{'id': 'd', 'title': 'T', 'about': '@',"
		  " 'source': 'first-thing', 'questions': [{'id': 'q',"
		  " 'text': 'Q?', 'kind': 'text', 'source': 'first-thing'}]}]}",
		  320,
		  "content.json: deck 'd': 'about' has 321 characters; the "
		  "limit is 320" },
		{ "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
		  " 'source': 'first-thing', 'questions': [{'id': 'q',"
		  " 'text': '@', 'kind': 'text', 'source': 'first-thing'}]}]}",
		  160, "content.json: question 'q': 'text' has 161 characters; "
		  "the limit is 160" },
		{ "{'decks': [{'id': 'd', 'title': 'T', 'about': 'A.',"
		  " 'source': 'first-thing', 'questions': [{'id': 'q',"
		  " 'text': 'Q?', 'kind': 'text', 'hint': '@',"
		  " 'source': 'first-thing'}]}]}", 240,
		  "content.json: question 'q': 'hint' has 241 characters; the "
		  "limit is 240" },
		{ "{'experiments': [{'id': 'e', 'title': 'T', 'how': 'H.',"
		  " 'time': '1 minute', 'ruts': [], 'blockers': [],"
		  " 'intimacy': 'none', 'source': 'first-thing',"
		  " 'alternative': '@'}]}", 480,
		  "content.json: experiment 'e': 'alternative' has 481 "
		  "characters; the limit is 480" },
		{ "{'experiments': [{'id': 'e', 'title': 'T', 'how': '@',"
		  " 'time': '1 minute', 'ruts': ['boredom'],"
		  " 'blockers': ['distance'], 'intimacy': 'none',"
		  " 'source': 'first-thing'}]}", 480,
		  "content.json: experiment 'e': 'how' has 481 characters; the "
		  "limit is 480" },
		{ "{'experiments': [{'id': 'e', 'title': 'T', 'how': 'H.',"
		  " 'time': '@', 'ruts': ['boredom'],"
		  " 'blockers': ['distance'], 'intimacy': 'none',"
		  " 'source': 'first-thing'}]}", 32,
		  "content.json: experiment 'e': 'time' has 33 characters; the "
		  "limit is 32" },
	};
	const struct tend_catalog *cat;
	struct tend *t;
	size_t i;
	char *spec;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		spec = Q(cases[i].fmt);
		/* At the limit: fine. */
		memset(text, 'a', cases[i].limit);
		text[cases[i].limit] = '\0';
		subst(json, sizeof(json), spec, text);
		write_user(state, json, strlen(json));
		t = load(state, &cat, &rc);
		if (rc != TEND_OK)
			fail_msg("%s", tend_errmsg(t));
		tend_free(t);
		memset(text, 'a', cases[i].limit + 1);
		text[cases[i].limit + 1] = '\0';
		subst(json, sizeof(json), spec, text);
		refused_raw(state, json, strlen(json), cases[i].want);
		free(spec);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_counts),
		cmocka_unit_test(test_builtin_promises),
		cmocka_unit_test(test_intimacy_names),
		cmocka_unit_test(test_builtin_levels),
		cmocka_unit_test_setup_teardown(test_deck_allowed, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_generated_equals_parsed,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(test_generated_not_parsed,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(test_loaded_once, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_user_additions, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_user_empty, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_user_empty_tags,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(
		    test_user_limits_count_characters, fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(test_user_size_bound,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(test_user_outlives_folder,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(test_user_fixed, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_user_not_a_file,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(test_refuse_bad_json,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(test_accept_escapes, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_refuse_keys, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_refuse_missing, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_refuse_empty, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_refuse_ids, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_accept_ids, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_refuse_references,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(test_refuse_types, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_refuse_utf8, fix_tmpdir,
		    fix_rmdir),
		cmocka_unit_test_setup_teardown(test_refuse_controls,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(test_accept_near_controls,
		    fix_tmpdir, fix_rmdir),
		cmocka_unit_test_setup_teardown(test_refuse_lengths, fix_tmpdir,
		    fix_rmdir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
