/*
 * cmd-experiment.c - tend experiment: this week's small thing to try
 * (chosen on the first call and kept), how it went, a replacement, and
 * the past weeks.  Subcommands come from a small table, like commands do.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Columns before a past week's title and reflection in the list. */
#define LIST_INDENT	10

struct sub {
	const char	*name;
	int		(*fn)(struct cli *, const char *week, int argc,
			    char **argv);
};

static int
print_json(struct cli *c, const struct tend_week_experiment *x)
{
	char *s = NULL;
	int rc;

	rc = tend_experiment_json(c->t, x, &s);
	return cli_put_json(c, rc, s);
}

/* text as a block indented by indent columns, wrapped to the width. */
static void
put_block(const struct cli *c, const char *text, int indent)
{
	char *s = NULL;

	/* Leading spaces count on the first line, so the block lines up. */
	if (asprintf(&s, "%*s%s", indent, "", text) < 0) {
		fputs("(out of memory)\n", stdout);
		return;
	}
	cli_put_text(c, stdout, s, indent);
	free(s);
}

/* "tried, felt 4 of 5", "skipped", "not logged yet" */
static void
put_state(const struct tend_week_experiment *x)
{
	if (x->outcome == NULL)
		fputs("not logged yet", stdout);
	else
		cli_put_inline(stdout, x->outcome);
	if (x->felt > 0)
		printf(", felt %d of 5", x->felt);
}

static int
show(struct cli *c, const struct tend_week_experiment *x)
{
	const struct tend_catalog *cat = NULL;
	const struct tend_experiment *e;
	int status;

	if ((status = cli_catalog(c, &cat)) != 0)
		return status;
	e = tend_find_experiment(cat, x->item);
	printf("%sThis week's experiment (", cli_sgr(c, "2"));
	cli_put_inline(stdout, x->week);
	printf(")%s\n", cli_sgr(c, "0"));
	fputs(cli_sgr(c, "1"), stdout);
	cli_put_text(c, stdout, x->title, 0);
	fputs(cli_sgr(c, "0"), stdout);
	if (x->how[0] != '\0')
		cli_put_text(c, stdout, x->how, 0);
	putchar('\n');
	if (x->time[0] != '\0') {
		fputs("Takes: ", stdout);
		cli_put_inline(stdout, x->time);
		putchar('\n');
	}
	if (e != NULL) {
		fputs(cli_sgr(c, "2"), stdout);
		fputs("from: ", stdout);
		cli_put_inline(stdout, e->source->title);
		fputs(" (", stdout);
		cli_put_inline(stdout, e->source->by);
		printf(")%s\n", cli_sgr(c, "0"));
	}
	fputs("State: ", stdout);
	put_state(x);
	putchar('\n');
	if (x->reflection != NULL) {
		puts("Reflection:");
		put_block(c, x->reflection, 2);
	} else if (x->outcome == NULL) {
		puts("When you have tried it: tend experiment done [REFLECTION]"
		    " [--felt 1-5]");
	}
	return 0;
}

/* Parse --felt: 1 to 5, else a usage error before anything is saved. */
static int
parse_felt(const char *arg, int *felt)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < 1 || v > 5)
		return cli_error(EXIT_USAGE, "--felt takes a whole number from "
		    "1 to 5, not '%s'", arg);
	*felt = (int)v;
	return 0;
}

/* The words of a reflection, joined by single spaces; NULL for none. */
static int
join(int argc, char **argv, char **out)
{
	size_t len = 0, k;
	char *s;
	int i;

	*out = NULL;
	if (argc == 0)
		return 0;
	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((s = malloc(len + 1)) == NULL)
		return cli_error(1, "out of memory");
	for (len = 0, i = 0; i < argc; i++) {
		if (i > 0)
			s[len++] = ' ';
		k = strlen(argv[i]);
		memcpy(s + len, argv[i], k);
		len += k;
	}
	s[len] = '\0';
	*out = s;
	return 0;
}

/* After a change: the week's experiment as JSON, or one line for people. */
static int
report(struct cli *c, const char *week, int json, const char *what)
{
	struct tend_week_experiment x;
	int rc, status = 0;

	if ((rc = tend_experiment_get(c->t, week, 0, &x)) != TEND_OK)
		return cli_fail(c, rc);
	if (json) {
		status = print_json(c, &x);
	} else {
		printf("%s '", what);
		cli_put_inline(stdout, x.title);
		fputs("': ", stdout);
		put_state(&x);
		puts(".");
	}
	tend_week_experiment_release(&x);
	return status;
}

static int
sub_done(struct cli *c, const char *week, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "felt", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_week_experiment x;
	char *text = NULL;
	int ch, felt = 0, json = 0, asked = 0, status, rc;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((status = parse_felt(optarg, &felt)) != 0)
				return status;
			break;
		case 'j':
			json = 1;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	/* Nothing to log is said before anyone types a reflection. */
	if ((rc = tend_experiment_get(c->t, week, 0, &x)) != TEND_OK)
		return cli_fail(c, rc);
	tend_week_experiment_release(&x);
	if ((status = join(argc - optind, argv + optind, &text)) != 0)
		return status;
	/* On a terminal, ask: typed here it stays out of shell history. */
	if (text == NULL && c->interactive) {
		cli_note("How did it go? A few words for the journal, or Enter "
		    "to leave it.");
		if ((status = cli_ask(c, "> ", &text)) < 0)
			return -status;
		if (status > 0 && text[0] == '\0') {
			free(text);
			text = NULL;
		}
		asked = 1;
	}
	if ((rc = tend_experiment_log(c->t, week, "tried", felt, text)) !=
	    TEND_OK) {
		status = cli_fail(c, rc);
		/* Words typed at the prompt exist nowhere else: give them back. */
		if (asked && text != NULL) {
			cli_note("What you typed, so that it is not lost:");
			cli_put_text(c, stderr, text, 0);
		}
		free(text);
		return status;
	}
	free(text);
	return report(c, week, json, "Logged");
}

