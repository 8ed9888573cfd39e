/*
 * test-frontend.c - a second front end, as small as one can be: a
 * couple's week (a whole check-in, a thank-you note, the experiment
 * handed out, tried and how it felt, then the history) driven through the
 * public header alone, with no CLI code.  The same inputs given to tend(1)
 * ($TEND, the build under test) must make the same journal and the same
 * history: every rule a front end needs is the library's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend.h"
#include "fixture.h"

/* FIX_NOON, for tend(1). */
#define NOW	"2026-11-21T12:00:00Z"

/* The answers, in turn order: question by question, Sam then Alex. */
static const char *const answers[] = {
	"the tea in bed", "the call with my mother",
	"the garden", "the new job",
	"we laughed", "the walks",
	"mostly", ":skip",
	"deadlines", "sleep",
	"phones at dinner", "more dates",
	"when you asked", "the hug",
	"8", "6",
};

#define NANSWERS	(sizeof(answers) / sizeof(answers[0]))

/* Everything a journal holds but its row ids and random ids, one line a row. */
static const char dump_sql[] =
    "SELECT group_concat(r, char(10)) FROM (SELECT r FROM ("
    "SELECT 'partner|' || name || '|' || created AS r FROM partner"
    " UNION ALL SELECT 'setting|' || key || '|' || value || '|' || updated"
    "  FROM setting"
    " UNION ALL SELECT 'checkin|' || week || '|' || deck || '|' || started"
    "  || '|' || ifnull(finished, '-') FROM checkin"
    " UNION ALL SELECT 'answer|' || c.week || '|' || p.name || '|' ||"
    "  a.question || '|' || a.prompt || '|' || a.kind || '|' ||"
    "  ifnull(a.value, '(skipped)') || '|' || a.created || '|' || a.updated"
    "  FROM answer a JOIN checkin c ON c.id = a.checkin_id"
    "  JOIN partner p ON p.id = a.partner_id"
    " UNION ALL SELECT 'note|' || f.name || '|' || o.name || '|' || n.body"
    "  || '|' || n.week || '|' || n.created || '|' ||"
    "  (n.answer_id IS NOT NULL) FROM note n"
    "  JOIN partner f ON f.id = n.from_id JOIN partner o ON o.id = n.to_id"
    " UNION ALL SELECT 'experiment|' || week || '|' || item || '|' || title"
    "  || '|' || chosen || '|' || ifnull(outcome, '-') || '|' ||"
    "  ifnull(felt, '-') || '|' || ifnull(reflection, '-') || '|' ||"
    "  ifnull(updated, '-') FROM experiment) ORDER BY r)";

/*
 * The week through the library: what any front end does with what the
 * couple typed, here taken from answers[] (":skip" leaves one).
 */
static char *
front_end(const char *path)
{
	struct tend *t = tend_new();
	struct tend_checkin *ck = NULL;
	struct tend_week_experiment x;
	struct tend_checkin_row *rows = NULL;
	char week[TEND_WEEK_LEN], *from = NULL, *history = NULL;
	size_t q, p, as, i = 0, n = 0;

	assert_non_null(t);
	tend_set_clock(t, FIX_NOON, 0);
	assert_int_equal(tend_open(t, path), TEND_OK);
	assert_int_equal(tend_week_resolve(t, "this-week", 1, week), TEND_OK);
	assert_int_equal(tend_checkin_open(t, week, NULL, &ck), TEND_OK);
	assert_int_equal(tend_checkin_as(ck, NULL, &as), TEND_OK);
	/* The journal's first week: nothing lived before to look back at. */
	assert_int_equal(tend_checkin_lookback(ck, &x), TEND_ENOENT);
	tend_week_experiment_release(&x);
	for (;;) {
		assert_int_equal(tend_checkin_next(ck, &q, &p), TEND_OK);
		if (q == tend_checkin_deck(ck)->nquestions)
			break;
		assert_true(i < NANSWERS);
		assert_int_equal(tend_checkin_save(ck, q, p,
		    strcmp(answers[i], ":skip") == 0 ? NULL : answers[i]),
		    TEND_OK);
		i++;
	}
	assert_int_equal(i, NANSWERS);
	assert_true(tend_checkin_complete(ck, as));
	assert_int_equal(tend_checkin_handout(ck, &x), TEND_OK);
	tend_week_experiment_release(&x);
	tend_checkin_free(ck);
	/* "Thanks to Alex": from the other partner of the couple. */
	assert_int_equal(tend_note_sender(t, "Alex", &from), TEND_OK);
	assert_int_equal(tend_note_add(t, from, "Alex", "for the tea", 0,
	    NULL), TEND_OK);
	free(from);
	/* How the experiment handed out went. */
	assert_int_equal(tend_experiment_current(t, 0, &x), TEND_OK);
	assert_int_equal(tend_experiment_log(t, x.week, "tried", 4,
	    "we laughed a lot"), TEND_OK);
	tend_week_experiment_release(&x);
	assert_int_equal(tend_history(t, NULL, 0, &rows, &n), TEND_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].state, TEND_CHECKIN_DONE);
	assert_int_equal(tend_history_json(t, rows, n, &history), TEND_OK);
	tend_history_free(rows, n);
	tend_free(t);
	return history;
}

