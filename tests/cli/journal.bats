#!/usr/bin/env bats
# journal.bats - opening the journal: every refusal is one line, the
# documented exit status, and the file's bytes unchanged.

load helper

# refuse STATUS MESSAGE PATH: status must refuse with MESSAGE, PATH intact.
refuse() {
	local before; before=$(sum "$3")
	run "-$1" --separate-stderr tend --db "$3" status
	assert_equal "$stderr" "$2"
	[ -z "$output" ]
	[ "$(sum "$3")" = "$before" ]
}

@test "no journal: exit 66, a pointer to init, nothing created" {
	run -66 --separate-stderr tend status
	assert_equal "$stderr" "tend: no journal at $J; run 'tend init'"
	[ ! -e "$XDG_DATA_HOME" ]
	run -66 tend
}

@test "a journal others can read is refused with the chmod that fixes it" {
	couple
	chmod 640 "$J"
	refuse 78 "tend: $J can be read by others (mode 0640); run 'chmod 600 $J'" "$J"
	[ "$(stat -c %a "$J")" = 640 ]
	chmod 600 "$J"
	run -0 tend status
}

@test "a folder others can write into is refused, sticky or not (issue 10, item 4)" {
	couple
	local d; d=$(dirname "$J")
	chmod 777 "$d"
	refuse 78 "tend: $d can be written by others (mode 0777); run 'chmod 700 $d'" "$J"
	chmod 770 "$d"
	refuse 78 "tend: $d can be written by others (mode 0770); run 'chmod 700 $d'" "$J"
	# Sticky, as /tmp: others still make files in it, so no chmod fix.
	chmod 1777 "$d"
	refuse 78 "tend: $d can be written by others (mode 1777); keep the journal in a folder only you can write, e.g. --db ~/tend/journal.db" "$J"
	run -78 --separate-stderr tend --db "$J" notes
	run -78 --separate-stderr tend --db "$J" thanks Alex 'for the tea'
	[ ! -e "$J-wal" ] && [ ! -e "$J-shm" ]
	chmod 700 "$d"
	run -0 tend status
}

@test "init refuses a sticky shared folder such as /tmp and makes nothing there" {
	local d; d=$(mktemp -d /tmp/tend-shared.XXXXXX)
	chmod 1777 "$d"
	run -78 --separate-stderr tend --db "$d/us.db" init -p Sam -p Alex
	assert_equal "$stderr" "tend: $d can be written by others (mode 1777); keep the journal in a folder only you can write, e.g. --db ~/tend/journal.db"
	[ -z "$(ls -A "$d")" ]
	rm -rf "$d"
	# /tmp itself, as the issue found it.
	run -78 --separate-stderr tend --db /tmp/tend-us-$$.db init -p Sam -p Alex
	[ ! -e /tmp/tend-us-$$.db ]
}

@test "a symbolic link to a journal is refused" {
	couple
	ln -s "$J" "$BATS_TEST_TMPDIR/link.db"
	refuse 78 "tend: $BATS_TEST_TMPDIR/link.db is a symbolic link; give the real file's path with --db" "$BATS_TEST_TMPDIR/link.db"
}

@test "a hard-linked journal is refused" {
	couple
	ln "$J" "$BATS_TEST_TMPDIR/other.db"
	refuse 78 "tend: $J has 2 hard links, so others may reach it; keep one name for it" "$J"
}

@test "someone else's journal is refused" {
	[ "$(id -u)" = 0 ] || skip "needs root to give the file away"
	couple
	chown nobody "$J"
	refuse 78 "tend: $J belongs to another user (uid $(id -u nobody)); tend opens only your own journal" "$J"
}

@test "a directory is not a journal" {
	mkdir -p "$BATS_TEST_TMPDIR/dir.db"
	run -65 --separate-stderr tend --db "$BATS_TEST_TMPDIR/dir.db" status
	assert_equal "$stderr" "tend: $BATS_TEST_TMPDIR/dir.db is a directory, not a tend journal; give the journal file's path"
}

@test "another program's SQLite file is refused untouched" {
	local f=$BATS_TEST_TMPDIR/other.db
	sqlite3 "$f" 'CREATE TABLE t(x); INSERT INTO t VALUES (1)'
	chmod 600 "$f"
	refuse 65 "tend: $f is not a tend journal (application id 0); give the journal's path with --db" "$f"
	[ "$(sql "$f" 'PRAGMA journal_mode')" = delete ]
	[ ! -e "$f-wal" ]
}

