#!/usr/bin/env bats
# tend undo, tend trash and tend notes edit/delete: every mend can be
# taken back, and what is taken back is the journal as it was (issue 13).

load helper

# state J: the whole journal as .dump prints it, from a copy whose search
# index is rebuilt from its own content: FTS5's segments record the order
# of past writes, not only what the index holds, so two journals with the
# same rows and the same indexed text dump alike only once rebuilt.  The
# lines are sorted: an import puts the search triggers back (it pauses
# them) after the others in the schema, and each line is whole (a row
# with its id, or an object's SQL) whatever its place.
state() {
	local c=$BATS_TEST_TMPDIR/state.db
	rm -f "$c"
	sqlite3 -batch "$1" ".backup '$c'"
	sql "$c" "INSERT INTO fts(fts) VALUES ('rebuild')"
	sql "$c" .dump | sort
}

# The short id of the newest note.
newest() {
	tend notes --json | jq -r '.[0].short'
}

@test "notes show a short id, unique in the journal, at least 7 digits" {
	couple
	tend thanks Alex for the tea >/dev/null
	tend thanks Sam for the soup >/dev/null
	run -0 tend notes
	assert_line -n 0 --regexp '^2026-11-21 10:00  Alex to Sam  [0-9a-f]{7}$'
	assert_line -n 2 --regexp '^2026-11-21 10:00  Sam to Alex  [0-9a-f]{7}$'
	# Two notes whose uuids share six digits need eight to be told apart.
	sql "$J" "UPDATE note SET uuid = 'abcdef12-0000-4000-8000-000000000001' WHERE id = 1;
	    UPDATE note SET uuid = 'abcdef19-0000-4000-8000-000000000002' WHERE id = 2"
	run -0 tend notes --json
	[ "$(jq -r '[.[].short] | sort | join(" ")' <<<"$output")" = "abcdef12 abcdef19" ]
	sql "$J" "UPDATE note SET uuid = 'abcdef12-3456-4000-8000-000000000002' WHERE id = 2"
	[ "$(tend notes --json | jq -r '[.[].short] | sort | join(" ")')" = "abcdef120 abcdef123" ]
	# Any unambiguous beginning names the note, dashes and case as one likes.
	run -0 tend notes delete ABCDEF12-3
	assert_output "Deleted the note abcdef123 from Alex to Sam; 'tend undo' takes that back."
}

@test "a note edited and deleted by its id; undo takes each back to the journal as it was" {
	couple
	tend thanks Alex for the tea >/dev/null
	tend thanks Sam for the sopu >/dev/null
	local id s0 s1 s2
	id=$(newest)
	s0=$(state "$J")
	run -0 tend notes edit "$id" for the soup
	assert_output "Edited the note $id from Alex to Sam; 'tend undo' takes that back."
	run -0 tend notes --limit 1
	assert_line -n 1 'for the soup'
	# The replaced words are out of search; the new ones in.
	[ "$(tend search sopu --json | jq length)" = 0 ]
	[ "$(tend search soup --json | jq length)" = 1 ]
	s1=$(state "$J")
	run -0 tend notes delete "$id"
	assert_output "Deleted the note $id from Alex to Sam; 'tend undo' takes that back."
	[ "$(tend notes --json | jq length)" = 1 ]
	[ "$(tend search soup --json | jq length)" = 0 ]
	# A deleted note leaves a tombstone, to travel to another laptop.
	[ "$(sql "$J" "SELECT kind FROM tombstone")" = note ]
	s2=$(state "$J")
	[ "$s2" != "$s1" ]
	run -0 tend undo
	assert_output "Undid: deleted the note $id from Alex to Sam."
	[ "$(state "$J")" = "$s1" ]
	[ "$(tend search soup --json | jq length)" = 1 ]
	run -0 tend undo
	assert_output "Undid: edited the note $id from Alex to Sam."
	[ "$(state "$J")" = "$s0" ]
	[ "$(tend search sopu --json | jq length)" = 1 ]
	[ "$(sql "$J" "PRAGMA integrity_check; INSERT INTO fts(fts) VALUES ('integrity-check')")" = ok ]
}

