/*
 * cmd-assess.c - tend assess: the "where are we stuck?" questionnaire,
 * which each partner answers alone.  On a terminal each statement is
 * asked with readline and a bad answer is asked again; otherwise one
 * answer per line comes from standard input.  Each answer is saved as it
 * is given, like the check-in's, so a pause, Ctrl-C or the end of input
 * keeps them and the next 'tend assess --as NAME' goes on.  The results
 * stay private until both have answered, then show side by side: what
 * fits, why, where the two see it differently, and what to try.  A hint,
 * never a diagnosis.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"

static int	cmd_assess(struct cli *, int, char **);

const struct tend_cmd cmd_assess_entry = {
	.name = "assess",
	.usage = "[--as NAME] [--show] [--json]",
	.summary = "which rut types and intimacy blockers fit you now",
	.help =
	    "Each of you answers alone: statements from 1 (strongly disagree)\n"
	    "to 5 (strongly agree), then see which rut types and intimacy\n"
	    "blockers fit and why, and the tips and experiments that fit best.\n"
	    "Your answers and result stay hidden from your partner until both\n"
	    "of you have answered; then both results show side by side, with\n"
	    "where you see it differently.  Only statements within the\n"
	    "journal's intimacy setting are asked.  On a terminal tend asks who\n"
	    "is answering and each statement in turn; otherwise give --as and\n"
	    "one answer per line on standard input.  Each answer is saved as it\n"
	    "is given: after :pause, Ctrl-C (exit 130) or input that ends\n"
	    "early, the next 'tend assess --as NAME' goes on where it stopped.\n"
	    "The result is a hint for conversation, not a diagnosis; tend is\n"
	    "not therapy.\n"
	    "\n"
	    "At a statement, instead of an answer (any case):\n"
	    "  :back    answer the previous statement again\n"
	    "  :skip    leave it unanswered; it counts for nothing\n"
	    "  :pause   stop here, answers kept (also Ctrl-D)\n"
	    "  :help    this list\n"
	    "\n"
	    "Options:\n"
	    "  --as NAME   who is answering, or whose view --show prints\n"
	    "  --show      print the results instead of asking\n"
	    "  --json      print JSON instead\n"
	    "\n"
	    "Examples:\n"
	    "  tend assess --as Sam\n"
	    "  tend assess --show --as Alex\n"
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

/*
 * A colon command at the statement numbered i + 1 of n; with i moved for
 * :back.  0 to ask again, or an exit status (EXIT_DATA for an unknown one
 * from a script).
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

/* How to go on, after a pause or the end of a script's answers. */
static void
go_on(FILE *fp, const char *who)
{
	fputs("run 'tend assess --as ", fp);
	cli_put_inline(fp, who);
	fputs("' to go on", fp);
}

/*
 * Ask who's statements (those the intimacy setting allows: asked[m], in
 * the catalogue's order) from where their assessment in progress
 * stopped, saving each answer as it comes: 0 when every one was asked,
 * PAUSED after saying how to go on, or an exit status after saying why.
 */
