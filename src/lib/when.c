/*
 * when.c - days and weeks as users write them on the command line,
 * placed by the injected clock and zone.  Only ISO 8601 and a few words:
 * text in notes and answers is never parsed for dates.
 *
 * A zone's offset from UTC changes with daylight saving time, so every
 * conversion between an instant and a local date asks for the offset in
 * force at that instant, never today's: a day is 23, 24 or 25 hours long,
 * and in some zones (America/Santiago) it starts at 01:00.
 */
#include <string.h>

#include "tend-int.h"

#define DAY		86400LL
/* An offset a day or more is nonsense from a zone function: clamp it. */
#define OFF_MAX		(DAY - 1)

/* The zone: a function asked for the offset at an instant, or a fixed one. */
struct zone {
	tend_zone_fn	 fn;
	void		*arg;
	long		 fixed;
};

/* Division and remainder rounding towards minus infinity; b > 0. */
static long long
floordiv(long long a, long long b)
{
	long long q = a / b;

	return a % b < 0 ? q - 1 : q;
}

static long long
floormod(long long a, long long b)
{
	long long r = a % b;

	return r < 0 ? r + b : r;
}

/* Days since 1970-01-01 of a date (proleptic Gregorian). */
static long long
day_number(long long y, long long m, long long d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = floordiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static long
zone_off(const struct zone *z, long long at)
{
	long off = z->fn != NULL ? z->fn(z->arg, (time_t)at) : z->fixed;

	if (off > OFF_MAX)
		return (long)OFF_MAX;
	if (off < -OFF_MAX)
		return (long)-OFF_MAX;
	return off;
}

/* The local wall-clock reading of an instant, in seconds since 1970. */
static long long
zone_wall(const struct zone *z, long long at)
{
	return at + zone_off(z, at);
}

/*
 * The instants that read wall: the offsets in force a day either side see
 * any one change around it, and each offset met once more catches a zone
 * function that disagrees with itself.  Returns the first instant that
 * reads wall (a reading repeated when clocks go back is taken the first
 * time), or with none (clocks went forward over it) 0 with the instants
 * just before and after the jump as *lo and *hi.
 */
static int
zone_find(const struct zone *z, long long wall, long long *at,
    long long *lo, long long *hi)
{
	long long c[4], x;
	int i, found = 0;

	c[0] = wall - zone_off(z, wall - DAY);
	c[1] = wall - zone_off(z, wall + DAY);
	c[2] = wall - zone_off(z, c[0]);
	c[3] = wall - zone_off(z, c[1]);
	*lo = *hi = c[0];
	for (i = 0; i < 4; i++) {
		if (zone_wall(z, c[i]) == wall && (!found || c[i] < *at)) {
			*at = c[i];
			found = 1;
		}
		if (c[i] < *lo)
			*lo = c[i];
		if (c[i] > *hi)
			*hi = c[i];
	}
	if (found)
		return 1;
	/* The first instant reading past wall is where the clocks jumped. */
	while (*lo < *hi) {
		x = *lo + (*hi - *lo) / 2;
		if (zone_wall(z, x) > wall)
			*hi = x;
		else
			*lo = x + 1;
	}
	*lo = *hi - 1;
	return 0;
}

/*
 * The instant of a local reading.  A reading skipped when the clocks went
 * forward moves forward by the length of the jump, as the clocks did:
 * 02:30 on a night that jumps from 02:00 to 03:00 is 03:30.
 */
static long long
zone_instant(const struct zone *z, long long wall)
{
	long long at = 0, lo, hi;

	if (zone_find(z, wall, &at, &lo, &hi))
		return at;
	return wall - zone_off(z, lo);
}

/*
 * The first instant of a local day: its midnight, or where the clocks
 * jumped to when they skipped midnight (01:00 in America/Santiago on the
 * first Sunday of September).
 */
static long long
zone_day_start(const struct zone *z, long long day)
{
	long long at = 0, lo, hi;

	if (zone_find(z, day * DAY, &at, &lo, &hi))
		return at;
	return hi;
}

/*
 * The local day number of an instant, and with tod the seconds of the day
 * its clock reads; split so that nothing overflows.
 */
static long long
zone_day(const struct zone *z, long long at, long long *tod)
{
	long long s = floormod(at, DAY) + zone_off(z, at);

	if (tod != NULL)
		*tod = floormod(s, DAY);
	return floordiv(at, DAY) + floordiv(s, DAY);
}

static struct zone
zone_of(const struct tend *t)
{
	struct zone z;

	z.fn = t->zone;
	z.arg = t->zone_arg;
	z.fixed = t->utcoff;
	return z;
}

long
when_utcoff(const struct tend *t, time_t at)
{
	struct zone z = zone_of(t);

	return zone_off(&z, at);
}

long long
when_day(const struct tend *t, time_t at, long long *tod)
{
	struct zone z = zone_of(t);

	return zone_day(&z, at, tod);
}

time_t
when_day_start(const struct tend *t, long long day)
{
	struct zone z = zone_of(t);

	return (time_t)zone_day_start(&z, day);
}

time_t
when_local(const struct tend *t, long long day, long long tod)
{
	struct zone z = zone_of(t);

	return (time_t)zone_instant(&z, day * DAY + tod);
}

time_t
when_day_after(const struct tend *t, time_t at)
{
	struct zone z = zone_of(t);

	return (time_t)zone_day_start(&z, zone_day(&z, at, NULL) + 1);
}

struct tend_week
when_week(const struct tend *t, time_t at)
{
	return tend_week_of_time(at, when_utcoff(t, at));
}

time_t
tend_datetime_instant(tend_zone_fn fn, void *arg,
    const struct tend_datetime *dt)
{
	struct zone z = { fn, arg, 0 };
	long long day, secs;

	day = day_number(dt->year, dt->month, dt->day);
	secs = dt->hour * 3600LL + dt->minute * 60LL + dt->second;
	if (dt->has_zone)
		return (time_t)(day * DAY + secs - dt->utcoff);
	if (!dt->has_time)
		return (time_t)zone_day_start(&z, day);
	return (time_t)zone_instant(&z, day * DAY + secs);
}

int
tend_week_resolve(struct tend *t, const char *spec, int past_only,
    char week[TEND_WEEK_LEN])
{
	struct tend_week now = tend_this_week(t), w;

	if (strcmp(spec, "this-week") == 0)
		w = now;
	else if (strcmp(spec, "last-week") == 0)
		w = tend_week_add(now, -1);
	else if (tend_week_parse(spec, &w) != TEND_OK)
		return tend_seterr(t, TEND_EINVAL, "'%s' is not a week; write "
		    "it as 2026-W47, this-week or last-week", spec);
	if (past_only && tend_week_cmp(w, now) > 0)
		return tend_seterr(t, TEND_EINVAL, "%s is still to come; give "
		    "this week or an earlier one", spec);
	tend_week_format(w, week, TEND_WEEK_LEN);
	return TEND_OK;
}

/* "yesterday" is the calendar day before today, not 24 hours ago. */
int
tend_day_resolve(struct tend *t, const char *spec, int past_only,
    time_t *start)
{
	struct zone z = zone_of(t);
	struct tend_datetime dt;
	long long day, today = zone_day(&z, t->now, NULL);

	if (strcmp(spec, "today") == 0)
		day = today;
	else if (strcmp(spec, "yesterday") == 0)
		day = today - 1;
	else if (tend_datetime_parse(spec, &dt) == TEND_OK && !dt.has_time)
		day = day_number(dt.year, dt.month, dt.day);
	else
		return tend_seterr(t, TEND_EINVAL, "'%s' is not a day; write "
		    "it as 2026-11-21, today or yesterday", spec);
	if (past_only && day > today)
		return tend_seterr(t, TEND_EINVAL, "%s is still to come; give "
		    "today or an earlier day", spec);
	*start = (time_t)zone_day_start(&z, day);
	return TEND_OK;
}
