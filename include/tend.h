/*
 * tend.h - the whole public API of libtend, the core of the tend journal.
 *
 * The library never prints, prompts, reads the environment or exits.  Every
 * call that can fail returns an enum tend_err and, when it has a handle,
 * keeps a message for tend_errmsg().  Time and the environment are inputs:
 * the caller hands them in.
 *
 * Ownership:
 *   A "char *" result belongs to the caller: free(3) it.
 *   A "const char *" result is borrowed from the handle and valid until the
 *   next call on it.
 *   Every *_free() accepts NULL.
 */
#ifndef TEND_H
#define TEND_H

#include <stddef.h>
#include <time.h>

#define TEND_VERSION "0.1.0"

enum tend_err {
	TEND_OK = 0,
	TEND_ENOMEM,		/* out of memory */
	TEND_EINVAL,		/* a bad argument from the user */
	TEND_ENOENT,		/* a named thing (partner, week, ...) does not exist */
	TEND_ENOJOURNAL,	/* no journal at the path */
	TEND_EEXIST,		/* the journal already exists */
	TEND_EPERM,		/* unsafe mode, owner or link on the journal */
	TEND_EDATA,		/* not a tend journal, or a damaged one */
	TEND_ENEWER,		/* a journal from a newer tend */
	TEND_EBUSY,		/* the journal is locked by another process */
	TEND_EREADONLY,		/* the journal or its folder cannot be written */
	TEND_EFULL,		/* the disk or a file-size limit is full */
	TEND_EIO,		/* an I/O error */
	TEND_EDB		/* any other SQLite failure */
};

struct tend;

/* Handle: one per journal.  tend_new() returns NULL only when out of memory. */
struct tend	*tend_new(void);
void		 tend_free(struct tend *);
const char	*tend_errmsg(const struct tend *);
const char	*tend_sqlite_version(void);
const char	*tend_cjson_version(void);

/*
 * The clock: the current instant and the local offset from UTC in seconds
 * (east positive), which places "today" and "this week".  Until it is set
 * the clock is the Unix epoch in UTC.
 */
void		 tend_set_clock(struct tend *, time_t now, long utcoff);

/* ---- Paths ---------------------------------------------------------- */

/* What the caller read from its command line and environment; NULL: unset. */
struct tend_env {
	const char	*db;		/* --db */
	const char	*tend_db;	/* $TEND_DB */
	const char	*home;		/* $HOME */
	const char	*xdg_data;	/* $XDG_DATA_HOME */
	const char	*xdg_config;	/* $XDG_CONFIG_HOME */
	const char	*xdg_state;	/* $XDG_STATE_HOME */
};

struct tend_paths {
	char	*journal;	/* the journal file */
	char	*config;	/* the config folder */
	char	*state;		/* the state folder */
};

/*
 * Resolve the paths: --db, else $TEND_DB, else $XDG_DATA_HOME/tend/journal.db,
 * else ~/.local/share/tend/journal.db.  Relative XDG values are ignored as
 * the XDG spec says.  TEND_EINVAL when no path can be made (no HOME).
 * The message goes to *errmsg (static storage) on failure.
 */
int		 tend_paths_resolve(const struct tend_env *, struct tend_paths *,
		    const char **errmsg);
void		 tend_paths_release(struct tend_paths *);

/* ---- The journal ---------------------------------------------------- */

#define TEND_NAME_MAX	64	/* characters in a partner's name */

/*
 * Create a new journal at path with the named partners (at least two,
 * unique, 1-64 printable characters of valid UTF-8), its folder made 0700
 * and the file 0600.  TEND_EEXIST when something is at path already; on any
 * failure nothing is left behind that was not there before.
 */
int		 tend_create(struct tend *, const char *path,
		    const char *const *names, size_t nnames);

/* Check one partner name; TEND_EINVAL with the reason in tend_errmsg(). */
int		 tend_check_name(struct tend *, const char *name);

/*
 * Open an existing journal.  Refuses (and never changes) a missing path
 * (TEND_ENOJOURNAL), an unsafe one (TEND_EPERM), a file that is not a tend
 * journal (TEND_EDATA) and a newer one (TEND_ENEWER).  An older journal is
 * migrated after a copy is saved beside it as PATH.v<N>.bak.
 */
int		 tend_open(struct tend *, const char *path);

/* Whether the open journal can be written: 1 yes, 0 no. */
int		 tend_writable(struct tend *);

