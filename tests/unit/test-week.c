/*
 * test-week.c - unit tests for ISO 8601 weeks and dates (src/lib/week.c).
 *
 * The library does its own calendar arithmetic; these tests hold it to the
 * facts that matter at year ends and to glibc's strftime("%G-W%V") over
 * every day from 1990 to 2040.  glibc is fine here: the test is not the
 * library.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tend.h"

static struct tend_week
wk(int year, int week)
{
	struct tend_week w;

	w.year = year;
	w.week = week;
	return w;
}

static void
assert_week(struct tend_week got, int year, int week)
{
	if (got.year != year || got.week != week)
		fail_msg("got %d-W%02d, want %d-W%02d", got.year, got.week,
		    year, week);
}

static void
assert_monday(struct tend_week w, int year, int month, int day)
{
	int y = 0, m = 0, d = 0;

	tend_week_monday(w, &y, &m, &d);
	if (y != year || m != month || d != day)
		fail_msg("Monday of %d-W%02d: got %04d-%02d-%02d, want "
		    "%04d-%02d-%02d", w.year, w.week, y, m, d, year, month,
		    day);
}

/* The seconds since the epoch of a UTC date, for comparing with glibc. */
static time_t
utc(int year, int month, int day)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	return timegm(&tm);
}

static void
test_week_parse_accepts_well_formed_keys(void **state)
{
	struct tend_week w;

	(void)state;
	assert_int_equal(tend_week_parse("2026-W47", &w), TEND_OK);
	assert_week(w, 2026, 47);
	assert_int_equal(tend_week_parse("2026-W01", &w), TEND_OK);
	assert_week(w, 2026, 1);
	assert_int_equal(tend_week_parse("2020-W53", &w), TEND_OK);
	assert_week(w, 2020, 53);
	assert_int_equal(tend_week_parse("2026-W53", &w), TEND_OK);
	assert_week(w, 2026, 53);
	assert_int_equal(tend_week_parse("0001-W01", &w), TEND_OK);
	assert_week(w, 1, 1);
	assert_int_equal(tend_week_parse("9999-W52", &w), TEND_OK);
	assert_week(w, 9999, 52);
}

static void
test_week_parse_rejects_malformed_keys(void **state)
{
	static const char *const bad[] = {
		"2026-W54", "2026-w1", "2026-W1", "2026-W00", "abc", "",
		"2026-w47", "2026-W47 ", " 2026-W47", "2026-W47\n",
		"+2026-W47", "-2026-W47", "2026-W+1", "2026-W-1", "2026-W4x",
		"2026W47", "2026-47", "2026-W470", "20260-W01", "026-W01",
		"0000-W01", "2025-W53", "2021-W53", "2026-W99", "2026_W47",
		"2026-Ww47", "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-W47",
		"2026-\xef\xbc\xb7\x34\x37", "2026-W4", "2026-", "2026", "W47",
	};
	struct tend_week w;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		w = wk(1234, 5);
		if (tend_week_parse(bad[i], &w) != TEND_EINVAL)
			fail_msg("accepted \"%s\"", bad[i]);
		/* A refused key leaves the output alone. */
		assert_week(w, 1234, 5);
	}
	assert_int_equal(tend_week_parse(NULL, &w), TEND_EINVAL);
	assert_int_equal(tend_week_parse("2026-W47", NULL), TEND_EINVAL);
}

static void
test_week_format_writes_key_and_checks_room(void **state)
{
	char buf[TEND_WEEK_LEN];

	(void)state;
	assert_int_equal(tend_week_format(wk(2026, 47), buf, sizeof(buf)), 8);
	assert_string_equal(buf, "2026-W47");
	assert_int_equal(tend_week_format(wk(2025, 1), buf, sizeof(buf)), 8);
	assert_string_equal(buf, "2025-W01");
	assert_int_equal(tend_week_format(wk(1, 1), buf, sizeof(buf)), 8);
	assert_string_equal(buf, "0001-W01");

	/* Exactly room for the key and its NUL, and one byte less. */
	assert_int_equal(tend_week_format(wk(2026, 47), buf, 9), 8);
	assert_string_equal(buf, "2026-W47");
	assert_int_equal(tend_week_format(wk(2026, 47), buf, 8), -1);
	assert_string_equal(buf, "");
	assert_int_equal(tend_week_format(wk(2026, 47), buf, 0), -1);
	assert_int_equal(tend_week_format(wk(2026, 47), NULL, 0), -1);
}

