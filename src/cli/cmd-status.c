/*
 * cmd-status.c - tend status (and bare tend): this week at a glance.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int	cmd_status(struct cli *, int, char **);

const struct tend_cmd cmd_status_entry = {
	.name = "status",
	.usage = "[--as NAME] [--json]",
	.summary = "this week at a glance (what bare 'tend' shows)",
	.help =
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
	.flags = CMD_JOURNAL,
	.fn = cmd_status,
};

/* Where the values start: after the longest label, "Experiment:". */
#define LABEL_WIDTH	12

/*
 * One line of the status, "Label:      value", the value wrapped under
 * itself; sgr (NULL: none) colours the whole line.  Names and titles in
 * value are escaped with the rest of it.
 */
static void
field(struct cli *c, const char *label, const char *sgr, const char *value)
{
	char *line = NULL;

	if (asprintf(&line, "%-*s%s", LABEL_WIDTH, label, value) < 0) {
		puts("(out of memory)");
		return;
	}
	fputs(sgr != NULL ? cli_sgr(c, sgr) : "", stdout);
	cli_put_text(c, stdout, line, LABEL_WIDTH);
	fputs(sgr != NULL ? cli_sgr(c, "0") : "", stdout);
	free(line);
}

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
	char *v = NULL;
	size_t n = 0, len = 0, i;
	FILE *fp;
	int rc;

	if ((rc = tend_status_notes(c->t, viewer, &p, &n)) != TEND_OK)
		return cli_fail(c, rc);
	if (s->experiment == TEND_EXPERIMENT_NONE)
		field(c, "Experiment:", NULL,
		    "none yet; 'tend experiment' chooses one");
	else if (asprintf(&v, "%s (%s)", s->experiment_title,
	    said[s->experiment]) >= 0) {
		field(c, "Experiment:", NULL, v);
		free(v);
	}
	if ((fp = open_memstream(&v, &len)) == NULL) {
		tend_status_notes_free(p, n);
		return cli_error(1, "out of memory");
	}
	for (i = 0; i < n; i++)
		fprintf(fp, "%s%d from %s", i == 0 ? "" : ", ", p[i].sent,
		    p[i].name);
	fputs(" this week", fp);
	fclose(fp);
	field(c, "Notes:", NULL, v != NULL ? v : "");
	free(v);
	v = NULL;
	tend_status_notes_free(p, n);
	/* A streak that broke is not one that never was. */
	if (s->streak == 0 && s->longest == 0)
		field(c, "Streak:", NULL, "none yet");
	else if ((s->streak == 0 ? asprintf(&v, "0 weeks (longest %d)",
	    s->longest) : asprintf(&v, "%d week%s in a row (longest %d)",
	    s->streak, s->streak == 1 ? "" : "s", s->longest)) >= 0) {
		field(c, "Streak:", NULL, v);
		free(v);
	}
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
	char *v = NULL;
	size_t len = 0;
	FILE *fp;

	if ((fp = open_memstream(&v, &len)) == NULL) {
		puts("(out of memory)");
		return;
	}
	fprintf(fp, "%s (%s", tend_checkin_state_name(s->checkin), s->deck);
	switch (s->checkin) {
	case TEND_CHECKIN_DONE:
		fprintf(fp, ", %s)", s->week);
		break;
	case TEND_CHECKIN_PARTIAL:
		fputs("; ", fp);
		if (s->answered[0] != '\0')
			fprintf(fp, "%s %s, ", s->answered,
			    strchr(s->answered, ',') ? "have answered" :
			    "has answered");
		fprintf(fp, "%s %s not yet%s%s)", s->waiting,
		    strchr(s->waiting, ',') ? "have" : "has", viewer == NULL &&
		    s->answered[0] != '\0' ? "; answers appear when " : "",
		    viewer == NULL && s->answered[0] != '\0' ? np == 2 ?
		    "both have, or use --as NAME" :
		    "everyone has, or use --as NAME" : "");
		break;
	case TEND_CHECKIN_DUE:
		if (s->days_since < 0)
			fputs("; none yet)", fp);
		else if (s->days_since == 0)
			fprintf(fp, "; the last one was today, %s)",
			    s->last_week);
		else
			fprintf(fp, "; the last one was %d day%s ago, %s)",
			    s->days_since, s->days_since == 1 ? "" : "s",
			    s->last_week);
		break;
	}
	if (fclose(fp) != 0 || v == NULL) {
		free(v);
		puts("(out of memory)");
		return;
	}
	field(c, "Check-in:", s->checkin == TEND_CHECKIN_DONE ? "32" : "33", v);
	free(v);
}

static int
cmd_status(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_partner *p = NULL;
	struct tend_partner_notes *notes = NULL;
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
		return cli_unexpected(c, argv[optind]);
	if ((rc = tend_status(c->t, viewer, &s)) != TEND_OK)
		return cli_fail(c, rc);
	if (json) {
		if ((rc = tend_status_notes(c->t, viewer, &notes, &n)) ==
		    TEND_OK)
			rc = tend_status_json(c->t, &s, notes, n, &json_out);
		tend_status_notes_free(notes, n);
		return cli_put_json(c, rc, json_out);
	}
	if ((rc = tend_partners(c->t, &p, &n)) != TEND_OK)
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
	field(c, "This week:", NULL, s.week);
	print_checkin(c, viewer, &s, n);
	return print_week(c, viewer, &s);
}
