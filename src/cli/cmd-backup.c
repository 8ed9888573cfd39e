/*
 * cmd-backup.c - tend backup: a consistent copy of the journal, safe to
 * take while a partner is writing to it.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static int	cmd_backup(struct cli *, int, char **);

const struct tend_cmd cmd_backup_entry = {
	.name = "backup",
	.usage = "[--force] PATH",
	.summary = "copy the journal safely, even while it is in use",
	.help =
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
	.flags = CMD_JOURNAL,
	.fn = cmd_backup,
};

static int
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
	if ((rc = tend_backup(c->t, argv[0], force)) == TEND_EEXIST)
		return cli_error(EXIT_CANTCREAT, "%s (--force replaces it)",
		    cli_errtext(c->t));
	if (rc != TEND_OK)
		return cli_fail(c, rc);
	printf("backed up the journal to %s\n", argv[0]);
	return 0;
}
