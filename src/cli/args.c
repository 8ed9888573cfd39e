/*
 * args.c - what the command handlers share beyond the table: their
 * argument helpers (--limit, words joined into one text, a word too
 * many), the catalogue with its failure said, and randomness.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int
cli_catalog(struct cli *c, const struct tend_catalog **cat)
{
	int rc = tend_catalog(c->t, cat);

	return rc == TEND_OK ? 0 : cli_fail(c, rc);
}

int
cli_parse_limit(const char *s, long *n)
{
	char *end;

	errno = 0;
	*n = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || *n < 1)
		return cli_error(EXIT_USAGE, "--limit takes a positive whole "
		    "number, not '%s'", s);
	return 0;
}

char *
cli_join(int argc, char **argv)
{
	size_t len = 1, at = 0, k;
	char *s;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((s = malloc(len)) == NULL)
		return NULL;
	for (i = 0; i < argc; i++) {
		if (i > 0)
			s[at++] = ' ';
		k = strlen(argv[i]);
		memcpy(s + at, argv[i], k);
		at += k;
	}
	s[at] = '\0';
	return s;
}

int
cli_unexpected(const struct cli *c, const char *arg)
{
	return cli_error(EXIT_USAGE, "unexpected argument '%s'; see 'tend %s "
	    "--help'", arg, c->cmd->name);
}

unsigned long
cli_random(void)
{
	return arc4random();
}
