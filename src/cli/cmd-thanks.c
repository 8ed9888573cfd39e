/*
 * cmd-thanks.c - tend thanks: log an appreciation note.  The text comes
 * from the arguments, else standard input when it is not a terminal, else
 * a prompt (so it stays out of the shell's history), or an editor with
 * --edit; it is saved exactly as given the moment it is complete.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static int	cmd_thanks(struct cli *, int, char **);

const struct tend_cmd cmd_thanks_entry = {
	.name = "thanks",
	.usage = "[--from NAME] [--date DAY] [--edit] NAME [TEXT...]",
	.summary = "log an appreciation note to a partner",
	.help =
	    "Thank NAME in a short note.  In a couple the note is from the\n"
	    "other partner; with more partners, say who it is from with --from.\n"
	    "The text is the words after NAME (put '--' before them when they\n"
	    "start with '-'), else standard input when it is not a terminal,\n"
	    "else a line typed at a prompt, which keeps it out of the shell's\n"
	    "history.  --edit writes it in an editor ($TEND_EDITOR, $VISUAL,\n"
	    "$EDITOR, else vi), leaving out lines that start with '#'.  The\n"
	    "text is saved exactly as given; an empty note saves nothing.\n"
	    "\n"
	    "Options:\n"
	    "  --from NAME   who the note is from\n"
	    "  --date DAY    back-date it: YYYY-MM-DD, today or yesterday,\n"
	    "                never later (it keeps the time of day)\n"
	    "  -e, --edit    write the note in an editor\n"
	    "\n"
	    "Examples:\n"
	    "  tend thanks Alex for making dinner when I was so tired\n"
	    "  tend thanks Alex -- -5 degrees and you still walked the dog\n"
	    "  tend thanks --from Alex --date yesterday Sam --edit\n",
	.flags = CMD_JOURNAL | CMD_WRITE,
	.fn = cmd_thanks,
};

/* Room for the longest note: every character four bytes, and a newline. */
#define INPUT_MAX	((size_t)TEND_TEXT_MAX * 4 + 1)
/* The editor's file also holds the comment lines: allow them plenty. */
#define EDIT_MAX	(INPUT_MAX + 64 * 1024)

/* Where the text came from: a prompt or an editor exists only in memory. */
enum source { FROM_ARGS, FROM_STDIN, FROM_PROMPT, FROM_EDITOR };

/*
 * Read all of fd, at most max bytes: 0 with *out (free it) and *len, or
 * an exit status after saying why.  what names the input in messages.
 */
