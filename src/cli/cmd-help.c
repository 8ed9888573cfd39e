/*
 * cmd-help.c - tend help [COMMAND]: the same text as 'tend COMMAND --help'.
 */
#include <stdio.h>

#include "cli.h"

static int	cmd_help(struct cli *, int, char **);

const struct tend_cmd cmd_help_entry = {
	.name = "help",
	.usage = "[COMMAND]",
	.summary = "show help for tend or for one command",
	.help =
	    "Show the usage, options and examples of COMMAND, the same as\n"
	    "'tend COMMAND --help'; without COMMAND, the list of commands.\n"
	    "The manual, tend(1), has everything.\n"
	    "\n"
	    "Examples:\n"
	    "  tend help init\n"
	    "  man tend\n",
	.flags = 0,
	.fn = cmd_help,
};

static int
cmd_help(struct cli *c, int argc, char **argv)
{
	const struct tend_cmd *cmd;

	(void)c;
	if (argc > 2)
		return cli_error(EXIT_USAGE, "'tend help' takes one command; "
		    "see 'tend help help'");
	if (argc < 2) {
		cli_help_all();
		return 0;
	}
	if ((cmd = cli_command(argv[1])) == NULL)
		return cli_unknown_command(argv[1]);
	cli_help(cmd);
	return 0;
}