static int
ask_all(struct cli *c, const struct tend_catalog *cat, const char *who,
    const size_t *asked, size_t m)
{
	char prompt[160], *line = NULL;
	size_t i, next, k, done = 0, n = cat->nstatements;
	int *answers, r, v, cmd;

	if ((answers = calloc(n ? n : 1, sizeof(*answers))) == NULL)
		return cli_error(1, "out of memory");
	if ((r = tend_assess_progress(c->t, who, answers, n, &next)) !=
	    TEND_OK && r != TEND_ENOENT) {
		free(answers);
		return cli_fail(c, r);
	}
	/* The first statement asked after the last one answered. */
	for (i = 0; i < m && asked[i] < next; i++)
		continue;
	for (k = 0; k < m; k++)
		done += answers[asked[k]] != 0;
	if (c->interactive)
		intro(c, cat);
	if (r == TEND_OK)
		cli_note("Resuming: %zu of %zu answered.", done, m);
	/* The prompt names both ends of the scale, so no answer is a guess. */
	snprintf(prompt, sizeof(prompt), "1 (%s) to 5 (%s): ", cat->scale[0],
	    cat->scale[4]);
	for (r = 0; i < m; ) {
		k = asked[i];
		if (c->interactive) {
			fprintf(stderr, "\n%zu of %zu", i + 1, m);
			if (answers[k] != 0)
				fprintf(stderr, " (answered %d)", answers[k]);
			fputc('\n', stderr);
			cli_put_text(c, stderr, cat->statements[k].text, 0);
		}
		if ((r = cli_ask(c, prompt, &line)) < 0) {
			if (r == -EXIT_INTERRUPT) {
				fprintf(stderr, "tend: paused at statement %zu "
				    "of %zu; your answers are kept: ", i + 1,
				    m);
				go_on(stderr, who);
				fputc('\n', stderr);
			}
			r = -r;
			break;
		}
		if (r == 0 && !c->interactive) {
			fprintf(stderr, "tend: the answers ended after %zu of "
			    "%zu statements; they are kept: ", i, m);
			go_on(stderr, who);
			fputc('\n', stderr);
			r = 1;
			break;
		}
		cmd = r == 0 ? CMD_PAUSE : cli_prompt_command(line, commands);
		if (cmd == CMD_PAUSE) {
			fprintf(stderr, "Paused at statement %zu of %zu. Your "
			    "answers are kept; ", i + 1, m);
			go_on(stderr, who);
			fputs(".\n", stderr);
			r = PAUSED;
			break;
		}
		if (cmd == CMD_BACK || cmd == CMD_HELP || cmd == -2) {
			r = command(c, cmd, line, &i, m);
			free(line);
			line = NULL;
			if (r != 0)
				break;
			continue;
		}
		v = cmd == CMD_SKIP ? 0 : parse_answer(line);
		if (cmd != CMD_SKIP && v == 0) {
			if (!c->interactive) {
				r = cli_error(EXIT_DATA, "answer %zu, '%s', is "
				    "not a number from 1 to 5; the answers "
				    "before it are kept", i + 1, line);
				break;
			}
			cli_note("'%s' is not on the scale; type a number from "
			    "1 to 5, or :help.", line);
			free(line);
			line = NULL;
			continue;
		}
		free(line);
		line = NULL;
		if ((r = tend_assess_answer(c->t, who, k, v)) != TEND_OK) {
			r = cli_fail(c, r);
			break;
		}
		answers[k] = v;
		i++;
		r = 0;
	}
	free(line);
	free(answers);
	return r;
}

/*
 * A result for people: what fits and why, a concern gently, where the
 * partners see it differently, and what to try.  Every name and date is
 * stored text: it goes out through cli_put_text or cli_put_inline.
 */
static void
put_heading(struct cli *c, const char *text)
{
	printf("\n%s", cli_sgr(c, "1"));
	cli_put_text(c, stdout, text, 0);
	fputs(cli_sgr(c, "0"), stdout);
}

/* A dim line saying whose result this is. */
static void
put_dim(struct cli *c, const char *text)
{
	fputs(cli_sgr(c, "2"), stdout);
	cli_put_text(c, stdout, text, 0);
	fputs(cli_sgr(c, "0"), stdout);
}

/* The local date of a stored UTC stamp; its first ten bytes if unreadable. */
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

static const char *
kind_words(const struct tend_outcome *o)
{
	return strcmp(o->kind, "rut") == 0 ? "a rut type" :
	    "an intimacy blocker";
}

/*
 * The rut types and blockers of a that fit, under heading, each with why;
 * with every (the bits of all partners, in a view's together) only those
 * that fit every one of them.  none says so when nothing does.
 */
static void
print_fits(struct cli *c, const struct tend_assessment *a, unsigned every,
    const char *heading, const char *none)
{
	const struct tend_score *s;
	size_t i;
	int any = 0;

	for (i = 0; i < a->nscores; i++) {
		s = &a->scores[i];
		if (!s->fits || s->outcome->tag == 0 ||
		    (s->fits_for & every) != every)
			continue;
		if (!any)
			put_heading(c, heading);
		any = 1;
		put_item(c, "* ", s->outcome->title, kind_words(s->outcome));
		cli_put_text(c, stdout, s->outcome->about, 0);
	}
	if (!any) {
		fputc('\n', stdout);
		cli_put_text(c, stdout, none, 0);
	}
}

/* The concern, when it fits: gently, with tend's own note on safety. */
static void
print_concern(struct cli *c, const struct tend_assessment *a)
{
	const struct tend_score *s;
	size_t i;

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
}

/* "Sam's" or "Sam's, Kim's and Alex's": the partners whose bit is want. */
static void
put_whose(FILE *fp, const struct tend_assess_view *v, unsigned set,
    unsigned want)
{
	size_t p, n = 0, k = 0;

	for (p = 0; p < v->np; p++)
		n += (set >> p & 1u) == want;
	for (p = 0; p < v->np; p++) {
		if ((set >> p & 1u) != want)
			continue;
		fputs(k == 0 ? "" : k + 1 == n ? " and " : ", ", fp);
		cli_put_inline(fp, v->partners[p].name);
		fputs("'s", fp);
		k++;
	}
}

