/*
 * import.c - read an export back, a line at a time, and apply all of it in
 * one transaction or none of it.  Every line is bounded, checked (NUL
 * bytes, UTF-8, raw controls, nesting) before cJSON sees it, parsed
 * strictly, and every record checked field by field (RELIABILITY.md,
 * "Reading JSON"), so that an error names the line and the field.
 * Records are matched by UUID, which makes an import idempotent and lets
 * two partners' journals merge; partners are also matched by name and
 * check-ins by week and deck, since two journals made apart name the same
 * couple and the same weeks with different ids.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <unistr.h>

#include "tend-int.h"

#define CHUNK		(64 * 1024)	/* bytes read at a time */
#define DEPTH_MAX	8		/* records nest 3 deep */
#define SHORT_MAX	1000		/* characters in prompts, setting values */
#define KEY_MAX		40		/* characters in deck, question ids */
#define PROGRESS_EVERY	4096		/* lines between progress calls */
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Prepared once for the whole import: one per statement below. */
enum {
	Q_P_UUID, Q_P_NAME, Q_P_ADD, Q_MAP_FIND, Q_MAP_ADD,
	Q_C_UUID, Q_C_KEY, Q_C_ADD, Q_C_DECK,
	Q_A_UUID, Q_A_KEY, Q_A_ADD, Q_A_ID,
	Q_N_UUID, Q_N_ADD,
	Q_E_UUID, Q_E_ADD,
	Q_S_UUID, Q_S_ADD, Q_SA_ADD, Q_SS_ADD, Q_SA_GET, Q_SS_GET, Q_S_COUNT,
	Q_G_GET, Q_G_ADD,
	NQ
};

static const char *const sql[NQ] = {
	[Q_P_UUID] = "SELECT id, name, created FROM partner WHERE uuid = ?1",
	[Q_P_NAME] = "SELECT id FROM partner WHERE name = ?1",
	[Q_P_ADD] = "INSERT INTO partner(uuid, name, created)"
	    " VALUES (?1, ?2, ?3)",
	[Q_MAP_FIND] = "SELECT id FROM temp.import_map"
	    " WHERE kind = ?1 AND uuid = ?2",
	[Q_MAP_ADD] = "INSERT OR REPLACE INTO temp.import_map(kind, uuid, id)"
	    " VALUES (?1, ?2, ?3)",
	[Q_C_UUID] = "SELECT id, week, deck, started, finished FROM checkin"
	    " WHERE uuid = ?1",
	[Q_C_KEY] = "SELECT id FROM checkin WHERE week = ?1 AND deck = ?2",
	[Q_C_ADD] = "INSERT INTO checkin(uuid, week, deck, started, finished)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[Q_C_DECK] = "SELECT deck FROM checkin WHERE id = ?1",
	[Q_A_UUID] = "SELECT id, checkin_id, partner_id, question, prompt,"
	    " kind, value, created, updated FROM answer WHERE uuid = ?1",
	[Q_A_KEY] = "SELECT id, value, uuid FROM answer WHERE checkin_id = ?1"
	    " AND partner_id = ?2 AND question = ?3",
	[Q_A_ADD] = "INSERT INTO answer(uuid, checkin_id, partner_id,"
	    " question, prompt, kind, value, created, updated)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[Q_A_ID] = "SELECT id FROM answer WHERE uuid = ?1",
	[Q_N_UUID] = "SELECT from_id, to_id, body, week, created, answer_id"
	    " FROM note WHERE uuid = ?1",
	[Q_N_ADD] = "INSERT INTO note(uuid, from_id, to_id, body, week,"
	    " created, answer_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[Q_E_UUID] = "SELECT week, item, title, chosen, outcome, felt,"
	    " reflection, updated FROM experiment WHERE uuid = ?1",
	[Q_E_ADD] = "INSERT INTO experiment(uuid, week, item, title, chosen,"
	    " outcome, felt, reflection, updated)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[Q_S_UUID] = "SELECT id, taken, partner_id FROM assessment"
	    " WHERE uuid = ?1",
	[Q_S_ADD] = "INSERT INTO assessment(uuid, taken, partner_id)"
	    " VALUES (?1, ?2, ?3)",
	[Q_SA_ADD] = "INSERT INTO assessment_answer(assessment_id, statement,"
	    " value) VALUES (?1, ?2, ?3)",
	[Q_SS_ADD] = "INSERT INTO assessment_score(assessment_id, outcome,"
	    " score, fits) VALUES (?1, ?2, ?3, ?4)",
	[Q_SA_GET] = "SELECT value FROM assessment_answer"
	    " WHERE assessment_id = ?1 AND statement = ?2",
	[Q_SS_GET] = "SELECT score, fits FROM assessment_score"
	    " WHERE assessment_id = ?1 AND outcome = ?2",
	[Q_S_COUNT] = "SELECT (SELECT count(*) FROM assessment_answer"
	    " WHERE assessment_id = ?1), (SELECT count(*) FROM"
	    " assessment_score WHERE assessment_id = ?1)",
	[Q_G_GET] = "SELECT value FROM setting WHERE key = ?1",
	[Q_G_ADD] = "INSERT INTO setting(key, value, updated)"
	    " VALUES (?1, ?2, ?3)",
};

/* Kinds of the remapped ids in temp.import_map. */
enum { MAP_PARTNER, MAP_CHECKIN, MAP_ANSWER };

struct imp {
	struct tend		*t;
	tend_read_fn		 read;
	void			*arg;
	char			*buf;		/* CHUNK bytes read ahead */
	size_t			 pos, len;
	int			 eof;
	char			*line;		/* the current line and a NUL */
	size_t			 n, cap;
	unsigned long		 lineno;
	int			 json;		/* the json document's layout */
	const char		*type;		/* the record, for messages */
	struct sqlite3_stmt	*q[NQ];
	struct tend_import_stats *stats;
};

