#!/usr/bin/env bats
# mistakes.bats - what a couple gets wrong, and what tend must not lose or
# invent: colon commands mistyped in a check-in, a second session racing
# the first, a note back-dated across a daylight-saving change, an export
# written over the journal.

load helper

W=2027-W05

# The value of answer PARTNER QUESTION-NUMBER in show --json.
value() {
	tend show $W --json | jq -c --arg p "$1" --argjson q "$2" \
	    '.questions[$q - 1].answers[] | select(.partner == $p) |
	    [.value, .skipped]'
}

@test "a mistyped :foo is refused with the list, never saved; :SKIP and :Pause work" {
	local before
	couple
	at 2027-02-07T20:00:00
	# Sam q1, then ":foo" where Alex's q1 is asked: a script that types
	# a command tend does not know stops with the list, as any refused
	# answer in a script does, and nothing of it is saved.
	run -65 --separate-stderr tend checkin < <(
	    deck_pair sam 7 alex 5 | sed -n 1p
	    echo :foo
	    echo 'never read')
	assert_equal "$output" ''
	for c in :foo :skip :back :hint :pause :help; do
		[[ $stderr == *"$c"* ]] ||
		    fail "the refusal of :foo does not name $c: $stderr"
	done
	assert_equal "$(sql "$J" "SELECT group_concat(value) FROM answer")" 'sam q1 tendscn'
	# Alex q1 ":SKIP"; Sam and Alex q2; Sam q3 ":Pause".
	before=$(sum "$J")
	run -0 --separate-stderr tend checkin < <(
	    echo :SKIP
	    deck_pair sam 7 alex 5 | sed -n 3,4p
	    echo :Pause
	    echo 'never read')
	assert_equal "$output" ''
	assert_regex "$stderr" 'Paused\.'
	at 2027-02-07T20:30:00
	run -0 --separate-stderr tend checkin < <(
	    deck_pair sam 7 alex 5 | sed -n '5,$p')
	assert_line -n 0 "Check-in $W done."
	assert_equal "$(value Sam 1)" '["sam q1 tendscn",false]'
	assert_equal "$(value Alex 1)" '[null,true]'
	assert_equal "$(value Sam 2)" '["sam q2 tendscn",false]'
	assert_equal "$(value Sam 4)" '["sam q4 tendscn",false]'
	run -0 tend show $W --json
	assert_equal "$(jq -c '[.questions[].answers[].value | select(. != null and startswith(":"))]' <<<"$output")" '[]'
	run -0 tend notes --json
	assert_equal "$(jq -c '[.[] | [.from, .to, .text]]' <<<"$output")" '[["Sam","Alex","sam q1 tendscn"]]'
	views_agree $W
}

@test "a session never overwrites an answer another session saved meanwhile" {
	local fifo=$BATS_TEST_TMPDIR/keyboard pid i rc=0
	couple
	at 2027-02-07T20:00:00
	mkfifo "$fifo"
	# The first session: passing the keyboard, its answers from a pipe
	# that stays open while Alex answers alone in a second session.
	tend checkin <"$fifo" >"$BATS_TEST_TMPDIR/first.out" \
	    2>"$BATS_TEST_TMPDIR/first.err" 3>&- &
	pid=$!
	exec 5>"$fifo"
	deck_pair sam 7 alex 5 | head -4 >&5
	# Both answered q1 and q2: the first session waits at Sam's q3.
	for ((i = 0; i < 3000; i++)); do
		[ "$(sql "$J" 'SELECT count(*) FROM answer')" != 4 ] || break
	done
	[ "$i" -lt 3000 ] || fail "the first session did not save 4 answers"
	run -0 tend checkin --as Alex < <(deck_lines alexalone 6 | tail -n +3)
	assert_output "Your part of $W is saved; the check-in is done once everyone has answered."
	# Sam's remaining answers, q3 to q8, go to the first session, which
	# passes Alex's slots answered meanwhile.  (A line read for a slot
	# another session answered meanwhile is kept out and printed back:
	# tests/cli/checkin.bats.)
	deck_lines sam 7 | tail -n +3 >&5
	exec 5>&-
	wait "$pid" || rc=$?
	[ "$rc" = 0 ] || fail "the first session: exit $rc: $(cat "$BATS_TEST_TMPDIR/first.err")"
	grep -qx "Check-in $W done." "$BATS_TEST_TMPDIR/first.out" ||
	    fail "the first session did not finish: $(cat "$BATS_TEST_TMPDIR/first.out" "$BATS_TEST_TMPDIR/first.err")"
	run -0 tend show $W --json
	assert_equal "$(jq -c '[.questions[].answers[] | select(.partner == "Alex") | .value]' <<<"$output")" \
	    "$( (deck_lines alex 5 | head -2; deck_lines alexalone 6 | tail -n +3) | jq -Rcs 'split("\n")[:-1]')"
	assert_equal "$(jq -c '[.questions[].answers[] | select(.partner == "Sam") | .value]' <<<"$output")" \
	    "$(deck_lines sam 7 | jq -Rcs 'split("\n")[:-1]')"
	run -0 tend notes --json
	assert_equal "$(jq -c '[.[] | [.from, .text]] | sort' <<<"$output")" '[["Alex","alex q1 tendscn"],["Sam","sam q1 tendscn"]]'
	views_agree $W
}

@test "a note back-dated across a DST change in Santiago keeps its day" {
	export TZ=America/Santiago
	couple
	# Clocks went back at midnight on 2027-04-04 (-03 to -04).
	at 2027-04-05T23:50:00
	run -0 tend thanks --from Alex --date 2027-04-03 Sam "before the change $MARK"
	note_on_day "before the change $MARK" 2027-04-03
	# They went forward at midnight on 2027-09-05 (-04 to -03): that day
	# has no 00:10, and "yesterday" is still the day before today.
	at 2027-09-06T00:10:00
	run -0 tend thanks --date yesterday Alex "the short day $MARK"
	note_on_day "the short day $MARK" 2027-09-05
	at 2027-09-06T23:50:00
	run -0 tend thanks --date 2027-09-04 Alex "the day before $MARK"
	note_on_day "the day before $MARK" 2027-09-04
	views_agree 2027-W14 2027-W35 2027-W36
}

@test "export -o onto the journal, its -wal or a FIFO is refused, the journal kept" {
	local before x
	couple
	at 2027-02-07T20:00:00
	run -0 answer_together sam 7 alex 5
	before=$(sum "$J")
	for x in "$J" "$J-wal" "$J-shm"; do
		run -64 --separate-stderr tend export -o "$x" --force
		assert_equal "$(grep -c . <<<"$stderr")" 1
		[[ $stderr == 'tend: '* ]] || fail "not one line 'tend: ...': $stderr"
		assert_equal "$(sum "$J")" "$before"
	done
	run -0 tend show $W --json
	assert_equal "$(jq -r .state <<<"$output")" 'done'
	mkfifo "$BATS_TEST_TMPDIR/pipe"
	run -64 --separate-stderr tend export -o "$BATS_TEST_TMPDIR/pipe" --force
	[[ $stderr == 'tend: '* ]] || fail "not one line 'tend: ...': $stderr"
	[ -p "$BATS_TEST_TMPDIR/pipe" ] || fail "the FIFO was replaced"
	views_agree $W
}
