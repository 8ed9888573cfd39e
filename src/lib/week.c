/*
 * week.c - ISO 8601 weeks and dates on the proleptic Gregorian calendar.
 *
 * Everything here is integer arithmetic on a day number (days since
 * 1970-01-01), so a week key never depends on the locale, TZ or the C
 * library's time zone tables: the caller hands in the UTC offset.  The
 * day-number conversions are Howard Hinnant's days_from_civil and
 * civil_from_days, done in long long with floored division so that every
 * int input (and every time_t) stays clear of signed overflow.
 */
#include <limits.h>
#include <stdio.h>

#include "tend.h"

#define SECS_PER_DAY	86400LL
#define ZONE_MAX	(18 * 3600)	/* RFC 3339 practice: +-18:00 */

/* Division and remainder rounding towards minus infinity; b > 0. */
static long long
floordiv(long long a, long long b)
{
	long long q = a / b;

	if (a % b < 0)
		q--;
	return q;
}

static long long
floormod(long long a, long long b)
{
	long long r = a % b;

	if (r < 0)
		r += b;
	return r;
}

/*
 * A year far outside int only comes from absurd inputs (time_t near its
 * limits); saturate rather than let a conversion wrap.
 */
static int
clampint(long long v)
{
	if (v > INT_MAX)
		return INT_MAX;
	if (v < INT_MIN)
		return INT_MIN;
	return (int)v;
}

/*
 * The day number of a date.  A month outside 1-12 or a day outside the
 * month is carried over as mktime(3) does (month 13 is January of the next
 * year, day 0 the last day of the previous month): the formula is linear
 * in the day, and the month is normalised first.
 */
