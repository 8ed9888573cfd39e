/*
 * test-export.c - tend_export: the JSON Lines header and records, the
 * json document's layout, Markdown by week, a failing writer, and the
 * format names.
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

#include <cjson/cJSON.h>

#include "tend-int.h"
#include "fixture.h"

/* Output gathered in memory. */
struct buf {
	char	*s;
	size_t	 n;
	int	 fail_after;	/* >0: fail the write after that many */
	int	 writes;
};

static int
collect(void *arg, const char *p, size_t n)
{
	struct buf *b = arg;
	char *s;

	if (b->fail_after > 0 && ++b->writes > b->fail_after) {
		errno = ENOSPC;
		return -1;
	}
	if ((s = realloc(b->s, b->n + n + 1)) == NULL)
		return -1;
	memcpy(s + b->n, p, n);
	b->s = s;
	b->n += n;
	s[b->n] = '\0';
	return 0;
}

static size_t
lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static void
test_jsonl(void **state)
{
	struct fixture *f = *state;
	struct buf b = { 0 };
	char *nl;

	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "for the\ndishes",
	    0, NULL), TEND_OK);
	assert_int_equal(tend_export(f->t, TEND_EXPORT_JSONL, collect, &b),
	    TEND_OK);
	nl = strchr(b.s, '\n');
	assert_non_null(nl);
	assert_memory_equal(b.s, "{\"format\":\"tend-export\",\"version\":1,"
	    "\"tend\":\"" TEND_VERSION "\",\"exported\":"
	    "\"2026-11-21T12:00:00Z\"}\n", (size_t)(nl - b.s + 1));
	/* Header, two partners, the note, the journal's id. */
	assert_int_equal(lines(b.s), 5);
	assert_non_null(strstr(b.s, "\n{\"type\":\"partner\",\"id\":\""));
	assert_non_null(strstr(b.s, "\"name\":\"Alex\",\"created\":"
	    "\"2026-11-21T12:00:00Z\"}\n"));
	assert_non_null(strstr(b.s, "\"text\":\"for the\\ndishes\","
	    "\"week\":\"2026-W47\",\"created\":\"2026-11-21T12:00:00Z\","
	    "\"answer\":null}\n"));
	assert_non_null(strstr(b.s, "\n{\"type\":\"setting\","
	    "\"key\":\"journal-id\",\"value\":\""));
	/* Partners come before the note that names them. */
	assert_true(strstr(b.s, "\"type\":\"partner\"") <
	    strstr(b.s, "\"type\":\"note\""));
	free(b.s);
}

/*
 * Every record export writes is as record.c describes its kind: its type
 * and exactly the described fields, null only where one may be, a number
 * where one is; and every kind is written.  Import reads by the same
 * description, so what one writes the other takes (test-import).
 */
static void
test_records_as_described(void **state)
{
	struct fixture *f = *state;
	struct tend_week_experiment x;
	struct buf b = { 0 };
	const struct rec_desc *d;
	const cJSON *v;
	cJSON *o;
	char *line, *nl;
	size_t i, seen[TEND_NRECORDS] = { 0 };

	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "for the dishes",
	    0, NULL), TEND_OK);
	assert_int_equal(tend_experiment_get(f->t, "2026-W47", 1, &x), TEND_OK);
	tend_week_experiment_release(&x);
	assert_int_equal(tend_experiment_log(f->t, "2026-W47", "tried", 4,
	    "we laughed"), TEND_OK);
	fix_poke(f->path, "INSERT INTO checkin(uuid, week, deck, started)"
	    " VALUES ('c0000000-0000-4000-8000-000000000000', '2026-W47',"
	    " 'weekly', '2026-11-21T10:00:00Z');"
	    "INSERT INTO answer(uuid, checkin_id, partner_id, question, prompt,"
	    " kind, value, created, updated) VALUES"
	    " ('a0000000-0000-4000-8000-000000000000', 1, 1, 'needs-met',"
	    " 'Are your needs getting met?', 'text', 'yes',"
	    " '2026-11-21T10:00:00Z', '2026-11-21T10:00:00Z');"
	    "INSERT INTO assessment(uuid, taken, partner_id) VALUES"
	    " ('e0000000-0000-4000-8000-000000000000',"
	    " '2026-11-21T10:00:00Z', 1);"
	    "INSERT INTO assessment_answer VALUES (1, 'bored', 4);"
	    "INSERT INTO assessment_score VALUES (1, 'boredom', 0.5, 1);");
	assert_int_equal(tend_export(f->t, TEND_EXPORT_JSONL, collect, &b),
	    TEND_OK);
	line = strchr(b.s, '\n') + 1;
	for (; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
		*nl = '\0';
		assert_non_null(o = cJSON_Parse(line));
		v = cJSON_GetObjectItemCaseSensitive(o, "type");
		assert_non_null(d = rec_find(cJSON_GetStringValue(v)));
		seen[d - rec_descs]++;
		assert_int_equal(cJSON_GetArraySize(o), d->nfields + 1);
		for (i = 0; i < d->nfields; i++) {
			v = cJSON_GetObjectItemCaseSensitive(o,
			    d->fields[i].key);
			assert_non_null(v);
			if (cJSON_IsNull(v))
				assert_true(d->fields[i].flags & REC_NULL);
			else if (d->fields[i].flags & REC_LIST)
				assert_true(cJSON_IsArray(v));
			else if (d->fields[i].flags & REC_INT)
				assert_true(cJSON_IsNumber(v));
			else
				assert_true(cJSON_IsString(v));
		}
		cJSON_Delete(o);
	}
	for (i = 0; i < TEND_NRECORDS; i++)
		assert_true(seen[i] > 0);
	free(b.s);
}

