/*
 * complete.c - the hidden 'tend --complete WHAT [ARGS]' that the bash, zsh
 * and fish scripts of completions/ call, so that the commands, their
 * options and subcommands come from the command table's usage strings,
 * never from a second list.  It prints one candidate a line and never
 * fails noisily: whatever goes wrong (no journal, a bad content file),
 * fewer candidates and exit status 0.
 *
 *   commands | options [CMD] | subcommands CMD | values CMD OPTION |
 *   partners | decks | topics | keys | line -- WORD...
 *
 * "line" takes the words after "tend" up to the one being completed (the
 * last, maybe empty) and prints the candidates that start with it; none
 * where a file name or free text goes, so the shell falls back to files.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAXTOK	32

/* A usage string read as tokens: options with their argument, keywords
 * (subcommands such as "done", "latest") and placeholders ("NAME"). */
enum tok_kind { TOK_OPTION, TOK_KEYWORD, TOK_PLACEHOLDER };

struct tok {
	enum tok_kind	kind;
	char		text[64];	/* "--week", "done", "NAME" */
	char		arg[64];	/* an option's argument; "" none */
};

struct usage {
	struct tok	tok[MAXTOK];
	size_t		n;
};

/* Copy the word of n bytes at s without brackets and "...". */
static void
strip(const char *s, size_t n, char *out, size_t size, int *closed)
{
	while (n > 0 && *s == '[') {
		s++;
		n--;
	}
	*closed = 0;
	for (;;) {
		if (n >= 3 && strncmp(s + n - 3, "...", 3) == 0)
			n -= 3;
		else if (n > 0 && s[n - 1] == ']') {
			n--;
			*closed = 1;
		} else
			break;
	}
	snprintf(out, size, "%.*s", (int)n, s);
}

/* The next space-separated word from *p: its start and length; 0 at end. */
static size_t
next_word(const char **p, const char **start)
{
	size_t n;

	while (isspace((unsigned char)**p))
		(*p)++;
	*start = *p;
	n = strcspn(*p, " \t\n");
	*p += n;
	return n;
}

static void
parse_usage(const char *usage, struct usage *u)
{
	const char *p = usage, *w, *peek;
	char text[64], arg[64];
	size_t n, m;
	int closed, aclosed;
	struct tok *t;

	u->n = 0;
	while ((n = next_word(&p, &w)) > 0 && u->n < MAXTOK) {
		if (n == 1 && *w == '|')
			continue;
		strip(w, n, text, sizeof(text), &closed);
		if (*text == '\0')
			continue;
		t = &u->tok[u->n++];
		t->arg[0] = '\0';
		if (text[0] != '-') {
			t->kind = islower((unsigned char)text[0]) ?
			    TOK_KEYWORD : TOK_PLACEHOLDER;
			snprintf(t->text, sizeof(t->text), "%s", text);
			continue;
		}
		t->kind = TOK_OPTION;
		if (strchr(text, '=') != NULL) {
			snprintf(t->text, sizeof(t->text), "%.*s",
			    (int)strcspn(text, "="), text);
			snprintf(t->arg, sizeof(t->arg), "%s",
			    strchr(text, '=') + 1);
			continue;
		}
		snprintf(t->text, sizeof(t->text), "%s", text);
		/* "[--week WEEK]": the next word is the option's argument. */
		peek = p;
		if (!closed && (m = next_word(&peek, &w)) > 0 &&
		    !(m == 1 && *w == '|') && *w != '-' && *w != '[') {
			strip(w, m, arg, sizeof(arg), &aclosed);
			snprintf(t->arg, sizeof(t->arg), "%s", arg);
			p = peek;
		}
	}
}

/* Print a candidate when it starts with prefix. */
static void
put(const char *prefix, const char *s)
{
	if (strncmp(s, prefix, strlen(prefix)) == 0)
		printf("%s\n", s);
}

/* The journal, opened quietly for partner names; 0 when there is none. */
static int
journal(struct cli *c)
{
	return c->t != NULL && c->paths.journal != NULL &&
	    tend_open(c->t, c->paths.journal) == TEND_OK;
}

static void
partners(struct cli *c, const char *prefix)
{
	struct tend_partner *p = NULL;
	size_t n = 0, i;

	if (!journal(c) || tend_partners(c->t, &p, &n) != TEND_OK)
		return;
	for (i = 0; i < n; i++)
		put(prefix, p[i].name);
	tend_partners_free(p, n);
}

static void
decks(struct cli *c, const char *prefix)
{
	const struct tend_catalog *cat;
	size_t i;

	if (c->t == NULL || tend_catalog(c->t, &cat) != TEND_OK)
		return;
	/* Only the decks the journal's intimacy setting allows. */
	(void)journal(c);
	for (i = 0; i < cat->ndecks; i++)
		if (tend_deck_allowed(c->t, &cat->decks[i]) > 0)
			put(prefix, cat->decks[i].id);
}

