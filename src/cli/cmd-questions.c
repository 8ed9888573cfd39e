/*
 * cmd-questions.c - tend questions: what a deck asks, before sitting down
 * to it, and which decks there are.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

static int	cmd_questions(struct cli *, int, char **);

const struct tend_cmd cmd_questions_entry = {
	.name = "questions",
	.usage = "[--deck NAME | --decks] [--json]",
	.summary = "list a deck's questions, or the decks",
	.help =
	    "Show the questions a deck asks, in order, with the kind of answer\n"
	    "each takes; without --deck, the default deck 'weekly'.  A deck of\n"
	    "your own can be added in content.json in the config folder (see\n"
	    "'tend --paths' and tend(1), FILES).  Decks above the journal's\n"
	    "intimacy setting are neither listed nor shown (see 'tend config').\n"
	    "\n"
	    "Options:\n"
	    "  --deck NAME   the deck to show\n"
	    "  --decks       list the decks instead\n"
	    "  --json        print JSON instead\n"
	    "\n"
	    "Examples:\n"
	    "  tend questions\n"
	    "  tend questions --decks\n"
	    "  tend questions --deck repair\n",
	.flags = 0,
	.fn = cmd_questions,
};

static const char *const kind_words[] = {
	[TEND_KIND_TEXT] = "",
	[TEND_KIND_SCALE] = "  [1-10]",
	[TEND_KIND_YESNO] = "  [yes/no]",
};

static int
print_json(struct cli *c, const struct tend_deck *d)
{
	char *s = NULL;
	int rc;

	rc = d ? tend_deck_json(c->t, d, &s) : tend_decks_json(c->t, &s);
	return cli_put_json(c, rc, s);
}

static void
print_decks(struct cli *c, const struct tend_catalog *cat)
{
	size_t i;

	for (i = 0; i < cat->ndecks; i++) {
		if (tend_deck_allowed(c->t, &cat->decks[i]) <= 0)
			continue;
		printf("%-20s ", cat->decks[i].id);
		cli_put_inline(stdout, cat->decks[i].title);
		printf(" (%zu questions%s)\n", cat->decks[i].nquestions,
		    i == 0 ? ", the default" : "");
	}
}

static void
print_deck(struct cli *c, const struct tend_deck *d)
{
	char *line = NULL;
	size_t i;

	fputs(cli_sgr(c, "1"), stdout);
	cli_put_text(c, stdout, d->title, 0);
	fputs(cli_sgr(c, "0"), stdout);
	cli_put_text(c, stdout, d->about, 0);
	putchar('\n');
	if (d->lookback)
		printf("    It opens with a look back at the experiment "
		    "since the last check-in.\n");
	for (i = 0; i < d->nquestions; i++) {
		if (asprintf(&line, "%2zu. %s%s", i + 1, d->questions[i].text,
		    kind_words[d->questions[i].kind]) < 0) {
			line = NULL;
			continue;
		}
		cli_put_text(c, stdout, line, 4);
		free(line);
	}
}

static int
cmd_questions(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "deck", required_argument, NULL, 'd' },
		{ "decks", no_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const struct tend_catalog *cat;
	const struct tend_deck *d;
	const char *name = NULL;
	int ch, json = 0, decks = 0, status;

	while ((ch = getopt_long(argc, argv, ":d:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			name = optarg;
			break;
		case 'D':
			decks = 1;
			break;
		case 'j':
			json = 1;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_unexpected(c, argv[optind]);
	if (decks && name != NULL)
		return cli_error(EXIT_USAGE, "--decks lists the decks; it "
		    "takes no --deck");
	if ((status = cli_catalog(c, &cat)) != 0)
		return status;
	/*
	 * The decks follow the journal's intimacy setting: read it when
	 * there is a journal, else (none, or one that does not open) the
	 * default a new one starts with.
	 */
	if (c->paths.journal != NULL && access(c->paths.journal, F_OK) == 0)
		(void)tend_open(c->t, c->paths.journal);
	if (decks) {
		if (json)
			return print_json(c, NULL);
		print_decks(c, cat);
		return 0;
	}
	if ((d = name ? tend_find_deck(cat, name) : &cat->decks[0]) == NULL)
		return cli_error(EXIT_USAGE, "no deck named '%s'; see 'tend "
		    "questions --decks'", name);
	if (name != NULL && (status = tend_deck_check(c->t, d)) != TEND_OK)
		return cli_fail(c, status);
	if (json)
		return print_json(c, d);
	print_deck(c, d);
	return 0;
}
