/*
 * config.c - the journal's settings (tend config): a table of the keys a
 * couple may set, each with its default and its check, kept in the
 * journal's setting table so that both partners share them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend-int.h"

struct setting {
	const char	*key;
	const char	*def;
	int		(*check)(struct tend *, const char *);
	enum tend_fix	 fix;		/* how to set a valid value again */
};

static int
check_intimacy(struct tend *t, const char *value)
{
	enum tend_intimacy i;

	if (tend_intimacy_parse(value, &i) != TEND_OK)
		return tend_seterr(t, TEND_EINVAL, "intimacy must be none, "
		    "affection or sexual");
	return TEND_OK;
}

/* A UUID as tend_uuid writes it: 8-4-4-4-12 lower-case hex digits. */
static int
check_uuid(struct tend *t, const char *value)
{
	size_t i;

	for (i = 0; i < 36; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ?
		    value[i] != '-' : !((value[i] >= '0' && value[i] <= '9') ||
		    (value[i] >= 'a' && value[i] <= 'f')))
			break;
	if (i < 36 || value[36] != '\0')
		return tend_seterr(t, TEND_EINVAL, "journal-id must be a "
		    "lower-case UUID");
	return TEND_OK;
}

/*
 * The known keys.  Rows of the setting table that are not here, such as
 * 'journal-id', are the library's own and never reach tend config.
 */
static const struct setting settings[] = {
	/* Sexual suggestions are opt-in: a couple chooses them. */
	{ "intimacy", "affection", check_intimacy, TEND_FIX_INTIMACY },
};

/*
 * The library's own rows: written by tend init and import, never by tend
 * config, but exported, imported and checked all the same.
 */
static const struct setting own[] = {
	{ "journal-id", NULL, check_uuid, TEND_FIX_RESTORE },
};
#define NSETTINGS	(sizeof(settings) / sizeof(settings[0]))

/* The same names, NULL-terminated, for tend_config_keys(). */
static const char *const setting_keys[] = { "intimacy", NULL };

_Static_assert(sizeof(setting_keys) / sizeof(setting_keys[0]) ==
    NSETTINGS + 1, "setting_keys must list every row of settings");

const char *const *
tend_config_keys(void)
{
	return setting_keys;
}

static int
need_journal(struct tend *t)
{
	if (t->db == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	return TEND_OK;
}

/* The row of key, or TEND_EINVAL naming the keys there are. */
static int
lookup(struct tend *t, const char *key, const struct setting **out)
{
	char list[256];
	size_t i, n = 0;
	int k;

	for (i = 0; key != NULL && i < NSETTINGS; i++)
		if (strcmp(key, settings[i].key) == 0) {
			*out = &settings[i];
			return TEND_OK;
		}
	list[0] = '\0';
	for (i = 0; i < NSETTINGS; i++) {
		k = snprintf(list + n, sizeof(list) - n, "%s%s",
		    i > 0 ? ", " : "", settings[i].key);
		if (k < 0 || (size_t)k >= sizeof(list) - n)
			break;
		n += (size_t)k;
	}
	return tend_seterr(t, TEND_EINVAL, "no setting '%s'; settings: %s",
	    key != NULL ? key : "", list);
}

/*
 * The one check of a stored setting, for tend config, import and doctor:
 * a known key (with own_too, also the library's own) and a value its
 * check accepts.  TEND_EINVAL with the reason; *fix, when not NULL, says
 * how to set a valid value again (TEND_FIX_NONE for an unknown key).
 */
int
config_check(struct tend *t, const char *key, const char *value, int own_too,
    enum tend_fix *fix)
{
	const struct setting *s;
	size_t i;
	int rc;

	if (fix != NULL)
		*fix = TEND_FIX_NONE;
	s = NULL;
	for (i = 0; own_too && key != NULL && i < sizeof(own) / sizeof(own[0]);
	    i++)
		if (strcmp(key, own[i].key) == 0)
			s = &own[i];
	if (s == NULL && (rc = lookup(t, key, &s)) != TEND_OK)
		return rc;
	if (fix != NULL)
		*fix = s->fix;
	return s->check(t, value != NULL ? value : "");
}

int
tend_config_get(struct tend *t, const char *key, char **value)
{
	const struct setting *s;
	struct sqlite3_stmt *st = NULL;
	int rc, row;

	*value = NULL;
	if ((rc = lookup(t, key, &s)) != TEND_OK ||
	    (rc = need_journal(t)) != TEND_OK)
		return rc;
	if ((rc = db_prepare(t, &st,
	    "SELECT value FROM setting WHERE key = ?1")) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, s->key)) != TEND_OK ||
	    (rc = db_step(t, st, "reading the settings", &row)) != TEND_OK)
		goto out;
	if ((*value = strdup(row ? db_col_text(st, 0) : s->def)) == NULL)
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
out:
	db_finalize(st);
	return rc;
}

int
tend_config_set(struct tend *t, const char *key, const char *value)
{
	const struct setting *s;
	struct sqlite3_stmt *st = NULL;
	char stamp[32];
	int rc;

	if ((rc = config_check(t, key, value, 0, NULL)) != TEND_OK ||
	    (rc = lookup(t, key, &s)) != TEND_OK ||
	    (rc = need_journal(t)) != TEND_OK)
		return rc;
	tend_stamp(t, stamp);
	if ((rc = change_begin(t, "set %s to %s", s->key, value)) != TEND_OK)
		return rc;
	/* An upsert, not a REPLACE: the log sees the row updated. */
	if ((rc = db_prepare(t, &st, "INSERT INTO setting(key, value, updated,"
	    " device) VALUES (?1, ?2, ?3, (SELECT device FROM replica))"
	    " ON CONFLICT (key) DO UPDATE SET value = ?2, updated = ?3,"
	    " device = (SELECT device FROM replica)")) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, s->key)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 2, value)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 3, stamp)) != TEND_OK ||
	    (rc = db_step_done(t, st, "saving the setting")) != TEND_OK)
		goto out;
	/* Finalized before COMMIT so that nothing holds the statement open. */
	db_finalize(st);
	st = NULL;
	rc = db_commit(t);
out:
	db_finalize(st);
	if (rc != TEND_OK)
		db_rollback(t);
	return rc;
}

int
config_intimacy_default(struct tend *t, enum tend_intimacy *out)
{
	if (tend_intimacy_parse(settings[0].def, out) != TEND_OK)
		return tend_seterr(t, TEND_EDATA, "no default intimacy");
	return TEND_OK;
}

int
tend_intimacy(struct tend *t, enum tend_intimacy *out)
{
	char *v = NULL;
	int rc;

	if ((rc = tend_config_get(t, "intimacy", &v)) != TEND_OK)
		return rc;
	/*
	 * A value that tend never writes means the journal was edited by
	 * hand: refused rather than guessed, since a guess could show the
	 * couple suggestions they turned off.
	 */
	if (tend_intimacy_parse(v, out) != TEND_OK)
		rc = tend_setfix(t, tend_seterr(t, TEND_EDATA, "the journal's "
		    "intimacy setting is not one tend knows"),
		    TEND_FIX_INTIMACY, NULL);
	free(v);
	return rc;
}