static void
test_json_layout(void **state)
{
	struct fixture *f = *state;
	struct buf b = { 0 };

	assert_int_equal(tend_export(f->t, TEND_EXPORT_JSON, collect, &b),
	    TEND_OK);
	assert_memory_equal(b.s, "{\"header\":{\"format\":\"tend-export\"", 33);
	assert_non_null(strstr(b.s, "},\"records\":[\n{\"type\":\"partner\""));
	assert_non_null(strstr(b.s, "},\n{\"type\":\"partner\""));
	assert_string_equal(b.s + b.n - 6, "\"}\n]}\n");
	/* Header line, three records, the closing line. */
	assert_int_equal(lines(b.s), 5);
	free(b.s);
}

static void
test_markdown(void **state)
{
	struct fixture *f = *state;
	struct buf b = { 0 };

	assert_int_equal(tend_note_add(f->t, "Alex", "Sam", "the soup", 0,
	    NULL), TEND_OK);
	assert_int_equal(tend_export(f->t, TEND_EXPORT_MARKDOWN, collect, &b),
	    TEND_OK);
	assert_non_null(strstr(b.s, "# tend journal\n\nPartners: Sam, Alex."));
	assert_non_null(strstr(b.s, "\n## 2026-W47\n\n### Notes\n\n"
	    "- 2026-11-21, **Alex** to **Sam**:\n  the soup\n"));
	free(b.s);
}

static void
test_failed_write(void **state)
{
	struct fixture *f = *state;
	struct buf b = { 0 };

	b.fail_after = 2;
	assert_int_equal(tend_export(f->t, TEND_EXPORT_JSONL, collect, &b),
	    TEND_EIO);
	assert_string_equal(tend_errmsg(f->t), "cannot write the export: "
	    "No space left on device");
	free(b.s);
	/* The read transaction is over: the journal can be written. */
	assert_int_equal(tend_note_add(f->t, "Sam", "Alex", "still fine", 0,
	    NULL), TEND_OK);
}

static void
test_format_names(void **state)
{
	enum tend_export_format fmt = TEND_EXPORT_JSON;

	(void)state;
	assert_int_equal(tend_export_format_parse("jsonl", &fmt), TEND_OK);
	assert_int_equal(fmt, TEND_EXPORT_JSONL);
	assert_int_equal(tend_export_format_parse("markdown", &fmt), TEND_OK);
	assert_int_equal(fmt, TEND_EXPORT_MARKDOWN);
	assert_int_equal(tend_export_format_parse("JSON", &fmt), TEND_EINVAL);
	assert_int_equal(tend_export_format_parse("", &fmt), TEND_EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_jsonl, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_records_as_described,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_json_layout, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_markdown, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_failed_write, fix_setup,
		    fix_teardown),
		cmocka_unit_test(test_format_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
