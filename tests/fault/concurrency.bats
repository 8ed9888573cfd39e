#!/usr/bin/env bats
# concurrency.bats - partners saving at once (issue 7, item 3): three
# processes saving 300 notes each into one journal lose none and show no
# busy error; a long reader during the writes sees no error and the WAL
# stays within journal_size_limit once it is let go.
load ../cli/helper

# Once, in the plain build: what this tests is the journal's on-disk
# protocol (SQLite's and tend's transactions), the same in both builds,
# and under ASan it would take much of make check's time for nothing more;
# the CLI suites run the same code under ASan.
plain_only() {
	! ldd "$TEND" 2>/dev/null | grep -q libasan ||
	    skip "concurrent saves runs in the plain build only"
}

# writer WHO N: N notes from one process after another, errors kept apart.
writer() {
	local i
	for ((i = 1; i <= $2; i++)); do
		"$TEND" thanks Alex "from writer $1, note $i" >/dev/null ||
		    echo "writer $1, note $i: exit $?" >&2
	done 2>>"$BATS_TEST_TMPDIR/errors"
}

@test "three processes saving 300 notes each: 900 saved, no busy error" {
	plain_only
	couple
	: >"$BATS_TEST_TMPDIR/errors"
	local n=${TEND_CONCURRENT_NOTES:-300}
	writer 1 "$n" & writer 2 "$n" & writer 3 "$n" &
	wait
	local errors; errors=$(cat "$BATS_TEST_TMPDIR/errors")
	echo "# 3 x $n notes: $(sql "$J" 'SELECT count(*) FROM note') saved, $(grep -c . "$BATS_TEST_TMPDIR/errors") errors shown" >&3
	assert_equal "$errors" ""
	[ "$(sql "$J" 'SELECT count(*) FROM note')" = $((3 * n)) ]
	[ "$(sql "$J" "SELECT count(DISTINCT body) FROM note")" = $((3 * n)) ]
	[ "$(sql "$J" 'PRAGMA integrity_check')" = ok ]
	# Search holds every one of them too.
	[ "$(sql "$J" "SELECT count(*) FROM fts WHERE fts MATCH 'writer'")" = $((3 * n)) ]
}

@test "a long reader during writes: no error, and the WAL stays bounded" {
	plain_only
	couple
	: >"$BATS_TEST_TMPDIR/errors"
	# Another connection idle on the journal all along, so that no tend
	# is ever the last to close it and deletes the WAL: its size is then
	# journal_size_limit's doing alone.
	mkfifo "$BATS_TEST_TMPDIR/idle"
	sqlite3 -batch "$J" <"$BATS_TEST_TMPDIR/idle" >/dev/null 2>&1 &
	local idle=$!
	exec 9>"$BATS_TEST_TMPDIR/idle"
	echo 'SELECT count(*) FROM partner;' >&9
	# A reader holding one read transaction open, as a paged 'tend show'
	# left open would: checkpoints cannot pass it, so the WAL grows.
	mkfifo "$BATS_TEST_TMPDIR/read"
	sqlite3 -batch "$J" <"$BATS_TEST_TMPDIR/read" >"$BATS_TEST_TMPDIR/reader" \
	    2>"$BATS_TEST_TMPDIR/reader.err" &
	local reader=$!
	exec 8>"$BATS_TEST_TMPDIR/read"
	echo 'BEGIN; SELECT count(*) FROM note;' >&8
	# 4 KiB notes until the WAL is well past the 4 MiB limit (6 MiB).
	local big i size grown=0
	big=$(head -c 4000 /dev/zero | tr '\0' w)
	for ((i = 1; i <= 3000 && grown <= 6291456; i++)); do
		"$TEND" thanks Alex "$i $big" >/dev/null 2>>"$BATS_TEST_TMPDIR/errors" ||
		    echo "note $i: exit $?" >>"$BATS_TEST_TMPDIR/errors"
		size=$(stat -c %s "$J-wal" 2>/dev/null || echo 0)
		[ "$size" -le "$grown" ] || grown=$size
	done
	# The reader reads again in the same transaction, then lets go.
	echo 'SELECT count(*) FROM note; COMMIT;' >&8
	exec 8>&-
	wait "$reader"
	local held; held=$(cat "$BATS_TEST_TMPDIR/reader")
	# Two more saves after the reader let go: the first checkpoints the
	# WAL, the second starts it over and truncates it to
	# journal_size_limit.  Without the limit it keeps its largest size.
	tend thanks Alex 'after the reader' >/dev/null
	tend thanks Alex 'and once more' >/dev/null
	local after; after=$(stat -c %s "$J-wal")
	exec 9>&-
	wait "$idle"
	echo "# $((i - 1)) notes written under a reader: WAL $grown bytes while held, $after after (limit 4194304)" >&3
	assert_equal "$(cat "$BATS_TEST_TMPDIR/errors")" ""
	assert_equal "$(cat "$BATS_TEST_TMPDIR/reader.err")" ""
	# The reader saw one snapshot: the same count at its start and end.
	[ "${held%%$'\n'*}" = "${held##*$'\n'}" ]
	[ "$grown" -gt 4194304 ]
	[ "$after" -le 4194304 ]
	[ "$(sql "$J" 'PRAGMA integrity_check')" = ok ]
}
