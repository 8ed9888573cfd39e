/*
 * cmd-experiment.c - tend experiment: the current small thing to try
 * (chosen on the first call and kept; after a check-in, the one it handed
 * out), how it went, a replacement, and the past weeks.  Subcommands come
 * from a small table, like commands do.  Which experiment is current is
 * the library's rule (tend_experiment_current).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static int	cmd_experiment(struct cli *, int, char **);

const struct tend_cmd cmd_experiment_entry = {
	.name = "experiment",
	.usage =
	    "[done [--felt 1-5] [REFLECTION...] | skip | new | list] [--yes] "
	    "[--json]",
	.summary = "this week's small experiment, and how it went",
	.help =
	    "Show this week's experiment: one small thing to try, how to do it,\n"
	    "the time it takes and the article it comes from.  The first call\n"
	    "of the week chooses it, and it stays the same for both partners.\n"
	    "The one handed out at the end of a check-in stays yours until the\n"
	    "next check-in, which asks how it went (a Sunday evening check-in's\n"
	    "is still shown on Monday).\n"
	    "Every experiment comes up once before any comes back, none within\n"
	    "12 weeks; nothing goes past the intimacy setting (see 'tend\n"
	    "config'), and after 'tend assess' the choice leans toward what\n"
	    "fits you.\n"
	    "\n"
	    "  done [REFLECTION...]   log it as tried, with a few words on how\n"
	    "                         it went (asked for on a terminal)\n"
	    "  skip                   log it as skipped\n"
	    "  new                    choose another in its place; the one\n"
	    "                         replaced stays in the list, with what\n"
	    "                         was logged (skipped if nothing was)\n"
	    "  list                   every experiment, newest first, replaced\n"
	    "                         ones marked\n"
	    "\n"
	    "Replacing an outcome or reflection logged before asks first on a\n"
	    "terminal; without one it is refused (exit 64) unless --yes.\n"
	    "\n"
	    "Options:\n"
	    "  --felt 1-5   with done: how it felt, 1 (bad) to 5 (great)\n"
	    "  --yes, --force  with done or skip: replace what was logged\n"
	    "  --json       print JSON instead\n"
	    "\n"
	    "Examples:\n"
	    "  tend experiment\n"
	    "  tend experiment done --felt 4 we laughed a lot\n"
	    "  tend experiment list --json\n",
	.flags = CMD_JOURNAL,
	.fn = cmd_experiment,
};

/* Columns before a past week's title and reflection in the list. */
#define LIST_INDENT	10

struct sub {
	const char	*name;
	int		(*fn)(struct cli *, int argc, char **argv);
};

static int
print_json(struct cli *c, const struct tend_week_experiment *x)
{
	char *s = NULL;
	int rc;

	rc = tend_experiment_json(c->t, x, &s);
	return cli_put_json(c, rc, s);
}

/* text as a block indented by indent columns, wrapped to the width. */
static void
put_block(const struct cli *c, const char *text, int indent)
{
	char *s = NULL;

	/* Leading spaces count on the first line, so the block lines up. */
	if (asprintf(&s, "%*s%s", indent, "", text) < 0) {
		fputs("(out of memory)\n", stdout);
		return;
	}
	cli_put_text(c, stdout, s, indent);
	free(s);
}

/* "tried, felt 4 of 5", "skipped", "not logged yet"; ", replaced" */
static void
put_state(const struct tend_week_experiment *x)
{
	if (x->outcome == NULL)
		fputs("not logged yet", stdout);
	else
		cli_put_inline(stdout, x->outcome);
	if (x->felt > 0)
		printf(", felt %d of 5", x->felt);
	if (x->replaced)
		fputs(", replaced", stdout);
}

