#!/usr/bin/env bats
# faults.bats - the disk fails under tend (issue 7, item 2): a full disk
# (a small tmpfs when root, a file-size limit for anyone), an fsync that
# fails (an LD_PRELOAD shim), a read-only journal and folder.  Each gives
# one clean line naming the cause (exit 74), leaves the journal sound with
# everything saved before, and keeps what was typed: printed back by a
# check-in, still in its file for an import.
load ../cli/helper

setup_file() {
	export BIG_ANSWER
	BIG_ANSWER=$(head -c 9000 /dev/zero | tr '\0' x)
}

# What a journal holds, for comparing before and after a fault.
SNAP="PRAGMA integrity_check; PRAGMA foreign_key_check;
    SELECT group_concat(value, '|') FROM answer;
    SELECT group_concat(body, '|') FROM note"

# before JOURNAL: a journal with something saved before the fault (an
# answer, a note), its content kept in $BATS_TEST_TMPDIR/snap.
before() {
	tend --db "$1" init -p Sam -p Alex >/dev/null
	printf 'the coffee in bed\n' | tend --db "$1" checkin >/dev/null 2>&1
	tend --db "$1" thanks Alex 'for the dishes' >/dev/null
	sql "$1" "$SNAP" >"$BATS_TEST_TMPDIR/snap"
	grep -q '^ok$' "$BATS_TEST_TMPDIR/snap"
	grep -q 'for the dishes' "$BATS_TEST_TMPDIR/snap"
}

# intact JOURNAL: sound, holding what it held after before(), no more.
intact() {
	[ "$(sql "$1" "$SNAP")" = "$(cat "$BATS_TEST_TMPDIR/snap")" ]
}

@test "a full disk: one clean line, nothing lost, the answer given back" {
	[ "$(id -u)" = 0 ] || skip "needs root for a tmpfs (the file-size limit test covers the rest)"
	unshare -m true 2>/dev/null || skip "cannot make a mount namespace here"
	local d=$BATS_TEST_TMPDIR/disk o=$BATS_TEST_TMPDIR/out
	mkdir -p "$d" "$o"
	"$TEND_TOP/tests/bench/gen-notes" 3000 >"$BATS_TEST_TMPDIR/notes.jsonl"
	cp "$BATS_TEST_TMPDIR/notes.jsonl" "$BATS_TEST_TMPDIR/notes.orig"
	# All on a 1 MiB tmpfs seen only by this shell: filled but for 40 KiB,
	# room to open the journal (its -shm takes 32) but not to save; 0700,
	# as tend refuses a folder others can write into.
	export SNAP
	run unshare -m bash -c '
		set -u
		d=$1 o=$2 tend=$3 fixture=$4 notes=$5
		mount -t tmpfs -o size=1m,mode=700 tmpfs "$d" || exit 90
		j=$d/tend/journal.db
		"$tend" --db "$j" init -p Sam -p Alex >/dev/null &&
		printf "the coffee in bed\n" | "$tend" --db "$j" checkin \
		    >/dev/null 2>&1 &&
		"$tend" --db "$j" thanks Alex "for the dishes" >/dev/null || exit 91
		sqlite3 -batch "$j" "$SNAP" >"$o/snap"
		cp "$fixture" "$d/old.db" && chmod 600 "$d/old.db" || exit 92
		dd if=/dev/zero of="$d/fill" bs=4k 2>/dev/null
		truncate -s -40k "$d/fill" || exit 93
		printf "%s\n" "$BIG_ANSWER" | "$tend" --db "$j" checkin \
		    >"$o/checkin.out" 2>"$o/checkin.err"
		echo $? >"$o/checkin.rc"
		"$tend" --db "$j" thanks Alex "$BIG_ANSWER" >"$o/thanks.out" \
		    2>"$o/thanks.err"
		echo $? >"$o/thanks.rc"
		"$tend" --db "$j" import "$notes" >"$o/import.out" 2>"$o/import.err"
		echo $? >"$o/import.rc"
		"$tend" --db "$d/old.db" status >"$o/migrate.out" 2>"$o/migrate.err"
		echo $? >"$o/migrate.rc"
		ls "$d" >"$o/files"
		# Room again: what the journals hold now.
		rm "$d/fill"
		sqlite3 -batch "$j" "$SNAP" >"$o/journal"
		sqlite3 -batch "$d/old.db" "PRAGMA integrity_check;
		    PRAGMA user_version;
		    SELECT count(*) FROM sqlite_schema" >"$o/old"
	' fault "$d" "$o" "$TEND" "$TEND_TOP/tests/data/journal-v1.db" \
	    "$BATS_TEST_TMPDIR/notes.jsonl"
	assert_success
	local full="tend: the disk is full while saving; free some space and try again"
	# The check-in: the error, then the answer given back whole.
	[ "$(cat "$o/checkin.rc")" = 74 ]
	[ "$(head -n 2 "$o/checkin.err")" = "$full"$'\n'"tend: your answer was not saved; here it is to keep:" ]
	[ "$(sed -n 3p "$o/checkin.err")" = "$BIG_ANSWER" ]
	# A note and an import: one line each; the import file untouched.
	[ "$(cat "$o/thanks.rc")" = 74 ]
	[ "$(cat "$o/thanks.err")" = "$full" ]
	[ "$(cat "$o/import.rc")" = 74 ]
	[ "$(cat "$o/import.err")" = "$full" ]
	cmp "$BATS_TEST_TMPDIR/notes.jsonl" "$BATS_TEST_TMPDIR/notes.orig"
	[ ! -s "$o/thanks.out" ] && [ ! -s "$o/import.out" ]
	# A migration of the v1 fixture (its copy does not fit): refused in
	# one line, no copy or part of one left; the old journal still v1.
	[ "$(cat "$o/migrate.rc")" = 74 ]
	[ "$(wc -l <"$o/migrate.err")" = 1 ]
	grep -q 'full' "$o/migrate.err"
	[ "$(cat "$o/old")" = "ok"$'\n'"1"$'\n'"$(sql "$TEND_TOP/tests/data/journal-v1.db" \
	    'SELECT count(*) FROM sqlite_schema')" ]
	[ "$(grep -c '^old\.db' "$o/files")" = 1 ]
	# Everything saved before is there, and nothing else.
	grep -q 'for the dishes' "$o/snap"
	cmp "$o/journal" "$o/snap"
}

