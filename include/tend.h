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
#define TEND_WEEK_LEN	16	/* room for "YYYY-Www" and a NUL, with margin */

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
	TEND_EDB,		/* any other SQLite failure */
	TEND_ECONTENT,		/* a content file (data or content.json) is bad */
	TEND_ECONFLICT		/* saved meanwhile by another session */
};

/*
 * What would mend a failure, when the library knows.  Library messages say
 * what is wrong and name no command or option of any front end; a front
 * end puts the mend in its own words (tend(1) names its commands), and
 * tend_fixstr() gives neutral ones.
 */
enum tend_fix {
	TEND_FIX_NONE = 0,
	TEND_FIX_CREATE,	/* make a journal at the path */
	TEND_FIX_RECREATE,	/* remove the empty file there, then make one */
	TEND_FIX_LINK,		/* name the journal's real file, not a link */
	TEND_FIX_PATH,		/* name the journal's file */
	TEND_FIX_HOME,		/* set HOME, or name the journal's file */
	TEND_FIX_FOLDER,	/* keep the journal in a folder only the user
				   can write */
	TEND_FIX_CHECK,		/* check the journal for damage */
	TEND_FIX_RECHECK,	/* check again once the rest is mended */
	TEND_FIX_RESTORE,	/* restore a backup copy */
	TEND_FIX_UPGRADE,	/* open it once with this tend to upgrade it */
	TEND_FIX_INTIMACY,	/* choose the intimacy setting; the argument,
				   when there is one, is the level needed */
	TEND_FIX_SENDER,	/* say which partner a note is from */
	TEND_FIX_DECKS,		/* choose one of the decks */
	TEND_FIX_TOPICS,	/* choose one of the tip topics */
	TEND_FIX_EXPERIMENT,	/* choose this week's experiment */
	TEND_FIX_CHECKIN,	/* hold a check-in together */
	TEND_FIX_PARTNERS	/* import into a journal that names its
				   partners */
};

struct tend;

/* Handle: one per journal.  tend_new() returns NULL only when out of memory. */
struct tend	*tend_new(void);
void		 tend_free(struct tend *);
const char	*tend_errmsg(const struct tend *);
/* The mend for the last failure, and its argument (NULL when none). */
enum tend_fix	 tend_errfix(const struct tend *, const char **arg);
/* The mend in neutral words: "restore a backup copy". */
const char	*tend_fixstr(enum tend_fix);
/* A failure in general words, for a call that had no handle to fill. */
const char	*tend_strerror(int code);
const char	*tend_sqlite_version(void);
const char	*tend_cjson_version(void);

/*
 * The clock: the current instant and the zone, the local offset from UTC
 * in seconds (east positive) at any instant, which places "today", "this
 * week" and every local date.  tend_set_clock gives one fixed offset (a
 * zone without daylight saving time); tend_set_clock_zone a function that
 * answers the offset in force at an instant, so that each date is placed
 * with its own offset.  Until either is called the clock is the Unix epoch
 * in UTC.
 */
typedef long	(*tend_zone_fn)(void *arg, time_t at);
void		 tend_set_clock(struct tend *, time_t now, long utcoff);
void		 tend_set_clock_zone(struct tend *, time_t now, tend_zone_fn,
		    void *arg);

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
#define TEND_PARTNERS_MAX 16	/* partners in a journal */

/*
 * Create a new journal at path with the named partners (at least two,
 * unique, 1-64 printable characters of valid UTF-8), its folder made 0700
 * and the file 0600.  It is built under a temporary name beside path and
 * renamed into place only when whole, so that a crash leaves no journal
 * or a whole one.  TEND_EEXIST when something is at path already; on any
 * failure nothing is left behind that was not there before.
 * tend_create_with also writes nsettings settings (key, value pairs as
 * tend_config_set takes them) before the journal is put in place.
 */
int		 tend_create(struct tend *, const char *path,
		    const char *const *names, size_t nnames);
int		 tend_create_with(struct tend *, const char *path,
		    const char *const *names, size_t nnames,
		    const char *const *settings, size_t nsettings);

/* Check one partner name; TEND_EINVAL with the reason in tend_errmsg(). */
int		 tend_check_name(struct tend *, const char *name);
/*
 * Check the partners' names as tend_create does, except that it takes
 * fewer than two (to check names one by one as they are typed): at most
 * TEND_PARTNERS_MAX, each as tend_check_name, no two the same in any
 * case.  TEND_EINVAL with the reason.
 */
int		 tend_check_names(struct tend *, const char *const *names,
		    size_t n);

/*
 * Open an existing journal.  Refuses (and never changes) a missing path
 * (TEND_ENOJOURNAL), an unsafe one (TEND_EPERM), a file that is not a tend
 * journal (TEND_EDATA) and a newer one (TEND_ENEWER).  An older journal is
 * migrated after a copy is saved beside it as PATH.v<N>.bak.
 */
int		 tend_open(struct tend *, const char *path);

/* Whether the open journal can be written: 1 yes, 0 no. */
int		 tend_writable(struct tend *);

/*
 * 1 when tend_open opened the journal read-only because the file or its
 * folder cannot be written (a backup drive, a folder of another account):
 * it can be read, and every save fails with TEND_EREADONLY.
 */
int		 tend_readonly(const struct tend *);

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

/* This week's experiment as status sees it (status never chooses one). */
enum tend_experiment_state {
	TEND_EXPERIMENT_NONE = 0,	/* none chosen yet */
	TEND_EXPERIMENT_CHOSEN,		/* chosen, not logged yet */
	TEND_EXPERIMENT_TRIED,
	TEND_EXPERIMENT_SKIPPED
};

struct tend_status {
	char			 week[16];	/* this week, "2026-W47" */
	char			 deck[48];	/* the weekly (default) deck,
						   whose check-in checkin is */
	enum tend_checkin_state	 checkin;	/* this week's, of deck */
	char			 waiting[256];	/* partial: who has not answered
						   every question, "Alex" */
	char			 answered[256];	/* partial: who has, "Sam" */
	int			 days_since;	/* since the last answer of the
						   last complete check-in of
						   deck; -1: none */
	char			 last_week[16];	/* its week; "" none */
	enum tend_experiment_state experiment;	/* the current one, as
						   tend_experiment_current */
	char			 experiment_item[48];	/* its id; "" none */
	char			 experiment_title[320];	/* "" none */
	char			 experiment_week[16];	/* the week it is
							   lived in; "" none */
	int			 streak;	/* weeks in a row with a finished
						   check-in, counted back from
						   this week, or from last week
						   while this one's is not */
	int			 longest;	/* the longest streak ever */
	int			 notes;		/* notes written this week */
};

/*
 * This week as viewer (NULL: nobody named) may see it: a note made from
 * an answer hidden from them is not counted.  An unknown viewer is
 * TEND_ENOENT.
 */
int		 tend_status(struct tend *, const char *viewer,
		    struct tend_status *);
/* "due", "in progress" or "done". */
const char	*tend_checkin_state_name(enum tend_checkin_state);
/* "none", "chosen", "tried" or "skipped". */
const char	*tend_experiment_state_name(enum tend_experiment_state);

