/*
 * cmd-assess.c - tend assess: the "where are we stuck?" questionnaire.
 * On a terminal each statement is asked with readline and a bad answer is
 * asked again; otherwise one answer per line comes from standard input.
 * Nothing is saved until every statement has its answer.  The result names
 * what fits and why, and what to try; it is a hint, never a diagnosis.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* An answer: one digit 1 to 5, spaces around it allowed; 0 otherwise. */
static int
parse_answer(const char *line)
{
	const char *p = line + strspn(line, " \t");
	int v;

	if (*p < '1' || *p > '5')
		return 0;
	v = *p - '0';
	p++;
	p += strspn(p, " \t");
	return *p == '\0' ? v : 0;
}

/* The scale once, before the first statement, on a terminal. */
static void
intro(struct cli *c, const struct tend_catalog *cat)
{
	size_t i;

	/* Plain: the colour policy is standard output's, not stderr's. */
	cli_put_text(c, stderr, cat->assessment_title, 0);
	cli_put_text(c, stderr, cat->assessment_about, 0);
	fputs("\nFor each statement, answer how much you agree:\n", stderr);
	for (i = 0; i < 5; i++) {
		fprintf(stderr, "  %zu  ", i + 1);
		cli_put_inline(stderr, cat->scale[i]);
		fputc('\n', stderr);
	}
	fputs("Nothing is saved until the last answer.\n", stderr);
}

/*
 * Ask every statement; 0 with answers[] filled, or an exit status after
 * saying why nothing was saved.
 */
static int
ask_all(struct cli *c, const struct tend_catalog *cat, int *answers)
{
	char prompt[160], *line = NULL;
	size_t i, n = cat->nstatements;
	int r;

	if (c->interactive)
		intro(c, cat);
	/* The prompt names both ends of the scale, so no answer is a guess. */
	snprintf(prompt, sizeof(prompt), "1 (%s) to 5 (%s): ", cat->scale[0],
	    cat->scale[4]);
	for (i = 0; i < n; i++) {
		if (c->interactive) {
			fprintf(stderr, "\n%zu of %zu\n", i + 1, n);
			cli_put_text(c, stderr, cat->statements[i].text, 0);
		}
		for (;;) {
			if ((r = cli_ask(c, prompt, &line)) < 0)
				return -r;
			if (r == 0)
				return cli_error(1, "the answers ended after %zu "
				    "of %zu statements; nothing was saved", i,
				    n);
			answers[i] = parse_answer(line);
			if (answers[i] != 0)
				break;
			if (!c->interactive) {
				r = cli_error(EXIT_DATA, "answer %zu, '%s', is "
				    "not a number from 1 to 5; nothing was "
				    "saved", i + 1, line);
				free(line);
				return r;
			}
			cli_note("'%s' is not on the scale; type a number from "
			    "1 to 5.", line);
			free(line);
		}
		free(line);
		line = NULL;
	}
	return 0;
}

/* After a failed save: the answers, one a line, to give again later. */
static void
give_back(const int *answers, size_t n)
{
	size_t i;

	cli_note("Your answers, one a line, to give again with 'tend assess "
	    "< FILE':");
	for (i = 0; i < n; i++)
		fprintf(stderr, "%d\n", answers[i]);
}

static void
put_heading(struct cli *c, const char *text)
{
	printf("\n%s%s%s\n", cli_sgr(c, "1"), text, cli_sgr(c, "0"));
}

/* The local date of a stored UTC stamp; its own first ten bytes if unreadable. */
static void
local_date(const char *stamp, char buf[16])
{
	struct tend_datetime dt;
	struct tm tm;
	time_t at;

	if (tend_datetime_parse(stamp, &dt) == TEND_OK && dt.has_zone) {
		at = tend_datetime_instant(NULL, NULL, &dt);
		if (localtime_r(&at, &tm) != NULL &&
		    strftime(buf, 16, "%Y-%m-%d", &tm) != 0)
			return;
	}
	snprintf(buf, 16, "%.10s", stamp);
}

