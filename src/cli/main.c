/*
 * main.c - tend's entry point: global options, the command table, the
 * shared work every command needs (help, opening the journal), and the
 * exit status, decided only after standard output was written.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <unistring/version.h>

#include "cli.h"

static const struct tend_cmd commands[] = {
	{ "init", "[--partner NAME]... [--intimacy LEVEL | --no-sexual]",
	  "create the journal and name the partners",
	  "Create the journal and name the partners: two for a couple, more\n"
	  "if you like.  Without --partner, on a terminal, tend asks for the\n"
	  "names.  A name is 1 to 64 printable characters.  On a terminal it\n"
	  "also asks which suggestions are welcome (see 'tend config');\n"
	  "otherwise the journal starts at intimacy 'affection': sexual\n"
	  "suggestions only when you choose them.\n"
	  "\n"
	  "Options:\n"
	  "  -p, --partner NAME   a partner's name; give it once per partner\n"
	  "  --intimacy LEVEL     none, affection or sexual, without asking\n"
	  "  --no-sexual          the same as --intimacy affection\n"
	  "\n"
	  "Examples:\n"
	  "  tend init --partner Sam --partner Alex\n"
	  "  tend --db ~/us.db init -p Sam -p Alex --intimacy sexual\n",
	  0, cmd_init },
	{ "checkin", "[--week WEEK] [--as NAME] [--deck NAME] [--redo QUESTION]",
	  "run or resume this week's check-in",
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
	  CMD_JOURNAL | CMD_WRITE, cmd_checkin },
	{ "status", "[--as NAME] [--json]",
	  "this week at a glance (what bare 'tend' shows)",
	  "Show the partners, this week, whether this week's check-in is\n"
	  "due, in progress or done, and how long ago the last one was;\n"
	  "this week's experiment and whether it was tried, the notes each\n"
	  "partner wrote this week, and the streak of weekly check-ins (and\n"
	  "the longest).  The check-in is the weekly deck's: another deck's\n"
	  "does not stand in for it.  Notes made from answers still hidden\n"
	  "(see 'tend show') are not counted.\n"
	  "\n"
	  "Options:\n"
	  "  --as NAME   as NAME sees it (NAME's own answers count)\n"
	  "  --json      print one JSON object instead\n"
	  "\n"
	  "Examples:\n"
	  "  tend\n"
	  "  tend status --json\n",
	  CMD_JOURNAL, cmd_status },
	{ "history", "[--limit N] [--as NAME] [--json]",
	  "past check-ins, newest first",
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
	  CMD_JOURNAL, cmd_history },
	{ "show", "[WEEK | latest] [--as NAME] [--deck NAME] [--json]",
	  "one check-in with every partner's answers",
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
	  CMD_JOURNAL, cmd_show },
	{ "thanks", "[--from NAME] [--date DAY] [--edit] NAME [TEXT...]",
	  "log an appreciation note to a partner",
	  "Thank NAME in a short note.  In a couple the note is from the\n"
	  "other partner; with more partners, say who it is from with --from.\n"
	  "The text is the words after NAME (put '--' before them when they\n"
	  "start with '-'), else standard input when it is not a terminal,\n"
	  "else a line typed at a prompt, which keeps it out of the shell's\n"
	  "history.  --edit writes it in an editor ($TEND_EDITOR, $VISUAL,\n"
	  "$EDITOR, else vi), leaving out lines that start with '#'.  The\n"
	  "text is saved exactly as given; an empty note saves nothing.\n"
	  "\n"
	  "Options:\n"
	  "  --from NAME   who the note is from\n"
	  "  --date DAY    back-date it: YYYY-MM-DD, today or yesterday,\n"
	  "                never later (it keeps the time of day)\n"
	  "  -e, --edit    write the note in an editor\n"
	  "\n"
	  "Examples:\n"
	  "  tend thanks Alex for making dinner when I was so tired\n"
	  "  tend thanks Alex -- -5 degrees and you still walked the dog\n"
	  "  tend thanks --from Alex --date yesterday Sam --edit\n",
	  CMD_JOURNAL | CMD_WRITE, cmd_thanks },
	{ "notes", "[--from NAME] [--to NAME] [--since DAY] [--until DAY] "
	  "[--week WEEK] [--limit N] [--as NAME] [--json]",
	  "list appreciation notes, newest first",
	  "List the notes, newest first: the date, who wrote to whom, and the\n"
	  "text, with any control characters shown, never sent to the\n"
	  "terminal.  On a terminal the list goes through a pager ($TEND_PAGER,\n"
	  "$PAGER, else less; 'tend --no-pager notes' prints it straight).\n"
	  "A note made from a check-in answer is listed once the answer may be\n"
	  "seen (see 'tend show').\n"
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
	  "  tend notes --json | jq -r '.[].text'\n",
	  CMD_JOURNAL, cmd_notes },
	{ "experiment",
	  "[done [--felt 1-5] [REFLECTION...] | skip | new | list] [--yes] "
	  "[--json]",
	  "this week's small experiment, and how it went",
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
	  CMD_JOURNAL, cmd_experiment },
	{ "assess", "[--show] [--json]",
	  "which rut types and intimacy blockers fit you now",
	  "Answer twenty statements from 1 (strongly disagree) to 5 (strongly\n"
	  "agree), then see which rut types and intimacy blockers fit you now\n"
	  "and why, and the tips and experiments that fit best.  On a\n"
	  "terminal each statement is asked in turn; otherwise give one\n"
	  "answer per line on standard input.  Each answer is saved as it is\n"
	  "given: after :pause, Ctrl-C (exit 130) or input that ends early,\n"
	  "the next 'tend assess' goes on where it stopped.  The result is a\n"
	  "hint for conversation, not a diagnosis; tend is not therapy.\n"
	  "\n"
	  "At a statement, instead of an answer (any case):\n"
	  "  :back    answer the previous statement again\n"
	  "  :skip    leave it unanswered; it counts for nothing\n"
	  "  :pause   stop here, answers kept (also Ctrl-D)\n"
	  "  :help    this list\n"
	  "\n"
	  "Options:\n"
	  "  --show   print the latest result instead of asking\n"
	  "  --json   print JSON instead\n"
	  "\n"
	  "Examples:\n"
	  "  tend assess\n"
	  "  tend assess --show\n"
	  "  tend assess --show --json\n",
	  CMD_JOURNAL, cmd_assess },
	{ "search", "[--kind KIND] [--from NAME] [--since DAY] [--limit N] "
	  "[--as NAME] [--json] QUERY...",
	  "find words in answers, notes and reflections",
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
	  CMD_JOURNAL, cmd_search },
	{ "stats", "[--weeks N] [--as NAME] [--json]",
	  "streaks, totals and a chart of your connection ratings",
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
	  CMD_JOURNAL, cmd_stats },
	{ "questions", "[--deck NAME | --decks] [--json]",
	  "list a deck's questions, or the decks",
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
	  0, cmd_questions },
	{ "tip", "[--topic TOPIC | --topics] [--random] [--json]",
	  "a tip drawn from five articles on ruts and intimacy",
	  "Print one tip, with the article it comes from.  It is the same tip\n"
	  "all day and another tomorrow, and no tip comes back before every\n"
	  "tip has had its day.  Tips above the journal's intimacy setting\n"
	  "are never shown (see 'tend config').\n"
	  "\n"
	  "Options:\n"
	  "  --topic TOPIC   only tips on TOPIC\n"
	  "  --topics        list the topics instead\n"
	  "  --random        any tip, not today's\n"
	  "  --json          print JSON instead\n"
	  "\n"
	  "Examples:\n"
	  "  tend tip\n"
	  "  tend tip --topic conflict\n"
	  "  tend tip --topics\n",
	  CMD_JOURNAL, cmd_tip },
	{ "config", "[--json] [KEY [VALUE]]",
	  "show or change the journal's settings",
	  "Without KEY, list the settings; with KEY, print its value; with\n"
	  "KEY and VALUE, set it.  The settings:\n"
	  "\n"
	  "  intimacy   which suggestions tips and experiments may make:\n"
	  "             none (no physical intimacy), affection (non-sexual\n"
	  "             touch, the default) or sexual (all of them, only\n"
	  "             when chosen)\n"
	  "\n"
	  "Options:\n"
	  "  --json   print every setting as one JSON object\n"
	  "\n"
	  "Examples:\n"
	  "  tend config\n"
	  "  tend config intimacy affection\n",
	  CMD_JOURNAL, cmd_config },
	{ "export", "[--format jsonl|json|markdown] [-o FILE] [--force]",
	  "write the whole journal out, to keep, move or merge",
	  "Write the whole journal: partners, check-ins and answers, notes,\n"
	  "experiments, assessments and settings, each with its id and its\n"
	  "times in UTC.  jsonl (the default) is a header line and one record\n"
	  "a line; json is the same as one document; markdown is a readable,\n"
	  "printable journal by week.  tend(1) describes the format under\n"
	  "EXPORT FORMAT; 'tend import' reads jsonl and json back.  It\n"
	  "carries the whole journal, answers not yet revealed to the other\n"
	  "partner included: keep it as private as the journal.\n"
	  "\n"
	  "Options:\n"
	  "  --format F      jsonl (default), json or markdown\n"
	  "  -o, --output FILE\n"
	  "                  write FILE (mode 0600, replaced whole or not at\n"
	  "                  all) instead of standard output\n"
	  "  --force         replace FILE when it exists (else exit 73); never\n"
	  "                  the journal itself or a device (exit 64)\n"
	  "\n"
	  "Examples:\n"
	  "  tend export -o ~/tend-$(date +%F).jsonl\n"
	  "  tend export --format markdown | less\n"
	  "  ssh alex@laptop tend export | tend import -\n",
	  CMD_JOURNAL, cmd_export },
	{ "import", "[--dry-run] FILE|-",
	  "read an export into the journal (merges two journals)",
	  "Read an export made by 'tend export' (jsonl or json) from FILE, or\n"
	  "from standard input with -, and add its records to the journal: all\n"
	  "of them or, when any line is wrong, none (the message names the line\n"
	  "and the field, exit 65).  Each record is checked as the command\n"
	  "that writes it checks it (settings as 'tend config', answers\n"
	  "against their deck).  Records already present are skipped, so\n"
	  "importing a partner's export merges the two journals and importing\n"
	  "a file twice changes nothing.  A partner of the same name (in any\n"
	  "case) is the journal's partner, and a check-in of the same week and\n"
	  "deck is the journal's check-in.  With no journal yet, one is made\n"
	  "from the file, with its ids.\n"
	  "\n"
	  "Options:\n"
	  "  -n, --dry-run   check the file and say what would change; change\n"
	  "                  nothing\n"
	  "\n"
	  "Examples:\n"
	  "  tend import --dry-run alex.jsonl\n"
	  "  tend import alex.jsonl\n"
	  "  tend --db ~/copy.db import ~/tend-2026-11-21.jsonl\n",
	  0, cmd_import },
	{ "backup", "[--force] PATH",
	  "copy the journal safely, even while it is in use",
	  "Copy the journal to PATH with SQLite's online backup API, so the\n"
	  "copy is whole even while a partner is writing.  The copy is made\n"
	  "private (mode 0600) beside PATH, synced to disk and then renamed\n"
	  "into place: PATH is either the old file or the whole new copy.  It\n"
	  "is a tend journal of its own: 'tend --db PATH' opens it.  It\n"
	  "carries the whole journal, answers not yet revealed to the other\n"
	  "partner included: keep it as private as the journal.\n"
	  "\n"
	  "Options:\n"
	  "  -f, --force   replace PATH when it exists (else it is refused,\n"
	  "                exit 73, and left as it is)\n"
	  "\n"
	  "Examples:\n"
	  "  tend backup ~/backups/tend-$(date +%F).db\n"
	  "  tend backup --force /media/usb/tend.db\n",
	  CMD_JOURNAL, cmd_backup },
	{ "doctor", "[--json]",
	  "check the journal and your content file, naming each fix",
	  "Check that the journal is safe and sound, changing nothing: the\n"
	  "modes of its folder, the file and its -wal and -shm files, that\n"
	  "it is a tend journal of a schema this tend knows, SQLite's\n"
	  "integrity_check and foreign_key_check, and your content.json.\n"
	  "Each check prints ok or the problem with the command that fixes\n"
	  "it.  The exit status is 0 only when all is well, else 1.  Unlike\n"
	  "other commands it also looks at a journal that is unsafe or\n"
	  "damaged, to say what is wrong.\n"
	  "\n"
	  "Options:\n"
	  "  --json   print one JSON object instead\n"
	  "\n"
	  "Examples:\n"
	  "  tend doctor\n"
	  "  tend doctor --json | jq '.checks[] | select(.ok | not)'\n",
	  0, cmd_doctor },
	{ "help", "[COMMAND]",
	  "show help for tend or for one command",
	  "Show the usage, options and examples of COMMAND, the same as\n"
	  "'tend COMMAND --help'; without COMMAND, the list of commands.\n"
	  "The manual, tend(1), has everything.\n"
	  "\n"
	  "Examples:\n"
	  "  tend help init\n"
	  "  man tend\n",
	  0, cmd_help },
};

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

static const char usage_global[] =
    "usage: tend [--db PATH] [--color=WHEN] [--no-input] [--no-pager]\n"
    "            [COMMAND [ARGS]]\n"
    "       tend --version | --paths | --help\n";

const char *
cli_usage_global(void)
{
	return usage_global;
}

const struct tend_cmd *
cli_commands(size_t *n)
{
	*n = NCOMMANDS;
	return commands;
}

const struct tend_cmd *
cli_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

void
cli_usage(FILE *fp, const struct tend_cmd *cmd)
{
	fprintf(fp, "usage: tend %s %s\n", cmd->name, cmd->usage);
}

void
cli_help(const struct tend_cmd *cmd)
{
	cli_usage(stdout, cmd);
	printf("\n%s", cmd->help);
}

void
cli_help_all(void)
{
	size_t i;

	printf("%s\nA weekly check-in journal for couples.\n\nCommands:\n",
	    usage_global);
	for (i = 0; i < NCOMMANDS; i++)
		printf("  %-10s %s\n", commands[i].name, commands[i].summary);
	printf("\n"
	    "Options:\n"
	    "  --db PATH       the journal to use (else $TEND_DB, else\n"
	    "                  $XDG_DATA_HOME/tend/journal.db)\n"
	    "  --color=WHEN    colour: auto (the default), always or never\n"
	    "  --no-input      never prompt; fail instead of asking\n"
	    "  --no-pager      never page long output\n"
	    "  --paths         print the journal, config and state paths\n"
	    "  -V, --version   print the version of tend and its libraries\n"
	    "  -h, --help      print this help\n"
	    "\n"
	    "Examples:\n"
	    "  tend checkin\n"
	    "  tend init --partner Sam --partner Alex\n"
	    "  tend thanks Alex for the coffee\n"
	    "\n"
	    "'tend help COMMAND' shows one command; 'man tend' has it all.\n");
}

int
cli_catalog(struct cli *c, const struct tend_catalog **cat)
{
	int rc = tend_catalog(c->t, cat);

	return rc == TEND_OK ? 0 : cli_fail(c, rc);
}

int
cli_parse_limit(const char *s, long *n)
{
	char *end;

	errno = 0;
	*n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || *n < 1)
		return cli_error(EXIT_USAGE, "--limit takes a positive whole "
		    "number, not '%s'", s);
	return 0;
}

unsigned long
cli_random(void)
{
	return arc4random();
}

/* Edit distance with transpositions, for "did you mean". */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[32][32];

	if (la >= 32 || lb >= 32)
		return 32;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1], v;

			v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

