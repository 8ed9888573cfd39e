#!/usr/bin/env bats
# journals.bats - hostile journal files: foreign SQLite files, a newer or
# nonsensical user_version, journals cut short at many offsets and 2,000
# byte-flipped mutants of a real journal.  Each is refused or read safely:
# a documented exit status, at most one "tend:" line on stderr, no signal,
# no sanitizer report, no hang.

load ../cli/helper

HERE=$BATS_TEST_DIRNAME

# A small real journal (check-in, notes, experiment, assessment) copied to
# $1, its WAL folded in first.
real_journal() {
	full_journal
	sqlite3 "$J" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	[ ! -s "$J-wal" ]
	cp "$J" "$1"
	chmod 600 "$1"
}

# refused FILE REGEX: every reading command refuses FILE with exit 65 and
# one line matching REGEX, and leaves it byte for byte as it was.
refused() {
	local before cmd; before=$(sum "$1")
	for cmd in status history 'show latest' notes; do
		# shellcheck disable=SC2086
		run --separate-stderr timeout 10 "$TEND" --db "$1" $cmd
		[ "$status" -eq 65 ] || fail "$cmd: exit $status: $stderr"
		[ "${#stderr_lines[@]}" -eq 1 ] || fail "$cmd: $stderr"
		[[ $stderr =~ $2 ]] || fail "$cmd: '$stderr' !~ $2"
		[ -z "$output" ] || fail "$cmd said '$output'"
		[ "$(sum "$1")" = "$before" ] || fail "$cmd changed $1"
		[ ! -e "$1-wal" ] || fail "$cmd left $1-wal"
	done
}

@test "a foreign SQLite database is refused and left untouched" {
	cd "$BATS_TEST_TMPDIR"
	sqlite3 other.db 'CREATE TABLE t(x); INSERT INTO t VALUES (42)'
	chmod 600 other.db
	refused other.db '^tend: other\.db is not a tend journal \(application id 0\)'
	# Another program's application id, in WAL mode.
	sqlite3 wal.db 'PRAGMA journal_mode=WAL; PRAGMA application_id=1234;
	    CREATE TABLE t(x)' >/dev/null
	chmod 600 wal.db
	refused wal.db 'not a tend journal \(application id 1234\)'
}

@test "a file that is not SQLite at all is refused and left untouched" {
	cd "$BATS_TEST_TMPDIR"
	printf 'just some text\n%.0s' {1..200} >text.db
	head -c 65536 /dev/urandom >noise.db
	printf 'SQLite format 3\0' >header-only.db
	chmod 600 text.db noise.db header-only.db
	refused text.db '^tend: text\.db is not a tend journal'
	refused noise.db '^tend: noise\.db is not a tend journal'
	refused header-only.db '^tend: header-only\.db is not a tend journal'
}

@test "a journal from a newer tend is refused, named, untouched" {
	couple
	sql "$J" 'PRAGMA user_version = 99'
	refused "$J" 'is from a newer tend \(schema 99; this tend knows [0-9]+\): upgrade tend'
}

@test "a negative user_version is refused as damaged, not a crash" {
	# A byte flip in the header once made tend index its migration list
	# with a negative number (SIGSEGV).
	couple
	sql "$J" 'PRAGMA user_version = -1124073471'
	refused "$J" 'is damaged \(schema version -1124073471\)$'
	sql "$J" 'PRAGMA user_version = -1'
	refused "$J" 'is damaged'
}

@test "journals cut short at 100 offsets (40 under ASan): refused or read, never a crash" {
	cd "$BATS_TEST_TMPDIR"
	real_journal j.db
	local size off n=0 want=100; size=$(stat -c %s j.db)
	# Under a sanitizer (ten times slower to start): the 21 chosen
	# offsets and 19 random ones.
	sanitized && want=40
	mkdir cut
	for off in 0 1 15 16 17 99 100 101 511 512 513 1023 1024 4095 4096 \
	    4097 8191 8192 8193 $((size - 1)) $((size - 100)); do
		head -c "$off" j.db >cut/o$off.db
		n=$((n + 1))
	done
	RANDOM=7
	while [ "$n" -lt "$want" ]; do
		off=$(((RANDOM * 32768 + RANDOM) % size))
		head -c "$off" j.db >cut/o$off.db
		n=$((n + 1))
	done
	chmod 600 cut/*.db
	# Under a sanitizer (ten times slower to start) each cut journal goes
	# through one of the four commands in turn; otherwise through all.
	local every=all per=4
	sanitized && every=one per=1
	run -0 --separate-stderr env EVERY=$every "$HERE/runall.sh" cut/*.db
	assert_output "ran $(($(ls cut/*.db | wc -l) * per))"
}

# TEND_FLIPS journals: 2,000 in make check-all, fewer in make check (tests/run).
@test "byte-flipped journals (2,000 in check-all): refused or read, never a crash" {
	cd "$BATS_TEST_TMPDIR"
	real_journal j.db
	# The unflipped journal reads cleanly: the rules hold for it too.
	run -0 "$TEND" --db j.db show latest
	local flips=${TEND_FLIPS:-2000}
	mkdir m
	perl "$HERE/mutate.pl" 7 "$flips" j.db m
	[ "$(ls m | wc -l)" -eq "$flips" ]
	# Under a sanitizer (ten times slower to start), and for check-all's
	# 2,000, each mutant goes through one of the four commands in turn
	# (500 journals each); make check's 150 go through all four.
	local every=all
	if sanitized || [ "$flips" -gt 200 ]; then
		every=one
	fi
	run -0 --separate-stderr bash -c 'ls m/*.db |
	    xargs -P 4 -n 50 env EVERY='$every' "$1"' _ "$HERE/runall.sh"
	local bad; bad=$(grep -v '^ran ' <<<"$output" || :)
	[ -z "$bad" ] || fail "$bad"
	local total
	total=$(awk '$1 == "ran" { n += $2 } END { print n }' <<<"$output")
	if [ "$every" = all ]; then
		[ "$total" -eq $((flips * 4)) ]
	else
		[ "$total" -eq "$flips" ]
	fi
}

# Found by the byte-flipped journals under ASan: a row id of 0 read as
# "no experiment" lost the copies made of the row.
@test "an experiment row with id 0: one line, exit 65, nothing changed or leaked" {
	couple
	tend checkin < <(both) >/dev/null
	sql "$J" "UPDATE experiment SET id = 0"
	local before; before=$(sum "$J")
	for cmd in status experiment; do
		run -65 --separate-stderr tend $cmd
		assert_equal "$stderr" "tend: the experiment of 2026-W48 is damaged in the journal (row id 0)"
	done
	[ "$(sum "$J")" = "$before" ]
}