@test "a file-size limit: one clean line, nothing lost, the answer given back" {
	local j=$BATS_TEST_TMPDIR/j.db m=$BATS_TEST_TMPDIR/old.db
	local v1=$BATS_TEST_TMPDIR/v1.db
	before "$j"
	"$TEND_TOP/tests/bench/gen-notes" 3000 >"$BATS_TEST_TMPDIR/notes.jsonl"
	cp "$TEND_TOP/tests/data/journal-v0.db" "$m"
	chmod 600 "$m"
	local limit="tend: cannot write the journal while saving: it reached the file-size limit (ulimit -f); raise the limit and try again"
	# 40 KiB: the -shm (32) fits, a long answer's pages in the -wal do not.
	run -74 --separate-stderr bash -c 'ulimit -f 40; printf "%s\n" "$BIG_ANSWER" |
	    "$TEND" --db "$1" checkin' fault "$j"
	[ "${stderr_lines[0]}" = "$limit" ]
	[ "${stderr_lines[1]}" = "tend: your answer was not saved; here it is to keep:" ]
	[ "${stderr_lines[2]}" = "$BIG_ANSWER" ]
	run -74 --separate-stderr bash -c 'ulimit -f 40;
	    "$TEND" --db "$1" thanks Alex "$BIG_ANSWER"' fault "$j"
	assert_equal "$stderr" "$limit"
	run -74 --separate-stderr bash -c 'ulimit -f 40;
	    "$TEND" --db "$1" import "$2"' fault "$j" "$BATS_TEST_TMPDIR/notes.jsonl"
	assert_equal "$stderr" "$limit"
	intact "$j"
	# A migration past the limit leaves schema 0 whole.
	run -74 --separate-stderr bash -c 'ulimit -f 8; "$TEND" --db "$1" status' \
	    fault "$m"
	[ "${#stderr_lines[@]}" = 1 ]
	[ "$(sql "$m" 'PRAGMA integrity_check; PRAGMA user_version;
	    SELECT count(*) FROM sqlite_schema')" = "ok"$'\n'"0"$'\n'"0" ]
	# The v1 fixture: its copy before the upgrade passes the limit.
	cp "$TEND_TOP/tests/data/journal-v1.db" "$v1"
	chmod 600 "$v1"
	run -74 --separate-stderr bash -c 'ulimit -f 8; "$TEND" --db "$1" status' \
	    fault "$v1"
	[ "${#stderr_lines[@]}" = 1 ]
	cmp "$v1" "$TEND_TOP/tests/data/journal-v1.db"
	[ -z "$(find "$BATS_TEST_TMPDIR" -name 'v1.db.v1.bak*')" ]
}

@test "a failing fsync: one clean line, nothing lost, the answer given back" {
	local shim=$TEND_TOP/build/failsync.so j=$BATS_TEST_TMPDIR/j.db
	local m=$BATS_TEST_TMPDIR/old.db
	# An LD_PRELOAD library ahead of ASan's runtime is refused by ASan.
	[ "$(readlink -f "$TEND")" = "$(readlink -f "$TEND_TOP/tend")" ] ||
	    skip "the fsync shim runs with the plain build only"
	[ -e "$shim" ] || skip "no $shim: run 'make build/failsync.so'"
	before "$j"
	local eio="tend: I/O error while saving: disk I/O error"
	run -74 --separate-stderr env LD_PRELOAD="$shim" FAILSYNC_AFTER=0 \
	    "$TEND" --db "$j" checkin <<<"a walk in the rain"
	[ "${stderr_lines[0]}" = "$eio" ]
	[ "${stderr_lines[1]}" = "tend: your answer was not saved; here it is to keep:" ]
	[ "${stderr_lines[2]}" = "a walk in the rain" ]
	run -74 --separate-stderr env LD_PRELOAD="$shim" FAILSYNC_AFTER=0 \
	    "$TEND" --db "$j" thanks Alex 'for the soup'
	assert_equal "$stderr" "$eio"
	"$TEND_TOP/tests/bench/gen-notes" 100 >"$BATS_TEST_TMPDIR/notes.jsonl"
	run -74 --separate-stderr env LD_PRELOAD="$shim" FAILSYNC_AFTER=0 \
	    "$TEND" --db "$j" import "$BATS_TEST_TMPDIR/notes.jsonl"
	assert_equal "$stderr" "$eio"
	intact "$j"
	# The copy before a migration cannot be synced: no migration.
	cp "$TEND_TOP/tests/data/journal-v1.db" "$m"
	chmod 600 "$m"
	run -74 --separate-stderr env LD_PRELOAD="$shim" FAILSYNC_AFTER=0 \
	    "$TEND" --db "$m" status
	assert_equal "$stderr" "tend: cannot copy the journal: disk I/O error"
	[ "$(sql "$m" 'PRAGMA integrity_check; PRAGMA user_version')" = "ok"$'\n'"1" ]
	# Without the shim all is well again.
	tend --db "$j" thanks Alex 'for the soup' >/dev/null
	[ "$(sql "$j" "SELECT count(*) FROM note WHERE body = 'for the soup'")" = 1 ]
}

# nobody_can_run DIR: skip unless root can become nobody and nobody can
# run $TEND; DIR is made world-searchable for nobody.
nobody_can_run() {
	[ "$(id -u)" = 0 ] || skip "needs root to become another user"
	chmod 755 "$1"
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$TEND" --version \
	    >/dev/null 2>&1 || skip "nobody cannot run $TEND here"
}

# as_nobody COMMAND...: COMMAND as nobody, in this test's home.
as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$HOME" \
	    TEND_NOW="$TEND_NOW" "$@"
}

