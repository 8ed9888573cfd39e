/*
 * test-import.c - tend_import: a round trip into a journal made for it,
 * idempotence, merging by partner name, all or nothing, --dry-run, the
 * json layout, and refusals that name the line and the field.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"
#include "fixture.h"

#define HEADER \
	"{\"format\":\"tend-export\",\"version\":1,\"tend\":\"0.1.0\"," \
	"\"exported\":\"2026-11-21T10:00:00Z\"}\n"
#define SAM	"11111111-1111-4111-8111-111111111111"
#define ALEX	"22222222-2222-4222-8222-222222222222"
#define PARTNERS \
	"{\"type\":\"partner\",\"id\":\"" SAM "\",\"name\":\"Sam\"," \
	"\"created\":\"2026-11-20T09:00:00Z\"}\n" \
	"{\"type\":\"partner\",\"id\":\"" ALEX "\",\"name\":\"Alex\"," \
	"\"created\":\"2026-11-20T09:00:00Z\"}\n"
#define NOTE(id, text) \
	"{\"type\":\"note\",\"id\":\"" id "\",\"from\":\"" SAM "\",\"to\":\"" \
	ALEX "\",\"text\":" text ",\"week\":\"2026-W47\",\"created\":" \
	"\"2026-11-21T09:00:00Z\",\"answer\":null}\n"
#define N1	"33333333-3333-4333-8333-333333333333"
#define N2	"44444444-4444-4444-8444-444444444444"

/* Input from memory, a few bytes at a time to cross line boundaries. */
struct src {
	const char	*s;
	size_t		 n, pos, step;
	int		 fail;
};

static long
from_mem(void *arg, char *buf, size_t n)
{
	struct src *r = arg;
	size_t k = r->n - r->pos;

	if (r->fail) {
		errno = EIO;
		return -1;
	}
	if (k > n)
		k = n;
	if (r->step > 0 && k > r->step)
		k = r->step;
	memcpy(buf, r->s + r->pos, k);
	r->pos += k;
	return (long)k;
}

static int
import(struct tend *t, const char *text, size_t len, int dry,
    struct tend_import_stats *st)
{
	struct src r = { text, len, 0, 7, 0 };

	return tend_import(t, from_mem, &r, dry, NULL, st);
}

static int
import_str(struct tend *t, const char *text, struct tend_import_stats *st)
{
	return import(t, text, strlen(text), 0, st);
}

struct buf {
	char	*s;
	size_t	 n;
};

static int
collect(void *arg, const char *p, size_t n)
{
	struct buf *b = arg;
	char *s;

	if ((s = realloc(b->s, b->n + n + 1)) == NULL)
		return -1;
	memcpy(s + b->n, p, n);
	b->s = s;
	b->n += n;
	s[b->n] = '\0';
	return 0;
}

static long long
notes(const struct fixture *f)
{
	return fix_peek(f->path, "SELECT count(*) FROM note");
}

static void
test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct tend_import_stats st;
	struct buf a = { 0 }, b = { 0 };
	struct tend *t;
	char *path;

	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "for the dishes",
	    0, NULL), TEND_OK);
	assert_int_equal(tend_export(f->t, TEND_EXPORT_JSON, collect, &a),
	    TEND_OK);
	assert_non_null(t = fix_handle());
	assert_true(asprintf(&path, "%s/copy.db", f->dir) > 0);
	assert_int_equal(tend_import_create(t, path), TEND_OK);
	assert_int_equal(import(t, a.s, a.n, 0, &st), TEND_OK);
	assert_int_equal(st.added[TEND_REC_PARTNER], 2);
	assert_int_equal(st.added[TEND_REC_NOTE], 1);
	assert_int_equal(st.added[TEND_REC_SETTING], 1);
	assert_int_equal(st.skipped, 0);
	assert_int_equal(tend_import_publish(t, path), TEND_OK);
	assert_int_equal(tend_export(t, TEND_EXPORT_JSON, collect, &b),
	    TEND_OK);
	assert_string_equal(a.s, b.s);
	/* The search index has the imported text, the triggers are back. */
	assert_int_equal(fix_peek(path, "SELECT count(*) FROM fts"
	    " WHERE fts MATCH 'dishes'"), 1);
	assert_int_equal(fix_peek(path, "SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'trigger' AND name NOT LIKE 'log\\_%' ESCAPE '\\'"),
	    9);
	/* The change log's triggers too; a journal an import made has
	 * nothing to undo. */
	assert_int_equal(fix_peek(path, "SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'trigger' AND name LIKE 'log\\_%' ESCAPE '\\'"),
	    30);
	assert_int_equal(fix_peek(path, "SELECT count(*) FROM change"), 0);
	tend_free(t);
	free(path);
	free(a.s);
	free(b.s);
}

