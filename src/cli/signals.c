/*
 * signals.c - the signals that end tend (Ctrl-C, a closed terminal, kill,
 * Ctrl-\) caught around work that must not be cut short without cleaning
 * up: export -o's temporary file, import's transaction.
 */
#include <signal.h>
#include <string.h>

#include "cli.h"

const int cli_fatal[CLI_NFATAL] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

void
cli_catch(void (*fn)(int), struct sigaction *old)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	/*
	 * Caught once: the handler finds the default back, so a second
	 * signal (or its own raise()) ends tend.  No SA_RESTART: a read
	 * waiting on a pipe returns.
	 */
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < CLI_NFATAL; i++) {
		sigaction(cli_fatal[i], NULL, &old[i]);
		/* What was ignored (nohup, a background job) stays so. */
		if (old[i].sa_handler != SIG_IGN)
			sigaction(cli_fatal[i], &sa, NULL);
	}
}

void
cli_uncatch(const struct sigaction *old)
{
	size_t i;

	for (i = 0; i < CLI_NFATAL; i++)
		sigaction(cli_fatal[i], &old[i], NULL);
}