/*
 * Where the partners' answers part: a rut type or blocker that fits some
 * of them and not the others, said without a verdict.  The concern is
 * left to its own gentle words, never put on one partner.
 */
static void
print_differences(struct cli *c, const struct tend_assess_view *v,
    unsigned every)
{
	const struct tend_score *s;
	char *line = NULL;
	size_t i, len = 0;
	int any = 0;
	FILE *fp;

	for (i = 0; i < v->together.nscores; i++) {
		s = &v->together.scores[i];
		if (s->outcome->tag == 0 || s->fits_for == 0 ||
		    s->fits_for == every)
			continue;
		if (!any)
			put_heading(c, "Where you see it differently:");
		any = 1;
		if ((fp = open_memstream(&line, &len)) == NULL)
			return;
		fprintf(fp, "* %s (%s): ", s->outcome->title,
		    kind_words(s->outcome));
		put_whose(fp, v, s->fits_for, 1);
		fputs(" answers point to it; ", fp);
		put_whose(fp, v, s->fits_for, 0);
		fputs(" do not.", fp);
		if (fclose(fp) == 0)
			cli_put_text(c, stdout, line, 2);
		free(line);
		line = NULL;
	}
	if (any)
		cli_put_text(c, stdout, "Neither of you is wrong: each of you "
		    "lives the same weeks from a different place. Ask what the "
		    "other noticed, and listen before deciding what to try.",
		    0);
}

/*
 * The tips and experiments for a: those that fit when anything fits,
 * else those closest to it.  leans: the weekly experiment leans on a.
 */
static int
print_suggestions(struct cli *c, const struct tend_assessment *a, int leans)
{
	struct tend_suggestions sg;
	size_t i;
	int rc, any = a->fits != 0 || a->concern;

	if ((rc = tend_assess_suggest(c->t, a, &sg)) != TEND_OK)
		return cli_fail(c, rc);
	if (sg.ntips > 0)
		put_heading(c, any ? "Tips that fit best:" :
		    "Tips closest to these answers:");
	for (i = 0; i < sg.ntips; i++) {
		put_item(c, "* ", sg.tips[i]->title, NULL);
		put_item(c, "  ", sg.tips[i]->body, NULL);
	}
	if (sg.nexperiments > 0)
		put_heading(c, any ? "Experiments that fit best:" :
		    "Experiments closest to these answers:");
	for (i = 0; i < sg.nexperiments; i++)
		put_item(c, "* ", sg.experiments[i]->title,
		    sg.experiments[i]->time);
	if (a->fits != 0 && leans)
		cli_put_text(c, stdout, "\nThe experiment of the week now "
		    "leans toward what fits.", 0);
	return 0;
}

/*
 * "tend: Sam has answered, Alex has not yet; results appear side by side
 * when both have" on stderr, when the privacy rule keeps a result back.
 */
static void
waiting(const struct tend_assess_view *v, int named)
{
	cli_waiting_note("", v->answered, v->nanswered, v->waiting,
	    v->nwaiting, "results appear side by side", named);
}

/* The assessments as viewer sees them; 1 when there is nothing at all. */
static int
print_view(struct cli *c, const struct tend_assess_view *v,
    const char *viewer)
{
	const char *none = "No rut type or intimacy blocker stands out from "
	    "these answers.";
	unsigned every = (1u << v->np) - 1;
	char *line = NULL, date[16];
	size_t p, who = v->viewer, len = 0;
	FILE *fp;

	if (v->legacy) {
		local_date(v->together.taken, date);
		/* Within 80 columns, as its own line. */
		if (asprintf(&line, "Your assessment of %s, answered together "
		    "before each answered alone", date) < 0)
			return cli_error(1, "out of memory");
		put_dim(c, line);
		free(line);
		print_fits(c, &v->together, 0, "What fits you now, and why:",
		    none);
		print_concern(c, &v->together);
		return print_suggestions(c, &v->together, 1);
	}
	if (v->complete) {
		if ((fp = open_memstream(&line, &len)) == NULL)
			return cli_error(1, "out of memory");
		fputs("Your assessments: ", fp);
		for (p = 0; p < v->np; p++) {
			local_date(v->each[p].taken, date);
			fprintf(fp, "%s%s's of %s", p == 0 ? "" : ", ",
			    v->partners[p].name, date);
		}
		if (fclose(fp) != 0) {
			free(line);
			return cli_error(1, "out of memory");
		}
		put_dim(c, line);
		free(line);
		print_fits(c, &v->together, every, "What fits you both now, "
		    "and why:", v->np == 2 ? "Nothing fits you both now." :
		    "Nothing fits all of you now.");
		print_differences(c, v, every);
		print_concern(c, &v->together);
		return print_suggestions(c, &v->together, 1);
	}
	if (who < v->np && v->shown[who]) {
		local_date(v->each[who].taken, date);
		if (asprintf(&line, "%s's assessment of %s",
		    v->partners[who].name, date) < 0)
			return cli_error(1, "out of memory");
		put_dim(c, line);
		free(line);
		waiting(v, 1);
		print_fits(c, &v->each[who], 0, "What fits you now, and why:",
		    none);
		print_concern(c, &v->each[who]);
		return print_suggestions(c, &v->each[who], 0);
	}
	for (p = 0; p < v->np && !v->done[p]; p++)
		continue;
	if (p == v->np)
		return -1;
	waiting(v, viewer != NULL);
	return 0;
}

