/*
 * import.c - read an export back, a line at a time, and apply all of it in
 * one transaction or none of it.  Every line is bounded, checked (NUL
 * bytes, UTF-8, raw controls, nesting) before cJSON sees it, parsed
 * strictly, and every record checked field by field (RELIABILITY.md,
 * "Reading JSON"), so that an error names the line and the field; then
 * each record goes to merge.c, as record.c describes it.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <unistr.h>

#include "import-int.h"

#define CHUNK		(64 * 1024)	/* bytes read at a time */
#define DEPTH_MAX	8		/* records nest 3 deep */
#define PROGRESS_EVERY	4096		/* lines between progress calls */

/* ---- Messages ---------------------------------------------------------- */

/* "line 7: note: 'from' is not a known partner id", as TEND_EDATA. */
int
imp_bad(struct imp *m, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (m->type != NULL)
		return tend_seterr(m->t, TEND_EDATA, "line %lu: %s: %s",
		    m->lineno, m->type, what);
	return tend_seterr(m->t, TEND_EDATA, "line %lu: %s", m->lineno, what);
}

int
imp_nomem(struct imp *m)
{
	return tend_seterr(m->t, TEND_ENOMEM, "out of memory");
}

/* ---- Lines ------------------------------------------------------------- */

/*
 * The next line into m->line without its newline: 1 with a line, 0 at
 * the end, or the negated error code.  A line longer than the bound is
 * refused as soon as it passes it, so nothing past it is ever held.
 */
static int
next_line(struct imp *m)
{
	char *nl, *p;
	size_t take;
	long got;
	int any = 0;

	m->n = 0;
	m->lineno++;
	for (;;) {
		if (m->pos == m->len) {
			if (m->eof)
				break;
			got = m->read(m->arg, m->buf, CHUNK);
			if (got < 0)
				return -tend_seterr(m->t, TEND_EIO,
				    "cannot read the file: %s",
				    strerror(errno));
			if (got == 0) {
				m->eof = 1;
				break;
			}
			m->pos = 0;
			m->len = (size_t)got;
		}
		any = 1;
		nl = memchr(m->buf + m->pos, '\n', m->len - m->pos);
		take = (nl != NULL ? (size_t)(nl - m->buf) : m->len) - m->pos;
		if (m->n + take > TEND_IMPORT_LINE_MAX) {
			m->type = NULL;
			return -imp_bad(m, "longer than %d bytes; not a tend "
			    "export", TEND_IMPORT_LINE_MAX);
		}
		if (m->n + take + 1 > m->cap) {
			size_t cap = m->cap ? m->cap : 4096;

			while (cap < m->n + take + 1)
				cap *= 2;
			if ((p = realloc(m->line, cap)) == NULL)
				return -imp_nomem(m);
			m->line = p;
			m->cap = cap;
		}
		memcpy(m->line + m->n, m->buf + m->pos, take);
		m->n += take;
		m->pos += take;
		if (nl != NULL) {
			m->pos++;
			break;
		}
	}
	if (!any)
		return 0;
	if (m->line == NULL && (m->line = malloc(m->cap = 4096)) == NULL)
		return -imp_nomem(m);
	if (m->n > 0 && m->line[m->n - 1] == '\r')
		m->n--;
	m->line[m->n] = '\0';
	return 1;
}

/*
 * What cJSON would let through or choke on, checked on the raw line
 * (jsonin_check_line): a record nests 3 deep, DEPTH_MAX allows for more.
 */
static int
check_line(struct imp *m, const char *s, size_t n)
{
	switch (jsonin_check_line(s, n, DEPTH_MAX)) {
	case JSONIN_NUL:
		return imp_bad(m, "holds a NUL byte; not a tend export");
	case JSONIN_UTF8:
		return imp_bad(m, "not valid UTF-8");
	case JSONIN_BOM:
		return imp_bad(m, "starts with a byte order mark; not a tend "
		    "export");
	case JSONIN_CONTROL:
		return imp_bad(m, "holds a raw control character");
	case JSONIN_DEEP:
		return imp_bad(m, "nested more than %d levels deep", DEPTH_MAX);
	case JSONIN_OK:
		break;
	}
	return TEND_OK;
}