@test "notes edit takes the text from standard input, and says when nothing changes" {
	couple
	tend thanks Alex for the tea >/dev/null
	local id
	id=$(newest)
	run -0 tend notes edit "$id" <<<'for the green tea'
	[ "$(tend notes --json | jq -r '.[0].text')" = 'for the green tea' ]
	run -64 --separate-stderr tend notes edit "$id" for the green tea
	assert_equal "$stderr" "tend: note $id already says that; nothing was changed"
	run -1 --separate-stderr tend notes edit "$id" ''
	assert_equal "$stderr" "tend: empty note; nothing changed (to remove the note: tend notes delete $id)"
}

@test "bad ids: one line, exit 64, the journal unchanged" {
	couple
	tend thanks Alex for the tea >/dev/null
	tend thanks Sam for the soup >/dev/null
	sql "$J" "UPDATE note SET uuid = 'abcdef12-0000-4000-8000-000000000001' WHERE id = 1;
	    UPDATE note SET uuid = 'abcdef19-0000-4000-8000-000000000002' WHERE id = 2"
	local before id
	before=$(state "$J")
	for id in zzz12345 abc 12345678 abcdef1 ''; do
		run -64 --separate-stderr tend notes delete "$id"
		[ -z "$output" ]
		[ "$(wc -l <<<"$stderr")" = 1 ]
		[[ "$stderr" == "tend: "* ]]
	done
	run -64 --separate-stderr tend notes edit abcdef1 new words
	assert_equal "$stderr" "tend: the id 'abcdef1' is ambiguous: notes abcdef12 and abcdef19 both begin with it; give more of its digits"
	run -64 --separate-stderr tend notes delete zzz12345
	assert_equal "$stderr" "tend: 'zzz12345' is not a note's id: an id is hexadecimal digits, as the list of notes shows them"
	run -64 --separate-stderr tend notes delete 12345678
	assert_equal "$stderr" "tend: no note has the id '12345678'"
	run -64 --separate-stderr tend notes delete
	assert_equal "$stderr" "tend: say which note: tend notes delete ID (the id 'tend notes' shows)"
	run -64 --separate-stderr tend notes remove abcdef12
	assert_equal "$stderr" "tend: 'remove' is not a notes subcommand: use edit or delete, or options to filter the list"
	[ "$(state "$J")" = "$before" ]
	[ "$(sql "$J" "SELECT count(*) FROM change")" = 2 ]
}

@test "a note made from an answer not yet seen cannot be found by its id" {
	couple
	both | head -1 | tend checkin --as Sam >/dev/null 2>&1 || true
	local uuid
	uuid=$(sql "$J" "SELECT uuid FROM note WHERE answer_id IS NOT NULL")
	[ -n "$uuid" ]
	run -64 --separate-stderr tend notes delete "${uuid:0:8}"
	assert_equal "$stderr" "tend: no note has the id '${uuid:0:8}'"
	# Its writer, naming themselves, may mend it.
	run -0 tend notes delete --as Sam "${uuid:0:8}"
}

