/*
 * cli.h - the tend command-line tool: the command table's shape, the state
 * every command handler is given, and the helpers the commands share.
 * The CLI never touches SQLite or cJSON: it talks to libtend only.
 */
#ifndef CLI_H
#define CLI_H

#include <signal.h>
#include <stdio.h>

#include "tend.h"

/* <sysexits.h> codes, spelled out where tend(1) documents them. */
#define EXIT_USAGE	64
#define EXIT_DATA	65
#define EXIT_NOINPUT	66
#define EXIT_CANTCREAT	73
#define EXIT_IO		74
#define EXIT_BUSY	75
#define EXIT_CONFIG	78
#define EXIT_INTERRUPT	130

#define CMD_JOURNAL	0x1	/* opens the journal before the handler runs */
#define CMD_WRITE	0x2	/* and needs to write it */

struct cli;

struct tend_cmd {
	const char	*name;
	const char	*usage;		/* what follows "tend NAME" */
	const char	*summary;	/* one line for 'tend --help' */
	const char	*help;		/* description, options, examples */
	unsigned	 flags;
	int		(*fn)(struct cli *, int argc, char **argv);
};

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* Everything a handler needs, read once by main. */
struct cli {
	struct tend		*t;
	struct tend_paths	 paths;
	const struct tend_cmd	*cmd;
	int			 color;		/* colour on stdout */
	int			 interactive;	/* may prompt: stdin and stderr
						   are terminals, no --no-input */
	int			 width;		/* columns for wrapping */
	int			 no_pager;	/* --no-pager */
	struct cli_pager	*pager;		/* open pager; NULL: none */
};

/*
 * The commands' entries, one file each (cmd-*.c; undo and trash share
 * one), listed in commands.c.
 */
extern const struct tend_cmd cmd_assess_entry;
extern const struct tend_cmd cmd_backup_entry;
extern const struct tend_cmd cmd_checkin_entry;
extern const struct tend_cmd cmd_config_entry;
extern const struct tend_cmd cmd_doctor_entry;
extern const struct tend_cmd cmd_experiment_entry;
extern const struct tend_cmd cmd_export_entry;
extern const struct tend_cmd cmd_help_entry;
extern const struct tend_cmd cmd_history_entry;
extern const struct tend_cmd cmd_import_entry;
extern const struct tend_cmd cmd_init_entry;
extern const struct tend_cmd cmd_notes_entry;
extern const struct tend_cmd cmd_questions_entry;
extern const struct tend_cmd cmd_search_entry;
extern const struct tend_cmd cmd_show_entry;
extern const struct tend_cmd cmd_stats_entry;
extern const struct tend_cmd cmd_status_entry;
extern const struct tend_cmd cmd_thanks_entry;
extern const struct tend_cmd cmd_tip_entry;
extern const struct tend_cmd cmd_trash_entry;
extern const struct tend_cmd cmd_undo_entry;

/* commands.c: the table, for help and completion; tend's own usage lines. */
const struct tend_cmd *const *cli_commands(size_t *n);
const char *cli_usage_global(void);
const struct tend_cmd *cli_command(const char *name);
/* "'x' is not a tend command. Did you mean 'y'?": exit 64. */
int	cli_unknown_command(const char *name);
void	cli_usage(FILE *, const struct tend_cmd *);
void	cli_help(const struct tend_cmd *);
void	cli_help_all(void);

/* args.c: the catalogue, or the exit status after saying why it failed. */
int	cli_catalog(struct cli *, const struct tend_catalog **);
/* --limit N: a whole number >= 1; 0 or the exit status after saying why. */
int	cli_parse_limit(const char *, long *);
/* argv's words joined by single spaces ("" for none); NULL: no memory. */
char	*cli_join(int argc, char **argv);
/* "unexpected argument 'x'; see 'tend CMD --help'": exit 64. */
int	cli_unexpected(const struct cli *, const char *arg);
/* Randomness for the commands that want it (tip --random). */
unsigned long cli_random(void);

/*
 * msg.c: the single voice of stderr.  cli_error prints "tend: MESSAGE"
 * (escaped, as it may quote user text) and returns code; cli_fail does the
 * same for a libtend failure, choosing the exit status from it and adding
 * the mend in tend(1)'s words.
 */