/* Parse n bytes at s (s[n] is a NUL) strictly into one object. */
static int
parse(struct imp *m, const char *s, size_t n, cJSON **out)
{
	const char *end = NULL;
	size_t pos;
	int rc;

	*out = NULL;
	if ((rc = check_line(m, s, n)) != TEND_OK)
		return rc;
	if (n == 0)
		return imp_bad(m, "empty line; a record was expected");
	if ((*out = cJSON_ParseWithLengthOpts(s, n + 1, &end, 1)) == NULL)
		return imp_bad(m, "not valid JSON%s", end != NULL &&
		    end >= s + n ? " (cut short?)" : "");
	if (jsonin_bad_escape(s, n, &pos))
		return imp_bad(m, "a string holds \\u0000 or a broken \\u "
		    "escape");
	if (!jsonin_numbers_ok(s, n))
		return imp_bad(m, "not valid JSON (a malformed number)");
	if (!cJSON_IsObject(*out))
		return imp_bad(m, "not a JSON object");
	return TEND_OK;
}

/* ---- Fields ------------------------------------------------------------ */

int
imp_keys(struct imp *m, const cJSON *o, const char *const *list, size_t n)
{
	const char *k;
	char buf[48];

	switch (jsonin_check_keys(o, list, n, &k)) {
	case JSONIN_UNKNOWN:
		return imp_bad(m, "unknown key '%s'", jsonin_shown(k, buf));
	case JSONIN_DUPLICATE:
		return imp_bad(m, "duplicate key '%s'", k);
	}
	return TEND_OK;
}

/* A string field: *out borrowed from o, NULL when null and may_null. */
int
imp_str(struct imp *m, const cJSON *o, const char *key, int may_null,
    const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	*out = NULL;
	if (v == NULL)
		return imp_bad(m, "'%s' is missing", key);
	if (may_null && cJSON_IsNull(v))
		return TEND_OK;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return imp_bad(m, "'%s' must be a string%s", key,
		    may_null ? " or null" : "");
	*out = v->valuestring;
	return TEND_OK;
}

/* A one-line text: not empty, no control character, at most max chars. */
int
imp_line_text(struct imp *m, const cJSON *o, const char *key, size_t max,
    int may_null, const char **out)
{
	size_t n;
	int rc;

	if ((rc = imp_str(m, o, key, may_null, out)) != TEND_OK || *out == NULL)
		return rc;
	n = strlen(*out);
	if (n == 0)
		return imp_bad(m, "'%s' is empty", key);
	if (jsonin_has_control((const uint8_t *)*out, n))
		return imp_bad(m, "'%s' holds a control character", key);
	if (n > max && u8_mbsnlen((const uint8_t *)*out, n) > max)
		return imp_bad(m, "'%s' is longer than %zu characters", key,
		    max);
	return TEND_OK;
}

/* What someone wrote: not empty, at most TEND_TEXT_MAX characters. */
int
imp_body_text(struct imp *m, const cJSON *o, const char *key, int may_null,
    const char **out)
{
	size_t n;
	int rc;

	if ((rc = imp_str(m, o, key, may_null, out)) != TEND_OK || *out == NULL)
		return rc;
	n = strlen(*out);
	if (n == 0)
		return imp_bad(m, "'%s' is empty", key);
	if (n > TEND_TEXT_MAX && u8_mbsnlen((const uint8_t *)*out, n) >
	    TEND_TEXT_MAX)
		return imp_bad(m, "'%s' is longer than %d characters", key,
		    TEND_TEXT_MAX);
	return TEND_OK;
}

