/*
 * cmd-history.c - tend history: the check-ins so far, newest first, with
 * their state and connection ratings.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int	cmd_history(struct cli *, int, char **);

const struct tend_cmd cmd_history_entry = {
	.name = "history",
	.usage = "[--limit N] [--as NAME] [--json]",
	.summary = "past check-ins, newest first",
	.help =
	    "List the check-ins, newest first: the week, the deck, each\n"
	    "partner's connection rating, and whether it is done or waiting for\n"
	    "someone.  A rating stays hidden until everyone has answered (see\n"
	    "'tend show').\n"
	    "\n"
	    "Options:\n"
	    "  -n, --limit N   at most N check-ins\n"
	    "  --as NAME       as NAME sees it: NAME's own ratings too\n"
	    "  --json          print JSON instead\n"
	    "\n"
	    "Examples:\n"
	    "  tend history\n"
	    "  tend history --limit 4 --json\n",
	.flags = CMD_JOURNAL,
	.fn = cmd_history,
};

static void
print_row(const struct tend_checkin_row *r)
{
	char *deck;
	size_t i;
	int any = 0, w;

	/*
	 * Stored strings, which a hand-edited journal may fill with
	 * controls: escaped, the deck padded by the width of what shows.
	 */
	deck = tend_text_escape(r->deck, strlen(r->deck), 0);
	cli_put_inline(stdout, r->week);
	w = deck != NULL ? tend_text_width(deck) : 0;
	printf("  %s%*s ", deck != NULL ? deck : "?", w < 10 ? 10 - w : 0,
	    "");
	free(deck);
	for (i = 0; i < r->nratings; i++) {
		if (r->ratings[i] == 0)
			continue;
		fputs(any++ ? ", " : "", stdout);
		cli_put_inline(stdout, r->names[i]);
		printf(" %d", r->ratings[i]);
	}
	fputs(any ? "  " : "", stdout);
	fputs(tend_checkin_state_name(r->state), stdout);
	for (i = 0, any = 0; i < r->nratings; i++) {
		if (r->done[i])
			continue;
		fputs(any++ ? ", " : ", waiting for ", stdout);
		cli_put_inline(stdout, r->names[i]);
	}
	putchar('\n');
}

static int
cmd_history(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "limit", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_checkin_row *rows = NULL;
	size_t n = 0, i;
	long limit = 0;
	const char *viewer = NULL;
	char *s = NULL;
	int ch, json = 0, rc, status;

	while ((ch = getopt_long(argc, argv, ":n:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			viewer = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'n':
			if ((status = cli_parse_limit(optarg, &limit)) != 0)
				return status;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_unexpected(c, argv[optind]);
	if ((rc = tend_history(c->t, viewer, limit, &rows, &n)) != TEND_OK)
		return cli_fail(c, rc);
	if (json) {
		rc = tend_history_json(c->t, rows, n, &s);
		tend_history_free(rows, n);
		return cli_put_json(c, rc, s);
	}
	if ((status = cli_hidden_note(c, viewer, NULL, NULL)) != 0) {
		tend_history_free(rows, n);
		return status;
	}
	if (n == 0)
		printf("No check-in yet: run 'tend checkin' together.\n");
	cli_pager_open(c);
	for (i = 0; i < n; i++)
		print_row(&rows[i]);
	cli_pager_close(c);
	tend_history_free(rows, n);
	return 0;
}
