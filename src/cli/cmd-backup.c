/*
 * cmd-backup.c - tend backup: a consistent copy of the journal, safe to
 * take while a partner is writing to it.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

int
cmd_backup(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, force = 0, rc;

	while ((ch = getopt_long(argc, argv, ":f", longopts, NULL)) != -1) {
		if (ch != 'f')
			return cli_option_error(c->cmd, ch, argv);
		force = 1;
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return cli_error(EXIT_USAGE, "%s; usage: tend backup [--force] "
		    "PATH", argc == 0 ? "the backup needs a path" :
		    "too many arguments");
	if ((rc = tend_backup(c->t, argv[0], force)) != TEND_OK)
		return cli_fail(c, rc);
	printf("backed up the journal to %s\n", argv[0]);
	return 0;
}
