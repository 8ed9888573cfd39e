/*
 * hidden.c - the line a view prints when the privacy rule (tend.h) keeps
 * answers out of it: who has answered and who has not, once per hidden
 * check-in, instead of a placeholder per answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
 * The line goes to standard error: standard output is the view's data,
 * which scripts and pipes read and compare from one run to the next; the
 * line is for the people at the keyboard, like "Nothing found".
 */
int
cli_hidden_note(struct cli *c, const char *viewer, const char *week,
    const char *deck)
{
	const struct tend_catalog *cat;
	struct tend_hidden *h = NULL;
	size_t n = 0, i;
	char deckname[80];
	int rc, both;

	if ((rc = tend_hidden(c->t, viewer, &h, &n)) != TEND_OK)
		return cli_fail(c, rc);
	if (tend_catalog(c->t, &cat) != TEND_OK)
		cat = NULL;
	for (i = 0; i < n; i++) {
		if ((week != NULL && strcmp(h[i].week, week) != 0) ||
		    (deck != NULL && strcmp(h[i].deck, deck) != 0))
			continue;
		deckname[0] = '\0';
		/* The weekly deck goes without saying; another is named. */
		if (cat == NULL || strcmp(h[i].deck, cat->decks[0].id) != 0)
			snprintf(deckname, sizeof(deckname), " (%s)",
			    h[i].deck);
		both = h[i].nanswered + h[i].nwaiting == 2;
		cli_note("tend: %s%s: %s%s%s%s%s; answers appear when %s%s",
		    h[i].week, deckname, h[i].answered,
		    h[i].nanswered == 0 ? "" : h[i].nanswered == 1 ?
		    " has answered" : " have answered",
		    h[i].nanswered > 0 && h[i].nwaiting > 0 ? ", " : "",
		    h[i].waiting, h[i].nwaiting == 0 ? "" :
		    h[i].nwaiting == 1 ? " has not yet" : " have not yet",
		    both ? "both have" : "everyone has",
		    viewer == NULL ? ", or use --as NAME" : "");
	}
	tend_hidden_free(h, n);
	return 0;
}
