/*
 * fields.c - the fields of a catalogue entry, each checked against
 * data/README.md and copied into the arena: ids (unique in their kind,
 * found in constant time), texts, names, choices, tags and needs; and the
 * names of intimacy levels and needs.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <unistr.h>

#include "content-int.h"

static const char *const intimacy_names[] = {
	[TEND_INTIMACY_NONE] = "none",
	[TEND_INTIMACY_AFFECTION] = "affection",
	[TEND_INTIMACY_SEXUAL] = "sexual",
};
static const struct tag tags[] = {
	{ "boredom", TEND_RUT_BOREDOM },
	{ "sexless", TEND_RUT_SEXLESS },
	{ "fighting", TEND_RUT_FIGHTING },
	{ "general", TEND_RUT_GENERAL },
	{ "distance", TEND_BLOCK_DISTANCE },
	{ "conflict", TEND_BLOCK_CONFLICT },
	{ "pressure", TEND_BLOCK_PRESSURE },
	{ "avoidance", TEND_BLOCK_AVOIDANCE },
};

static const struct tag needs[] = {
	{ "together", TEND_NEED_TOGETHER },
	{ "bed", TEND_NEED_BED },
	{ "walk", TEND_NEED_WALK },
	{ "money", TEND_NEED_MONEY },
};

/* ---- Fields ----------------------------------------------------------- */

/* ^[a-z0-9]+(-[a-z0-9]+)*$, at most ID_MAX characters. */
static int
valid_id(const char *s)
{
	size_t i;
	int dash = 1;

	for (i = 0; s[i] != '\0'; i++) {
		if (i >= ID_MAX)
			return 0;
		if (s[i] == '-') {
			if (dash)
				return 0;
			dash = 1;
		} else if ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9'))
			dash = 0;
		else
			return 0;
	}
	return i > 0 && !dash;
}

/*
 * Name the entry in messages: by its id when that is a good one, else by
 * its place in the list (and its deck, for a question).  The id stays in
 * the tree, which outlives every message made from it.
 */
static void
label(struct build *b, const char *kind, const cJSON *o, size_t index)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");

	b->entry.kind = kind;
	b->entry.id = cJSON_IsString(id) && id->valuestring != NULL &&
	    valid_id(id->valuestring) ? id->valuestring : NULL;
	b->entry.index = index + 1;
}

/*
 * Only the keys listed, each once: cJSON keeps both copies of a repeated
 * key and its lookups return the first, so a second one would be ignored
 * without a word.
 */
int
cb_check_keys(struct build *b, const cJSON *o, const char *const *keys,
    size_t nkeys)
{
	const char *bad;
	char buf[48];

	switch (jsonin_check_keys(o, keys, nkeys, &bad)) {
	case JSONIN_UNKNOWN:
		return cb_fail(b, "unknown key '%s'", jsonin_shown(bad, buf));
	case JSONIN_DUPLICATE:
		return cb_fail(b, "duplicate key '%s'", bad);
	}
	return TEND_OK;
}

/* Start an entry of a list: an object, named, with only its own keys. */
int
cb_begin_entry(struct build *b, const cJSON *o, const char *kind, size_t index,
    const char *const *keys, size_t nkeys)
{
	if (!cJSON_IsObject(o)) {
		label(b, kind, NULL, index);
		return cb_fail(b, "not an object");
	}
	label(b, kind, o, index);
	return cb_check_keys(b, o, keys, nkeys);
}

/*
 * The rules every text follows: a non-empty string of valid UTF-8 with no
 * control character (C0, DEL, C1), no space at either end, and at most max
 * characters.  *len gets its length in bytes.
 */
int
cb_check_text(struct build *b, const cJSON *v, const char *field, size_t max,
    size_t *len)
{
	const uint8_t *s;
	size_t n, chars;

	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return cb_fail(b, "'%s' must be a string", field);
	s = (const uint8_t *)v->valuestring;
	if ((n = strlen(v->valuestring)) == 0)
		return cb_fail(b, "'%s' is empty", field);
	if (!tend_utf8_valid(v->valuestring, n))
		return cb_fail(b, "'%s' is not valid UTF-8", field);
	if (jsonin_has_control(s, n))
		return cb_fail(b, "'%s' holds a control character", field);
	if (s[0] == ' ' || s[n - 1] == ' ')
		return cb_fail(b, "'%s' starts or ends with a space", field);
	/* No more characters than bytes: most texts need no count. */
	if (n > max && (chars = u8_mbsnlen(s, n)) > max)
		return cb_fail(b, "'%s' has %zu characters; the limit is %zu",
		    field, chars, max);
	*len = n;
	return TEND_OK;
}