static void
test_week_format_refuses_what_parse_refuses(void **state)
{
	char buf[TEND_WEEK_LEN];

	(void)state;
	assert_int_equal(tend_week_format(wk(2025, 53), buf, sizeof(buf)), -1);
	assert_int_equal(tend_week_format(wk(2026, 0), buf, sizeof(buf)), -1);
	assert_int_equal(tend_week_format(wk(2026, 54), buf, sizeof(buf)), -1);
	assert_int_equal(tend_week_format(wk(0, 1), buf, sizeof(buf)), -1);
	assert_int_equal(tend_week_format(wk(10000, 1), buf, sizeof(buf)),
	    -1);
	assert_int_equal(tend_week_format(wk(-1, 1), buf, sizeof(buf)), -1);
	assert_int_equal(tend_week_format(wk(2020, 53), buf, sizeof(buf)), 8);
	assert_string_equal(buf, "2020-W53");
}

static void
test_week_of_date_at_year_edges(void **state)
{
	(void)state;
	assert_week(tend_week_of_date(2024, 12, 30), 2025, 1);
	assert_week(tend_week_of_date(2024, 12, 29), 2024, 52);
	assert_week(tend_week_of_date(2027, 1, 3), 2026, 53);
	assert_week(tend_week_of_date(2027, 1, 4), 2027, 1);
	assert_week(tend_week_of_date(2021, 1, 3), 2020, 53);
	assert_week(tend_week_of_date(2021, 1, 4), 2021, 1);
	assert_week(tend_week_of_date(2020, 12, 31), 2020, 53);
	assert_week(tend_week_of_date(2026, 11, 21), 2026, 47);
	assert_week(tend_week_of_date(2025, 12, 29), 2026, 1);
	assert_week(tend_week_of_date(2026, 1, 1), 2026, 1);
	assert_week(tend_week_of_date(2023, 1, 1), 2022, 52);
	assert_week(tend_week_of_date(2000, 2, 29), 2000, 9);
	assert_week(tend_week_of_date(1970, 1, 1), 1970, 1);
	assert_week(tend_week_of_date(1, 1, 1), 1, 1);
	assert_week(tend_week_of_date(9999, 12, 31), 9999, 52);
}

static void
test_week_of_date_carries_out_of_range_fields(void **state)
{
	(void)state;
	/* Month 13 is January of the next year; day 0 the day before. */
	assert_week(tend_week_of_date(2026, 13, 1), 2026, 53);
	assert_week(tend_week_of_date(2027, 1, 0), 2026, 53);
	assert_week(tend_week_of_date(2026, 0, 1), 2025, 49);
	assert_week(tend_week_of_date(2024, 12, 30 + 7), 2025, 2);
	/* Absurd values only have to stay clear of undefined behaviour. */
	(void)tend_week_of_date(INT_MAX, INT_MAX, INT_MAX);
	(void)tend_week_of_date(INT_MIN, INT_MIN, INT_MIN);
	(void)tend_week_add(wk(INT_MAX, INT_MAX), INT_MAX);
	(void)tend_week_add(wk(INT_MIN, INT_MIN), INT_MIN);
	(void)tend_weeks_in_year(INT_MAX);
	(void)tend_weeks_in_year(INT_MIN);
}

static void
test_week_monday_of_known_weeks(void **state)
{
	(void)state;
	assert_monday(wk(2020, 53), 2020, 12, 28);
	assert_monday(wk(2026, 1), 2025, 12, 29);
	assert_monday(wk(2025, 1), 2024, 12, 30);
	assert_monday(wk(2026, 47), 2026, 11, 16);
	assert_monday(wk(2026, 53), 2026, 12, 28);
	assert_monday(wk(2021, 1), 2021, 1, 4);
	assert_monday(wk(1, 1), 1, 1, 1);
}

