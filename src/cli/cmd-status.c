/*
 * cmd-status.c - tend status (and bare tend): this week at a glance.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
 * The rest of the week: its experiment (read, never chosen here), the
 * notes each partner wrote, and the streak of weekly check-ins.
 */
static int
print_week(struct cli *c, const char *viewer, const struct tend_status *s)
{
	static const char *const said[] = {
		[TEND_EXPERIMENT_CHOSEN] = "not tried yet",
		[TEND_EXPERIMENT_TRIED] = "tried",
		[TEND_EXPERIMENT_SKIPPED] = "skipped",
	};
	struct tend_partner_notes *p = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = tend_status_notes(c->t, viewer, &p, &n)) != TEND_OK)
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
	/* A streak that broke is not one that never was. */
	if (s->streak == 0 && s->longest == 0)
		puts("Streak:    none yet");
	else if (s->streak == 0)
		printf("Streak:    0 weeks (longest %d)\n", s->longest);
	else
		printf("Streak:    %d week%s in a row (longest %d)\n",
		    s->streak, s->streak == 1 ? "" : "s", s->longest);
	return 0;
}

/*
 * "done (weekly, 2026-W53)", "in progress (weekly; Sam has answered,
 * Alex has not yet)" or "due (weekly; the last one was 7 days ago,
 * 2026-W52)": the state is always the weekly deck's check-in of this week.
 */
static void
print_checkin(struct cli *c, const char *viewer, const struct tend_status *s,
    size_t np)
{
	printf("Check-in:  %s%s%s (", cli_sgr(c, s->checkin ==
	    TEND_CHECKIN_DONE ? "32" : "33"),
	    tend_checkin_state_name(s->checkin), cli_sgr(c, "0"));
	cli_put_inline(stdout, s->deck);
	switch (s->checkin) {
	case TEND_CHECKIN_DONE:
		printf(", %s)\n", s->week);
		return;
	case TEND_CHECKIN_PARTIAL:
		fputs("; ", stdout);
		if (s->answered[0] != '\0') {
			cli_put_inline(stdout, s->answered);
			printf(" %s, ", strchr(s->answered, ',') ? "have "
			    "answered" : "has answered");
		}
		cli_put_inline(stdout, s->waiting);
		printf(" %s not yet%s%s)\n", strchr(s->waiting, ',') ? "have" :
		    "has", viewer == NULL && s->answered[0] != '\0' ?
		    "; answers appear when " : "", viewer == NULL &&
		    s->answered[0] != '\0' ? np == 2 ? "both have, or use "
		    "--as NAME" : "everyone has, or use --as NAME" : "");
		return;
	case TEND_CHECKIN_DUE:
		break;
	}
	if (s->days_since < 0)
		printf("; none yet)\n");
	else if (s->days_since == 0)
		printf("; the last one was today, %s)\n", s->last_week);
	else
		printf("; the last one was %d day%s ago, %s)\n", s->days_since,
		    s->days_since == 1 ? "" : "s", s->last_week);
}

int
cmd_status(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_partner *p = NULL;
	struct tend_status s;
	const char *viewer = NULL;
	FILE *names;
	char *line = NULL, *json_out = NULL;
	size_t n = 0, i, len = 0;
	int ch, json = 0, rc;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			viewer = optarg;
			break;
		case 'j':
			json = 1;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_error(EXIT_USAGE, "unexpected argument '%s'; see "
		    "'tend status --help'", argv[optind]);
	if (json) {
		rc = tend_status_json(c->t, viewer, &json_out);
		return cli_put_json(c, rc, json_out);
	}
	if ((rc = tend_status(c->t, viewer, &s)) != TEND_OK ||
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
	print_checkin(c, viewer, &s, n);
	return print_week(c, viewer, &s);
}