int
cli_unknown_command(const char *name)
{
	const char *best = NULL;
	size_t i, d, bestd = 3;

	for (i = 0; i < NCOMMANDS; i++)
		if ((d = distance(name, commands[i].name)) < bestd) {
			bestd = d;
			best = commands[i].name;
		}
	if (best != NULL)
		return cli_error(EXIT_USAGE, "'%s' is not a tend command. Did "
		    "you mean '%s'?", name, best);
	return cli_error(EXIT_USAGE, "'%s' is not a tend command; see "
	    "'tend --help'", name);
}

/* Whether argv asks for help, before any "--". */
static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

/*
 * The zone, as the library asks for it: the offset from UTC in force at an
 * instant, from TZ through the C library.  This is the one place the
 * time zone is read.
 */
static long
local_utcoff(void *arg, time_t at)
{
	struct tm tm;

	(void)arg;
	if (localtime_r(&at, &tm) == NULL)
		return 0;
	return tm.tm_gmtoff;
}

/*
 * The clock: TEND_NOW when set, else the system clock.  TEND_NOW with Z or
 * an offset is that instant; without, it is local time in TZ, and a date
 * alone means noon there, clear of any midnight.
 */
static int
read_clock(const char *tend_now, time_t *now)
{
	struct tend_datetime dt;

	tzset();
	*now = time(NULL);
	if (tend_now == NULL || *tend_now == '\0')
		return 0;
	if (tend_datetime_parse(tend_now, &dt) != TEND_OK)
		return cli_error(EXIT_CONFIG, "TEND_NOW='%s' is not an ISO 8601 "
		    "date or date-time; use e.g. 2026-11-21 or "
		    "2026-11-21T20:30:00Z", tend_now);
	if (!dt.has_time) {
		dt.hour = 12;
		dt.has_time = 1;
	}
	*now = tend_datetime_instant(local_utcoff, NULL, &dt);
	return 0;
}