@test "a file that is not SQLite at all is refused untouched" {
	local f=$BATS_TEST_TMPDIR/notes.txt
	head -c 8192 /dev/urandom >"$f"
	chmod 600 "$f"
	refuse 65 "tend: $f is not a tend journal (not an SQLite database)" "$f"
	# Empty: what an interrupted init of an older tend left (init.bats).
	: >"$f"
	refuse 65 "tend: $f holds no journal, nothing at all (an interrupted creation leaves such a file); remove it, then run 'tend init'" "$f"
}

@test "a journal from a newer tend is refused untouched" {
	couple
	sql "$J" 'PRAGMA user_version = 99'
	refuse 65 "tend: $J is from a newer tend (schema 99; this tend knows 4): upgrade tend to use it" "$J"
	[ "$(sql "$J" 'PRAGMA user_version')" = 99 ]
}

# rows FILE: every row of a journal, as SQL, in a stable order.
rows() {
	sqlite3 -batch "$1" .dump | grep '^INSERT'
}

# kept OLD DB: the rows of DB in OLD's tables and columns, in rowid
# order, as quoted SQL values: what an upgrade of OLD must keep as it was,
# whatever columns and tables it adds.
kept() {
	local t cols
	for t in $(sql "$1" "SELECT name FROM sqlite_schema WHERE type = 'table'
	    AND name NOT LIKE 'sqlite%' AND sql NOT LIKE 'CREATE VIRTUAL%'
	    ORDER BY name"); do
		cols=$(sql "$1" "SELECT group_concat('quote(' || name || ')', ' || '','' || ')
		    FROM pragma_table_info('$t')")
		echo "$t:"
		sql "$2" "SELECT $cols FROM $t ORDER BY rowid"
	done
}

# Every record of an upgraded journal says when it changed and where.
stamped() {
	sql "$1" "SELECT (SELECT count(*) FROM partner WHERE updated IS NULL
	    OR device IS NULL) + (SELECT count(*) FROM checkin WHERE updated IS
	    NULL OR device IS NULL) + (SELECT count(*) FROM answer WHERE device
	    IS NULL) + (SELECT count(*) FROM note WHERE updated IS NULL OR
	    device IS NULL) + (SELECT count(*) FROM experiment WHERE device IS
	    NULL) + (SELECT count(*) FROM assessment WHERE updated IS NULL OR
	    device IS NULL) + (SELECT count(*) FROM setting WHERE device IS
	    NULL) + (SELECT count(*) FROM replica) - 1"
}

@test "a v1 journal is copied, then upgraded to the current schema with every row kept" {
	local v1=$TEND_TOP/tests/data/journal-v1.db new=$BATS_TEST_TMPDIR/new.db
	[ "$(sql "$v1" 'PRAGMA user_version')" = 1 ]
	mkdir -p "$(dirname "$J")"
	cp "$v1" "$J"
	chmod 600 "$J"
	run -0 tend history
	assert_line -n 0 --regexp '^2026-W47 +weekly +Sam 8, Alex 4 +done$'
	assert_line -n 1 --regexp '^2026-W46 +weekly +Sam 7, Alex 4 +done$'
	[ "$(sql "$J" 'PRAGMA integrity_check; PRAGMA user_version')" = "ok"$'\n'4 ]
	[ "$(sql "$J" "SELECT name FROM sqlite_schema WHERE type = 'index'
	    AND tbl_name = 'answer' AND sql IS NOT NULL ORDER BY name")" = \
	    answer_rating$'\n'answer_said ]
	# Every row kept; the assessment, answered together, names nobody.
	[ "$(kept "$v1" "$J")" = "$(kept "$v1" "$v1")" ]
	[ "$(sql "$J" 'SELECT count(*) FROM assessment WHERE partner_id IS NULL')" = 1 ]
	[ "$(stamped "$J")" = 0 ]
	# The copy beside it is the v1 journal as it was, private.
	[ "$(stat -c %a "$J.v1.bak")" = 600 ]
	[ "$(sql "$J.v1.bak" 'PRAGMA integrity_check; PRAGMA user_version')" = "ok"$'\n'1 ]
	[ "$(rows "$J.v1.bak")" = "$(rows "$v1")" ]
	[ "$(sql "$J.v1.bak" "SELECT count(*) FROM sqlite_schema WHERE name IN ('answer_rating', 'answer_said')")" = 0 ]
	# Upgraded is the same as new.
	tend --db "$new" init -p Sam -p Alex >/dev/null
	local schema="SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"
	[ "$(sql "$J" "$schema")" = "$(sql "$new" "$schema")" ]
	run -0 tend stats
	assert_line -n 1 'Notes:        6 in all; Sam sent 3, received 3; Alex sent 3, received 3'
	assert_line -n 2 'Raised:       6 appreciations to 4 struggles (1.5 to 1)'
}

@test "a v2 journal is copied, then upgraded: its assessment stays the couple's" {
	local v2=$TEND_TOP/tests/data/journal-v2.db new=$BATS_TEST_TMPDIR/new.db
	[ "$(sql "$v2" 'PRAGMA user_version')" = 2 ]
	mkdir -p "$(dirname "$J")"
	cp "$v2" "$J"
	chmod 600 "$J"
	run -0 tend history
	assert_line -n 0 --regexp '^2026-W47 +weekly +Sam [0-9]+, Alex [0-9]+ +done$'
	[ "$(sql "$J" 'PRAGMA integrity_check; PRAGMA user_version;
	    PRAGMA foreign_key_check')" = "ok"$'\n'4 ]
	[ "$(kept "$v2" "$J")" = "$(kept "$v2" "$v2")" ]
	[ "$(stamped "$J")" = 0 ]
	[ "$(sql "$J" 'SELECT count(*) FROM assessment WHERE partner_id IS NULL')" = 1 ]
	[ "$(stat -c %a "$J.v2.bak")" = 600 ]
	[ "$(rows "$J.v2.bak")" = "$(rows "$v2")" ]
	tend --db "$new" init -p Sam -p Alex >/dev/null
	local schema="SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"
	[ "$(sql "$J" "$schema")" = "$(sql "$new" "$schema")" ]
	# Answered together before this tend: shown as the couple's.
	run -0 tend assess --show
	assert_line -n 0 --regexp "^Your assessment of 2026-11-2[12], answered together before each answered alone$"
}

@test "a v3 journal is copied, then upgraded to v4: every row kept and stamped, nothing to undo (issue 13)" {
	local v3=$TEND_TOP/tests/data/journal-v3.db new=$BATS_TEST_TMPDIR/new.db
	[ "$(sql "$v3" 'PRAGMA user_version')" = 3 ]
	mkdir -p "$(dirname "$J")"
	cp "$v3" "$J"
	chmod 600 "$J"
	run -0 --separate-stderr tend history
	assert_line -n 0 --regexp '^2026-W48 +weekly +.*(in progress|waiting).*$'
	assert_line -n 1 --regexp '^2026-W47 +weekly +Sam 8, José 7 +done$'
	[ "$(sql "$J" 'PRAGMA integrity_check; PRAGMA user_version;
	    PRAGMA foreign_key_check')" = "ok"$'\n'4 ]
	[ "$(kept "$v3" "$J")" = "$(kept "$v3" "$v3")" ]
	[ "$(stamped "$J")" = 0 ]
	# Rows from before were made on this device.
	[ "$(sql "$J" "SELECT count(DISTINCT device) FROM note")" = 1 ]
	[ "$(sql "$J" "SELECT device FROM note LIMIT 1")" = "$(sql "$J" "SELECT device FROM replica")" ]
	[ "$(rows "$J.v3.bak")" = "$(rows "$v3")" ]
	tend --db "$new" init -p Sam -p Alex >/dev/null
	local schema="SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"
	[ "$(sql "$J" "$schema")" = "$(sql "$new" "$schema")" ]
	# The upgrade is no change of the couple's to take back.
	run -1 --separate-stderr tend undo
	assert_equal "$stderr" "tend: nothing to undo: no change is left in the journal's log"
	[ "$(kept "$v3" "$J")" = "$(kept "$v3" "$v3")" ]
}

@test "a hostile path in a message reaches the terminal escaped" {
	run -66 --separate-stderr tend --db $'/tmp/\e]0;owned\a\e[2J.db' status
	assert_equal "$stderr" "tend: no journal at /tmp/^[]0;owned^G^[[2J.db; run 'tend init'"
	[[ "$stderr" != *$'\e'* ]]
}

@test "a journal that cannot be read is refused with the fix named" {
	[ "$(id -u)" = 0 ] || skip "needs root to become another user"
	local d; d=$(mktemp -d /tmp/tend-unreadable.XXXXXX)
	chmod 755 "$d"
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$TEND" --version \
	    >/dev/null 2>&1 || { rm -rf "$d"; skip "nobody cannot run $TEND here"; }
	tend --db "$d/j.db" init -p Sam -p Alex >/dev/null
	chown nobody "$d/j.db"
	chmod 000 "$d/j.db"
	local before; before=$(sum "$d/j.db")
	run -78 --separate-stderr setpriv --reuid=nobody --regid=nogroup \
	    --clear-groups env HOME="$d" "$TEND" --db "$d/j.db" status
	assert_equal "$stderr" "tend: cannot read $d/j.db: Permission denied; run 'chmod 600 $d/j.db'"
	[ "$(sum "$d/j.db")" = "$before" ]
	rm -rf "$d"
}

# as_nobody COMMAND...: COMMAND as nobody, in this test's home.
as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$HOME" \
	    TEND_NOW="$TEND_NOW" "$@"
}

# readable_only JOURNAL: reading commands work and say once that it is
# read-only; writing ones refuse before any prompt; nothing changes.
readable_only() {
	local j=$1 before files
	before=$(sum "$j")
	files=$(ls -A "$(dirname "$j")")
	run -0 --separate-stderr as_nobody "$TEND" --db "$j" notes
	assert_equal "$stderr" "tend: the journal is read-only ($j); showing it without changes"
	assert_output --partial 'for the dishes'
	run -0 --separate-stderr as_nobody "$TEND" --db "$j" status
	assert_equal "$stderr" "tend: the journal is read-only ($j); showing it without changes"
	assert_line -n 0 'Sam & Alex'
	run -0 --separate-stderr as_nobody "$TEND" --db "$j" search dishes
	[ "${#stderr_lines[@]}" = 1 ]
	run -0 --separate-stderr as_nobody "$TEND" --db "$j" export
	assert_line --partial '"text":"for the dishes"'
	run -74 --separate-stderr as_nobody "$TEND" --db "$j" thanks Alex <<<"a note"
	assert_equal "$stderr" "tend: cannot write the journal $j: it or its folder is read-only; check its permissions"
	run -74 --separate-stderr as_nobody "$TEND" --db "$j" checkin <<<"a walk"
	[ "${#stderr_lines[@]}" = 1 ]
	# Commands that write only sometimes: one line when they would.
	run -74 --separate-stderr as_nobody "$TEND" --db "$j" config intimacy none
	assert_equal "$stderr" "tend: cannot write the journal while saving: it or its folder is read-only"
	run -74 --separate-stderr as_nobody env XDG_CONFIG_HOME="$(dirname "$j")" \
	    "$TEND" --db "$j" experiment
	assert_equal "$stderr" "tend: cannot write the journal while saving: it or its folder is read-only"
	run -0 --separate-stderr as_nobody "$TEND" --db "$j" config intimacy
	assert_equal "$stderr" "tend: the journal is read-only ($j); showing it without changes"
	[ "$(sum "$j")" = "$before" ]
	# Nothing made beside it: no -wal, no -shm.
	[ "$(ls -A "$(dirname "$j")")" = "$files" ]
}

@test "a read-only journal can be read, saying so once (issue 10, item 19)" {
	[ "$(id -u)" = 0 ] || skip "needs root to become another user"
	local d; d=$(mktemp -d /tmp/tend-ro.XXXXXX)
	chmod 755 "$d"
	as_nobody "$TEND" --version >/dev/null 2>&1 || { rm -rf "$d"; skip "nobody cannot run $TEND here"; }
	mkdir "$d/tend"
	tend --db "$d/tend/j.db" init -p Sam -p Alex >/dev/null
	tend --db "$d/tend/j.db" thanks Alex 'for the dishes' >/dev/null
	chown -R nobody "$d/tend"
	# A read-only folder of the user's own (chmod 500).
	chmod 500 "$d/tend"
	readable_only "$d/tend/j.db"
	# A folder of another account (root's), the journal the user's.
	chown root "$d/tend"
	chmod 755 "$d/tend"
	readable_only "$d/tend/j.db"
	# A read-only journal file in a folder the user can write.
	chown nobody "$d/tend"
	chmod 700 "$d/tend"
	chmod 400 "$d/tend/j.db"
	readable_only "$d/tend/j.db"
	rm -rf "$d"
}