static void
test_twice_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct tend_import_stats st;
	struct buf a = { 0 };

	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "once", 0, NULL),
	    TEND_OK);
	assert_int_equal(tend_export(f->t, TEND_EXPORT_JSONL, collect, &a),
	    TEND_OK);
	assert_int_equal(import(f->t, a.s, a.n, 0, &st), TEND_OK);
	assert_int_equal(st.skipped, 4);	/* 2 partners, note, setting */
	assert_int_equal(st.added[TEND_REC_NOTE], 0);
	assert_int_equal(notes(f), 1);
	free(a.s);
}

static void
test_merge_by_name(void **state)
{
	struct fixture *f = *state;
	struct tend_import_stats st;
	char *from;

	/* The fixture's Sam and Alex have other ids: matched by name. */
	assert_int_equal(import_str(f->t, HEADER PARTNERS
	    NOTE(N1, "\"from the other journal\""), &st), TEND_OK);
	assert_int_equal(st.matched, 2);
	assert_int_equal(st.added[TEND_REC_NOTE], 1);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM partner"), 2);
	from = fix_peek_text(f->path, "SELECT p.name FROM note n JOIN partner"
	    " p ON p.id = n.from_id");
	assert_string_equal(from, "Sam");
	free(from);
	/* Indexed for search, and later notes still are (the trigger). */
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM fts"
	    " WHERE fts MATCH 'other'"), 1);
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "later one", 0,
	    NULL), TEND_OK);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM fts"
	    " WHERE fts MATCH 'later'"), 1);
	/* Again: nothing new. */
	assert_int_equal(import_str(f->t, HEADER PARTNERS
	    NOTE(N1, "\"from the other journal\""), &st), TEND_OK);
	assert_int_equal(st.added[TEND_REC_NOTE], 0);
	assert_int_equal(st.skipped, 1);
	assert_int_equal(notes(f), 2);
}

static void
test_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct tend_import_stats st;

	assert_int_equal(import_str(f->t, HEADER PARTNERS
	    NOTE(N1, "\"good\"") NOTE(N2, "\"also good\"")
	    "{\"type\":\"photo\"}\n", &st), TEND_EDATA);
	assert_string_equal(tend_errmsg(f->t),
	    "line 6: unknown record type 'photo'");
	assert_int_equal(notes(f), 0);
}

static void
test_dry_run(void **state)
{
	struct fixture *f = *state;
	struct tend_import_stats st;
	const char *text = HEADER PARTNERS NOTE(N1, "\"a\"") NOTE(N2, "\"b\"");

	assert_int_equal(import(f->t, text, strlen(text), 1, &st), TEND_OK);
	assert_int_equal(st.added[TEND_REC_NOTE], 2);
	assert_int_equal(st.lines, 5);
	assert_int_equal(notes(f), 0);
}

/* One refusal: the code and the whole message. */
static void
refused(struct tend *t, const char *text, size_t len, const char *msg)
{
	struct tend_import_stats st;

	assert_int_equal(import(t, text, len, 0, &st), TEND_EDATA);
	assert_string_equal(tend_errmsg(t), msg);
}

#define REFUSED(t, text, msg)	refused((t), (text), sizeof(text) - 1, (msg))

