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

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct rec_field partner_fields[] = {
	{ "id", 0 }, { "name", REC_KEY }, { "created", 0 },
};
static const struct rec_field checkin_fields[] = {
	{ "id", 0 }, { "week", REC_KEY }, { "deck", REC_KEY },
	{ "started", 0 }, { "finished", REC_NULL | REC_MUTABLE },
};
static const struct rec_field answer_fields[] = {
	{ "id", 0 }, { "checkin", REC_REF | REC_KEY },
	{ "partner", REC_REF | REC_KEY }, { "question", REC_KEY },
	{ "prompt", 0 }, { "kind", 0 },
	{ "value", REC_NULL | REC_MUTABLE }, { "created", 0 },
	{ "updated", REC_MUTABLE },
};
static const struct rec_field note_fields[] = {
	{ "id", 0 }, { "from", REC_REF }, { "to", REC_REF }, { "text", 0 },
	{ "week", 0 }, { "created", 0 }, { "answer", REC_REF | REC_NULL },
};
static const struct rec_field experiment_fields[] = {
	{ "id", 0 }, { "week", 0 }, { "item", 0 }, { "title", 0 },
	{ "chosen", 0 }, { "outcome", REC_NULL | REC_MUTABLE },
	{ "felt", REC_NULL | REC_INT | REC_MUTABLE },
	{ "reflection", REC_NULL | REC_MUTABLE },
	{ "updated", REC_NULL | REC_MUTABLE },
};
/* "partner" is absent in exports from before each partner answered alone. */
static const struct rec_field assessment_fields[] = {
	{ "id", 0 }, { "taken", 0 },
	{ "partner", REC_REF | REC_NULL | REC_OPTIONAL },
	{ "answers", REC_LIST }, { "scores", REC_LIST },
};
static const struct rec_field setting_fields[] = {
	{ "key", REC_KEY }, { "value", REC_MUTABLE },
	{ "updated", REC_MUTABLE },
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
	  REC_SAME, NULL },
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

const char *
tend_record_name(enum tend_record r, int plural)
{
	if ((unsigned)r >= TEND_NRECORDS)
		return "record";
	return rec_descs[r].name[plural != 0];
}
