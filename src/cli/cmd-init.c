/*
 * cmd-init.c - tend init: create the journal and name the partners, from
 * --partner options or, on a terminal, by asking.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int	cmd_init(struct cli *, int, char **);

const struct tend_cmd cmd_init_entry = {
	.name = "init",
	.usage = "[--partner NAME]... [--intimacy LEVEL | --no-sexual]",
	.summary = "create the journal and name the partners",
	.help =
	    "Create the journal and name the partners: two for a couple, more\n"
	    "if you like, up to 16.  Without --partner, on a terminal, tend\n"
	    "asks for the names.  A name is 1 to 64 printable characters.  On\n"
	    "a terminal it also asks which suggestions are welcome (see 'tend\n"
	    "config'); otherwise the journal starts at intimacy 'affection':\n"
	    "sexual suggestions only when you choose them.\n"
	    "\n"
	    "Options:\n"
	    "  -p, --partner NAME   a partner's name; give it once per partner\n"
	    "  --intimacy LEVEL     none, affection or sexual, without asking\n"
	    "  --no-sexual          the same as --intimacy affection\n"
	    "\n"
	    "Examples:\n"
	    "  tend init --partner Sam --partner Alex\n"
	    "  tend --db ~/us.db init -p Sam -p Alex --intimacy sexual\n",
	.flags = 0,
	.fn = cmd_init,
};

static void
free_names(char **names, size_t n)
{
	while (n > 0)
		free(names[--n]);
}

/* "Sam and Alex", "Sam, Alex and Kim" */
static void
put_names(FILE *fp, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			fputs(i + 1 == n ? " and " : ", ", fp);
		cli_put_inline(fp, names[i]);
	}
}

/* The end of a prompt that got no answer: nothing was created. */
static int
stopped(int r)
{
	if (r == -EXIT_INTERRUPT)
		return -cli_error(EXIT_INTERRUPT, "interrupted; no journal was "
		    "created");
	return r < 0 ? r : -cli_error(1, "stopped; no journal was created");
}

/* Create the journal; intimacy < 0 keeps the default setting. */
static int
create(struct cli *c, const char *const *names, size_t n, int intimacy,
    FILE *fp)
{
	const char *setting[] = { "intimacy", NULL };
	int rc;

	/* In the new journal before it appears: whole, or not there. */
	if (intimacy >= 0)
		setting[1] = tend_intimacy_name(intimacy);
	if ((rc = tend_create_with(c->t, c->paths.journal, names, n, setting,
	    intimacy >= 0)) != TEND_OK)
		return cli_fail(c, rc);
	fputs("Created a journal for ", fp);
	put_names(fp, names, n);
	fputs(" at ", fp);
	cli_put_inline(fp, c->paths.journal);
	fputs(".\n", fp);
	return 0;
}

/*
 * Which suggestions are welcome: the intimacy setting, asked before the
 * journal exists so that stopping here leaves nothing behind.  Returns 1
 * with *level, or a negative exit status.
 */
static int
ask_intimacy(struct cli *c, int *level)
{
	static const enum tend_intimacy choice[] = { TEND_INTIMACY_SEXUAL,
	    TEND_INTIMACY_AFFECTION, TEND_INTIMACY_NONE };
	char *line = NULL;
	int r;

	/* A line each: cli_note shows a newline inside a line as ^J. */
	cli_note("Which suggestions may tend make in tips and experiments?");
	cli_note("  1  all of them, sexual intimacy included");
	cli_note("  2  affection: touch and closeness, nothing sexual "
	    "(the default)");
	cli_note("  3  none that involve physical intimacy");
	cli_note("You can change it later with 'tend config intimacy'.");
	for (;;) {
		if ((r = cli_ask(c, "Choose 1, 2 or 3 [2]: ", &line)) <= 0)
			return stopped(r);
		if (line[0] == '\0' || ((line[0] == '1' || line[0] == '2' ||
		    line[0] == '3') && line[1] == '\0')) {
			/* Consent first: Enter never chooses sexual. */
			*level = choice[line[0] ? line[0] - '1' : 1];
			free(line);
			return 1;
		}
		free(line);
		cli_note("Type 1, 2 or 3, or press Enter for 2.");
	}
}