static void
test_refusals(void **state)
{
	struct fixture *f = *state;

	REFUSED(f->t, "", "line 1: the file is empty; not a tend export");
	REFUSED(f->t, HEADER PARTNERS "{\"type\":\"note\",\"id\":\"" N1
	    "\",\"from\":\"" SAM "\",\"to\":\"99999999-2222-4222-8222-"
	    "222222222222\",\"text\":\"x\",\"week\":\"2026-W47\",\"created\":"
	    "\"2026-11-21T09:00:00Z\",\"answer\":null}\n",
	    "line 4: note: 'to' is not a known partner id");
	REFUSED(f->t, HEADER PARTNERS NOTE(N1, "\"a\\u0000b\""),
	    "line 4: a string holds \\u0000 or a broken \\u escape");
	REFUSED(f->t, HEADER PARTNERS NOTE(N1, "\"a\"") NOTE(N1, "\"b\""),
	    "line 5: note: id " N1 " is in the journal already with other "
	    "content; the two journals disagree about this record");
	REFUSED(f->t, HEADER "{\"type\":\"partner\",\"id\":\"" SAM "\","
	    "\"name\":\"Sam\",\"name\":\"Eve\",\"created\":"
	    "\"2026-11-20T09:00:00Z\"}\n",
	    "line 2: partner: duplicate key 'name'");
	REFUSED(f->t, HEADER "{\"type\":\"partner\",\"id\":9007199254740993,"
	    "\"name\":\"Sam\",\"created\":\"2026-11-20T09:00:00Z\"}\n",
	    "line 2: partner: 'id' must be a string");
	REFUSED(f->t, HEADER "{\"type\":\"partner\",\"ID\":\"" SAM "\"}\n",
	    "line 2: partner: unknown key 'ID'");
	REFUSED(f->t, HEADER "{\"type\":\"setting\",\"key\":\"a\\u0001\","
	    "\"value\":\"b\",\"updated\":\"2026-11-20T09:00:00Z\"}\n",
	    "line 2: setting: 'key' holds a control character");
	REFUSED(f->t, HEADER "[[[[[[[[[[[[]]]]]]]]]]]]\n",
	    "line 2: nested more than 8 levels deep");
	REFUSED(f->t, HEADER "{\"type\":\"note\"\0}\n",
	    "line 2: holds a NUL byte; not a tend export");
	REFUSED(f->t, HEADER "{\"type\":\"note\xff\"}\n",
	    "line 2: not valid UTF-8");
	REFUSED(f->t, "{\"format\":\"tend-export\",\"version\":1e400,"
	    "\"tend\":\"0.1.0\",\"exported\":\"2026-11-21T10:00:00Z\"}\n",
	    "line 1: header: 'version' must be a whole number from 1");
	REFUSED(f->t, "{\"header\":" HEADER,
	    "line 1: a json export must start '{\"header\":{...},"
	    "\"records\":[' on one line");
	REFUSED(f->t, "{\"header\":{\"format\":\"tend-export\",\"version\":1,"
	    "\"tend\":\"0.1.0\",\"exported\":\"2026-11-21T10:00:00Z\"},"
	    "\"records\":[\n" "{\"type\":\"setting\",\"key\":\"intimacy\","
	    "\"value\":\"none\",\"updated\":\"2026-11-20T09:00:00Z\"},\n]}\n",
	    "line 3: ']}' after a ','; the line before must not end in one");
	assert_int_equal(notes(f), 0);
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM setting"), 1);
}

#define CK	"55555555-5555-4555-8555-555555555555"
#define CHECKIN(week, deck, finished) \
	"{\"type\":\"checkin\",\"id\":\"" CK "\",\"week\":\"" week "\"," \
	"\"deck\":\"" deck "\",\"started\":\"2026-11-21T09:00:00Z\"," \
	"\"finished\":" finished "}\n"
#define ANSWER(question, kind, value) \
	"{\"type\":\"answer\",\"id\":\"66666666-6666-4666-8666-" \
	"666666666666\",\"checkin\":\"" CK "\",\"partner\":\"" SAM "\"," \
	"\"question\":\"" question "\",\"prompt\":\"Q?\",\"kind\":\"" \
	kind "\",\"value\":" value ",\"created\":\"2026-11-21T09:00:00Z\"," \
	"\"updated\":\"2026-11-21T09:00:00Z\"}\n"
#define SETTING(key, value) \
	"{\"type\":\"setting\",\"key\":\"" key "\",\"value\":\"" value \
	"\",\"updated\":\"2026-11-20T09:00:00Z\"}\n"

