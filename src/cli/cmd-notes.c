/*
 * cmd-notes.c - tend notes: the appreciation notes, newest first, with
 * filters, for people (escaped, wrapped, paged) or as JSON for scripts;
 * and mending one by its id (edit, delete).
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static int	cmd_notes(struct cli *, int, char **);

const struct tend_cmd cmd_notes_entry = {
	.name = "notes",
	.usage =
	    "[edit ID [TEXT...] | delete ID] [--from NAME] [--to NAME] "
	    "[--since DAY] [--until DAY] [--week WEEK] [--limit N] "
	    "[--as NAME] [--json]",
	.summary = "list appreciation notes, newest first",
	.help =
	    "List the notes, newest first: the date, who wrote to whom, the\n"
	    "note's id, and the text, with any control characters shown, never\n"
	    "sent to the terminal.  On a terminal the list goes through a pager\n"
	    "($TEND_PAGER, $PAGER, else less; 'tend --no-pager notes' prints it\n"
	    "straight).\n"
	    "A note made from a check-in answer is listed once the answer may be\n"
	    "seen (see 'tend show').\n"
	    "\n"
	    "A note's id is the first digits of its uuid, as many as tell it\n"
	    "from every other note (at least 7), as git abbreviates.  'edit ID'\n"
	    "puts new text in its place: the words after ID, else standard\n"
	    "input when it is not a terminal, else the editor, holding the old\n"
	    "text.  'delete ID' removes the note.  Both say what they did, and\n"
	    "'tend undo' takes either back.\n"
	    "\n"
	    "Options:\n"
	    "  --from NAME    only notes from NAME\n"
	    "  --to NAME      only notes to NAME\n"
	    "  --since DAY    only from DAY on: YYYY-MM-DD, today or yesterday\n"
	    "  --until DAY    only up to DAY, that day included\n"
	    "  --week WEEK    only in WEEK: 2026-W47, this-week or last-week\n"
	    "  --limit N      only the N newest\n"
	    "  --as NAME      as NAME sees it: NAME's own answers' notes too\n"
	    "  --json         print one JSON array instead\n"
	    "\n"
	    "Examples:\n"
	    "  tend notes --to Alex --limit 5\n"
	    "  tend notes --week last-week\n"
	    "  tend notes --json | jq -r '.[].text'\n"
	    "  tend notes edit 3fa2c1b for the coffee, and the croissant\n"
	    "  tend notes delete 3fa2c1b\n",
	.flags = CMD_JOURNAL,
	.fn = cmd_notes,
};

/* "2026-11-21 10:00  Sam to Alex  3fa2c1b", in the local time zone. */
static void
print_header(const struct cli *c, const struct tend_note *n)
{
	char when[32] = "";
	struct tm tm;

	if (localtime_r(&n->when, &tm) == NULL ||
	    strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(when, sizeof(when), "%.16s", n->created);
	printf("%s%s  ", cli_sgr(c, "1"), when);
	cli_put_inline(stdout, n->from);
	fputs(" to ", stdout);
	cli_put_inline(stdout, n->to);
	printf("%s  %s%s%s\n", cli_sgr(c, "0"), cli_sgr(c, "2"), n->id,
	    cli_sgr(c, "0"));
}

static int
print_notes(struct cli *c, const struct tend_note *list, size_t n, int any)
{
	size_t i;

	if (n == 0) {
		/* People are told; scripts see an empty standard output. */
		cli_note(any ? "No notes match." : "No notes yet; thank your "
		    "partner with 'tend thanks NAME TEXT'.");
		return 0;
	}
	cli_pager_open(c);
	for (i = 0; i < n && !cli_pager_quit(c); i++) {
		if (i > 0)
			putchar('\n');
		print_header(c, &list[i]);
		cli_put_text(c, stdout, list[i].text, 0);
	}
	return 0;
}

/* The options of edit and delete: --as alone. */
static int
mend_options(struct cli *c, int argc, char **argv, const char **viewer)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "+:", longopts, NULL)) != -1) {
		if (ch != 'a')
			return cli_option_error(c->cmd, ch, argv);
		*viewer = optarg;
	}
	if (optind >= argc)
		return cli_error(EXIT_USAGE, "say which note: tend notes %s ID "
		    "(the id 'tend notes' shows)", argv[0]);
	return 0;
}

/* "Deleted the note 3fa2c1b from Sam to Alex" and what brings it back. */
static void
say_mended(const char *did, const struct tend_note *n)
{
	printf("%s the note %s from ", did, n->id);
	cli_put_inline(stdout, n->from);
	fputs(" to ", stdout);
	cli_put_inline(stdout, n->to);
	puts("; 'tend undo' takes that back.");
}