/* Options that only take --json: skip, new, list. */
static int
only_json(struct cli *c, int argc, char **argv, int *json)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		if (ch != 'j')
			return cli_option_error(c->cmd, ch, argv);
		*json = 1;
	}
	if (optind < argc)
		return cli_error(EXIT_USAGE, "unexpected argument '%s'; see "
		    "'tend experiment --help'", argv[optind]);
	return 0;
}

static int
sub_skip(struct cli *c, const char *week, int argc, char **argv)
{
	int status, rc, json = 0;

	if ((status = only_json(c, argc, argv, &json)) != 0)
		return status;
	if ((rc = tend_experiment_log(c->t, week, "skipped", 0, NULL)) !=
	    TEND_OK)
		return cli_fail(c, rc);
	status = report(c, week, json, "Logged");
	if (status == 0 && !json)
		puts("'tend experiment new' picks another for this week.");
	return status;
}

static int
sub_new(struct cli *c, const char *week, int argc, char **argv)
{
	struct tend_week_experiment old, x;
	int status, rc, had, json = 0;

	if ((status = only_json(c, argc, argv, &json)) != 0)
		return status;
	rc = tend_experiment_get(c->t, week, 0, &old);
	if (rc != TEND_OK && rc != TEND_ENOENT)
		return cli_fail(c, rc);
	had = rc == TEND_OK;
	if ((rc = tend_experiment_new(c->t, week, &x)) != TEND_OK) {
		tend_week_experiment_release(&old);
		return cli_fail(c, rc);
	}
	if (json) {
		status = print_json(c, &x);
	} else {
		if (had && old.outcome == NULL) {
			fputs("Skipped '", stdout);
			cli_put_inline(stdout, old.title);
			puts("'. Here is another:\n");
		}
		status = show(c, &x);
	}
	tend_week_experiment_release(&old);
	tend_week_experiment_release(&x);
	return status;
}

static int
sub_list(struct cli *c, const char *week, int argc, char **argv)
{
	struct tend_week_experiment *list = NULL;
	char *s = NULL, *wk;
	size_t n = 0, i;
	int status, rc, json = 0, w;

	(void)week;
	if ((status = only_json(c, argc, argv, &json)) != 0)
		return status;
	if ((rc = tend_experiment_list(c->t, &list, &n)) != TEND_OK)
		return cli_fail(c, rc);
	if (json) {
		rc = tend_experiment_list_json(c->t, list, n, &s);
		tend_experiment_list_free(list, n);
		return cli_put_json(c, rc, s);
	}
	if (n == 0)
		puts("No experiments yet; 'tend experiment' chooses this "
		    "week's.");
	for (i = 0; i < n; i++) {
		/* A stored week, so escaped; padded by what shows. */
		wk = tend_text_escape(list[i].week, strlen(list[i].week), 0);
		w = wk != NULL ? tend_text_width(wk) : 0;
		printf("%s%*s", wk != NULL ? wk : "?", w < LIST_INDENT ?
		    LIST_INDENT - w : 0, "");
		free(wk);
		cli_put_inline(stdout, list[i].title);
		fputs(" (", stdout);
		put_state(&list[i]);
		puts(")");
		if (list[i].reflection != NULL)
			put_block(c, list[i].reflection, LIST_INDENT);
	}
	tend_experiment_list_free(list, n);
	return 0;
}

/* Bare 'tend experiment': this week's, chosen on the first call. */
static int
sub_show(struct cli *c, const char *week, int argc, char **argv)
{
	struct tend_week_experiment x;
	int status, rc, json = 0;

	if ((status = only_json(c, argc, argv, &json)) != 0)
		return status;
	if ((rc = tend_experiment_get(c->t, week, 1, &x)) != TEND_OK)
		return cli_fail(c, rc);
	status = json ? print_json(c, &x) : show(c, &x);
	tend_week_experiment_release(&x);
	return status;
}

static const struct sub subs[] = {
	{ "done", sub_done },
	{ "skip", sub_skip },
	{ "new", sub_new },
	{ "list", sub_list },
};

int
cmd_experiment(struct cli *c, int argc, char **argv)
{
	const struct sub *sub = NULL;
	char week[TEND_WEEK_LEN];
	size_t i;
	int rc;

	/* A first word that is not an option names the subcommand. */
	if (argc > 1 && argv[1][0] != '-') {
		for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
			if (strcmp(subs[i].name, argv[1]) == 0)
				sub = &subs[i];
		if (sub == NULL)
			return cli_error(EXIT_USAGE, "'%s' is not an experiment "
			    "subcommand: use done, skip, new or list", argv[1]);
		argc--;
		argv++;
	}
	if ((rc = tend_week_resolve(c->t, "this-week", 0, week)) != TEND_OK)
		return cli_fail(c, rc);
	optind = 0;
	return (sub != NULL ? sub->fn : sub_show)(c, week, argc, argv);
}
