/*
 * pager.c - long output through a pager, the way git does it: only when
 * standard output is a terminal, TEND_PAGER > PAGER > less, with LESS=FRX
 * when the user has no LESS of their own.  Standard output itself is moved
 * onto the pager's pipe, so commands keep printing with stdio as usual.
 */
#include <signal.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct cli_pager {
	FILE			*pipe;		/* to the pager's input */
	int			 saved;		/* the terminal's stdout */
	struct sigaction	 sigpipe;	/* SIGPIPE's action before */
	struct sigaction	 sigint;	/* SIGINT's */
};

/* Whether an executable named name is on $PATH. */
static int
on_path(const char *name)
{
	const char *path = getenv("PATH"), *p, *end;
	char file[4096];
	int n;

	for (p = path ? path : "/usr/bin:/bin"; *p != '\0'; p = end) {
		if ((end = strchr(p, ':')) == NULL)
			end = p + strlen(p);
		n = snprintf(file, sizeof(file), "%.*s/%s", (int)(end - p), p,
		    name);
		if (end > p && n > 0 && n < (int)sizeof(file) &&
		    access(file, X_OK) == 0)
			return 1;
		if (*end == ':')
			end++;
	}
	return 0;
}

/*
 * The pager command, or NULL for none: empty and "cat" mean none.  The
 * shell that popen runs cannot tell tend that a pager is missing, and the
 * output would be lost: so the default, less, is used only when it is
 * installed, while a pager the user named is trusted.
 */
static const char *
pager_command(void)
{
	const char *cmd = getenv("TEND_PAGER");

	if (cmd == NULL)
		cmd = getenv("PAGER");
	if (cmd == NULL)
		cmd = on_path("less") ? "less" : NULL;
	if (cmd == NULL || *cmd == '\0' || strcmp(cmd, "cat") == 0)
		return NULL;
	return cmd;
}

void
cli_pager_open(struct cli *c)
{
	struct cli_pager *p;
	struct sigaction ign;
	const char *cmd;

	if (c->pager != NULL || c->no_pager || !isatty(STDOUT_FILENO) ||
	    (cmd = pager_command()) == NULL)
		return;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return;
	/* F: quit when it fits one screen; R: colours; X: leave no trace. */
	setenv("LESS", "FRX", 0);
	fflush(stdout);
	if ((p->pipe = popen(cmd, "w")) == NULL)
		goto fail;
	if ((p->saved = dup(STDOUT_FILENO)) == -1) {
		pclose(p->pipe);
		goto fail;
	}
	/*
	 * A pager quit before the end makes writes fail with EPIPE; that is
	 * the reader's choice, not an error, so no signal may end tend.
	 * Ctrl-C belongs to the pager (less uses it to stop a search): were
	 * tend to die of it, the shell would take the terminal back from
	 * under the pager.
	 */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &p->sigpipe);
	sigaction(SIGINT, &ign, &p->sigint);
	if (dup2(fileno(p->pipe), STDOUT_FILENO) == -1) {
		sigaction(SIGPIPE, &p->sigpipe, NULL);
		sigaction(SIGINT, &p->sigint, NULL);
		close(p->saved);
		pclose(p->pipe);
		goto fail;
	}
	c->pager = p;
	return;
fail:
	/* Without a pager the output still goes to the terminal. */
	free(p);
}

void
cli_pager_close(struct cli *c)
{
	struct cli_pager *p = c->pager;

	if (p == NULL)
		return;
	c->pager = NULL;
	/*
	 * Every write went to the pager's pipe, so a failed one means the
	 * reader quit early: drop what is left and forget the failure, so
	 * that none of it reaches the terminal and main does not report a
	 * failed write to standard output.
	 */
	if (fflush(stdout) != 0)
		__fpurge(stdout);
	clearerr(stdout);
	dup2(p->saved, STDOUT_FILENO);
	close(p->saved);
	/* Closing our end lets the pager see the end; wait until it quits. */
	pclose(p->pipe);
	sigaction(SIGPIPE, &p->sigpipe, NULL);
	sigaction(SIGINT, &p->sigint, NULL);
	free(p);
}

int
cli_pager_quit(const struct cli *c)
{
	return c->pager != NULL && ferror(stdout);
}