static int
show(struct cli *c, const struct tend_week_experiment *x)
{
	const struct tend_catalog *cat = NULL;
	const struct tend_experiment *e;
	char this[TEND_WEEK_LEN], head[80], *alt = NULL;
	int status, rc;

	if ((status = cli_catalog(c, &cat)) != 0)
		return status;
	if ((rc = tend_week_resolve(c->t, "this-week", 0, this)) != TEND_OK)
		return cli_fail(c, rc);
	e = tend_find_experiment(cat, x->item);
	/* Handed out at this week's check-in: it runs until the next one. */
	snprintf(head, sizeof(head), "%s (%s)", strcmp(x->week, this) == 0 ?
	    "This week's experiment" :
	    "Your experiment until the next check-in", x->week);
	fputs(cli_sgr(c, "2"), stdout);
	cli_put_text(c, stdout, head, 0);
	fputs(cli_sgr(c, "0"), stdout);
	fputs(cli_sgr(c, "1"), stdout);
	cli_put_text(c, stdout, x->title, 0);
	fputs(cli_sgr(c, "0"), stdout);
	if (x->how[0] != '\0')
		cli_put_text(c, stdout, x->how, 0);
	putchar('\n');
	if (x->time[0] != '\0') {
		fputs("Takes: ", stdout);
		cli_put_inline(stdout, x->time);
		putchar('\n');
	}
	/* Not every couple lives together, shares a bed, walks or spends. */
	if (e != NULL && e->alternative != NULL &&
	    asprintf(&alt, "Another way: %s", e->alternative) >= 0) {
		cli_put_text(c, stdout, alt, 2);
		free(alt);
	}
	if (e != NULL)
		cli_put_source(c, e->source);
	fputs("State: ", stdout);
	put_state(x);
	putchar('\n');
	if (x->reflection != NULL) {
		puts("Reflection:");
		put_block(c, x->reflection, 2);
	} else if (x->outcome == NULL) {
		cli_put_text(c, stdout, "When you have tried it: tend "
		    "experiment done [REFLECTION] [--felt 1-5]", 0);
	}
	return 0;
}

/* Parse --felt, else a usage error before anything is saved. */
static int
parse_felt(const char *arg, int *felt)
{
	if (tend_felt_parse(arg, felt) != TEND_OK)
		return cli_error(EXIT_USAGE, "--felt takes a whole number from "
		    "1 to %d, not '%s'", TEND_FELT_MAX, arg);
	return 0;
}

/* After a change: week's experiment as JSON, or one line for people. */
static int
report(struct cli *c, const char *week, int json, const char *what)
{
	struct tend_week_experiment x;
	int rc, status = 0;

	if ((rc = tend_experiment_get(c->t, week, 0, &x)) != TEND_OK)
		return cli_fail(c, rc);
	if (json) {
		status = print_json(c, &x);
	} else {
		printf("%s '", what);
		cli_put_inline(stdout, x.title);
		fputs("': ", stdout);
		put_state(&x);
		puts(".");
	}
	tend_week_experiment_release(&x);
	return status;
}

/*
 * Log outcome over x.  When that would replace what was logged before
 * (another outcome or reflection), ask on a terminal, and without one
 * refuse unless force: nothing is replaced unasked.  0, or the exit status
 * after saying why (1 when the answer was no).
 */
static int
log_over(struct cli *c, const struct tend_week_experiment *x,
    const char *outcome, int felt, const char *text, int force)
{
	char *line = NULL;
	int r, yes, rc;

	if (!force && tend_experiment_replaces(x, outcome, text)) {
		if (!c->interactive)
			return cli_error(EXIT_USAGE, "'%s' is already logged as "
			    "%s on %s; add --yes to replace that", x->title,
			    x->outcome, x->logged);
		fputs("'", stderr);
		cli_put_inline(stderr, x->title);
		fprintf(stderr, "' is already logged as %s on %s%s.\n",
		    x->outcome, x->logged, x->reflection != NULL ?
		    ", with a reflection" : "");
		if ((r = cli_ask(c, "Replace it? [y/N] ", &line)) < 0)
			return -r;
		yes = r > 0 && (strcasecmp(line, "y") == 0 ||
		    strcasecmp(line, "yes") == 0);
		free(line);
		if (!yes) {
			cli_note("Kept as it was.");
			return 1;
		}
		force = 1;
	}
	rc = force ? tend_experiment_relog(c->t, x->week, outcome, felt, text) :
	    tend_experiment_log(c->t, x->week, outcome, felt, text);
	return rc == TEND_OK ? 0 : cli_fail(c, rc);
}

