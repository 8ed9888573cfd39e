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
	char deckname[80], lead[TEND_WEEK_LEN + 96];
	int rc;

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
		snprintf(lead, sizeof(lead), "%s%s: ", h[i].week, deckname);
		cli_waiting_note(lead, h[i].answered, h[i].nanswered,
		    h[i].waiting, h[i].nwaiting, "answers appear",
		    viewer != NULL);
	}
	tend_hidden_free(h, n);
	return 0;
}

void
cli_waiting_note(const char *lead, const char *answered, size_t nanswered,
    const char *waiting, size_t nwaiting, const char *what, int named)
{
	cli_note("tend: %s%s%s%s%s%s; %s when %s%s", lead, answered,
	    nanswered == 0 ? "" : nanswered == 1 ? " has answered" :
	    " have answered", nanswered > 0 && nwaiting > 0 ? ", " : "",
	    waiting, nwaiting == 0 ? "" : nwaiting == 1 ? " has not yet" :
	    " have not yet", what,
	    nanswered + nwaiting == 2 ? "both have" : "everyone has",
	    named ? "" : ", or use --as NAME");
}
