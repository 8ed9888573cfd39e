#!/usr/bin/env bats
# init.bats - creating the journal: modes, the SQLite settings, and every
# refusal leaving the disk as it was.

load helper

@test "init makes a 0600 journal in a 0700 folder, WAL, tend's id" {
	run -0 tend init --partner Sam --partner Alex
	assert_output "Created a journal for Sam and Alex at $J."
	[ "$(stat -c %a "$J")" = 600 ]
	[ "$(stat -c %a "$(dirname "$J")")" = 700 ]
	[ "$(sql "$J" 'PRAGMA integrity_check')" = ok ]
	[ "$(sql "$J" 'PRAGMA journal_mode')" = wal ]
	[ "$(sql "$J" 'PRAGMA application_id')" = 1952804452 ]
	[ "$(sql "$J" 'PRAGMA user_version')" = 4 ]
	[ "$(sql "$J" 'SELECT group_concat(name) FROM (SELECT name FROM partner ORDER BY id)')" = Sam,Alex ]
}

@test "TEND_DB and --db choose where the journal goes" {
	TEND_DB=$BATS_TEST_TMPDIR/a/j.db run -0 tend init -p Sam -p Alex
	[ -f "$BATS_TEST_TMPDIR/a/j.db" ]
	run -0 tend --db "$BATS_TEST_TMPDIR/b.db" init -p Sam -p Alex
	[ -f "$BATS_TEST_TMPDIR/b.db" ]
	[ ! -e "$J" ]
}

@test "records have UUIDs and UTC RFC 3339 times" {
	couple
	run -0 sql "$J" 'SELECT uuid, created FROM partner'
	assert_line --regexp '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\|2026-11-21T10:00:00Z$'
}

@test "the schema has every table and the full-text index" {
	couple
	run -0 sql "$J" "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
	for t in partner checkin answer note experiment assessment \
	    assessment_answer assessment_score setting fts; do
		assert_line "$t"
	done
}

@test "the full-text index follows notes, answers and reflections" {
	couple
	sql "$J" "INSERT INTO checkin(id, uuid, week, deck, started) VALUES (1, 'c1', '2026-W47', 'weekly', 'x');
	    INSERT INTO answer(id, uuid, checkin_id, partner_id, question, prompt, kind, value, created, updated)
	        VALUES (1, 'a1', 1, 1, 'q', 'Q?', 'text', 'walked by the river', 'x', 'x');
	    INSERT INTO answer(id, uuid, checkin_id, partner_id, question, prompt, kind, value, created, updated)
	        VALUES (2, 'a2', 1, 1, 'r', 'R?', 'scale', '7', 'x', 'x');
	    INSERT INTO note(id, uuid, from_id, to_id, body, week, created) VALUES (1, 'n1', 1, 2, 'thanks for the coffee', '2026-W47', 'x');
	    INSERT INTO experiment(id, uuid, week, item, title, chosen) VALUES (1, 'e1', '2026-W47', 'walk', 'Walk', 'x');
	    UPDATE experiment SET reflection = 'the river was lovely' WHERE id = 1;"
	[ "$(sql "$J" "SELECT group_concat(rowid) FROM (SELECT rowid FROM fts WHERE fts MATCH 'river' ORDER BY rowid)")" = 5,7 ]
	[ "$(sql "$J" "SELECT count(*) FROM fts")" = 3 ]
	sql "$J" "UPDATE answer SET value = 'stayed in' WHERE id = 1; DELETE FROM note"
	[ "$(sql "$J" "SELECT count(*) FROM fts WHERE fts MATCH 'river'")" = 1 ]
	[ "$(sql "$J" "SELECT count(*) FROM fts WHERE fts MATCH 'coffee'")" = 0 ]
	[ "$(sql "$J" "SELECT count(*) FROM fts WHERE fts MATCH 'stayed'")" = 1 ]
}

@test "a second init fails with 73 and leaves the journal byte for byte" {
	couple
	local before; before=$(sum "$J")
	run -73 --separate-stderr tend init --partner Kim --partner Lee
	assert_equal "$stderr" "tend: a journal already exists at $J; it was left as it is"
	[ "$(sum "$J")" = "$before" ]
}

@test "init over a file that is not a journal leaves it alone" {
	mkdir -p "$(dirname "$J")"
	echo 'my notes' >"$J"
	run -73 tend init -p Sam -p Alex
	[ "$(cat "$J")" = 'my notes' ]
}