/* On a terminal, without --as: who is answering, asked by name. */
static int
ask_who(struct cli *c, char **who)
{
	struct tend_partner *p = NULL;
	char *prompt = NULL, *line = NULL;
	size_t n = 0, i, len = 0;
	int r, rc;
	FILE *fp;

	if ((rc = tend_partners(c->t, &p, &n)) != TEND_OK)
		return -cli_fail(c, rc);
	if ((fp = open_memstream(&prompt, &len)) == NULL) {
		tend_partners_free(p, n);
		return -cli_error(1, "out of memory");
	}
	fputs("Each of you answers alone. Who is answering (", fp);
	for (i = 0; i < n; i++) {
		fputs(i == 0 ? "" : i + 1 == n ? " or " : ", ", fp);
		cli_put_inline(fp, p[i].name);
	}
	fputs(")? ", fp);
	tend_partners_free(p, n);
	if (fclose(fp) != 0) {
		free(prompt);
		return -cli_error(1, "out of memory");
	}
	for (;;) {
		if ((r = cli_ask(c, prompt, &line)) <= 0) {
			r = r < 0 ? r : -cli_error(1, "nobody named; nothing "
			    "was asked");
			break;
		}
		if (*line != '\0' && tend_partner_find(c->t, line, NULL) ==
		    TEND_OK) {
			*who = line;
			r = 1;
			break;
		}
		if (*line != '\0')
			cli_note("%s", cli_errtext(c->t));
		free(line);
	}
	free(prompt);
	return r;
}

static int
show(struct cli *c, const char *viewer, int json)
{
	struct tend_assess_view v;
	char *s = NULL;
	int rc, status;

	if ((rc = tend_assess_view(c->t, viewer, &v)) != TEND_OK)
		return cli_fail(c, rc);
	if (json) {
		rc = tend_assess_view_json(c->t, &v, &s);
		status = cli_put_json(c, rc, s);
	} else if ((status = print_view(c, &v, viewer)) < 0)
		status = cli_error(1, "no assessment yet; each of you takes "
		    "one with 'tend assess --as NAME'");
	tend_assess_view_release(&v);
	return status;
}

static int
cmd_assess(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "show", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const struct tend_catalog *cat;
	struct tend_assessment a;
	const char *as = NULL;
	char *who = NULL;
	size_t *asked = NULL, m = 0, i;
	int ch, json = 0, showing = 0, status, rc;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			as = optarg;
			break;
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
	if (showing)
		return show(c, as, json);
	if (as == NULL && !c->interactive)
		return cli_error(EXIT_USAGE, "each partner answers the "
		    "assessment alone: say who with 'tend assess --as NAME'");
	/* Refused before the first question, not after the last. */
	if (!tend_writable(c->t))
		return cli_error(EXIT_IO, "cannot write the journal %s: it or "
		    "its folder is read-only; check its permissions",
		    c->paths.journal);
	if (as != NULL && (rc = tend_partner_find(c->t, as, &who)) != TEND_OK)
		return cli_fail(c, rc);
	if (as == NULL && (status = ask_who(c, &who)) <= 0)
		return -status;
	if ((asked = calloc(cat->nstatements ? cat->nstatements : 1,
	    sizeof(*asked))) == NULL) {
		free(who);
		return cli_error(1, "out of memory");
	}
	for (i = 0; i < cat->nstatements; i++)
		if (tend_assess_asked(c->t, i) == 1)
			asked[m++] = i;
	status = ask_all(c, cat, who, asked, m);
	free(asked);
	if (status == 0) {
		/* Every answer is saved already: this only scores them. */
		if ((rc = tend_assess_finish(c->t, who, &a)) != TEND_OK)
			status = cli_fail(c, rc);
		else {
			tend_assessment_release(&a);
			if (c->interactive)
				fputs("\nSaved.\n\n", stderr);
			status = show(c, who, json);
		}
	}
	free(who);
	return status == PAUSED ? 0 : status;
}
