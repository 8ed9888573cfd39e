/*
 * search.c - full-text search over answers, notes and experiment
 * reflections with FTS5: best match first (bm25), each hit with who wrote
 * it, when, and a snippet with the match marked.  Plain words work as a
 * user expects; FTS5's own syntax works as FTS5 defines it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tend-int.h"

/* Tokens a snippet holds around the match. */
#define SNIPPET_TOKENS	16

static const char *const hit_names[] = {
	[TEND_HIT_ANSWER] = "answer",
	[TEND_HIT_NOTE] = "note",
	[TEND_HIT_REFLECTION] = "reflection",
};

const char *
tend_hit_kind_name(enum tend_hit_kind k)
{
	return k >= TEND_HIT_ANSWER && k <= TEND_HIT_REFLECTION ?
	    hit_names[k] : "unknown";
}

int
tend_hit_kind_parse(const char *s, enum tend_hit_kind *k)
{
	int i;

	for (i = TEND_HIT_ANSWER; i <= TEND_HIT_REFLECTION; i++)
		if (strcmp(s, hit_names[i]) == 0) {
			*k = (enum tend_hit_kind)i;
			return TEND_OK;
		}
	return TEND_EINVAL;
}

void
tend_hits_free(struct tend_hit *list, size_t n)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(list[i].from);
		free(list[i].to);
		free(list[i].question);
		free(list[i].snippet);
	}
	free(list);
}

/*
 * Whether a query is meant as FTS5 syntax: it uses an operator (AND, OR,
 * NOT, NEAR, in capitals as FTS5 wants them) or parentheses.  Such a query
 * is run as written, and an error in it is the user's to fix; any other
 * query that FTS5 rejects is only words with punctuation in them.
 */
static int
uses_operators(const char *q)
{
	static const char *const ops[] = { "AND", "OR", "NOT", "NEAR" };
	const char *p = q, *end;
	size_t i, len;

	if (strpbrk(q, "()") != NULL)
		return 1;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '"')
			p++;
		if (*p == '\0')
			return 0;
		for (end = p; *end != '\0' && *end != ' ' && *end != '\t' &&
		    *end != '\n' && *end != '"'; end++)
			;
		len = (size_t)(end - p);
		for (i = 0; i < sizeof(ops) / sizeof(*ops); i++)
			if (len == strlen(ops[i]) && strncmp(p, ops[i], len) == 0)
				return 1;
		p = end;
	}
}

/*
 * Every word of q as an FTS5 phrase ("don't" -> "\"don't\""), with the
 * double quotes inside a word doubled, so that any text is a valid query
 * of words that must all be there.  NULL when out of memory.
 */
