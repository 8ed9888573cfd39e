/*
 * paths.c - where the journal, the config and the state live, from what the
 * caller read of its command line and environment (the XDG base
 * directories, with relative values ignored as the spec says).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend.h"

/* An XDG value counts only when it is an absolute path. */
static const char *
absolute(const char *s)
{
	return s != NULL && s[0] == '/' ? s : NULL;
}

/* base/leaf, or ~/fallback/leaf; NULL when out of memory or no home. */
static char *
xdg(const char *base, const char *home, const char *fallback,
    const char *leaf)
{
	char *s = NULL;
	int n;

	if ((base = absolute(base)) != NULL)
		n = asprintf(&s, "%s/%s", base, leaf);
	else if ((home = absolute(home)) != NULL)
		n = asprintf(&s, "%s/%s/%s", home, fallback, leaf);
	else
		return NULL;
	return n < 0 ? NULL : s;
}

int
tend_paths_resolve(const struct tend_env *env, struct tend_paths *p,
    const char **errmsg)
{
	const char *db = env->db ? env->db : env->tend_db;

	memset(p, 0, sizeof(*p));
	if (db != NULL && *db == '\0')
		db = NULL;
	p->journal = db ? strdup(db) : xdg(env->xdg_data, env->home,
	    ".local/share", "tend/journal.db");
	p->config = xdg(env->xdg_config, env->home, ".config", "tend");
	p->state = xdg(env->xdg_state, env->home, ".local/state", "tend");
	if (p->journal != NULL && p->config != NULL && p->state != NULL)
		return TEND_OK;
	tend_paths_release(p);
	*errmsg = absolute(env->home) ? "out of memory" : "HOME is not set "
	    "to an absolute path";
	return absolute(env->home) ? TEND_ENOMEM : TEND_EINVAL;
}

void
tend_paths_release(struct tend_paths *p)
{
	free(p->journal);
	free(p->config);
	free(p->state);
	memset(p, 0, sizeof(*p));
}