/* Notes this week per partner, in the order tend_partners() gives. */
struct tend_partner_notes {
	char	*uuid;
	char	*name;
	int	 sent;		/* written by this partner this week */
	int	 received;	/* written to this partner this week */
	int	 answered;	/* answered every question of this week's
				   check-in of the weekly deck */
};

int		 tend_status_notes(struct tend *, const char *viewer,
		    struct tend_partner_notes **, size_t *);
void		 tend_status_notes_free(struct tend_partner_notes *, size_t);
/*
 * A status and its partners' notes (as tend_status and tend_status_notes
 * give them) as one JSON object, the --json form that tend(1) documents:
 * {"week", "deck", "checkin": "due"|"in progress"|"done",
 * "days_since_last": N|null, "last_week": "..."|null, "experiment":
 * {"state": "none"|"chosen"|"tried"|"skipped", "item": "..."|null,
 * "title": "..."|null}, "streak": N, "longest_streak": N, "partners":
 * [{"id", "name", "answered": bool, "notes": {"sent": N, "received":
 * N}}]}.
 */
int		 tend_status_json(struct tend *, const struct tend_status *,
		    const struct tend_partner_notes *, size_t, char **out);

/* ---- Content: decks, tips, experiments, the assessment -------------- */

/*
 * The catalogue is tend's built-in content (the JSON files of data/, embedded at build
 * time) plus the user's file CONFIG_DIR/content.json when it exists (same
 * schema; it may add sources, decks, topics, tips and experiments, never
 * replace one).  It is loaded on first use and lives until tend_free().
 * Every pointer in it is borrowed from the handle.
 */
enum tend_kind { TEND_KIND_TEXT, TEND_KIND_SCALE, TEND_KIND_YESNO };

/* Ordered: a journal's setting allows its level and those below. */
enum tend_intimacy {
	TEND_INTIMACY_NONE = 0,		/* no physical intimacy */
	TEND_INTIMACY_AFFECTION,	/* non-sexual touch */
	TEND_INTIMACY_SEXUAL
};

/* Rut types and intimacy blockers, as bits. */
#define TEND_RUT_BOREDOM	0x01
#define TEND_RUT_SEXLESS	0x02
#define TEND_RUT_FIGHTING	0x04
#define TEND_RUT_GENERAL	0x08
#define TEND_BLOCK_DISTANCE	0x10
#define TEND_BLOCK_CONFLICT	0x20
#define TEND_BLOCK_PRESSURE	0x40
#define TEND_BLOCK_AVOIDANCE	0x80

/* What an experiment assumes of a couple, as bits (data/README.md). */
#define TEND_NEED_TOGETHER	0x01	/* lives together */
#define TEND_NEED_BED		0x02	/* shares a bed */
#define TEND_NEED_WALK		0x04	/* can walk together */
#define TEND_NEED_MONEY		0x08	/* costs money */

struct tend_source {
	const char	*id, *title, *by;
	const char	*short_name;	/* short and neutral, for screens;
					   the title when the data has none */
};

struct tend_question {
	const char			*id, *text;
	const char			*hint;		/* NULL: none */
	const char			*role;		/* NULL, "appreciation",
							   "struggle", "connection" */
	enum tend_kind			 kind;
	const struct tend_source	*source;
};

struct tend_deck {
	const char			*id, *title, *about;
	int				 lookback;	/* opens with last week's
							   experiment */
	const struct tend_source	*source;
	const struct tend_question	*questions;
	size_t				 nquestions;
	int				 user;		/* from the user's file */
	enum tend_intimacy		 intimacy;	/* the most any question
							   asks about */
};

struct tend_topic {
	const char	*id, *title;
};

struct tend_tip {
	const char			*id, *title, *body;
	const struct tend_topic		*topic;
	enum tend_intimacy		 intimacy;
	const struct tend_source	*source;
};

struct tend_experiment {
	const char			*id, *title, *how, *time;
	unsigned			 tags;		/* TEND_RUT_* | TEND_BLOCK_* */
	enum tend_intimacy		 intimacy;
	const struct tend_source	*source;
	unsigned			 needs;		/* TEND_NEED_* */
	const char			*alternative;	/* for a couple the
							   needs leave out;
							   NULL: none */
	const char			*after;		/* a stage: the id
							   tried first, never
							   drawn at random;
							   NULL: none */
};

struct tend_weight {
	const char	*outcome;
	int		 weight;		/* 1..3 */
};

struct tend_statement {
	const char			*id, *text;
	int				 reverse;	/* scored 5 - answer */
	const struct tend_weight	*weights;
	size_t				 nweights;
	const struct tend_source	*source;
	enum tend_intimacy		 intimacy;	/* what it speaks of */
};

struct tend_outcome {
	const char			*id, *title, *about;
	const char			*kind;		/* "rut", "blocker",
							   "concern" */
	unsigned			 tag;		/* its TEND_RUT_ / TEND_BLOCK_
							   bit; 0 for a concern */
	double				 threshold;
	const char			*requires;	/* a statement's id
							   that must be agreed
							   with; NULL: none */
	const struct tend_source	*source;
};

struct tend_catalog {
	const struct tend_source	*sources;
	size_t				 nsources;
	const struct tend_deck		*decks;
	size_t				 ndecks;
	const struct tend_topic		*topics;
	size_t				 ntopics;
	const struct tend_tip		*tips;
	size_t				 ntips;
	const struct tend_experiment	*experiments;
	size_t				 nexperiments;
	const char			*assessment_title;
	const char			*assessment_about;
	const char			*scale[5];	/* labels of answers 1..5 */
	const struct tend_statement	*statements;
	size_t				 nstatements;
	const struct tend_outcome	*outcomes;
	size_t				 noutcomes;
};

/* The folder that may hold the user's content.json; NULL: none. */
int		 tend_set_config_dir(struct tend *, const char *dir);

/*
 * The catalogue, loaded on the first call.  A bad file fails with
 * TEND_ECONTENT and a message naming the file, the entry's id and the field:
 * "content.json: tip 'x': 'body' is empty".
 */
int		 tend_catalog(struct tend *, const struct tend_catalog **);

/* Lookups by id in a catalogue; NULL when there is none. */
const struct tend_deck	*tend_find_deck(const struct tend_catalog *,
			    const char *);
const struct tend_topic	*tend_find_topic(const struct tend_catalog *,
			    const char *);
/*
 * Whether the journal's intimacy setting allows the deck (tend questions
 * --decks, tend checkin --deck): 1 when the deck's level is at most the
 * setting, 0 when it is above, -1 when the setting cannot be read (the
 * message in tend_errmsg()).  A caller that only tests > 0 never shows a
 * deck the couple may have turned off.
 */
int		 tend_deck_allowed(struct tend *, const struct tend_deck *);
/*
 * The same as a check: TEND_OK, or TEND_EINVAL naming the setting that
 * would allow the deck.  With no journal open, the default setting holds.
 */
int		 tend_deck_check(struct tend *, const struct tend_deck *);