static void
test_weeks_in_year_long_and_short_years(void **state)
{
	static const int longyears[] = {
		1998, 2004, 2009, 2015, 2020, 2026, 2032, 2037
	};
	int y, n, count = 0;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(longyears) / sizeof(longyears[0]); i++)
		assert_int_equal(tend_weeks_in_year(longyears[i]), 53);
	assert_int_equal(tend_weeks_in_year(2021), 52);
	assert_int_equal(tend_weeks_in_year(2024), 52);
	assert_int_equal(tend_weeks_in_year(2025), 52);
	assert_int_equal(tend_weeks_in_year(2027), 52);
	/* The Gregorian cycle of 400 years has exactly 71 long years. */
	for (y = 2001; y <= 2400; y++) {
		n = tend_weeks_in_year(y);
		assert_true(n == 52 || n == 53);
		count += n == 53;
	}
	assert_int_equal(count, 71);
}

static void
test_week_add_across_year_ends(void **state)
{
	(void)state;
	assert_week(tend_week_add(wk(2026, 53), 1), 2027, 1);
	assert_week(tend_week_add(wk(2027, 1), -1), 2026, 53);
	assert_week(tend_week_add(wk(2025, 1), -1), 2024, 52);
	assert_week(tend_week_add(wk(2024, 52), 1), 2025, 1);
	assert_week(tend_week_add(wk(2020, 52), 1), 2020, 53);
	assert_week(tend_week_add(wk(2020, 53), 1), 2021, 1);
	assert_week(tend_week_add(wk(2021, 1), -1), 2020, 53);
	assert_week(tend_week_add(wk(2026, 47), 0), 2026, 47);
	assert_week(tend_week_add(wk(2026, 47), 52), 2027, 46);
	assert_week(tend_week_add(wk(2026, 47), -53), 2025, 46);
}

static void
test_week_add_large_deltas_round_trip_and_match_glibc(void **state)
{
	struct tend_week w, far;
	char want[TEND_WEEK_LEN], got[TEND_WEEK_LEN];
	time_t t;
	struct tm tm;
	int k, y, m, d, deltas[] = { 520, -520, 5200, -5200, 1, -1 };
	size_t i;

	(void)state;
	w = wk(2000, 1);
	for (k = 0; k < 1500; k++, w = tend_week_add(w, 1)) {
		for (i = 0; i < sizeof(deltas) / sizeof(deltas[0]); i++) {
			far = tend_week_add(w, deltas[i]);
			assert_int_equal(tend_week_cmp(tend_week_add(far,
			    -deltas[i]), w), 0);
			assert_true(deltas[i] > 0 ?
			    tend_week_cmp(far, w) > 0 :
			    tend_week_cmp(far, w) < 0);

			/* glibc's week of Monday + 7 * delta days. */
			tend_week_monday(w, &y, &m, &d);
			t = utc(y, m, d) + (time_t)deltas[i] * 7 * 86400;
			assert_non_null(gmtime_r(&t, &tm));
			assert_int_equal(strftime(want, sizeof(want),
			    "%G-W%V", &tm), 8);
			assert_int_equal(tend_week_format(far, got,
			    sizeof(got)), 8);
			assert_string_equal(got, want);
		}
	}
}

static void
test_week_cmp_orders_by_year_then_week(void **state)
{
	(void)state;
	assert_int_equal(tend_week_cmp(wk(2026, 47), wk(2026, 47)), 0);
	assert_true(tend_week_cmp(wk(2026, 46), wk(2026, 47)) < 0);
	assert_true(tend_week_cmp(wk(2026, 47), wk(2026, 46)) > 0);
	assert_true(tend_week_cmp(wk(2025, 52), wk(2026, 1)) < 0);
	assert_true(tend_week_cmp(wk(2026, 1), wk(2025, 52)) > 0);
	assert_true(tend_week_cmp(wk(2020, 53), wk(2021, 1)) < 0);
	assert_true(tend_week_cmp(wk(INT_MIN, 1), wk(INT_MAX, 1)) < 0);
}