@test "nothing to undo: exit 1, one line; --list and --json show what can be" {
	couple
	run -1 --separate-stderr tend undo
	assert_equal "$stderr" "tend: nothing to undo: no change is left in the journal's log"
	[ -z "$output" ]
	run -0 --separate-stderr tend undo --list
	assert_equal "$stderr" "Nothing to undo."
	tend thanks Alex for the tea >/dev/null
	tend config intimacy none >/dev/null
	run -0 tend undo --list
	assert_output "$(printf '%s\n' '2026-11-21 10:00  set intimacy to none' '2026-11-21 10:00  added a note from Sam to Alex')"
	run -0 tend undo --list --json
	[ "$(jq -r '.[0].what' <<<"$output")" = "set intimacy to none" ]
	# Nothing was replaced yet: a new setting, a new note.
	[ "$(jq -r '[.[].kept] | join(" ")' <<<"$output")" = "false false" ]
	tend config intimacy affection >/dev/null
	[ "$(tend undo --list --json | jq -r '[.[].kept] | join(" ")')" = "true false false" ]
	run -64 --separate-stderr tend undo --json
	assert_equal "$stderr" "tend: --json goes with --list"
	run -64 tend undo now
}

@test "the trash: what was deleted or replaced, kept until emptied, then gone from the files" {
	couple
	tend thanks Alex for the marmalade sandwich >/dev/null
	tend thanks Alex for the walk >/dev/null
	tend notes delete "$(tend notes --json | jq -r '.[] | select(.text | test("marmalade")) | .short')" >/dev/null
	run -0 tend trash
	assert_output --regexp '^2026-11-21 10:00  deleted the note [0-9a-f]{7} from Sam to Alex$'
	[ "$(tend trash --json | jq length)" = 1 ]
	local before
	before=$(state "$J")
	run -64 --separate-stderr tend trash --empty
	assert_equal "$stderr" "tend: emptying the trash cannot be undone; add --yes to empty it from a script"
	[ "$(state "$J")" = "$before" ]
	# The words are still in the file, for undo.
	sqlite3 "$J" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	grep -q 'marmalade sandwich' "$J"
	run -0 tend trash --empty --yes
	assert_output "Emptied the trash: 3 changes forgotten; nothing before now can be undone."
	run -1 tend undo
	run -0 --separate-stderr tend trash
	assert_equal "$stderr" "The trash is empty."
	# Overwritten: neither the journal nor its WAL holds them.
	! grep -q 'marmalade sandwich' "$J" "$J-wal" 2>/dev/null
	! grep -q marmalade "$J" "$J-wal" 2>/dev/null
	[ "$(tend notes --json | jq -r '.[0].text')" = 'for the walk' ]
	[ "$(sql "$J" "PRAGMA integrity_check; INSERT INTO fts(fts) VALUES ('integrity-check')")" = ok ]
}

@test "changes older than 30 days leave the log, with what they kept" {
	couple
	tend thanks Alex for the tea >/dev/null
	tend notes delete "$(newest)" >/dev/null
	[ "$(sql "$J" "SELECT count(*) FROM change")" = 2 ]
	# 30 days on, both are still there; a day later the next change
	# takes them away.
	TEND_NOW=2026-12-21T10:00:00Z tend thanks Alex for the walk >/dev/null
	[ "$(sql "$J" "SELECT count(*) FROM change")" = 3 ]
	TEND_NOW=2026-12-22T10:00:01Z tend thanks Alex for the talk >/dev/null
	[ "$(sql "$J" "SELECT count(*) FROM change")" = 2 ]
	[ "$(sql "$J" "SELECT count(*) FROM change_step WHERE undo LIKE '%for the tea%'")" = 0 ]
	# The tombstone stays: a deletion must still reach another laptop.
	[ "$(sql "$J" "SELECT count(*) FROM tombstone")" = 1 ]
}

