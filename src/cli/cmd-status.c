/*
 * cmd-status.c - tend status (and bare tend): this week at a glance.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static int
print_json(struct cli *c)
{
	char *s = NULL;
	int rc;

	if ((rc = tend_status_json(c->t, &s)) != TEND_OK)
		return cli_fail(c, rc);
	printf("%s\n", s);
	free(s);
	return 0;
}

int
cmd_status(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_partner *p = NULL;
	struct tend_status s;
	size_t n = 0, i;
	int ch, json = 0, rc;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (ch != 'j')
			return cli_option_error(c->cmd, ch, argv);
		json = 1;
	}
	if (optind < argc)
		return cli_error(EXIT_USAGE, "unexpected argument '%s'; see "
		    "'tend status --help'", argv[optind]);
	if (json)
		return print_json(c);
	if ((rc = tend_status(c->t, &s)) != TEND_OK ||
	    (rc = tend_partners(c->t, &p, &n)) != TEND_OK)
		return cli_fail(c, rc);

	fputs(cli_sgr(c, "1"), stdout);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputs(i + 1 == n ? " & " : ", ", stdout);
		cli_put_inline(stdout, p[i].name);
	}
	printf("%s\n", cli_sgr(c, "0"));
	printf("This week: %s\n", s.week);
	printf("Check-in:  %s%s%s", cli_sgr(c, s.checkin == TEND_CHECKIN_DONE ?
	    "32" : "33"), tend_checkin_state_name(s.checkin), cli_sgr(c, "0"));
	if (s.days_since < 0)
		printf(" (none yet)\n");
	else if (s.days_since == 0)
		printf(" (the last one was today, %s)\n", s.last_week);
	else
		printf(" (the last one was %d day%s ago, %s)\n", s.days_since,
		    s.days_since == 1 ? "" : "s", s.last_week);
	tend_partners_free(p, n);
	return 0;
}
