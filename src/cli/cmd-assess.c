/*
 * cmd-assess.c - tend assess: the "where are we stuck?" questionnaire.
 * On a terminal each statement is asked with readline and a bad answer is
 * asked again; otherwise one answer per line comes from standard input.
 * Each answer is saved as it is given, like the check-in's, so a pause,
 * Ctrl-C or the end of input keeps them and the next 'tend assess' goes
 * on.  The result names what fits and why, and what to try; it is a hint,
 * never a diagnosis.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static int	cmd_assess(struct cli *, int, char **);

const struct tend_cmd cmd_assess_entry = {
	.name = "assess",
	.usage = "[--show] [--json]",
	.summary = "which rut types and intimacy blockers fit you now",
	.help =
	    "Answer twenty statements from 1 (strongly disagree) to 5 (strongly\n"
	    "agree), then see which rut types and intimacy blockers fit you now\n"
	    "and why, and the tips and experiments that fit best.  On a\n"
	    "terminal each statement is asked in turn; otherwise give one\n"
	    "answer per line on standard input.  Each answer is saved as it is\n"
	    "given: after :pause, Ctrl-C (exit 130) or input that ends early,\n"
	    "the next 'tend assess' goes on where it stopped.  The result is a\n"
	    "hint for conversation, not a diagnosis; tend is not therapy.\n"
	    "\n"
	    "At a statement, instead of an answer (any case):\n"
	    "  :back    answer the previous statement again\n"
	    "  :skip    leave it unanswered; it counts for nothing\n"
	    "  :pause   stop here, answers kept (also Ctrl-D)\n"
	    "  :help    this list\n"
	    "\n"
	    "Options:\n"
	    "  --show   print the latest result instead of asking\n"
	    "  --json   print JSON instead\n"
	    "\n"
	    "Examples:\n"
	    "  tend assess\n"
	    "  tend assess --show\n"
	    "  tend assess --show --json\n",
	.flags = CMD_JOURNAL,
	.fn = cmd_assess,
};

/* The colon commands, in the order of help_text. */
enum { CMD_BACK, CMD_SKIP, CMD_HELP, CMD_PAUSE };
static const char *const commands[] = { "back", "skip", "help", "pause",
    NULL };
static const char help_text[] =
    "  :back    answer the previous statement again\n"
    "  :skip    leave this one unanswered (it counts for nothing)\n"
    "  :pause   stop here; every answer so far is kept (also Ctrl-D)\n"
    "  :help    this list\n"
    "Commands may be typed in any case.\n";

/* Pseudo exit status of ask_all: paused, answers kept, no result yet. */
#define PAUSED	(-1)

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
	fputs("Each answer is saved as you go. Type :help for commands.\n",
	    stderr);
}

/* The statements answered so far. */
static size_t
answered(const int *answers, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += answers[i] != 0;
	return k;
}

/*
 * A colon command at statement i of n; with i moved for :back.  0 to ask
 * again, or an exit status (EXIT_DATA for an unknown one from a script).
 */
static int
command(struct cli *c, int cmd, const char *line, size_t *i, size_t n)
{
	switch (cmd) {
	case CMD_HELP:
		fputs(help_text, stderr);
		return 0;
	case CMD_BACK:
		if (*i == 0)
			cli_note("This is the first statement.");
		else
			(*i)--;
		return 0;
	default:
		if (!c->interactive)
			return cli_error(EXIT_DATA, "answer %zu of %zu, '%s', "
			    "is not a command: use :back, :skip, :help or "
			    ":pause; the answers before it are kept", *i + 1,
			    n, line);
		cli_note("'%s' is not a command here; use :back, :skip, :help "
		    "or :pause.", line);
		return 0;
	}
}

/*
 * Ask the statements from where the assessment in progress stopped,
 * saving each answer as it comes: 0 when every statement was asked,
 * PAUSED after saying how to go on, or an exit status after saying why.
 */