static int
is_hex(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* A UUID as tend writes it: 8-4-4-4-12 lower-case hex digits. */
int
imp_uuid(struct imp *m, const cJSON *o, const char *key, int may_null,
    const char **out)
{
	const char *s;
	int rc;

	if ((rc = imp_str(m, o, key, may_null, out)) != TEND_OK || *out == NULL)
		return rc;
	s = *out;
	if (strlen(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' ||
	    s[23] != '-' || !is_hex(s, 8) || !is_hex(s + 9, 4) ||
	    !is_hex(s + 14, 4) || !is_hex(s + 19, 4) || !is_hex(s + 24, 12))
		return imp_bad(m, "'%s' is not a UUID such as "
		    "'0b6c2f9e-4d1a-4f7e-9c3b-2a5d8e1f7a60'", key);
	return TEND_OK;
}

/* A time as tend stores it: UTC RFC 3339, "2026-11-21T05:27:12Z". */
static int
stamp_form(struct imp *m, const cJSON *o, const char *key, int may_null,
    const char **out)
{
	struct tend_datetime dt;
	const char *s;
	int rc;

	if ((rc = imp_str(m, o, key, may_null, out)) != TEND_OK || *out == NULL)
		return rc;
	s = *out;
	if (strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z' ||
	    tend_datetime_parse(s, &dt) != TEND_OK || !dt.has_zone ||
	    dt.utcoff != 0)
		return imp_bad(m, "'%s' is not a UTC RFC 3339 time such as "
		    "'2026-11-21T05:27:12Z'", key);
	return TEND_OK;
}

/*
 * The time of a record: as tend stores it, and not after the clock, as
 * nothing tend writes can be.
 */
int
imp_stamp(struct imp *m, const cJSON *o, const char *key, int may_null,
    const char **out)
{
	char now[32];
	int rc;

	if ((rc = stamp_form(m, o, key, may_null, out)) != TEND_OK ||
	    *out == NULL)
		return rc;
	if (stamp_time(*out) > m->t->now) {
		tend_stamp(m->t, now);
		return imp_bad(m, "'%s' %s is in the future (the clock says "
		    "%s)", key, *out, now);
	}
	return TEND_OK;
}

/*
 * A week of a record: an ISO week key, not more than ahead weeks after
 * this week (an experiment is handed out for the week after its
 * check-in's).
 */
int
imp_week(struct imp *m, const cJSON *o, const char *key, int ahead,
    const char **out)
{
	struct tend_week w, last = tend_week_add(tend_this_week(m->t), ahead);
	char now[TEND_WEEK_LEN];
	int rc;

	if ((rc = imp_str(m, o, key, 0, out)) != TEND_OK)
		return rc;
	if (strlen(*out) != 8 || tend_week_parse(*out, &w) != TEND_OK)
		return imp_bad(m, "'%s' is not an ISO week such as '2026-W47'",
		    key);
	if (tend_week_cmp(w, last) > 0) {
		tend_week_format(tend_this_week(m->t), now, sizeof(now));
		return imp_bad(m, "'%s' %s is after %s (%s)", key, *out,
		    ahead ? "next week" : "this week", now);
	}
	return TEND_OK;
}

/*
 * An id of the catalogue (an experiment, a statement, an outcome): what
 * content.json allows, ^[a-z0-9]+(-[a-z0-9]+)*$ of at most KEY_MAX.
 */
int
imp_ident(struct imp *m, const cJSON *o, const char *key, const char **out)
{
	const char *s;
	size_t i;
	int rc, dash = 1;

	if ((rc = imp_str(m, o, key, 0, out)) != TEND_OK)
		return rc;
	for (s = *out, i = 0; s[i] != '\0' && i <= KEY_MAX; i++) {
		if (s[i] == '-' ? dash : !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9')))
			break;
		dash = s[i] == '-';
	}
	if (i == 0 || s[i] != '\0' || i > KEY_MAX || dash)
		return imp_bad(m, "'%s' is not an id such as 'weekly-walk' "
		    "(lower-case letters, digits and single hyphens, at most "
		    "%d)", key, KEY_MAX);
	return TEND_OK;
}

/*
 * A whole number in [lo, hi]: cJSON's valueint saturates and 1e400 is
 * infinity, so the double is checked.
 */
int
imp_integer(struct imp *m, const cJSON *v, const char *key, int lo, int hi,
    long long *out)
{
	double d;

	if (v == NULL)
		return imp_bad(m, "'%s' is missing", key);
	if (!cJSON_IsNumber(v))
		return imp_bad(m, "'%s' must be a number", key);
	d = v->valuedouble;
	if (!isfinite(d) || d != floor(d) || d < lo || d > hi)
		return imp_bad(m, "'%s' must be a whole number from %d to %d",
		    key, lo, hi);
	*out = (long long)d;
	return TEND_OK;
}

int
imp_fields(struct imp *m, const cJSON *o, const struct rec_field *f,
    size_t n, int typed)
{
	const char *k[16];
	size_t i, j = 0;

	if (typed)
		k[j++] = "type";
	for (i = 0; i < n && j < NELEM(k); i++)
		k[j++] = f[i].key;
	return imp_keys(m, o, k, j);
}

static int
record(struct imp *m, const char *s, size_t n)
{
	const struct rec_desc *d;
	cJSON *o = NULL;
	const cJSON *type;
	char buf[48];
	int rc;

	m->type = NULL;
	m->rec = NULL;
	if ((rc = parse(m, s, n, &o)) != TEND_OK)
		goto out;
	type = cJSON_GetObjectItemCaseSensitive(o, "type");
	if (type == NULL || !cJSON_IsString(type)) {
		rc = imp_bad(m, "'type' is missing or not a string");
		goto out;
	}
	if ((d = rec_find(type->valuestring)) == NULL) {
		rc = imp_bad(m, "unknown record type '%s'",
		    jsonin_shown(type->valuestring, buf));
		goto out;
	}
	/* Messages name a record by its type as the file spells it. */
	m->type = d->type;
	m->rec = d;
	if ((rc = imp_fields(m, o, d->fields, d->nfields, 1)) == TEND_OK)
		rc = merge_record(m, o);
out:
	cJSON_Delete(o);
	return rc;
}

/* The header object: format, version, tend version, export time. */
static int
header(struct imp *m, const char *s, size_t n)
{
	static const char *const k[] = {
		"format", "version", "tend", "exported"
	};
	cJSON *o = NULL;
	const cJSON *v;
	const char *f;
	int rc;

	m->type = "header";
	if ((rc = parse(m, s, n, &o)) != TEND_OK ||
	    (rc = imp_keys(m, o, k, NELEM(k))) != TEND_OK ||
	    (rc = imp_str(m, o, "format", 0, &f)) != TEND_OK)
		goto out;
	if (strcmp(f, TEND_EXPORT_NAME) != 0) {
		rc = imp_bad(m, "'format' is not \"" TEND_EXPORT_NAME "\"");
		goto out;
	}
	v = cJSON_GetObjectItemCaseSensitive(o, "version");
	if (v == NULL || !cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
	    v->valuedouble != floor(v->valuedouble) || v->valuedouble < 1) {
		rc = imp_bad(m, "'version' must be a whole number from 1");
		goto out;
	}
	if (v->valuedouble > TEND_EXPORT_VERSION) {
		rc = imp_bad(m, "the file is of a newer format (version %.0f); "
		    "update tend to import it", v->valuedouble);
		goto out;
	}
	if ((rc = imp_line_text(m, o, "tend", 40, 0, &f)) != TEND_OK ||
	    (rc = stamp_form(m, o, "exported", 0, &f)) != TEND_OK)
		goto out;
out:
	cJSON_Delete(o);
	return rc;
}

#define JSON_HEAD	"{\"header\":"
#define JSON_OPEN	",\"records\":["

/* The first line: a jsonl header, or the opening of a json document. */
static int
first_line(struct imp *m)
{
	size_t h = strlen(JSON_HEAD), r = strlen(JSON_OPEN);
	int got;

	if ((got = next_line(m)) < 0)
		return -got;
	if (got == 0) {
		m->lineno = 1;
		return imp_bad(m, "the file is empty; not a tend export");
	}
	if (m->n >= h + r && memcmp(m->line, JSON_HEAD, h) == 0) {
		if (memcmp(m->line + m->n - r, JSON_OPEN, r) != 0) {
			m->type = NULL;
			return imp_bad(m, "a json export must start "
			    "'{\"header\":{...},\"records\":[' on one line");
		}
		m->json = 1;
		m->line[m->n - r] = '\0';
		return header(m, m->line + h, m->n - r - h);
	}
	return header(m, m->line, m->n);
}

static int
records(struct imp *m, void (*progress)(void *, unsigned long), void *arg)
{
	unsigned long nrec = 0;
	int got, rc, more = 0, closed = 0;

	for (;;) {
		if ((got = next_line(m)) < 0)
			return -got;
		if (got == 0)
			break;
		m->stats->lines = m->lineno;
		if (progress != NULL && m->lineno % PROGRESS_EVERY == 0)
			progress(arg, m->lineno);
		m->type = NULL;
		if (closed)
			return imp_bad(m, "text after the end of the document");
		if (m->json) {
			if (m->n == 2 && memcmp(m->line, "]}", 2) == 0) {
				if (more)
					return imp_bad(m, "']}' after a ','; "
					    "the line before must not end in "
					    "one");
				closed = 1;
				continue;
			}
			if (nrec > 0 && !more)
				return imp_bad(m, "a ',' is missing at the "
				    "end of the line before");
			more = m->n > 0 && m->line[m->n - 1] == ',';
			if (more)
				m->line[--m->n] = '\0';
		}
		if ((rc = record(m, m->line, m->n)) != TEND_OK)
			return rc;
		nrec++;
	}
	m->stats->lines = m->lineno - 1;
	if (m->json && !closed) {
		m->lineno--;
		m->type = NULL;
		return imp_bad(m, "the document ends early, without ']}'; the "
		    "file may be cut short");
	}
	return TEND_OK;
}

int
tend_import(struct tend *t, tend_read_fn read, void *arg, int dry_run,
    void (*progress)(void *, unsigned long), struct tend_import_stats *stats)
{
	struct db_fts_pause fts;
	struct change_bulk bulk;
	struct imp m = { 0 };
	unsigned long added;
	size_t i;
	int rc, paused = 0, bulky = 0;

	memset(stats, 0, sizeof(*stats));
	m.t = t;
	m.read = read;
	m.arg = arg;
	m.stats = stats;
	if ((m.buf = malloc(CHUNK)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	if ((rc = change_begin(t, "imported records")) != TEND_OK)
		goto out;
	/* One FTS5 segment per row would make a big import crawl. */
	if ((rc = db_fts_pause(t, &fts)) != TEND_OK)
		goto out;
	paused = 1;
	/* Nor should each row add a step to the change log. */
	if ((rc = change_bulk_begin(t, &bulk)) != TEND_OK)
		goto out;
	bulky = 1;
	if ((rc = merge_begin(&m)) != TEND_OK ||
	    (rc = first_line(&m)) != TEND_OK ||
	    (rc = records(&m, progress, arg)) != TEND_OK ||
	    (rc = merge_finish(&m)) != TEND_OK)
		goto out;
	paused = 0;
	bulky = 0;
	if ((rc = db_fts_resume(t, &fts, 1)) != TEND_OK ||
	    (rc = change_bulk_end(t, &bulk, 1)) != TEND_OK ||
	    (rc = merge_end(&m)) != TEND_OK)
		goto out;
	/*
	 * Nothing new: roll back, so that not even the triggers put back
	 * touch the file and a second import leaves it byte for byte.
	 */
	for (i = 0, added = 0; i < TEND_NRECORDS; i++)
		added += stats->added[i];
	if (t->changing && (rc = change_what(t, "imported %lu record%s",
	    added, added == 1 ? "" : "s")) != TEND_OK)
		goto out;
	if (!dry_run && added > 0)
		rc = db_commit(t);
out:
	merge_close(&m);
	if (paused)
		db_fts_resume(t, &fts, 0);
	if (bulky)
		change_bulk_end(t, &bulk, 0);
	/* A dry run and every failure leave the journal as it was. */
	db_rollback(t);
	free(m.buf);
	free(m.line);
	return rc;
}

int
tend_import_create(struct tend *t, const char *path)
{
	int rc;

	if ((rc = db_create(t, path)) != TEND_OK)
		return rc;
	/* db_create leaves the new schema's transaction open. */
	if ((rc = db_commit(t)) != TEND_OK)
		db_abandon(t, path);
	return rc;
}

int
tend_import_publish(struct tend *t, const char *path)
{
	int rc;

	if ((rc = db_publish(t, path)) != TEND_OK)
		db_abandon(t, path);
	return rc;
}

void
tend_import_abandon(struct tend *t, const char *path)
{
	db_abandon(t, path);
}
