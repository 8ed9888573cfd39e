/*
 * cmd-export.c - tend export: the whole journal as JSON Lines, one JSON
 * document or Markdown, to standard output or, with -o, to a file made
 * the careful way (RELIABILITY.md, "Writing"): a 0600 temporary file
 * beside it, synced, renamed into place, and the folder synced, so a
 * crash leaves either the old file or the whole new one.
 */

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static int	cmd_export(struct cli *, int, char **);

const struct tend_cmd cmd_export_entry = {
	.name = "export",
	.usage = "[--format jsonl|json|markdown] [-o FILE] [--force]",
	.summary = "write the whole journal out, to keep, move or merge",
	.help =
	    "Write the whole journal: partners, check-ins and answers, notes,\n"
	    "experiments, assessments and settings, each with its id and its\n"
	    "times in UTC.  jsonl (the default) is a header line and one record\n"
	    "a line; json is the same as one document; markdown is a readable,\n"
	    "printable journal by week.  tend(1) describes the format under\n"
	    "EXPORT FORMAT; 'tend import' reads jsonl and json back.  It\n"
	    "carries the whole journal, answers not yet revealed to the other\n"
	    "partner included: keep it as private as the journal.\n"
	    "\n"
	    "Options:\n"
	    "  --format F      jsonl (default), json or markdown\n"
	    "  -o, --output FILE\n"
	    "                  write FILE (mode 0600, replaced whole or not at\n"
	    "                  all) instead of standard output\n"
	    "  --force         replace FILE when it exists (else exit 73); never\n"
	    "                  the journal itself or a device (exit 64)\n"
	    "\n"
	    "Examples:\n"
	    "  tend export -o ~/tend-$(date +%F).jsonl\n"
	    "  tend export --format markdown | less\n"
	    "  ssh alex@laptop tend export | tend import -\n",
	.flags = CMD_JOURNAL,
	.fn = cmd_export,
};

/*
 * The temporary file of export -o while it is being written: Ctrl-C, a
 * closed terminal or kill must not leave a copy of the journal's words
 * behind.  The handler removes it and dies of the same signal, as tend
 * would have without it.
 */
static struct tend_outfile out;

static void
remove_temp(int sig)
{
	unlink(out.tmp);
	raise(sig);
}

static int
write_file(void *arg, const char *buf, size_t n)
{
	FILE *fp = arg;

	if (fwrite(buf, 1, n, fp) != n) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return 0;
}

static int
write_fd(void *arg, const char *buf, size_t n)
{
	int fd = *(int *)arg;
	ssize_t w;

	for (; n > 0; buf += w, n -= (size_t)w)
		if ((w = write(fd, buf, n)) < 0) {
			if (errno == EINTR) {
				w = 0;
				continue;
			}
			return -1;
		}
	return 0;
}

static int
export_to_file(struct cli *c, enum tend_export_format format,
    const char *path, int force)
{
	struct sigaction old[CLI_NFATAL];
	sigset_t block, mask;
	size_t i;
	int rc;

	/* Held back while the file is made: made and guarded, or neither. */
	sigemptyset(&block);
	for (i = 0; i < CLI_NFATAL; i++)
		sigaddset(&block, cli_fatal[i]);
	sigprocmask(SIG_BLOCK, &block, &mask);
	if ((rc = tend_outfile_open(c->t, path, "the export", force, &out)) ==
	    TEND_OK)
		cli_catch(remove_temp, old);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	if (rc == TEND_EEXIST)
		return cli_error(EXIT_CANTCREAT, "%s (--force replaces it)",
		    cli_errtext(c->t));
	/* The path is refused (usage), or the file cannot be made. */
	if (rc != TEND_OK)
		return rc == TEND_EINVAL ? cli_fail(c, rc) :
		    cli_error(EXIT_CANTCREAT, "%s", cli_errtext(c->t));
	if ((rc = tend_export(c->t, format, write_fd, &out.fd)) != TEND_OK) {
		tend_outfile_abandon(&out);
		cli_uncatch(old);
		return cli_fail(c, rc);
	}
	rc = tend_outfile_commit(c->t, &out);
	cli_uncatch(old);
	if (rc == TEND_EEXIST)
		return cli_error(EXIT_CANTCREAT, "%s (--force replaces it)",
		    cli_errtext(c->t));
	return rc == TEND_OK ? 0 : cli_fail(c, rc);
}

static int
cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	enum tend_export_format format = TEND_EXPORT_JSONL;
	const char *path = NULL;
	int ch, force = 0, rc;

	while ((ch = getopt_long(argc, argv, ":o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			force = 1;
			break;
		case 'F':
			if (tend_export_format_parse(optarg, &format) !=
			    TEND_OK)
				return cli_error(EXIT_USAGE, "--format takes "
				    "jsonl, json or markdown, not '%s'",
				    optarg);
			break;
		case 'o':
			path = optarg;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind < argc)
		return cli_unexpected(c, argv[optind]);
	if (path != NULL && strcmp(path, "-") != 0)
		return export_to_file(c, format, path, force);
	/* main reports a failed write to standard output (exit 74). */
	if ((rc = tend_export(c->t, format, write_file, stdout)) != TEND_OK)
		return cli_fail(c, rc);
	return 0;
}