/* A copy of n bytes and a NUL in the arena. */
const char *
cb_copy(struct build *b, const char *s, size_t n)
{
	char *p;

	if ((p = cb_arena_alloc(b->c, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* A text field, checked and copied; NULL in *out when optional and absent. */
int
cb_get_text(struct build *b, const cJSON *o, const char *key, size_t max,
    int need, const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	size_t n;
	int rc;

	*out = NULL;
	if (v == NULL)
		return need ? cb_fail(b, "'%s' is missing", key) : TEND_OK;
	if ((rc = cb_check_text(b, v, key, max, &n)) != TEND_OK)
		return rc;
	if ((*out = cb_copy(b, v->valuestring, n)) == NULL)
		return cb_nomem(b);
	return TEND_OK;
}

/* ---- Ids -------------------------------------------------------------- */

/* FNV-1a over the namespace and the id. */
static size_t
id_hash(unsigned ns, const char *id)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325) ^ ns;

	for (; *id != '\0'; id++) {
		h ^= (unsigned char)*id;
		h *= UINT64_C(0x100000001b3);
	}
	return (size_t)(h ^ h >> 32);
}

/* The entry with id in namespace ns, or NULL. */
const void *
cb_id_find(const struct idset *set, unsigned ns, const char *id)
{
	size_t h, i, mask = set->size - 1;

	if (set->size == 0)
		return NULL;
	h = id_hash(ns, id);
	for (i = h & mask; set->slots[i].id != NULL; i = (i + 1) & mask)
		if (set->slots[i].hash == h && set->slots[i].ns == ns &&
		    strcmp(set->slots[i].id, id) == 0)
			return set->slots[i].entry;
	return NULL;
}

static void
id_put(struct slot *slots, size_t size, const struct slot *s)
{
	size_t i;

	for (i = s->hash & (size - 1); slots[i].id != NULL;
	    i = (i + 1) & (size - 1))
		;
	slots[i] = *s;
}

/* Record a new id; kept at most half full.  -1 when out of memory. */
static int
id_add(struct idset *set, unsigned ns, const char *id, const void *entry)
{
	struct slot s, *slots;
	size_t size, i;

	if ((set->used + 1) * 2 > set->size) {
		size = set->size > 0 ? set->size * 2 : 1024;
		if (size < set->size || (slots = calloc(size,
		    sizeof(*slots))) == NULL)
			return -1;
		for (i = 0; i < set->size; i++)
			if (set->slots[i].id != NULL)
				id_put(slots, size, &set->slots[i]);
		free(set->slots);
		set->slots = slots;
		set->size = size;
	}
	s.id = id;
	s.entry = entry;
	s.hash = id_hash(ns, id);
	s.ns = ns;
	id_put(set->slots, set->size, &s);
	set->used++;
	return 0;
}

/*
 * The entry's id: present, well formed, new in its namespace (built-in
 * and user content together), copied and recorded.
 */
int
cb_new_id(struct build *b, const cJSON *o, unsigned ns, const void *entry,
    const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "id");

	if (v == NULL)
		return cb_fail(b, "'id' is missing");
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return cb_fail(b, "'id' must be a string");
	if (v->valuestring[0] == '\0')
		return cb_fail(b, "'id' is empty");
	if (!valid_id(v->valuestring))
		return cb_fail(b, "'id' must be lowercase letters and digits "
		    "in words joined by single hyphens, at most %d characters",
		    ID_MAX);
	if (cb_id_find(&b->ids, ns, v->valuestring) != NULL)
		return cb_fail(b, "duplicate id");
	if ((*out = cb_copy(b, v->valuestring, strlen(v->valuestring))) ==
	    NULL || id_add(&b->ids, ns, *out, entry) == -1)
		return cb_nomem(b);
	return TEND_OK;
}

/*
 * A string naming something else (a source, a topic, a kind): borrowed
 * from the tree, for lookup only.  NULL in *out when optional and absent.
 */
int
cb_get_name(struct build *b, const cJSON *o, const char *key, int need,
    const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	*out = NULL;
	if (v == NULL)
		return need ? cb_fail(b, "'%s' is missing", key) : TEND_OK;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return cb_fail(b, "'%s' must be a string", key);
	if (v->valuestring[0] == '\0')
		return cb_fail(b, "'%s' is empty", key);
	*out = v->valuestring;
	return TEND_OK;
}

/* One of a fixed list of words; its index in *out, -1 when absent. */
int
cb_get_choice(struct build *b, const cJSON *o, const char *key, int need,
    const char *const *names, size_t n, const char *allowed, int *out)
{
	const char *s;
	size_t i;
	int rc;

	*out = -1;
	if ((rc = cb_get_name(b, o, key, need, &s)) != TEND_OK || s == NULL)
		return rc;
	for (i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return TEND_OK;
		}
	return cb_fail(b, "'%s' must be %s", key, allowed);
}

int
cb_get_bool(struct build *b, const cJSON *o, const char *key, int need,
    int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	*out = 0;
	if (v == NULL)
		return need ? cb_fail(b, "'%s' is missing", key) : TEND_OK;
	if (!cJSON_IsBool(v))
		return cb_fail(b, "'%s' must be true or false", key);
	*out = cJSON_IsTrue(v);
	return TEND_OK;
}

/*
 * An array field that must hold something; its length in *n.  cJSON's own
 * count is an int, so the children are counted here.
 */
int
cb_get_array(struct build *b, const cJSON *o, const char *key,
    const cJSON **out, size_t *n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key), *e;

	*n = 0;
	if (v == NULL)
		return cb_fail(b, "'%s' is missing", key);
	if (!cJSON_IsArray(v))
		return cb_fail(b, "'%s' must be an array", key);
	for (e = v->child; e != NULL; e = e->next)
		(*n)++;
	if (*n == 0)
		return cb_fail(b, "'%s' is empty", key);
	*out = v;
	return TEND_OK;
}

