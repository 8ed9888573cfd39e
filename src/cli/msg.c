/*
 * msg.c - the single voice of stderr.  Every message is one line that
 * starts "tend: ", says what failed and what to do, and is escaped like
 * any user text, since it may quote a name or a path someone typed.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void vsay(const char *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

static void
vsay(const char *prefix, const char *fmt, va_list ap)
{
	char *raw = NULL, *safe = NULL;

	if (vasprintf(&raw, fmt, ap) < 0) {
		fprintf(stderr, "%sout of memory\n", prefix);
		return;
	}
	safe = tend_text_escape(raw, strlen(raw), 0);
	fprintf(stderr, "%s%s\n", prefix, safe ? safe : "out of memory");
	free(safe);
	free(raw);
}

int
cli_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("tend: ", fmt, ap);
	va_end(ap);
	return code;
}

void
cli_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("", fmt, ap);
	va_end(ap);
}

int
cli_exit_status(int rc)
{
	switch (rc) {
	case TEND_OK:
		return 0;
	case TEND_EINVAL:
	case TEND_ENOENT:
		return EXIT_USAGE;
	case TEND_EDATA:
	case TEND_ENEWER:
		return EXIT_DATA;
	case TEND_ENOJOURNAL:
		return EXIT_NOINPUT;
	case TEND_EEXIST:
		return EXIT_CANTCREAT;
	case TEND_EREADONLY:
	case TEND_EFULL:
	case TEND_EIO:
		return EXIT_IO;
	case TEND_EBUSY:
		return EXIT_BUSY;
	case TEND_EPERM:
	case TEND_ECONTENT:
		return EXIT_CONFIG;
	default:
		return 1;
	}
}

int
cli_fail(struct cli *c, int rc)
{
	return cli_error(cli_exit_status(rc), "%s", tend_errmsg(c->t));
}

int
cli_option_error(const struct tend_cmd *cmd, int ch, char **argv)
{
	const char *where = cmd ? cmd->name : NULL;
	char see[64];

	snprintf(see, sizeof(see), "see 'tend %s%s--help'", where ? where : "",
	    where ? " " : "");
	if (ch == ':')
		return cli_error(EXIT_USAGE, "option '%s' needs a value; %s",
		    argv[optind - 1], see);
	if (optopt != 0)
		return cli_error(EXIT_USAGE, "unknown option '-%c'; %s", optopt,
		    see);
	return cli_error(EXIT_USAGE, "unknown option '%s'; %s",
	    argv[optind - 1], see);
}
