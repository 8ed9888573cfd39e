/*
 * gen-catalog.c - run by make: the built-in catalogue as C.  It loads the
 * JSON files of data/ (embedded as data.c) with content.c, the one
 * validator, and writes on standard output the whole struct tend_catalog
 * as static const initializers, builtin_catalog, so that tend pays nothing
 * at run time for content it does not change (catalog.c).  A bad built-in
 * file fails the build with the validator's message.
 *
 * Pointers become the address of an element of the array written for their
 * kind; strings become C string literals with every byte outside printable
 * ASCII written in octal, so the output is the same whatever the locale.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"

/* Bytes of a literal's text on one line before it is continued. */
#define CHUNK_MAX	56

static const char *const kinds[] = {
	[TEND_KIND_TEXT] = "TEND_KIND_TEXT",
	[TEND_KIND_SCALE] = "TEND_KIND_SCALE",
	[TEND_KIND_YESNO] = "TEND_KIND_YESNO",
};
static const char *const intimacies[] = {
	[TEND_INTIMACY_NONE] = "TEND_INTIMACY_NONE",
	[TEND_INTIMACY_AFFECTION] = "TEND_INTIMACY_AFFECTION",
	[TEND_INTIMACY_SEXUAL] = "TEND_INTIMACY_SEXUAL",
};