int
cb_get_source(struct build *b, const cJSON *o, const struct tend_source **out)
{
	const char *s;
	char buf[48];
	int rc;

	if ((rc = cb_get_name(b, o, "source", 1, &s)) != TEND_OK)
		return rc;
	if ((*out = cb_id_find(&b->ids, NS_SOURCE, s)) == NULL)
		return cb_fail(b, "'source': unknown source '%s'",
		    jsonin_shown(s, buf));
	return TEND_OK;
}

/* Required on tips and experiments; optional elsewhere, none by default. */
int
cb_get_intimacy(struct build *b, const cJSON *o, int need,
    enum tend_intimacy *out)
{
	int i, rc;

	*out = TEND_INTIMACY_NONE;
	if ((rc = cb_get_choice(b, o, "intimacy", need, intimacy_names,
	    NELEM(intimacy_names), "none, affection or sexual", &i)) ==
	    TEND_OK && i >= 0)
		*out = (enum tend_intimacy)i;
	return rc;
}

unsigned
cb_tag_bit(const char *name)
{
	size_t i;

	for (i = 0; i < NELEM(tags); i++)
		if (strcmp(name, tags[i].name) == 0)
			return tags[i].bit;
	return 0;
}

/*
 * The rut or blocker names of an array, as TEND_RUT_/TEND_BLOCK_ bits.  The
 * array may be empty: an experiment that helps with no blocker says so
 * rather than carry a wrong tag that would steer suggestions.
 */
int
cb_get_tags(struct build *b, const cJSON *o, const char *key, unsigned allowed,
    const char *what, const char *names, unsigned *bits)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key), *e;
	unsigned bit;
	char buf[48];

	if (v == NULL)
		return cb_fail(b, "'%s' is missing", key);
	if (!cJSON_IsArray(v))
		return cb_fail(b, "'%s' must be an array", key);
	for (e = v->child; e != NULL; e = e->next) {
		if (!cJSON_IsString(e) || e->valuestring == NULL)
			return cb_fail(b, "'%s' must hold only strings", key);
		if ((bit = cb_tag_bit(e->valuestring) & allowed) == 0)
			return cb_fail(b, "'%s': unknown %s '%s' (%s)", key,
			    what, jsonin_shown(e->valuestring, buf), names);
		if (*bits & bit)
			return cb_fail(b, "'%s': '%s' is listed twice", key,
			    e->valuestring);
		*bits |= bit;
	}
	return TEND_OK;
}

/*
 * What an experiment assumes (optional): names from needs[], each once, as
 * TEND_NEED_ bits.
 */
int
cb_get_needs(struct build *b, const cJSON *o, unsigned *bits)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "needs"), *e;
	size_t i;
	char buf[48];

	*bits = 0;
	if (v == NULL)
		return TEND_OK;
	if (!cJSON_IsArray(v))
		return cb_fail(b, "'needs' must be an array");
	for (e = v->child; e != NULL; e = e->next) {
		if (!cJSON_IsString(e) || e->valuestring == NULL)
			return cb_fail(b, "'needs' must hold only strings");
		for (i = 0; i < NELEM(needs); i++)
			if (strcmp(e->valuestring, needs[i].name) == 0)
				break;
		if (i == NELEM(needs))
			return cb_fail(b, "'needs': unknown need '%s' "
			    "(together, bed, walk, money)",
			    jsonin_shown(e->valuestring, buf));
		if (*bits & needs[i].bit)
			return cb_fail(b, "'needs': '%s' is listed twice",
			    needs[i].name);
		*bits |= needs[i].bit;
	}
	return TEND_OK;
}

const char *
tend_need_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < NELEM(needs); i++)
		if (needs[i].bit == bit)
			return needs[i].name;
	return NULL;
}

const char *
tend_intimacy_name(enum tend_intimacy i)
{
	return (unsigned)i < NELEM(intimacy_names) ? intimacy_names[i] :
	    "unknown";
}

int
tend_intimacy_parse(const char *s, enum tend_intimacy *out)
{
	size_t i;

	for (i = 0; s != NULL && i < NELEM(intimacy_names); i++)
		if (strcmp(s, intimacy_names[i]) == 0) {
			*out = (enum tend_intimacy)i;
			return TEND_OK;
		}
	return TEND_EINVAL;
}

const char *
cb_tag_name(size_t i)
{
	return i < NELEM(tags) ? tags[i].name : NULL;
}
