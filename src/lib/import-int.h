/*
 * import-int.h - what import.c (the reader: lines, strict JSON, fields,
 * the driver) and merge.c (each record merged into the journal by its
 * description in record.c) share, and nothing else includes.
 */
#ifndef IMPORT_INT_H
#define IMPORT_INT_H

#include <cjson/cJSON.h>

#include "tend-int.h"

#define SHORT_MAX	1000	/* characters in prompts, setting values */
#define KEY_MAX		40	/* characters in deck, question ids */

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
	const struct rec_desc	*rec;		/* and what it is */
	struct sqlite3_stmt	*q[NQ];
	struct tend_import_stats *stats;
};

/*
 * import.c: "line 7: note: 'from' is not a known partner id" as
 * TEND_EDATA, and the fields of a record, each checked and borrowed from
 * the parsed line.
 */
int	imp_bad(struct imp *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* An object's keys: those of fields (after "type" when typed), no others. */
int	imp_fields(struct imp *, const cJSON *, const struct rec_field *,
	    size_t n, int typed);
int	imp_nomem(struct imp *m);
int	imp_keys(struct imp *m, const cJSON *o, const char *const *list,
	    size_t n);
int	imp_str(struct imp *m, const cJSON *o, const char *key, int may_null,
	    const char **out);
int	imp_line_text(struct imp *m, const cJSON *o, const char *key,
	    size_t max, int may_null, const char **out);
int	imp_body_text(struct imp *m, const cJSON *o, const char *key,
	    int may_null, const char **out);
int	imp_uuid(struct imp *m, const cJSON *o, const char *key,
	    int may_null, const char **out);
int	imp_stamp(struct imp *m, const cJSON *o, const char *key,
	    int may_null, const char **out);
int	imp_week(struct imp *m, const cJSON *o, const char *key, int ahead,
	    const char **out);
int	imp_ident(struct imp *m, const cJSON *o, const char *key,
	    const char **out);
int	imp_integer(struct imp *m, const cJSON *v, const char *key, int lo,
	    int hi, long long *out);

/*
 * merge.c: begin prepares the statements and the map of ids from the file
 * to the journal's; record merges one record (m->rec says which kind);
 * finish checks the journal has its couple and gives it its own id; end
 * drops what begin made, close only its statements (on any failure).
 */
int	merge_begin(struct imp *);
int	merge_record(struct imp *, const cJSON *);
int	merge_finish(struct imp *);
int	merge_end(struct imp *);
void	merge_close(struct imp *);

#endif
