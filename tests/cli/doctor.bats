#!/usr/bin/env bats
# doctor.bats - tend doctor: ok for a healthy journal; each problem named
# with its fix and a non-zero exit, the journal never changed, not even a
# damaged one, which is reported without a crash.

load helper

@test "a healthy journal: every check ok, exit 0" {
	couple
	run -0 --separate-stderr tend doctor
	[ -z "$stderr" ]
	refute_output --partial problem
	assert_output --partial "ok      integrity:"
	assert_output --partial "ok      foreign keys:"
	assert_output --partial "ok      schema:"
	assert_output --partial "ok      content:"
	assert_line "all is well"
}

@test "a group-readable journal is reported with chmod 600, not refused nor changed" {
	couple
	chmod 640 "$J"
	local before; before=$(sum "$J")
	run -1 --separate-stderr tend doctor
	assert_line "problem journal: $J can be read by others (mode 0640)"
	assert_line "        fix: run 'chmod 600 $J'"
	# It still looks inside.
	assert_output --partial "ok      integrity:"
	assert_line "1 problem found"
	[ "$(stat -c %a "$J")" = 640 ]
	[ "$(sum "$J")" = "$before" ]
	[ ! -e "$J-wal" ] && [ ! -e "$J-shm" ]
}

@test "a folder others can write into is reported with chmod 700" {
	couple
	chmod 777 "$(dirname "$J")"
	run -1 tend doctor
	assert_line "        fix: run 'chmod 700 $(dirname "$J")'"
}

@test "a broken content.json is reported with the file, entry and field" {
	couple
	mkdir -p "$XDG_CONFIG_HOME/tend"
	echo '{"tips": [{"id": "mine", "title": "t"}]}' >"$XDG_CONFIG_HOME/tend/content.json"
	run -1 tend doctor
	assert_line --regexp "^problem content: content.json: tip 'mine': '[a-z]+' is"
	assert_line "        fix: correct $XDG_CONFIG_HOME/tend/content.json, or move it away"
	echo 'not json' >"$XDG_CONFIG_HOME/tend/content.json"
	run -1 tend doctor
	assert_line --partial "problem content: content.json:"
}

@test "a journal from a newer tend: upgrade tend" {
	couple
	sql "$J" "PRAGMA user_version = 99"
	run -1 tend doctor
	assert_line --regexp "^problem schema: schema 99 is from a newer tend"
	assert_line "        fix: upgrade tend"
}

@test "not a tend journal: said so, with --db as the fix" {
	sqlite3 "$BATS_TEST_TMPDIR/other.db" "CREATE TABLE t (x)"
	chmod 600 "$BATS_TEST_TMPDIR/other.db"
	run -1 tend --db "$BATS_TEST_TMPDIR/other.db" doctor
	assert_line "problem database: $BATS_TEST_TMPDIR/other.db is not a tend journal (application id 0)"
	assert_line "        fix: give the journal's path with --db"
}

@test "a byte-flipped journal is reported as damaged, without a crash, unchanged" {
	couple
	for i in $(seq 1 60); do tend thanks Alex "a rather long note number $i to fill some pages" >/dev/null; done
	local d=$BATS_TEST_TMPDIR/damaged.db
	cp "$J" "$d"
	[ "$(stat -c %s "$d")" -gt 16384 ]
	dd if=/dev/zero of="$d" bs=1 seek=9000 count=5000 conv=notrunc 2>/dev/null
	local before; before=$(sum "$d")
	run -1 --separate-stderr tend --db "$d" doctor
	assert_line --regexp "^problem integrity: "
	assert_output --partial "fix: restore a copy made with 'tend backup'"
	[ "$(sum "$d")" = "$before" ]
	run -1 tend --db "$d" doctor --json
	jq -e '.ok == false and any(.checks[]; .check == "integrity" and .ok == false)' <<<"$output"
}

@test "a missing journal: tend init is the fix" {
	run -1 tend doctor
	assert_line "problem journal: no journal at $J"
	assert_line "        fix: run 'tend init'"
	[ ! -e "$J" ]
}

@test "--json: one object, every check with ok, message and fix" {
	couple
	run -0 tend doctor --json
	jq -e '.ok == true and .journal == "'"$J"'" and (.checks | length) >= 6
	    and all(.checks[]; .ok and .fix == null and (.message | type) == "string")' <<<"$output"
	chmod 640 "$J"
	run -1 tend doctor --json
	jq -e '.ok == false and ([.checks[] | select(.ok | not)] | length) == 1' <<<"$output"
	jq -e '.checks[] | select(.check == "journal") | .fix == "run '"'chmod 600 $J'"'"' <<<"$output"
}

@test "doctor takes no arguments" {
	run -64 tend doctor extra
	run -64 tend doctor --bogus
}

@test "an older schema: any tend command upgrades it" {
	couple
	sql "$J" "PRAGMA user_version = 0"
	run -1 tend doctor
	assert_line "problem schema: schema 0 is older than this tend's 4"
	assert_line "        fix: run any tend command to upgrade it, e.g. 'tend status'"
}
