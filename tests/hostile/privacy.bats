#!/usr/bin/env bats
# privacy.bats - what tend leaves on disk and shows to other processes.
# Under umask 000, 022 and 077: the data folder is 0700 and the journal,
# its -wal and -shm (seen while a tend holds it open), exports, backups and
# the editor's temporary file are 0600.  A sentinel answer typed through a
# full check-in is nowhere on disk but the journal and explicit exports;
# it is never in a process's command line; a crash leaves no core file.

load ../cli/helper

# start_waiting: start `tend thanks Alex` reading from a fifo that stays
# open, so that it waits with the journal open; sets PID and opens fd 7 as
# the writing end.  stop_waiting TEXT writes TEXT, closes it, waits.
start_waiting() {
	mkfifo "$BATS_TEST_TMPDIR/in"
	exec 7<>"$BATS_TEST_TMPDIR/in"
	"$TEND" thanks Alex <"$BATS_TEST_TMPDIR/in" 7>&- \
	    >"$BATS_TEST_TMPDIR/out" 2>&1 &
	PID=$!
	local i
	# Until it has the journal open (and so its -wal and -shm).
	for ((i = 0; i < 100; i++)); do
		ls -l "/proc/$PID/fd" 2>/dev/null | grep -q 'journal\.db-shm$' &&
		    return 0
		sleep 0.1
	done
	fail "tend never opened the journal: $(cat "$BATS_TEST_TMPDIR/out")"
}

stop_waiting() {
	printf '%s\n' "$1" >&7
	exec 7>&-
	local rc=0
	wait "$PID" || rc=$?
	return "$rc"
}

teardown() {
	exec 7>&- 2>/dev/null || :
	[ -z "${PID:-}" ] || kill -9 "$PID" 2>/dev/null || :
}

