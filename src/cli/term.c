/*
 * term.c - what the terminal gets: the colour policy, the width to wrap
 * to, and the one path by which text a partner wrote reaches the screen.
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int
cli_color_on(enum color_mode mode, int fd, const char *no_color,
    const char *term)
{
	if (mode != COLOR_AUTO)
		return mode == COLOR_ALWAYS;
	if (no_color != NULL && *no_color != '\0')
		return 0;
	if (term == NULL || strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fd);
}

int
cli_term_width(int fd, const char *columns)
{
	struct winsize ws;
	char *end;
	long n;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (columns != NULL && *columns != '\0') {
		errno = 0;
		n = strtol(columns, &end, 10);
		if (errno == 0 && *end == '\0' && n > 0 && n <= 10000)
			return (int)n;
	}
	return 80;
}

/* An SGR sequence such as "1" (bold) or "" when colour is off. */
const char *
cli_sgr(const struct cli *c, const char *code)
{
	static const struct {
		const char	*code;
		const char	*seq;
	} table[] = {
		{ "0", "\033[0m" },
		{ "1", "\033[1m" },
		{ "2", "\033[2m" },
		{ "32", "\033[32m" },
		{ "33", "\033[33m" },
		{ "36", "\033[36m" },
	};
	size_t i;

	if (!c->color)
		return "";
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(table[i].code, code) == 0)
			return table[i].seq;
	return "";
}

static void
put_text(FILE *fp, const char *text, int width, int indent)
{
	char *safe, *wrapped = NULL;

	/* Too narrow a terminal still gets a readable column. */
	if (width - indent < 20)
		width = indent + 20;
	if ((safe = tend_text_escape(text, strlen(text), 1)) != NULL)
		wrapped = tend_text_wrap(safe, width, indent);
	fprintf(fp, "%s\n", wrapped ? wrapped : "(out of memory)");
	free(wrapped);
	free(safe);
}

void
cli_put_text(const struct cli *c, FILE *fp, const char *text, int indent)
{
	put_text(fp, text, c->width, indent);
}

int
cli_width_now(const struct cli *c, FILE *fp)
{
	struct winsize ws;

	if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return c->width;
}

void
cli_put_wrapped(const struct cli *c, FILE *fp, const char *text, int indent)
{
	put_text(fp, text, cli_width_now(c, fp), indent);
}

void
cli_put_source(const struct cli *c, const struct tend_source *src)
{
	char *s = NULL;

	if (asprintf(&s, "from: %s", src->short_name) < 0) {
		fputs("(out of memory)\n", stdout);
		return;
	}
	fputs(cli_sgr(c, "2"), stdout);
	cli_put_text(c, stdout, s, 6);
	fputs(cli_sgr(c, "0"), stdout);
	free(s);
}

void
cli_put_inline(FILE *fp, const char *text)
{
	char *safe = tend_text_escape(text, strlen(text), 0);

	fputs(safe ? safe : "(out of memory)", fp);
	free(safe);
}

int
cli_put_json(struct cli *c, int rc, char *json)
{
	if (rc != TEND_OK) {
		free(json);
		return cli_fail(c, rc);
	}
	printf("%s\n", json);
	free(json);
	return 0;
}