static int
slurp(int fd, size_t max, const char *what, char **out, size_t *len)
{
	char *buf;
	size_t n = 0;
	ssize_t k;

	*out = NULL;
	if ((buf = malloc(max + 2)) == NULL)
		return cli_error(1, "out of memory");
	/* One byte past max tells "too long" from "exactly max". */
	while (n <= max) {
		if ((k = read(fd, buf + n, max + 1 - n)) == 0)
			break;
		if (k == -1) {
			if (errno == EINTR)
				continue;
			free(buf);
			return cli_error(EXIT_IO, "cannot read %s: %s", what,
			    strerror(errno));
		}
		n += (size_t)k;
	}
	if (n > max) {
		free(buf);
		return cli_error(EXIT_DATA, "%s holds more than a note's %d "
		    "characters; nothing saved", what, TEND_TEXT_MAX);
	}
	if (memchr(buf, '\0', n) != NULL) {
		free(buf);
		return cli_error(EXIT_DATA, "%s holds a NUL byte; a note is "
		    "text only; nothing saved", what);
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* All of standard input, one trailing newline removed. */
int
cli_read_note(char **text)
{
	size_t n;
	int status;

	if ((status = slurp(STDIN_FILENO, INPUT_MAX, "standard input", text,
	    &n)) != 0)
		return status;
	if (n > 0 && (*text)[n - 1] == '\n')
		(*text)[n - 1] = '\0';
	return 0;
}

static int
blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/*
 * The note in an edited file, in place: lines starting with '#' left out,
 * then blank lines at the start and at the end, and the last newline.
 */
static void
strip_comments(char *s)
{
	char *r = s, *w = s, *nl, *start, *end, *line;
	size_t k;

	while (*r != '\0') {
		nl = strchr(r, '\n');
		k = nl ? (size_t)(nl - r) + 1 : strlen(r);
		if (*r != '#') {
			memmove(w, r, k);
			w += k;
		}
		r += k;
	}
	*w = '\0';
	/* Leading blank lines. */
	start = s;
	while ((nl = strchr(start, '\n')) != NULL &&
	    blank_line(start, (size_t)(nl - start)))
		start = nl + 1;
	if (blank_line(start, strlen(start))) {
		s[0] = '\0';
		return;
	}
	/* Trailing blank lines, and the newline ending the last line. */
	end = start + strlen(start);
	for (;;) {
		if (end > start && end[-1] == '\n') {
			end--;
			continue;
		}
		for (line = end; line > start && line[-1] != '\n'; line--)
			;
		if (line == start || !blank_line(line, (size_t)(end - line)))
			break;
		end = line;
	}
	k = (size_t)(end - start);
	memmove(s, start, k);
	s[k] = '\0';
}

/* The editor, the git way; NULL when a dumb terminal leaves none. */
static const char *
editor_command(void)
{
	const char *term = getenv("TERM"), *e;
	int dumb = term == NULL || strcmp(term, "dumb") == 0;

	if ((e = getenv("TEND_EDITOR")) != NULL && *e != '\0')
		return e;
	if (!dumb && (e = getenv("VISUAL")) != NULL && *e != '\0')
		return e;
	if ((e = getenv("EDITOR")) != NULL && *e != '\0')
		return e;
	return dumb ? NULL : "vi";
}

/* mkdir -p with 0700 folders. */
static int
make_dirs(const char *dir)
{
	char path[4096], *p;

	if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path))
		return cli_error(1, "path too long: %s", dir);
	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) == -1 && errno != EEXIST)
			return cli_error(EXIT_CANTCREAT, "cannot create the "
			    "folder %s: %s", path, strerror(errno));
		*p = '/';
	}
	if (mkdir(path, 0700) == -1 && errno != EEXIST)
		return cli_error(EXIT_CANTCREAT, "cannot create the folder "
		    "%s: %s", path, strerror(errno));
	return 0;
}

/*
 * A 0600 temporary file for the note: in $XDG_RUNTIME_DIR, a folder only
 * this user can read that lives in memory, else in the state folder.
 * Returns the open descriptor with its path in path, or -1 after saying
 * why with the exit status in *status.
 */
static int
make_draft(struct cli *c, char *path, size_t size, int *status)
{
	const char *dir = getenv("XDG_RUNTIME_DIR");
	struct stat st;
	int fd;

	if (dir == NULL || dir[0] != '/' || stat(dir, &st) == -1 ||
	    !S_ISDIR(st.st_mode)) {
		dir = c->paths.state;
		if ((*status = make_dirs(dir)) != 0)
			return -1;
	}
	if (snprintf(path, size, "%s/tend-note-XXXXXX", dir) >= (int)size) {
		*status = cli_error(1, "path too long: %s", dir);
		return -1;
	}
	if ((fd = mkstemp(path)) == -1 || fchmod(fd, 0600) == -1) {
		*status = cli_error(EXIT_CANTCREAT, "cannot create a file for "
		    "the note in %s: %s", dir, strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(path);
		}
		return -1;
	}
	return fd;
}