/* Run tend(1) on the journal at path with args; its standard output. */
static char *
cli(const char *tend, const char *dir, const char *path, const char *args,
    const char *input)
{
	char *cmd = NULL, *out = NULL;
	size_t len = 0, n;
	char buf[4096];
	FILE *fp, *mem;

	assert_true(asprintf(&cmd, "TEND_NOW=%s TZ=UTC XDG_CONFIG_HOME=%s "
	    "XDG_STATE_HOME=%s '%s' --db '%s' %s <%s", NOW, dir, dir, tend,
	    path, args, input != NULL ? input : "/dev/null") > 0);
	assert_non_null(fp = popen(cmd, "r"));
	assert_non_null(mem = open_memstream(&out, &len));
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		fwrite(buf, 1, n, mem);
	assert_int_equal(fclose(mem), 0);
	if (pclose(fp) != 0)
		fail_msg("%s: failed", cmd);
	free(cmd);
	return out;
}

static void
test_same_journal_as_the_cli(void **state)
{
	const char *tend = getenv("TEND"), *dir = *state;
	char *a = NULL, *b = NULL, *input = NULL, *id = NULL, *sql = NULL;
	char *mine, *theirs, *d1, *d2, *out;
	struct tend *t;
	size_t i;
	FILE *fp;

	if (tend == NULL || *tend == '\0')
		skip();
	assert_true(asprintf(&a, "%s/cli.db", dir) > 0);
	assert_true(asprintf(&b, "%s/lib.db", dir) > 0);
	assert_true(asprintf(&input, "%s/answers", dir) > 0);
	assert_non_null(fp = fopen(input, "w"));
	for (i = 0; i < NANSWERS; i++)
		fprintf(fp, "%s\n", answers[i]);
	assert_int_equal(fclose(fp), 0);

	free(cli(tend, dir, a, "init --partner Sam --partner Alex", NULL));
	/* Both journals made as each front end makes one... */
	assert_non_null(t = fix_handle());
	assert_int_equal(tend_create(t, b, fix_couple, 2), TEND_OK);
	tend_free(t);
	/* ...with one id, so that both draw the same experiments. */
	assert_non_null(id = fix_peek_text(a, "SELECT value FROM setting "
	    "WHERE key = 'journal-id'"));
	assert_true(asprintf(&sql, "UPDATE setting SET value = '%s' WHERE "
	    "key = 'journal-id'", id) > 0);
	fix_poke(b, sql);

	free(cli(tend, dir, a, "checkin", input));
	free(cli(tend, dir, a, "thanks Alex for the tea", NULL));
	free(cli(tend, dir, a, "experiment done --felt 4 we laughed a lot",
	    NULL));
	theirs = cli(tend, dir, a, "history --json", NULL);
	mine = front_end(b);

	d1 = fix_peek_text(a, dump_sql);
	d2 = fix_peek_text(b, dump_sql);
	assert_non_null(d1);
	assert_non_null(d2);
	assert_string_equal(d2, d1);
	/*
	 * A whole week: 16 answers, 3 notes (two made from the appreciation
	 * answers), an experiment tried.
	 */
	assert_int_equal(fix_peek(b, "SELECT count(*) FROM answer"), 16);
	assert_int_equal(fix_peek(b, "SELECT count(*) FROM note"), 3);
	assert_int_equal(fix_peek(b, "SELECT felt FROM experiment WHERE "
	    "outcome = 'tried'"), 4);
	/* The same history, as data; the CLI ends its JSON with a newline. */
	assert_non_null(out = malloc(strlen(mine) + 2));
	sprintf(out, "%s\n", mine);
	assert_string_equal(out, theirs);
	free(out);
	free(d1);
	free(d2);
	free(mine);
	free(theirs);
	free(sql);
	free(id);
	free(input);
	free(a);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_same_journal_as_the_cli,
		    fix_tmpdir, fix_rmdir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
