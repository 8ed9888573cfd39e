/*
 * prompt.c - the only includer of readline.  On a terminal every answer is
 * read with readline (line editing, in-memory recall; never a history
 * file); otherwise one line at a time with getline and no prompt, since
 * readline on a pipe echoes prompt and input to stdout.  Ctrl-C at a
 * prompt ends the read, not the process, so the caller can say what was
 * kept before it exits 130.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cli.h"

/* Set by SIGINT while a prompt waits: the one thing a handler may touch. */
static volatile sig_atomic_t interrupted;

static void
on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

/*
 * readline's own reader would retry after SIGINT; this one gives up, and
 * readline, seeing end of input, returns with the terminal restored.
 */
static int
getc_interruptible(FILE *fp)
{
	unsigned char ch;
	ssize_t n;

	for (;;) {
		if (interrupted)
			return EOF;
		if ((n = read(fileno(fp), &ch, 1)) == 1)
			return ch;
		if (n == 0 || errno != EINTR)
			return EOF;
	}
}

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
	rl_catch_signals = 0;
	rl_getc_function = getc_interruptible;
	/* NULL is the end of input (Ctrl-D), never an empty answer. */
	s = readline(prompt);
	if (interrupted) {
		free(s);
		fputc('\n', stderr);
		return -EXIT_INTERRUPT;
	}
	if (s == NULL) {
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
		if (interrupted)
			return -EXIT_INTERRUPT;
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
	struct sigaction sa, old;
	int r;

	*line = NULL;
	/* No SA_RESTART: the read must return when Ctrl-C comes. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	sigaction(SIGINT, &sa, &old);
	r = c->interactive ? ask_terminal(prompt, line) : ask_stream(line);
	sigaction(SIGINT, &old, NULL);
	return r;
}

int
cli_confirm(struct cli *c, const char *question)
{
	char prompt[512], *line = NULL;
	int r, yes;

	snprintf(prompt, sizeof(prompt), "%s [y/N] ", question);
	if ((r = cli_ask(c, prompt, &line)) < 0)
		return r;
	yes = r > 0 && (strcasecmp(line, "y") == 0 ||
	    strcasecmp(line, "yes") == 0);
	free(line);
	return yes;
}

int
cli_prompt_command(char *line, const char *const *words)
{
	const char *p = line + strspn(line, " \t"), *w;
	size_t len, i;

	if (line[0] == ':' && line[1] == ':') {
		memmove(line, line + 1, strlen(line));
		return -1;
	}
	if (*p != ':')
		return -1;
	w = ++p;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
		p++;
	len = (size_t)(p - w);
	/* ":)" or ": text" is an answer, not a command. */
	if (len == 0 || p[strspn(p, " \t")] != '\0')
		return -1;
	for (i = 0; words[i] != NULL; i++)
		if (strlen(words[i]) == len && strncasecmp(words[i], w, len) == 0)
			return (int)i;
	return -2;
}

const char *
cli_readline_version(void)
{
	return rl_library_version;
}