static void
test_week_of_time_uses_the_given_offset(void **state)
{
	time_t sun = utc(2026, 1, 4) + 23 * 3600 + 30 * 60;	/* 23:30Z */

	(void)state;
	assert_week(tend_week_of_time(0, 0), 1970, 1);
	/* 1969-12-31 is a Wednesday of 1970-W01; floor, not truncation. */
	assert_week(tend_week_of_time(-1, 0), 1970, 1);
	assert_week(tend_week_of_time(-3 * 86400, 0), 1970, 1);
	assert_week(tend_week_of_time(-3 * 86400 - 1, 0), 1969, 52);

	assert_week(tend_week_of_time(sun, 0), 2026, 1);
	assert_week(tend_week_of_time(sun, 3600), 2026, 2);	/* Mon 00:30 */
	assert_week(tend_week_of_time(sun, -12 * 3600), 2026, 1);
	assert_week(tend_week_of_time(sun + 3600, -3600), 2026, 1);
	assert_week(tend_week_of_time(sun + 3600, 0), 2026, 2);
	assert_week(tend_week_of_time(utc(2026, 11, 21) + 43200, 19800),
	    2026, 47);
	assert_week(tend_week_of_time(utc(2024, 12, 30), 0), 2025, 1);
	assert_week(tend_week_of_time(utc(2024, 12, 30), -1), 2024, 52);

	/* The ends of time_t and long must not overflow. */
	(void)tend_week_of_time((time_t)INT64_MAX, LONG_MAX);
	(void)tend_week_of_time((time_t)INT64_MIN, LONG_MIN);
}

/* Every day from 1990-01-01 to 2040-12-31 against strftime("%G-W%V"). */
static void
test_week_of_date_matches_glibc_1990_to_2040(void **state)
{
	char want[TEND_WEEK_LEN], got[TEND_WEEK_LEN];
	struct tend_week w, parsed;
	struct tm tm;
	time_t t, last;
	int y, m, d, days = 0;

	(void)state;
	last = utc(2040, 12, 31);
	for (t = utc(1990, 1, 1); t <= last; t += 86400, days++) {
		assert_non_null(gmtime_r(&t, &tm));
		assert_int_equal(strftime(want, sizeof(want), "%G-W%V", &tm),
		    8);
		w = tend_week_of_date(tm.tm_year + 1900, tm.tm_mon + 1,
		    tm.tm_mday);
		assert_int_equal(tend_week_format(w, got, sizeof(got)), 8);
		if (strcmp(got, want) != 0)
			fail_msg("%04d-%02d-%02d: got %s, glibc %s",
			    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, got,
			    want);
		assert_int_equal(tend_week_parse(want, &parsed), TEND_OK);
		assert_int_equal(tend_week_cmp(parsed, w), 0);

		/* The same day seen from the other side of the world. */
		assert_int_equal(tend_week_cmp(tend_week_of_time(t, 0), w), 0);
		assert_int_equal(tend_week_cmp(tend_week_of_time(t + 50400 +
		    36000, -36000), w), 0);
		assert_int_equal(tend_week_cmp(tend_week_of_time(t - 36000,
		    50400), w), 0);

		if (tm.tm_wday == 1) {
			tend_week_monday(w, &y, &m, &d);
			assert_int_equal(y, tm.tm_year + 1900);
			assert_int_equal(m, tm.tm_mon + 1);
			assert_int_equal(d, tm.tm_mday);
		}
		if (tm.tm_mon == 11 && tm.tm_mday == 28)
			assert_int_equal(tend_weeks_in_year(w.year), w.week);
	}
	assert_int_equal(days, 18628);
}

