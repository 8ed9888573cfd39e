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

/*
 * The scalar fields of a row into obj, each from its column in order (a
 * list takes none); *col is left past the last.  0 when out of memory.
 */
static int
add_fields(cJSON *obj, const struct rec_field *f, size_t n,
    struct sqlite3_stmt *st, int *col)
{
	size_t i;
	int ok = 1, null;

	for (i = 0; ok && i < n; i++) {
		if (f[i].flags & REC_LIST)
			continue;
		null = db_col_null(st, *col);
		if (null && (f[i].flags & REC_NULL))
			ok = cJSON_AddNullToObject(obj, f[i].key) != NULL;
		else if (f[i].flags & REC_INT)
			ok = cJSON_AddNumberToObject(obj, f[i].key,
			    (double)db_col_int(st, *col)) != NULL;
		else if (f[i].flags & REC_REAL)
			ok = cJSON_AddNumberToObject(obj, f[i].key,
			    db_col_double(st, *col)) != NULL;
		else if (f[i].flags & REC_BOOL)
			ok = cJSON_AddBoolToObject(obj, f[i].key,
			    db_col_int(st, *col) != 0) != NULL;
		else
			ok = add_str(obj, f[i].key, db_col_text(st, *col));
		(*col)++;
	}
	return ok;
}

/* A list of a record as an array of its items, those of row id. */
static int
add_list(struct out *o, cJSON *rec, const struct rec_field *f, long long id)
{
	struct sqlite3_stmt *st = NULL;
	cJSON *arr, *item;
	int rc, row, col;

	if ((arr = cJSON_AddArrayToObject(rec, f->key)) == NULL)
		return nomem(o->t);
	if ((rc = db_prepare(o->t, &st, f->list->sql)) != TEND_OK ||
	    (rc = db_bind_int(o->t, st, 1, id)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(o->t, st, "exporting", &row)) != TEND_OK ||
		    !row)
			break;
		col = 0;
		if ((item = cJSON_CreateObject()) == NULL ||
		    !cJSON_AddItemToArray(arr, item) ||
		    !add_fields(item, f->list->fields, f->list->nfields, st,
		    &col)) {
			rc = nomem(o->t);
			break;
		}
	}
out:
	db_finalize(st);
	return rc;
}

/*
 * Every record of one kind as record.c describes it: its fields from the
 * columns of its query, and each list from the list's own query of the
 * row id, which follows them.
 */
static int
records(struct out *o, const struct rec_desc *d)
{
	struct sqlite3_stmt *st = NULL;
	cJSON *rec = NULL;
	size_t i;
	int rc, row, col;

	if ((rc = db_prepare(o->t, &st, d->sql)) != TEND_OK)
		return rc;
	for (;;) {
		if ((rc = db_step(o->t, st, "exporting", &row)) != TEND_OK ||
		    !row)
			break;
		col = 0;
		if ((rec = cJSON_CreateObject()) == NULL ||
		    !add_str(rec, "type", d->type) ||
		    !add_fields(rec, d->fields, d->nfields, st, &col)) {
			rc = nomem(o->t);
			break;
		}
		for (i = 0; rc == TEND_OK && i < d->nfields; i++)
			if (d->fields[i].flags & REC_LIST)
				rc = add_list(o, rec, &d->fields[i],
				    db_col_int(st, col));
		if (rc != TEND_OK || (rc = put_record(o, rec)) != TEND_OK)
			break;
		cJSON_Delete(rec);
		rec = NULL;
	}
	cJSON_Delete(rec);
	db_finalize(st);
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
		if ((rc = records(&o, &rec_descs[i])) != TEND_OK)
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