static int
sub_edit(struct cli *c, int argc, char **argv)
{
	const char *viewer = NULL;
	struct tend_note old;
	char *text = NULL;
	int rc, status, typed = 0;

	if ((status = mend_options(c, argc, argv, &viewer)) != 0)
		return status;
	if ((rc = tend_note_get(c->t, argv[optind], viewer, &old)) != TEND_OK)
		return cli_fail(c, rc);
	if (optind + 1 < argc) {
		if ((text = cli_join(argc - optind - 1, argv + optind + 1)) ==
		    NULL)
			status = cli_error(1, "out of memory");
	} else if (!isatty(STDIN_FILENO))
		status = cli_read_note(&text);
	else if (c->interactive) {
		typed = 1;
		status = cli_edit_note(c, old.to, old.text, &text);
	} else
		status = cli_error(EXIT_USAGE, "no new text for note %s: give "
		    "it after the id or on standard input", old.id);
	if (status != 0)
		goto out;
	if (*text == '\0') {
		status = cli_error(1, "empty note; nothing changed (to remove "
		    "the note: tend notes delete %s)", old.id);
		goto out;
	}
	if ((rc = tend_note_edit(c->t, old.uuid, viewer, text, NULL)) !=
	    TEND_OK) {
		status = cli_fail(c, rc);
		/* Words written in the editor live nowhere else. */
		if (typed) {
			fputs("Your note, not saved:\n", stderr);
			cli_put_text(c, stderr, text, 0);
		}
		goto out;
	}
	say_mended("Edited", &old);
out:
	tend_note_release(&old);
	free(text);
	return status;
}

static int
sub_delete(struct cli *c, int argc, char **argv)
{
	const char *viewer = NULL;
	struct tend_note n;
	int rc, status;

	if ((status = mend_options(c, argc, argv, &viewer)) != 0)
		return status;
	if (optind + 1 < argc)
		return cli_unexpected(c, argv[optind + 1]);
	if ((rc = tend_note_delete(c->t, argv[optind], viewer, &n)) !=
	    TEND_OK)
		return cli_fail(c, rc);
	say_mended("Deleted", &n);
	tend_note_release(&n);
	return 0;
}

static int
cmd_notes(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "from", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "limit", required_argument, NULL, 'l' },
		{ "since", required_argument, NULL, 's' },
		{ "to", required_argument, NULL, 't' },
		{ "until", required_argument, NULL, 'u' },
		{ "week", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_note_filter f = { 0 };
	struct tend_note *list = NULL;
	const char *since = NULL, *until = NULL, *week = NULL;
	char key[TEND_WEEK_LEN], *s = NULL;
	size_t n = 0;
	int ch, json = 0, rc, status;

	/* A first word that is not an option names the subcommand. */
	if (argc > 1 && strcmp(argv[1], "edit") == 0)
		return sub_edit(c, argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "delete") == 0)
		return sub_delete(c, argc - 1, argv + 1);
	if (argc > 1 && argv[1][0] != '-')
		return cli_error(EXIT_USAGE, "'%s' is not a notes subcommand: "
		    "use edit or delete, or options to filter the list",
		    argv[1]);
	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			f.viewer = optarg;
			break;
		case 'f':
			f.from = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'l':
			if ((status = cli_parse_limit(optarg, &f.limit)) != 0)
				return status;
			break;
		case 's':
			since = optarg;
			break;
		case 't':
			f.to = optarg;
			break;
		case 'u':
			until = optarg;
			break;
		case 'w':
			week = optarg;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_unexpected(c, argv[optind]);
	if (since != NULL && (rc = tend_day_resolve(c->t, since, 0,
	    &f.since)) != TEND_OK)
		return cli_fail(c, rc);
	if (until != NULL && (rc = tend_day_resolve(c->t, until, 0,
	    &f.until)) != TEND_OK)
		return cli_fail(c, rc);
	f.has_since = since != NULL;
	f.has_until = until != NULL;
	if (f.has_since && f.has_until && f.since > f.until)
		return cli_error(EXIT_USAGE, "--since %s is after --until %s; "
		    "swap them", since, until);
	if (week != NULL) {
		if ((rc = tend_week_resolve(c->t, week, 0, key)) != TEND_OK)
			return cli_fail(c, rc);
		f.week = key;
	}

	if ((rc = tend_notes(c->t, &f, &list, &n)) != TEND_OK)
		return cli_fail(c, rc);
	if (json) {
		rc = tend_notes_json(c->t, list, n, &s);
		status = cli_put_json(c, rc, s);
	} else if ((status = cli_hidden_note(c, f.viewer, NULL, NULL)) == 0)
		status = print_notes(c, list, n, f.from || f.to || f.has_since
		    || f.has_until || f.week);
	tend_notes_free(list, n);
	return status;
}
