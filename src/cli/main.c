/*
 * main.c - tend's entry point: global options, the environment and the
 * clock, opening the journal for the command, dispatch (commands.c holds
 * the table), and the exit status, decided only after standard output was
 * written.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <unistring/version.h>

#include "cli.h"

/* Whether argv asks for help, before any "--". */
static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

/*
 * The zone, as the library asks for it: the offset from UTC in force at an
 * instant, from TZ through the C library.  This is the one place the
 * time zone is read.
 */
static long
local_utcoff(void *arg, time_t at)
{
	struct tm tm;

	(void)arg;
	if (localtime_r(&at, &tm) == NULL)
		return 0;
	return tm.tm_gmtoff;
}

/*
 * The clock: TEND_NOW when set, else the system clock.  TEND_NOW with Z or
 * an offset is that instant; without, it is local time in TZ, and a date
 * alone means noon there, clear of any midnight.
 */
static int
read_clock(const char *tend_now, time_t *now)
{
	struct tend_datetime dt;

	tzset();
	*now = time(NULL);
	if (tend_now == NULL || *tend_now == '\0')
		return 0;
	if (tend_datetime_parse(tend_now, &dt) != TEND_OK)
		return cli_error(EXIT_CONFIG, "TEND_NOW='%s' is not an ISO 8601 "
		    "date or date-time; use e.g. 2026-11-21 or "
		    "2026-11-21T20:30:00Z", tend_now);
	if (!dt.has_time) {
		dt.hour = 12;
		dt.has_time = 1;
	}
	*now = tend_datetime_instant(local_utcoff, NULL, &dt);
	return 0;
}

static int
print_version(void)
{
	printf("tend %s\n"
	    "SQLite %s\n"
	    "readline %s\n"
	    "cJSON %s\n"
	    "libunistring %d.%d.%d\n", TEND_VERSION, tend_sqlite_version(),
	    cli_readline_version(), tend_cjson_version(),
	    _libunistring_version >> 16, (_libunistring_version >> 8) & 0xff,
	    _libunistring_version & 0xff);
	return 0;
}

static int
print_paths(const struct cli *c)
{
	printf("journal %s\nconfig  %s\nstate   %s\n", c->paths.journal,
	    c->paths.config, c->paths.state);
	return 0;
}

/* Open the journal for a command; on a terminal offer to create it. */
static int
open_journal(struct cli *c)
{
	int rc = tend_open(c->t, c->paths.journal);

	if (rc == TEND_ENOJOURNAL && c->interactive)
		return cli_create_interactive(c, 1, -1);
	if (rc != TEND_OK)
		return cli_fail(c, rc);
	if ((c->cmd->flags & CMD_WRITE) && !tend_writable(c->t))
		return cli_error(EXIT_IO, "cannot write the journal %s: it or "
		    "its folder is read-only; check its permissions",
		    c->paths.journal);
	return 0;
}

