/*
 * schema.c - the journal's tables, as the ordered migrations that make
 * them: text for db.c to run, no SQLite here.
 */
#include <stddef.h>

#include "tend-int.h"

/*
 * Schema v1.  Every record has a UUID (so journals merge by import) and
 * UTC RFC 3339 times.  The full-text index keeps its own copy of the text;
 * its rowid is the source row's id times 4 plus the kind (1 answer, 2 note,
 * 3 experiment reflection), so the triggers keep it in sync by rowid.
 */
static const char v1[] =
	"CREATE TABLE partner ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
	" created TEXT NOT NULL);"
	"CREATE TABLE checkin ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" week TEXT NOT NULL,"
	" deck TEXT NOT NULL,"
	" started TEXT NOT NULL,"
	" finished TEXT,"
	" UNIQUE (week, deck));"
	"CREATE TABLE answer ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" checkin_id INTEGER NOT NULL REFERENCES checkin(id) ON DELETE CASCADE,"
	" partner_id INTEGER NOT NULL REFERENCES partner(id),"
	" question TEXT NOT NULL,"
	" prompt TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('text', 'scale', 'yesno')),"
	" value TEXT,"
	" created TEXT NOT NULL,"
	" updated TEXT NOT NULL,"
	" UNIQUE (checkin_id, partner_id, question));"
	"CREATE TABLE note ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" from_id INTEGER NOT NULL REFERENCES partner(id),"
	" to_id INTEGER NOT NULL REFERENCES partner(id),"
	" body TEXT NOT NULL,"
	" week TEXT NOT NULL,"
	" created TEXT NOT NULL,"
	" answer_id INTEGER REFERENCES answer(id) ON DELETE SET NULL);"
	"CREATE INDEX note_created ON note(created);"
	"CREATE INDEX note_week ON note(week);"
	"CREATE TABLE experiment ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" week TEXT NOT NULL,"
	" item TEXT NOT NULL,"
	" title TEXT NOT NULL,"
	" chosen TEXT NOT NULL,"
	" outcome TEXT CHECK (outcome IN ('tried', 'skipped')),"
	" felt INTEGER CHECK (felt BETWEEN 1 AND 5),"
	" reflection TEXT,"
	" updated TEXT);"
	"CREATE INDEX experiment_week ON experiment(week);"
	"CREATE TABLE assessment ("
	" id INTEGER PRIMARY KEY,"
	" uuid TEXT NOT NULL UNIQUE,"
	" taken TEXT NOT NULL);"
	"CREATE TABLE assessment_answer ("
	" assessment_id INTEGER NOT NULL REFERENCES assessment(id)"
	"  ON DELETE CASCADE,"
	" statement TEXT NOT NULL,"
	" value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),"
	" PRIMARY KEY (assessment_id, statement));"
	"CREATE TABLE assessment_score ("
	" assessment_id INTEGER NOT NULL REFERENCES assessment(id)"
	"  ON DELETE CASCADE,"
	" outcome TEXT NOT NULL,"
	" score REAL NOT NULL,"
	" fits INTEGER NOT NULL CHECK (fits IN (0, 1)),"
	" PRIMARY KEY (assessment_id, outcome));"
	"CREATE TABLE setting ("
	" key TEXT PRIMARY KEY,"
	" value TEXT NOT NULL,"
	" updated TEXT NOT NULL);"
	"CREATE VIRTUAL TABLE fts USING fts5(body,"
	" tokenize = 'unicode61 remove_diacritics 2');"
	"CREATE TRIGGER answer_ai AFTER INSERT ON answer"
	" WHEN new.kind = 'text' AND new.value IS NOT NULL BEGIN"
	" INSERT INTO fts(rowid, body) VALUES (new.id * 4 + 1, new.value); END;"
	"CREATE TRIGGER answer_au AFTER UPDATE OF value, kind ON answer BEGIN"
	" DELETE FROM fts WHERE rowid = old.id * 4 + 1;"
	" INSERT INTO fts(rowid, body) SELECT new.id * 4 + 1, new.value"
	"  WHERE new.kind = 'text' AND new.value IS NOT NULL; END;"
	"CREATE TRIGGER answer_ad AFTER DELETE ON answer BEGIN"
	" DELETE FROM fts WHERE rowid = old.id * 4 + 1; END;"
	"CREATE TRIGGER note_ai AFTER INSERT ON note BEGIN"
	" INSERT INTO fts(rowid, body) VALUES (new.id * 4 + 2, new.body); END;"
	"CREATE TRIGGER note_au AFTER UPDATE OF body ON note BEGIN"
	" UPDATE fts SET body = new.body WHERE rowid = old.id * 4 + 2; END;"
	"CREATE TRIGGER note_ad AFTER DELETE ON note BEGIN"
	" DELETE FROM fts WHERE rowid = old.id * 4 + 2; END;"
	"CREATE TRIGGER experiment_ai AFTER INSERT ON experiment"
	" WHEN new.reflection IS NOT NULL BEGIN"
	" INSERT INTO fts(rowid, body) VALUES (new.id * 4 + 3, new.reflection);"
	" END;"
	"CREATE TRIGGER experiment_au AFTER UPDATE OF reflection ON experiment"
	" BEGIN"
	" DELETE FROM fts WHERE rowid = old.id * 4 + 3;"
	" INSERT INTO fts(rowid, body) SELECT new.id * 4 + 3, new.reflection"
	"  WHERE new.reflection IS NOT NULL; END;"
	"CREATE TRIGGER experiment_ad AFTER DELETE ON experiment BEGIN"
	" DELETE FROM fts WHERE rowid = old.id * 4 + 3; END;";

