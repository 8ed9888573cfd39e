/*
 * export.c - the whole journal written out record by record through the
 * caller's write function: JSON Lines, one JSON document laid out a record
 * a line (so import reads both the same way), or a readable Markdown
 * journal by week.  Every statement is stepped, never loaded, so memory
 * stays the same however long the journal is; one read transaction gives
 * a consistent snapshot while the journal is in use.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tend-int.h"

struct out {
	struct tend		*t;
	tend_write_fn		 write;
	void			*arg;
	enum tend_export_format	 format;
	int			 first;		/* no record written yet */
};

static int
put(struct out *o, const char *s, size_t n)
{
	if (n > 0 && o->write(o->arg, s, n) != 0)
		return tend_seterr(o->t, TEND_EIO, "cannot write the export: "
		    "%s", strerror(errno));
	return TEND_OK;
}

static int
put_str(struct out *o, const char *s)
{
	return put(o, s, strlen(s));
}

static int
nomem(struct tend *t)
{
	return tend_seterr(t, TEND_ENOMEM, "out of memory");
}

/* Add a string, or null for NULL; 0 when out of memory. */
static int
add_str(cJSON *o, const char *key, const char *v)
{
	return (v ? cJSON_AddStringToObject(o, key, v) :
	    cJSON_AddNullToObject(o, key)) != NULL;
}

/* One record as one line: a comma before it in a json document. */
static int
put_record(struct out *o, cJSON *rec)
{
	char *s;
	int rc;

	if ((s = json_print_safe(rec)) == NULL)
		return nomem(o->t);
	if (o->format == TEND_EXPORT_JSON && !o->first)
		rc = put_str(o, ",\n");
	else
		rc = TEND_OK;
	if (rc == TEND_OK && (rc = put_str(o, s)) == TEND_OK &&
	    o->format == TEND_EXPORT_JSONL)
		rc = put_str(o, "\n");
	o->first = 0;
	free(s);
	return rc;
}

static int
header(struct out *o)
{
	cJSON *h = cJSON_CreateObject();
	char stamp[32], *s = NULL;
	int rc = TEND_OK;

	tend_stamp(o->t, stamp);
	if (h == NULL || !add_str(h, "format", TEND_EXPORT_NAME) ||
	    cJSON_AddNumberToObject(h, "version", TEND_EXPORT_VERSION) ==
	    NULL || !add_str(h, "tend", TEND_VERSION) ||
	    !add_str(h, "exported", stamp) ||
	    (s = cJSON_PrintUnformatted(h)) == NULL) {
		rc = nomem(o->t);
		goto out;
	}
	if (o->format == TEND_EXPORT_JSON) {
		if ((rc = put_str(o, "{\"header\":")) == TEND_OK &&
		    (rc = put_str(o, s)) == TEND_OK)
			rc = put_str(o, ",\"records\":[\n");
	} else if ((rc = put_str(o, s)) == TEND_OK)
		rc = put_str(o, "\n");
out:
	free(s);
	cJSON_Delete(h);
	return rc;
}

/* Every record of one kind, its fields as record.c describes them. */
static int
records(struct out *o, const struct rec_desc *d)
{
	struct sqlite3_stmt *st = NULL;
	cJSON *rec = NULL;
	size_t i;
	int rc, row, ok;

	if ((rc = db_prepare(o->t, &st, d->sql)) != TEND_OK)
		return rc;
	for (;;) {
		if ((rc = db_step(o->t, st, "exporting", &row)) != TEND_OK ||
		    !row)
			break;
		ok = (rec = cJSON_CreateObject()) != NULL &&
		    add_str(rec, "type", d->type);
		for (i = 0; ok && i < d->nfields; i++) {
			const struct rec_field *f = &d->fields[i];
			int null = db_col_null(st, (int)i);

			if ((f->flags & REC_INT) && !null)
				ok = cJSON_AddNumberToObject(rec, f->key,
				    (double)db_col_int(st, (int)i)) != NULL;
			else
				ok = add_str(rec, f->key, null &&
				    (f->flags & REC_NULL) ? NULL :
				    db_col_text(st, (int)i));
		}
		if (!ok) {
			rc = nomem(o->t);
			break;
		}
		if ((rc = put_record(o, rec)) != TEND_OK)
			break;
		cJSON_Delete(rec);
		rec = NULL;
	}
	cJSON_Delete(rec);
	db_finalize(st);
	return rc;
}

