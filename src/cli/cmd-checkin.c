/*
 * cmd-checkin.c - tend checkin: the weekly check-in, question by question,
 * each partner in turn.  Every answer is saved the moment it is given, so
 * stopping anywhere loses nothing and the next run resumes at the first
 * open answer.  On a terminal it prompts with readline; otherwise it reads
 * one answer per line with no prompts.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

static int	cmd_checkin(struct cli *, int, char **);

const struct tend_cmd cmd_checkin_entry = {
	.name = "checkin",
	.usage = "[--week WEEK] [--as NAME] [--deck NAME] [--redo QUESTION]",
	.summary = "run or resume this week's check-in",
	.help =
	    "Answer the deck's questions together, each partner in turn.  Every\n"
	    "answer is saved the moment it is given: stop anywhere (:pause,\n"
	    "Ctrl-D, Ctrl-C) and the next 'tend checkin' goes on at the first\n"
	    "open answer.  The weekly deck opens by asking how last week's\n"
	    "experiment went, and the check-in ends with your connection\n"
	    "ratings side by side and this week's experiment.\n"
	    "\n"
	    "Instead of an answer, type :skip (leave it), :back (redo the one\n"
	    "before), :hint, :pause or :help, in any case; '::' starts an answer\n"
	    "with ':'.  An answer another session saved meanwhile is replaced\n"
	    "only when you say so.  Without a terminal no prompt is shown:\n"
	    "answers are read one per line, in the same order.\n"
	    "\n"
	    "Options:\n"
	    "  --week WEEK       a past week: 2026-W45, last-week (not a future one)\n"
	    "  --as NAME         answer only NAME's part; the others answer later\n"
	    "  --deck NAME       another deck (see 'tend questions --decks')\n"
	    "  --redo QUESTION   answer one question again, by number or id\n"
	    "\n"
	    "Examples:\n"
	    "  tend checkin\n"
	    "  tend checkin --as Sam\n"
	    "  tend checkin --week last-week\n"
	    "  printf '%s\\n' yes 4 'the coffee' ... | tend checkin --as Alex\n",
	.flags = CMD_JOURNAL | CMD_WRITE,
	.fn = cmd_checkin,
};

#define ALL	((size_t)-1)

struct session {
	struct cli			*c;
	struct tend_checkin		*ck;
	const struct tend_deck		*d;
	const struct tend_partner	*p;
	size_t				 np;
	size_t				 as;	/* one partner, or ALL */
	const char			*week;	/* as asked for: said back */
	const char			*as_name;
	const char			*deck_name;
	long				 line;	/* input lines read */
	int				 done;	/* the check-in is over: notes */
	int				 lost;	/* a script's answer was kept out */
};

static const char help_text[] =
    "  :skip    leave this one unanswered and go on\n"
    "  :back    answer the previous one again\n"
    "  :hint    a nudge for this question\n"
    "  :pause   stop here; every answer so far is kept (also Ctrl-D)\n"
    "  :help    this list\n"
    "Commands may be typed in any case.  An answer that starts with ':'\n"
    "is typed with '::' (\"::-)\" saves \":-)\").\n";

/* What a line typed at a prompt is: an answer or one of the commands. */
enum colon {
	ANSWER = 0,
	COLON_SKIP,
	COLON_BACK,
	COLON_HINT,
	COLON_PAUSE,
	COLON_HELP,
	COLON_UNKNOWN
};

/* The commands' names, in the order of enum colon from COLON_SKIP. */
static const char *const colon_words[] = { "skip", "back", "hint", "pause",
    "help", NULL };

static enum colon
parse_colon(char *line)
{
	int i = cli_prompt_command(line, colon_words);

	return i == -1 ? ANSWER : i == -2 ? COLON_UNKNOWN :
	    (enum colon)(COLON_SKIP + i);
}

/* How to come back: the same command with the same choices. */
static void
say_resume(const struct session *s, const char *how)
{
	fprintf(stderr, "%s Every answer so far is saved; run 'tend checkin",
	    how);
	if (strcmp(s->week, tend_checkin_week(s->ck)) != 0 ||
	    s->deck_name != NULL || s->as_name != NULL)
		fprintf(stderr, " --week %s", tend_checkin_week(s->ck));
	if (s->deck_name != NULL)
		fprintf(stderr, " --deck %s", s->deck_name);
	if (s->as_name != NULL) {
		fputs(" --as ", stderr);
		cli_put_inline(stderr, s->as_name);
	}
	fputs("' to go on.\n", stderr);
}