modes_under() {
	umask "$1"
	local d=$XDG_DATA_HOME/tend
	couple
	[ "$(stat -c %a "$d")" = 700 ] || fail "folder $(stat -c %a "$d")"
	[ "$(stat -c %a "$J")" = 600 ] || fail "journal $(stat -c %a "$J")"
	start_waiting
	[ "$(stat -c %a "$J-wal")" = 600 ] || fail "-wal $(stat -c %a "$J-wal")"
	[ "$(stat -c %a "$J-shm")" = 600 ] || fail "-shm $(stat -c %a "$J-shm")"
	stop_waiting "for the dishes"
	cd "$BATS_TEST_TMPDIR"
	tend export -o out.jsonl
	tend export --format markdown -o out.md
	tend backup copy.db >/dev/null
	local f
	for f in out.jsonl out.md copy.db; do
		[ "$(stat -c %a "$f")" = 600 ] || fail "$f $(stat -c %a "$f")"
	done
	# The editor sees a 0600 file, which is gone afterwards.
	cat >editor <<-'SH'
	#!/bin/sh
	stat -c '%a %n' "$1" >>"$EDITOR_LOG"
	echo 'written in the editor' >"$1"
	SH
	chmod +x editor
	EDITOR_LOG=$PWD/editor.log TEND_EDITOR=$PWD/editor \
	    tend thanks --edit Alex >/dev/null
	local mode path
	read -r mode path <editor.log
	[ "$mode" = 600 ] || fail "editor file $mode"
	[ ! -e "$path" ] || fail "$path was left behind"
	run -0 tend notes
	assert_output --partial 'written in the editor'
	# Once more without a runtime folder: the draft goes to the state
	# folder, also 0600, also removed.
	: >editor.log
	env -u XDG_RUNTIME_DIR EDITOR_LOG=$PWD/editor.log \
	    TEND_EDITOR=$PWD/editor "$TEND" thanks --edit Alex >/dev/null
	read -r mode path <editor.log
	[ "$mode" = 600 ] || fail "editor file $mode"
	[[ $path == "$XDG_STATE_HOME"/* ]] || fail "draft at $path"
	[ ! -e "$path" ] || fail "$path was left behind"
	[ "$(stat -c %a "$XDG_STATE_HOME/tend")" = 700 ]
}

@test "umask 000: folder 0700; journal, -wal, -shm, exports, backups, drafts 0600" {
	modes_under 000
}

@test "umask 022: the same" {
	modes_under 022
}

@test "umask 077: the same" {
	modes_under 077
}

# Every file under the given folders, or under /tmp newer than the mark and
# ours, that holds the sentinel, but the journal and the named exports.
leaks() {
	local mark=$1; shift
	{
		grep -rlaF -- "$SENTINEL" "$HOME" "$XDG_RUNTIME_DIR" \
		    "$BATS_TEST_TMPDIR" 2>/dev/null
		find /tmp -xdev -newer "$mark" -user "$(id -u)" -type f \
		    ! -path "$BATS_TEST_TMPDIR/*" ! -path "$BATS_RUN_TMPDIR/*" \
		    -print0 2>/dev/null | xargs -0r grep -lasF -- "$SENTINEL"
	} | sort -u | grep -vxF -e "$J" -e "$J-wal" -e "$J-shm" "$@" || :
}

@test "a sentinel answer is nowhere but the journal and explicit exports" {
	SENTINEL=SENTINEL-$RANDOM-$$-zebra
	local mark=$BATS_TEST_TMPDIR/mark
	touch "$mark"
	couple
	both | sed "1s/.*/$SENTINEL/" | tend checkin >/dev/null
	[ "$(sql "$J" "SELECT count(*) FROM answer WHERE value = '$SENTINEL'")" = 1 ]
	tend --no-pager show >/dev/null
	tend --no-pager search "$SENTINEL" >/dev/null
	cd "$BATS_TEST_TMPDIR"
	tend export -o explicit.jsonl
	tend backup explicit.db >/dev/null
	run -0 leaks "$mark" -e "$PWD/explicit.jsonl" -e "$PWD/explicit.db"
	assert_output ''
	# It is where it should be (so the search above can see it).
	grep -qaF -- "$SENTINEL" explicit.jsonl
	# No history file, in the home or the state folder.
	run find "$HOME" -iname '*hist*'
	assert_output ''
}

@test "the typed text is never in /proc/PID/cmdline or environ" {
	SENTINEL=SENTINEL-$RANDOM-$$-ibis
	couple
	start_waiting
	# Half a line typed, and read: tend is waiting for the rest.
	local typed="partly $SENTINEL" before i
	before=$(awk '$1 == "rchar:" { print $2 }' "/proc/$PID/io")
	printf '%s' "$typed" >&7
	for ((i = 0; i < 100; i++)); do
		[ "$(awk '$1 == "rchar:" { print $2 }' "/proc/$PID/io")" -ge \
		    $((before + ${#typed})) ] && break
		sleep 0.1
	done
	[ "$i" -lt 100 ] || fail "tend never read the half line"
	run -1 grep -aF -- "$SENTINEL" "/proc/$PID/cmdline" "/proc/$PID/environ"
	[ "$(tr '\0' ' ' <"/proc/$PID/cmdline")" = "$TEND thanks Alex " ]
	stop_waiting " for the dishes"
	run -0 tend notes
	assert_output --partial "partly $SENTINEL for the dishes"
}

@test "SIGSEGV at a prompt: RLIMIT_CORE is 0 and no core file appears" {
	couple
	cd "$BATS_TEST_TMPDIR"
	# Allow cores in this shell: only tend's own limit can prevent one.
	ulimit -c unlimited 2>/dev/null || skip "cannot raise the core limit"
	# A sanitizer build would catch the signal itself: let it through.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0" start_waiting
	run -0 awk '/^Max core file size/ { print $5, $6 }' "/proc/$PID/limits"
	assert_output "0 0"
	kill -SEGV "$PID"
	local rc=0
	wait "$PID" || rc=$?
	PID=
	[ "$rc" -eq 139 ] || fail "exit $rc"
	# A core file is written before the parent can reap the process.
	run find "$BATS_TEST_TMPDIR" "$HOME" -name 'core*'
	assert_output ''
	# The journal is intact.
	run -0 sqlite3 "$J" 'PRAGMA integrity_check'
	assert_output ok
}

# Issue 10, item 3: "hidden until both have answered" holds in every view.
# Sam answers alone: no view shows Sam's sentinel text or rating to anyone
# who has not named themselves, nor to Alex before Alex has answered; each
# view says once who has answered.  Then Alex answers and every view shows
# both.
sam_alone() {
	couple
	printf '%s\n' 'zebrasentinel thanks' 'zebrasentinel proud' ok yes \
	    'zebrasentinel struggle' better hug 9 | tend checkin --as Sam >/dev/null
}

LINE="tend: 2026-W47: Sam has answered, Alex has not yet; answers appear when both have, or use --as NAME"

@test "no view reveals Sam's answers before Alex has answered" {
	sam_alone
	local v
	for v in show history 'search zebrasentinel' notes stats status; do
		# shellcheck disable=SC2086
		run -0 --separate-stderr tend $v
		refute_output --partial zebrasentinel
		refute_output --partial 'Sam 9'
		# The line first; "Nothing found" and the like may follow.
		[[ "$v" = status ]] || assert_equal "${stderr%%$'\n'*}" "$LINE"
		# shellcheck disable=SC2086
		run -0 --separate-stderr tend $v --as Alex
		refute_output --partial zebrasentinel
	done
	run -0 tend status
	assert_line "Check-in:   in progress (weekly; Sam has answered, Alex has not yet; answers"
	assert_line "            appear when both have, or use --as NAME)"
	assert_line 'Notes:      0 from Sam, 0 from Alex this week'
	for v in 'show --json' 'history --json' 'search zebrasentinel --json' \
	    'notes --json' 'stats --json' 'status --json'; do
		# shellcheck disable=SC2086
		run -0 --separate-stderr tend $v
		refute_output --partial zebrasentinel
		echo "$output" | jq -e . >/dev/null
	done
	run -0 tend history --json
	echo "$output" | jq -e '.[0].hidden and .[0].ratings[0].rating == null'
	run -0 tend stats --json
	echo "$output" | jq -e '.hidden == 1 and .notes == 0 and .appreciations == 0
	    and .partners[0].connection[-1] == null'
	run -0 tend search zebrasentinel --json
	assert_output '[]'
	run -0 tend show --json
	echo "$output" | jq -e '[.questions[].answers[] | select(.hidden | not)] == []'
}

@test "--as Sam shows Sam's own; an unknown name is refused, naming the partners" {
	sam_alone
	run -0 tend show --as Sam
	assert_output --partial 'Sam: zebrasentinel thanks'
	run -0 tend history --as Sam
	assert_output --partial 'Sam 9'
	run -0 tend search zebrasentinel --as sam
	assert_output --partial 'zebrasentinel'
	run -0 tend notes --as Sam
	assert_output --partial 'zebrasentinel thanks'
	run -0 tend status --as Sam
	assert_line 'Notes:      1 from Sam, 0 from Alex this week'
	local before; before=$(sum "$J")
	for v in show history 'search x' notes stats status; do
		# shellcheck disable=SC2086
		run -64 --separate-stderr tend $v --as Kim
		assert_equal "$stderr" "tend: no partner named 'Kim' (partners: Sam, Alex)"
	done
	[ "$(sum "$J")" = "$before" ]
}

@test "once Alex has answered, every view shows both" {
	sam_alone
	printf '%s\n' 'alexsentinel thanks' a b no c d e 4 | tend checkin --as Alex >/dev/null
	run -0 --separate-stderr tend show
	assert_output --partial 'zebrasentinel thanks'
	assert_output --partial 'alexsentinel thanks'
	assert_equal "$stderr" ""
	run -0 tend history
	assert_output --partial 'Sam 9, Alex 4  done'
	run -0 tend search zebrasentinel
	assert_output --partial zebrasentinel
	run -0 tend notes
	assert_output --partial 'zebrasentinel thanks'
	assert_output --partial 'alexsentinel thanks'
	run -0 tend stats --json
	echo "$output" | jq -e '.hidden == 0 and .checkins == 1 and .notes == 2
	    and .partners[0].connection[-1] == 9'
	run -0 tend status
	assert_line 'Check-in:   done (weekly, 2026-W47)'
	assert_line 'Notes:      1 from Sam, 1 from Alex this week'
}