# Issue 10, item 8: what a tend init killed before journals were built
# under a temporary name left: an empty file, or an SQLite one with no
# schema.  Every command, init and doctor say what it is and what to do.
@test "a file an interrupted init left: each command says remove it, then init" {
	mkdir -p "$(dirname "$J")"
	chmod 700 "$(dirname "$J")"
	local made
	for made in empty sqlite; do
		rm -f "$J"
		if [ $made = empty ]; then : >"$J"; else sql "$J" 'PRAGMA user_version = 0; VACUUM'; fi
		chmod 600 "$J"
		local before; before=$(sum "$J")
		run -65 --separate-stderr tend status
		assert_equal "$stderr" "tend: $J holds no journal, nothing at all (an interrupted creation leaves such a file); remove it, then run 'tend init'"
		run -73 --separate-stderr tend init -p Sam -p Alex
		assert_equal "$stderr" "tend: $J holds no journal, nothing at all (an interrupted creation leaves such a file); remove it, then run 'tend init'"
		run -1 tend doctor
		assert_line "problem database: $J holds no journal, nothing at all (an interrupted creation leaves such a file)"
		assert_line "        fix: remove it, then run 'tend init'"
		[ "$(sum "$J")" = "$before" ]
		[ ! -e "$J-wal" ] && [ ! -e "$J-shm" ]
	done
	# A database with something in it is another program's: left alone.
	rm -f "$J"
	sql "$J" 'CREATE TABLE mine(x)'
	chmod 600 "$J"
	run -65 --separate-stderr tend status
	assert_equal "$stderr" "tend: $J is not a tend journal (application id 0); give the journal's path with --db"
	run -73 --separate-stderr tend init -p Sam -p Alex
	assert_equal "$stderr" "tend: a journal already exists at $J; it was left as it is"
}

@test "init needs two partners with different, valid names" {
	run -64 --separate-stderr tend init --partner Sam
	assert_equal "$stderr" "tend: a journal needs at least two partners"
	run -64 --separate-stderr tend init -p Sam -p sam
	assert_equal "$stderr" "tend: partner 'sam' is named twice; partners need different names"
	run -64 --separate-stderr tend init -p Sam -p ''
	assert_equal "$stderr" "tend: a partner's name cannot be empty"
	run -64 --separate-stderr tend init -p Sam -p "$(printf 'A%.0s' {1..65})"
	assert_equal "$stderr" "tend: a partner's name may be at most 64 characters (this one has 65)"
	run -64 --separate-stderr tend init -p Sam -p $'Al\nex'
	assert_equal "$stderr" "tend: a partner's name may hold only printable characters, no control characters or line breaks"
	run -64 tend init -p Sam -p $'Al\e[2Jex'
	run -64 tend init -p Sam -p $'Al\u202eex'
	run -64 --separate-stderr tend init -p Sam -p $'Al\xffex'
	assert_equal "$stderr" "tend: a partner's name must be valid UTF-8"
	run -64 tend init -p Sam -p ' Alex'
	run -64 tend init -p Sam -p -Alex
	[ ! -e "$J" ]
	[ ! -e "$(dirname "$J")" ]
}

@test "64 characters of any script make a name" {
	local name; name=$(printf 'é%.0s' {1..64})
	run -0 tend init -p "$name" -p 'Zoë 李'
	[ "$(sql "$J" 'SELECT count(*) FROM partner')" = 2 ]
}

@test "more than two partners are allowed" {
	run -0 tend init -p Sam -p Alex -p Kim
	assert_output "Created a journal for Sam, Alex and Kim at $J."
}

@test "a journal whose folder cannot be made exits 73, with nothing left" {
	touch "$BATS_TEST_TMPDIR/file"
	run -73 --separate-stderr tend --db "$BATS_TEST_TMPDIR/file/sub/j.db" init -p Sam -p Alex
	assert_equal "$stderr" "tend: cannot create the journal's folder: $BATS_TEST_TMPDIR/file is not a folder"
	[ -f "$BATS_TEST_TMPDIR/file" ] && [ ! -s "$BATS_TEST_TMPDIR/file" ]
}

@test "under any umask the folder is 0700 and the files 0600" {
	for m in 000 022 077; do
		rm -rf "$XDG_DATA_HOME"
		(umask $m && "$TEND" init -p Sam -p Alex >/dev/null)
		[ "$(stat -c %a "$(dirname "$J")")" = 700 ]
		[ "$(stat -c %a "$J")" = 600 ]
		# The WAL and shm files take the journal's mode while it is open.
		(umask $m && sqlite3 "$J" >/dev/null <<-SQL
			BEGIN;
			SELECT count(*) FROM partner;
			.shell stat -c %a $J-wal $J-shm > $BATS_TEST_TMPDIR/modes
			COMMIT;
		SQL
		)
		run -0 cat "$BATS_TEST_TMPDIR/modes"
		assert_output $'600\n600'
	done
}