int	cli_error(int code, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	cli_fail(struct cli *, int rc);
/*
 * The last library failure with tend(1)'s mend appended (static storage,
 * until the next call); cli_fix_words names the mend alone, in buf when
 * it takes an argument, NULL where the library's words serve.
 */
const char *cli_errtext(const struct tend *);
const char *cli_fix_words(enum tend_fix, const char *arg, char *buf,
	    size_t n);
int	cli_exit_status(int rc);
/* A getopt_long failure (optstring starting ':') as a usage error. */
int	cli_option_error(const struct tend_cmd *, int ch, char **argv);
/* A non-error line for people on stderr: progress, prompts' context. */
void	cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * signals.c: cli_catch hands the signals of cli_fatal (INT, TERM, HUP,
 * QUIT) to fn for their first coming, leaving ignored ones ignored, with
 * their actions before in old; cli_uncatch puts those back.
 */
#define CLI_NFATAL	4
extern const int cli_fatal[CLI_NFATAL];
void	cli_catch(void (*fn)(int), struct sigaction *old);
void	cli_uncatch(const struct sigaction *old);

/*
 * prompt.c: the only includer of readline.  cli_ask reads one line: with
 * readline and the prompt on stderr when c->interactive, else with
 * getline and no prompt.  Returns 1 with *line (free it), 0 at end of
 * input, or a negative exit status: -EXIT_INTERRUPT after Ctrl-C (nothing
 * said), another after saying what went wrong.
 */
int	cli_ask(struct cli *, const char *prompt, char **line);
/*
 * A yes-or-no question on a terminal, "[y/N]" added: 1 for y or yes (any
 * case), 0 for anything else or end of input, or a negative exit status
 * as cli_ask gives.
 */
int	cli_confirm(struct cli *, const char *question);

/*
 * cmd-thanks.c, for notes edit too: a note's text from all of standard
 * input, or written in the editor, prefilled with prefill (may be NULL),
 * the note being to NAME.  0 with *text (free it), or an exit status
 * after saying why.
 */
int	cli_read_note(char **text);
int	cli_edit_note(struct cli *, const char *to, const char *prefill,
	    char **text);
/*
 * The one parser of commands at a prompt.  A line that is ':' and a word
 * of letters (spaces around allowed) is a command, never an answer, so
 * that a mistyped one is never saved: the index in words[]
 * (NULL-terminated, without the colon) of the one it names in any case,
 * -2 when it names none of them (refuse it with the list), or -1 when the
 * line is an answer.  "::" at the start of a line stands for one ':' and
 * is unescaped in place.
 */
int	cli_prompt_command(char *line, const char *const *words);
const char *cli_readline_version(void);

/* term.c: colour and width policy, and safe output of user text. */
int	cli_color_on(enum color_mode, int fd, const char *no_color,
	    const char *term);
int	cli_term_width(int fd, const char *columns);
const char *cli_sgr(const struct cli *, const char *code);
/*
 * Print text someone wrote as lines of its own: escaped, then wrapped to
 * the width with indent spaces before every line after the first, and
 * ended with a newline.
 */
void	cli_put_text(const struct cli *, FILE *, const char *text, int indent);
/*
 * The width of fp's terminal now, read again at each call so that a
 * window resized since start is followed; c->width when fp is no
 * terminal.  cli_put_wrapped is cli_put_text at that width: for text
 * shown during a session that may outlast a resize (the check-in).
 */
int	cli_width_now(const struct cli *, FILE *);
/*
 * "from: SHORT NAME" on stdout, dim, wrapped under its first word: where
 * a tip or an experiment comes from; the full title is in --json and
 * tend(1).
 */
void	cli_put_source(const struct cli *, const struct tend_source *);
void	cli_put_wrapped(const struct cli *, FILE *, const char *text,
	    int indent);
/*
 * Print a JSON document from libtend and free it, or, when rc says the
 * library failed, report that; the exit status either way.
 */
int	cli_put_json(struct cli *, int rc, char *json);
/* Print a short piece of such text inside a line: escaped, not wrapped. */
void	cli_put_inline(FILE *, const char *text);

/*
 * pager.c: page long output.  cli_pager_open moves standard output onto
 * a pager (TEND_PAGER > PAGER > less, LESS=FRX unless LESS is set) when
 * it is a terminal and --no-pager was not given; otherwise it does
 * nothing.  cli_pager_close flushes, waits for the pager to quit and puts
 * standard output back; main calls it after every command, and a pager
 * quit early is no error.  cli_pager_quit: 1 once the pager has quit, so
 * a long listing may stop.
 */
struct cli_pager;
void	cli_pager_open(struct cli *);
void	cli_pager_close(struct cli *);
int	cli_pager_quit(const struct cli *);

/*
 * cmd-init.c: on a terminal, ask for the partners' names (and, when
 * intimacy < 0, the intimacy setting) and create the journal, first asking
 * whether to (confirm) when a command found none.
 */
int	cli_create_interactive(struct cli *, int confirm, int intimacy);

/*
 * hidden.c: "tend: 2026-W47: Sam has answered, Alex has not yet; answers
 * appear when both have, or use --as NAME" on standard error for each
 * check-in with answers hidden from viewer (NULL: nobody named), only
 * those of week and deck when they are not NULL.  0, or the exit status
 * after saying why it failed (an unknown viewer: 64).
 */
int	cli_hidden_note(struct cli *, const char *viewer, const char *week,
	    const char *deck);
/*
 * The line itself, for any view the privacy rule keeps something out of:
 * "tend: LEAD" then who has answered and who has not yet (names joined
 * with ", ", counted), "; WHAT when both have" (everyone, when more), and
 * ", or use --as NAME" unless a viewer was named.
 */
void	cli_waiting_note(const char *lead, const char *answered,
	    size_t nanswered, const char *waiting, size_t nwaiting,
	    const char *what, int named);

/*
 * chart.c: each partner's weekly connection rating as a row of block
 * characters (ASCII digits, X for 10, when the locale is not UTF-8), one
 * column per week of s, a mark for a week with no rating, and an axis of
 * week numbers under it.
 */
void	cli_chart_ratings(const struct cli *, FILE *, const struct tend_stats *);

/*
 * complete.c: 'tend --complete WHAT [ARGS]' for the shell completion
 * scripts: candidates one a line, always exit 0.
 */
int	cli_complete(struct cli *, struct tend_env *, const char *what,
	    int argc, char **argv);

#endif /* CLI_H */