/* "together", "bed", "walk", "money" for one TEND_NEED_* bit; NULL else. */
const char	*tend_need_name(unsigned bit);

/* "none", "affection", "sexual"; parse returns TEND_EINVAL otherwise. */
const char	*tend_intimacy_name(enum tend_intimacy);
int		 tend_intimacy_parse(const char *, enum tend_intimacy *);

/*
 * Today's tip, within topic (NULL: every topic) and the journal's intimacy
 * setting: the same tip all day, another tomorrow, and none again before
 * every tip in scope has had its day (a permutation seeded by the journal's
 * id, one per pass).  TEND_ENOENT when the scope is empty.
 */
int		 tend_tip_today(struct tend *, const char *topic,
		    const struct tend_tip **);
/* Any tip in the same scope, picked by seed (the caller's randomness). */
int		 tend_tip_random(struct tend *, const char *topic,
		    unsigned long seed, const struct tend_tip **);

/* ---- Settings (tend config) ----------------------------------------- */

/*
 * Journal settings by key.  Known keys and values:
 *   intimacy   none | affection | sexual (default affection: sexual
 *              suggestions only when chosen)
 * An unknown key or a bad value is TEND_EINVAL with the allowed ones named.
 * tend_config_get gives the default when the key was never set.
 */
int		 tend_config_get(struct tend *, const char *key, char **value);
int		 tend_config_set(struct tend *, const char *key,
		    const char *value);
/* The known keys, NULL-terminated. */
const char *const *tend_config_keys(void);
/* The journal's intimacy setting. */
int		 tend_intimacy(struct tend *, enum tend_intimacy *);

/* ---- Dates and weeks as users write them ---------------------------- */

/*
 * A week as given on the command line: "this-week", "last-week" or
 * "YYYY-Www", written as the week key to week.  With past_only, a week
 * after this one is TEND_EINVAL.
 */
int		 tend_week_resolve(struct tend *, const char *spec,
		    int past_only, char week[TEND_WEEK_LEN]);
/*
 * A day as given on the command line: "today", "yesterday" (the calendar
 * day before today) or "YYYY-MM-DD", as the first instant of that local
 * day at its own offset from UTC (01:00 where the clocks skip midnight).
 * With past_only, a day after today is TEND_EINVAL.
 */
int		 tend_day_resolve(struct tend *, const char *spec, int past_only,
		    time_t *start);

/* ---- Check-ins ------------------------------------------------------- */

/*
 * One week's check-in of one deck.  Its slots are (question, partner)
 * pairs in turn order: question by question, each partner in the order
 * they were named.  Every answer is committed the moment it is saved.
 */
struct tend_checkin;

enum tend_slot {
	TEND_SLOT_OPEN = 0,	/* not answered yet */
	TEND_SLOT_SKIPPED,	/* left with :skip */
	TEND_SLOT_ANSWERED
};

/*
 * Open the check-in of week (a key from tend_week_resolve) and deck (NULL:
 * the default deck), with the answers given so far.  Nothing is written
 * until the first answer is saved.
 */
int		 tend_checkin_open(struct tend *, const char *week,
		    const char *deck, struct tend_checkin **);
void		 tend_checkin_free(struct tend_checkin *);
const struct tend_deck *tend_checkin_deck(const struct tend_checkin *);
const char	*tend_checkin_week(const struct tend_checkin *);
/* The partners, in turn order. */
const struct tend_partner *tend_checkin_partners(const struct tend_checkin *,
		    size_t *n);
/* The state of slot (question q, partner p); *value borrowed, or NULL. */
enum tend_slot	 tend_checkin_slot(const struct tend_checkin *, size_t q,
		    size_t p, const char **value);
/* 1 once the check-in has its first answer in the journal. */
int		 tend_checkin_started(const struct tend_checkin *);
/* 1 when every slot of partner p (every partner: p = (size_t)-1) is done. */
int		 tend_checkin_complete(const struct tend_checkin *, size_t p);
/*
 * Check an answer to question q and write its stored form to *out: a scale
 * answer is a whole number 1-10, yes/no is "yes" or "no" (y, n, yes, no in
 * any case), text is non-empty valid UTF-8 of at most TEND_TEXT_MAX
 * characters.  TEND_EINVAL with a one-line reason otherwise.
 */
int		 tend_checkin_check(struct tend *, const struct tend_question *,
		    const char *in, char **out);
/*
 * Save slot (q, p): a value, checked and stored as tend_checkin_check
 * gives it (TEND_EINVAL when it is not fit), or NULL for skipped, in one
 * transaction.  The first save creates the check-in; an appreciation
 * answer in a couple is also saved as a note to the other partner; the
 * save that completes every slot marks the check-in finished.
 */
int		 tend_checkin_save(struct tend_checkin *, size_t q, size_t p,
		    const char *value);
/*
 * tend_checkin_save writes only over what this handle last saw of the slot
 * (at open, at its last refresh or its own last save): when another
 * session saved the slot meanwhile, nothing is written, the handle's view
 * of the slot becomes the journal's (tend_checkin_slot gives the other
 * answer) and the result is TEND_ECONFLICT.  Saving again then replaces
 * that answer: ask first.  The note made from an appreciation answer
 * follows its answer only while it still says what the answer said.
 *
 * tend_checkin_refresh reads every slot again from the journal, so that
 * a session skips what another one answered meanwhile.
 */
int		 tend_checkin_refresh(struct tend_checkin *);

/*
 * A session's way through the check-in, the same in every front end.
 *
 * tend_checkin_as: the partner this session answers for, by name in any
 * case, with their index in *p; NULL: every partner in turn, *p
 * (size_t)-1.  TEND_ENOENT (naming the partners) for an unknown name.
 * tend_checkin_in_scope: 1 when partner p answers in this session.
 *
 * tend_checkin_next: the next slot to ask, in turn order from the one
 * asked last: the first open one in scope (the slots are read again
 * first, so that one answered in another session meanwhile is passed),
 * or the one tend_checkin_back chose.  *q is the deck's number of
 * questions when none is left.
 *
 * tend_checkin_back (":back"): the slot in scope before the one asked
 * last becomes the next, answered or not; 0 when there is none, and
 * then the one asked last is asked again.
 */
int		 tend_checkin_as(struct tend_checkin *, const char *name,
		    size_t *p);
int		 tend_checkin_in_scope(const struct tend_checkin *, size_t p);
int		 tend_checkin_next(struct tend_checkin *, size_t *q, size_t *p);
int		 tend_checkin_back(struct tend_checkin *);
/*
 * A question of the deck by number (1-based) or id, into *q (0-based);
 * TEND_ENOENT saying what there is.
 */
int		 tend_checkin_question(const struct tend_checkin *,
		    const char *spec, size_t *q);
/*
 * The experiment around a check-in.  tend_checkin_lookback: the one to ask
 * about at its start (tried? how did it feel?) when its deck looks back
 * and it has no outcome yet, as tend_experiment_lookback; else
 * TEND_ENOENT.  tend_checkin_handout: the one to show at its end, next
 * week's (chosen when need be, as tend_experiment_handout), only at this
 * week's check-in of a deck that looks back; else TEND_ENOENT.
 */