static int
sub_done(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "felt", required_argument, NULL, 'f' },
		{ "force", no_argument, NULL, 'y' },
		{ "json", no_argument, NULL, 'j' },
		{ "yes", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_week_experiment x;
	char *text = NULL;
	int ch, felt = 0, json = 0, force = 0, asked = 0, status, rc;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((status = parse_felt(optarg, &felt)) != 0)
				return status;
			break;
		case 'j':
			json = 1;
			break;
		case 'y':
			force = 1;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	/* Nothing to log is said before anyone types a reflection. */
	if ((rc = tend_experiment_current(c->t, 0, &x)) != TEND_OK)
		return cli_fail(c, rc);
	/* The words of a reflection; NULL for none. */
	if (optind < argc && (text = cli_join(argc - optind,
	    argv + optind)) == NULL) {
		status = cli_error(1, "out of memory");
		goto out;
	}
	/* On a terminal, ask: typed here it stays out of shell history. */
	if (text == NULL && c->interactive) {
		cli_note("How did it go? A few words for the journal, or Enter "
		    "to leave it.");
		if ((status = cli_ask(c, "> ", &text)) < 0) {
			status = -status;
			goto out;
		}
		if (status > 0 && text[0] == '\0') {
			free(text);
			text = NULL;
		}
		asked = 1;
	}
	if ((status = log_over(c, &x, "tried", felt, text, force)) != 0) {
		/* Words typed at the prompt exist nowhere else: give them back. */
		if (asked && text != NULL) {
			cli_note("What you typed, so that it is not lost:");
			cli_put_text(c, stderr, text, 0);
		}
		goto out;
	}
	status = report(c, x.week, json, "Logged");
out:
	free(text);
	tend_week_experiment_release(&x);
	return status;
}

/* Options that only take --json: skip, new, list. */
static int
only_json(struct cli *c, int argc, char **argv, int *json)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (ch != 'j')
			return cli_option_error(c->cmd, ch, argv);
		*json = 1;
	}
	if (optind < argc)
		return cli_unexpected(c, argv[optind]);
	return 0;
}

static int
sub_skip(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'y' },
		{ "json", no_argument, NULL, 'j' },
		{ "yes", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_week_experiment x;
	int ch, status, rc, json = 0, force = 0;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (ch == 'j')
			json = 1;
		else if (ch == 'y')
			force = 1;
		else
			return cli_option_error(c->cmd, ch, argv);
	}
	if (optind < argc)
		return cli_unexpected(c, argv[optind]);
	if ((rc = tend_experiment_current(c->t, 0, &x)) != TEND_OK)
		return cli_fail(c, rc);
	if ((status = log_over(c, &x, "skipped", 0, NULL, force)) == 0)
		status = report(c, x.week, json, "Logged");
	if (status == 0 && !json)
		puts("'tend experiment new' picks another in its place.");
	tend_week_experiment_release(&x);
	return status;
}