static int
print_version(void)
{
	printf("tend %s\n"
	    "SQLite %s\n"
	    "readline %s\n"
	    "cJSON %s\n"
	    "libunistring %d.%d.%d\n", TEND_VERSION, tend_sqlite_version(),
	    cli_readline_version(), tend_cjson_version(),
	    _libunistring_version >> 16, (_libunistring_version >> 8) & 0xff,
	    _libunistring_version & 0xff);
	return 0;
}

static int
print_paths(const struct cli *c)
{
	printf("journal %s\nconfig  %s\nstate   %s\n", c->paths.journal,
	    c->paths.config, c->paths.state);
	return 0;
}

/* Open the journal for a command; on a terminal offer to create it. */
static int
open_journal(struct cli *c)
{
	int rc = tend_open(c->t, c->paths.journal);

	if (rc == TEND_ENOJOURNAL && c->interactive)
		return cli_create_interactive(c, 1, -1);
	if (rc != TEND_OK)
		return cli_fail(c, rc);
	if ((c->cmd->flags & CMD_WRITE) && !tend_writable(c->t))
		return cli_error(EXIT_IO, "cannot write the journal %s: it or "
		    "its folder is read-only; check its permissions",
		    c->paths.journal);
	/* Said once, here: a read-only journal can still be read. */
	if (tend_readonly(c->t))
		cli_error(0, "the journal is read-only (%s); showing it "
		    "without changes", c->paths.journal);
	return 0;
}

