/*
 * cmd-import.c - tend import: read an export (a file, or "-" for standard
 * input) into the journal, all of it or none, and say in one line what
 * changed.  The journal is made when there is none yet, so that an export
 * restores into a fresh journal with every id it had; that is why this
 * command opens the journal itself.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static int	cmd_import(struct cli *, int, char **);

const struct tend_cmd cmd_import_entry = {
	.name = "import",
	.usage = "[--dry-run] FILE|-",
	.summary = "read an export into the journal (merges two journals)",
	.help =
	    "Read an export made by 'tend export' (jsonl or json) from FILE, or\n"
	    "from standard input with -, and add its records to the journal: all\n"
	    "of them or, when any line is wrong, none (the message names the line\n"
	    "and the field, exit 65).  Each record is checked as the command\n"
	    "that writes it checks it (settings as 'tend config', answers\n"
	    "against their deck).  Records already present are skipped, so\n"
	    "importing a partner's export merges the two journals and importing\n"
	    "a file twice changes nothing.  A partner of the same name (in any\n"
	    "case) is the journal's partner, and a check-in of the same week and\n"
	    "deck is the journal's check-in.  With no journal yet, one is made\n"
	    "from the file, with its ids.\n"
	    "\n"
	    "Options:\n"
	    "  -n, --dry-run   check the file and say what would change; change\n"
	    "                  nothing\n"
	    "\n"
	    "Examples:\n"
	    "  tend import --dry-run alex.jsonl\n"
	    "  tend import alex.jsonl\n"
	    "  tend --db ~/copy.db import ~/tend-2026-11-21.jsonl\n",
	.flags = 0,
	.fn = cmd_import,
};

struct progress {
	FILE		*in;
	int		 tty;		/* stderr is a terminal */
	int		 shown;		/* a progress line is on screen */
	struct timespec	 start;
};

/*
 * Set by Ctrl-C, a closed terminal or kill during the import: the next
 * read fails, the library rolls everything back, and a journal made for
 * the import is removed, so a stopped import leaves things as they were.
 * The handler is reset by its first signal, so a second one ends tend at
 * once (SQLite still rolls the transaction back on the next open).
 */
static volatile sig_atomic_t stopped;

static void
stop(int sig)
{
	stopped = sig;
}

static long
read_file(void *arg, char *buf, size_t n)
{
	struct progress *p = arg;
	size_t got;

	if (stopped) {
		errno = EINTR;
		return -1;
	}
	got = fread(buf, 1, n, p->in);

	if (got == 0 && ferror(p->in))
		return -1;
	return (long)got;
}

/* Only on a terminal, and only once the import has run about a second. */
static void
show_progress(void *arg, unsigned long lines)
{
	struct progress *p = arg;
	struct timespec now;

	if (!p->tty || clock_gettime(CLOCK_MONOTONIC, &now) != 0)
		return;
	if (!p->shown && (now.tv_sec - p->start.tv_sec) * 1000 +
	    (now.tv_nsec - p->start.tv_nsec) / 1000000 < 1000)
		return;
	p->shown = 1;
	fprintf(stderr, "\rimporting: %lu lines read", lines);
	fflush(stderr);
}

/* "imported 12 notes, 3 check-ins; skipped 40 already present". */
static void
summary(const struct tend_import_stats *s, int dry_run)
{
	unsigned long n;
	int i, any = 0;

	fputs(dry_run ? "would import " : "imported ", stdout);
	for (i = 0; i < TEND_NRECORDS; i++) {
		if ((n = s->added[i]) == 0)
			continue;
		printf("%s%lu %s", any++ ? ", " : "", n,
		    tend_record_name((enum tend_record)i, n != 1));
	}
	if (!any)
		fputs("nothing new", stdout);
	if (s->skipped + s->matched > 0)
		printf("; skipped %lu already present",
		    s->skipped + s->matched);
	if (s->kept > 0)
		printf("; %lu setting%s kept as this journal has %s", s->kept,
		    s->kept == 1 ? "" : "s", s->kept == 1 ? "it" : "them");
	puts(dry_run ? " (dry run: nothing changed)" : "");
}

static int
cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_import_stats stats;
	struct sigaction old[CLI_NFATAL];
	struct progress p = { 0 };
	struct stat st;
	const char *name;
	int ch, dry_run = 0, rc, created = 0, status;

	while ((ch = getopt_long(argc, argv, ":n", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			dry_run = 1;
			break;
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind + 1 != argc)
		return cli_error(EXIT_USAGE, optind == argc ? "import needs a "
		    "FILE, or - for standard input; see 'tend import --help'" :
		    "import takes one FILE; see 'tend import --help'");
	name = argv[optind];
	if (strcmp(name, "-") == 0)
		p.in = stdin;
	else if ((p.in = fopen(name, "r")) == NULL)
		return cli_error(EXIT_NOINPUT, "cannot open %s: %s", name,
		    strerror(errno));
	if (fstat(fileno(p.in), &st) == 0 && S_ISDIR(st.st_mode)) {
		status = cli_error(EXIT_NOINPUT, "%s is a folder, not an "
		    "export", name);
		goto out;
	}
	rc = tend_open(c->t, c->paths.journal);
	if (rc == TEND_ENOJOURNAL) {
		if ((rc = tend_import_create(c->t, c->paths.journal)) !=
		    TEND_OK) {
			status = cli_fail(c, rc);
			goto out;
		}
		created = 1;
	} else if (rc != TEND_OK) {
		status = cli_fail(c, rc);
		goto out;
	} else if (!tend_writable(c->t)) {
		status = cli_error(EXIT_IO, "cannot write the journal %s: it "
		    "or its folder is read-only; check its permissions",
		    c->paths.journal);
		goto out;
	}
	p.tty = isatty(STDERR_FILENO);
	clock_gettime(CLOCK_MONOTONIC, &p.start);
	cli_catch(stop, old);
	rc = tend_import(c->t, read_file, &p, dry_run, show_progress, &stats);
	if (p.shown)
		fputs("\r\033[K", stderr);
	if (rc != TEND_OK) {
		/* 130 for Ctrl-C: 128 and the signal, as a shell says. */
		if (stopped)
			status = cli_error(128 + stopped, "import stopped; "
			    "nothing was imported");
		else
			status = cli_fail(c, rc);
		if (created)
			tend_import_abandon(c->t, c->paths.journal);
		cli_uncatch(old);
		goto out;
	}
	cli_uncatch(old);
	/* A new journal appears at its path only now, with the import in. */
	if (created && dry_run)
		tend_import_abandon(c->t, c->paths.journal);
	else if (created && (rc = tend_import_publish(c->t,
	    c->paths.journal)) != TEND_OK) {
		status = cli_fail(c, rc);
		goto out;
	}
	summary(&stats, dry_run);
	status = 0;
out:
	if (p.in != stdin)
		fclose(p.in);
	return status;
}