struct tend_week_experiment;
int		 tend_checkin_lookback(struct tend_checkin *,
		    struct tend_week_experiment *);
int		 tend_checkin_handout(struct tend_checkin *,
		    struct tend_week_experiment *);
/*
 * The thank-you note at the end of a check-in: in a couple, partner p
 * thanks the other (1, *to); with more partners there is none to offer (0).
 */
int		 tend_checkin_thanks_to(const struct tend_checkin *, size_t p,
		    size_t *to);
/*
 * Ratings this far apart are worth talking about: the closing summary
 * says so.
 */
#define TEND_RATINGS_APART	2
/*
 * The ratings given to question q when it is the deck's connection
 * question (1, else 0): ratings[p] for each partner (0: none yet), and
 * *apart the spread of two or more of them when it is at least
 * TEND_RATINGS_APART, else 0.
 */
int		 tend_checkin_ratings(const struct tend_checkin *, size_t q,
		    int *ratings, int *apart);

/* One check-in in a list (tend history). */
struct tend_checkin_row {
	char		 week[TEND_WEEK_LEN];
	char		*deck;
	enum tend_checkin_state state;	/* done, or in progress: done[]
					   says who has not answered
					   every question yet */
	size_t		 nratings;	/* one per partner, turn order */
	int		*ratings;	/* the connection rating; 0: none
					   or hidden from the viewer */
	char		**names;	/* the partners' names */
	int		*done;		/* per partner: answered every
					   question */
	int		 hidden;	/* some answer is hidden from the
					   viewer */
};

/*
 * Check-ins newest first, at most limit (0: all), as viewer (a partner's
 * name; NULL: nobody named) may see them: see "Privacy between partners"
 * below.  An unknown viewer is TEND_ENOENT with the partners named.
 */
int		 tend_history(struct tend *, const char *viewer, long limit,
		    struct tend_checkin_row **, size_t *);
void		 tend_history_free(struct tend_checkin_row *, size_t);
/*
 * Rows of tend_history as [{"week", "deck", "state", "hidden": bool,
 * "ratings": [{"partner", "answered": bool, "rating": N|null}]}], rating
 * null when hidden.
 */
int		 tend_history_json(struct tend *,
		    const struct tend_checkin_row *, size_t, char **out);
/*
 * The week of the newest check-in, for 'tend show latest' and a bare
 * 'tend show' when this week has none; TEND_ENOENT when there is none.
 */
int		 tend_checkin_latest(struct tend *, char week[TEND_WEEK_LEN]);
/*
 * One check-in as JSON: {"week", "deck", "state", "partners": [names],
 * "questions": [{"id", "text", "kind", "answers": [{"partner", "value",
 * "skipped", "hidden"}]}]}.  With viewer (a partner's name) the answers of
 * the others stay hidden until viewer has answered every question; with
 * no viewer, every answer stays hidden until the check-in is done.
 */
int		 tend_checkin_json(struct tend_checkin *, const char *viewer,
		    char **out);
/*
 * Privacy between partners: one rule for every view (show, history,
 * search, notes, stats, status and their JSON).  A check-in is complete
 * when every partner has answered (or skipped) every question its deck
 * has now; its state everywhere comes from its answers, never from a
 * stored mark.  An answer, the note made from an appreciation answer and
 * a rating are revealed when their check-in is complete; before that only
 * to a viewer who names themselves (--as NAME) and is their author, or
 * who has answered every question of that check-in too.  With no viewer
 * named, nothing of an incomplete check-in is revealed.  Export and backup
 * carry the whole journal.
 *
 * tend_checkin_visible: whether viewer (NULL: nobody named) may see
 * partner p's answers now.
 */
int		 tend_checkin_visible(const struct tend_checkin *,
		    const char *viewer, size_t p);

/* A check-in with answers hidden from a viewer, for the line views print. */
struct tend_hidden {
	char	 week[TEND_WEEK_LEN];
	char	*deck;
	char	*answered;	/* "Sam, Kim": answered every question */
	size_t	 nanswered;
	char	*waiting;	/* "Alex": have not yet */
	size_t	 nwaiting;
};

/*
 * The check-ins with answers hidden from viewer (NULL: nobody named), the
 * one begun last first.  An unknown viewer is TEND_ENOENT.
 */
int		 tend_hidden(struct tend *, const char *viewer,
		    struct tend_hidden **, size_t *);
void		 tend_hidden_free(struct tend_hidden *, size_t);

/* ---- Notes ---------------------------------------------------------- */

#define TEND_TEXT_MAX	10000	/* characters in a note or an answer */

/*
 * Log an appreciation note from one partner to another (names, matched
 * without regard to case) at instant when (0: now; never in the future).
 * The text is stored exactly as given: empty text, invalid UTF-8 or more
 * than TEND_TEXT_MAX characters is TEND_EINVAL; an unknown partner is
 * TEND_ENOENT with the partners named.  Its UUID goes to uuid when not NULL.
 */
int		 tend_note_add(struct tend *, const char *from, const char *to,
		    const char *text, time_t when, char uuid[37]);

/*
 * Check a note's text as tend_note_add does, before anything is saved:
 * TEND_EINVAL for empty text ("empty note; nothing saved"), invalid UTF-8
 * or more than TEND_TEXT_MAX characters, with the reason.
 */
int		 tend_note_check_text(struct tend *, const char *text);
/*
 * Check who a note is from and to as tend_note_add does: both partners
 * (TEND_ENOENT naming the partners), not the same one (TEND_EINVAL).
 */
int		 tend_note_check_partners(struct tend *, const char *from,
		    const char *to);

/*
 * The partner named name, without regard to case: the stored spelling goes
 * to *stored (free it) when stored is not NULL.  TEND_ENOENT otherwise,
 * with the partners named: "no partner named 'X' (partners: Sam, Alex)".
 */
int		 tend_partner_find(struct tend *, const char *name,
		    char **stored);

/*
 * Who a note to partner to is from when nobody says: in a couple the other
 * partner (*from, free it); with more partners TEND_EINVAL asking for
 * --from.
 */
int		 tend_note_sender(struct tend *, const char *to, char **from);

/*
 * The instant of a note back-dated to the local day starting at day (as
 * tend_day_resolve gives it): that day at the current local time of day,
 * so that today is now (a time the clocks skipped that day moves forward
 * by their jump).  A day after today is TEND_EINVAL.
 */
int		 tend_note_time(struct tend *, time_t day, time_t *when);

struct tend_note {
	char	 uuid[37];
	char	 id[37];	/* its short id: the fewest hex digits of
				   uuid, at least TEND_ID_MIN, that no other
				   note's begins with (as git abbreviates) */
	char	*from;		/* the sender's name */
	char	*to;		/* the recipient's name */
	char	*text;		/* as written: may hold anything but a NUL */
	char	 created[32];	/* UTC RFC 3339, "2026-11-21T10:00:00Z" */
	time_t	 when;		/* the same instant */
	char	 week[TEND_WEEK_LEN];	/* the local week it was written in */
};