static const char *const rec_names[TEND_NRECORDS][2] = {
	{ "partner", "partners" }, { "check-in", "check-ins" },
	{ "answer", "answers" }, { "note", "notes" },
	{ "experiment", "experiments" }, { "assessment", "assessments" },
	{ "setting", "settings" },
};

const char *
tend_record_name(enum tend_record r, int plural)
{
	if ((unsigned)r >= TEND_NRECORDS)
		return "record";
	return rec_names[r][plural != 0];
}

/* ---- Messages ---------------------------------------------------------- */

/* "line 7: note: 'from' is not a known partner id", as TEND_EDATA. */
static int
bad(struct imp *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
bad(struct imp *m, const char *fmt, ...)
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

static int
nomem(struct imp *m)
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
			return -bad(m, "longer than %d bytes; not a tend "
			    "export", TEND_IMPORT_LINE_MAX);
		}
		if (m->n + take + 1 > m->cap) {
			size_t cap = m->cap ? m->cap : 4096;

			while (cap < m->n + take + 1)
				cap *= 2;
			if ((p = realloc(m->line, cap)) == NULL)
				return -nomem(m);
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
		return -nomem(m);
	if (m->n > 0 && m->line[m->n - 1] == '\r')
		m->n--;
	m->line[m->n] = '\0';
	return 1;
}

/*
 * Whether the number token at s (the run of number characters cJSON would
 * read with strtod) is one JSON allows: -?(0|[1-9][0-9]*)(.[0-9]+)?
 * ([eE][+-]?[0-9]+)?.  cJSON also takes "04", "4." and "4.e1".
 */
static int
json_number_ok(const char *s, size_t n)
{
	size_t i = 0, d;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		for (d = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	return i == n;
}

/* Whether every number in JSON text cJSON accepted is one JSON allows. */
static int
json_numbers_ok(const char *s, size_t n)
{
	size_t i, k;
	int instr = 0;

	for (i = 0; i < n; i++) {
		if (instr) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				instr = 0;
		} else if (s[i] == '"')
			instr = 1;
		else if (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) {
			for (k = i; k < n && strchr("0123456789+-.eE", s[k]) !=
			    NULL; k++)
				;
			if (!json_number_ok(s + i, k - i))
				return 0;
			i = k - 1;
		}
	}
	return 1;
}

/*
 * What cJSON would let through or choke on, checked on the raw line: NUL
 * bytes (cJSON stops at one), invalid UTF-8, a byte order mark (cJSON
 * skips it), raw control characters (a tab only between tokens) and
 * nesting deeper than any record needs (cJSON recurses per level).
 */
static int
check_line(struct imp *m, const char *s, size_t n)
{
	size_t i;
	int depth = 0, instr = 0;

	if (memchr(s, '\0', n) != NULL)
		return bad(m, "holds a NUL byte; not a tend export");
	if (!tend_utf8_valid(s, n))
		return bad(m, "not valid UTF-8");
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return bad(m, "starts with a byte order mark; not a tend export");
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 && (ch != '\t' || instr))
			return bad(m, "holds a raw control character");
		if (instr) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				instr = 0;
		} else if (ch == '"')
			instr = 1;
		else if ((ch == '[' || ch == '{') && ++depth > DEPTH_MAX)
			return bad(m, "nested more than %d levels deep",
			    DEPTH_MAX);
		else if (ch == ']' || ch == '}')
			depth--;
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
		return bad(m, "empty line; a record was expected");
	if ((*out = cJSON_ParseWithLengthOpts(s, n + 1, &end, 1)) == NULL)
		return bad(m, "not valid JSON%s", end != NULL && end >= s + n ?
		    " (cut short?)" : "");
	if (jsonin_bad_escape(s, n, &pos))
		return bad(m, "a string holds \\u0000 or a broken \\u escape");
	if (!json_numbers_ok(s, n))
		return bad(m, "not valid JSON (a malformed number)");
	if (!cJSON_IsObject(*out))
		return bad(m, "not a JSON object");
	return TEND_OK;
}

/* ---- Fields ------------------------------------------------------------ */

static int
keys(struct imp *m, const cJSON *o, const char *const *list, size_t n)
{
	const char *k;
	char buf[48];

	switch (jsonin_check_keys(o, list, n, &k)) {
	case JSONIN_UNKNOWN:
		return bad(m, "unknown key '%s'", jsonin_shown(k, buf));
	case JSONIN_DUPLICATE:
		return bad(m, "duplicate key '%s'", k);
	}
	return TEND_OK;
}

/* A string field: *out borrowed from o, NULL when null and may_null. */
static int
str(struct imp *m, const cJSON *o, const char *key, int may_null,
    const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	*out = NULL;
	if (v == NULL)
		return bad(m, "'%s' is missing", key);
	if (may_null && cJSON_IsNull(v))
		return TEND_OK;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return bad(m, "'%s' must be a string%s", key,
		    may_null ? " or null" : "");
	*out = v->valuestring;
	return TEND_OK;
}

/* A one-line text: not empty, no control character, at most max chars. */
static int
line_text(struct imp *m, const cJSON *o, const char *key, size_t max,
    int may_null, const char **out)
{
	size_t n;
	int rc;

	if ((rc = str(m, o, key, may_null, out)) != TEND_OK || *out == NULL)
		return rc;
	n = strlen(*out);
	if (n == 0)
		return bad(m, "'%s' is empty", key);
	if (jsonin_has_control((const uint8_t *)*out, n))
		return bad(m, "'%s' holds a control character", key);
	if (n > max && u8_mbsnlen((const uint8_t *)*out, n) > max)
		return bad(m, "'%s' is longer than %zu characters", key, max);
	return TEND_OK;
}