/*
 * Schema v2: two small indexes that answer what history and stats ask of
 * every answer ever given, so that they read a few pages and not the whole
 * answer table (whose rows hold long text).  answer_rating holds the
 * ratings whole (numbers, no text; kind is in it too, as SQLite 3.40 does
 * not see that the partial index's condition fixes it); answer_said finds
 * the answers that say something, by the GLOB stats.c uses for "not
 * blank", so that a count reads those rows and no others.
 * Ten years of check-ins: history and stats 3.9 -> 2.6 ms (make bench).
 */
static const char v2[] =
	"CREATE INDEX answer_rating ON answer(question, kind, checkin_id,"
	" partner_id, value, updated) WHERE kind = 'scale';"
	"CREATE INDEX answer_said ON answer(question)"
	" WHERE value GLOB '*[^ ' || char(9, 10, 13) || ']*';";

/*
 * Schema v3: each partner answers the assessment alone (issue 11).  An
 * assessment names whose it is; one from before (NULL) was answered by
 * the couple together, and is shown as such until each has answered.
 */
static const char v3[] =
	"ALTER TABLE assessment ADD COLUMN partner_id INTEGER"
	" REFERENCES partner(id);";

/*
 * Schema v4: mending without loss, in a model that two copies of a journal
 * can exchange (issues 13 and 14).  Every record says when it last changed
 * and on which device (replica.device: this copy's random id); a deleted
 * record leaves a tombstone; every write is a change whose log says how to
 * take it back (change.c, which makes the logging triggers from the
 * columns below).  Rows from before are stamped as made on this device.
 */
static const char v4[] =
	"CREATE TABLE replica ("
	" id INTEGER PRIMARY KEY CHECK (id = 1),"
	" device TEXT NOT NULL);"
	"INSERT INTO replica(id, device) VALUES (1, lower(hex(randomblob(8))));"
	"ALTER TABLE partner ADD COLUMN updated TEXT;"
	"ALTER TABLE partner ADD COLUMN device TEXT;"
	"UPDATE partner SET updated = created,"
	" device = (SELECT device FROM replica);"
	"ALTER TABLE checkin ADD COLUMN updated TEXT;"
	"ALTER TABLE checkin ADD COLUMN device TEXT;"
	"UPDATE checkin SET updated = coalesce(finished, started),"
	" device = (SELECT device FROM replica);"
	"ALTER TABLE answer ADD COLUMN device TEXT;"
	"UPDATE answer SET device = (SELECT device FROM replica);"
	"ALTER TABLE note ADD COLUMN updated TEXT;"
	"ALTER TABLE note ADD COLUMN device TEXT;"
	"UPDATE note SET updated = created,"
	" device = (SELECT device FROM replica);"
	"ALTER TABLE experiment ADD COLUMN device TEXT;"
	"UPDATE experiment SET device = (SELECT device FROM replica);"
	"ALTER TABLE assessment ADD COLUMN updated TEXT;"
	"ALTER TABLE assessment ADD COLUMN device TEXT;"
	"UPDATE assessment SET updated = taken,"
	" device = (SELECT device FROM replica);"
	"ALTER TABLE setting ADD COLUMN device TEXT;"
	"UPDATE setting SET device = (SELECT device FROM replica);"
	"CREATE TABLE tombstone ("
	" uuid TEXT PRIMARY KEY,"
	" kind TEXT NOT NULL,"
	" deleted TEXT NOT NULL,"
	" device TEXT NOT NULL);"
	"CREATE TABLE change ("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"
	" device TEXT NOT NULL,"
	" what TEXT NOT NULL,"
	" open INTEGER CHECK (open IN (1, 2)));"
	"CREATE UNIQUE INDEX change_open ON change(open) WHERE open IS NOT NULL;"
	"CREATE TABLE change_step ("
	" id INTEGER PRIMARY KEY,"
	" change_id INTEGER NOT NULL REFERENCES change(id) ON DELETE CASCADE,"
	" undo TEXT NOT NULL);"
	"CREATE INDEX change_step_change ON change_step(change_id);";

/*
 * The ordered migrations: steps[i] takes version i to i + 1.  A new
 * journal is made by running them all, so it is the same as one upgraded.
 */
const struct db_step schema_steps[] = {
	{ v1, NULL },
	{ v2, NULL },
	{ v3, NULL },
	{ v4, change_triggers },
};

int
tend_schema_version(void)
{
	return (int)(sizeof(schema_steps) / sizeof(schema_steps[0]));
}
