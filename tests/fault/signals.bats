#!/usr/bin/env bats
# signals.bats - Ctrl-C, a hang-up or kill in the middle of writing: an
# export -o leaves no partial copy of the journal's words behind, and an
# import stops with nothing imported (a journal made for it removed).
# The signal is sent while tend is provably mid-way: export waits in an
# fsync the LD_PRELOAD shim stalls, import waits on a FIFO half fed.
load ../cli/helper

# bg COMMAND...: run COMMAND in the background with SIGINT as a terminal
# would deliver it (a shell's background job starts with it ignored); its
# pid in $BG.
bg() {
	perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die "exec: $!"' -- "$@" &
	BG=$!
}

# wait_for COMMAND...: poll (at most 10 s) until COMMAND succeeds.
wait_for() {
	local i
	for ((i = 0; i < 200; i++)); do
		"$@" >/dev/null && return 0
		sleep 0.05
	done
	fail "never: $*"
}

# finish: wait for $BG; its exit status in $status.
finish() {
	status=0
	wait "$BG" || status=$?
}

shim_or_skip() {
	SHIM=$TEND_TOP/build/failsync.so
	# An LD_PRELOAD library ahead of ASan's runtime is refused by ASan.
	[ "$(readlink -f "$TEND")" = "$(readlink -f "$TEND_TOP/tend")" ] ||
	    skip "the fsync shim runs with the plain build only"
	[ -e "$SHIM" ] || skip "no $SHIM: run 'make build/failsync.so'"
}

# export_stopped SIGNAL STATUS: export -o, stopped by SIGNAL mid-sync.
export_stopped() {
	shim_or_skip
	[ -e "$J" ] || full_journal
	cd "$BATS_TEST_TMPDIR"
	bg env LD_PRELOAD="$SHIM" FAILSYNC_AFTER=1000000 FAILSYNC_STALL=30 \
	    "$TEND" export -o out.jsonl
	wait_for compgen -G 'out.jsonl.tmp-*'
	# The copy is there, whole but for the sync: the signal must take it.
	grep -q '"partner"' out.jsonl.tmp-*
	kill "-$1" "$BG"
	finish
	[ "$status" = "$2" ] || fail "exit $status, not $2"
	run compgen -G 'out.jsonl*'
	assert_output ''
}

@test "Ctrl-C during export -o leaves no copy behind (130)" {
	export_stopped INT 130
}

@test "a hang-up or kill during export -o: the same (129, 143)" {
	export_stopped HUP 129
	export_stopped TERM 143
}

@test "export -o --force stopped: the old file stays as it was" {
	shim_or_skip
	full_journal
	cd "$BATS_TEST_TMPDIR"
	echo 'the old export' >out.jsonl
	bg env LD_PRELOAD="$SHIM" FAILSYNC_AFTER=1000000 FAILSYNC_STALL=30 \
	    "$TEND" export --force -o out.jsonl
	wait_for compgen -G 'out.jsonl.tmp-*'
	kill -INT "$BG"
	finish
	[ "$status" = 130 ]
	[ "$(cat out.jsonl)" = 'the old export' ]
	run compgen -G 'out.jsonl.*'
	assert_output ''
}

# import_half FILE JOURNAL: import FILE's first 3,000 lines into JOURNAL
# through a FIFO; tend's pid in $BG.  This shell holds the FIFO open, so
# that tend, once it has read them, waits for more instead of seeing the
# end.  Returns once the lines are written: tend has read all but the
# last pipe buffer of them (64 KiB, a few hundred lines), so it is past
# the first lines, importing, when the signal comes.
import_half() {
	local fifo=$BATS_TEST_TMPDIR/fifo feeder
	mkfifo "$fifo"
	bg "$TEND" --db "$2" import "$fifo" 2>"$BATS_TEST_TMPDIR/err"
	exec {HOLD}<>"$fifo"
	head -n 3000 "$1" >"$fifo" 3>&- &
	feeder=$!
	wait_for eval "! kill -0 $feeder 2>/dev/null"
}

@test "Ctrl-C during an import into a new journal: nothing is left (130)" {
	"$TEND_TOP/tests/bench/gen-notes" 5000 >"$BATS_TEST_TMPDIR/notes.jsonl"
	local j=$BATS_TEST_TMPDIR/new/journal.db
	import_half "$BATS_TEST_TMPDIR/notes.jsonl" "$j"
	# Built under a temporary name; at its path only once imported.
	wait_for compgen -G "$BATS_TEST_TMPDIR/new/.journal.db.tmp-*"
	[ ! -e "$j" ]
	kill -INT "$BG"
	finish
	exec {HOLD}>&-
	[ "$status" = 130 ] || fail "exit $status: $(cat "$BATS_TEST_TMPDIR/err")"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" \
	    "tend: import stopped; nothing was imported"
	run compgen -G "$j*"
	assert_output ''
	run compgen -G "$BATS_TEST_TMPDIR/new/.journal.db*"
	assert_output ''
}

@test "a hang-up during an import into a journal: unchanged (129)" {
	full_journal
	"$TEND_TOP/tests/bench/gen-notes" 5000 >"$BATS_TEST_TMPDIR/notes.jsonl"
	local before
	before=$(sql "$J" 'SELECT count(*), group_concat(uuid) FROM note')
	import_half "$BATS_TEST_TMPDIR/notes.jsonl" "$J"
	kill -HUP "$BG"
	finish
	exec {HOLD}>&-
	[ "$status" = 129 ] || fail "exit $status: $(cat "$BATS_TEST_TMPDIR/err")"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" \
	    "tend: import stopped; nothing was imported"
	assert_equal "$(sql "$J" 'SELECT count(*), group_concat(uuid) FROM note')" \
	    "$before"
	[ "$(sql "$J" 'PRAGMA integrity_check')" = ok ]
}
