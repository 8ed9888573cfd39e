#!/usr/bin/env bats
# backup.bats - tend backup: a private, whole copy that tend opens, an
# existing target refused and untouched without --force, and a copy taken
# while another process writes that is still consistent.

load helper

# dump FILE: the journal's whole content as SQL.
dump() {
	sqlite3 -batch "$1" .dump
}

@test "the copy is 0600 under umask 022, whole, and the same journal" {
	couple
	tend thanks Alex for the coffee >/dev/null
	tend config intimacy affection
	umask 022
	run -0 --separate-stderr tend backup "$BATS_TEST_TMPDIR/copy.db"
	assert_output "backed up the journal to $BATS_TEST_TMPDIR/copy.db"
	[ -z "$stderr" ]
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/copy.db")" = 600 ]
	run -0 sql "$BATS_TEST_TMPDIR/copy.db" "PRAGMA integrity_check"
	assert_output ok
	assert_equal "$(dump "$BATS_TEST_TMPDIR/copy.db")" "$(dump "$J")"
	run -0 tend --db "$BATS_TEST_TMPDIR/copy.db" notes
	assert_output --partial "for the coffee"
	# No temporary file is left beside it.
	run -0 ls "$BATS_TEST_TMPDIR"
	refute_output --partial "copy.db."
}

@test "an existing target is refused with 73 and left as it is" {
	couple
	echo "precious" >"$BATS_TEST_TMPDIR/copy.db"
	run -73 --separate-stderr tend backup "$BATS_TEST_TMPDIR/copy.db"
	assert_equal "$stderr" "tend: $BATS_TEST_TMPDIR/copy.db already exists; it was left as it is (--force replaces it)"
	[ -z "$output" ]
	assert_equal "$(cat "$BATS_TEST_TMPDIR/copy.db")" precious
	run -0 ls "$BATS_TEST_TMPDIR"
	refute_output --partial "copy.db."
}

@test "--force replaces the target with the copy" {
	couple
	echo "old" >"$BATS_TEST_TMPDIR/copy.db"
	chmod 644 "$BATS_TEST_TMPDIR/copy.db"
	run -0 tend backup --force "$BATS_TEST_TMPDIR/copy.db"
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/copy.db")" = 600 ]
	assert_equal "$(dump "$BATS_TEST_TMPDIR/copy.db")" "$(dump "$J")"
}

@test "the journal itself, a folder and no path are refused as usage" {
	couple
	local before; before=$(sum "$J")
	run -64 --separate-stderr tend backup --force "$J"
	assert_equal "$stderr" "tend: $J is the journal itself; give another path for the backup"
	[ "$(sum "$J")" = "$before" ]
	run -64 tend backup "$BATS_TEST_TMPDIR"
	run -64 tend backup
	run -64 tend backup a b
	run -64 tend backup --bogus x
}

@test "a folder that does not exist is an I/O error, 74" {
	couple
	run -74 --separate-stderr tend backup "$BATS_TEST_TMPDIR/no/such/copy.db"
	assert_output --partial "" # nothing on stdout
	[ -z "$output" ]
	assert_equal "$stderr" "tend: cannot create $BATS_TEST_TMPDIR/no/such/copy.db: No such file or directory"
}

@test "no journal: 66 and nothing created" {
	run -66 tend backup "$BATS_TEST_TMPDIR/copy.db"
	[ ! -e "$BATS_TEST_TMPDIR/copy.db" ]
}

@test "a backup taken while another process writes is consistent" {
	couple
	(
		for i in $(seq 1 150); do
			"$TEND" thanks Alex "note $i" >/dev/null || exit 1
		done
	) &
	local writer=$! n=0 i
	for i in 1 2 3 4 5 6; do
		run -0 tend backup "$BATS_TEST_TMPDIR/b$i.db"
	done
	wait "$writer"
	for i in 1 2 3 4 5 6; do
		local b=$BATS_TEST_TMPDIR/b$i.db
		run -0 sql "$b" "PRAGMA integrity_check"
		assert_output ok
		run -0 sql "$b" "PRAGMA foreign_key_check"
		assert_output ''
		# Every note has its row in the search index: one snapshot.
		assert_equal "$(sql "$b" "SELECT count(*) FROM fts WHERE rowid % 4 = 2")" \
		    "$(sql "$b" "SELECT count(*) FROM note")"
		run -0 tend --db "$b" status
		n=$(sql "$b" "SELECT count(*) FROM note")
		[ "$n" -le 150 ]
	done
	[ "$(sql "$J" "SELECT count(*) FROM note")" = 150 ]
}
