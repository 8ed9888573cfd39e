/*
 * prompt.c - the only includer of readline.  On a terminal every answer is
 * read with readline (line editing, in-memory recall; never a history
 * file); otherwise one line at a time with getline and no prompt, since
 * readline on a pipe echoes prompt and input to stdout.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cli.h"

/* Answers are not file names: Tab completes nothing. */
static char *
complete_nothing(const char *text, int state)
{
	(void)text;
	(void)state;
	return NULL;
}

static int
ask_terminal(const char *prompt, char **line)
{
	char *s;

	rl_readline_name = "tend";
	rl_instream = stdin;
	rl_outstream = stderr;
	rl_completion_entry_function = complete_nothing;
	/* NULL is the end of input (Ctrl-D), never an empty answer. */
	if ((s = readline(prompt)) == NULL) {
		fputc('\n', stderr);
		return 0;
	}
	if (*s != '\0')
		add_history(s);
	*line = s;
	return 1;
}

static int
ask_stream(char **line)
{
	char *s = NULL;
	size_t cap = 0;
	ssize_t n;

	errno = 0;
	if ((n = getline(&s, &cap, stdin)) == -1) {
		free(s);
		if (errno != 0 && errno != EINTR)
			return -cli_error(EXIT_IO, "cannot read standard "
			    "input: %s", strerror(errno));
		return 0;
	}
	if (n > 0 && s[n - 1] == '\n')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '\r')
		s[--n] = '\0';
	if (memchr(s, '\0', (size_t)n) != NULL) {
		free(s);
		return -cli_error(EXIT_DATA, "standard input holds a NUL "
		    "byte; give text only");
	}
	*line = s;
	return 1;
}

int
cli_ask(struct cli *c, const char *prompt, char **line)
{
	*line = NULL;
	return c->interactive ? ask_terminal(prompt, line) : ask_stream(line);
}

const char *
cli_readline_version(void)
{
	return rl_library_version;
}
