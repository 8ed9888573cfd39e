/*
 * when.c - days and weeks as users write them on the command line,
 * placed by the injected clock.  Only ISO 8601 and a few words: text in
 * notes and answers is never parsed for dates.
 */
#include <string.h>

#include "tend-int.h"

/* Days since 1970-01-01 of a date (proleptic Gregorian). */
static long
day_number(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Today's day number in local time. */
static long
today(const struct tend *t)
{
	long long s = (long long)t->now + t->utcoff;

	return (long)(s >= 0 ? s / 86400 : -((-s + 86399) / 86400));
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

int
tend_day_resolve(struct tend *t, const char *spec, int past_only,
    time_t *start)
{
	struct tend_datetime dt;
	long day, now = today(t);

	if (strcmp(spec, "today") == 0)
		day = now;
	else if (strcmp(spec, "yesterday") == 0)
		day = now - 1;
	else if (tend_datetime_parse(spec, &dt) == TEND_OK && !dt.has_time)
		day = day_number(dt.year, dt.month, dt.day);
	else
		return tend_seterr(t, TEND_EINVAL, "'%s' is not a day; write "
		    "it as 2026-11-21, today or yesterday", spec);
	if (past_only && day > now)
		return tend_seterr(t, TEND_EINVAL, "%s is still to come; give "
		    "today or an earlier day", spec);
	*start = (time_t)day * 86400 - t->utcoff;
	return TEND_OK;
}