static void
test_datetime_parse_accepts_each_form(void **state)
{
	struct tend_datetime dt;

	(void)state;
	assert_int_equal(tend_datetime_parse("2026-11-21", &dt), TEND_OK);
	assert_int_equal(dt.year, 2026);
	assert_int_equal(dt.month, 11);
	assert_int_equal(dt.day, 21);
	assert_int_equal(dt.has_time, 0);
	assert_int_equal(dt.has_zone, 0);
	assert_int_equal(dt.hour + dt.minute + dt.second, 0);

	assert_int_equal(tend_datetime_parse("2026-11-21T08:30", &dt), TEND_OK);
	assert_int_equal(dt.has_time, 1);
	assert_int_equal(dt.has_zone, 0);
	assert_int_equal(dt.hour, 8);
	assert_int_equal(dt.minute, 30);
	assert_int_equal(dt.second, 0);

	assert_int_equal(tend_datetime_parse("2026-11-21 08:30:15", &dt),
	    TEND_OK);
	assert_int_equal(dt.has_time, 1);
	assert_int_equal(dt.second, 15);

	assert_int_equal(tend_datetime_parse("2026-11-21T23:59:59Z", &dt),
	    TEND_OK);
	assert_int_equal(dt.has_zone, 1);
	assert_int_equal(dt.utcoff, 0);
	assert_int_equal(dt.hour, 23);
	assert_int_equal(dt.second, 59);

	assert_int_equal(tend_datetime_parse("2026-11-21T08:30+05:30", &dt),
	    TEND_OK);
	assert_int_equal(dt.has_zone, 1);
	assert_int_equal(dt.utcoff, 19800);
	assert_int_equal(tend_datetime_parse("2026-11-21 08:30:00-08:00",
	    &dt), TEND_OK);
	assert_int_equal(dt.utcoff, -28800);
	assert_int_equal(tend_datetime_parse("2026-11-21T00:00+18:00", &dt),
	    TEND_OK);
	assert_int_equal(dt.utcoff, 18 * 3600);
	assert_int_equal(tend_datetime_parse("2026-11-21T00:00-18:00", &dt),
	    TEND_OK);
	assert_int_equal(dt.utcoff, -18 * 3600);
	assert_int_equal(tend_datetime_parse("2026-11-21T00:00-00:00", &dt),
	    TEND_OK);
	assert_int_equal(dt.has_zone, 1);
	assert_int_equal(dt.utcoff, 0);

	assert_int_equal(tend_datetime_parse("2024-02-29", &dt), TEND_OK);
	assert_int_equal(tend_datetime_parse("2000-02-29", &dt), TEND_OK);
	assert_int_equal(tend_datetime_parse("0001-01-01", &dt), TEND_OK);
	assert_int_equal(tend_datetime_parse("9999-12-31T23:59:59+00:00",
	    &dt), TEND_OK);
	assert_int_equal(tend_datetime_parse("2026-04-30", &dt), TEND_OK);
	assert_int_equal(tend_datetime_parse("2026-12-31T00:00:00Z", &dt),
	    TEND_OK);
}

static void
test_datetime_parse_rejects_everything_else(void **state)
{
	static const char *const bad[] = {
		"", "2026", "2026-11", "2026-11-", "2026-1-21", "2026-11-1",
		"26-11-21", "20261-11-21", "2026/11/21", "2026-11-21x",
		"2026-13-01", "2026-00-10", "2026-11-00", "2026-11-31",
		"2026-04-31", "2026-02-29", "2100-02-29", "1900-02-29",
		"2026-02-30", "0000-01-01",
		"2026-11-21Z", "2026-11-21+01:00", "2026-11-21T",
		"2026-11-21 ", " 2026-11-21", "2026-11-21\n", "+2026-11-21",
		"-2026-11-21", "2026-11-21T24:00", "2026-11-21T23:60",
		"2026-11-21T23:59:60", "2026-11-21T8:30", "2026-11-21T08:3",
		"2026-11-21T08:30:5", "2026-11-21T08", "2026-11-21T08:",
		"2026-11-21T08:30:", "2026-11-21t08:30", "2026-11-21T08:30z",
		"2026-11-21T08:30+18:01", "2026-11-21T08:30+19:00",
		"2026-11-21T08:30-23:59", "2026-11-21T08:30+05:60",
		"2026-11-21T08:30+0530", "2026-11-21T08:30+05",
		"2026-11-21T08:30+5:30", "2026-11-21T08:30:00.5",
		"2026-11-21T08:30:00,5", "2026-11-21  08:30",
		"2026-11-21T08:30 ", "2026-11-21T08:30:15Z ",
		"2026-11-21T08:30:15ZZ", "2026-11-21T08:30Z+01:00",
		"2026-11-21TT08:30", "2026-11-21T 08:30", "2026-11-21\t08:30",
		"2026-11-21T08.30", "2026-11-21T-8:30", "2026-+1-21",
		"2026-11-21T08:30+01:00:00", "2026-W47",
	};
	struct tend_datetime dt;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&dt, 0x5a, sizeof(dt));
		if (tend_datetime_parse(bad[i], &dt) != TEND_EINVAL)
			fail_msg("accepted \"%s\"", bad[i]);
		/* A refused string leaves the output alone. */
		assert_int_equal(dt.year, 0x5a5a5a5a);
	}
	assert_int_equal(tend_datetime_parse(NULL, &dt), TEND_EINVAL);
	assert_int_equal(tend_datetime_parse("2026-11-21", NULL), TEND_EINVAL);
}