/* The assessments, each with its answers and scores nested. */
static int
assessments(struct out *o)
{
	struct sqlite3_stmt *st = NULL, *ans = NULL, *sc = NULL;
	cJSON *rec = NULL, *arr = NULL, *e;
	int rc, row, r2, ok;

	if ((rc = db_prepare(o->t, &st, "SELECT a.id, a.uuid, a.taken,"
	    " p.uuid FROM assessment a LEFT JOIN partner p"
	    " ON p.id = a.partner_id ORDER BY a.id")) != TEND_OK ||
	    (rc = db_prepare(o->t, &ans, "SELECT statement, value FROM"
	    " assessment_answer WHERE assessment_id = ?1 ORDER BY statement"))
	    != TEND_OK ||
	    (rc = db_prepare(o->t, &sc, "SELECT outcome, score, fits FROM"
	    " assessment_score WHERE assessment_id = ?1 ORDER BY outcome"))
	    != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(o->t, st, "exporting", &row)) != TEND_OK ||
		    !row)
			break;
		ok = (rec = cJSON_CreateObject()) != NULL &&
		    add_str(rec, "type", "assessment") &&
		    add_str(rec, "id", db_col_text(st, 1)) &&
		    add_str(rec, "taken", db_col_text(st, 2)) &&
		    add_str(rec, "partner", db_col_null(st, 3) ? NULL :
		    db_col_text(st, 3)) &&
		    (arr = cJSON_AddArrayToObject(rec, "answers")) != NULL;
		db_reset(ans);
		if (ok && (rc = db_bind_int(o->t, ans, 1, db_col_int(st, 0))) !=
		    TEND_OK)
			goto out;
		while (ok) {
			if ((rc = db_step(o->t, ans, "exporting", &r2)) !=
			    TEND_OK)
				goto out;
			if (!r2)
				break;
			ok = (e = cJSON_CreateObject()) != NULL &&
			    cJSON_AddItemToArray(arr, e) &&
			    add_str(e, "statement", db_col_text(ans, 0)) &&
			    cJSON_AddNumberToObject(e, "value",
			    (double)db_col_int(ans, 1)) != NULL;
		}
		ok = ok && (arr = cJSON_AddArrayToObject(rec, "scores")) !=
		    NULL;
		db_reset(sc);
		if (ok && (rc = db_bind_int(o->t, sc, 1, db_col_int(st, 0))) !=
		    TEND_OK)
			goto out;
		while (ok) {
			if ((rc = db_step(o->t, sc, "exporting", &r2)) !=
			    TEND_OK)
				goto out;
			if (!r2)
				break;
			ok = (e = cJSON_CreateObject()) != NULL &&
			    cJSON_AddItemToArray(arr, e) &&
			    add_str(e, "outcome", db_col_text(sc, 0)) &&
			    cJSON_AddNumberToObject(e, "score",
			    db_col_double(sc, 1)) != NULL &&
			    cJSON_AddBoolToObject(e, "fits",
			    db_col_int(sc, 2) != 0) != NULL;
		}
		if (!ok) {
			rc = nomem(o->t);
			goto out;
		}
		if ((rc = put_record(o, rec)) != TEND_OK)
			goto out;
		cJSON_Delete(rec);
		rec = NULL;
	}
out:
	cJSON_Delete(rec);
	db_finalize(st);
	db_finalize(ans);
	db_finalize(sc);
	return rc;
}

/* ---- Markdown ---------------------------------------------------------- */

/*
 * Text someone wrote, made safe for a terminal, with every line after the
 * first indented by indent so that it stays inside its list item.
 */
static int
put_text(struct out *o, const char *s, const char *indent)
{
	char *e, *p, *nl;
	int rc = TEND_OK;

	if ((e = tend_text_escape(s, strlen(s), 1)) == NULL)
		return nomem(o->t);
	for (p = e; rc == TEND_OK; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL) {
			rc = put_str(o, p);
			break;
		}
		if ((rc = put(o, p, (size_t)(nl - p + 1))) == TEND_OK)
			rc = put_str(o, indent);
	}
	free(e);
	return rc;
}