/* The result for people: what fits and why, then what to try. */
static int
print_result(struct cli *c, const struct tend_assessment *a)
{
	const struct tend_score *s;
	struct tend_suggestions sg;
	char taken[16];
	size_t i;
	int rc, any = 0;

	if ((rc = tend_assess_suggest(c->t, a, &sg)) != TEND_OK)
		return cli_fail(c, rc);
	/* The local day of the stored time, escaped like any stored text. */
	local_date(a->taken, taken);
	printf("%sYour assessment of ", cli_sgr(c, "2"));
	cli_put_inline(stdout, taken);
	printf("%s\n", cli_sgr(c, "0"));
	for (i = 0; i < a->nscores; i++) {
		s = &a->scores[i];
		if (!s->fits || s->outcome->tag == 0)
			continue;
		if (!any)
			put_heading(c, "What fits you now, and why:");
		any = 1;
		fputs("* ", stdout);
		cli_put_inline(stdout, s->outcome->title);
		printf(" (%s)\n", strcmp(s->outcome->kind, "rut") == 0 ?
		    "a rut type" : "an intimacy blocker");
		cli_put_text(c, stdout, s->outcome->about, 0);
	}
	if (!any)
		printf("\nNo rut type or intimacy blocker stands out from "
		    "your answers.\n");
	for (i = 0; i < a->nscores; i++) {
		s = &a->scores[i];
		if (!s->fits || s->outcome->tag != 0)
			continue;
		put_heading(c, "One more thing, gently:");
		cli_put_text(c, stdout, s->outcome->about, 0);
		cli_put_text(c, stdout, "tend cannot tell what is going on "
		    "between you, and this is no diagnosis. Talking it "
		    "through with a couples therapist, together, is a good "
		    "next step.", 0);
	}
	if (sg.ntips > 0)
		put_heading(c, any ? "Tips that fit best:" :
		    "Tips closest to your answers:");
	for (i = 0; i < sg.ntips; i++) {
		fputs("* ", stdout);
		cli_put_text(c, stdout, sg.tips[i]->title, 2);
		fputs("  ", stdout);
		cli_put_text(c, stdout, sg.tips[i]->body, 2);
	}
	if (sg.nexperiments > 0)
		put_heading(c, any ? "Experiments that fit best:" :
		    "Experiments closest to your answers:");
	for (i = 0; i < sg.nexperiments; i++) {
		fputs("* ", stdout);
		cli_put_inline(stdout, sg.experiments[i]->title);
		fputs(" (", stdout);
		cli_put_inline(stdout, sg.experiments[i]->time);
		puts(")");
	}
	if (any)
		puts("\nThe experiment of the week now leans toward what fits.");
	return 0;
}

static int
print_json(struct cli *c, const struct tend_assessment *a)
{
	char *s = NULL;
	int rc;

	rc = tend_assessment_json(c->t, a, &s);
	return cli_put_json(c, rc, s);
}

int
cmd_assess(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "show", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const struct tend_catalog *cat;
	struct tend_assessment a;
	int *answers = NULL;
	int ch, json = 0, showing = 0, status, rc;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 's':
			showing = 1;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_error(EXIT_USAGE, "unexpected argument '%s'; see "
		    "'tend assess --help'", argv[optind]);
	if ((status = cli_catalog(c, &cat)) != 0)
		return status;
	if (showing) {
		if ((rc = tend_assess_latest(c->t, &a)) == TEND_ENOENT)
			return cli_error(1, "%s", tend_errmsg(c->t));
		if (rc != TEND_OK)
			return cli_fail(c, rc);
	} else {
		/* Refused before the first question, not after the last. */
		if (!tend_writable(c->t))
			return cli_error(EXIT_IO, "cannot write the journal %s: "
			    "it or its folder is read-only; check its "
			    "permissions", c->paths.journal);
		if ((answers = calloc(cat->nstatements ? cat->nstatements : 1,
		    sizeof(*answers))) == NULL)
			return cli_error(1, "out of memory");
		if ((status = ask_all(c, cat, answers)) != 0) {
			free(answers);
			return status;
		}
		rc = tend_assess_save(c->t, answers, cat->nstatements, &a);
		if (rc != TEND_OK) {
			status = cli_fail(c, rc);
			give_back(answers, cat->nstatements);
			free(answers);
			return status;
		}
		free(answers);
		if (c->interactive)
			fputs("\nSaved.\n\n", stderr);
	}
	status = json ? print_json(c, &a) : print_result(c, &a);
	tend_assessment_release(&a);
	return status;
}