/* Write all of s; 0 or -1 with errno. */
static int
write_all(int fd, const char *s, size_t n)
{
	ssize_t k;

	while (n > 0) {
		if ((k = write(fd, s, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

/*
 * Run the editor on path through /bin/sh, the path passed as "$1" so that
 * no character in it is read by the shell.  While it runs tend ignores
 * Ctrl-C and Ctrl-\ (they belong to the editor, as system(3) does it) and
 * holds back hang-up and termination until the file is gone: the mask to
 * restore then goes to held, whatever happens.  Returns the wait status,
 * or -1 with errno.
 */
static int
run_editor(const char *editor, const char *path, sigset_t *held)
{
	struct sigaction ign, old_int, old_quit;
	sigset_t hold;
	char *script = NULL;
	pid_t pid;
	int ws = -1, err = 0;

	sigemptyset(&hold);
	sigaddset(&hold, SIGHUP);
	sigaddset(&hold, SIGTERM);
	sigprocmask(SIG_BLOCK, &hold, held);
	if (asprintf(&script, "%s \"$1\"", editor) < 0) {
		errno = ENOMEM;
		return -1;
	}
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);

	fflush(NULL);
	if ((pid = fork()) == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		sigprocmask(SIG_SETMASK, held, NULL);
		execl("/bin/sh", "sh", "-c", script, "sh", path, (char *)NULL);
		_exit(127);
	}
	if (pid == -1)
		err = errno;
	while (pid > 0 && waitpid(pid, &ws, 0) == -1) {
		if (errno != EINTR) {
			err = errno;
			ws = -1;
			break;
		}
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(script);
	errno = err;
	return ws;
}

/*
 * The note written in the editor, prefilled with prefill (may be NULL):
 * 0 with *text, or an exit status.  The file is removed on every path
 * before a held-back signal may end tend.
 */
int
cli_edit_note(struct cli *c, const char *to, const char *prefill, char **text)
{
	const char *editor = editor_command();
	char path[4096], *head = NULL, *buf = NULL;
	sigset_t held;
	size_t n;
	int fd, ws, sig, status = 0, holding = 0;

	*text = NULL;
	if (editor == NULL)
		return cli_error(EXIT_CONFIG, "no editor for a dumb terminal; "
		    "set TEND_EDITOR or EDITOR, or give the note as arguments");
	if ((fd = make_draft(c, path, sizeof(path), &status)) == -1)
		return status;
	if (asprintf(&head, "%s\n\n# Write your note to %s above.  Lines "
	    "starting with '#' are left out,\n# and an empty note saves "
	    "nothing.\n", prefill ? prefill : "", to) < 0) {
		head = NULL;
		status = cli_error(1, "out of memory");
		close(fd);
		goto out;
	}
	if (write_all(fd, head, strlen(head)) == -1 || close(fd) == -1) {
		status = cli_error(EXIT_IO, "cannot write %s: %s", path,
		    strerror(errno));
		goto out;
	}
	ws = run_editor(editor, path, &held);
	holding = 1;
	if (ws == -1) {
		status = cli_error(1, "cannot run the editor '%s': %s", editor,
		    strerror(errno));
		goto out;
	}
	/* A shell reports a child killed by signal N as status 128 + N. */
	sig = WIFSIGNALED(ws) ? WTERMSIG(ws) : WEXITSTATUS(ws) > 128 &&
	    WEXITSTATUS(ws) < 128 + 32 ? WEXITSTATUS(ws) - 128 : 0;
	if (sig == SIGINT) {
		status = cli_error(EXIT_INTERRUPT, "the editor was "
		    "interrupted; nothing saved");
		goto out;
	}
	if (sig != 0) {
		status = cli_error(1, "the editor was ended by signal %d; "
		    "nothing saved", sig);
		goto out;
	}
	if (WEXITSTATUS(ws) != 0) {
		status = cli_error(1, "the editor '%s' failed (exit status "
		    "%d); nothing saved", editor, WEXITSTATUS(ws));
		goto out;
	}
	/* Editors may save by renaming a new file over the old: reopen. */
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		status = cli_error(EXIT_IO, "cannot read the note back from "
		    "%s: %s", path, strerror(errno));
		goto out;
	}
	status = slurp(fd, EDIT_MAX, "the edited note", &buf, &n);
	close(fd);
	if (status != 0)
		goto out;
	strip_comments(buf);
	*text = buf;
	buf = NULL;
out:
	unlink(path);
	free(head);
	free(buf);
	/* Only now may a hang-up or kill held back during the edit land. */
	if (holding)
		sigprocmask(SIG_SETMASK, &held, NULL);
	return status;
}

/* One line typed at a prompt: 0 with *text, or an exit status. */
static int
ask_note(struct cli *c, const char *to, char **text)
{
	char prompt[320];
	int r;

	snprintf(prompt, sizeof(prompt), "Note to %s: ", to);
	if ((r = cli_ask(c, prompt, text)) < 0)
		return -r;
	if (r == 0)
		return cli_error(1, "stopped; nothing saved");
	return 0;
}

/*
 * A note typed at a prompt or in an editor lives nowhere else: when it
 * cannot be saved, hand it back so that nothing typed is lost.
 */
static void
give_back(struct cli *c, enum source from, const char *text)
{
	if (from != FROM_PROMPT && from != FROM_EDITOR)
		return;
	fputs("Your note, not saved:\n", stderr);
	cli_put_text(c, stderr, text, 0);
}

static int
cmd_thanks(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "edit", no_argument, NULL, 'e' },
		{ "from", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *from_arg = NULL, *date = NULL;
	char *to = NULL, *from = NULL, *text = NULL, *words = NULL;
	enum source src;
	time_t day, when = 0;
	int ch, edit = 0, rc, status = 0;

	while ((ch = getopt_long(argc, argv, ":e", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'e':
			edit = 1;
			break;
		case 'f':
			from_arg = optarg;
			break;
		case '?':
			/* Most likely a note that starts with '-'. */
			if (optopt != 0)
				return cli_error(EXIT_USAGE, "unknown option "
				    "'-%c'; to start a note with '-', put '--' "
				    "before it: tend thanks NAME -- TEXT",
				    optopt);
			return cli_error(EXIT_USAGE, "unknown option '%s'; to "
			    "start a note with '-', put '--' before it: tend "
			    "thanks NAME -- TEXT", argv[optind - 1]);
		default:
			return cli_option_error(c->cmd, ch, argv);
		}
	}
	if (optind >= argc)
		return cli_error(EXIT_USAGE, "say whom to thank: tend thanks "
		    "NAME [TEXT...]");

	/* Everything is checked before anyone types a word. */
	if ((rc = tend_partner_find(c->t, argv[optind], &to)) != TEND_OK ||
	    (rc = from_arg ? tend_partner_find(c->t, from_arg, &from) :
	    tend_note_sender(c->t, to, &from)) != TEND_OK) {
		status = cli_fail(c, rc);
		goto out;
	}
	if ((rc = tend_note_check_partners(c->t, from, to)) != TEND_OK) {
		status = rc == TEND_EINVAL ? cli_error(EXIT_USAGE, "%s",
		    cli_errtext(c->t)) : cli_fail(c, rc);
		goto out;
	}
	if (date != NULL && ((rc = tend_day_resolve(c->t, date, 1, &day)) !=
	    TEND_OK || (rc = tend_note_time(c->t, day, &when)) != TEND_OK)) {
		status = cli_fail(c, rc);
		goto out;
	}
	if (optind + 1 < argc && (words = cli_join(argc - optind - 1,
	    argv + optind + 1)) == NULL) {
		status = cli_error(1, "out of memory");
		goto out;
	}

	if (edit) {
		src = FROM_EDITOR;
		status = cli_edit_note(c, to, words, &text);
	} else if (words != NULL) {
		src = FROM_ARGS;
		text = words;
		words = NULL;
	} else if (!isatty(STDIN_FILENO)) {
		src = FROM_STDIN;
		status = cli_read_note(&text);
	} else if (c->interactive) {
		src = FROM_PROMPT;
		status = ask_note(c, to, &text);
	} else {
		status = cli_error(EXIT_USAGE, "no note to save: give its "
		    "text after the name, on standard input or with --edit");
		goto out;
	}
	if (status != 0)
		goto out;
	if (*text == '\0') {
		status = cli_error(1, "empty note; nothing saved");
		goto out;
	}
	if ((rc = tend_note_check_text(c->t, text)) != TEND_OK) {
		status = cli_error(EXIT_DATA, "%s; nothing saved",
		    cli_errtext(c->t));
		give_back(c, src, text);
		goto out;
	}
	if ((rc = tend_note_add(c->t, from, to, text, when, NULL)) !=
	    TEND_OK) {
		status = cli_fail(c, rc);
		give_back(c, src, text);
		goto out;
	}
	cli_put_inline(stdout, from);
	fputs(" thanked ", stdout);
	cli_put_inline(stdout, to);
	fputs(".\n", stdout);
out:
	free(words);
	free(text);
	free(from);
	free(to);
	return status;
}