static const char *
kind_hint(const struct tend_question *q)
{
	switch (q->kind) {
	case TEND_KIND_SCALE:
		return "  (1-10)";
	case TEND_KIND_YESNO:
		return "  (yes/no)";
	default:
		return "";
	}
}

static void
print_question(const struct session *s, size_t q)
{
	char *line = NULL;

	if (!s->c->interactive)
		return;
	if (asprintf(&line, "[%zu/%zu] %s%s", q + 1, s->d->nquestions,
	    s->d->questions[q].text, kind_hint(&s->d->questions[q])) < 0)
		return;
	fputc('\n', stderr);
	fputs(cli_sgr(s->c, "1"), stderr);
	cli_put_wrapped(s->c, stderr, line, 6);
	fputs(cli_sgr(s->c, "0"), stderr);
	free(line);
}

/* The session ends: 0 for a pause, or the negative exit status r. */
static int
stop(struct session *s, int r)
{
	/* Once the check-in is done there is nothing to come back to. */
	if (!s->done && r == -EXIT_INTERRUPT)
		say_resume(s, "Stopped.");
	else if (!s->done && r == 0)
		say_resume(s, "Paused.");
	return r;
}

/*
 * A bad answer, with the reason: asked again on a terminal, the end of a
 * script's run (the answers before it are kept).
 */
static int
refuse(struct session *s, const char *reason, const char *what)
{
	if (s->c->interactive) {
		fprintf(stderr, "  %s%s.%s\n", cli_sgr(s->c, "33"), reason,
		    cli_sgr(s->c, "0"));
		return 0;
	}
	return -cli_error(EXIT_DATA, "line %ld: %s (%s)", s->line, reason,
	    what);
}

/* A mistyped command, refused with the list of those there are. */
static int
unknown(struct session *s, const char *line, const char *what)
{
	const char *b = line + strspn(line, " \t");
	char reason[160];
	int n = (int)strcspn(b, " \t");

	/* Letters only: safe to quote as they are. */
	snprintf(reason, sizeof(reason), "unknown command '%.*s%s'; type "
	    ":skip, :back, :hint, :pause or :help", n > 24 ? 24 : n, b,
	    n > 24 ? "..." : "");
	return refuse(s, reason, what);
}

/*
 * Read one line for what (named in a script's errors): 1 with an answer
 * in *line (free it) or a command in *cmd (ANSWER with an answer).  :help
 * and unknown commands are dealt with here and the line asked again;
 * otherwise the session ends: 0 for a pause (":pause", end of input) or a
 * negative exit status.
 */
static int
read_answer(struct session *s, const char *prompt, const char *what,
    char **line, enum colon *cmd)
{
	int r;

	for (;;) {
		if ((r = cli_ask(s->c, prompt, line)) != 1)
			return stop(s, r);
		s->line++;
		switch ((*cmd = parse_colon(*line))) {
		case ANSWER:
			return 1;
		case COLON_HELP:
			fputs(help_text, stderr);
			break;
		case COLON_UNKNOWN:
			if ((r = unknown(s, *line, what)) < 0) {
				free(*line);
				*line = NULL;
				return r;
			}
			break;
		case COLON_PAUSE:
			free(*line);
			*line = NULL;
			return stop(s, 0);
		default:
			free(*line);
			*line = NULL;
			return 1;
		}
		free(*line);
		*line = NULL;
	}
}

/* The reply to :back or :hint where they have nothing to do. */
static void
nothing_to(enum colon cmd)
{
	if (cmd == COLON_BACK)
		fputs("  Nothing to go back to here.\n", stderr);
	else if (cmd == COLON_HINT)
		fputs("  No hint for this one: answer as it comes.\n", stderr);
}

/* Text typed that was not saved, shown whole so that it is not lost. */
static void
give_back(struct session *s, const char *what, const char *text)
{
	fprintf(stderr, "%s, not saved:\n", what);
	cli_put_wrapped(s->c, stderr, text, 0);
}

