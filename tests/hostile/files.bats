#!/usr/bin/env bats
# files.bats - files beside the journal that another local user planted
# (issue 10, item 4): a -wal or -shm that is someone else's, a link, not a
# file, open to others or hard-linked is refused before SQLite opens it,
# by every command, with the file and the fix named; doctor reports the
# same problem with the same words.  Nothing is read from or written to
# the planted file, and the journal keeps its bytes.

load ../cli/helper

# planted SIDE STATUS MESSAGE: a reading and a writing command refuse with
# MESSAGE; the journal and SIDE keep their bytes; doctor names it too.
planted() {
	local side=$1 status=$2 msg=$3 j0 s0=
	j0=$(sum "$J")
	[ -f "$side" ] && [ ! -L "$side" ] && s0=$(sum "$side")
	run "-$status" --separate-stderr tend notes
	assert_equal "$stderr" "tend: $msg"
	[ -z "$output" ]
	run "-$status" --separate-stderr tend thanks Alex 'for the tea'
	assert_equal "$stderr" "tend: $msg"
	run "-$status" --separate-stderr tend export
	[ -z "$output" ]
	[ "$(sum "$J")" = "$j0" ]
	[ -z "$s0" ] || [ "$(sum "$side")" = "$s0" ]
	run -1 tend doctor
	assert_output --partial "${msg%%;*}"
}

@test "a -wal that belongs to another user is refused before SQLite reads it" {
	[ "$(id -u)" = 0 ] || skip "needs root to give a file away"
	couple
	tend thanks Alex 'for the dishes' >/dev/null
	# Another user's WAL, as a planted one would be: 600, theirs.
	cp "$J" "$BATS_TEST_TMPDIR/other.db"
	printf 'x' >"$J-wal"
	chmod 600 "$J-wal"
	chown nobody "$J-wal"
	planted "$J-wal" 78 "$J-wal is another user's file; tend did not make it: remove it, and keep the journal in a folder only you can write"
	rm -f "$J-wal"
	run -0 tend notes
	assert_output --partial 'for the dishes'
}

@test "a -shm that another user can read is refused, with the chmod that fixes it" {
	couple
	: >"$J-shm"
	chmod 644 "$J-shm"
	planted "$J-shm" 78 "$J-shm can be read by others (mode 0644); run 'chmod 600 $J-shm'"
	chmod 600 "$J-shm"
	run -0 tend notes
}

@test "a -wal or -shm that is a symbolic link, a fifo or hard-linked is refused" {
	couple
	ln -s "$BATS_TEST_TMPDIR/elsewhere" "$J-shm"
	planted "$J-shm" 78 "$J-shm is a symbolic link; tend did not make it: remove it, and keep the journal in a folder only you can write"
	[ ! -e "$BATS_TEST_TMPDIR/elsewhere" ]
	rm "$J-shm"
	mkfifo -m 600 "$J-wal"
	planted "$J-wal" 78 "$J-wal is not a regular file; tend did not make it: remove it, and keep the journal in a folder only you can write"
	rm "$J-wal"
	: >"$BATS_TEST_TMPDIR/peek"
	chmod 600 "$BATS_TEST_TMPDIR/peek"
	ln "$BATS_TEST_TMPDIR/peek" "$J-wal"
	planted "$J-wal" 78 "$J-wal has 2 hard links, so others may reach it; keep one name for it"
	# Nothing was written through the second name.
	[ ! -s "$BATS_TEST_TMPDIR/peek" ]
	rm "$J-wal"
	run -0 tend thanks Alex 'for the tea'
}

@test "the -wal and -shm of a journal in use are the user's own and accepted" {
	couple
	tend thanks Alex 'for the soup' >/dev/null
	# tend runs while another connection holds the journal open, its
	# -wal and -shm there (0600, the user's, as SQLite makes them).
	sqlite3 -batch "$J" 'SELECT count(*) FROM note' \
	    ".shell test -f '$J-wal' && test -f '$J-shm' && '$TEND' notes >'$BATS_TEST_TMPDIR/out' 2>&1; echo \$? >'$BATS_TEST_TMPDIR/rc'"
	[ "$(cat "$BATS_TEST_TMPDIR/rc")" = 0 ]
	grep -q 'for the soup' "$BATS_TEST_TMPDIR/out"
}