static void
topics(struct cli *c, const char *prefix)
{
	const struct tend_catalog *cat;
	size_t i;

	if (c->t == NULL || tend_catalog(c->t, &cat) != TEND_OK)
		return;
	for (i = 0; i < cat->ntopics; i++)
		put(prefix, cat->topics[i].id);
}

static void
keys(const char *prefix)
{
	const char *const *k;

	for (k = tend_config_keys(); *k != NULL; k++)
		put(prefix, *k);
}

static void
commands(const char *prefix)
{
	const struct tend_cmd *const *cmd;
	size_t n, i;

	cmd = cli_commands(&n);
	for (i = 0; i < n; i++)
		put(prefix, cmd[i]->name);
}

/* A command's options, or tend's own (cmd NULL), from the usage. */
static void
options(const struct tend_cmd *cmd, const char *prefix)
{
	struct usage u;
	size_t i;

	parse_usage(cmd ? cmd->usage : cli_usage_global(), &u);
	for (i = 0; i < u.n; i++)
		if (u.tok[i].kind == TOK_OPTION)
			put(prefix, u.tok[i].text);
	put(prefix, "--help");
}

static const struct tok *
find_option(const struct usage *u, const char *word)
{
	size_t i, n = strcspn(word, "=");

	for (i = 0; i < u->n; i++)
		if (u->tok[i].kind == TOK_OPTION &&
		    strlen(u->tok[i].text) == n &&
		    strncmp(u->tok[i].text, word, n) == 0)
			return &u->tok[i];
	return NULL;
}

/* Candidates for what a placeholder or an option argument names. */
static void
values(struct cli *c, const char *option, const char *arg,
    const char *prefix)
{
	static const struct {
		const char	*name;	/* an option, or a placeholder */
		const char	*list;	/* fixed values, or NULL */
		int		 kind;	/* 1 partners, 2 decks, 3 topics,
					   4 keys, 5 commands */
	} map[] = {
		{ "--deck", NULL, 2 },
		{ "--topic", NULL, 3 },
		{ "--from", NULL, 1 },
		{ "--to", NULL, 1 },
		{ "--as", NULL, 1 },
		{ "--partner", "", 0 },		/* new names: nothing */
		{ "--color", "auto always never", 0 },
		{ "--kind", "answer note reflection", 0 },
		{ "--week", "this-week last-week", 0 },
		{ "--since", "today yesterday", 0 },
		{ "--until", "today yesterday", 0 },
		{ "--date", "today yesterday", 0 },
		{ "WEEK", "this-week last-week", 0 },
		{ "NAME", NULL, 1 },
		{ "KEY", NULL, 4 },
		{ "COMMAND", NULL, 5 },
		{ "TOPIC", NULL, 3 },
	};
	const char *name, *p, *w;
	char v[64];
	size_t i, n;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		name = map[i].name;
		if (!(option != NULL && strcmp(name, option) == 0) &&
		    !(option == NULL && arg != NULL && strcmp(name, arg) == 0))
			continue;
		for (p = map[i].list; p != NULL && (n = next_word(&p, &w)) >
		    0;) {
			snprintf(v, sizeof(v), "%.*s", (int)n, w);
			put(prefix, v);
		}
		switch (map[i].kind) {
		case 1:
			partners(c, prefix);
			break;
		case 2:
			decks(c, prefix);
			break;
		case 3:
			topics(c, prefix);
			break;
		case 4:
			keys(prefix);
			break;
		case 5:
			commands(prefix);
			break;
		}
		return;
	}
	if (arg == NULL)
		return;
	/* "jsonl|json|markdown" in the usage: those values. */
	if (strchr(arg, '|') != NULL)
		for (p = arg; *p != '\0'; p += n + (p[n] == '|')) {
			n = strcspn(p, "|");
			snprintf(v, sizeof(v), "%.*s", (int)n, p);
			put(prefix, v);
		}
	/* "1-5": each number. */
	else if (isdigit((unsigned char)arg[0]) && arg[1] == '-' &&
	    isdigit((unsigned char)arg[2]) && arg[3] == '\0')
		for (i = (size_t)(arg[0] - '0'); i <= (size_t)(arg[2] - '0');
		    i++) {
			snprintf(v, sizeof(v), "%zu", i);
			put(prefix, v);
		}
}