static char *
quote_words(const char *q)
{
	char *out = NULL;
	size_t len = 0;
	const char *p;
	FILE *fp;
	int inword = 0, any = 0;

	if ((fp = open_memstream(&out, &len)) == NULL)
		return NULL;
	for (p = q; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (inword)
				fputc('"', fp);
			inword = 0;
			continue;
		}
		if (!inword)
			fputs(any ? " \"" : "\"", fp);
		inword = any = 1;
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	if (inword)
		fputc('"', fp);
	if (fclose(fp) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* Copy the current row into a new hit at the end of *list. */
static int
take_row(struct tend *t, struct sqlite3_stmt *st, struct tend_hit **list,
    long long **rowids, size_t *n)
{
	struct tend_hit *grown, *h;
	long long *ids;

	if ((ids = reallocarray(*rowids, *n + 1, sizeof(**rowids))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	*rowids = ids;
	if ((grown = reallocarray(*list, *n + 1, sizeof(**list))) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	*list = grown;
	h = &grown[*n];
	ids[(*n)++] = db_col_int(st, 0);
	memset(h, 0, sizeof(*h));
	h->kind = (enum tend_hit_kind)(db_col_int(st, 0) % 4);
	snprintf(h->uuid, sizeof(h->uuid), "%s", db_col_text(st, 1));
	snprintf(h->week, sizeof(h->week), "%s", db_col_text(st, 2));
	snprintf(h->created, sizeof(h->created), "%s", db_col_text(st, 3));
	h->when = stamp_time(h->created);
	if ((!db_col_null(st, 4) && (h->from = strdup(db_col_text(st, 4))) ==
	    NULL) ||
	    (!db_col_null(st, 5) && (h->to = strdup(db_col_text(st, 5))) ==
	    NULL) ||
	    (!db_col_null(st, 6) && (h->question = strdup(db_col_text(st,
	    6))) == NULL))
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	h->rank = (double)db_col_int(st, 7) / 1e6;
	return TEND_OK;
}

/*
 * The snippets of the hits found, one by one: made for every match
 * before the ranking, they would cost seconds when a word is in a million
 * notes; made for the few hits kept, they cost nothing.
 */
static int
snippets(struct tend *t, const char *match, const struct tend_search_opts *o,
    struct tend_hit *list, const long long *rowids, size_t n)
{
	static const char sql[] =
	    "SELECT snippet(fts, 0, ?2, ?3, '...', ?4) FROM fts"
	    " WHERE fts MATCH ?1 AND rowid = ?5";
	struct sqlite3_stmt *st = NULL;
	size_t i;
	int rc, row;

	if ((rc = db_prepare(t, &st, sql)) != TEND_OK)
		goto out;
	for (i = 0; i < n; i++) {
		db_reset(st);
		if ((rc = db_bind_text(t, st, 1, match)) != TEND_OK ||
		    (rc = db_bind_text(t, st, 2, o->mark_open ? o->mark_open :
		    "[")) != TEND_OK ||
		    (rc = db_bind_text(t, st, 3, o->mark_close ?
		    o->mark_close : "]")) != TEND_OK ||
		    (rc = db_bind_int(t, st, 4, SNIPPET_TOKENS)) != TEND_OK ||
		    (rc = db_bind_int(t, st, 5, rowids[i])) != TEND_OK ||
		    (rc = db_step(t, st, "searching", &row)) != TEND_OK)
			goto out;
		if ((list[i].snippet = strdup(row ? db_col_text(st, 0) : "")) ==
		    NULL) {
			rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
			goto out;
		}
	}
out:
	db_finalize(st);
	return rc;
}

/*
 * Run one MATCH.  The index's rowid is the source row's id * 4 + its kind
 * (schema.c), which finds the source row.  A note made from an appreciation
 * answer holds the answer's text: it is left out unless only notes are
 * asked for, so that the same words are not found twice.  An answer
 * hidden from the viewer, and a note made from one, are not found at all
 * (hidden: their ids, from reveal_load).
 */
static int
run_query(struct tend *t, const char *match, const struct tend_search_opts *o,
    const char *from, const char *since, const char *hidden,
    struct tend_hit **list, size_t *n)
{
	static const char sql[] =
	    "SELECT h.r,"
	    " coalesce(a.uuid, n.uuid, e.uuid),"
	    " coalesce(c.week, n.week, e.week),"
	    " coalesce(a.created, n.created, e.updated, e.chosen),"
	    " w.name, r.name, a.prompt,"
	    " CAST(h.score * 1000000 AS INTEGER)"
	    " FROM (SELECT rowid AS r, bm25(fts) AS score FROM fts"
	    "  WHERE fts MATCH ?1) h"
	    " LEFT JOIN answer a ON h.r % 4 = 1 AND a.id = h.r / 4"
	    " LEFT JOIN checkin c ON c.id = a.checkin_id"
	    " LEFT JOIN note n ON h.r % 4 = 2 AND n.id = h.r / 4"
	    " LEFT JOIN experiment e ON h.r % 4 = 3 AND e.id = h.r / 4"
	    " LEFT JOIN partner w ON w.id = coalesce(a.partner_id, n.from_id)"
	    " LEFT JOIN partner r ON r.id = n.to_id"
	    " WHERE coalesce(a.id, n.id, e.id) IS NOT NULL"
	    " AND (?2 IS NULL OR h.r % 4 = ?2)"
	    " AND (?3 IS NULL OR w.name = ?3)"
	    " AND (?4 IS NULL OR coalesce(a.created, n.created, e.updated,"
	    "  e.chosen) >= ?4)"
	    " AND NOT (h.r % 4 = 2 AND n.answer_id IS NOT NULL"
	    "  AND coalesce(?2, 0) <> 2)"
	    " AND (h.r % 4 <> 1 OR a.id NOT IN " SQL_HIDDEN("?6") ")"
	    " AND (h.r % 4 <> 2 OR n.answer_id IS NULL"
	    "  OR n.answer_id NOT IN " SQL_HIDDEN("?6") ")"
	    " ORDER BY h.score, h.r DESC LIMIT ?5";
	struct sqlite3_stmt *st = NULL;
	long long *rowids = NULL;
	int rc, row;

	if ((rc = db_prepare(t, &st, sql)) != TEND_OK)
		goto out;
	if ((rc = db_bind_text(t, st, 1, match)) != TEND_OK ||
	    (o->kind != 0 && (rc = db_bind_int(t, st, 2, o->kind)) !=
	    TEND_OK) ||
	    (rc = db_bind_text(t, st, 3, from)) != TEND_OK ||
	    (rc = db_bind_text(t, st, 4, since)) != TEND_OK ||
	    (rc = db_bind_int(t, st, 5, o->limit > 0 ? o->limit : -1)) !=
	    TEND_OK ||
	    (rc = db_bind_text(t, st, 6, hidden)) != TEND_OK)
		goto out;
	for (;;) {
		if ((rc = db_step(t, st, "searching", &row)) != TEND_OK ||
		    !row)
			break;
		if ((rc = take_row(t, st, list, &rowids, n)) != TEND_OK)
			break;
	}
	if (rc == TEND_OK)
		rc = snippets(t, match, o, *list, rowids, *n);
out:
	db_finalize(st);
	free(rowids);
	return rc;
}

int
tend_search(struct tend *t, const char *query,
    const struct tend_search_opts *opts, struct tend_hit **out, size_t *nout)
{
	static const struct tend_search_opts none = { 0 };
	const struct tend_search_opts *o = opts ? opts : &none;
	struct reveal r = { 0 };
	struct tend_hit *list = NULL;
	char since[32], *from = NULL, *quoted = NULL, why[256];
	const char *p;
	size_t n = 0;
	struct tm tm;
	int rc;

	*out = NULL;
	*nout = 0;
	for (p = query; *p == ' ' || *p == '\t' || *p == '\n'; p++)
		;
	if (*p == '\0')
		return tend_seterr(t, TEND_EINVAL, "nothing to search for; give "
		    "a word or two");
	if (!tend_utf8_valid(query, strlen(query)))
		return tend_seterr(t, TEND_EINVAL, "the search is not valid "
		    "UTF-8 text");
	if (o->limit < 0)
		return tend_seterr(t, TEND_EINVAL, "the limit must be a "
		    "positive number");
	if (o->kind != 0 && (o->kind < TEND_HIT_ANSWER ||
	    o->kind > TEND_HIT_REFLECTION))
		return tend_seterr(t, TEND_EINVAL, "the kind must be answer, "
		    "note or reflection");
	if (o->from != NULL && (rc = tend_partner_find(t, o->from, &from)) !=
	    TEND_OK)
		return rc;
	if ((rc = reveal_load(t, o->viewer, &r)) != TEND_OK)
		goto out;
	if (o->has_since) {
		if (gmtime_r(&o->since, &tm) == NULL ||
		    strftime(since, sizeof(since), "%Y-%m-%dT%H:%M:%SZ",
		    &tm) == 0) {
			rc = tend_seterr(t, TEND_EINVAL, "the day is out of "
			    "range");
			goto out;
		}
	}

	rc = run_query(t, query, o, from, o->has_since ? since : NULL,
	    r.hidden, &list, &n);
	/*
	 * FTS5 reports a bad query as a plain SQLite error (TEND_EDB); busy,
	 * I/O and damage have codes of their own and are never retried.
	 */
	if (rc != TEND_EDB)
		goto out;
	tend_hits_free(list, n);
	list = NULL;
	n = 0;
	if (uses_operators(query)) {
		snprintf(why, sizeof(why), "%s", tend_errmsg(t));
		/* "searching: fts5: syntax error near ..." -> after ": ". */
		p = strstr(why, ": ");
		rc = tend_seterr(t, TEND_EINVAL, "'%s' is not a valid search "
		    "(%s): AND, OR and NOT need words on both sides and "
		    "parentheses must pair; put words in double quotes to "
		    "search for them as written", query, p ? p + 2 : why);
		goto out;
	}
	if ((quoted = quote_words(query)) == NULL) {
		rc = tend_seterr(t, TEND_ENOMEM, "out of memory");
		goto out;
	}
	rc = run_query(t, quoted, o, from, o->has_since ? since : NULL,
	    r.hidden, &list, &n);
	if (rc == TEND_EDB)
		rc = tend_seterr(t, TEND_EINVAL, "cannot search for '%s'; put "
		    "words in double quotes to search for them as written",
		    query);
out:
	reveal_release(&r);
	free(from);
	free(quoted);
	if (rc != TEND_OK) {
		tend_hits_free(list, n);
		return rc;
	}
	*out = list;
	*nout = n;
	return TEND_OK;
}