static int
sub_new(struct cli *c, int argc, char **argv)
{
	struct tend_week_experiment old, x;
	char week[TEND_WEEK_LEN];
	int status, rc, had, json = 0;

	if ((status = only_json(c, argc, argv, &json)) != 0)
		return status;
	rc = tend_experiment_current(c->t, 0, &old);
	if (rc != TEND_OK && rc != TEND_ENOENT)
		return cli_fail(c, rc);
	had = rc == TEND_OK;
	/* The current one's week, or this week when there is none yet. */
	if (had)
		snprintf(week, sizeof(week), "%s", old.week);
	else if ((rc = tend_week_resolve(c->t, "this-week", 0, week)) !=
	    TEND_OK)
		return cli_fail(c, rc);
	if ((rc = tend_experiment_new(c->t, week, &x)) != TEND_OK) {
		tend_week_experiment_release(&old);
		return cli_fail(c, rc);
	}
	if (json) {
		status = print_json(c, &x);
	} else {
		if (had && old.outcome == NULL) {
			fputs("Skipped '", stdout);
			cli_put_inline(stdout, old.title);
			puts("'. Here is another:\n");
		} else if (had) {
			fputs("'", stdout);
			cli_put_inline(stdout, old.title);
			puts("' stays in the list with what you logged. Here is "
			    "another:\n");
		}
		status = show(c, &x);
	}
	tend_week_experiment_release(&old);
	tend_week_experiment_release(&x);
	return status;
}

static int
sub_list(struct cli *c, int argc, char **argv)
{
	struct tend_week_experiment *list = NULL;
	char *s = NULL, *wk;
	size_t n = 0, i;
	int status, rc, json = 0, w;

	if ((status = only_json(c, argc, argv, &json)) != 0)
		return status;
	if ((rc = tend_experiment_list(c->t, &list, &n)) != TEND_OK)
		return cli_fail(c, rc);
	if (json) {
		rc = tend_experiment_list_json(c->t, list, n, &s);
		tend_experiment_list_free(list, n);
		return cli_put_json(c, rc, s);
	}
	if (n == 0)
		puts("No experiments yet; 'tend experiment' chooses this "
		    "week's.");
	for (i = 0; i < n; i++) {
		/*
		 * A week's replaced choices follow its current one.  A stored
		 * week, so escaped; padded by what shows.
		 */
		wk = i > 0 && strcmp(list[i].week, list[i - 1].week) == 0 ?
		    strdup("") : tend_text_escape(list[i].week,
		    strlen(list[i].week), 0);
		w = wk != NULL ? tend_text_width(wk) : 0;
		printf("%s%*s", wk != NULL ? wk : "?", w < LIST_INDENT ?
		    LIST_INDENT - w : 0, "");
		free(wk);
		cli_put_inline(stdout, list[i].title);
		fputs(" (", stdout);
		put_state(&list[i]);
		puts(")");
		if (list[i].reflection != NULL)
			put_block(c, list[i].reflection, LIST_INDENT);
	}
	tend_experiment_list_free(list, n);
	return 0;
}

/* Bare 'tend experiment': the current one, chosen on the first call. */
static int
sub_show(struct cli *c, int argc, char **argv)
{
	struct tend_week_experiment x;
	int status, rc, json = 0;

	if ((status = only_json(c, argc, argv, &json)) != 0)
		return status;
	if ((rc = tend_experiment_current(c->t, 1, &x)) != TEND_OK)
		return cli_fail(c, rc);
	status = json ? print_json(c, &x) : show(c, &x);
	tend_week_experiment_release(&x);
	return status;
}

static const struct sub subs[] = {
	{ "done", sub_done },
	{ "skip", sub_skip },
	{ "new", sub_new },
	{ "list", sub_list },
};

static int
cmd_experiment(struct cli *c, int argc, char **argv)
{
	const struct sub *sub = NULL;
	size_t i;

	/* A first word that is not an option names the subcommand. */
	if (argc > 1 && argv[1][0] != '-') {
		for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
			if (strcmp(subs[i].name, argv[1]) == 0)
				sub = &subs[i];
		if (sub == NULL)
			return cli_error(EXIT_USAGE, "'%s' is not an experiment "
			    "subcommand: use done, skip, new or list", argv[1]);
		argc--;
		argv++;
	}
	optind = 0;
	return (sub != NULL ? sub->fn : sub_show)(c, argc, argv);
}