/*
 * Another session saved slot (q, p) while this one was asking it: show
 * that answer; on a terminal ask whether to replace it (no by default),
 * else keep it.  What was typed and kept out is shown back.  0 to go on,
 * or a negative exit status.
 */
static int
conflict(struct session *s, size_t q, size_t p, const char *value)
{
	const char *theirs = NULL;
	char *line = NULL;
	int r, rc, replace;

	for (;;) {
		if (!s->c->interactive) {
			cli_error(0, "line %ld: %s; it is kept", s->line,
			    cli_errtext(s->c->t));
			break;
		}
		fprintf(stderr, "  %s", cli_sgr(s->c, "33"));
		cli_put_inline(stderr, cli_errtext(s->c->t));
		fprintf(stderr, "%s", cli_sgr(s->c, "0"));
		if (tend_checkin_slot(s->ck, q, p, &theirs) ==
		    TEND_SLOT_ANSWERED) {
			fputs(":\n  ", stderr);
			cli_put_wrapped(s->c, stderr, theirs, 2);
		} else {
			fputs(".\n", stderr);
		}
		if ((r = cli_ask(s->c, "  Replace it with yours? [y/N] ",
		    &line)) != 1) {
			if (value != NULL)
				give_back(s, "Your answer", value);
			return stop(s, r);
		}
		replace = strcasecmp(line, "y") == 0 ||
		    strcasecmp(line, "yes") == 0;
		free(line);
		line = NULL;
		if (!replace) {
			fputs("  Kept.\n", stderr);
			break;
		}
		/* Replacing what was just shown, and only that. */
		if ((rc = tend_checkin_save(s->ck, q, p, value)) == TEND_OK)
			return 0;
		if (rc != TEND_ECONFLICT) {
			cli_fail(s->c, rc);
			if (value != NULL)
				give_back(s, "Your answer", value);
			return -cli_exit_status(rc);
		}
	}
	if (value != NULL) {
		give_back(s, "Your answer", value);
		/* A script learns it from the exit status; a person chose. */
		s->lost = !s->c->interactive;
	}
	return 0;
}

/* Save an answer; on failure show what was typed, so nothing is lost. */
static int
save(struct session *s, size_t q, size_t p, const char *value)
{
	int rc = tend_checkin_save(s->ck, q, p, value);

	if (rc == TEND_OK)
		return 0;
	if (rc == TEND_ECONFLICT)
		return conflict(s, q, p, value);
	cli_fail(s->c, rc);
	if (value != NULL) {
		fputs("tend: your answer was not saved; here it is to keep:\n",
		    stderr);
		cli_put_text(s->c, stderr, value, 0);
	}
	return -cli_exit_status(rc);
}

/*
 * The experiment lived in the check-in's week (handed out at the check-in
 * before), when it has no outcome yet: tried or not, and how it felt.
 * 1 to go on, 0 to pause, or a negative exit status.
 */
static int
look_back(struct session *s)
{
	static const struct tend_question tried_q = { "tried", "Tried?", NULL,
	    NULL, TEND_KIND_YESNO, NULL };
	static const char what[] = "did you try the experiment";
	struct tend_week_experiment ex;
	char *line = NULL, *yes = NULL, prompt[80], reason[40];
	enum colon cmd;
	int felt = 0, r, rc;

	if (tend_checkin_lookback(s->ck, &ex) != TEND_OK) {
		tend_week_experiment_release(&ex);
		return 1;
	}
	if (s->c->interactive) {
		fputs("\nYour experiment since the last check-in: ", stderr);
		cli_put_inline(stderr, ex.title);
		fputs("\n", stderr);
	}
	for (;;) {
		if ((r = read_answer(s, "Did you try it? (yes/no) ", what,
		    &line, &cmd)) != 1)
			goto out;
		if (cmd == COLON_SKIP) {
			r = 1;
			goto out;
		}
		if (cmd != ANSWER) {
			nothing_to(cmd);
			continue;
		}
		rc = tend_checkin_check(s->c->t, &tried_q, line, &yes);
		free(line);
		line = NULL;
		if (rc == TEND_OK)
			break;
		if ((r = refuse(s, cli_errtext(s->c->t), what)) < 0)
			goto out;
	}
	snprintf(prompt, sizeof(prompt), "How did it feel, from 1 (not good) "
	    "to %d (very good)? ", TEND_FELT_MAX);
	snprintf(reason, sizeof(reason), "answer with a number from 1 to %d",
	    TEND_FELT_MAX);
	while (strcmp(yes, "yes") == 0) {
		if ((r = read_answer(s, prompt, "how the experiment felt",
		    &line, &cmd)) != 1)
			goto out;
		if (cmd == COLON_SKIP)
			break;
		if (cmd != ANSWER) {
			nothing_to(cmd);
			continue;
		}
		rc = tend_felt_parse(line, &felt);
		free(line);
		line = NULL;
		if (rc == TEND_OK)
			break;
		felt = 0;
		if ((r = refuse(s, reason, "how the experiment felt")) < 0)
			goto out;
	}
	rc = tend_experiment_log(s->c->t, ex.week, strcmp(yes, "yes") == 0 ?
	    "tried" : "skipped", felt, NULL);
	r = rc == TEND_OK ? 1 : -cli_fail(s->c, rc);
out:
	free(line);
	free(yes);
	tend_week_experiment_release(&ex);
	return r;
}

