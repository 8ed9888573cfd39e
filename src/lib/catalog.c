/*
 * catalog.c - which catalogue a handle uses.  Without a user content.json
 * it is builtin_catalog, made into C at build time (builtin.c), so that a
 * command pays nothing for content it does not change; with one, content.c
 * parses the built-in files and the user's together, as it must to check
 * the user's ids and references against the built-in ones.
 *
 * Apart from content.c because src/gen/gen-catalog.c links content.c to
 * write builtin.c, and must not need the file it writes.
 */
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"

int
tend_catalog(struct tend *t, const struct tend_catalog **out)
{
	struct content *c = NULL;
	char *user = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (t->catalog == NULL) {
		if (t->config_dir != NULL && (rc = content_read_user(t,
		    t->config_dir, &user, &len)) != TEND_OK)
			return rc;
		if (user == NULL)
			t->catalog = &builtin_catalog;
		else {
			rc = content_load(t, user, len, &c);
			free(user);
			if (rc != TEND_OK)
				return rc;
			t->content = c;
			t->catalog = content_catalog(c);
		}
	}
	*out = t->catalog;
	return TEND_OK;
}

/*
 * The default deck's id: the first built-in deck, which a user's
 * content.json can add to but never replace, so that it is known even
 * when that file is broken.
 */
const char *
catalog_default_deck(void)
{
	return builtin_catalog.decks[0].id;
}

int
tend_set_config_dir(struct tend *t, const char *dir)
{
	char *p = NULL;

	if (dir == NULL ? t->config_dir == NULL :
	    t->config_dir != NULL && strcmp(dir, t->config_dir) == 0)
		return TEND_OK;
	if (dir != NULL && (p = strdup(dir)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	free(t->config_dir);
	t->config_dir = p;
	/*
	 * A catalogue read with another folder's file no longer holds; but
	 * an open check-in or a front end may still point into it.
	 */
	content_retire(&t->retired, t->content);
	t->content = NULL;
	t->catalog = NULL;
	return TEND_OK;
}

/*
 * The decks' counterpart of the level check tips and experiments get where
 * they are drawn: a deck is as intimate as the most intimate thing it asks.
 */
static int
deck_level(struct tend *t, enum tend_intimacy *level)
{
	/* No journal yet: the one tend init would make, at the default. */
	if (t->db == NULL)
		return config_intimacy_default(t, level);
	return tend_intimacy(t, level);
}

int
tend_deck_allowed(struct tend *t, const struct tend_deck *d)
{
	enum tend_intimacy level;

	if (deck_level(t, &level) != TEND_OK)
		return -1;
	return d->intimacy <= level;
}

int
tend_deck_check(struct tend *t, const struct tend_deck *d)
{
	enum tend_intimacy level;
	int rc;

	if ((rc = deck_level(t, &level)) != TEND_OK)
		return rc;
	if (d->intimacy <= level)
		return TEND_OK;
	return tend_setfix(t, tend_seterr(t, TEND_EINVAL, "the deck '%s' is "
	    "above the journal's intimacy setting (%s)", d->id,
	    tend_intimacy_name(level)), TEND_FIX_INTIMACY,
	    tend_intimacy_name(d->intimacy));
}
