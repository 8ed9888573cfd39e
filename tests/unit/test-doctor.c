/*
 * test-doctor.c - tend_doctor: a healthy journal passes every check; an
 * unsafe mode, a newer or foreign file, a missing journal and a bad
 * content.json are each one finding with its fix, and nothing is changed.
 */
#include <sys/stat.h>

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

struct run {
	struct tend_finding	*v;
	size_t			 n;
};

/* Doctor on path with a fresh handle (config folder dir, or none). */
static void
doctor(const char *path, const char *config, struct run *r)
{
	struct tend *t = fix_handle();

	if (config != NULL)
		assert_int_equal(tend_set_config_dir(t, config), TEND_OK);
	assert_int_equal(tend_doctor(t, path, &r->v, &r->n), TEND_OK);
	assert_true(r->n > 0);
	tend_free(t);
}

static const struct tend_finding *
find(const struct run *r, const char *check)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].check, check) == 0)
			return &r->v[i];
	fail_msg("no '%s' check", check);
	return NULL;
}

static size_t
problems(const struct run *r)
{
	size_t i, bad = 0;

	for (i = 0; i < r->n; i++) {
		bad += !r->v[i].ok;
		/* A problem always comes with its fix, and only a problem. */
		assert_true(r->v[i].ok == (r->v[i].fix == NULL));
	}
	return bad;
}

/* The fixture's journal, closed so that doctor sees the file alone. */
static struct fixture *
closed(void **state)
{
	struct fixture *f = *state;

	tend_free(f->t);
	f->t = NULL;
	return f;
}

static void
test_healthy(void **state)
{
	struct fixture *f = closed(state);
	struct run r;
	char *json = NULL;
	struct tend *t = fix_handle();

	doctor(f->path, f->dir, &r);
	assert_int_equal(problems(&r), 0);
	assert_true(find(&r, "integrity")->ok);
	assert_true(find(&r, "foreign keys")->ok);
	assert_true(find(&r, "schema")->ok);
	assert_true(find(&r, "content")->ok);
	assert_int_equal(tend_findings_json(t, f->path, r.v, r.n, &json),
	    TEND_OK);
	assert_non_null(strstr(json, "\"ok\":true,\"checks\":["));
	free(json);
	tend_free(t);
	tend_findings_free(r.v, r.n);
}

static void
test_group_readable_reported_not_changed(void **state)
{
	struct fixture *f = closed(state);
	const struct tend_finding *j;
	struct stat st;
	char want[4200];
	struct run r;

	assert_int_equal(chmod(f->path, 0640), 0);
	doctor(f->path, NULL, &r);
	assert_int_equal(problems(&r), 1);
	j = find(&r, "journal");
	assert_false(j->ok);
	snprintf(want, sizeof(want), "run 'chmod 600 %s'", f->path);
	assert_string_equal(j->fix, want);
	/* Reported, still read. */
	assert_true(find(&r, "integrity")->ok);
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	tend_findings_free(r.v, r.n);
}

static void
test_newer_and_foreign(void **state)
{
	struct fixture *f = closed(state);
	const struct tend_finding *s;
	struct run r;

	fix_poke(f->path, "PRAGMA user_version = 99");
	doctor(f->path, NULL, &r);
	s = find(&r, "schema");
	assert_false(s->ok);
	assert_string_equal(s->fix, "upgrade tend");
	assert_int_equal(problems(&r), 1);
	tend_findings_free(r.v, r.n);
	assert_int_equal(fix_peek(f->path, "PRAGMA user_version"), 99);

	fix_poke(f->path, "PRAGMA application_id = 42");
	doctor(f->path, NULL, &r);
	assert_false(find(&r, "database")->ok);
	assert_non_null(strstr(find(&r, "database")->message,
	    "application id 42"));
	tend_findings_free(r.v, r.n);
}

static void
test_missing_journal(void **state)
{
	struct fixture *f = closed(state);
	char *p = NULL;
	struct run r;

	assert_true(asprintf(&p, "%s/none.db", f->dir) > 0);
	doctor(p, NULL, &r);
	assert_false(find(&r, "journal")->ok);
	assert_int_equal(find(&r, "journal")->remedy, TEND_FIX_CREATE);
	assert_string_equal(find(&r, "journal")->fix,
	    tend_fixstr(TEND_FIX_CREATE));
	tend_findings_free(r.v, r.n);
	free(p);
}

static void
test_bad_content_named(void **state)
{
	struct fixture *f = closed(state);
	const struct tend_finding *c;
	char *p = NULL;
	struct run r;
	FILE *fp;

	assert_true(asprintf(&p, "%s/content.json", f->dir) > 0);
	assert_non_null(fp = fopen(p, "w"));
	fputs("{\"tips\": [{\"id\": \"mine\", \"title\": \"t\"}]}\n", fp);
	assert_int_equal(fclose(fp), 0);
	doctor(f->path, f->dir, &r);
	c = find(&r, "content");
	assert_false(c->ok);
	assert_non_null(strstr(c->message, "content.json"));
	assert_non_null(strstr(c->message, "'mine'"));
	assert_non_null(strstr(c->fix, p));
	tend_findings_free(r.v, r.n);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_healthy, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(
		    test_group_readable_reported_not_changed, fix_setup,
		    fix_teardown),
		cmocka_unit_test_setup_teardown(test_newer_and_foreign,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_missing_journal,
		    fix_setup, fix_teardown),
		cmocka_unit_test_setup_teardown(test_bad_content_named,
		    fix_setup, fix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
