/*
 * cmd-export.c - tend export: the whole journal as JSON Lines, one JSON
 * document or Markdown, to standard output or, with -o, to a file made
 * the careful way (RELIABILITY.md, "Writing"): a 0600 temporary file
 * beside it, synced, renamed into place, and the folder synced, so a
 * crash leaves either the old file or the whole new one.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
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
static char temp[4096];

static void
remove_temp(int sig)
{
	unlink(temp);
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

/* Sync the folder holding path, so that the rename itself is durable. */
static int
sync_folder(const char *path)
{
	char *copy = strdup(path);
	int fd, rc = -1;

	if (copy == NULL)
		return -1;
	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >=
	    0) {
		rc = fsync(fd);
		close(fd);
	}
	free(copy);
	return rc;
}

/*
 * A new temporary file beside path, 0600, never following a link nor
 * reusing a file that is there: its name to tmp.
 */
static int
open_temp(const char *path, char *tmp, size_t size)
{
	int fd, i, n;

	for (i = 0; i < 100; i++) {
		n = snprintf(tmp, size, "%s.tmp-%ld-%d", path, (long)getpid(),
		    i);
		if (n < 0 || (size_t)n >= size) {
			errno = ENAMETOOLONG;
			return -1;
		}
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

static int
export_to_file(struct cli *c, enum tend_export_format format,
    const char *path, int force)
{
	struct sigaction old[CLI_NFATAL];
	sigset_t block, mask;
	struct stat st;
	char *tmp = temp;
	FILE *fp = NULL;
	size_t i;
	int fd, rc, status = 0;

	/* Even with --force: the journal, its -wal or -shm, a device. */
	if ((rc = tend_output_check(c->t, path, "the export")) != TEND_OK)
		return cli_fail(c, rc);
	if (!force && lstat(path, &st) == 0)
		return cli_error(EXIT_CANTCREAT, "%s exists; add --force to "
		    "replace it", path);
	/* Held back while the file is made: made and guarded, or neither. */
	sigemptyset(&block);
	for (i = 0; i < CLI_NFATAL; i++)
		sigaddset(&block, cli_fatal[i]);
	sigprocmask(SIG_BLOCK, &block, &mask);
	if ((fd = open_temp(path, tmp, sizeof(temp))) >= 0)
		cli_catch(remove_temp, old);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	if (fd < 0)
		return cli_error(EXIT_CANTCREAT, "cannot create %s: %s", path,
		    strerror(errno));
	/* Whatever the umask, the journal's text stays the user's. */
	if (fchmod(fd, 0600) != 0 || (fp = fdopen(fd, "w")) == NULL) {
		status = cli_error(EXIT_IO, "cannot write %s: %s", tmp,
		    strerror(errno));
		close(fd);
		goto fail;
	}
	if ((rc = tend_export(c->t, format, write_file, fp)) != TEND_OK) {
		status = cli_fail(c, rc);
		goto fail;
	}
	if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0) {
		status = cli_error(EXIT_IO, "cannot write %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	rc = fclose(fp);
	fp = NULL;
	if (rc != 0) {
		status = cli_error(EXIT_IO, "cannot write %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	/* Without --force, a file made meanwhile is still not replaced. */
	if (force ? rename(tmp, path) : renameat2(AT_FDCWD, tmp, AT_FDCWD,
	    path, RENAME_NOREPLACE)) {
		status = errno == EEXIST ? cli_error(EXIT_CANTCREAT, "%s "
		    "exists; add --force to replace it", path) :
		    cli_error(EXIT_CANTCREAT, "cannot create %s: %s", path,
		    strerror(errno));
		goto fail;
	}
	cli_uncatch(old);
	if (sync_folder(path) != 0)
		return cli_error(EXIT_IO, "cannot sync the folder of %s: %s",
		    path, strerror(errno));
	return 0;
fail:
	if (fp != NULL)
		fclose(fp);
	unlink(tmp);
	cli_uncatch(old);
	return status;
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
