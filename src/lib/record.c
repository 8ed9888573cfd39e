/*
 * record.c - one description of each kind of record a journal exchanges:
 * its fields as an export spells them, which of them identify it across
 * two journals made apart (its natural key), which may change after it is
 * made, and what a merge does when both journals hold it with other
 * content.  Export writes from it, import reads and merges by it, and a
 * sync will send what it describes.
 */
#include <stddef.h>
#include <string.h>

#include "tend-int.h"

static const struct rec_field partner_fields[] = {
	{ "id", 0, NULL },
	{ "name", REC_KEY, NULL },
	{ "created", 0, NULL },
};
static const struct rec_field checkin_fields[] = {
	{ "id", 0, NULL },
	{ "week", REC_KEY, NULL },
	{ "deck", REC_KEY, NULL },
	{ "started", 0, NULL },
	{ "finished", REC_NULL | REC_MUTABLE, NULL },
};
static const struct rec_field answer_fields[] = {
	{ "id", 0, NULL },
	{ "checkin", REC_REF | REC_KEY, NULL },
	{ "partner", REC_REF | REC_KEY, NULL },
	{ "question", REC_KEY, NULL },
	{ "prompt", 0, NULL },
	{ "kind", 0, NULL },
	{ "value", REC_NULL | REC_MUTABLE, NULL },
	{ "created", 0, NULL },
	{ "updated", REC_MUTABLE, NULL },
};
static const struct rec_field note_fields[] = {
	{ "id", 0, NULL },
	{ "from", REC_REF, NULL },
	{ "to", REC_REF, NULL },
	{ "text", 0, NULL },
	{ "week", 0, NULL },
	{ "created", 0, NULL },
	{ "answer", REC_REF | REC_NULL, NULL },
};
static const struct rec_field experiment_fields[] = {
	{ "id", 0, NULL },
	{ "week", 0, NULL },
	{ "item", 0, NULL },
	{ "title", 0, NULL },
	{ "chosen", 0, NULL },
	{ "outcome", REC_NULL | REC_MUTABLE, NULL },
	{ "felt", REC_NULL | REC_INT | REC_MUTABLE, NULL },
	{ "reflection", REC_NULL | REC_MUTABLE, NULL },
	{ "updated", REC_NULL | REC_MUTABLE, NULL },
};
/* An assessment's lists: one item a statement answered, an outcome scored. */
static const struct rec_field answer_item[] = {
	{ "statement", 0, NULL },
	{ "value", REC_INT, NULL },
};
static const struct rec_field score_item[] = {
	{ "outcome", 0, NULL },
	{ "score", REC_REAL, NULL },
	{ "fits", REC_BOOL, NULL },
};
static const struct rec_list answers = {
	answer_item, NELEM(answer_item), "SELECT statement, value FROM"
	" assessment_answer WHERE assessment_id = ?1 ORDER BY statement"
};
static const struct rec_list scores = {
	score_item, NELEM(score_item), "SELECT outcome, score, fits FROM"
	" assessment_score WHERE assessment_id = ?1 ORDER BY outcome"
};
/* "partner" is absent in exports from before each partner answered alone. */
static const struct rec_field assessment_fields[] = {
	{ "id", 0, NULL },
	{ "taken", 0, NULL },
	{ "partner", REC_REF | REC_NULL | REC_OPTIONAL, NULL },
	{ "answers", REC_LIST, &answers },
	{ "scores", REC_LIST, &scores },
};
static const struct rec_field setting_fields[] = {
	{ "key", REC_KEY, NULL },
	{ "value", REC_MUTABLE, NULL },
	{ "updated", REC_MUTABLE, NULL },
};

/*
 * In the order import needs, which is enum tend_record's: every record
 * comes after the records it names (answers after check-ins and partners,
 * notes after answers).  Row order within a table keeps a round trip
 * identical.
 */
const struct rec_desc rec_descs[TEND_NRECORDS] = {
	[TEND_REC_PARTNER] = { "partner", { "partner", "partners" },
	  partner_fields, NELEM(partner_fields), REC_SAME,
	  "SELECT uuid, name, created FROM partner ORDER BY id" },
	[TEND_REC_CHECKIN] = { "checkin", { "check-in", "check-ins" },
	  checkin_fields, NELEM(checkin_fields), REC_SAME,
	  "SELECT uuid, week, deck, started, finished FROM checkin"
	  " ORDER BY id" },
	[TEND_REC_ANSWER] = { "answer", { "answer", "answers" },
	  answer_fields, NELEM(answer_fields), REC_SAME,
	  "SELECT a.uuid, c.uuid, p.uuid, a.question, a.prompt, a.kind,"
	  " a.value, a.created, a.updated FROM answer a"
	  " JOIN checkin c ON c.id = a.checkin_id"
	  " JOIN partner p ON p.id = a.partner_id ORDER BY a.id" },
	[TEND_REC_NOTE] = { "note", { "note", "notes" },
	  note_fields, NELEM(note_fields), REC_SAME,
	  "SELECT n.uuid, f.uuid, o.uuid, n.body, n.week, n.created, a.uuid"
	  " FROM note n JOIN partner f ON f.id = n.from_id"
	  " JOIN partner o ON o.id = n.to_id"
	  " LEFT JOIN answer a ON a.id = n.answer_id ORDER BY n.id" },
	[TEND_REC_EXPERIMENT] = { "experiment", { "experiment",
	  "experiments" }, experiment_fields, NELEM(experiment_fields),
	  REC_SAME,
	  "SELECT uuid, week, item, title, chosen, outcome, felt, reflection,"
	  " updated FROM experiment ORDER BY id" },
	[TEND_REC_ASSESSMENT] = { "assessment", { "assessment",
	  "assessments" }, assessment_fields, NELEM(assessment_fields),
	  REC_SAME,
	  "SELECT a.uuid, a.taken, p.uuid, a.id FROM assessment a"
	  " LEFT JOIN partner p ON p.id = a.partner_id ORDER BY a.id" },
	[TEND_REC_SETTING] = { "setting", { "setting", "settings" },
	  setting_fields, NELEM(setting_fields), REC_OURS,
	  "SELECT key, value, updated FROM setting ORDER BY key" },
};

const struct rec_desc *
rec_find(const char *type)
{
	size_t i;

	for (i = 0; type != NULL && i < TEND_NRECORDS; i++)
		if (strcmp(rec_descs[i].type, type) == 0)
			return &rec_descs[i];
	return NULL;
}

const struct rec_field *
rec_list_field(const struct rec_desc *d, size_t nth)
{
	size_t i;

	for (i = 0; i < d->nfields; i++)
		if ((d->fields[i].flags & REC_LIST) && nth-- == 0)
			return &d->fields[i];
	return NULL;
}

const char *
tend_record_name(enum tend_record r, int plural)
{
	if ((unsigned)r >= TEND_NRECORDS)
		return "record";
	return rec_descs[r].name[plural != 0];
}