@test "a couple's weeks, taken back change by change, end as the journal was made" {
	couple
	local made n=0
	made=$(state "$J")
	both | tend checkin >/dev/null
	tend thanks Alex 'for the dishes' >/dev/null
	tend experiment >/dev/null
	tend experiment done --felt 4 we laughed a lot >/dev/null
	tend experiment done --yes --felt 2 it was hard >/dev/null
	jq -r '.statements[] | select(.intimacy != "sexual")
	    | if .reverse then "5" else "1" end' \
	    "$TEND_TOP/data/assessment.json" | tend assess --as Sam >/dev/null 2>&1
	tend config intimacy none >/dev/null
	tend notes edit "$(newest)" for the dishes, twice >/dev/null
	tend notes delete "$(tend notes --json | jq -r '.[-1].short')" >/dev/null
	printf '%s\n' 'the soup' | TEND_NOW=2026-11-22T10:00:00Z tend checkin --redo 1 --as Sam >/dev/null
	# Another journal's notes, imported.
	tend --db "$BATS_TEST_TMPDIR/other.db" init -p Sam -p Alex >/dev/null
	tend --db "$BATS_TEST_TMPDIR/other.db" thanks Sam for the map >/dev/null
	tend --db "$BATS_TEST_TMPDIR/other.db" export -o "$BATS_TEST_TMPDIR/other.jsonl"
	tend import "$BATS_TEST_TMPDIR/other.jsonl" >/dev/null
	[ "$(tend search map --json | jq length)" = 1 ]
	[ "$(state "$J")" != "$made" ]
	while tend undo >/dev/null 2>&1; do
		n=$((n + 1))
	done
	echo "# $n changes undone" >&3
	[ "$n" -gt 30 ]
	[ "$(state "$J")" = "$made" ]
	[ "$(sql "$J" "PRAGMA integrity_check; PRAGMA foreign_key_check; INSERT INTO fts(fts) VALUES ('integrity-check')")" = ok ]
}

@test "an import is one change: undo takes all of it back" {
	couple
	tend thanks Alex for the tea >/dev/null
	local before
	tend --db "$BATS_TEST_TMPDIR/other.db" init -p Sam -p Alex >/dev/null
	both | tend --db "$BATS_TEST_TMPDIR/other.db" checkin >/dev/null
	tend --db "$BATS_TEST_TMPDIR/other.db" export -o "$BATS_TEST_TMPDIR/other.jsonl"
	before=$(state "$J")
	tend import "$BATS_TEST_TMPDIR/other.jsonl" >/dev/null
	[ "$(tend history --json | jq length)" = 1 ]
	run -0 tend undo
	assert_output "Undid: imported 20 records."
	[ "$(state "$J")" = "$before" ]
}

@test "a change log step that is not one of tend's is refused, and nothing undone" {
	couple
	tend thanks Alex for the tea >/dev/null
	sql "$J" "UPDATE change_step SET undo = 'ATTACH ''/tmp/x.db'' AS x'"
	local before
	before=$(state "$J")
	run -65 --separate-stderr tend undo
	assert_equal "$stderr" "tend: the journal's change log is damaged: a step cannot be undone; run 'tend doctor'"
	[ "$(state "$J")" = "$before" ]
	[ ! -e /tmp/x.db ]
}

@test "notes edit on a terminal opens the editor holding the note's text" {
	couple
	tend thanks Alex for the tea >/dev/null
	local id
	id=$(newest)
	# The editor sees the old text first, then the comment lines.
	TEND_EDITOR="sed -i -e '1s/for the tea/for the green tea/' -e '\$a # seen'" \
	    run -0 script -qec "$TEND notes edit $id" /dev/null
	assert_output --partial "Edited the note $id from Sam to Alex"
	[ "$(tend notes --json | jq -r '.[0].text')" = 'for the green tea' ]
	# An editor that fails saves nothing.
	TEND_EDITOR=false run -1 script -qec "$TEND notes edit $id" /dev/null
	[ "$(tend notes --json | jq -r '.[0].text')" = 'for the green tea' ]
}

@test "completion offers notes edit and delete, and the options of undo and trash" {
	run -0 tend --complete line -- notes ''
	assert_output "$(printf '%s\n' edit delete)"
	run -0 tend --complete line -- undo --
	assert_output "$(printf '%s\n' --list --json --yes --help)"
	run -0 tend --complete line -- trash --e
	assert_output -- --empty
	run -0 tend --complete line -- ''
	assert_line undo
	assert_line trash
}