static void
show_hint(const struct session *s, size_t q)
{
	const char *hint = s->d->questions[q].hint;
	char *line = NULL;

	if (hint == NULL) {
		fputs("  No hint for this one: answer as it comes.\n", stderr);
		return;
	}
	if (asprintf(&line, "  %s", hint) < 0)
		return;
	fputs(cli_sgr(s->c, "2"), stderr);
	cli_put_wrapped(s->c, stderr, line, 2);
	fputs(cli_sgr(s->c, "0"), stderr);
	free(line);
}

/*
 * Ask slot (q, p) until it is answered, skipped or left.  Returns 1 when
 * done with it, 2 for :back, 0 to pause, or a negative exit status.
 */
static int
ask_slot(struct session *s, size_t q, size_t p)
{
	const struct tend_question *qn = &s->d->questions[q];
	char prompt[128], what[128], *line = NULL, *value = NULL;
	enum colon cmd;
	int r;

	snprintf(prompt, sizeof(prompt), "%s: ", s->p[p].name);
	snprintf(what, sizeof(what), "question %zu, %s", q + 1, s->p[p].name);
	for (;;) {
		if ((r = read_answer(s, prompt, what, &line, &cmd)) != 1)
			return r;
		if (cmd == COLON_BACK)
			return 2;
		if (cmd == COLON_HINT) {
			show_hint(s, q);
			continue;
		}
		if (cmd == COLON_SKIP)
			return (r = save(s, q, p, NULL)) < 0 ? r : 1;
		if (tend_checkin_check(s->c->t, qn, line, &value) == TEND_OK)
			break;
		free(line);
		line = NULL;
		if ((r = refuse(s, cli_errtext(s->c->t), what)) < 0)
			return r;
	}
	r = save(s, q, p, value);
	free(line);
	free(value);
	return r < 0 ? r : 1;
}

/*
 * The slots in the library's turn order, from the first open one: each
 * is asked; :back steps to the previous slot in scope, answered or not.
 */
static int
run_slots(struct session *s)
{
	size_t q, p, shown = (size_t)-1;
	int r, rc;

	for (;;) {
		if ((rc = tend_checkin_next(s->ck, &q, &p)) != TEND_OK)
			return -cli_fail(s->c, rc);
		if (q == s->d->nquestions)
			return 1;
		if (q != shown)
			print_question(s, q);
		shown = q;
		if ((r = ask_slot(s, q, p)) <= 0)
			return r;
		if (r == 2) {
			if (!tend_checkin_back(s->ck))
				fputs("  Nothing to go back to.\n", stderr);
			else
				shown = (size_t)-1;
		}
	}
}

static int
redo(struct session *s, const char *spec)
{
	size_t q, p;
	int r, rc;

	if ((rc = tend_checkin_question(s->ck, spec, &q)) != TEND_OK)
		return cli_error(EXIT_USAGE, "%s (see 'tend questions')",
		    cli_errtext(s->c->t));
	print_question(s, q);
	for (p = 0; p < s->np; p++) {
		if (!tend_checkin_in_scope(s->ck, p))
			continue;
		while ((r = ask_slot(s, q, p)) == 2)
			fputs("  With --redo there is only this question.\n",
			    stderr);
		if (r <= 0)
			return -r;
	}
	return 0;
}