static int
run(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		/* Bare 'tend --as NAME': the status as NAME sees it. */
		{ "as", required_argument, NULL, 'a' },
		{ "color", required_argument, NULL, 'c' },
		/* Hidden: for the completion scripts, see complete.c. */
		{ "complete", required_argument, NULL, 'C' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "no-input", no_argument, NULL, 'n' },
		{ "no-pager", no_argument, NULL, 'P' },
		{ "paths", no_argument, NULL, 'p' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct tend_env env = { 0 };
	enum color_mode mode = COLOR_AUTO;
	const char *errmsg = NULL, *name, *complete = NULL, *as = NULL;
	int ch, paths = 0, no_input = 0, status, rc;
	time_t now = 0;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			as = optarg;
			break;
		case 'c':
			if (strcmp(optarg, "auto") == 0)
				mode = COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				mode = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				mode = COLOR_NEVER;
			else
				return cli_error(EXIT_USAGE, "--color takes "
				    "auto, always or never, not '%s'", optarg);
			break;
		case 'C':
			complete = optarg;
			break;
		case 'd':
			if (*optarg == '\0')
				return cli_error(EXIT_USAGE, "--db needs a "
				    "path");
			env.db = optarg;
			break;
		case 'h':
			cli_help_all();
			return 0;
		case 'n':
			no_input = 1;
			break;
		case 'P':
			c->no_pager = 1;
			break;
		case 'p':
			paths = 1;
			break;
		case 'V':
			return print_version();
		default:
			return cli_option_error(NULL, ch, argv);
		}
	}
	argc -= optind;
	argv += optind;

	env.tend_db = getenv("TEND_DB");
	env.home = getenv("HOME");
	env.xdg_data = getenv("XDG_DATA_HOME");
	env.xdg_config = getenv("XDG_CONFIG_HOME");
	env.xdg_state = getenv("XDG_STATE_HOME");
	if (complete != NULL)
		return cli_complete(c, &env, complete, argc, argv);
	c->color = cli_color_on(mode, STDOUT_FILENO, getenv("NO_COLOR"),
	    getenv("TERM"));
	c->width = cli_term_width(STDOUT_FILENO, getenv("COLUMNS"));
	c->interactive = !no_input && isatty(STDIN_FILENO) &&
	    isatty(STDERR_FILENO);

	name = argc > 0 ? argv[0] : "status";
	if ((c->cmd = cli_command(name)) == NULL)
		return cli_unknown_command(name);
	if (as != NULL && argc > 0)
		return cli_error(EXIT_USAGE, "--as goes after the command: "
		    "'tend %s --as %s'", name, as);
	if (argc > 0 && wants_help(argc, argv)) {
		cli_help(c->cmd);
		return 0;
	}
	if ((status = read_clock(getenv("TEND_NOW"), &now)) != 0)
		return status;
	/* Its one TEND_EINVAL is HOME, mended in tend(1)'s words. */
	if ((rc = tend_paths_resolve(&env, &c->paths, &errmsg)) != TEND_OK)
		return cli_error(rc == TEND_EINVAL ? EXIT_CONFIG : 1, "%s%s%s",
		    errmsg, rc == TEND_EINVAL ? "; " : "", rc == TEND_EINVAL ?
		    cli_fix_words(TEND_FIX_HOME, NULL, NULL, 0) : "");
	if (paths)
		return print_paths(c);
	if ((c->t = tend_new()) == NULL)
		return cli_error(1, "out of memory");
	tend_set_clock_zone(c->t, now, local_utcoff, NULL);
	if (tend_set_config_dir(c->t, c->paths.config) != TEND_OK)
		return cli_error(1, "out of memory");
	if ((c->cmd->flags & CMD_JOURNAL) && (status = open_journal(c)) != 0)
		return status;
	/* glibc: 0 restarts getopt for the command, bare status included. */
	optind = 0;
	if (argc == 0) {
		char word[] = "status", opt[] = "--as";
		char *bare[] = { word, opt, (char *)as, NULL };

		return c->cmd->fn(c, as != NULL ? 3 : 1, bare);
	}
	return c->cmd->fn(c, argc, argv);
}

int
main(int argc, char **argv)
{
	struct rlimit nocore = { 0, 0 };
	struct cli c = { 0 };
	int status;

	/* Journal text must not land in a core file or a 0644 file. */
	umask(077);
	setrlimit(RLIMIT_CORE, &nocore);
	/* Past a file-size limit, a clean error rather than death. */
	signal(SIGXFSZ, SIG_IGN);
	/*
	 * Only the character set follows the locale (wrapping, the chart,
	 * readline): tend speaks English, its numbers and dates have one
	 * fixed form, and loading the other categories costs a dozen files
	 * read on every run.
	 */
	setlocale(LC_CTYPE, "");

	status = run(&c, argc, argv);
	/* Before anything else: the pager must see the end and quit. */
	cli_pager_close(&c);
	/*
	 * Said once, after the pager: a read-only journal can still be read.
	 * A command that failed, one that tried to write included, has said
	 * why in its own line.
	 */
	if (status == 0 && c.t != NULL && tend_readonly(c.t))
		cli_error(0, "the journal is read-only (%s); showing it "
		    "without changes", c.paths.journal);
	tend_free(c.t);
	tend_paths_release(&c.paths);
	/* A failed write to stdout is an error even after the work is done. */
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0)
		return cli_error(EXIT_IO, "cannot write to standard output: %s",
		    strerror(errno));
	return status;
}
