/*
 * cmd-config.c - tend config: the journal's settings, listed, read one at
 * a time or set.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static int	cmd_config(struct cli *, int, char **);

const struct tend_cmd cmd_config_entry = {
	.name = "config",
	.usage = "[--json] [KEY [VALUE]]",
	.summary = "show or change the journal's settings",
	.help =
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
	.flags = CMD_JOURNAL,
	.fn = cmd_config,
};

static int
cmd_config(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const char *const *key;
	char *value = NULL;
	int ch, json = 0, rc;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (ch != 'j')
			return cli_option_error(c->cmd, ch, argv);
		json = 1;
	}
	argc -= optind;
	argv += optind;
	if (argc > 2)
		return cli_error(EXIT_USAGE, "too many arguments; usage: tend "
		    "config [KEY [VALUE]]");
	if (json && argc > 0)
		return cli_error(EXIT_USAGE, "--json lists every setting; it "
		    "takes no KEY");
	if (json) {
		rc = tend_config_json(c->t, &value);
		return cli_put_json(c, rc, value);
	}
	if (argc == 2) {
		if ((rc = tend_config_set(c->t, argv[0], argv[1])) != TEND_OK)
			return cli_fail(c, rc);
		return 0;
	}
	if (argc == 1) {
		if ((rc = tend_config_get(c->t, argv[0], &value)) != TEND_OK)
			return cli_fail(c, rc);
		/* A value planted by hand may hold controls: escaped. */
		cli_put_inline(stdout, value);
		putchar('\n');
		free(value);
		return 0;
	}
	for (key = tend_config_keys(); *key != NULL; key++) {
		if ((rc = tend_config_get(c->t, *key, &value)) != TEND_OK)
			return cli_fail(c, rc);
		printf("%s = ", *key);
		cli_put_inline(stdout, value);
		putchar('\n');
		free(value);
	}
	return 0;
}