/* The connection ratings side by side, and a word where they differ. */
static void
summary_ratings(const struct session *s)
{
	char *line = NULL;
	size_t q, p, len = 0;
	int *ratings, apart, any;
	FILE *fp;

	if ((ratings = calloc(s->np, sizeof(*ratings))) == NULL)
		return;
	for (q = 0; q < s->d->nquestions; q++) {
		if (!tend_checkin_ratings(s->ck, q, ratings, &apart))
			continue;
		if ((fp = open_memstream(&line, &len)) == NULL)
			break;
		fputs("How connected you felt:", fp);
		for (any = 0, p = 0; p < s->np; p++)
			if (ratings[p] != 0)
				fprintf(fp, "%s %s %d", any++ ? "," : "",
				    s->p[p].name, ratings[p]);
		fputs(any ? "" : " not rated", fp);
		if (fclose(fp) == 0)
			cli_put_wrapped(s->c, stdout, line, 2);
		free(line);
		line = NULL;
		if (apart != 0 && asprintf(&line, "  Your ratings are %d "
		    "apart: worth talking about, gently.", apart) >= 0)
			cli_put_wrapped(s->c, stdout, line, 2);
		free(line);
		line = NULL;
	}
	free(ratings);
}

/*
 * The experiment handed out at this week's check-in: next week's, chosen
 * now if it was not yet, so that a Sunday evening's stays on Monday and the
 * next check-in looks back at it.
 */
static void
summary_experiment(const struct session *s)
{
	struct tend_week_experiment ex;
	char *line = NULL, *how = NULL;

	if (tend_checkin_handout(s->ck, &ex) != TEND_OK) {
		tend_week_experiment_release(&ex);
		return;
	}
	putchar('\n');
	if (asprintf(&line, "Your experiment until the next check-in: %s (%s)",
	    ex.title,
	    ex.time) >= 0) {
		cli_put_wrapped(s->c, stdout, line, 2);
		free(line);
	}
	if (*ex.how != '\0' && asprintf(&how, "  %s", ex.how) >= 0) {
		cli_put_wrapped(s->c, stdout, how, 2);
		free(how);
	}
	tend_week_experiment_release(&ex);
}

/*
 * One thank-you note: 0 when saved, or the exit status after saying why
 * and showing the note, so that nothing typed is lost.
 */
static int
save_note(struct session *s, size_t p, size_t to, const char *text)
{
	int rc, status;

	if ((rc = tend_note_check_text(s->c->t, text)) != TEND_OK)
		status = cli_error(EXIT_DATA, "%s; nothing saved",
		    cli_errtext(s->c->t));
	else if ((rc = tend_note_add(s->c->t, s->p[p].name, s->p[to].name,
	    text, 0, NULL)) != TEND_OK)
		status = cli_fail(s->c, rc);
	else
		return 0;
	give_back(s, "Your note", text);
	return status;
}

/*
 * In a couple, on a terminal: a thank-you note each, if they like.  The
 * exit status: 0, or that of the first note that could not be saved.
 */
static int
offer_notes(struct session *s)
{
	char prompt[200], *line = NULL;
	enum colon cmd;
	size_t p, to;
	int r, status = 0, st;

	if (!s->c->interactive || !tend_checkin_thanks_to(s->ck, 0, &to))
		return 0;
	fputs("\nA thank-you note for each other? Type it, or press Enter "
	    "to skip.\n", stderr);
	for (p = 0; p < s->np; p++) {
		if (!tend_checkin_in_scope(s->ck, p) ||
		    !tend_checkin_thanks_to(s->ck, p, &to))
			continue;
		snprintf(prompt, sizeof(prompt), "%s to %s: ", s->p[p].name,
		    s->p[to].name);
		/* :back and :hint have nothing to do here: asked again. */
		while ((r = read_answer(s, prompt, "a thank-you note", &line,
		    &cmd)) == 1 && (cmd == COLON_BACK || cmd == COLON_HINT))
			nothing_to(cmd);
		if (r != 1)
			return r < 0 ? -r : status;
		if (cmd == ANSWER && *line != '\0' &&
		    (st = save_note(s, p, to, line)) != 0 && status == 0)
			status = st;
		free(line);
		line = NULL;
	}
	return status;
}