static void	die(const char *, ...)
		    __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("gen-catalog: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/*
 * s as a C string literal, or NULL.  Every escape is three octal digits,
 * the most one takes, so the character after one is never read into it;
 * ? is escaped against trigraphs.
 */
static void
put_str(const char *s)
{
	const unsigned char *p;
	size_t col = 0;

	if (s == NULL) {
		fputs("NULL", stdout);
		return;
	}
	putchar('"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		/* After a space, or anywhere in a long run of none. */
		if ((col >= CHUNK_MAX && p[-1] == ' ') || col >= 2 * CHUNK_MAX) {
			fputs("\"\n\t    \"", stdout);
			col = 0;
		}
		if (*p == '"' || *p == '\\' || *p == '?') {
			printf("\\%c", *p);
			col += 2;
		} else if (*p < 0x20 || *p > 0x7e) {
			printf("\\%03o", *p);
			col += 4;
		} else {
			putchar(*p);
			col++;
		}
	}
	putchar('"');
}

/* One ".field = "string"," line of an entry. */
static void
field_str(const char *name, const char *s)
{
	printf("\t\t.%s = ", name);
	put_str(s);
	fputs(",\n", stdout);
}

/* The index of element p of an array of n starting at base. */
static size_t
index_of(const void *p, const void *base, size_t n, size_t size,
    const char *what)
{
	const char *c = p, *b = base;

	if (c < b || c >= b + n * size || (size_t)(c - b) % size != 0)
		die("a %s outside its array", what);
	return (size_t)(c - b) / size;
}

static size_t
source_at(const struct tend_catalog *cat, const struct tend_source *s)
{
	return index_of(s, cat->sources, cat->nsources, sizeof(*s), "source");
}

static const char *
name_of(const char *const *names, size_t n, unsigned v, const char *what)
{
	if (v >= n || names[v] == NULL)
		die("an unknown %s %u", what, v);
	return names[v];
}

static void
put_sources(const struct tend_catalog *cat)
{
	size_t i;


	printf("static const struct tend_source sources[%zu] = {\n",
	    cat->nsources);
	for (i = 0; i < cat->nsources; i++) {
		fputs("\t{\n", stdout);
		field_str("id", cat->sources[i].id);
		field_str("title", cat->sources[i].title);
		field_str("by", cat->sources[i].by);
		field_str("short_name", cat->sources[i].short_name);
		fputs("\t},\n", stdout);
	}
	fputs("};\n\n", stdout);
}

static void
put_topics(const struct tend_catalog *cat)
{
	size_t i;

	if (cat->ntopics == 0)
		return;

	printf("static const struct tend_topic topics[%zu] = {\n",
	    cat->ntopics);
	for (i = 0; i < cat->ntopics; i++) {
		fputs("\t{\n", stdout);
		field_str("id", cat->topics[i].id);
		field_str("title", cat->topics[i].title);
		fputs("\t},\n", stdout);
	}
	fputs("};\n\n", stdout);
}

/* Every deck's questions in one array, deck after deck. */
static void
put_questions(const struct tend_catalog *cat)
{
	const struct tend_question *q;
	size_t i, j, n = 0;

	for (i = 0; i < cat->ndecks; i++)
		n += cat->decks[i].nquestions;
	printf("static const struct tend_question questions[%zu] = {\n", n);
	for (i = 0; i < cat->ndecks; i++)
		for (j = 0; j < cat->decks[i].nquestions; j++) {
			q = &cat->decks[i].questions[j];
			fputs("\t{\n", stdout);
			field_str("id", q->id);
			field_str("text", q->text);
			field_str("hint", q->hint);
			field_str("role", q->role);
			printf("\t\t.kind = %s,\n", name_of(kinds,
			    NELEM(kinds), q->kind, "kind"));
			printf("\t\t.source = &sources[%zu],\n",
			    source_at(cat, q->source));
			fputs("\t},\n", stdout);
		}
	fputs("};\n\n", stdout);
}

static void
put_decks(const struct tend_catalog *cat)
{
	const struct tend_deck *d;
	size_t i, first = 0;


	printf("static const struct tend_deck decks[%zu] = {\n", cat->ndecks);
	for (i = 0; i < cat->ndecks; i++) {
		d = &cat->decks[i];
		fputs("\t{\n", stdout);
		field_str("id", d->id);
		field_str("title", d->title);
		field_str("about", d->about);
		printf("\t\t.lookback = %d,\n", d->lookback);
		printf("\t\t.source = &sources[%zu],\n",
		    source_at(cat, d->source));
		printf("\t\t.questions = &questions[%zu],\n", first);
		printf("\t\t.nquestions = %zu,\n", d->nquestions);
		printf("\t\t.user = %d,\n", d->user);
		printf("\t\t.intimacy = %s,\n", name_of(intimacies,
		    NELEM(intimacies), d->intimacy, "intimacy"));
		fputs("\t},\n", stdout);
		first += d->nquestions;
	}
	fputs("};\n\n", stdout);
}

static void
put_tips(const struct tend_catalog *cat)
{
	const struct tend_tip *tip;
	size_t i;

	if (cat->ntips == 0)
		return;

	printf("static const struct tend_tip tips[%zu] = {\n", cat->ntips);
	for (i = 0; i < cat->ntips; i++) {
		tip = &cat->tips[i];
		fputs("\t{\n", stdout);
		field_str("id", tip->id);
		field_str("title", tip->title);
		field_str("body", tip->body);
		printf("\t\t.topic = &topics[%zu],\n", index_of(tip->topic,
		    cat->topics, cat->ntopics, sizeof(*tip->topic), "topic"));
		printf("\t\t.intimacy = %s,\n", name_of(intimacies,
		    NELEM(intimacies), tip->intimacy, "intimacy"));
		printf("\t\t.source = &sources[%zu],\n",
		    source_at(cat, tip->source));
		fputs("\t},\n", stdout);
	}
	fputs("};\n\n", stdout);
}

static void
put_experiments(const struct tend_catalog *cat)
{
	const struct tend_experiment *x;
	size_t i;

	if (cat->nexperiments == 0)
		return;

	printf("static const struct tend_experiment experiments[%zu] = {\n",
	    cat->nexperiments);
	for (i = 0; i < cat->nexperiments; i++) {
		x = &cat->experiments[i];
		fputs("\t{\n", stdout);
		field_str("id", x->id);
		field_str("title", x->title);
		field_str("how", x->how);
		field_str("time", x->time);
		printf("\t\t.tags = 0x%02xu,\n", x->tags);
		printf("\t\t.intimacy = %s,\n", name_of(intimacies,
		    NELEM(intimacies), x->intimacy, "intimacy"));
		printf("\t\t.source = &sources[%zu],\n",
		    source_at(cat, x->source));
		printf("\t\t.needs = 0x%02xu,\n", x->needs);
		field_str("alternative", x->alternative);
		field_str("after", x->after);
		fputs("\t},\n", stdout);
	}
	fputs("};\n\n", stdout);
}

/*
 * The outcome ids as arrays of their own: a weight's outcome is the very
 * string of its outcome's id, and only an array's address is a constant
 * both initializers can share.
 */
static void
put_outcome_ids(const struct tend_catalog *cat)
{
	size_t i, n, width = 1;


	for (i = 0; i < cat->noutcomes; i++)
		if ((n = strlen(cat->outcomes[i].id) + 1) > width)
			width = n;
	printf("static const char outcome_ids[%zu][%zu] = {\n",
	    cat->noutcomes, width);
	for (i = 0; i < cat->noutcomes; i++) {
		putchar('\t');
		put_str(cat->outcomes[i].id);
		fputs(",\n", stdout);
	}
	fputs("};\n\n", stdout);
}

static size_t
outcome_at(const struct tend_catalog *cat, const char *id)
{
	size_t i;

	for (i = 0; i < cat->noutcomes; i++)
		if (cat->outcomes[i].id == id)
			return i;
	die("a weight of an unknown outcome '%s'", id);
}

/* Every statement's weights in one array, statement after statement. */
static void
put_weights(const struct tend_catalog *cat)
{
	const struct tend_weight *w;
	size_t i, j, n = 0;

	for (i = 0; i < cat->nstatements; i++)
		n += cat->statements[i].nweights;
	printf("static const struct tend_weight weights[%zu] = {\n", n);
	for (i = 0; i < cat->nstatements; i++)
		for (j = 0; j < cat->statements[i].nweights; j++) {
			w = &cat->statements[i].weights[j];
			printf("\t{ .outcome = outcome_ids[%zu], "
			    ".weight = %d },\n", outcome_at(cat, w->outcome),
			    w->weight);
		}
	fputs("};\n\n", stdout);
}

static void
put_statements(const struct tend_catalog *cat)
{
	const struct tend_statement *s;
	size_t i, first = 0;


	printf("static const struct tend_statement statements[%zu] = {\n",
	    cat->nstatements);
	for (i = 0; i < cat->nstatements; i++) {
		s = &cat->statements[i];
		fputs("\t{\n", stdout);
		field_str("id", s->id);
		field_str("text", s->text);
		printf("\t\t.reverse = %d,\n", s->reverse);
		printf("\t\t.weights = &weights[%zu],\n", first);
		printf("\t\t.nweights = %zu,\n", s->nweights);
		printf("\t\t.source = &sources[%zu],\n",
		    source_at(cat, s->source));
		printf("\t\t.intimacy = %s,\n", name_of(intimacies,
		    NELEM(intimacies), s->intimacy, "intimacy"));
		fputs("\t},\n", stdout);
		first += s->nweights;
	}
	fputs("};\n\n", stdout);
}

static void
put_outcomes(const struct tend_catalog *cat)
{
	const struct tend_outcome *o;
	size_t i;


	printf("static const struct tend_outcome outcomes[%zu] = {\n",
	    cat->noutcomes);
	for (i = 0; i < cat->noutcomes; i++) {
		o = &cat->outcomes[i];
		fputs("\t{\n", stdout);
		printf("\t\t.id = outcome_ids[%zu],\n", i);
		field_str("title", o->title);
		field_str("about", o->about);
		field_str("kind", o->kind);
		printf("\t\t.tag = 0x%02xu,\n", o->tag);
		/* 17 significant digits give back the same double. */
		printf("\t\t.threshold = %.17g,\n", o->threshold);
		field_str("requires", o->requires);
		printf("\t\t.source = &sources[%zu],\n",
		    source_at(cat, o->source));
		fputs("\t},\n", stdout);
	}
	fputs("};\n\n", stdout);
}

/*
 * A list of the catalogue and its length.  The validator lets topics, tips
 * and experiments be empty, and C has no empty arrays: NULL then.
 */
static void
put_list(const char *name, size_t n)
{
	printf("\t.%s = %s,\n\t.n%s = %zu,\n", name, n > 0 ? name : "NULL",
	    name, n);
}

static void
put_catalog(const struct tend_catalog *cat)
{
	size_t i;

	fputs("const struct tend_catalog builtin_catalog = {\n", stdout);
	put_list("sources", cat->nsources);
	put_list("decks", cat->ndecks);
	put_list("topics", cat->ntopics);
	put_list("tips", cat->ntips);
	put_list("experiments", cat->nexperiments);
	fputs("\t.assessment_title = ", stdout);
	put_str(cat->assessment_title);
	fputs(",\n\t.assessment_about = ", stdout);
	put_str(cat->assessment_about);
	fputs(",\n\t.scale = {\n", stdout);
	for (i = 0; i < NELEM(cat->scale); i++) {
		fputs("\t\t", stdout);
		put_str(cat->scale[i]);
		fputs(",\n", stdout);
	}
	fputs("\t},\n", stdout);
	put_list("statements", cat->nstatements);
	put_list("outcomes", cat->noutcomes);
	fputs("};\n", stdout);
}

int
main(void)
{
	const struct tend_catalog *cat;
	struct content *c = NULL;
	struct tend *t;
	int rc;

	if ((t = tend_new()) == NULL)
		die("out of memory");
	if ((rc = content_load(t, NULL, 0, &c)) != TEND_OK)
		die("%s%s", rc == TEND_ECONTENT ? "data/" : "",
		    tend_errmsg(t));
	cat = content_catalog(c);

	fputs("/*\n * Generated by src/gen/gen-catalog.c from the JSON files "
	    "of data/: do not\n * edit.  The built-in catalogue (see "
	    "src/lib/catalog.c).\n */\n#include \"tend-int.h\"\n\n", stdout);
	put_sources(cat);
	put_topics(cat);
	put_questions(cat);
	put_decks(cat);
	put_tips(cat);
	put_experiments(cat);
	put_outcome_ids(cat);
	put_weights(cat);
	put_statements(cat);
	put_outcomes(cat);
	put_catalog(cat);

	content_free(c);
	tend_free(t);
	if (fflush(stdout) != 0 || ferror(stdout))
		die("cannot write the catalogue");
	return 0;
}