/* Records well formed but not valid for tend: checked as tend checks. */
static void
test_validation(void **state)
{
	struct fixture *f = *state;
	struct tend_import_stats st;

	REFUSED(f->t, HEADER SETTING("intimacy", "banana"),
	    "line 2: setting: 'value': intimacy must be none, affection or "
	    "sexual");
	REFUSED(f->t, HEADER SETTING("colour", "blue"),
	    "line 2: setting: 'key': no setting 'colour'; settings: intimacy");
	REFUSED(f->t, HEADER PARTNERS CHECKIN("2026-W48", "weekly", "null"),
	    "line 4: checkin: 'week' 2026-W48 is after this week (2026-W47)");
	REFUSED(f->t, HEADER PARTNERS CHECKIN("2026-W47", "nope", "null"),
	    "line 4: checkin: 'deck' 'nope' is not a deck of tend or of your "
	    "content.json");
	assert_int_equal(tend_errfix(f->t, NULL), TEND_FIX_DECKS);
	REFUSED(f->t, HEADER PARTNERS CHECKIN("2026-W47", "weekly",
	    "\"2026-11-21T08:00:00Z\""),
	    "line 4: checkin: 'finished' 2026-11-21T08:00:00Z is before "
	    "'started' 2026-11-21T09:00:00Z");
	REFUSED(f->t, HEADER PARTNERS CHECKIN("2026-W47", "weekly", "null")
	    ANSWER("favourite-colour", "text", "\"blue\""),
	    "line 5: answer: 'question' 'favourite-colour' is not in deck "
	    "'weekly'");
	REFUSED(f->t, HEADER PARTNERS CHECKIN("2026-W47", "weekly", "null")
	    ANSWER("connection-rating", "text", "\"7\""),
	    "line 5: answer: 'kind' must be \"scale\", the kind of question "
	    "'connection-rating' of deck 'weekly'");
	REFUSED(f->t, HEADER PARTNERS CHECKIN("2026-W47", "weekly", "null")
	    ANSWER("connection-rating", "scale", "\"0\""),
	    "line 5: answer: 'value' does not fit question 'connection-rating' "
	    "(scale): answer with a whole number from 1 to 10");
	REFUSED(f->t, HEADER PARTNERS "{\"type\":\"note\",\"id\":\"" N1
	    "\",\"from\":\"" SAM "\",\"to\":\"" ALEX "\",\"text\":\"x\","
	    "\"week\":\"2026-W46\",\"created\":\"2026-11-21T09:00:00Z\","
	    "\"answer\":null}\n",
	    "line 4: note: 'week' 2026-W46 is not the week of 'created' "
	    "2026-11-21T09:00:00Z (2026-W47)");
	REFUSED(f->t, HEADER PARTNERS "{\"type\":\"note\",\"id\":\"" N1
	    "\",\"from\":\"" SAM "\",\"to\":\"" ALEX "\",\"text\":\"x\","
	    "\"week\":\"2026-W47\",\"created\":\"2026-11-21T12:00:01Z\","
	    "\"answer\":null}\n",
	    "line 4: note: 'created' 2026-11-21T12:00:01Z is in the future "
	    "(the clock says 2026-11-21T12:00:00Z)");
	assert_int_equal(fix_peek(f->path, "SELECT count(*) FROM checkin"), 0);
	/* The same records, valid, are taken. */
	assert_int_equal(import_str(f->t, HEADER PARTNERS SETTING("intimacy",
	    "none") CHECKIN("2026-W47", "weekly", "null")
	    ANSWER("connection-rating", "scale", "\"7\""), &st), TEND_OK);
	assert_int_equal(st.added[TEND_REC_ANSWER], 1);
	assert_int_equal(st.added[TEND_REC_SETTING], 1);
}

static void
test_long_line(void **state)
{
	struct fixture *f = *state;
	size_t h = strlen(HEADER), n = h + TEND_IMPORT_LINE_MAX + 10;
	char *text = malloc(n + 1);

	assert_non_null(text);
	memcpy(text, HEADER, h);
	memset(text + h, 'a', n - h);
	text[n] = '\0';
	refused(f->t, text, n, "line 2: longer than 1048576 bytes; not a tend "
	    "export");
	free(text);
}

static void
test_read_error(void **state)
{
	struct fixture *f = *state;
	struct tend_import_stats st;
	struct src r = { "", 0, 0, 0, 1 };

	assert_int_equal(tend_import(f->t, from_mem, &r, 0, NULL, &st),
	    TEND_EIO);
	assert_string_equal(tend_errmsg(f->t), "cannot read the file: "
	    "Input/output error");
}

static void
test_record_names(void **state)
{
	(void)state;
	assert_string_equal(tend_record_name(TEND_REC_CHECKIN, 0), "check-in");
	assert_string_equal(tend_record_name(TEND_REC_NOTE, 1), "notes");
	assert_string_equal(tend_record_name(TEND_NRECORDS, 0), "record");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_twice_changes_nothing,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_merge_by_name, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_all_or_nothing, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_dry_run, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_refusals, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_validation, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_long_line, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_read_error, fix_setup,
		    fix_teardown),
		cmocka_unit_test(test_record_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