static int
finish(struct session *s)
{
	const char *week = tend_checkin_week(s->ck);

	if (!tend_checkin_complete(s->ck, ALL)) {
		if (s->as != ALL && tend_checkin_complete(s->ck, s->as))
			printf("Your part of %s is saved; the check-in is done "
			    "once everyone has answered.\n", week);
		return 0;
	}
	printf("Check-in %s done.\n", week);
	summary_ratings(s);
	summary_experiment(s);
	s->done = 1;
	return offer_notes(s);
}

/* What this check-in is and who answers: wrapped to the terminal. */
static void
header(const struct session *s)
{
	char *line = NULL;
	size_t len = 0, p;
	FILE *fp;

	if (!s->c->interactive || (fp = open_memstream(&line, &len)) == NULL)
		return;
	fprintf(fp, "Check-in %s: %s, ", tend_checkin_week(s->ck),
	    s->d->title);
	for (p = 0; p < s->np; p++) {
		if (!tend_checkin_in_scope(s->ck, p))
			continue;
		if (p > 0 && s->as == ALL)
			fputs(p + 1 == s->np ? " and " : ", ", fp);
		fputs(s->p[p].name, fp);
	}
	if (fclose(fp) == 0) {
		fputs(cli_sgr(s->c, "1"), stderr);
		cli_put_wrapped(s->c, stderr, line, 2);
		fputs(cli_sgr(s->c, "0"), stderr);
	}
	free(line);
	cli_put_wrapped(s->c, stderr, "Answers are saved as you go. Type "
	    ":help for what you can type instead of an answer.", 0);
}

static int
cmd_checkin(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "deck", required_argument, NULL, 'd' },
		{ "redo", required_argument, NULL, 'r' },
		{ "week", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct session s;
	const char *week_spec = "this-week", *redo_spec = NULL;
	char week[TEND_WEEK_LEN], this_week[TEND_WEEK_LEN];
	int ch, rc, status, r;

	memset(&s, 0, sizeof(s));
	s.c = c;
	s.as = ALL;
	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			s.as_name = optarg;
			break;
		case 'd':
			s.deck_name = optarg;
			break;
		case 'r':
			redo_spec = optarg;
			break;
		case 'w':
			week_spec = optarg;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_unexpected(c, argv[optind]);
	if ((rc = tend_week_resolve(c->t, week_spec, 1, week)) != TEND_OK ||
	    (rc = tend_week_resolve(c->t, "this-week", 1, this_week)) !=
	    TEND_OK)
		return cli_fail(c, rc);
	if ((rc = tend_checkin_open(c->t, week, s.deck_name, &s.ck)) !=
	    TEND_OK)
		return cli_fail(c, rc);
	s.week = this_week;
	s.d = tend_checkin_deck(s.ck);
	s.p = tend_checkin_partners(s.ck, &s.np);
	if ((rc = tend_checkin_as(s.ck, s.as_name, &s.as)) != TEND_OK) {
		status = cli_fail(c, rc);
		goto out;
	}
	if (redo_spec != NULL) {
		header(&s);
		if ((status = redo(&s, redo_spec)) == 0)
			status = finish(&s);
		if (status == 0 && s.lost)
			status = 1;
		goto out;
	}
	if (tend_checkin_complete(s.ck, s.as)) {
		if (s.as == ALL || tend_checkin_complete(s.ck, ALL))
			printf("The check-in of %s is done; see 'tend show "
			    "%s'.\n", week, week);
		else
			printf("Your part of %s is done; the others have yet "
			    "to answer.\n", week);
		status = 0;
		goto out;
	}
	header(&s);
	if ((r = look_back(&s)) == 1)
		r = run_slots(&s);
	status = r < 0 ? -r : r == 0 ? 0 : finish(&s);
	/* An answer typed and kept out for another session's: said above. */
	if (status == 0 && s.lost)
		status = 1;
out:
	tend_checkin_free(s.ck);
	return status;
}