/*
 * Ask one name until it is a good one; 1 with *name, 0 when the partner
 * pressed Enter on an optional name, or a negative exit status.
 */
static int
ask_name(struct cli *c, const char *prompt, int optional, char **names,
    size_t n, char **name)
{
	int r;

	for (;;) {
		if ((r = cli_ask(c, prompt, name)) <= 0)
			return stopped(r);
		if (**name == '\0' && optional) {
			free(*name);
			return 0;
		}
		/* names[n] is free: the new one, checked with those before. */
		names[n] = *name;
		if (tend_check_names(c->t, (const char *const *)names, n + 1) ==
		    TEND_OK)
			return 1;
		cli_note("%s", cli_errtext(c->t));
		free(*name);
	}
}

int
cli_create_interactive(struct cli *c, int confirm, int intimacy)
{
	char *names[TEND_PARTNERS_MAX], *line = NULL, prompt[64];
	size_t n = 0;
	int r, status;

	if (confirm) {
		fputs("There is no journal at ", stderr);
		cli_put_inline(stderr, c->paths.journal);
		fputs(" yet.\n", stderr);
		if ((r = cli_ask(c, "Create it now? [Y/n] ", &line)) < 0)
			return -stopped(r);
		if (r == 0 || (line[0] != '\0' && line[0] != 'y' &&
		    line[0] != 'Y')) {
			free(line);
			return cli_error(EXIT_NOINPUT, "no journal at %s; run "
			    "'tend init'", c->paths.journal);
		}
		free(line);
	}
	cli_note("Name the partners (two for a couple; press Enter after the "
	    "last one when there are more).");
	while (n < TEND_PARTNERS_MAX) {
		snprintf(prompt, sizeof(prompt), n < 2 ? "Partner %zu's name: "
		    : "Partner %zu's name (Enter when done): ", n + 1);
		if ((r = ask_name(c, prompt, n >= 2, names, n, &names[n])) < 0) {
			free_names(names, n);
			return -r;
		}
		if (r == 0)
			break;
		n++;
	}
	if (intimacy < 0 && (r = ask_intimacy(c, &intimacy)) < 0) {
		free_names(names, n);
		return -r;
	}
	status = create(c, (const char *const *)names, n, intimacy,
	    confirm ? stderr : stdout);
	free_names(names, n);
	return status;
}

static int
cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "intimacy", required_argument, NULL, 'i' },
		{ "no-sexual", no_argument, NULL, 'S' },
		{ "partner", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const char *names[TEND_PARTNERS_MAX];
	size_t n = 0;
	enum tend_intimacy level;
	int ch, r, intimacy = -1, no_sexual = 0;

	while ((ch = getopt_long(argc, argv, ":p:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			if (n == TEND_PARTNERS_MAX)
				return cli_error(EXIT_USAGE, "at most %d "
				    "partners", TEND_PARTNERS_MAX);
			names[n++] = optarg;
			break;
		case 'i':
			if (tend_intimacy_parse(optarg, &level) != TEND_OK)
				return cli_error(EXIT_USAGE, "--intimacy must "
				    "be none, affection or sexual");
			intimacy = (int)level;
			break;
		case 'S':
			no_sexual = 1;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	/* --no-sexual: at most affection, whatever else was given. */
	if (no_sexual && intimacy == TEND_INTIMACY_SEXUAL)
		return cli_error(EXIT_USAGE, "--no-sexual and --intimacy sexual "
		    "disagree; give one of them");
	if (no_sexual && intimacy < 0)
		intimacy = TEND_INTIMACY_AFFECTION;
	if (optind < argc)
		return cli_error(EXIT_USAGE, "unexpected argument '%s'; name "
		    "partners with --partner NAME", argv[optind]);
	if (n == 0 && c->interactive)
		return cli_create_interactive(c, 0, intimacy);
	if (n == 0)
		return cli_error(EXIT_USAGE, "name the partners: tend init "
		    "--partner NAME --partner NAME");
	if (intimacy < 0 && c->interactive && (r = ask_intimacy(c,
	    &intimacy)) < 0)
		return -r;
	return create(c, names, n, intimacy, stdout);
}
