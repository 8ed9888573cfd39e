/*
 * content-int.h - what the three files of the catalogue share and nothing
 * else includes: content.c (memory, messages, parsing, loading), fields.c
 * (each field checked and copied, ids, tags) and entries.c (each list's
 * entries, the assessment).  cJSON types go no further.
 */
#ifndef CONTENT_INT_H
#define CONTENT_INT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "tend-int.h"

#define ID_MAX		40	/* characters, from data/README.md */

/*
 * Everything the catalogue points to lives in a chain of blocks freed
 * together: thousands of small strings cost a few mallocs, and one walk
 * frees them.
 */
struct chunk {
	struct chunk	*next;
	size_t		 used;
	size_t		 size;
	max_align_t	 data[];
};

struct content {
	struct tend_catalog	 cat;
	struct chunk		*chunks;
	struct content		*older;		/* content_retire's list */
};

/* The lists a content file may hold, in the order they are built. */
enum kind { K_SOURCE, K_TOPIC, K_DECK, K_TIP, K_EXPERIMENT, NKINDS };

struct file {
	const char	*name;
	cJSON		*root;
	const cJSON	*lists[NKINDS];
	int		 user;
};

/* Which entry a message is about; put into words only on failure. */
struct label {
	const char	*kind;	/* "tip"; NULL: the file itself */
	const char	*id;	/* its id when that is a good one */
	size_t		 index;	/* its place in its list from 1; 0: none */
};

/* The namespaces of ids: each kind has its own (data/README.md). */
enum ns {
	NS_SOURCE, NS_TOPIC, NS_DECK, NS_QUESTION, NS_TIP, NS_EXPERIMENT,
	NS_OUTCOME, NS_STATEMENT
};

/*
 * Every id seen so far, in an open-addressing hash table, so that
 * duplicates and references are found in constant time however long the
 * user's file is.
 */
struct slot {
	const char	*id;		/* NULL: free */
	const void	*entry;
	size_t		 hash;
	unsigned	 ns;
};

struct idset {
	struct slot	*slots;
	size_t		 size;		/* a power of two, or 0 */
	size_t		 used;
};

struct tag {
	const char	*name;
	unsigned	 bit;
};

/* The state of one load: the arrays being filled and where we are. */
struct build {
	struct tend		*t;
	struct content		*c;
	struct idset		 ids;
	const char		*file;		/* for messages */
	struct label		 entry;
	struct label		 parent;	/* a question's deck */
	size_t			 cap[NKINDS];	/* entries in all files */
	struct tend_source	*sources;
	size_t			 nsources;
	struct tend_topic	*topics;
	size_t			 ntopics;
	struct tend_deck	*decks;
	size_t			 ndecks;
	struct tend_tip		*tips;
	size_t			 ntips;
	struct tend_experiment	*experiments;
	size_t			 nexperiments;
	struct tend_outcome	*outcomes;
	size_t			 noutcomes;
	struct tend_statement	*statements;
	size_t			 nstatements;
	const struct tend_question *connection;
};

/* content.c: the arena, and messages naming the file, entry and field. */
void	*cb_arena_alloc(struct content *c, size_t n);
void	*cb_arena_array(struct content *c, size_t n, size_t size);
int	cb_fail(struct build *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	cb_at_file(struct build *b, const char *file);
int	cb_nomem(struct build *b);

/* fields.c: an entry begun, its fields checked and copied, its ids. */
int	cb_check_keys(struct build *b, const cJSON *o,
	    const char *const *keys, size_t nkeys);
int	cb_begin_entry(struct build *b, const cJSON *o, const char *kind,
	    size_t index, const char *const *keys, size_t nkeys);
int	cb_check_text(struct build *b, const cJSON *v, const char *field,
	    size_t max, size_t *len);
const char	*cb_copy(struct build *b, const char *s, size_t n);
int	cb_get_text(struct build *b, const cJSON *o, const char *key,
	    size_t max, int need, const char **out);
const void	*cb_id_find(const struct idset *set, unsigned ns,
	    const char *id);
int	cb_new_id(struct build *b, const cJSON *o, unsigned ns,
	    const void *entry, const char **out);
int	cb_get_name(struct build *b, const cJSON *o, const char *key,
	    int need, const char **out);
int	cb_get_choice(struct build *b, const cJSON *o, const char *key,
	    int need, const char *const *names, size_t n, const char *allowed,
	    int *out);
int	cb_get_bool(struct build *b, const cJSON *o, const char *key,
	    int need, int *out);
int	cb_get_array(struct build *b, const cJSON *o, const char *key,
	    const cJSON **out, size_t *n);
int	cb_get_source(struct build *b, const cJSON *o,
	    const struct tend_source **out);
int	cb_get_intimacy(struct build *b, const cJSON *o, int need,
	    enum tend_intimacy *out);
unsigned	cb_tag_bit(const char *name);
int	cb_get_tags(struct build *b, const cJSON *o, const char *key,
	    unsigned allowed, const char *what, const char *names,
	    unsigned *bits);
int	cb_get_needs(struct build *b, const cJSON *o, unsigned *bits);
/* The name of rut or blocker tag i, NULL past the last. */
const char	*cb_tag_name(size_t i);

/* entries.c: the adder of each kind of list, and the assessment. */
extern int (*const cb_adders[NKINDS])(struct build *, const struct file *,
    const cJSON *, size_t);
int	cb_build_assessment(struct build *b, const cJSON *root);

#endif