/* Every day of the years 1600-2400 parses exactly when it exists. */
static void
test_datetime_parse_knows_every_month_length(void **state)
{
	char s[32];
	struct tend_datetime dt;
	struct tm tm;
	time_t t;
	int y, m, d, ok, want;

	(void)state;
	for (y = 1896; y <= 2104; y++)
		for (m = 1; m <= 12; m++)
			for (d = 28; d <= 32; d++) {
				snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m,
				    d);
				/* Does timegm keep the day, or roll over? */
				t = utc(y, m, d);
				assert_non_null(gmtime_r(&t, &tm));
				want = tm.tm_mday == d;
				ok = tend_datetime_parse(s, &dt) == TEND_OK;
				if (ok != want)
					fail_msg("%s: parse %d, calendar %d", s,
					    ok, want);
			}
}

/*
 * The zone as a front end gives it: the offset glibc's tables give for TZ
 * at an instant.  The test is the front end here, so it may set TZ.
 */
static long
tz_utcoff(void *arg, time_t at)
{
	struct tm tm;

	(void)arg;
	if (localtime_r(&at, &tm) == NULL)
		return 0;
	return tm.tm_gmtoff;
}

static void
use_zone(const char *zone)
{
	assert_int_equal(setenv("TZ", zone, 1), 0);
	tzset();
}

/* The seconds since the epoch of a UTC date and time. */
static time_t
utc_at(int year, int month, int day, int hour, int minute)
{
	return utc(year, month, day) + hour * 3600 + minute * 60;
}

static time_t
local_at(const char *s)
{
	struct tend_datetime dt;

	if (tend_datetime_parse(s, &dt) != TEND_OK)
		fail_msg("bad date-time in the test: %s", s);
	return tend_datetime_instant(tz_utcoff, NULL, &dt);
}

/*
 * A day starts at its own offset, not today's: on both sides of each
 * change of 2026 in four zones, including Santiago, whose clocks skip
 * midnight (the day starts at 01:00), and Lord Howe, which moves by half
 * an hour.  "now" is far from every change, so today's offset is wrong
 * for half the days.
 */
