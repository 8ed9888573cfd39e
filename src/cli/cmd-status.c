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

	rc = tend_status_json(c->t, &s);
	return cli_put_json(c, rc, s);
}

/*
 * The rest of the week: its experiment (read, never chosen here), the
 * notes each partner wrote, and the streak of weekly check-ins.
 */
static int
print_week(struct cli *c, const struct tend_status *s)
{
	static const char *const said[] = {
		[TEND_EXPERIMENT_CHOSEN] = "not tried yet",
		[TEND_EXPERIMENT_TRIED] = "tried",
		[TEND_EXPERIMENT_SKIPPED] = "skipped",
	};
	struct tend_partner_notes *p = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = tend_status_notes(c->t, &p, &n)) != TEND_OK)
		return cli_fail(c, rc);
	fputs("Experiment: ", stdout);
	if (s->experiment == TEND_EXPERIMENT_NONE) {
		puts("none yet; 'tend experiment' chooses one");
	} else {
		cli_put_inline(stdout, s->experiment_title);
		printf(" (%s)\n", said[s->experiment]);
	}
	fputs("Notes:     ", stdout);
	for (i = 0; i < n; i++) {
		printf("%s%d from ", i == 0 ? "" : ", ", p[i].sent);
		cli_put_inline(stdout, p[i].name);
	}
	puts(" this week");
	tend_status_notes_free(p, n);
	if (s->streak == 0)
		puts("Streak:    none yet");
	else
		printf("Streak:    %d week%s in a row\n", s->streak,
		    s->streak == 1 ? "" : "s");
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
	FILE *names;
	char *line = NULL;
	size_t n = 0, i, len = 0;
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

	if ((names = open_memstream(&line, &len)) == NULL) {
		tend_partners_free(p, n);
		return cli_error(1, "out of memory");
	}
	for (i = 0; i < n; i++)
		fprintf(names, "%s%s", i == 0 ? "" : i + 1 == n ? " & " : ", ",
		    p[i].name);
	fclose(names);
	tend_partners_free(p, n);
	fputs(cli_sgr(c, "1"), stdout);
	cli_put_text(c, stdout, line, 2);
	fputs(cli_sgr(c, "0"), stdout);
	free(line);
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
	return print_week(c, &s);
}
