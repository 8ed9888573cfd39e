/*
 * tip.c - which tip to show (tend tip): today's, which stays the same all
 * day and comes round again only after every tip in scope has had its day,
 * or one picked by the caller's randomness.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"

#define SECONDS_PER_DAY	86400

/* The tips of the catalogue in scope, in catalogue order. */
struct scope {
	const struct tend_tip	**tips;
	size_t			  n;
};

/*
 * Fill s with the tips within topic (NULL: all) that the journal's
 * intimacy setting allows.
 */
static int
get_scope(struct tend *t, const char *topic, struct scope *s)
{
	const struct tend_catalog *cat;
	const struct tend_topic *tp = NULL;
	enum tend_intimacy level;
	size_t i;
	int rc;

	s->tips = NULL;
	s->n = 0;
	if (t->db == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	if ((rc = tend_catalog(t, &cat)) != TEND_OK)
		return rc;
	if (topic != NULL && (tp = tend_find_topic(cat, topic)) == NULL)
		return tend_setfix(t, tend_seterr(t, TEND_ENOENT, "no topic "
		    "'%s'", topic), TEND_FIX_TOPICS, NULL);
	if ((rc = tend_intimacy(t, &level)) != TEND_OK)
		return rc;
	if ((s->tips = calloc(cat->ntips > 0 ? cat->ntips : 1,
	    sizeof(*s->tips))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	for (i = 0; i < cat->ntips; i++)
		if ((tp == NULL || cat->tips[i].topic == tp) &&
		    cat->tips[i].intimacy <= level)
			s->tips[s->n++] = &cat->tips[i];
	if (s->n > 0)
		return TEND_OK;
	free(s->tips);
	s->tips = NULL;
	if (topic != NULL)
		return tend_seterr(t, TEND_ENOENT, "no tip fits topic '%s' at "
		    "intimacy setting '%s'", topic, tend_intimacy_name(level));
	return tend_seterr(t, TEND_ENOENT, "no tip fits intimacy setting '%s'",
	    tend_intimacy_name(level));
}

/* a divided by b, rounded toward minus infinity (b > 0). */
static long long
floordiv(long long a, long long b)
{
	long long q = a / b;

	return a % b < 0 ? q - 1 : q;
}

int
tend_tip_today(struct tend *t, const char *topic, const struct tend_tip **out)
{
	struct scope s;
	const struct tend_tip *tmp;
	unsigned char bytes[8];
	long long day, pass, pos;
	uint64_t state;
	size_t i, j;
	int rc, k;

	*out = NULL;
	if ((rc = get_scope(t, topic, &s)) != TEND_OK)
		return rc;
	if ((rc = seed_journal(t, &state)) != TEND_OK)
		goto out;
	/* The local date's day number, from the injected clock. */
	day = floordiv((long long)t->now + t->utcoff, SECONDS_PER_DAY);
	pass = floordiv(day, (long long)s.n);
	pos = day - pass * (long long)s.n;
	/*
	 * One shuffle of the scope per pass, seeded by the journal and the
	 * pass: each day of the pass shows the next tip of it, so none comes
	 * back before all have been shown, and two couples see different
	 * orders.  The pass goes into the hash byte by byte, least
	 * significant first, so the order is the same on every machine.
	 */
	for (k = 0; k < 8; k++)
		bytes[k] = (unsigned char)((unsigned long long)pass >> (8 * k));
	state = seed_hash(state, bytes, sizeof(bytes));
	for (i = s.n - 1; i > 0; i--) {
		j = (size_t)(seed_next(&state) % (i + 1));
		tmp = s.tips[i];
		s.tips[i] = s.tips[j];
		s.tips[j] = tmp;
	}
	*out = s.tips[pos];
out:
	free(s.tips);
	return rc;
}

int
tend_tip_random(struct tend *t, const char *topic, unsigned long seed,
    const struct tend_tip **out)
{
	struct scope s;
	int rc;

	*out = NULL;
	if ((rc = get_scope(t, topic, &s)) != TEND_OK)
		return rc;
	*out = s.tips[seed % s.n];
	free(s.tips);
	return TEND_OK;
}