static void
test_day_starts_at_its_own_offset(void **state)
{
	static const struct {
		const char	*zone, *day;
		int		 y, m, d, hh, mm;	/* its start, UTC */
	} c[] = {
		{ "America/New_York", "2026-03-07", 2026, 3, 7, 5, 0 },
		{ "America/New_York", "2026-03-08", 2026, 3, 8, 5, 0 },
		{ "America/New_York", "2026-03-09", 2026, 3, 9, 4, 0 },
		{ "America/New_York", "2026-11-01", 2026, 11, 1, 4, 0 },
		{ "America/New_York", "2026-11-02", 2026, 11, 2, 5, 0 },
		{ "America/Santiago", "2026-04-04", 2026, 4, 4, 3, 0 },
		{ "America/Santiago", "2026-04-05", 2026, 4, 5, 4, 0 },
		{ "America/Santiago", "2026-09-05", 2026, 9, 5, 4, 0 },
		{ "America/Santiago", "2026-09-06", 2026, 9, 6, 4, 0 },
		{ "America/Santiago", "2026-09-07", 2026, 9, 7, 3, 0 },
		{ "Europe/Berlin", "2026-03-29", 2026, 3, 28, 23, 0 },
		{ "Europe/Berlin", "2026-03-30", 2026, 3, 29, 22, 0 },
		{ "Europe/Berlin", "2026-10-25", 2026, 10, 24, 22, 0 },
		{ "Europe/Berlin", "2026-10-26", 2026, 10, 25, 23, 0 },
		{ "Australia/Lord_Howe", "2026-04-05", 2026, 4, 4, 13, 0 },
		{ "Australia/Lord_Howe", "2026-04-06", 2026, 4, 5, 13, 30 },
		{ "Australia/Lord_Howe", "2026-10-04", 2026, 10, 3, 13, 30 },
		{ "Australia/Lord_Howe", "2026-10-05", 2026, 10, 4, 13, 0 },
	};
	struct tend *t;
	time_t start;
	size_t i;

	(void)state;
	assert_non_null(t = tend_new());
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		use_zone(c[i].zone);
		tend_set_clock_zone(t, utc_at(2026, 12, 31, 12, 0),
		    tz_utcoff, NULL);
		assert_int_equal(tend_day_resolve(t, c[i].day, 0, &start),
		    TEND_OK);
		if (start != utc_at(c[i].y, c[i].m, c[i].d, c[i].hh, c[i].mm))
			fail_msg("%s %s: starts %lld seconds off", c[i].zone,
			    c[i].day, (long long)(start - utc_at(c[i].y,
			    c[i].m, c[i].d, c[i].hh, c[i].mm)));
	}
	tend_free(t);
}

/*
 * "yesterday" is the calendar day before today: in Santiago at 00:30 on
 * the day after the clocks skipped midnight, it starts at 01:00 -03, 23.5
 * hours ago, not 24 hours before today's start.
 */
static void
test_yesterday_is_the_day_before_in_santiago(void **state)
{
	struct tend *t;
	time_t start;

	(void)state;
	use_zone("America/Santiago");
	assert_non_null(t = tend_new());
	tend_set_clock_zone(t, local_at("2026-09-07T00:30"), tz_utcoff, NULL);
	assert_int_equal(tend_day_resolve(t, "today", 1, &start), TEND_OK);
	assert_true(start == utc_at(2026, 9, 7, 3, 0));
	assert_int_equal(tend_day_resolve(t, "yesterday", 1, &start),
	    TEND_OK);
	assert_true(start == utc_at(2026, 9, 6, 4, 0));
	tend_free(t);
}

/*
 * Every day from 2000 to 2040 in zones with changes at 00:00, 02:00,
 * 03:00 and by half an hour: the start of a day is on that day and the
 * second before it is not, by glibc's reading of the same tables.
 */
static void
test_day_start_is_the_first_second_of_the_day(void **state)
{
	static const char *const zones[] = {
		"America/New_York", "America/Santiago", "Europe/Berlin",
		"Australia/Lord_Howe", "America/Havana", "Asia/Beirut",
	};
	char day[16];
	struct tend *t;
	struct tm tm;
	time_t start, prev;
	size_t i;
	long long z;
	int yday;

	(void)state;
	assert_non_null(t = tend_new());
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		use_zone(zones[i]);
		tend_set_clock_zone(t, 0, tz_utcoff, NULL);
		for (z = utc(2000, 1, 1) / 86400; z < utc(2041, 1, 1) / 86400;
		    z++) {
			start = (time_t)(z * 86400);
			assert_non_null(gmtime_r(&start, &tm));
			assert_int_equal(strftime(day, sizeof(day), "%Y-%m-%d",
			    &tm), 10);
			yday = tm.tm_yday;
			assert_int_equal(tend_day_resolve(t, day, 0, &start),
			    TEND_OK);
			assert_non_null(localtime_r(&start, &tm));
			if (tm.tm_yday != yday)
				fail_msg("%s %s starts on another day",
				    zones[i], day);
			prev = start - 1;
			assert_non_null(localtime_r(&prev, &tm));
			if (tm.tm_yday == yday)
				fail_msg("%s %s starts late", zones[i], day);
		}
	}
	tend_free(t);
}