static int
md_checkins(struct out *o, struct sqlite3_stmt *ck, struct sqlite3_stmt *ans,
    const char *week)
{
	int rc, row, r2;

	db_reset(ck);
	if ((rc = db_bind_text(o->t, ck, 1, week)) != TEND_OK)
		return rc;
	for (;;) {
		if ((rc = db_step(o->t, ck, "exporting", &row)) != TEND_OK ||
		    !row)
			return rc;
		if ((rc = put_str(o, "### Check-in (")) != TEND_OK ||
		    (rc = put_text(o, db_col_text(ck, 1), "")) != TEND_OK ||
		    (rc = put_str(o, db_col_null(ck, 3) ?
		    "), not finished\n\n" : "), finished\n\n")) != TEND_OK)
			return rc;
		db_reset(ans);
		if ((rc = db_bind_int(o->t, ans, 1, db_col_int(ck, 0))) !=
		    TEND_OK)
			return rc;
		for (;;) {
			if ((rc = db_step(o->t, ans, "exporting", &r2)) !=
			    TEND_OK)
				return rc;
			if (!r2)
				break;
			if ((rc = put_str(o, "- **")) != TEND_OK ||
			    (rc = put_text(o, db_col_text(ans, 0), "")) !=
			    TEND_OK || (rc = put_str(o, "**, *")) != TEND_OK ||
			    (rc = put_text(o, db_col_text(ans, 1), "")) !=
			    TEND_OK || (rc = put_str(o, "*\n  ")) != TEND_OK ||
			    (rc = put_text(o, db_col_null(ans, 2) ? "(skipped)"
			    : db_col_text(ans, 2), "  ")) != TEND_OK ||
			    (rc = put_str(o, "\n")) != TEND_OK)
				return rc;
		}
		if ((rc = put_str(o, "\n")) != TEND_OK)
			return rc;
	}
}

static int
md_notes(struct out *o, struct sqlite3_stmt *nt, const char *week)
{
	int rc, row, any = 0;

	db_reset(nt);
	if ((rc = db_bind_text(o->t, nt, 1, week)) != TEND_OK)
		return rc;
	for (;;) {
		if ((rc = db_step(o->t, nt, "exporting", &row)) != TEND_OK)
			return rc;
		if (!row)
			break;
		if (!any && (rc = put_str(o, "### Notes\n\n")) != TEND_OK)
			return rc;
		any = 1;
		if ((rc = put_str(o, "- ")) != TEND_OK ||
		    (rc = put(o, db_col_text(nt, 0), 10)) != TEND_OK ||
		    (rc = put_str(o, ", **")) != TEND_OK ||
		    (rc = put_text(o, db_col_text(nt, 1), "")) != TEND_OK ||
		    (rc = put_str(o, "** to **")) != TEND_OK ||
		    (rc = put_text(o, db_col_text(nt, 2), "")) != TEND_OK ||
		    (rc = put_str(o, "**:\n  ")) != TEND_OK ||
		    (rc = put_text(o, db_col_text(nt, 3), "  ")) != TEND_OK ||
		    (rc = put_str(o, "\n")) != TEND_OK)
			return rc;
	}
	return any ? put_str(o, "\n") : TEND_OK;
}

static int
md_experiments(struct out *o, struct sqlite3_stmt *ex, const char *week)
{
	char felt[32];
	int rc, row;

	db_reset(ex);
	if ((rc = db_bind_text(o->t, ex, 1, week)) != TEND_OK)
		return rc;
	for (;;) {
		if ((rc = db_step(o->t, ex, "exporting", &row)) != TEND_OK ||
		    !row)
			return rc;
		if ((rc = put_str(o, "### Experiment: ")) != TEND_OK ||
		    (rc = put_text(o, db_col_text(ex, 0), "")) != TEND_OK ||
		    (rc = put_str(o, "\n\n")) != TEND_OK)
			return rc;
		if (db_col_null(ex, 1))
			rc = put_str(o, "Not logged yet.\n\n");
		else {
			snprintf(felt, sizeof(felt), ", felt %lld/5",
			    db_col_int(ex, 2));
			if ((rc = put_str(o, "Outcome: ")) == TEND_OK &&
			    (rc = put_str(o, db_col_text(ex, 1))) == TEND_OK &&
			    (rc = put_str(o, db_col_null(ex, 2) ? "" : felt)) ==
			    TEND_OK)
				rc = put_str(o, ".\n\n");
		}
		if (rc == TEND_OK && !db_col_null(ex, 3) &&
		    (rc = put_str(o, "> ")) == TEND_OK &&
		    (rc = put_text(o, db_col_text(ex, 3), "> ")) == TEND_OK)
			rc = put_str(o, "\n\n");
		if (rc != TEND_OK)
			return rc;
	}
}