/* Which notes tend_notes lists; all zero: every note. */
struct tend_note_filter {
	const char	*from;		/* sender's name; NULL: anyone */
	const char	*to;		/* recipient's name; NULL: anyone */
	int		 has_since;
	time_t		 since;		/* notes at or after this instant */
	int		 has_until;
	time_t		 until;		/* notes before the end of the day
					   starting here (tend_day_resolve) */
	const char	*week;		/* "YYYY-Www"; NULL: any week */
	long		 limit;		/* at most this many; 0: no limit */
	const char	*viewer;	/* who looks (a partner's name);
					   NULL: nobody named.  A note made
					   from an answer hidden from them
					   is left out */
};

/*
 * The notes that pass the filter, newest first, as an array of *n notes
 * (free it with tend_notes_free).  An unknown partner is TEND_ENOENT with
 * the partners named.
 */
int		 tend_notes(struct tend *, const struct tend_note_filter *,
		    struct tend_note **, size_t *n);
void		 tend_notes_free(struct tend_note *, size_t n);

#define TEND_ID_MIN	7

/*
 * One note by its id: any unambiguous beginning of its uuid (at least 4
 * hex digits, dashes optional), as tend_note.id gives it.  Only a note
 * the viewer may see (see tend_note_filter) is found.  TEND_ENOENT when
 * no note has it; TEND_EINVAL when it is not hex or more than one note
 * begins with it.  tend_note_get fills *n (release with tend_note_release).
 * tend_note_edit puts text in its place; tend_note_delete removes it
 * (a change: undo brings it back).  Both fill *n, when not NULL, with the
 * note as it was.
 */
int		 tend_note_get(struct tend *, const char *id,
		    const char *viewer, struct tend_note *n);
int		 tend_note_edit(struct tend *, const char *id,
		    const char *viewer, const char *text, struct tend_note *n);
int		 tend_note_delete(struct tend *, const char *id,
		    const char *viewer, struct tend_note *n);
void		 tend_note_release(struct tend_note *);

/*
 * Notes as the JSON array 'tend notes --json' prints:
 * [{"id", "short", "from", "to", "text", "created", "week"}], into *out
 * (free it); id is the uuid, short the id the list shows.
 */
int		 tend_notes_json(struct tend *, const struct tend_note *,
		    size_t n, char **out);

/* ---- The experiment of the week ------------------------------------- */

struct tend_week_experiment {
	char	 week[TEND_WEEK_LEN];
	char	*uuid;
	char	*item;		/* the catalogue id */
	char	*title;
	char	*how;		/* "" when the item left the catalogue */
	char	*time;
	char	*outcome;	/* NULL (not yet), "tried" or "skipped" */
	int	 felt;		/* 1..5; 0 when not told */
	char	*reflection;	/* NULL when none */
	char	 logged[11];	/* local date the outcome was logged; "" none */
	int	 replaced;	/* another was chosen for its week after it
				   (tend experiment new); the row and what
				   was logged stay */
};

/*
 * The experiment of week ("YYYY-Www").  With choose, the first call for a
 * week chooses one and saves it, so every later call sees the same one;
 * without, TEND_ENOENT when none was chosen.
 *
 * The choice is reproducible (seeded by the journal's id and the week),
 * never above the intimacy setting, and never an item suggested within 12
 * weeks of week (replaced choices too); when that leaves nothing, the
 * least recently suggested item.  Of the rest, only the least suggested
 * are drawn from, so every item in scope comes up once before any comes
 * back.  Items carrying a rut type or blocker that fits in the latest
 * assessment weigh three times as much.  Two processes choosing at once
 * end with one choice.
 */
int		 tend_experiment_get(struct tend *, const char *week, int choose,
		    struct tend_week_experiment *);
/*
 * Log how week's experiment went: outcome "tried" or "skipped", felt 1..5
 * or 0, reflection NULL or text (checked as a note's text).  A felt of 0
 * or a NULL reflection keeps what was logged before, except that skipping
 * forgets how trying it felt.  TEND_ENOENT when week has no experiment
 * yet.
 */
int		 tend_experiment_log(struct tend *, const char *week,
		    const char *outcome, int felt, const char *reflection);
/* How an experiment felt: from 1 (not good) to TEND_FELT_MAX (very good). */
#define TEND_FELT_MAX	5
/*
 * Read how it felt as typed: one digit from 1 to TEND_FELT_MAX into *felt,
 * else TEND_EINVAL (the front end words it for its own place).
 */
int		 tend_felt_parse(const char *s, int *felt);
/*
 * 1 when logging outcome and reflection (NULL: none) over x would replace
 * what was logged: another outcome, or another reflection.  Then
 * tend_experiment_log refuses (TEND_EEXIST, nothing changed) and
 * tend_experiment_relog, the same otherwise, replaces it: ask first.
 */
int		 tend_experiment_replaces(const struct tend_week_experiment *x,
		    const char *outcome, const char *reflection);
int		 tend_experiment_relog(struct tend *, const char *week,
		    const char *outcome, int felt, const char *reflection);

/*
 * An experiment row's week is the week it is lived in.  The check-in of
 * week W hands out, at its close, the experiment of W + 1 (chosen then if
 * need be), and its look-back asks about the experiment of W: the one
 * handed out at the previous check-in, or chosen during W.  So the
 * experiment given at a Sunday evening check-in is the one tend shows on
 * Monday, and the next check-in asks about it.
 *
 * tend_experiment_current is the one every front end shows and logs:
 * next week's when it exists and this week's check-in (a deck with the
 * look-back) has begun, that is, it was handed out this week; else this
 * week's, chosen now with choose (without: TEND_ENOENT when none).
 * tend_experiment_handout: the experiment of checkin_week + 1, chosen
 * when need be.  tend_experiment_lookback: the experiment of checkin_week
 * when it has no outcome yet, else TEND_ENOENT (nothing to ask).
 */
int		 tend_experiment_current(struct tend *, int choose,
		    struct tend_week_experiment *);
int		 tend_experiment_handout(struct tend *, const char *checkin_week,
		    struct tend_week_experiment *);
int		 tend_experiment_lookback(struct tend *, const char *checkin_week,
		    struct tend_week_experiment *);
void		 tend_week_experiment_release(struct tend_week_experiment *);

/* The catalogue's experiment with id; NULL when there is none. */
const struct tend_experiment *tend_find_experiment(const struct tend_catalog *,
		    const char *id);

/*
 * Replace week's experiment (tend experiment new): the current one is
 * logged as skipped unless it was logged already, and another is chosen as
 * tend_experiment_get does, never the current one, and saved to *out, all
 * in one transaction.  With none chosen yet it just chooses.  TEND_ENOENT
 * when no other experiment fits the intimacy setting.
 */
int		 tend_experiment_new(struct tend *, const char *week,
		    struct tend_week_experiment *);

/*
 * Every experiment chosen, newest week first and within a week the latest
 * choice first; those replaced by 'tend experiment new' have replaced set.
 */
int		 tend_experiment_list(struct tend *, struct tend_week_experiment **,
		    size_t *);
void		 tend_experiment_list_free(struct tend_week_experiment *, size_t);

