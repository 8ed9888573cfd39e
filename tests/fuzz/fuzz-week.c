/*
 * fuzz-week.c - libFuzzer target for the ISO week and date parsers.
 *
 * The input, up to its first NUL, is given to tend_week_parse and to
 * tend_datetime_parse.  Neither may crash; a week that parses formats back
 * to the very same string, and its Monday lies in it; a date that parses,
 * written back in the canonical form, parses to the same fields.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend.h"

#define FAIL(...) do { fprintf(stderr, "fuzz-week: " __VA_ARGS__); \
	fputc('\n', stderr); abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tend_datetime dt, dt2;
	struct tend_week wk, wk2;
	char *s, buf[TEND_WEEK_LEN], out[64];
	int y, m, d, len;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	if (tend_week_parse(s, &wk) == TEND_OK) {
		if (tend_week_format(wk, buf, sizeof(buf)) < 0)
			FAIL("'%s' parses but does not format", s);
		if (strcmp(buf, s) != 0)
			FAIL("'%s' formats back as '%s'", s, buf);
		tend_week_monday(wk, &y, &m, &d);
		wk2 = tend_week_of_date(y, m, d);
		if (tend_week_cmp(wk, wk2) != 0)
			FAIL("the Monday of '%s' is in another week", s);
		if (tend_week_cmp(tend_week_add(wk, 0), wk) != 0)
			FAIL("'%s' plus 0 weeks is another week", s);
	}

	if (tend_datetime_parse(s, &dt) == TEND_OK) {
		len = snprintf(out, sizeof(out), "%04d-%02d-%02d", dt.year,
		    dt.month, dt.day);
		if (dt.has_time)
			len += snprintf(out + len, sizeof(out) - (size_t)len,
			    "T%02d:%02d:%02d", dt.hour, dt.minute, dt.second);
		if (dt.has_zone)
			snprintf(out + len, sizeof(out) - (size_t)len,
			    "%c%02ld:%02ld", dt.utcoff < 0 ? '-' : '+',
			    labs(dt.utcoff) / 3600, labs(dt.utcoff) % 3600 / 60);
		if (tend_datetime_parse(out, &dt2) != TEND_OK)
			FAIL("'%s' parses, its form '%s' does not", s, out);
		if (dt.year != dt2.year || dt.month != dt2.month ||
		    dt.day != dt2.day || dt.hour != dt2.hour ||
		    dt.minute != dt2.minute || dt.second != dt2.second ||
		    dt.has_time != dt2.has_time ||
		    dt.has_zone != dt2.has_zone || dt.utcoff != dt2.utcoff)
			FAIL("'%s' and its form '%s' parse differently", s, out);
	}
	free(s);
	return 0;
}