/*
 * A local date-time: a time the clocks skipped moves forward by their jump,
 * one they read twice is the first, a date alone is its day's first
 * instant, and Z or an offset is exact whatever the zone.
 */
static void
test_datetime_instant_skipped_and_repeated(void **state)
{
	static const struct {
		const char	*zone, *local;
		int		 y, m, d, hh, mm;	/* UTC */
	} c[] = {
		{ "America/New_York", "2026-03-08T02:30", 2026, 3, 8, 7, 30 },
		{ "America/New_York", "2026-03-08T01:59", 2026, 3, 8, 6, 59 },
		{ "America/New_York", "2026-11-01T01:30", 2026, 11, 1, 5, 30 },
		{ "America/Santiago", "2026-09-06T00:15", 2026, 9, 6, 4, 15 },
		{ "America/Santiago", "2026-09-06", 2026, 9, 6, 4, 0 },
		{ "America/Santiago", "2026-04-04T23:30", 2026, 4, 5, 2, 30 },
		{ "Europe/Berlin", "2026-03-29T02:30", 2026, 3, 29, 1, 30 },
		{ "Europe/Berlin", "2026-10-25T02:30", 2026, 10, 25, 0, 30 },
		{ "Australia/Lord_Howe", "2026-10-04T02:10", 2026, 10, 3, 15,
		    40 },
		{ "Australia/Lord_Howe", "2026-04-05T01:45", 2026, 4, 4, 14,
		    45 },
		{ "Australia/Lord_Howe", "2026-04-05T01:45+10:30", 2026, 4, 4,
		    15, 15 },
		{ "Australia/Lord_Howe", "2026-04-05T01:45Z", 2026, 4, 5, 1,
		    45 },
	};
	time_t got;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		use_zone(c[i].zone);
		got = local_at(c[i].local);
		if (got != utc_at(c[i].y, c[i].m, c[i].d, c[i].hh, c[i].mm))
			fail_msg("%s %s: %lld seconds off", c[i].zone,
			    c[i].local, (long long)(got - utc_at(c[i].y,
			    c[i].m, c[i].d, c[i].hh, c[i].mm)));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_week_parse_accepts_well_formed_keys),
		cmocka_unit_test(test_week_parse_rejects_malformed_keys),
		cmocka_unit_test(test_week_format_writes_key_and_checks_room),
		cmocka_unit_test(test_week_format_refuses_what_parse_refuses),
		cmocka_unit_test(test_week_of_date_at_year_edges),
		cmocka_unit_test(test_week_of_date_carries_out_of_range_fields),
		cmocka_unit_test(test_week_monday_of_known_weeks),
		cmocka_unit_test(test_weeks_in_year_long_and_short_years),
		cmocka_unit_test(test_week_add_across_year_ends),
		cmocka_unit_test(
		    test_week_add_large_deltas_round_trip_and_match_glibc),
		cmocka_unit_test(test_week_cmp_orders_by_year_then_week),
		cmocka_unit_test(test_week_of_time_uses_the_given_offset),
		cmocka_unit_test(test_week_of_date_matches_glibc_1990_to_2040),
		cmocka_unit_test(test_datetime_parse_accepts_each_form),
		cmocka_unit_test(test_datetime_parse_rejects_everything_else),
		cmocka_unit_test(test_datetime_parse_knows_every_month_length),
		cmocka_unit_test(test_day_starts_at_its_own_offset),
		cmocka_unit_test(test_yesterday_is_the_day_before_in_santiago),
		cmocka_unit_test(test_day_start_is_the_first_second_of_the_day),
		cmocka_unit_test(test_datetime_instant_skipped_and_repeated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