static long long
days_from_civil(long long y, long long m, long long d)
{
	long long era, yoe, mp, doy, doe;

	y += floordiv(m - 1, 12);
	m = floormod(m - 1, 12) + 1;
	if (m <= 2)
		y--;
	era = floordiv(y, 400);
	yoe = y - era * 400;			/* 0..399 */
	mp = (m + 9) % 12;			/* March is 0 */
	doy = (153 * mp + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long long z, long long *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = floordiv(z, 146097);
	doe = z - era * 146097;			/* 0..146096 */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* 1 for Monday to 7 for Sunday; day 0 (1970-01-01) was a Thursday. */
static int
iso_weekday(long long z)
{
	return (int)floormod(z + 3, 7) + 1;
}

/*
 * A week belongs to the year that holds its Thursday, and its number
 * counts Thursdays from January 1 of that year.
 */
static struct tend_week
week_of_days(long long z)
{
	struct tend_week w;
	long long thu, y;
	int m, d;

	thu = z - iso_weekday(z) + 4;
	civil_from_days(thu, &y, &m, &d);
	w.year = clampint(y);
	w.week = (int)((thu - days_from_civil(y, 1, 1)) / 7 + 1);
	return w;
}

/* January 4 is always in week 1, so week 1 starts on the Monday before. */
static long long
monday_days(struct tend_week w)
{
	long long jan4;

	jan4 = days_from_civil(w.year, 1, 4);
	return jan4 - iso_weekday(jan4) + 1 + 7 * ((long long)w.week - 1);
}

static int
is_leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(long long y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return 29;
	return mdays[m - 1];
}

/*
 * Read exactly n ASCII digits (isdigit(3) would consult the locale).
 * Stops at the first non-digit, so a short string is never read past its
 * NUL.  Returns the value, or -1.
 */
static int
digits(const char *s, int n)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
tend_weeks_in_year(int year)
{
	/* December 28 is always in the last week of its year. */
	return week_of_days(days_from_civil(year, 12, 28)).week;
}

/* The years a key can spell: four digits, and no year 0. */
static int
week_valid(struct tend_week w)
{
	return w.year >= 1 && w.year <= 9999 && w.week >= 1 &&
	    w.week <= tend_weeks_in_year(w.year);
}

int
tend_week_parse(const char *s, struct tend_week *out)
{
	struct tend_week w;

	if (s == NULL || out == NULL)
		return TEND_EINVAL;
	if ((w.year = digits(s, 4)) < 0 || s[4] != '-' || s[5] != 'W' ||
	    (w.week = digits(s + 6, 2)) < 0 || s[8] != '\0')
		return TEND_EINVAL;
	if (!week_valid(w))
		return TEND_EINVAL;
	*out = w;
	return TEND_OK;
}

/*
 * A week that tend_week_parse() would refuse (year outside 0001-9999, week
 * not in its year) is not written either, so every key written reads back.
 */
int
tend_week_format(struct tend_week w, char *buf, size_t size)
{
	int len;

	if (buf == NULL || size == 0)
		return -1;
	buf[0] = '\0';
	if (!week_valid(w))
		return -1;
	len = snprintf(buf, size, "%04d-W%02d", w.year, w.week);
	if (len < 0 || (size_t)len >= size) {
		buf[0] = '\0';
		return -1;
	}
	return len;
}

struct tend_week
tend_week_of_date(int year, int month, int day)
{
	return week_of_days(days_from_civil(year, month, day));
}

void
tend_week_monday(struct tend_week w, int *year, int *month, int *day)
{
	long long y;

	civil_from_days(monday_days(w), &y, month, day);
	*year = clampint(y);
}

struct tend_week
tend_week_add(struct tend_week w, int delta)
{
	return week_of_days(monday_days(w) + 7 * (long long)delta);
}

int
tend_week_cmp(struct tend_week a, struct tend_week b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.week != b.week)
		return a.week < b.week ? -1 : 1;
	return 0;
}

/*
 * Days and seconds are split before adding so that t + utcoff cannot
 * overflow even at the ends of time_t.
 */
struct tend_week
tend_week_of_time(time_t t, long utcoff)
{
	long long z;

	z = floordiv(t, SECS_PER_DAY) + floordiv(utcoff, SECS_PER_DAY) +
	    floordiv(floormod(t, SECS_PER_DAY) + floormod(utcoff, SECS_PER_DAY),
	    SECS_PER_DAY);
	return week_of_days(z);
}

/* "HH:MM" or "HH:MM:SS" at *pp, range-checked; a leap second is refused. */
static int
parse_time(const char **pp, struct tend_datetime *dt)
{
	const char *p = *pp;

	if ((dt->hour = digits(p, 2)) < 0 || p[2] != ':' ||
	    (dt->minute = digits(p + 3, 2)) < 0)
		return TEND_EINVAL;
	p += 5;
	if (*p == ':') {
		if ((dt->second = digits(p + 1, 2)) < 0)
			return TEND_EINVAL;
		p += 3;
	}
	if (dt->hour > 23 || dt->minute > 59 || dt->second > 59)
		return TEND_EINVAL;
	dt->has_time = 1;
	*pp = p;
	return TEND_OK;
}

/* "Z" or "+HH:MM"/"-HH:MM" at *pp, or nothing. */
static int
parse_zone(const char **pp, struct tend_datetime *dt)
{
	const char *p = *pp;
	int hh, mm;

	if (*p == 'Z') {
		dt->has_zone = 1;
		p++;
	} else if (*p == '+' || *p == '-') {
		if ((hh = digits(p + 1, 2)) < 0 || p[3] != ':' ||
		    (mm = digits(p + 4, 2)) < 0)
			return TEND_EINVAL;
		if (mm > 59 || hh * 3600 + mm * 60 > ZONE_MAX)
			return TEND_EINVAL;
		dt->has_zone = 1;
		dt->utcoff = (*p == '-' ? -1L : 1L) * (hh * 3600L + mm * 60L);
		p += 6;
	}
	*pp = p;
	return TEND_OK;
}

/*
 * "YYYY-MM-DD", then optionally "THH:MM[:SS]" (or a space for the T), then,
 * only after a time, optionally "Z" or "+HH:MM"/"-HH:MM" up to 18:00.
 * Upper-case T and Z only, no fractions of a second, no leap second: the
 * point is to take dates from flags, not every string RFC 3339 allows.
 * *out is written only on success.
 */
int
tend_datetime_parse(const char *s, struct tend_datetime *out)
{
	struct tend_datetime dt = { 0 };
	const char *p = s;

	if (s == NULL || out == NULL)
		return TEND_EINVAL;

	if ((dt.year = digits(p, 4)) < 0 || p[4] != '-' ||
	    (dt.month = digits(p + 5, 2)) < 0 || p[7] != '-' ||
	    (dt.day = digits(p + 8, 2)) < 0)
		return TEND_EINVAL;
	p += 10;
	if (dt.year < 1 || dt.month < 1 || dt.month > 12 || dt.day < 1 ||
	    dt.day > days_in_month(dt.year, dt.month))
		return TEND_EINVAL;

	if (*p == 'T' || *p == ' ') {
		p++;
		if (parse_time(&p, &dt) != TEND_OK ||
		    parse_zone(&p, &dt) != TEND_OK)
			return TEND_EINVAL;
	}
	if (*p != '\0')
		return TEND_EINVAL;
	*out = dt;
	return TEND_OK;
}