/* What someone wrote: not empty, at most TEND_TEXT_MAX characters. */
static int
body_text(struct imp *m, const cJSON *o, const char *key, int may_null,
    const char **out)
{
	size_t n;
	int rc;

	if ((rc = str(m, o, key, may_null, out)) != TEND_OK || *out == NULL)
		return rc;
	n = strlen(*out);
	if (n == 0)
		return bad(m, "'%s' is empty", key);
	if (n > TEND_TEXT_MAX && u8_mbsnlen((const uint8_t *)*out, n) >
	    TEND_TEXT_MAX)
		return bad(m, "'%s' is longer than %d characters", key,
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
static int
uuid(struct imp *m, const cJSON *o, const char *key, int may_null,
    const char **out)
{
	const char *s;
	int rc;

	if ((rc = str(m, o, key, may_null, out)) != TEND_OK || *out == NULL)
		return rc;
	s = *out;
	if (strlen(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' ||
	    s[23] != '-' || !is_hex(s, 8) || !is_hex(s + 9, 4) ||
	    !is_hex(s + 14, 4) || !is_hex(s + 19, 4) || !is_hex(s + 24, 12))
		return bad(m, "'%s' is not a UUID such as "
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

	if ((rc = str(m, o, key, may_null, out)) != TEND_OK || *out == NULL)
		return rc;
	s = *out;
	if (strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z' ||
	    tend_datetime_parse(s, &dt) != TEND_OK || !dt.has_zone ||
	    dt.utcoff != 0)
		return bad(m, "'%s' is not a UTC RFC 3339 time such as "
		    "'2026-11-21T05:27:12Z'", key);
	return TEND_OK;
}

/*
 * The time of a record: as tend stores it, and not after the clock, as
 * nothing tend writes can be.
 */
static int
stamp(struct imp *m, const cJSON *o, const char *key, int may_null,
    const char **out)
{
	char now[32];
	int rc;

	if ((rc = stamp_form(m, o, key, may_null, out)) != TEND_OK ||
	    *out == NULL)
		return rc;
	if (stamp_time(*out) > m->t->now) {
		tend_stamp(m->t, now);
		return bad(m, "'%s' %s is in the future (the clock says %s)",
		    key, *out, now);
	}
	return TEND_OK;
}

/*
 * A week of a record: an ISO week key, not more than ahead weeks after
 * this week (an experiment is handed out for the week after its
 * check-in's).
 */
static int
week(struct imp *m, const cJSON *o, const char *key, int ahead,
    const char **out)
{
	struct tend_week w, last = tend_week_add(tend_this_week(m->t), ahead);
	char now[TEND_WEEK_LEN];
	int rc;

	if ((rc = str(m, o, key, 0, out)) != TEND_OK)
		return rc;
	if (strlen(*out) != 8 || tend_week_parse(*out, &w) != TEND_OK)
		return bad(m, "'%s' is not an ISO week such as '2026-W47'",
		    key);
	if (tend_week_cmp(w, last) > 0) {
		tend_week_format(tend_this_week(m->t), now, sizeof(now));
		return bad(m, "'%s' %s is after %s (%s)", key, *out,
		    ahead ? "next week" : "this week", now);
	}
	return TEND_OK;
}

/*
 * An id of the catalogue (an experiment, a statement, an outcome): what
 * content.json allows, ^[a-z0-9]+(-[a-z0-9]+)*$ of at most KEY_MAX.
 */
static int
ident(struct imp *m, const cJSON *o, const char *key, const char **out)
{
	const char *s;
	size_t i;
	int rc, dash = 1;

	if ((rc = str(m, o, key, 0, out)) != TEND_OK)
		return rc;
	for (s = *out, i = 0; s[i] != '\0' && i <= KEY_MAX; i++) {
		if (s[i] == '-' ? dash : !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9')))
			break;
		dash = s[i] == '-';
	}
	if (i == 0 || s[i] != '\0' || i > KEY_MAX || dash)
		return bad(m, "'%s' is not an id such as 'weekly-walk' "
		    "(lower-case letters, digits and single hyphens, at most "
		    "%d)", key, KEY_MAX);
	return TEND_OK;
}

/*
 * A whole number in [lo, hi]: cJSON's valueint saturates and 1e400 is
 * infinity, so the double is checked.
 */
static int
integer(struct imp *m, const cJSON *v, const char *key, int lo, int hi,
    long long *out)
{
	double d;

	if (v == NULL)
		return bad(m, "'%s' is missing", key);
	if (!cJSON_IsNumber(v))
		return bad(m, "'%s' must be a number", key);
	d = v->valuedouble;
	if (!isfinite(d) || d != floor(d) || d < lo || d > hi)
		return bad(m, "'%s' must be a whole number from %d to %d", key,
		    lo, hi);
	*out = (long long)d;
	return TEND_OK;
}

/* ---- Storage ----------------------------------------------------------- */

static int
bind_all(struct imp *m, struct sqlite3_stmt *st, const char *const *v,
    size_t n)
{
	size_t i;
	int rc;

	db_reset(st);
	for (i = 0; i < n; i++)
		if ((rc = db_bind_text(m->t, st, (int)i + 1, v[i])) != TEND_OK)
			return rc;
	return TEND_OK;
}

/* Run a statement with text parameters; *row as db_step. */
static int
run(struct imp *m, int q, const char *const *v, size_t n, int *row)
{
	int rc;

	if ((rc = bind_all(m, m->q[q], v, n)) != TEND_OK)
		return rc;
	return db_step(m->t, m->q[q], "importing", row);
}

/* Whether column i of the current row holds v (NULL: SQL NULL). */
static int
col_is(struct imp *m, int q, int i, const char *v)
{
	if (db_col_null(m->q[q], i))
		return v == NULL;
	return v != NULL && strcmp(db_col_text(m->q[q], i), v) == 0;
}

/* Every column from first on holds the values v. */
static int
row_is(struct imp *m, int q, int first, const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!col_is(m, q, first + (int)i, v[i]))
			return 0;
	return 1;
}

static int
insert(struct imp *m, int q, const char *const *v, size_t n)
{
	int rc;

	if ((rc = bind_all(m, m->q[q], v, n)) != TEND_OK)
		return rc;
	return db_step_done(m->t, m->q[q], "importing");
}

static int
map_add(struct imp *m, int kind, const char *id, long long row)
{
	struct sqlite3_stmt *st = m->q[Q_MAP_ADD];
	int rc;

	db_reset(st);
	if ((rc = db_bind_int(m->t, st, 1, kind)) != TEND_OK ||
	    (rc = db_bind_text(m->t, st, 2, id)) != TEND_OK ||
	    (rc = db_bind_int(m->t, st, 3, row)) != TEND_OK)
		return rc;
	return db_step_done(m->t, st, "importing");
}

/*
 * The row id that a UUID of the file names: the journal's record of that
 * id, or the one it was matched to.  *id 0 when neither.
 */
static int
resolve(struct imp *m, int q, int kind, const char *key, long long *id)
{
	struct sqlite3_stmt *st = m->q[Q_MAP_FIND];
	int rc, row;

	*id = 0;
	if ((rc = run(m, q, &key, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		*id = db_col_int(m->q[q], 0);
		db_reset(m->q[q]);
		return TEND_OK;
	}
	db_reset(st);
	if ((rc = db_bind_int(m->t, st, 1, kind)) != TEND_OK ||
	    (rc = db_bind_text(m->t, st, 2, key)) != TEND_OK ||
	    (rc = db_step(m->t, st, "importing", &row)) != TEND_OK)
		return rc;
	if (row)
		*id = db_col_int(st, 0);
	db_reset(st);
	return TEND_OK;
}

/* A reference field: the row id it names, or an error naming it. */
static int
ref(struct imp *m, const cJSON *o, const char *key, int may_null, int kind,
    long long *id)
{
	static const int q[] = { Q_P_UUID, Q_C_UUID, Q_A_ID };
	static const char *const what[] = { "partner", "check-in", "answer" };
	const char *s;
	int rc;

	*id = 0;
	if ((rc = uuid(m, o, key, may_null, &s)) != TEND_OK || s == NULL)
		return rc;
	if ((rc = resolve(m, q[kind], kind, s, id)) != TEND_OK)
		return rc;
	if (*id == 0)
		return bad(m, "'%s' is not a known %s id", key, what[kind]);
	return TEND_OK;
}

static void
num(char buf[24], long long v)
{
	snprintf(buf, 24, "%lld", v);
}

static int
differs(struct imp *m, const char *id)
{
	return bad(m, "id %s is in the journal already with other content; "
	    "the two journals disagree about this record", id);
}

/* ---- Records ----------------------------------------------------------- */

static int
do_partner(struct imp *m, const cJSON *o)
{
	static const char *const k[] = { "type", "id", "name", "created" };
	const char *id, *name, *created;
	int rc, row;

	if ((rc = keys(m, o, k, NELEM(k))) != TEND_OK ||
	    (rc = uuid(m, o, "id", 0, &id)) != TEND_OK ||
	    (rc = str(m, o, "name", 0, &name)) != TEND_OK ||
	    (rc = stamp(m, o, "created", 0, &created)) != TEND_OK)
		return rc;
	if (tend_check_name(m->t, name) != TEND_OK)
		return bad(m, "'name': %s", tend_errmsg(m->t));
	if ((rc = run(m, Q_P_UUID, &id, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		if (!col_is(m, Q_P_UUID, 1, name))
			return differs(m, id);
		m->stats->skipped++;
		return TEND_OK;
	}
	/* The same couple named in another journal: the same partner. */
	if ((rc = run(m, Q_P_NAME, &name, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		m->stats->matched++;
		return map_add(m, MAP_PARTNER, id,
		    db_col_int(m->q[Q_P_NAME], 0));
	}
	{
		const char *v[] = { id, name, created };

		if ((rc = insert(m, Q_P_ADD, v, 3)) != TEND_OK)
			return rc;
	}
	m->stats->added[TEND_REC_PARTNER]++;
	return TEND_OK;
}

static int
do_checkin(struct imp *m, const cJSON *o)
{
	static const char *const k[] = {
		"type", "id", "week", "deck", "started", "finished"
	};
	const struct tend_catalog *cat;
	const char *v[5];
	char buf[48];
	int rc, row;

	if ((rc = keys(m, o, k, NELEM(k))) != TEND_OK ||
	    (rc = uuid(m, o, "id", 0, &v[0])) != TEND_OK ||
	    (rc = week(m, o, "week", 0, &v[1])) != TEND_OK ||
	    (rc = line_text(m, o, "deck", KEY_MAX, 0, &v[2])) != TEND_OK ||
	    (rc = stamp(m, o, "started", 0, &v[3])) != TEND_OK ||
	    (rc = stamp(m, o, "finished", 1, &v[4])) != TEND_OK)
		return rc;
	/* Stamps of one fixed layout compare as text. */
	if (v[4] != NULL && strcmp(v[4], v[3]) < 0)
		return bad(m, "'finished' %s is before 'started' %s", v[4],
		    v[3]);
	/* Answers are checked against the deck's questions: it must exist. */
	if ((rc = tend_catalog(m->t, &cat)) != TEND_OK)
		return rc;
	if (tend_find_deck(cat, v[2]) == NULL)
		return bad(m, "'deck' '%s' is not a deck of tend or of your "
		    "content.json; see 'tend questions'",
		    jsonin_shown(v[2], buf));
	if ((rc = run(m, Q_C_UUID, v, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		if (!row_is(m, Q_C_UUID, 1, v + 1, 4))
			return differs(m, v[0]);
		m->stats->skipped++;
		return TEND_OK;
	}
	/* Both journals held this week's check-in: it is one check-in. */
	if ((rc = run(m, Q_C_KEY, v + 1, 2, &row)) != TEND_OK)
		return rc;
	if (row) {
		m->stats->matched++;
		return map_add(m, MAP_CHECKIN, v[0],
		    db_col_int(m->q[Q_C_KEY], 0));
	}
	if ((rc = insert(m, Q_C_ADD, v, 5)) != TEND_OK)
		return rc;
	m->stats->added[TEND_REC_CHECKIN]++;
	return TEND_OK;
}

static const char *const kind_names[] = {
	[TEND_KIND_TEXT] = "text",
	[TEND_KIND_SCALE] = "scale",
	[TEND_KIND_YESNO] = "yesno",
};

/*
 * An answer is checked as the check-in checks it: its question must be in
 * the deck of its check-in, of the same kind, and its value one that
 * tend_checkin_check accepts and writes back unchanged.
 */
static int
answer_fits(struct imp *m, long long ck, const char *question,
    const char *kind, const char *value)
{
	const struct tend_catalog *cat;
	const struct tend_deck *d;
	const struct tend_question *q = NULL;
	struct sqlite3_stmt *st = m->q[Q_C_DECK];
	char deck[KEY_MAX * 4 + 1], qs[48], ds[48], *out = NULL;
	size_t i;
	int rc, row;

	if ((rc = tend_catalog(m->t, &cat)) != TEND_OK)
		return rc;
	db_reset(st);
	if ((rc = db_bind_int(m->t, st, 1, ck)) != TEND_OK ||
	    (rc = db_step(m->t, st, "importing", &row)) != TEND_OK)
		return rc;
	snprintf(deck, sizeof(deck), "%s", row ? db_col_text(st, 0) : "");
	db_reset(st);
	jsonin_shown(question, qs);
	if ((d = tend_find_deck(cat, deck)) == NULL)
		return bad(m, "'checkin' is of deck '%s', which is not a deck "
		    "of tend or of your content.json", jsonin_shown(deck, ds));
	for (i = 0; i < d->nquestions && q == NULL; i++)
		if (strcmp(d->questions[i].id, question) == 0)
			q = &d->questions[i];
	if (q == NULL)
		return bad(m, "'question' '%s' is not in deck '%s'", qs, d->id);
	if (strcmp(kind, kind_names[q->kind]) != 0)
		return bad(m, "'kind' must be \"%s\", the kind of question "
		    "'%s' of deck '%s'", kind_names[q->kind], qs, d->id);
	if (value == NULL)
		return TEND_OK;
	if ((rc = tend_checkin_check(m->t, q, value, &out)) != TEND_OK) {
		if (rc == TEND_EINVAL)
			rc = bad(m, "'value' does not fit question '%s' (%s): "
			    "%s", qs, kind, tend_errmsg(m->t));
		return rc;
	}
	if (strcmp(out, value) != 0)
		rc = bad(m, "'value' must be written \"%s\", as tend writes "
		    "it", out);
	free(out);
	return rc;
}

static int
do_answer(struct imp *m, const cJSON *o)
{
	static const char *const k[] = {
		"type", "id", "checkin", "partner", "question", "prompt",
		"kind", "value", "created", "updated"
	};
	const char *id, *question, *prompt, *kind, *value, *created, *updated;
	long long ck, pa;
	char cks[24], pas[24];
	int rc, row;

	if ((rc = keys(m, o, k, NELEM(k))) != TEND_OK ||
	    (rc = uuid(m, o, "id", 0, &id)) != TEND_OK ||
	    (rc = ref(m, o, "checkin", 0, MAP_CHECKIN, &ck)) != TEND_OK ||
	    (rc = ref(m, o, "partner", 0, MAP_PARTNER, &pa)) != TEND_OK ||
	    (rc = line_text(m, o, "question", KEY_MAX, 0, &question)) !=
	    TEND_OK ||
	    (rc = line_text(m, o, "prompt", SHORT_MAX, 0, &prompt)) !=
	    TEND_OK || (rc = str(m, o, "kind", 0, &kind)) != TEND_OK)
		return rc;
	if ((rc = body_text(m, o, "value", 1, &value)) != TEND_OK ||
	    (rc = answer_fits(m, ck, question, kind, value)) != TEND_OK ||
	    (rc = stamp(m, o, "created", 0, &created)) != TEND_OK ||
	    (rc = stamp(m, o, "updated", 0, &updated)) != TEND_OK)
		return rc;
	num(cks, ck);
	num(pas, pa);
	{
		const char *v[] = {
			id, cks, pas, question, prompt, kind, value, created,
			updated
		};

		if ((rc = run(m, Q_A_UUID, v, 1, &row)) != TEND_OK)
			return rc;
		if (row) {
			if (!row_is(m, Q_A_UUID, 1, v + 1, 8))
				return differs(m, id);
			m->stats->skipped++;
			return TEND_OK;
		}
		if ((rc = run(m, Q_A_KEY, v + 1, 3, &row)) != TEND_OK)
			return rc;
		if (row) {
			/* The same answer kept under two ids: one answer. */
			if (!col_is(m, Q_A_KEY, 1, value))
				return bad(m, "the journal has another answer "
				    "(%s) to question '%s' by this partner in "
				    "this check-in", db_col_text(m->q[Q_A_KEY],
				    2), question);
			m->stats->matched++;
			return map_add(m, MAP_ANSWER, id,
			    db_col_int(m->q[Q_A_KEY], 0));
		}
		if ((rc = insert(m, Q_A_ADD, v, 9)) != TEND_OK)
			return rc;
	}
	m->stats->added[TEND_REC_ANSWER]++;
	return TEND_OK;
}

static int
do_note(struct imp *m, const cJSON *o)
{
	static const char *const k[] = {
		"type", "id", "from", "to", "text", "week", "created", "answer"
	};
	const char *id, *text, *wk, *created;
	long long from, to, ans;
	char froms[24], tos[24], anss[24], cw[TEND_WEEK_LEN] = "";
	int rc, row;

	if ((rc = keys(m, o, k, NELEM(k))) != TEND_OK ||
	    (rc = uuid(m, o, "id", 0, &id)) != TEND_OK ||
	    (rc = ref(m, o, "from", 0, MAP_PARTNER, &from)) != TEND_OK ||
	    (rc = ref(m, o, "to", 0, MAP_PARTNER, &to)) != TEND_OK ||
	    (rc = body_text(m, o, "text", 0, &text)) != TEND_OK ||
	    (rc = week(m, o, "week", 0, &wk)) != TEND_OK ||
	    (rc = stamp(m, o, "created", 0, &created)) != TEND_OK ||
	    (rc = ref(m, o, "answer", 1, MAP_ANSWER, &ans)) != TEND_OK)
		return rc;
	if (from == to)
		return bad(m, "'from' and 'to' are the same partner");
	/*
	 * tend files a note under the local week of its time, as
	 * tend_note_add does; another week would show it out of place.
	 */
	if (tend_week_format(when_week(m->t, stamp_time(created)), cw,
	    sizeof(cw)) < 0 || strcmp(cw, wk) != 0)
		return bad(m, "'week' %s is not the week of 'created' %s (%s)",
		    wk, created, cw);
	num(froms, from);
	num(tos, to);
	num(anss, ans);
	{
		const char *v[] = {
			id, froms, tos, text, wk, created, ans ? anss : NULL
		};

		if ((rc = run(m, Q_N_UUID, v, 1, &row)) != TEND_OK)
			return rc;
		if (row) {
			if (!row_is(m, Q_N_UUID, 0, v + 1, 6))
				return differs(m, id);
			m->stats->skipped++;
			return TEND_OK;
		}
		if ((rc = insert(m, Q_N_ADD, v, 7)) != TEND_OK)
			return rc;
	}
	m->stats->added[TEND_REC_NOTE]++;
	return TEND_OK;
}

static int
do_experiment(struct imp *m, const cJSON *o)
{
	static const char *const k[] = {
		"type", "id", "week", "item", "title", "chosen", "outcome",
		"felt", "reflection", "updated"
	};
	const cJSON *fv = cJSON_GetObjectItemCaseSensitive(o, "felt");
	const char *v[9];
	char felts[24];
	long long felt = 0;
	int rc, row;

	if ((rc = keys(m, o, k, NELEM(k))) != TEND_OK ||
	    (rc = uuid(m, o, "id", 0, &v[0])) != TEND_OK ||
	    (rc = week(m, o, "week", 1, &v[1])) != TEND_OK ||
	    (rc = ident(m, o, "item", &v[2])) != TEND_OK ||
	    (rc = line_text(m, o, "title", TITLE_MAX, 0, &v[3])) != TEND_OK ||
	    (rc = stamp(m, o, "chosen", 0, &v[4])) != TEND_OK ||
	    (rc = str(m, o, "outcome", 1, &v[5])) != TEND_OK)
		return rc;
	if (v[5] != NULL && strcmp(v[5], "tried") != 0 &&
	    strcmp(v[5], "skipped") != 0)
		return bad(m, "'outcome' must be \"tried\", \"skipped\" or "
		    "null");
	if (fv == NULL)
		return bad(m, "'felt' is missing");
	if (!cJSON_IsNull(fv) &&
	    (rc = integer(m, fv, "felt", 1, TEND_FELT_MAX, &felt)) !=
	    TEND_OK)
		return rc;
	num(felts, felt);
	v[6] = cJSON_IsNull(fv) ? NULL : felts;
	if ((rc = body_text(m, o, "reflection", 1, &v[7])) != TEND_OK ||
	    (rc = stamp(m, o, "updated", 1, &v[8])) != TEND_OK)
		return rc;
	if ((rc = run(m, Q_E_UUID, v, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		if (!row_is(m, Q_E_UUID, 0, v + 1, 8))
			return differs(m, v[0]);
		m->stats->skipped++;
		return TEND_OK;
	}
	if ((rc = insert(m, Q_E_ADD, v, 9)) != TEND_OK)
		return rc;
	m->stats->added[TEND_REC_EXPERIMENT]++;
	return TEND_OK;
}

/*
 * One answer or score of an assessment: checked, then either compared
 * with the stored one (same is 1 while all match) or inserted.
 */
static int
assess_item(struct imp *m, const cJSON *e, int score, long long sid,
    int exists, int *same)
{
	static const char *const ak[] = { "statement", "value" };
	static const char *const sk[] = { "outcome", "score", "fits" };
	const cJSON *sv, *fv;
	struct sqlite3_stmt *st;
	const char *name;
	long long value = 0;
	double d = 0;
	int rc, row, fits = 0;

	if (!cJSON_IsObject(e))
		return bad(m, "'%s' must hold objects", score ? "scores" :
		    "answers");
	if ((rc = keys(m, e, score ? sk : ak, score ? 3 : 2)) != TEND_OK ||
	    (rc = ident(m, e, score ? "outcome" : "statement", &name)) !=
	    TEND_OK)
		return rc;
	if (score) {
		sv = cJSON_GetObjectItemCaseSensitive(e, "score");
		fv = cJSON_GetObjectItemCaseSensitive(e, "fits");
		if (sv == NULL || !cJSON_IsNumber(sv) ||
		    !isfinite(sv->valuedouble) || sv->valuedouble < 0 ||
		    sv->valuedouble > 1)
			return bad(m, "'score' must be a number from 0 to 1");
		if (fv == NULL || !cJSON_IsBool(fv))
			return bad(m, "'fits' must be true or false");
		d = sv->valuedouble;
		fits = cJSON_IsTrue(fv);
	} else if ((rc = integer(m, cJSON_GetObjectItemCaseSensitive(e,
	    "value"), "value", 1, 5, &value)) != TEND_OK)
		return rc;
	st = m->q[exists ? (score ? Q_SS_GET : Q_SA_GET) :
	    (score ? Q_SS_ADD : Q_SA_ADD)];
	db_reset(st);
	if ((rc = db_bind_int(m->t, st, 1, sid)) != TEND_OK ||
	    (rc = db_bind_text(m->t, st, 2, name)) != TEND_OK)
		return rc;
	if (!exists) {
		if ((rc = score ? db_bind_double(m->t, st, 3, d) :
		    db_bind_int(m->t, st, 3, value)) != TEND_OK ||
		    (score && (rc = db_bind_int(m->t, st, 4, fits)) !=
		    TEND_OK))
			return rc;
		if ((rc = db_step_done(m->t, st, "importing")) == TEND_EDB)
			return bad(m, "'%s' names '%s' twice", score ?
			    "scores" : "answers", name);
		return rc;
	}
	if ((rc = db_step(m->t, st, "importing", &row)) != TEND_OK)
		return rc;
	if (!row || (score ? db_col_double(st, 0) != d ||
	    db_col_int(st, 1) != fits : db_col_int(st, 0) != value))
		*same = 0;
	db_reset(st);
	return TEND_OK;
}

static int
do_assessment(struct imp *m, const cJSON *o)
{
	static const char *const k[] = {
		"type", "id", "taken", "partner", "answers", "scores"
	};
	static const char *const lists[] = { "answers", "scores" };
	const cJSON *list[2], *e;
	const char *id, *taken;
	long long sid = 0, pid = 0, count[2] = { 0, 0 };
	char pids[24];
	size_t i;
	int rc, row, exists, same = 1;

	if ((rc = keys(m, o, k, NELEM(k))) != TEND_OK ||
	    (rc = uuid(m, o, "id", 0, &id)) != TEND_OK ||
	    (rc = stamp(m, o, "taken", 0, &taken)) != TEND_OK)
		return rc;
	/*
	 * Whose it is; absent in exports from before each partner answered
	 * alone, and null for the couple's answered together.
	 */
	if (cJSON_GetObjectItemCaseSensitive(o, "partner") != NULL &&
	    (rc = ref(m, o, "partner", 1, MAP_PARTNER, &pid)) != TEND_OK)
		return rc;
	num(pids, pid);
	for (i = 0; i < 2; i++) {
		list[i] = cJSON_GetObjectItemCaseSensitive(o, lists[i]);
		if (list[i] == NULL)
			return bad(m, "'%s' is missing", lists[i]);
		if (!cJSON_IsArray(list[i]))
			return bad(m, "'%s' must be an array", lists[i]);
	}
	if ((rc = run(m, Q_S_UUID, &id, 1, &row)) != TEND_OK)
		return rc;
	if ((exists = row) != 0) {
		sid = db_col_int(m->q[Q_S_UUID], 0);
		same = col_is(m, Q_S_UUID, 1, taken) &&
		    col_is(m, Q_S_UUID, 2, pid ? pids : NULL);
	} else {
		const char *v[] = { id, taken, pid ? pids : NULL };

		if ((rc = insert(m, Q_S_ADD, v, 3)) != TEND_OK ||
		    (rc = resolve(m, Q_S_UUID, -1, id, &sid)) != TEND_OK)
			return rc;
	}
	for (i = 0; i < 2; i++)
		cJSON_ArrayForEach(e, list[i]) {
			if ((rc = assess_item(m, e, (int)i, sid, exists,
			    &same)) != TEND_OK)
				return rc;
			count[i]++;
		}
	if (exists) {
		db_reset(m->q[Q_S_COUNT]);
		if ((rc = db_bind_int(m->t, m->q[Q_S_COUNT], 1, sid)) !=
		    TEND_OK || (rc = db_step(m->t, m->q[Q_S_COUNT],
		    "importing", &row)) != TEND_OK)
			return rc;
		if (!row || db_col_int(m->q[Q_S_COUNT], 0) != count[0] ||
		    db_col_int(m->q[Q_S_COUNT], 1) != count[1])
			same = 0;
		db_reset(m->q[Q_S_COUNT]);
		if (!same)
			return differs(m, id);
		m->stats->skipped++;
		return TEND_OK;
	}
	m->stats->added[TEND_REC_ASSESSMENT]++;
	return TEND_OK;
}

/*
 * Settings have no id: a key the journal lacks is added; one it has keeps
 * the journal's value (its own id, the couple's choices).
 */
static int
do_setting(struct imp *m, const cJSON *o)
{
	static const char *const k[] = { "type", "key", "value", "updated" };
	const char *v[3], *fix;
	int rc, row;

	if ((rc = keys(m, o, k, NELEM(k))) != TEND_OK ||
	    (rc = line_text(m, o, "key", KEY_MAX, 0, &v[0])) != TEND_OK ||
	    (rc = line_text(m, o, "value", SHORT_MAX, 0, &v[1])) != TEND_OK ||
	    (rc = stamp(m, o, "updated", 0, &v[2])) != TEND_OK)
		return rc;
	/* The check of tend config: a value it would refuse breaks tip. */
	if ((rc = config_check(m->t, v[0], v[1], 1, &fix)) != TEND_OK) {
		if (rc == TEND_EINVAL)
			rc = bad(m, "'%s': %s", fix == NULL ? "key" : "value",
			    tend_errmsg(m->t));
		return rc;
	}
	if ((rc = run(m, Q_G_GET, v, 1, &row)) != TEND_OK)
		return rc;
	if (row) {
		if (col_is(m, Q_G_GET, 0, v[1]))
			m->stats->skipped++;
		else
			m->stats->kept++;
		return TEND_OK;
	}
	if ((rc = insert(m, Q_G_ADD, v, 3)) != TEND_OK)
		return rc;
	m->stats->added[TEND_REC_SETTING]++;
	return TEND_OK;
}

/* Messages name a record by its type as the file spells it. */
static const struct {
	const char	*type;
	int		(*fn)(struct imp *, const cJSON *);
} handlers[] = {
	{ "partner", do_partner },
	{ "checkin", do_checkin },
	{ "answer", do_answer },
	{ "note", do_note },
	{ "experiment", do_experiment },
	{ "assessment", do_assessment },
	{ "setting", do_setting },
};

static int
record(struct imp *m, const char *s, size_t n)
{
	cJSON *o = NULL;
	const cJSON *type;
	char buf[48];
	size_t i;
	int rc;

	m->type = NULL;
	if ((rc = parse(m, s, n, &o)) != TEND_OK)
		goto out;
	type = cJSON_GetObjectItemCaseSensitive(o, "type");
	if (type == NULL || !cJSON_IsString(type)) {
		rc = bad(m, "'type' is missing or not a string");
		goto out;
	}
	for (i = 0; i < NELEM(handlers); i++)
		if (strcmp(type->valuestring, handlers[i].type) == 0)
			break;
	if (i == NELEM(handlers)) {
		rc = bad(m, "unknown record type '%s'",
		    jsonin_shown(type->valuestring, buf));
		goto out;
	}
	m->type = handlers[i].type;
	rc = handlers[i].fn(m, o);
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
	    (rc = keys(m, o, k, NELEM(k))) != TEND_OK ||
	    (rc = str(m, o, "format", 0, &f)) != TEND_OK)
		goto out;
	if (strcmp(f, TEND_EXPORT_NAME) != 0) {
		rc = bad(m, "'format' is not \"" TEND_EXPORT_NAME "\"");
		goto out;
	}
	v = cJSON_GetObjectItemCaseSensitive(o, "version");
	if (v == NULL || !cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
	    v->valuedouble != floor(v->valuedouble) || v->valuedouble < 1) {
		rc = bad(m, "'version' must be a whole number from 1");
		goto out;
	}
	if (v->valuedouble > TEND_EXPORT_VERSION) {
		rc = bad(m, "the file is of a newer format (version %.0f); "
		    "update tend to import it", v->valuedouble);
		goto out;
	}
	if ((rc = line_text(m, o, "tend", 40, 0, &f)) != TEND_OK ||
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
		return bad(m, "the file is empty; not a tend export");
	}
	if (m->n >= h + r && memcmp(m->line, JSON_HEAD, h) == 0) {
		if (memcmp(m->line + m->n - r, JSON_OPEN, r) != 0) {
			m->type = NULL;
			return bad(m, "a json export must start "
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
			return bad(m, "text after the end of the document");
		if (m->json) {
			if (m->n == 2 && memcmp(m->line, "]}", 2) == 0) {
				if (more)
					return bad(m, "']}' after a ','; the "
					    "line before must not end in one");
				closed = 1;
				continue;
			}
			if (nrec > 0 && !more)
				return bad(m, "a ',' is missing at the end of "
				    "the line before");
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
		return bad(m, "the document ends early, without ']}'; the "
		    "file may be cut short");
	}
	return TEND_OK;
}

/* After the records: a journal needs its couple and its own id. */
static int
finish(struct imp *m)
{
	struct sqlite3_stmt *st = NULL;
	char id[37], now[32];
	int rc, row;

	if ((rc = db_prepare(m->t, &st, "SELECT count(*) FROM partner")) !=
	    TEND_OK || (rc = db_step(m->t, st, "importing", &row)) != TEND_OK)
		goto out;
	if (!row || db_col_int(st, 0) < 2) {
		rc = tend_seterr(m->t, TEND_EDATA, "the file names fewer than "
		    "two partners, and the journal has none; import it into a "
		    "journal made with 'tend init'");
		goto out;
	}
	db_finalize(st);
	st = NULL;
	tend_uuid(id);
	tend_stamp(m->t, now);
	if ((rc = db_prepare(m->t, &st, "INSERT OR IGNORE INTO setting(key,"
	    " value, updated) VALUES ('journal-id', ?1, ?2)")) != TEND_OK ||
	    (rc = db_bind_text(m->t, st, 1, id)) != TEND_OK ||
	    (rc = db_bind_text(m->t, st, 2, now)) != TEND_OK)
		goto out;
	rc = db_step_done(m->t, st, "importing");
out:
	db_finalize(st);
	return rc;
}

int
tend_import(struct tend *t, tend_read_fn read, void *arg, int dry_run,
    void (*progress)(void *, unsigned long), struct tend_import_stats *stats)
{
	struct db_fts_pause fts;
	struct imp m = { 0 };
	unsigned long added;
	size_t i;
	int rc, paused = 0;

	memset(stats, 0, sizeof(*stats));
	m.t = t;
	m.read = read;
	m.arg = arg;
	m.stats = stats;
	if ((m.buf = malloc(CHUNK)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	if ((rc = db_begin(t)) != TEND_OK)
		goto out;
	/* One FTS5 segment per row would make a big import crawl. */
	if ((rc = db_fts_pause(t, &fts)) != TEND_OK)
		goto out;
	paused = 1;
	if ((rc = db_exec(t, "CREATE TEMP TABLE import_map(kind INTEGER,"
	    " uuid TEXT, id INTEGER, PRIMARY KEY (kind, uuid)) WITHOUT ROWID",
	    "starting the import")) != TEND_OK)
		goto out;
	for (i = 0; i < NQ; i++)
		if ((rc = db_prepare(t, &m.q[i], sql[i])) != TEND_OK)
			goto out;
	if ((rc = first_line(&m)) != TEND_OK ||
	    (rc = records(&m, progress, arg)) != TEND_OK ||
	    (rc = finish(&m)) != TEND_OK)
		goto out;
	paused = 0;
	if ((rc = db_fts_resume(t, &fts, 1)) != TEND_OK)
		goto out;
	for (i = 0; i < NQ; i++) {
		db_finalize(m.q[i]);
		m.q[i] = NULL;
	}
	if ((rc = db_exec(t, "DROP TABLE temp.import_map",
	    "finishing the import")) != TEND_OK)
		goto out;
	/*
	 * Nothing new: roll back, so that not even the triggers put back
	 * touch the file and a second import leaves it byte for byte.
	 */
	for (i = 0, added = 0; i < TEND_NRECORDS; i++)
		added += stats->added[i];
	if (!dry_run && added > 0)
		rc = db_commit(t);
out:
	for (i = 0; i < NQ; i++)
		db_finalize(m.q[i]);
	if (paused)
		db_fts_resume(t, &fts, 0);
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
