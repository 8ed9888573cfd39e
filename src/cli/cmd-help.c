/*
 * cmd-help.c - tend help [COMMAND]: the same text as 'tend COMMAND --help'.
 */
#include <stdio.h>

#include "cli.h"

int
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