static int
run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		/* Bare 'tend --as NAME': the status as NAME sees it. */
		{ "as", required_argument, NULL, 'a' },
		{ "color", required_argument, NULL, 'c' },
		/* Hidden: for the completion scripts, see complete.c. */
		{ "complete", required_argument, NULL, 'C' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "no-input", no_argument, NULL, 'n' },
		{ "no-pager", no_argument, NULL, 'P' },
		{ "paths", no_argument, NULL, 'p' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_env env = { 0 };
	enum color_mode mode = COLOR_AUTO;
	const char *errmsg = NULL, *name, *complete = NULL, *as = NULL;
	int ch, paths = 0, no_input = 0, status, rc;
	time_t now = 0;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			as = optarg;
			break;
		case 'c':
			if (strcmp(optarg, "auto") == 0)
				mode = COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				mode = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				mode = COLOR_NEVER;
			else
				return cli_error(EXIT_USAGE, "--color takes "
				    "auto, always or never, not '%s'", optarg);
			break;
		case 'C':
			complete = optarg;
			break;
		case 'd':
			if (*optarg == '\0')
				return cli_error(EXIT_USAGE, "--db needs a "
				    "path");
			env.db = optarg;
			break;
		case 'h':
			cli_help_all();
			return 0;
		case 'n':
			no_input = 1;
			break;
		case 'P':
			c->no_pager = 1;
			break;
		case 'p':
			paths = 1;
			break;
		case 'V':
			return print_version();
		default:
			return cli_option_error(NULL, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;

	env.tend_db = getenv("TEND_DB");
	env.home = getenv("HOME");
	env.xdg_data = getenv("XDG_DATA_HOME");
	env.xdg_config = getenv("XDG_CONFIG_HOME");
	env.xdg_state = getenv("XDG_STATE_HOME");
	if (complete != NULL)
		return cli_complete(c, &env, complete, argc, argv);
	c->color = cli_color_on(mode, STDOUT_FILENO, getenv("NO_COLOR"),
	    getenv("TERM"));
	c->width = cli_term_width(STDOUT_FILENO, getenv("COLUMNS"));
	c->interactive = !no_input && isatty(STDIN_FILENO) &&
	    isatty(STDERR_FILENO);

	name = argc > 0 ? argv[0] : "status";
	if ((c->cmd = cli_command(name)) == NULL)
		return cli_unknown_command(name);
	if (as != NULL && argc > 0)
		return cli_error(EXIT_USAGE, "--as goes after the command: "
		    "'tend %s --as %s'", name, as);
	if (argc > 0 && wants_help(argc, argv)) {
		cli_help(c->cmd);
		return 0;
	}
	if ((status = read_clock(getenv("TEND_NOW"), &now)) != 0)
		return status;
	if ((rc = tend_paths_resolve(&env, &c->paths, &errmsg)) != TEND_OK)
		return cli_error(rc == TEND_EINVAL ? EXIT_CONFIG : 1, "%s",
		    errmsg);
	if (paths)
		return print_paths(c);
	if ((c->t = tend_new()) == NULL)
		return cli_error(1, "out of memory");
	tend_set_clock_zone(c->t, now, local_utcoff, NULL);
	if (tend_set_config_dir(c->t, c->paths.config) != TEND_OK)
		return cli_error(1, "out of memory");
	if ((c->cmd->flags & CMD_JOURNAL) && (status = open_journal(c)) != 0)
		return status;
	/* glibc: 0 restarts getopt for the command, bare status included. */
	optind = 0;
	if (argc == 0) {
		char word[] = "status", opt[] = "--as";
		char *bare[] = { word, opt, (char *)as, NULL };

		return c->cmd->fn(c, as != NULL ? 3 : 1, bare);
	}
	return c->cmd->fn(c, argc, argv);
}

int
main(int argc, char **argv)
{
	struct rlimit nocore = { 0, 0 };
	struct cli c = { 0 };
	int status;

	/* Journal text must not land in a core file or a 0644 file. */
	umask(077);
	setrlimit(RLIMIT_CORE, &nocore);
	/* Past a file-size limit, a clean error rather than death. */
	signal(SIGXFSZ, SIG_IGN);
	/*
	 * Only the character set follows the locale (wrapping, the chart,
	 * readline): tend speaks English, its numbers and dates have one
	 * fixed form, and loading the other categories costs a dozen files
	 * read on every run.
	 */
	setlocale(LC_CTYPE, "");

	status = run(&c, argc, argv);
	/* Before anything else: the pager must see the end and quit. */
	cli_pager_close(&c);
	tend_free(c.t);
	tend_paths_release(&c.paths);
	/* A failed write to stdout is an error even after the work is done. */
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0)
		return cli_error(EXIT_IO, "cannot write to standard output: %s",
		    strerror(errno));
	return status;
}
