/*
 * chart.c - the weekly connection ratings drawn in the terminal: one row
 * per partner, one column per week, with block characters when the locale
 * speaks UTF-8 and plain ASCII otherwise, and a mark for a missed week.
 */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Eight heights for ratings 1..10, lowest first. */
static const char *const blocks[] = {
	"\u2581", "\u2582", "\u2583", "\u2584",
	"\u2585", "\u2586", "\u2587", "\u2588",
};

/* Whether the locale's character set is UTF-8 (main called setlocale). */
static int
utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
}

/* Write one cell: rating v (1..10), or the gap mark for 0. */
static void
cell(const struct cli *c, FILE *fp, int v, int utf8)
{
	static const char ascii[] = "123456789X";
	char one[2] = { 0, 0 };

	if (v < 1 || v > 10) {
		fprintf(fp, "%s%s%s", cli_sgr(c, "2"), utf8 ? "\u00b7" : ".",
		    cli_sgr(c, "0"));
		return;
	}
	/* 1 -> the lowest block, 10 -> the full one, evenly between. */
	one[0] = ascii[v - 1];
	fprintf(fp, "%s%s%s", cli_sgr(c, "36"), utf8 ?
	    blocks[((v - 1) * 7 + 4) / 9] : one, cli_sgr(c, "0"));
}

/* A name as printed, escaped; its width in columns goes to *w. */
static char *
safe_name(const char *name, int *w)
{
	char *s = tend_text_escape(name, strlen(name), 0);

	*w = s != NULL ? tend_text_width(s) : 0;
	return s;
}

void
cli_chart_ratings(const struct cli *c, FILE *fp, const struct tend_stats *s)
{
	char **names = NULL;
	int namew = 0, w, cellw, utf8 = utf8_locale();
	size_t i, k;

	if (s->nweeks == 0)
		return;
	if ((names = calloc(s->npartners + 1, sizeof(*names))) == NULL) {
		fputs("(out of memory)\n", fp);
		return;
	}
	for (i = 0; i < s->npartners; i++) {
		names[i] = safe_name(s->partners[i].name, &w);
		if (w > namew)
			namew = w;
	}
	/* Two columns a week when they fit, so every week has its label. */
	cellw = 2 + namew + 2 + 2 * (int)s->nweeks <= c->width ? 2 : 1;

	fprintf(fp, "Connection (1-10) by week, %s to %s; %s no rating:\n",
	    s->weeks[0], s->weeks[s->nweeks - 1], utf8 ? "\u00b7" : ".");
	for (i = 0; i < s->npartners; i++) {
		fputs("  ", fp);
		fputs(names[i] ? names[i] : "?", fp);
		fprintf(fp, "%*s", namew - (names[i] ?
		    tend_text_width(names[i]) : 1) + 2, "");
		for (k = 0; k < s->nweeks; k++) {
			cell(c, fp, s->partners[i].ratings[k], utf8);
			if (cellw == 2 && k + 1 < s->nweeks)
				fputc(' ', fp);
		}
		fputc('\n', fp);
	}
	/*
	 * The axis: the week numbers, every fourth week counted back from
	 * this one so that this week is always labelled.
	 */
	fprintf(fp, "%s%*s", cli_sgr(c, "2"), namew + 4, "");
	for (k = 0; k < s->nweeks; k++) {
		int label = (s->nweeks - 1 - k) % 4 == 0;

		if (label) {
			fprintf(fp, "%.2s", s->weeks[k] + 6);
			if (cellw == 1)
				k++;	/* the label took the next column */
		} else
			fputs(cellw == 2 ? "  " : " ", fp);
	}
	fprintf(fp, "%s\n", cli_sgr(c, "0"));
	for (i = 0; i < s->npartners; i++)
		free(names[i]);
	free(names);
}