static int
ask_all(struct cli *c, const struct tend_catalog *cat, int *answers)
{
	char prompt[160], *line = NULL;
	size_t i, n = cat->nstatements;
	int r, v, cmd;

	if ((r = tend_assess_progress(c->t, answers, n, &i)) != TEND_OK &&
	    r != TEND_ENOENT)
		return cli_fail(c, r);
	if (c->interactive)
		intro(c, cat);
	if (r == TEND_OK)
		cli_note("Resuming: %zu of %zu answered.", answered(answers, n),
		    n);
	/* The prompt names both ends of the scale, so no answer is a guess. */
	snprintf(prompt, sizeof(prompt), "1 (%s) to 5 (%s): ", cat->scale[0],
	    cat->scale[4]);
	while (i < n) {
		if (c->interactive) {
			fprintf(stderr, "\n%zu of %zu", i + 1, n);
			if (answers[i] != 0)
				fprintf(stderr, " (answered %d)", answers[i]);
			fputc('\n', stderr);
			cli_put_text(c, stderr, cat->statements[i].text, 0);
		}
		if ((r = cli_ask(c, prompt, &line)) < 0) {
			if (r == -EXIT_INTERRUPT)
				return cli_error(EXIT_INTERRUPT, "paused at "
				    "statement %zu of %zu; your answers are "
				    "kept: run 'tend assess' to go on", i + 1,
				    n);
			return -r;
		}
		if (r == 0 && !c->interactive)
			return cli_error(1, "the answers ended after %zu of "
			    "%zu statements; they are kept: run 'tend "
			    "assess' to go on", i, n);
		cmd = r == 0 ? CMD_PAUSE : cli_prompt_command(line, commands);
		if (cmd == CMD_PAUSE) {
			free(line);
			fprintf(stderr, "Paused at statement %zu of %zu. Your "
			    "answers are kept; run 'tend assess' to go on.\n",
			    i + 1, n);
			return PAUSED;
		}
		if (cmd == CMD_BACK || cmd == CMD_HELP || cmd == -2) {
			r = command(c, cmd, line, &i, n);
			free(line);
			if (r != 0)
				return r;
			continue;
		}
		v = cmd == CMD_SKIP ? 0 : parse_answer(line);
		if (cmd != CMD_SKIP && v == 0) {
			if (!c->interactive) {
				r = cli_error(EXIT_DATA, "answer %zu, '%s', is "
				    "not a number from 1 to 5; the answers "
				    "before it are kept", i + 1, line);
				free(line);
				return r;
			}
			cli_note("'%s' is not on the scale; type a number from "
			    "1 to 5, or :help.", line);
			free(line);
			continue;
		}
		free(line);
		line = NULL;
		if ((r = tend_assess_answer(c->t, i, v)) != TEND_OK)
			return cli_fail(c, r);
		answers[i++] = v;
	}
	return 0;
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

/*
 * One item of a list: marker, text and, unless NULL, "(what)", wrapped to
 * the width with the marker counted and the lines after it under the text.
 */
static void
put_item(const struct cli *c, const char *marker, const char *text,
    const char *time)
{
	char *s = NULL;
	int n;

	n = time != NULL ? asprintf(&s, "%s%s (%s)", marker, text, time) :
	    asprintf(&s, "%s%s", marker, text);
	if (n < 0) {
		fputs("(out of memory)\n", stdout);
		return;
	}
	cli_put_text(c, stdout, s, 2);
	free(s);
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
		put_item(c, "* ", s->outcome->title,
		    strcmp(s->outcome->kind, "rut") == 0 ? "a rut type" :
		    "an intimacy blocker");
		cli_put_text(c, stdout, s->outcome->about, 0);
	}
	if (!any)
		cli_put_text(c, stdout, "\nNo rut type or intimacy blocker "
		    "stands out from your answers.", 0);
	for (i = 0; i < a->nscores; i++) {
		s = &a->scores[i];
		if (!s->fits || s->outcome->tag != 0)
			continue;
		put_heading(c, "One more thing, gently:");
		cli_put_text(c, stdout, s->outcome->about, 0);
		cli_put_text(c, stdout, "tend cannot tell what is going on "
		    "between you, and this is no diagnosis. A note of tend's "
		    "own, not from the articles: if you feel unsafe with your "
		    "partner, talk to someone on your own first (a doctor, a "
		    "counsellor, a local support line).", 0);
	}
	if (sg.ntips > 0)
		put_heading(c, any ? "Tips that fit best:" :
		    "Tips closest to your answers:");
	for (i = 0; i < sg.ntips; i++) {
		put_item(c, "* ", sg.tips[i]->title, NULL);
		put_item(c, "  ", sg.tips[i]->body, NULL);
	}
	if (sg.nexperiments > 0)
		put_heading(c, any ? "Experiments that fit best:" :
		    "Experiments closest to your answers:");
	for (i = 0; i < sg.nexperiments; i++)
		put_item(c, "* ", sg.experiments[i]->title,
		    sg.experiments[i]->time);
	if (any)
		cli_put_text(c, stdout, "\nThe experiment of the week now "
		    "leans toward what fits.", 0);
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

static int
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
		return cli_unexpected(c, argv[optind]);
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
		status = ask_all(c, cat, answers);
		free(answers);
		if (status != 0)
			return status == PAUSED ? 0 : status;
		/* Every answer is saved already: this only scores them. */
		if ((rc = tend_assess_finish(c->t, &a)) != TEND_OK)
			return cli_fail(c, rc);
		if (c->interactive)
			fputs("\nSaved.\n\n", stderr);
	}
	status = json ? print_json(c, &a) : print_result(c, &a);
	tend_assessment_release(&a);
	return status;
}
