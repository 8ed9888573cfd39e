/*
 * commands.c - the command table, as tmux keeps it: each command's entry
 * (name, usage, summary, help, flags, handler) lives beside its handler in
 * its cmd-*.c; this file lists them in the order 'tend --help' shows, and
 * holds lookup, usage and help, and "did you mean" for a mistyped name.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct tend_cmd *const commands[] = {
	&cmd_init_entry,
	&cmd_checkin_entry,
	&cmd_status_entry,
	&cmd_history_entry,
	&cmd_show_entry,
	&cmd_thanks_entry,
	&cmd_notes_entry,
	&cmd_experiment_entry,
	&cmd_assess_entry,
	&cmd_search_entry,
	&cmd_stats_entry,
	&cmd_questions_entry,
	&cmd_tip_entry,
	&cmd_config_entry,
	&cmd_undo_entry,
	&cmd_trash_entry,
	&cmd_export_entry,
	&cmd_import_entry,
	&cmd_backup_entry,
	&cmd_doctor_entry,
	&cmd_help_entry,
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

const struct tend_cmd *const *
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
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
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
		printf("  %-10s %s\n", commands[i]->name, commands[i]->summary);
	printf("\n"
	    "Options:\n"
	    "  --db PATH       the journal to use (else $TEND_DB, else\n"
	    "                  $XDG_DATA_HOME/tend/journal.db); refused in a\n"
	    "                  folder others can write into, sticky or not;\n"
	    "                  on a read-only disk, shown without changes\n"
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
		if ((d = distance(name, commands[i]->name)) < bestd) {
			bestd = d;
			best = commands[i]->name;
		}
	if (best != NULL)
		return cli_error(EXIT_USAGE, "'%s' is not a tend command. Did "
		    "you mean '%s'?", name, best);
	return cli_error(EXIT_USAGE, "'%s' is not a tend command; see "
	    "'tend --help'", name);
}
