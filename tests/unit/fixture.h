/*
 * fixture.h - what the unit tests share, so that each test file keeps only
 * what is its own: a temporary folder that goes again with everything in
 * it, handles whose clock stands at FIX_NOON, journals made with
 * tend_create (for Sam and Alex unless a test names others), and SQL run
 * straight on a journal's file, as another program would.
 *
 * The setup and teardown functions have cmocka's shape: they serve as a
 * test's or a group's.  The other helpers fail the running test through
 * cmocka's asserts.  The Makefile links fixture.c into every test binary.
 */
#ifndef TEND_TEST_FIXTURE_H
#define TEND_TEST_FIXTURE_H

#include <stddef.h>

struct tend;

/* 2026-11-21T12:00:00Z, a Saturday in 2026-W47: every handle's clock. */
#define FIX_NOON	1795262400

/* The partners of a journal when a test names none: "Sam", "Alex". */
extern const char *const fix_couple[2];

/* A journal in a temporary folder of its own, open. */
struct fixture {
	char		*dir;		/* the folder, removed at the end */
	char		*path;		/* dir/journal.db */
	struct tend	*t;		/* open on path; tests may replace it */
};

/*
 * Fill f: a new folder, a journal in it for names and a handle at FIX_NOON
 * open on it; 0, or -1 with f emptied again.  fix_close frees what f holds
 * and removes the folder: 0, or -1 when it could not.  For a test's own
 * fixture that holds a struct fixture with more beside it.
 */
int		 fix_open(struct fixture *f, const char *const *names,
		    size_t n);
int		 fix_close(struct fixture *f);

/* *state is a new struct fixture: for fix_couple, or for names. */
int		 fix_setup(void **state);
int		 fix_setup_names(void **state, const char *const *names,
		    size_t n);
int		 fix_teardown(void **state);

/* *state is only a new temporary folder, its path malloc'd. */
int		 fix_tmpdir(void **state);
int		 fix_rmdir(void **state);

/* A new handle with its clock at FIX_NOON, UTC. */
struct tend	*fix_handle(void);

/* A new journal at dir/name for names, open on fix_handle(); *path malloc'd. */
struct tend	*fix_journal(const char *dir, const char *name,
		    const char *const *names, size_t n, char **path);

/*
 * SQL run straight on the file at path.  fix_peek: the first column of the
 * first row as an integer, -1 when there is no row; fix_peek_text: as
 * text, malloc'd, NULL when there is no row or the value is NULL.
 */
long long	 fix_peek(const char *path, const char *sql);
char		*fix_peek_text(const char *path, const char *sql);
void		 fix_poke(const char *path, const char *sql);

/*
 * Every check-in marked finished gets a skipped answer (NULL) from every
 * partner to every question of its deck it has no answer to, so that it
 * is complete as the library counts it (from the answers, not the mark).
 */
void		 fix_fill(struct fixture *f);

/*
 * The --json forms as tend(1) makes them: status and history as viewer
 * (NULL: nobody named) sees them; the library's code, *json malloc'd.
 */
int		 fix_status_json(struct tend *, const char *viewer, char **json);
int		 fix_history_json(struct tend *, const char *viewer, char **json);

#endif