/* The schema version this library writes. */
int		 tend_schema_version(void);

struct tend_partner {
	char	*uuid;
	char	*name;
};

/* The partners in the order they were named. */
int		 tend_partners(struct tend *, struct tend_partner **, size_t *);
void		 tend_partners_free(struct tend_partner *, size_t);

/* ---- Status --------------------------------------------------------- */

enum tend_checkin_state {
	TEND_CHECKIN_DUE = 0,		/* nothing answered this week */
	TEND_CHECKIN_PARTIAL,		/* begun, some answers missing */
	TEND_CHECKIN_DONE		/* every partner answered every question */
};

struct tend_status {
	char			 week[16];	/* this week, "2026-W47" */
	enum tend_checkin_state	 checkin;
	int			 days_since;	/* since the last check-in; -1: never */
	char			 last_week[16];	/* week of the last one; "" never */
};

int		 tend_status(struct tend *, struct tend_status *);
/* "due", "in progress" or "done". */
const char	*tend_checkin_state_name(enum tend_checkin_state);
/*
 * The same with the partners as one JSON object, the --json form that
 * tend(1) documents: {"week", "checkin": "due"|"in progress"|"done",
 * "days_since_last": N|null, "last_week": "..."|null,
 * "partners": [{"id", "name"}]}.
 */
int		 tend_status_json(struct tend *, char **out);

/* ---- ISO 8601 weeks and dates (no handle: pure functions) ----------- */

struct tend_week {
	int	year;	/* ISO week-numbering year */
	int	week;	/* 1..52 or 53 */
};

#define TEND_WEEK_LEN	16	/* room for "YYYY-Www" and a NUL, with margin */

/* Parse exactly "YYYY-Www" (W upper case, two digits, week in the year). */
int		 tend_week_parse(const char *, struct tend_week *);
/* Write "YYYY-Www"; returns the length, or -1 when it does not fit. */
int		 tend_week_format(struct tend_week, char *, size_t);
/* The week holding a proleptic Gregorian date. */
struct tend_week tend_week_of_date(int year, int month, int day);
/* The Monday of a week. */
void		 tend_week_monday(struct tend_week, int *year, int *month,
		    int *day);
/* The week delta weeks after (negative: before) w. */
struct tend_week tend_week_add(struct tend_week, int delta);
/* <0, 0, >0 as a is before, equal to or after b. */
int		 tend_week_cmp(struct tend_week, struct tend_week);
/* 52 or 53. */
int		 tend_weeks_in_year(int year);
/* The local week and date of an instant, given the UTC offset. */
struct tend_week tend_week_of_time(time_t, long utcoff);

/*
 * A date or date-time as ISO 8601 writes it: "YYYY-MM-DD", optionally
 * followed by "THH:MM" or "THH:MM:SS" (a space may stand for the T), and
 * then optionally "Z" or "+HH:MM"/"-HH:MM".  Fields are range-checked
 * (February 29 only in leap years).
 */
struct tend_datetime {
	int	year, month, day;
	int	hour, minute, second;
	int	has_time;	/* a time was given */
	int	has_zone;	/* Z or an offset was given */
	long	utcoff;		/* with has_zone: seconds east of UTC */
};

int		 tend_datetime_parse(const char *, struct tend_datetime *);

/* ---- Text ----------------------------------------------------------- */

/* 1 when the n bytes at s are valid UTF-8 with no NUL, else 0. */
int		 tend_utf8_valid(const char *s, size_t n);

/*
 * A copy of text that is safe to send to a terminal: C0 controls and DEL as
 * caret notation ("^[", "^?"), C1 controls and the bidi and line-separator
 * controls (U+202A-U+202E, U+2066-U+2069, U+2028, U+2029) as "\u202e", and
 * every invalid UTF-8 byte as U+FFFD.  With keep_newlines a "\n" stays a
 * newline.  The result is valid UTF-8 and escaping it again changes nothing.
 * NULL only when out of memory.
 */
char		*tend_text_escape(const char *s, size_t n, int keep_newlines);

/* Display width in columns of valid UTF-8 text. */
int		 tend_text_width(const char *);

/*
 * Word-wrap valid UTF-8 text to width columns, where it can break, with
 * indent spaces before every line after the first.  Newlines in the text
 * start new lines.  NULL only when out of memory.
 */
char		*tend_text_wrap(const char *, int width, int indent);

#endif /* TEND_H */
