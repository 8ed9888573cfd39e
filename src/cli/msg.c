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

/*
 * tend(1)'s words for a mend the library names: the command or option
 * that makes it.  NULL where the library's own words serve.
 */
const char *
cli_fix_words(enum tend_fix fix, const char *arg, char *buf, size_t n)
{
	switch (fix) {
	case TEND_FIX_NONE:
		break;
	case TEND_FIX_CREATE:
		return "run 'tend init'";
	case TEND_FIX_RECREATE:
		return "remove it, then run 'tend init'";
	case TEND_FIX_LINK:
		return "give the real file's path with --db";
	case TEND_FIX_PATH:
		return "give the journal's path with --db";
	case TEND_FIX_HOME:
		return "set it, or give the journal with --db";
	case TEND_FIX_FOLDER:
		return "keep the journal in a folder only you can write, e.g. "
		    "--db ~/tend/journal.db";
	case TEND_FIX_CHECK:
		return "run 'tend doctor'";
	case TEND_FIX_RECHECK:
		return "run 'tend doctor' again once the problems above are "
		    "fixed";
	case TEND_FIX_RESTORE:
		return "restore a copy made with 'tend backup'";
	case TEND_FIX_UPGRADE:
		return "run any tend command to upgrade it, e.g. 'tend status'";
	case TEND_FIX_INTIMACY:
		if (arg == NULL)
			return "set it with 'tend config intimacy "
			    "none|affection|sexual'";
		snprintf(buf, n, "to use it: tend config intimacy %s", arg);
		return buf;
	case TEND_FIX_SENDER:
		return "say who with --from NAME";
	case TEND_FIX_DECKS:
		return "see 'tend questions --decks'";
	case TEND_FIX_TOPICS:
		return "see 'tend tip --topics'";
	case TEND_FIX_EXPERIMENT:
		return "'tend experiment' chooses this week's";
	case TEND_FIX_CHECKIN:
		return "run 'tend checkin' together";
	case TEND_FIX_PARTNERS:
		return "import it into a journal made with 'tend init'";
	}
	return NULL;
}

const char *
cli_errtext(const struct tend *t)
{
	static char text[1024];
	enum tend_fix fix;
	const char *arg, *words;
	char buf[128];

	fix = tend_errfix(t, &arg);
	if ((words = cli_fix_words(fix, arg, buf, sizeof(buf))) == NULL)
		return tend_errmsg(t);
	snprintf(text, sizeof(text), "%s; %s", tend_errmsg(t), words);
	return text;
}

int
cli_fail(struct cli *c, int rc)
{
	return cli_error(cli_exit_status(rc), "%s", cli_errtext(c->t));
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