/* A printable journal: a section per week that holds anything. */
static int
markdown(struct out *o)
{
	struct sqlite3_stmt *wk = NULL, *ck = NULL, *ans = NULL, *nt = NULL,
	    *ex = NULL, *pa = NULL;
	char stamp[32], *week = NULL;
	int rc, row, n = 0;

	tend_stamp(o->t, stamp);
	if ((rc = db_prepare(o->t, &wk, "SELECT week FROM checkin UNION"
	    " SELECT week FROM note UNION SELECT week FROM experiment"
	    " ORDER BY 1")) != TEND_OK ||
	    (rc = db_prepare(o->t, &ck, "SELECT id, deck, started, finished"
	    " FROM checkin WHERE week = ?1 ORDER BY id")) != TEND_OK ||
	    (rc = db_prepare(o->t, &ans, "SELECT p.name, a.prompt, a.value"
	    " FROM answer a JOIN partner p ON p.id = a.partner_id"
	    " WHERE a.checkin_id = ?1 ORDER BY a.id")) != TEND_OK ||
	    (rc = db_prepare(o->t, &nt, "SELECT n.created, f.name, o.name,"
	    " n.body FROM note n JOIN partner f ON f.id = n.from_id"
	    " JOIN partner o ON o.id = n.to_id WHERE n.week = ?1"
	    " ORDER BY n.created, n.id")) != TEND_OK ||
	    (rc = db_prepare(o->t, &ex, "SELECT title, outcome, felt,"
	    " reflection FROM experiment WHERE week = ?1 ORDER BY id")) !=
	    TEND_OK ||
	    (rc = db_prepare(o->t, &pa, "SELECT name FROM partner ORDER BY id"))
	    != TEND_OK)
		goto out;
	if ((rc = put_str(o, "# tend journal\n\nPartners: ")) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(o->t, pa, "exporting", &row)) != TEND_OK)
			goto out;
		if (!row)
			break;
		if ((n++ > 0 && (rc = put_str(o, ", ")) != TEND_OK) ||
		    (rc = put_text(o, db_col_text(pa, 0), "")) != TEND_OK)
			goto out;
	}
	if ((rc = put_str(o, ".  Exported ")) != TEND_OK ||
	    (rc = put_str(o, stamp)) != TEND_OK ||
	    (rc = put_str(o, " by tend " TEND_VERSION ".\n")) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(o->t, wk, "exporting", &row)) != TEND_OK ||
		    !row)
			break;
		free(week);
		if ((week = strdup(db_col_text(wk, 0))) == NULL) {
			rc = nomem(o->t);
			break;
		}
		if ((rc = put_str(o, "\n## ")) != TEND_OK ||
		    (rc = put_text(o, week, "")) != TEND_OK ||
		    (rc = put_str(o, "\n\n")) != TEND_OK ||
		    (rc = md_checkins(o, ck, ans, week)) != TEND_OK ||
		    (rc = md_notes(o, nt, week)) != TEND_OK ||
		    (rc = md_experiments(o, ex, week)) != TEND_OK)
			break;
	}
out:
	free(week);
	db_finalize(wk);
	db_finalize(ck);
	db_finalize(ans);
	db_finalize(nt);
	db_finalize(ex);
	db_finalize(pa);
	return rc;
}

int
tend_export(struct tend *t, enum tend_export_format format,
    tend_write_fn write, void *arg)
{
	struct out o = { t, write, arg, format, 1 };
	size_t i;
	int rc;

	if (format != TEND_EXPORT_JSONL && format != TEND_EXPORT_JSON &&
	    format != TEND_EXPORT_MARKDOWN)
		return tend_seterr(t, TEND_EINVAL, "unknown export format");
	/* One read transaction: a snapshot, whatever else writes meanwhile. */
	if ((rc = db_exec(t, "BEGIN", "starting the export")) != TEND_OK)
		return rc;
	if (format == TEND_EXPORT_MARKDOWN) {
		rc = markdown(&o);
		goto out;
	}
	if ((rc = header(&o)) != TEND_OK)
		goto out;
	for (i = 0; i < TEND_NRECORDS; i++)
		if ((rc = rec_descs[i].sql != NULL ? records(&o,
		    &rec_descs[i]) : assessments(&o)) != TEND_OK)
			goto out;
	if (format == TEND_EXPORT_JSON)
		rc = put_str(&o, o.first ? "]}\n" : "\n]}\n");
out:
	db_rollback(t);
	return rc;
}

int
tend_export_format_parse(const char *s, enum tend_export_format *f)
{
	if (strcmp(s, "jsonl") == 0)
		*f = TEND_EXPORT_JSONL;
	else if (strcmp(s, "json") == 0)
		*f = TEND_EXPORT_JSON;
	else if (strcmp(s, "markdown") == 0)
		*f = TEND_EXPORT_MARKDOWN;
	else
		return TEND_EINVAL;
	return TEND_OK;
}
