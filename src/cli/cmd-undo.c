/*
 * cmd-undo.c - tend undo: take back the newest change, or list what can
 * be taken back; and tend trash: what deleted or replaced words the
 * journal still keeps, and emptying it.  The log and its rules are the
 * library's (change.c); this file asks and shows.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"

static int	cmd_undo(struct cli *, int, char **);
static int	cmd_trash(struct cli *, int, char **);

const struct tend_cmd cmd_undo_entry = {
	.name = "undo",
	.usage = "[--list] [--json] [--yes]",
	.summary = "take back the last change, or list what can be",
	.help =
	    "Take back the newest change to the journal: an answer, a note, an\n"
	    "edit or deletion, a rename, a merge, a discarded check-in, an\n"
	    "experiment's outcome, a setting, an import.  The journal is left\n"
	    "exactly as it was before that change.  Run it again to take back\n"
	    "the one before, newest first.  On a terminal it asks first.\n"
	    "\n"
	    "What a change deleted or replaced is kept, out of every view, so\n"
	    "that undo can bring it back, for 30 days or until 'tend trash\n"
	    "--empty'; a change older than that can no longer be undone.\n"
	    "\n"
	    "Options:\n"
	    "  --list    list the changes that can be undone, newest first\n"
	    "  --json    with --list: print one JSON array instead\n"
	    "  --yes     do not ask\n"
	    "\n"
	    "Examples:\n"
	    "  tend undo --list\n"
	    "  tend undo\n",
	.flags = CMD_JOURNAL | CMD_WRITE,
	.fn = cmd_undo,
};

const struct tend_cmd cmd_trash_entry = {
	.name = "trash",
	.usage = "[--empty] [--yes] [--json]",
	.summary = "what deleted or replaced words are kept; empty it",
	.help =
	    "List the changes that hold something deleted or replaced (a note,\n"
	    "an answer, an outcome, a check-in), newest first: 'tend undo' brings\n"
	    "it back, newest first.  What they hold is out of every view and\n"
	    "search.  It is kept for 30 days, then overwritten (the journal runs\n"
	    "with SQLite's secure delete).\n"
	    "\n"
	    "Options:\n"
	    "  --empty   overwrite it all now and forget every change, so that\n"
	    "            nothing before now can be undone; asks on a terminal\n"
	    "  --yes     with --empty: do not ask (needed from a script)\n"
	    "  --json    print one JSON array instead\n"
	    "\n"
	    "Examples:\n"
	    "  tend trash\n"
	    "  tend trash --empty\n",
	.flags = CMD_JOURNAL,
	.fn = cmd_trash,
};

/* "2026-12-04 18:52", local time. */
static void
local_time(const struct tend_change *ch, char buf[32])
{
	struct tm tm;

	if (localtime_r(&ch->when, &tm) == NULL ||
	    strftime(buf, 32, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, 32, "%.16s", ch->at);
}

static int
list_changes(struct cli *c, int kept_only, int json)
{
	struct tend_change *list = NULL;
	char when[32], *s = NULL;
	size_t n = 0, i;
	int rc, status = 0;

	if ((rc = tend_changes(c->t, kept_only, &list, &n)) != TEND_OK)
		return cli_fail(c, rc);
	if (json) {
		rc = tend_changes_json(c->t, list, n, &s);
		status = cli_put_json(c, rc, s);
	} else if (n == 0)
		cli_note(kept_only ? "The trash is empty." :
		    "Nothing to undo.");
	else {
		cli_pager_open(c);
		for (i = 0; i < n && !cli_pager_quit(c); i++) {
			local_time(&list[i], when);
			printf("%s  ", when);
			cli_put_inline(stdout, list[i].what);
			putchar('\n');
		}
	}
	tend_changes_free(list, n);
	return status;
}

static int
cmd_undo(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "list", no_argument, NULL, 'l' },
		{ "yes", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_change *list = NULL, done;
	char when[32], question[400];
	size_t n = 0;
	int ch, json = 0, listing = 0, yes = 0, rc, r;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 'l':
			listing = 1;
			break;
		case 'y':
			yes = 1;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_unexpected(c, argv[optind]);
	if (json && !listing)
		return cli_error(EXIT_USAGE, "--json goes with --list");
	if (listing)
		return list_changes(c, 0, json);
	if (c->interactive && !yes) {
		if ((rc = tend_changes(c->t, 0, &list, &n)) != TEND_OK)
			return cli_fail(c, rc);
		if (n == 0) {
			tend_changes_free(list, n);
			return cli_error(1, "nothing to undo: no change is left "
			    "in the journal's log");
		}
		local_time(&list[0], when);
		snprintf(question, sizeof(question), "Undo '%s' (%s)?",
		    list[0].what, when);
		tend_changes_free(list, n);
		if ((r = cli_confirm(c, question)) < 0)
			return -r;
		if (r == 0) {
			cli_note("Nothing was undone.");
			return 1;
		}
	}
	if ((rc = tend_undo(c->t, &done)) == TEND_ENOENT)
		return cli_error(1, "nothing to undo: no change is left in the "
		    "journal's log");
	if (rc != TEND_OK)
		return cli_fail(c, rc);
	fputs("Undid: ", stdout);
	cli_put_inline(stdout, done.what);
	puts(".");
	free(done.what);
	return 0;
}

static int
cmd_trash(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "empty", no_argument, NULL, 'e' },
		{ "json", no_argument, NULL, 'j' },
		{ "yes", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, empty = 0, json = 0, yes = 0, rc, r;
	size_t n = 0;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			empty = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'y':
			yes = 1;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_unexpected(c, argv[optind]);
	if (!empty)
		return list_changes(c, 1, json);
	if (json)
		return cli_error(EXIT_USAGE, "--json lists the trash; it does "
		    "not go with --empty");
	if (!yes) {
		if (!c->interactive)
			return cli_error(EXIT_USAGE, "emptying the trash cannot "
			    "be undone; add --yes to empty it from a script");
		if ((r = cli_confirm(c, "Empty the trash?  Nothing done "
		    "before now can be undone after it.")) < 0)
			return -r;
		if (r == 0) {
			cli_note("The trash was left as it was.");
			return 1;
		}
	}
	if ((rc = tend_trash_empty(c->t, &n)) != TEND_OK)
		return cli_fail(c, rc);
	printf("Emptied the trash: %zu change%s forgotten; nothing before now "
	    "can be undone.\n", n, n == 1 ? "" : "s");
	return 0;
}
