/*
 * cmd-search.c - tend search: full-text search over answers, notes and
 * reflections, best match first, each hit with who wrote it and when and
 * a snippet with the match highlighted (colour on a terminal, [ and ]
 * otherwise), or as JSON for scripts.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static int	cmd_search(struct cli *, int, char **);

const struct tend_cmd cmd_search_entry = {
	.name = "search",
	.usage =
	    "[--kind KIND] [--from NAME] [--since DAY] [--limit N] "
	    "[--as NAME] [--json] QUERY...",
	.summary = "find words in answers, notes and reflections",
	.help =
	    "Search everything written in check-ins, notes and experiment\n"
	    "reflections, best match first: each hit with its date, week, kind,\n"
	    "who wrote it, and the words around the match, highlighted on a\n"
	    "terminal and between [ and ] otherwise.  Plain words find text that\n"
	    "holds all of them, in any form of accents.  FTS5's syntax works\n"
	    "too (quote it for the shell): \"a phrase\", coff* (a prefix),\n"
	    "walk NOT rain, tea OR coffee, NEAR(a b), and parentheses.\n"
	    "Answers still hidden (see 'tend show') are not searched.\n"
	    "\n"
	    "Options:\n"
	    "  --kind KIND    only answer, note or reflection hits\n"
	    "  --from NAME    only what NAME wrote (no reflections)\n"
	    "  --since DAY    only from DAY on: YYYY-MM-DD, today or yesterday\n"
	    "  -n, --limit N  at most N hits (20 unless given)\n"
	    "  --as NAME      as NAME sees it: NAME's own answers too\n"
	    "  --json         print one JSON array instead\n"
	    "\n"
	    "Examples:\n"
	    "  tend search coffee\n"
	    "  tend search '\"long walk\"' --kind note\n"
	    "  tend search 'walk NOT rain' --from Sam --since 2026-01-01\n",
	.flags = CMD_JOURNAL,
	.fn = cmd_search,
};

/* Hits shown when --limit is not given: the best ones are what counts. */
#define DEFAULT_LIMIT	20

/*
 * With colour the matches are marked with bytes that valid UTF-8 never
 * holds, and every text a journal keeps is checked as UTF-8 when saved:
 * so the marks cannot be confused with what someone wrote, and the text
 * between them is escaped like any other before it is printed.
 */
#define MARK_OPEN	"\xfe"
#define MARK_CLOSE	"\xff"

/* "2026-11-21  2026-W47  note from Sam to Alex", the date local. */
static void
print_header(const struct cli *c, const struct tend_hit *h)
{
	char when[16] = "";
	struct tm tm;

	if (localtime_r(&h->when, &tm) == NULL ||
	    strftime(when, sizeof(when), "%Y-%m-%d", &tm) == 0)
		snprintf(when, sizeof(when), "%.10s", h->created);
	/* The week and the time are stored text: escaped, as any is. */
	fputs(cli_sgr(c, "1"), stdout);
	cli_put_inline(stdout, when);
	fputs("  ", stdout);
	cli_put_inline(stdout, h->week);
	printf("  %s", tend_hit_kind_name(h->kind));
	switch (h->kind) {
	case TEND_HIT_ANSWER:
		fputs(" by ", stdout);
		cli_put_inline(stdout, h->from ? h->from : "?");
		if (h->question != NULL) {
			fputs(": ", stdout);
			cli_put_inline(stdout, h->question);
		}
		break;
	case TEND_HIT_NOTE:
		fputs(" from ", stdout);
		cli_put_inline(stdout, h->from ? h->from : "?");
		fputs(" to ", stdout);
		cli_put_inline(stdout, h->to ? h->to : "?");
		break;
	default:
		fputs(" on the experiment, by both", stdout);
		break;
	}
	printf("%s\n", cli_sgr(c, "0"));
}

/*
 * The snippet on one indented line: its line breaks and tabs as spaces,
 * the rest escaped; with colour, the text between the marks highlighted.
 */
static void
print_snippet(const struct cli *c, const char *snippet)
{
	char *s, *p, *seg, end;
	int on = 0;

	if ((s = strdup(snippet)) == NULL) {
		puts("  (out of memory)");
		return;
	}
	for (p = s; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	fputs("  ", stdout);
	if (!c->color) {
		cli_put_inline(stdout, s);
		putchar('\n');
		free(s);
		return;
	}
	for (seg = p = s;; p++) {
		if (*p != '\0' && *p != MARK_OPEN[0] && *p != MARK_CLOSE[0])
			continue;
		end = *p;
		*p = '\0';
		cli_put_inline(stdout, seg);
		if (end == '\0')
			break;
		on = end == MARK_OPEN[0];
		fputs(on ? cli_sgr(c, "1") : cli_sgr(c, "0"), stdout);
		if (on)
			fputs(cli_sgr(c, "33"), stdout);
		seg = p + 1;
	}
	if (on)
		fputs(cli_sgr(c, "0"), stdout);
	putchar('\n');
	free(s);
}

static int
cmd_search(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "from", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "kind", required_argument, NULL, 'k' },
		{ "limit", required_argument, NULL, 'n' },
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_search_opts o = { 0 };
	struct tend_hit *hits = NULL;
	const char *since = NULL;
	char *query = NULL, *s = NULL;
	size_t n = 0, i;
	int ch, json = 0, rc, status;

	o.limit = DEFAULT_LIMIT;
	while ((ch = getopt_long(argc, argv, ":n:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			o.viewer = optarg;
			break;
		case 'f':
			o.from = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'k':
			if (tend_hit_kind_parse(optarg, &o.kind) != TEND_OK)
				return cli_error(EXIT_USAGE, "--kind takes "
				    "answer, note or reflection, not '%s'",
				    optarg);
			break;
		case 'n':
			if ((status = cli_parse_limit(optarg, &o.limit)) != 0)
				return status;
			break;
		case 's':
			since = optarg;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind >= argc)
		return cli_error(EXIT_USAGE, "what should tend search for? "
		    "Give a word or two: tend search coffee");
	if (since != NULL) {
		if ((rc = tend_day_resolve(c->t, since, 0, &o.since)) !=
		    TEND_OK)
			return cli_fail(c, rc);
		o.has_since = 1;
	}
	if ((query = cli_join(argc - optind, argv + optind)) == NULL)
		return cli_error(1, "out of memory");
	if (c->color && !json) {
		o.mark_open = MARK_OPEN;
		o.mark_close = MARK_CLOSE;
	}
	if ((rc = tend_search(c->t, query, &o, &hits, &n)) != TEND_OK) {
		status = cli_fail(c, rc);
		goto out;
	}
	if (json) {
		rc = tend_search_json(c->t, hits, n, &s);
		status = cli_put_json(c, rc, s);
		goto out;
	}
	if ((status = cli_hidden_note(c, o.viewer, NULL, NULL)) != 0)
		goto out;
	if (n == 0) {
		/* People are told; scripts see an empty standard output. */
		cli_note("Nothing found for '%s'.", query);
		goto out;
	}
	cli_pager_open(c);
	for (i = 0; i < n && !cli_pager_quit(c); i++) {
		if (i > 0)
			putchar('\n');
		print_header(c, &hits[i]);
		print_snippet(c, hits[i].snippet);
	}
out:
	tend_hits_free(hits, n);
	free(query);
	return status;
}