/*
 * JSON of one week's experiment: {"week", "id", "item", "title", "how",
 * "time", "intimacy", "source": {"id", "title", "by"}, "outcome", "felt",
 * "reflection"}, where how, time, intimacy and source are null when the
 * item left the catalogue, outcome, felt and reflection null until
 * logged.  The list is an array of such objects.
 */
int		 tend_experiment_json(struct tend *,
		    const struct tend_week_experiment *, char **out);
int		 tend_experiment_list_json(struct tend *,
		    const struct tend_week_experiment *, size_t, char **out);

/* ---- The assessment (tend assess) ------------------------------------ */

/* One outcome's result. */
struct tend_score {
	const struct tend_outcome	*outcome;	/* from the catalogue */
	double				 score;		/* 0 to 1 */
	int				 fits;		/* see data/README.md,
							   "Scoring" */
	int				 agreed;	/* statements agreed with
							   that weight it */
	unsigned			 fits_for;	/* in a view's together:
							   bit p when it fits
							   partner p's result */
};

struct tend_assessment {
	char			 uuid[37];	/* "" until saved */
	char			 taken[32];	/* UTC RFC 3339; "" until saved */
	char			*partner;	/* whose, as stored; NULL: the
						   couple's */
	struct tend_score	*scores;	/* catalogue order */
	size_t			 nscores;
	unsigned		 fits;		/* TEND_RUT_* | TEND_BLOCK_* that
						   fit */
	int			 concern;	/* a "concern" outcome fits: say
						   so, suggest a therapist */
};

/*
 * Score answers as data/README.md says: answers[i] (1..5, 0 skipped)
 * answers the catalogue's statement i, and n must be the number of
 * statements, else TEND_EINVAL.  Only agreement counts; a statement above
 * the intimacy setting counts for nothing; an outcome fits when its score
 * reaches its threshold with two statements agreed with or more, and the
 * one it requires among them.
 */
int		 tend_assess_score(struct tend *, const int *answers, size_t n,
		    struct tend_assessment *);
/*
 * 1 when the catalogue's statement index is asked at the journal's
 * intimacy setting, 0 when not, -1 when that cannot be read.
 */
int		 tend_assess_asked(struct tend *, size_t statement);
/*
 * Each partner answers alone: who names the partner answering (any case;
 * NULL is TEND_EINVAL, an unknown name TEND_ENOENT naming the partners).
 *
 * tend_assess_save scores answers and saves them and the scores as who's
 * result, dated now, in one transaction.  Answering as it goes, as the
 * check-in does: tend_assess_answer saves value (1..5, or 0: skipped,
 * which clears it) for the catalogue's statement index (TEND_EINVAL when
 * it is not asked) to who's assessment in progress, beginning one when
 * there is none, in its own transaction.  tend_assess_progress reads it
 * into answers[n] (0: not answered) and *next, the statement after the
 * last one answered (n when all were); TEND_ENOENT when none is in
 * progress.  tend_assess_finish scores it, saves the scores and dates it
 * now, which makes it who's latest result; TEND_ENOENT when none is in
 * progress.
 */
int		 tend_assess_save(struct tend *, const char *who,
		    const int *answers, size_t n, struct tend_assessment *);
int		 tend_assess_answer(struct tend *, const char *who,
		    size_t statement, int value);
int		 tend_assess_progress(struct tend *, const char *who,
		    int *answers, size_t n, size_t *next);
int		 tend_assess_finish(struct tend *, const char *who,
		    struct tend_assessment *);
void		 tend_assessment_release(struct tend_assessment *);

/*
 * The assessments as viewer (a partner's name; NULL: nobody named) may
 * see them, under the privacy rule of every view (the check-in's): each
 * partner's latest result is shown to its author, to a partner who has
 * a result too, and to everyone once every partner has one; nobody named
 * sees one only then.  together is then the couple's: each outcome's
 * score the mean of theirs, fitting when it fits anyone's (fits_for says
 * whose); the weekly experiment leans on it.  Before anyone answered
 * alone, an assessment the couple answered together stands as together
 * for everyone (legacy).  together.taken is "" when there is none to
 * show.  An unknown viewer is TEND_ENOENT.
 */
struct tend_assess_view {
	struct tend_partner	*partners;	/* in the order named */
	size_t			 np;
	struct tend_assessment	*each;		/* each[p]: partner p's result,
						   when shown */
	int			*done;		/* partner p has a result */
	int			*shown;		/* and the viewer may see it */
	int			 complete;	/* every partner has one */
	size_t			 viewer;	/* the viewer's index; np:
						   nobody named */
	char			*answered;	/* "Sam, Kim": have a result */
	size_t			 nanswered;
	char			*waiting;	/* "Alex": have not yet */
	size_t			 nwaiting;
	struct tend_assessment	 together;
	int			 legacy;	/* together was answered
						   together, before */
};

int		 tend_assess_view(struct tend *, const char *viewer,
		    struct tend_assess_view *);
void		 tend_assess_view_release(struct tend_assess_view *);

#define TEND_SUGGEST_MAX	3

/*
 * The tips and experiments that fit a result best, within the intimacy
 * setting, best first: those for the outcomes that fit, weighted by their
 * scores (for every outcome by its score when none fits).  Borrowed from
 * the catalogue; fewer than TEND_SUGGEST_MAX when fewer fit.
 */
struct tend_suggestions {
	const struct tend_tip		*tips[TEND_SUGGEST_MAX];
	size_t				 ntips;
	const struct tend_experiment	*experiments[TEND_SUGGEST_MAX];
	size_t				 nexperiments;
};

int		 tend_assess_suggest(struct tend *, const struct tend_assessment *,
		    struct tend_suggestions *);
/*
 * A view as {"complete": bool, "partners": [{"name", "answered": bool,
 * "hidden": bool, "taken", "fits": [outcome ids], "outcomes"}],
 * "together": null | {"taken", "shared": bool (answered together,
 * before), "concern": bool, "fits": [outcome ids], "outcomes", "tips":
 * [tip as tend_tip_json], "experiments": [{"id", "title", "how", "time",
 * "intimacy", "ruts", "blockers", "source"}]}}, each outcome {"id",
 * "kind", "title", "about", "score", "threshold", "fits"} and in together
 * "fits_for": [names] ([] in one answered together).  A partner's taken,
 * fits and outcomes are null while hidden or not answered.
 */
int		 tend_assess_view_json(struct tend *,
		    const struct tend_assess_view *, char **out);

/* ---- Search and stats ------------------------------------------------ */

/* What a search hit is; the numbers are the index's own (db.c). */
enum tend_hit_kind {
	TEND_HIT_ANSWER = 1,		/* a check-in answer */
	TEND_HIT_NOTE = 2,		/* an appreciation note */
	TEND_HIT_REFLECTION = 3		/* an experiment's reflection */
};

/* "answer", "note", "reflection"; parse returns TEND_EINVAL otherwise. */
const char	*tend_hit_kind_name(enum tend_hit_kind);
int		 tend_hit_kind_parse(const char *, enum tend_hit_kind *);

