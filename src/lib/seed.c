/*
 * seed.c - the reproducible randomness behind tend's choices (today's tip,
 * the experiment of the week): a stable hash of the journal's own id and
 * a small generator, the same on every machine, so that both partners and
 * every later call see the same choice.
 */
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"

uint64_t
seed_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	/* FNV-1a, 64 bits. */
	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

uint64_t
seed_next(uint64_t *state)
{
	/* splitmix64: small, fast and well mixed from any state. */
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

int
seed_journal_id(struct tend *t, char **out)
{
	struct sqlite3_stmt *st = NULL;
	int rc, row;

	*out = NULL;
	if ((rc = db_prepare(t, &st, "SELECT value FROM setting"
	    " WHERE key = 'journal-id'")) != TEND_OK ||
	    (rc = db_step(t, st, "reading the journal's id", &row)) !=
	    TEND_OK)
		goto out;
	if ((*out = strdup(row ? db_col_text(st, 0) : "")) == NULL)
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
out:
	db_finalize(st);
	return rc;
}

int
seed_journal(struct tend *t, uint64_t *state)
{
	char *id = NULL;
	int rc;

	if ((rc = seed_journal_id(t, &id)) != TEND_OK)
		return rc;
	*state = seed_hash(SEED_BASIS, id, strlen(id));
	/* A NUL after the id keeps "ab"+"c" apart from "a"+"bc". */
	*state = seed_hash(*state, "\0", 1);
	free(id);
	return TEND_OK;
}
