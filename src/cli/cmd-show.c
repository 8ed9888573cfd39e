/*
 * cmd-show.c - tend show: one check-in, every question with each
 * partner's answer, keeping answers hidden until it is fair to see them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int	cmd_show(struct cli *, int, char **);

const struct tend_cmd cmd_show_entry = {
	.name = "show",
	.usage = "[WEEK | latest] [--as NAME] [--deck NAME] [--json]",
	.summary = "one check-in with every partner's answers",
	.help =
	    "Show a check-in: every question with each partner's answer.\n"
	    "Without WEEK, the latest check-in.  Until everyone has answered,\n"
	    "answers stay hidden, so that nobody has to go first: with --as\n"
	    "NAME, NAME sees their own answers, and the others' once NAME has\n"
	    "answered every question.  Every view keeps the same rule (history,\n"
	    "search, notes, stats, status): without --as, a check-in not yet\n"
	    "done shows only one line on standard error saying who has answered.\n"
	    "\n"
	    "Options:\n"
	    "  --as NAME     show the check-in as NAME sees it\n"
	    "  --deck NAME   the check-in of another deck that week\n"
	    "  --json        print JSON instead\n"
	    "\n"
	    "Examples:\n"
	    "  tend show\n"
	    "  tend show 2026-W45\n"
	    "  tend show last-week --as Sam\n",
	.flags = CMD_JOURNAL,
	.fn = cmd_show,
};

/* One answer viewer may see; a hidden one gets no line at all. */
static void
print_answer(struct cli *c, struct tend_checkin *ck, size_t q, size_t p,
    const char *name)
{
	const char *value = NULL;
	enum tend_slot st = tend_checkin_slot(ck, q, p, &value);
	char *line = NULL;

	if (st == TEND_SLOT_SKIPPED)
		value = "(skipped)";
	else if (st == TEND_SLOT_OPEN)
		value = "(not answered yet)";
	if (asprintf(&line, "    %s: %s", name, value) < 0)
		return;
	cli_put_text(c, stdout, line, 6);
	free(line);
}

/*
 * The check-in as viewer may see it: the answers the privacy rule hides
 * are left out, and the questions too when no answer is left, so that an
 * incomplete check-in shown to nobody in particular is its title and the
 * one line that says who has answered (cli_hidden_note).
 */
static void
print_checkin(struct cli *c, struct tend_checkin *ck, const char *viewer)
{
	const struct tend_deck *d = tend_checkin_deck(ck);
	const struct tend_partner *p;
	size_t np, q, i, seen = 0;

	p = tend_checkin_partners(ck, &np);
	printf("%s%s: ", cli_sgr(c, "1"), tend_checkin_week(ck));
	cli_put_inline(stdout, d->title);
	printf("%s (%s)\n", cli_sgr(c, "0"), tend_checkin_complete(ck,
	    (size_t)-1) ? "done" : "in progress");
	for (i = 0; i < np; i++)
		seen += tend_checkin_visible(ck, viewer, i) != 0;
	for (q = 0; seen > 0 && q < d->nquestions; q++) {
		char *line = NULL;

		if (asprintf(&line, "%zu. %s", q + 1, d->questions[q].text) < 0)
			continue;
		putchar('\n');
		fputs(cli_sgr(c, "1"), stdout);
		cli_put_text(c, stdout, line, 3);
		fputs(cli_sgr(c, "0"), stdout);
		free(line);
		for (i = 0; i < np; i++)
			if (tend_checkin_visible(ck, viewer, i))
				print_answer(c, ck, q, i, p[i].name);
	}
}

static int
cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "deck", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_checkin *ck = NULL;
	const char *viewer = NULL, *deck = NULL;
	char week[TEND_WEEK_LEN], *s = NULL;
	int ch, json = 0, rc, status = 0;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			viewer = optarg;
			break;
		case 'd':
			deck = optarg;
			break;
		case 'j':
			json = 1;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (argc - optind > 1)
		return cli_error(EXIT_USAGE, "'tend show' takes one week; see "
		    "'tend show --help'");
	if (optind == argc || strcmp(argv[optind], "latest") == 0) {
		/* Nothing to show yet is missing input, not a usage error. */
		if ((rc = tend_checkin_latest(c->t, week)) == TEND_ENOENT)
			return cli_error(EXIT_NOINPUT, "%s", cli_errtext(c->t));
	} else
		rc = tend_week_resolve(c->t, argv[optind], 0, week);
	if (rc != TEND_OK)
		return cli_fail(c, rc);
	if ((rc = tend_checkin_open(c->t, week, deck, &ck)) != TEND_OK)
		return cli_fail(c, rc);
	if (!tend_checkin_started(ck)) {
		status = cli_error(EXIT_NOINPUT, "no check-in of '%s' in %s; see "
		    "'tend history'", tend_checkin_deck(ck)->id, week);
		goto out;
	}
	/* The one check every view makes: no partner, exit 64, named. */
	if (viewer != NULL && (rc = tend_partner_find(c->t, viewer, NULL)) !=
	    TEND_OK) {
		status = cli_fail(c, rc);
		goto out;
	}
	if (json) {
		rc = tend_checkin_json(ck, viewer, &s);
		status = cli_put_json(c, rc, s);
		goto out;
	}
	if ((status = cli_hidden_note(c, viewer, week,
	    tend_checkin_deck(ck)->id)) != 0)
		goto out;
	cli_pager_open(c);
	print_checkin(c, ck, viewer);
	cli_pager_close(c);
out:
	tend_checkin_free(ck);
	return status;
}