/* Which hits tend_search gives; all zero: every hit, "[" and "]" marks. */
struct tend_search_opts {
	enum tend_hit_kind	 kind;		/* 0: any kind */
	const char		*from;		/* the writer's name (any case);
						   NULL: anyone.  Reflections
						   have no single writer, so
						   --from leaves them out */
	int			 has_since;
	time_t			 since;		/* written at or after this */
	long			 limit;		/* at most this many; 0: all */
	const char		*mark_open;	/* before each match in the */
	const char		*mark_close;	/* snippet; NULL: "[" and "]" */
	const char		*viewer;	/* who looks; NULL: nobody
						   named.  Answers (and notes
						   made from them) hidden from
						   them are not searched */
};

struct tend_hit {
	enum tend_hit_kind	 kind;
	char			 uuid[37];	/* the answer's, note's or
						   experiment's id */
	char			 week[TEND_WEEK_LEN];
	char			 created[32];	/* UTC RFC 3339: when it was
						   written (a reflection: when
						   it was logged) */
	time_t			 when;		/* the same instant */
	char			*from;		/* the writer; NULL for a
						   reflection (both partners) */
	char			*to;		/* a note's recipient; else NULL */
	char			*question;	/* an answer's question; else
						   NULL */
	char			*snippet;	/* the text around the match,
						   as written (it may hold
						   anything but a NUL), the
						   matches between the marks */
	double			 rank;		/* bm25: lower is better */
};

/*
 * Full-text search over answers, notes and reflections, best match first.
 * The query is FTS5's: words (all must be there), "a phrase", prefix*,
 * AND, OR, NOT, NEAR(...) and parentheses.  A query with no operator that
 * FTS5 rejects (don't, coffee?, "unbalanced) is run again with each word
 * quoted as a phrase, so plain words always work; a query with operators
 * that is still malformed is TEND_EINVAL with FTS5's reason.  A note made
 * from an appreciation answer is found as the answer, unless only notes
 * are asked for.  An unknown partner is TEND_ENOENT.
 */
int		 tend_search(struct tend *, const char *query,
		    const struct tend_search_opts *, struct tend_hit **,
		    size_t *n);
void		 tend_hits_free(struct tend_hit *, size_t n);
/*
 * Hits as the JSON array 'tend search --json' prints: [{"kind", "id",
 * "week", "created", "from", "to", "question", "snippet"}], from, to and
 * question null where tend_hit has NULL.
 */
int		 tend_search_json(struct tend *, const struct tend_hit *,
		    size_t n, char **out);

#define TEND_STATS_WEEKS_MAX	260	/* weeks the chart may show */

struct tend_stats_partner {
	char	*uuid;
	char	*name;
	int	 sent;		/* notes written by this partner, all time */
	int	 received;	/* notes written to this partner */
	int	*ratings;	/* connection rating per week of the chart,
				   oldest first; 0: none that week */
};

struct tend_stats {
	char			 week[TEND_WEEK_LEN];	/* this week */
	int			 streak;	/* weeks in a row with a finished
						   check-in, as tend_status */
	int			 longest;	/* the longest such run ever */
	int			 checkins;	/* finished check-ins */
	int			 notes;		/* notes, all time */
	int			 appreciations;	/* non-empty answers to
						   appreciation questions,
						   plus notes not made from
						   such an answer */
	int			 struggles;	/* non-empty answers to struggle
						   questions */
	int			 tried;		/* experiments tried */
	int			 skipped;	/* and skipped */
	int			 felt_count;	/* tried ones that said how they
						   felt */
	double			 felt_average;	/* their average, 1-5; 0: none */
	size_t			 nweeks;	/* the chart's weeks, oldest */
	char			(*weeks)[TEND_WEEK_LEN];	/* first, the
						   last this week */
	struct tend_stats_partner *partners;	/* turn order */
	size_t			 npartners;
	int			 hidden;	/* check-ins with answers hidden
						   from the viewer: left out
						   of every number */
};

/*
 * The numbers of tend stats, with the connection ratings of the nweeks
 * weeks (1..TEND_STATS_WEEKS_MAX) ending this week.  Release with
 * tend_stats_release (which accepts a zeroed or released one).
 */
int		 tend_stats(struct tend *, const char *viewer, int nweeks,
		    struct tend_stats *);
void		 tend_stats_release(struct tend_stats *);
/*
 * The JSON of 'tend stats --json': {"week", "streak", "longest_streak",
 * "checkins", "hidden", "notes", "appreciations", "struggles", "ratio": N|null,
 * "experiments": {"tried", "skipped", "felt_average": N|null,
 * "felt_count"}, "weeks": [...], "partners": [{"id", "name", "notes":
 * {"sent", "received"}, "connection": [N|null, ...]}]}, where ratio is
 * appreciations / struggles (null with no struggle).
 */
int		 tend_stats_json(struct tend *, const struct tend_stats *,
		    char **out);

/* ---- Backup and doctor --------------------------------------------- */

/*
 * Copy the open journal to dest with SQLite's online backup API, so the
 * copy is consistent while another process writes: a 0600 temporary file
 * beside dest, synced and renamed into place, the folder synced.  An
 * existing dest is TEND_EEXIST and left as it is unless force; dest being
 * what tend_output_check refuses is TEND_EINVAL.
 */
int		 tend_backup(struct tend *, const char *dest, int force);

/*
 * Whether dest may be written with a copy of the open journal (what names
 * it, e.g. "the export"): TEND_EINVAL, even to replace it, when dest is
 * the journal or its -wal or -shm under any name, a folder, or an
 * existing path that is not a regular file (a device, a pipe, a link).
 */
int		 tend_output_check(struct tend *, const char *dest,
		    const char *what);

/*
 * A file a front end writes a copy of the journal into (export -o), made
 * as backups are: tend_outfile_open refuses what tend_output_check
 * refuses, and an existing dest unless replace (TEND_EEXIST); else it
 * opens a new 0600 file beside dest, f->fd to write to, named f->tmp (for
 * a signal handler to remove).  tend_outfile_commit syncs it and renames
 * it to dest (never over a file made meanwhile without replace), then
 * syncs the folder; on failure nothing is left.  tend_outfile_abandon
 * closes and removes it.  Either one ends f.
 */
struct tend_outfile {
	int	 fd;
	char	 tmp[4096];
	char	*dest;
	int	 replace;
};
int		 tend_outfile_open(struct tend *, const char *dest,
		    const char *what, int replace, struct tend_outfile *);
int		 tend_outfile_commit(struct tend *, struct tend_outfile *);
void		 tend_outfile_abandon(struct tend_outfile *);

/* One check of tend_doctor. */
struct tend_finding {
	const char	*check;		/* "folder", "journal", "integrity", ...
					   (static) */
	int		 ok;
	char		*message;	/* what was found */
	char		*fix;		/* what to do; NULL when ok.  With a
					   mend, it begins with its
					   tend_fixstr() words, which a front
					   end may put in its own */
	enum tend_fix	 remedy;
};