# read_only: the last run said in one line, and nothing else, that the
# journal cannot be written because something is read-only.
read_only() {
	[ "${#stderr_lines[@]}" = 1 ]
	[[ $stderr == "tend: cannot write the journal "*"read-only"* ]]
	assert_equal "$output" ""
}

# refused_before_prompt JOURNAL: check-in and thanks refuse at once.
refused_before_prompt() {
	local sum0; sum0=$(sum "$1")
	# On a terminal the first thing after the refusal would be the
	# header and a prompt: neither comes.
	run -74 --separate-stderr as_nobody "$TEND" --db "$1" checkin <<<"a walk"
	read_only
	run -74 --separate-stderr as_nobody "$TEND" --db "$1" thanks Alex <<<"a note"
	read_only
	[ "$(sum "$1")" = "$sum0" ]
}

@test "a read-only journal is refused before any prompt" {
	local d; d=$(mktemp -d /tmp/tend-ro.XXXXXX)
	nobody_can_run "$d" || { rm -rf "$d"; return 1; }
	mkdir "$d/tend"
	before "$d/tend/j.db"
	chown -R nobody "$d/tend"
	chmod 400 "$d/tend/j.db"
	refused_before_prompt "$d/tend/j.db"
	chmod 600 "$d/tend/j.db"
	intact "$d/tend/j.db"
	rm -rf "$d"
}

@test "a read-only folder is refused before any prompt, even with a -shm left behind" {
	local d; d=$(mktemp -d /tmp/tend-ro.XXXXXX)
	nobody_can_run "$d" || { rm -rf "$d"; return 1; }
	mkdir "$d/tend"
	before "$d/tend/j.db"
	chown -R nobody "$d/tend"
	chmod 500 "$d/tend"
	refused_before_prompt "$d/tend/j.db"
	# A read-only reader (tend itself now makes none: it reads such a
	# journal as immutable) leaves a read-only -shm and -wal behind; the
	# journal file itself is writable, the folder is not.
	chmod 400 "$d/tend/j.db"
	chmod 700 "$d/tend"
	as_nobody sqlite3 -readonly "$d/tend/j.db" 'SELECT count(*) FROM note' >/dev/null
	chmod 600 "$d/tend/j.db"
	chmod 500 "$d/tend"
	[ -e "$d/tend/j.db-shm" ]
	refused_before_prompt "$d/tend/j.db"
	chmod 700 "$d/tend"
	rm -f "$d/tend/j.db-shm" "$d/tend/j.db-wal"
	intact "$d/tend/j.db"
	rm -rf "$d"
}
