/*
 * cmd-stats.c - tend stats: the streak, the totals and a chart of each
 * partner's weekly connection rating, or the same numbers as JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static int	cmd_stats(struct cli *, int, char **);

const struct tend_cmd cmd_stats_entry = {
	.name = "stats",
	.usage = "[--weeks N] [--as NAME] [--json]",
	.summary = "streaks, totals and a chart of your connection ratings",
	.help =
	    "Show the check-in streak in weeks (a week counts once its check-in\n"
	    "is done by everyone) and the longest one, the check-ins done, the\n"
	    "notes each partner sent and received, appreciations against\n"
	    "struggles raised, how the experiments went, and a chart of each\n"
	    "partner's weekly connection rating (1-10) over the last weeks,\n"
	    "with a dot for a week with no rating.  Answers still hidden (see\n"
	    "'tend show') are neither charted nor counted.\n"
	    "\n"
	    "Options:\n"
	    "  -w, --weeks N   weeks in the chart, ending this week (default 12,\n"
	    "                  at most 260)\n"
	    "  --as NAME       as NAME sees it: NAME's own answers too\n"
	    "  --json          print the same numbers as one JSON object\n"
	    "\n"
	    "Examples:\n"
	    "  tend stats\n"
	    "  tend stats --weeks 26\n"
	    "  tend stats --json | jq .streak\n",
	.flags = CMD_JOURNAL,
	.fn = cmd_stats,
};

/* Weeks the chart shows without --weeks: about a quarter. */
#define DEFAULT_WEEKS	12

static const char *
plural(int n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
print_stats(struct cli *c, const struct tend_stats *s)
{
	size_t i;

	printf("%sCheck-ins:%s    %d done; streak %d %s, longest %d\n",
	    cli_sgr(c, "1"), cli_sgr(c, "0"), s->checkins, s->streak,
	    plural(s->streak, "week", "weeks"), s->longest);
	printf("%sNotes:%s        %d", cli_sgr(c, "1"), cli_sgr(c, "0"),
	    s->notes);
	for (i = 0; i < s->npartners; i++) {
		fputs(i == 0 ? " in all; " : "; ", stdout);
		cli_put_inline(stdout, s->partners[i].name);
		printf(" sent %d, received %d", s->partners[i].sent,
		    s->partners[i].received);
	}
	putchar('\n');
	printf("%sRaised:%s       %d %s to %d %s", cli_sgr(c, "1"),
	    cli_sgr(c, "0"), s->appreciations, plural(s->appreciations,
	    "appreciation", "appreciations"), s->struggles,
	    plural(s->struggles, "struggle", "struggles"));
	if (s->struggles > 0)
		printf(" (%.1f to 1)", (double)s->appreciations / s->struggles);
	putchar('\n');
	printf("%sExperiments:%s  %d tried, %d skipped", cli_sgr(c, "1"),
	    cli_sgr(c, "0"), s->tried, s->skipped);
	if (s->felt_count > 0)
		printf("; felt %.1f of 5 on average (%d told)",
		    s->felt_average, s->felt_count);
	putchar('\n');
	putchar('\n');
	cli_chart_ratings(c, stdout, s);
}

static int
cmd_stats(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "weeks", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_stats s = { 0 };
	char *end, *json_out = NULL;
	long weeks = DEFAULT_WEEKS;
	const char *viewer = NULL;
	int ch, json = 0, rc, status;

	while ((ch = getopt_long(argc, argv, ":w:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			viewer = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'w':
			errno = 0;
			weeks = strtol(optarg, &end, 10);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    weeks < 1 || weeks > TEND_STATS_WEEKS_MAX)
				return cli_error(EXIT_USAGE, "--weeks takes a "
				    "whole number from 1 to %d, not '%s'",
				    TEND_STATS_WEEKS_MAX, optarg);
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_unexpected(c, argv[optind]);
	if ((rc = tend_stats(c->t, viewer, (int)weeks, &s)) != TEND_OK)
		return cli_fail(c, rc);
	if (json) {
		rc = tend_stats_json(c->t, &s, &json_out);
		tend_stats_release(&s);
		return cli_put_json(c, rc, json_out);
	}
	if ((status = cli_hidden_note(c, viewer, NULL, NULL)) != 0) {
		tend_stats_release(&s);
		return status;
	}
	cli_pager_open(c);
	print_stats(c, &s);
	tend_stats_release(&s);
	return 0;
}