/*
 * Check the journal at path without changing it (nothing written: no
 * migration, and an unsafe or damaged journal is reported, not refused):
 * its folder's and file's modes, -wal and -shm, the application id, the
 * schema version, integrity_check and foreign_key_check; then the user's
 * content.json.  TEND_OK with the findings whatever they say; an error
 * only when out of memory.  A journal is left closed afterwards.
 */
int		 tend_doctor(struct tend *, const char *path,
		    struct tend_finding **, size_t *);
void		 tend_findings_free(struct tend_finding *, size_t);
/*
 * {"journal": PATH, "ok": bool, "checks": [{"check", "ok", "message",
 *  "fix": "..."|null}]}
 */
int		 tend_findings_json(struct tend *, const char *path,
		    const struct tend_finding *, size_t, char **out);

/* ---- Export and import ---------------------------------------------- */

#define TEND_EXPORT_NAME	"tend-export"	/* the header's "format" */
#define TEND_EXPORT_VERSION	1		/* the header's "version" */
#define TEND_IMPORT_LINE_MAX	(1024 * 1024)	/* bytes in one line */

enum tend_export_format {
	TEND_EXPORT_JSONL,	/* a header line, then one record a line */
	TEND_EXPORT_JSON,	/* one document, still a record a line */
	TEND_EXPORT_MARKDOWN	/* a readable journal by week */
};

/* "jsonl", "json" or "markdown"; TEND_EINVAL for anything else. */
int		 tend_export_format_parse(const char *,
		    enum tend_export_format *);

/*
 * Where output goes: write all n bytes of buf; 0, or -1 with errno set.
 * Where input comes from: up to n bytes into buf; the count, 0 at the
 * end, or -1 with errno set.
 */
typedef int	 (*tend_write_fn)(void *arg, const char *buf, size_t n);
typedef long	 (*tend_read_fn)(void *arg, char *buf, size_t n);

/*
 * Write the whole journal, one record at a time (memory does not grow with
 * the journal), from one consistent snapshot.  The record types and fields
 * are the ones tend(1) documents under EXPORT FORMAT.  A failed write is
 * TEND_EIO.
 */
int		 tend_export(struct tend *, enum tend_export_format,
		    tend_write_fn, void *arg);

enum tend_record {
	TEND_REC_PARTNER, TEND_REC_CHECKIN, TEND_REC_ANSWER, TEND_REC_NOTE,
	TEND_REC_EXPERIMENT, TEND_REC_ASSESSMENT, TEND_REC_SETTING,
	TEND_NRECORDS
};

/* "partner", "check-in", ...; with plural "partners", "check-ins", ... */
const char	*tend_record_name(enum tend_record, int plural);

struct tend_import_stats {
	unsigned long	 added[TEND_NRECORDS];	/* new records */
	unsigned long	 skipped;	/* already present, identical */
	unsigned long	 matched;	/* partners and check-ins taken as the
					   journal's own by name or week */
	unsigned long	 kept;		/* settings the journal set otherwise */
	unsigned long	 lines;		/* lines read */
};

/*
 * Read an export (jsonl, or json as tend_export writes it) line by line
 * and apply all of it in one transaction, or none of it: with dry_run the
 * transaction is rolled back and stats say what would have changed.  A
 * record whose id is present is skipped when identical, an error when it
 * differs.  A partner whose name is the journal's partner's (any case) is
 * that partner; a check-in of a week and deck the journal has is that
 * check-in.  A bad file is TEND_EDATA with "line N: TYPE: 'field' ..."
 * in tend_errmsg.  progress, when not NULL, is called every few thousand
 * lines with the count so far.
 */
int		 tend_import(struct tend *, tend_read_fn, void *arg,
		    int dry_run, void (*progress)(void *arg, unsigned long),
		    struct tend_import_stats *);

/*
 * A new journal for path with no partners, for tend_import to fill (it
 * refuses a file that leaves fewer than two partners).  It is built under
 * a temporary name: tend_import_publish renames it to path after the
 * import (TEND_EEXIST, and nothing changed, when something is there by
 * then); tend_import_abandon, or tend_free, removes it instead.  A crash
 * before the publish leaves no journal at path.
 */
int		 tend_import_create(struct tend *, const char *path);
int		 tend_import_publish(struct tend *, const char *path);
void		 tend_import_abandon(struct tend *, const char *path);

/* ---- Changes: undo and the trash ------------------------------------ */

/*
 * Every write is a change, newest last.  Undo takes back the newest one
 * exactly as it was before (rows, their times, the search index), and can
 * be repeated.  What a change deleted or replaced is kept with it, out of
 * every view, until the trash is emptied or TEND_TRASH_DAYS have passed;
 * then that change can no longer be undone.  A deleted record leaves a
 * tombstone (its uuid, kind, time and device), which stays.
 */
#define TEND_TRASH_DAYS	30

struct tend_change {
	long long	 id;
	char		 at[32];	/* UTC RFC 3339 */
	time_t		 when;		/* the same instant */
	char		*what;		/* what it did, in a few words */
	int		 kept;		/* it deleted or replaced something,
					   which undoing it brings back */
};

/* The changes that can be undone, newest first; with kept_only, those
 * that hold something deleted or replaced (the trash). */
int		 tend_changes(struct tend *, int kept_only,
		    struct tend_change **, size_t *n);
void		 tend_changes_free(struct tend_change *, size_t n);
/* Take back the newest change: TEND_ENOENT when there is none.  What it
 * was goes into *undone (may be NULL; free undone->what). */
int		 tend_undo(struct tend *, struct tend_change *undone);
/* Forget every change (nothing before now can be undone), and overwrite
 * what they kept; *n: how many there were. */
int		 tend_trash_empty(struct tend *, size_t *n);
/* Changes as the JSON array 'tend undo --list --json' prints:
 * [{"id", "at", "what", "kept"}], into *out (free it). */
int		 tend_changes_json(struct tend *, const struct tend_change *,
		    size_t n, char **out);

/* ---- JSON for --json (the CLI never touches cJSON) ------------------- */

/*
 * Each writes one compact JSON document to *out (free it); the fields are
 * the ones tend(1) documents for the command that prints it.
 */
int		 tend_tip_json(struct tend *, const struct tend_tip *, char **out);
int		 tend_topics_json(struct tend *, char **out);
int		 tend_decks_json(struct tend *, char **out);
int		 tend_deck_json(struct tend *, const struct tend_deck *,
		    char **out);
int		 tend_config_json(struct tend *, char **out);

/* ---- ISO 8601 weeks and dates (no handle: pure functions) ----------- */

struct tend_week {
	int	year;	/* ISO week-numbering year */
	int	week;	/* 1..52 or 53 */
};

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
/*
 * The instant a parsed date-time names.  With a zone it is exact; without
 * one it is local time in the zone fn answers for (NULL: UTC): a date
 * alone is the first instant of that day, a time the clocks skipped when
 * they went forward moves forward by their jump (02:30 on a night that
 * jumps from 02:00 to 03:00 is 03:30), and one they read twice when they
 * went back is the first.
 */
time_t		 tend_datetime_instant(tend_zone_fn, void *arg,
		    const struct tend_datetime *);

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