/* The values a setting takes, for "config KEY VALUE". */
static void
setting_values(const char *key, const char *prefix)
{
	int i;

	if (strcmp(key, "intimacy") == 0)
		for (i = TEND_INTIMACY_NONE; i <= TEND_INTIMACY_SEXUAL; i++)
			put(prefix, tend_intimacy_name((enum tend_intimacy)i));
}

/* Complete the last of words, the words after "tend". */
static void
line(struct cli *c, int n, char **w)
{
	const struct tend_cmd *cmd;
	const struct tok *opt;
	struct usage u;
	const char *cur, *first = NULL;
	size_t k, npos = 0;
	int i, j, dashdash = 0;

	if (n < 1)
		return;
	cur = w[n - 1];
	/* tend's own options before the command; two take a value. */
	for (i = 0; i < n - 1 && w[i][0] == '-'; i++) {
		if (strcmp(w[i], "--db") != 0 && strcmp(w[i], "--color") != 0)
			continue;
		if (++i == n - 1) {
			values(c, w[i - 1], NULL, cur);
			return;
		}
	}
	if (i == n - 1) {
		if (cur[0] == '-')
			options(NULL, cur);
		else
			commands(cur);
		return;
	}
	if ((cmd = cli_command(w[i])) == NULL)
		return;
	parse_usage(cmd->usage, &u);
	for (j = i + 1; j < n - 1; j++) {
		if (!dashdash && strcmp(w[j], "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (!dashdash && w[j][0] == '-' && w[j][1] != '\0') {
			opt = find_option(&u, w[j]);
			if (opt != NULL && opt->arg[0] != '\0' &&
			    strchr(w[j], '=') == NULL) {
				if (j + 1 == n - 1) {
					values(c, opt->text, opt->arg, cur);
					return;
				}
				j++;
			}
			continue;
		}
		if (npos++ == 0)
			first = w[j];
	}
	if (!dashdash && cur[0] == '-') {
		options(cmd, cur);
		return;
	}
	/* The npos-th positional: a keyword, or the placeholder's values. */
	for (k = 0; k < u.n; k++)
		if (npos == 0 && u.tok[k].kind == TOK_KEYWORD)
			put(cur, u.tok[k].text);
	for (k = 0; k < u.n; k++)
		if (u.tok[k].kind == TOK_PLACEHOLDER && npos-- == 0)
			break;
	if (k == u.n)
		return;
	if (strcmp(u.tok[k].text, "VALUE") == 0 && first != NULL)
		setting_values(first, cur);
	else
		values(c, NULL, u.tok[k].text, cur);
}

/* --db PATH among the words of a line: the journal to name partners from. */
static void
line_db(int n, char **w, struct tend_env *env)
{
	int i;

	for (i = 0; i + 1 < n && w[i][0] == '-'; i++)
		if (strcmp(w[i], "--db") == 0 && w[i + 1][0] != '\0')
			env->db = w[++i];
		else if (strncmp(w[i], "--db=", 5) == 0 && w[i][5] != '\0')
			env->db = w[i] + 5;
}

int
cli_complete(struct cli *c, struct tend_env *env, const char *what,
    int argc, char **argv)
{
	const struct tend_cmd *cmd = NULL;
	const char *errmsg = NULL;

	if (strcmp(what, "line") == 0)
		line_db(argc, argv, env);
	if (tend_paths_resolve(env, &c->paths, &errmsg) == TEND_OK &&
	    (c->t = tend_new()) != NULL &&
	    tend_set_config_dir(c->t, c->paths.config) != TEND_OK) {
		tend_free(c->t);
		c->t = NULL;
	}
	if (argc > 0 && strcmp(what, "line") != 0)
		cmd = cli_command(argv[0]);
	if (strcmp(what, "commands") == 0)
		commands("");
	else if (strcmp(what, "options") == 0 && (argc == 0 || cmd != NULL))
		options(cmd, "");
	else if (strcmp(what, "subcommands") == 0 && cmd != NULL) {
		struct usage u;
		size_t i;

		parse_usage(cmd->usage, &u);
		for (i = 0; i < u.n; i++)
			if (u.tok[i].kind == TOK_KEYWORD)
				put("", u.tok[i].text);
	} else if (strcmp(what, "values") == 0 && cmd != NULL && argc == 2) {
		struct usage u;
		const struct tok *opt;

		parse_usage(cmd->usage, &u);
		if ((opt = find_option(&u, argv[1])) != NULL)
			values(c, opt->text, opt->arg, "");
	} else if (strcmp(what, "partners") == 0)
		partners(c, "");
	else if (strcmp(what, "decks") == 0)
		decks(c, "");
	else if (strcmp(what, "topics") == 0)
		topics(c, "");
	else if (strcmp(what, "keys") == 0)
		keys("");
	else if (strcmp(what, "line") == 0)
		line(c, argc, argv);
	return 0;
}
