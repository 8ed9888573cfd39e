/*
 * partner.c - the people in a journal: checking a name, listing them and
 * finding one by name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "tend-int.h"

int
tend_check_name(struct tend *t, const char *name)
{
	const uint8_t *p = (const uint8_t *)name, *end;
	size_t n = strlen(name), chars = 0;
	ucs4_t uc;
	int len;

	if (n == 0)
		return tend_seterr(t, TEND_EINVAL, "a partner's name cannot be "
		    "empty");
	if (!tend_utf8_valid(name, n))
		return tend_seterr(t, TEND_EINVAL, "a partner's name must be "
		    "valid UTF-8");
	if (name[0] == ' ' || name[n - 1] == ' ')
		return tend_seterr(t, TEND_EINVAL, "partner name '%s' starts "
		    "or ends with a space; leave it out", name);
	if (name[0] == '-')
		return tend_seterr(t, TEND_EINVAL, "partner name '%s' starts "
		    "with '-', which reads as an option; choose another", name);
	for (end = p + n; p < end; p += len, chars++) {
		len = u8_mbtouc(&uc, p, end - p);
		/* Printable means a graphic character or a plain space. */
		if (!uc_is_print(uc) || uc_is_property_bidi_control(uc))
			return tend_seterr(t, TEND_EINVAL, "a partner's name "
			    "may hold only printable characters, no control "
			    "characters or line breaks");
	}
	if (chars > TEND_NAME_MAX)
		return tend_seterr(t, TEND_EINVAL, "a partner's name may be "
		    "at most %d characters (this one has %zu)", TEND_NAME_MAX,
		    chars);
	return TEND_OK;
}

int
tend_check_names(struct tend *t, const char *const *names, size_t n)
{
	size_t i, j;
	int rc;

	if (n > TEND_PARTNERS_MAX)
		return tend_seterr(t, TEND_EINVAL, "a journal has at most %d "
		    "partners", TEND_PARTNERS_MAX);
	for (i = 0; i < n; i++) {
		if ((rc = tend_check_name(t, names[i])) != TEND_OK)
			return rc;
		for (j = 0; j < i; j++)
			if (strcasecmp(names[i], names[j]) == 0)
				return tend_seterr(t, TEND_EINVAL,
				    "partner '%s' is named twice; partners "
				    "need different names", names[i]);
	}
	return TEND_OK;
}

void
tend_partners_free(struct tend_partner *list, size_t n)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(list[i].uuid);
		free(list[i].name);
	}
	free(list);
}

int
partners_load(struct tend *t, struct tend_partner **out, long long **ids,
    size_t *nout)
{
	struct sqlite3_stmt *st = NULL;
	struct tend_partner *list = NULL, *grown;
	long long *rowids = NULL, *more;
	size_t n = 0;
	int rc, row;

	*out = NULL;
	*nout = 0;
	if ((rc = db_prepare(t, &st,
	    "SELECT id, uuid, name FROM partner ORDER BY id")) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "reading the partners", &row)) !=
		    TEND_OK || !row)
			break;
		if ((grown = reallocarray(list, n + 1, sizeof(*list))) != NULL)
			list = grown;
		if ((more = reallocarray(rowids, n + 1, sizeof(*rowids))) !=
		    NULL)
			rowids = more;
		if (grown == NULL || more == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			break;
		}
		rowids[n] = db_col_int(st, 0);
		list[n].uuid = strdup(db_col_text(st, 1));
		list[n].name = strdup(db_col_text(st, 2));
		n++;
		if (list[n - 1].uuid == NULL || list[n - 1].name == NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			break;
		}
	}
out:
	db_finalize(st);
	if (rc != TEND_OK) {
		tend_partners_free(list, n);
		free(rowids);
		return rc;
	}
	*out = list;
	*nout = n;
	if (ids != NULL)
		*ids = rowids;
	else
		free(rowids);
	return TEND_OK;
}

int
tend_partners(struct tend *t, struct tend_partner **out, size_t *nout)
{
	return partners_load(t, out, NULL, nout);
}

/* "Sam, Alex", for messages that name the partners; "" on failure. */
static void
partner_list(struct tend *t, char *buf, size_t size)
{
	struct tend_partner *p = NULL;
	size_t n = 0, i, len = 0;
	int k;

	buf[0] = '\0';
	if (tend_partners(t, &p, &n) != TEND_OK)
		return;
	for (i = 0; i < n && len < size; i++) {
		k = snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
		    p[i].name);
		if (k < 0)
			break;
		len += (size_t)k;
	}
	tend_partners_free(p, n);
}

int
partner_find(struct tend *t, const char *name, long long *id, char **stored)
{
	struct sqlite3_stmt *st = NULL;
	char list[400];
	int rc, row;

	if ((rc = db_prepare(t, &st,
	    "SELECT id, name FROM partner WHERE name = ?1")) != TEND_OK ||
	    (rc = db_bind_text(t, st, 1, name)) != TEND_OK ||
	    (rc = db_step(t, st, "finding a partner", &row)) != TEND_OK)
		goto out;
	if (!row) {
		db_finalize(st);
		st = NULL;
		partner_list(t, list, sizeof(list));
		rc = tend_seterr(t, TEND_ENOENT, "no partner named '%s' "
		    "(partners: %s)", name, list);
		goto out;
	}
	if (id != NULL)
		*id = db_col_int(st, 0);
	if (stored != NULL && (*stored = strdup(db_col_text(st, 1))) == NULL)
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
out:
	db_finalize(st);
	return rc;
}

int
tend_partner_find(struct tend *t, const char *name, char **stored)
{
	if (stored != NULL)
		*stored = NULL;
	return partner_find(t, name, NULL, stored);
}
