#!/usr/bin/env bats
# checkin.bats - the weekly check-in from standard input (one answer per
# line, no prompts), resuming, --as with hidden answers, back-fill, redo,
# and the history and show of what was said.

load helper

# answer WEEK PARTNER QUESTION: the stored value ("NULL" for skipped).
answer() {
	sql "$J" "SELECT coalesce(a.value, 'NULL') FROM answer a
	    JOIN checkin c ON c.id = a.checkin_id
	    JOIN partner p ON p.id = a.partner_id
	    WHERE c.week = '$1' AND p.name = '$2' AND a.question = '$3'"
}

@test "a whole check-in from stdin is saved answer by answer and summed up" {
	couple
	run -0 --separate-stderr tend checkin < <(both)
	assert_line -n 0 'Check-in 2026-W47 done.'
	assert_line 'How connected you felt: Sam 7, Alex 4'
	assert_line '  Your ratings are 3 apart: worth talking about, gently.'
	[ -z "$stderr" ]
	[ "$(answer 2026-W47 Sam partner-appreciated)" = 'the coffee in bed' ]
	[ "$(answer 2026-W47 Alex needs-met)" = mostly ]
	[ "$(answer 2026-W47 Alex connection-rating)" = 4 ]
	[ "$(sql "$J" 'SELECT count(*) FROM answer')" = 16 ]
	[ "$(sql "$J" 'SELECT finished IS NOT NULL FROM checkin')" = 1 ]
	[ "$(sql "$J" 'PRAGMA integrity_check')" = ok ]
}

@test "appreciation answers are saved as notes to the other partner" {
	couple
	tend checkin < <(both) >/dev/null
	run -0 sql "$J" "SELECT f.name || '>' || t.name || ':' || n.body FROM note n
	    JOIN partner f ON f.id = n.from_id JOIN partner t ON t.id = n.to_id
	    ORDER BY n.id"
	assert_output "$(printf 'Sam>Alex:the coffee in bed\nAlex>Sam:the note in my bag')"
}

@test "end of input pauses; the next run resumes at the first open answer" {
	couple
	run -0 --separate-stderr tend checkin < <(both | head -5)
	assert_equal "$stderr" "Paused. Every answer so far is saved; run 'tend checkin' to go on."
	[ -z "$output" ]
	[ "$(sql "$J" 'SELECT count(*) FROM answer')" = 5 ]
	[ "$(sql "$J" 'SELECT finished IS NULL FROM checkin')" = 1 ]
	run -0 tend status
	assert_line --partial 'Check-in:   in progress'
	run -0 tend checkin < <(both | tail -n +6)
	assert_line -n 0 'Check-in 2026-W47 done.'
	[ "$(answer 2026-W47 Sam going-well)" = 'sunday walk' ]
	[ "$(answer 2026-W47 Alex going-well)" = 'we laughed a lot' ]
	[ "$(sql "$J" 'SELECT count(*) FROM answer')" = 16 ]
}

@test ":pause stops like the end of input, :skip leaves an answer empty" {
	couple
	run -0 --separate-stderr tend checkin < <(printf '%s\n' ':skip' 'the tea' ':pause' 'never read')
	assert_equal "$stderr" "Paused. Every answer so far is saved; run 'tend checkin' to go on."
	[ "$(answer 2026-W47 Sam partner-appreciated)" = NULL ]
	[ "$(answer 2026-W47 Alex partner-appreciated)" = 'the tea' ]
	[ "$(sql "$J" 'SELECT count(*) FROM answer')" = 2 ]
}

@test ":back answers the previous one again" {
	couple
	run -0 tend checkin < <(printf '%s\n' 'first try' 'hers' ':back' 'second try')
	[ "$(answer 2026-W47 Sam partner-appreciated)" = 'first try' ]
	[ "$(answer 2026-W47 Alex partner-appreciated)" = 'second try' ]
}

@test "a bad scale answer from a script stops with the line named, earlier answers kept" {
	couple
	run -65 --separate-stderr tend checkin < <(both | head -14; echo 11)
	assert_equal "$stderr" "tend: line 15: answer with a whole number from 1 to 10 (question 8, Sam)"
	[ "$(sql "$J" 'SELECT count(*) FROM answer')" = 14 ]
}

@test "answers are stored exactly as typed, and shown escaped" {
	couple
	tend checkin < <(printf '%s\n' $'\e]0;owned\a\e[2Jhi  there ' 'x') >/dev/null
	[ "$(answer 2026-W47 Sam partner-appreciated)" = $'\e]0;owned\a\e[2Jhi  there ' ]
	run -0 tend show --as Sam
	assert_line '    Sam: ^[]0;owned^G^[[2Jhi  there'
	refute_output --partial $'\e'
	run -0 script -qec "$TEND --no-pager show --as Sam" /dev/null
	refute_output --partial $'\e]0;owned'
}

@test "invalid UTF-8 and oversized answers are refused" {
	couple
	run -65 --separate-stderr tend checkin < <(printf 'ok\xff\n')
	assert_equal "$stderr" "tend: line 1: the answer is not valid UTF-8 text (question 1, Sam)"
	run -65 --separate-stderr tend checkin < <(head -c 10001 /dev/zero | tr '\0' a; echo)
	assert_equal "$stderr" "tend: line 1: the answer has 10001 characters; the most is 10000 (question 1, Sam)"
	[ "$(sql "$J" 'SELECT count(*) FROM answer')" = 0 ]
}

@test "--as: each partner answers alone; nobody sees the other first" {
	couple
	run -0 tend checkin --as Sam < <(both | awk 'NR % 2 == 1')
	assert_output 'Your part of 2026-W47 is saved; the check-in is done once everyone has answered.'
	[ "$(answer 2026-W47 Sam biggest-struggle)" = 'work deadlines' ]
	# A hidden answer gets no placeholder: one line on stderr says why.
	run -0 --separate-stderr tend show --as Alex
	refute_output --partial 'Sam:'
	refute_output --partial 'work deadlines'
	assert_equal "$stderr" 'tend: 2026-W47: Sam has answered, Alex has not yet; answers appear when both have'
	run -0 tend show --as Sam
	assert_line '    Sam: work deadlines'
	assert_line '    Alex: (not answered yet)'
	run -0 --separate-stderr tend show
	refute_output --partial 'work deadlines'
	assert_equal "$stderr" 'tend: 2026-W47: Sam has answered, Alex has not yet; answers appear when both have, or use --as NAME'
	run -0 tend show --json --as Alex
	echo "$output" | jq -e '.state == "in progress" and
	    (.questions[0].answers[0] | .hidden == true and .value == null)'
	run -0 tend checkin --as Sam </dev/null
	assert_output 'Your part of 2026-W47 is done; the others have yet to answer.'
	run -0 tend checkin --as alex < <(both | awk 'NR % 2 == 0')
	assert_line -n 0 'Check-in 2026-W47 done.'
	run -0 tend show
	assert_line '    Sam: work deadlines'
	assert_line '    Alex: sleep'
}

@test "--as an unknown partner is a usage error naming the partners" {
	couple
	run -64 --separate-stderr tend checkin --as Kim </dev/null
	assert_equal "$stderr" "tend: no partner named 'Kim' (partners: Sam, Alex)"
}

@test "back-fill a past week; a future week is refused" {
	couple
	run -0 tend checkin --week 2026-W45 < <(both)
	assert_line -n 0 'Check-in 2026-W45 done.'
	[ "$(answer 2026-W45 Sam most-proud)" = 'finishing the tiling' ]
	run -0 tend checkin --week last-week < <(both | head -2)
	[ "$(answer 2026-W46 Alex partner-appreciated)" = 'the note in my bag' ]
	local before; before=$(sum "$J")
	run -64 --separate-stderr tend checkin --week 2026-W49 </dev/null
	assert_equal "$stderr" "tend: 2026-W49 is still to come; give this week or an earlier one"
	run -64 --separate-stderr tend checkin --week 2026-w1 </dev/null
	assert_equal "$stderr" "tend: '2026-w1' is not a week; write it as 2026-W47, this-week or last-week"
	[ "$(sum "$J")" = "$before" ]
}

@test "a finished check-in says so; --redo asks one question again" {
	couple
	tend checkin < <(both) >/dev/null
	run -0 tend checkin </dev/null
	assert_output "The check-in of 2026-W47 is done; see 'tend show 2026-W47'."
	run -0 tend checkin --redo 2 < <(printf '%s\n' 'the garden' 'the choir')
	[ "$(answer 2026-W47 Sam most-proud)" = 'the garden' ]
	[ "$(answer 2026-W47 Alex most-proud)" = 'the choir' ]
	run -0 tend checkin --redo connection-rating --as Alex < <(echo 6)
	[ "$(answer 2026-W47 Alex connection-rating)" = 6 ]
	run -64 --separate-stderr tend checkin --redo 9 </dev/null
	assert_equal "$stderr" "tend: no question '9' in deck 'weekly'; give its number (1-8) or id (see 'tend questions')"
}

@test "another deck with --deck; an unknown deck is refused" {
	couple
	local n; n=$(jq '.decks[] | select(.id == "repair") | .questions | length' "$TEND_TOP/data/decks.json")
	run -0 tend checkin --deck repair < <(for ((i = 0; i < 2 * n; i++)); do
	    jq -r --argjson i $((i / 2)) '.decks[] | select(.id == "repair") | .questions[$i].kind
	    | if . == "scale" then "5" elif . == "yesno" then "yes" else "ok" end' "$TEND_TOP/data/decks.json"; done)
	assert_line -n 0 'Check-in 2026-W47 done.'
	[ "$(sql "$J" "SELECT deck FROM checkin")" = repair ]
	run -64 --separate-stderr tend checkin --deck nope </dev/null
	assert_equal "$stderr" "tend: no deck named 'nope'; see 'tend questions --decks'"
}

@test "a deck above the intimacy setting is refused and changes nothing" {
	couple
	local before; before=$(sum "$J")
	run -64 --separate-stderr tend checkin --deck intimacy-talk </dev/null
	assert_equal "$stderr" "tend: the deck 'intimacy-talk' is above the journal's intimacy setting (affection); to use it: tend config intimacy sexual"
	[ "$(sum "$J")" = "$before" ]
	tend config intimacy sexual
	run -0 tend checkin --deck intimacy-talk --as Sam <<<":pause"
	refute_output --partial 'is above'
}

@test "without a terminal it never prompts or blocks" {
	couple
	run -0 --separate-stderr timeout 5 "$TEND" checkin </dev/null
	assert_equal "$stderr" "Paused. Every answer so far is saved; run 'tend checkin' to go on."
	[ "$(sql "$J" 'SELECT count(*) FROM checkin')" = 0 ]
}

@test "history lists check-ins newest first with state and ratings" {
	couple
	run -0 tend history
	assert_output "No check-in yet: run 'tend checkin' together."
	tend checkin --week 2026-W45 < <(both) >/dev/null
	tend checkin --as Sam < <(both | awk 'NR % 2 == 1') >/dev/null
	# Sam's rating is Sam's to see until Alex has answered too.
	run -0 --separate-stderr tend history
	assert_line -n 0 '2026-W47  weekly     in progress, waiting for Alex'
	run -0 --separate-stderr tend history --as Sam
	assert_line -n 0 '2026-W47  weekly     Sam 7  in progress, waiting for Alex'
	assert_line -n 1 '2026-W45  weekly     Sam 7, Alex 4  done'
	run -0 --separate-stderr tend history --limit 1
	[ "${#lines[@]}" -eq 1 ]
	run -0 tend history --json
	echo "$output" | jq -e 'length == 2 and .[0].week == "2026-W47"
	    and .[0].state == "in progress"
	    and .[0].ratings[1].answered == false
	    and .[0].hidden and .[0].ratings[0].rating == null
	    and .[1].ratings == [{"partner": "Sam", "answered": true, "rating": 7},
	      {"partner": "Alex", "answered": true, "rating": 4}]'
	run -64 --separate-stderr tend history --limit 0
	assert_equal "$stderr" "tend: --limit takes a positive whole number, not '0'"
	run -64 tend history --limit x
}

@test "show: a week, latest, and JSON" {
	couple
	run -66 --separate-stderr tend show
	assert_equal "$stderr" "tend: no check-in yet; run 'tend checkin' together"
	tend checkin --week 2026-W45 < <(both) >/dev/null
	run -0 tend show
	assert_line -n 0 '2026-W45: Weekly check-in (done)'
	assert_line '1. What did your partner do this week that you appreciated?'
	assert_line '    Sam: the coffee in bed'
	run -0 tend show 2026-W45
	assert_line '    Alex: mostly'
	run -0 tend show latest --json
	echo "$output" | jq -e '.week == "2026-W45" and .state == "done"
	    and .partners == ["Sam", "Alex"] and (.questions | length == 8)
	    and .questions[7].answers[1].value == "4"'
	run -66 --separate-stderr tend show 2026-W40
	assert_equal "$stderr" "tend: no check-in of 'weekly' in 2026-W40; see 'tend history'"
	run -64 tend show 2026-W40 2026-W41
	run -64 tend show --as Kim
}

@test "a long answer wraps to the width with its lines indented" {
	couple
	tend checkin < <(printf '%s\n' 'one two three four five six seven eight nine ten eleven twelve' x) >/dev/null
	COLUMNS=40 run -0 tend show --as Sam
	assert_line '    Sam: one two three four five six'
	assert_line '      seven eight nine ten eleven twelve'
}

# Last week (2026-W46) had an experiment, with no outcome logged yet.
last_weeks_experiment() {
	TEND_NOW=2026-11-14T10:00:00Z tend experiment >/dev/null
}

@test "a look-back answer that is not yes/no from a script: exit 65, no crash" {
	couple
	last_weeks_experiment
	local before; before=$(sum "$J")
	run -65 --separate-stderr tend checkin --as Sam < <(printf 'maybe\n')
	assert_equal "$stderr" "tend: line 1: answer yes or no (did you try the experiment)"
	[ "$(sum "$J")" = "$before" ]
	[ "$(sql "$J" 'SELECT count(*) FROM answer')" = 0 ]
}

@test "commands are case-insensitive: :SKIP, :Back and :PAUSE" {
	couple
	run -0 --separate-stderr tend checkin < <(printf '%s\n' ':SKIP' 'the tea' ' :Back ' 'mended' ':PAUSE' 'never read')
	assert_equal "$stderr" "Paused. Every answer so far is saved; run 'tend checkin' to go on."
	[ "$(answer 2026-W47 Sam partner-appreciated)" = NULL ]
	[ "$(answer 2026-W47 Alex partner-appreciated)" = mended ]
	[ "$(sql "$J" 'SELECT count(*) FROM answer')" = 2 ]
	# The skipped appreciation is no note; Alex's is, with its last words.
	[ "$(sql "$J" 'SELECT group_concat(body) FROM note')" = mended ]
}

@test "an unknown :command is refused with the list, saved nowhere" {
	couple
	local before; before=$(sum "$J")
	run -65 --separate-stderr tend checkin < <(printf '%s\n' ':foo' 'the tea')
	assert_equal "$stderr" "tend: line 1: unknown command ':foo'; type :skip, :back, :hint, :pause or :help (question 1, Sam)"
	[ "$(sum "$J")" = "$before" ]
	[ "$(sql "$J" 'SELECT count(*) FROM answer')" = 0 ]
	[ "$(sql "$J" 'SELECT count(*) FROM note')" = 0 ]
}

@test "the look-back knows the commands too: :Skip, and :nope refused" {
	couple
	last_weeks_experiment
	run -65 --separate-stderr tend checkin --as Sam < <(printf ':nope\n')
	assert_equal "$stderr" "tend: line 1: unknown command ':nope'; type :skip, :back, :hint, :pause or :help (did you try the experiment)"
	run -0 --separate-stderr tend checkin --as Sam < <(printf '%s\n' ':Skip' 'the tea')
	[ "$(answer 2026-W47 Sam partner-appreciated)" = 'the tea' ]
	[ "$(sql "$J" "SELECT outcome IS NULL FROM experiment WHERE week = '2026-W46'")" = 1 ]
}

@test "an answer starting with ':' is typed with '::'; ':)' is an answer as it is" {
	couple
	run -0 tend checkin < <(printf '%s\n' '::-)' ':) smile' '::skip')
	[ "$(answer 2026-W47 Sam partner-appreciated)" = ':-)' ]
	[ "$(answer 2026-W47 Alex partner-appreciated)" = ':) smile' ]
	[ "$(answer 2026-W47 Sam most-proud)" = ':skip' ]
}

# lines: the line count of the stdout of the last run, and the longest.
longest() {
	local l max=0
	while IFS= read -r l; do
		[ "${#l}" -le "$max" ] || max=${#l}
	done <<<"$output"
	echo "$max"
}

@test "the closing experiment lines wrap to the width, no word cut" {
	couple
	COLUMNS=200 run -0 tend checkin < <(both)
	local wide; wide=$(sed -n '/^Your experiment until/,$p' <<<"$output" | tr -s ' \n' ' ')
	[ "$(longest)" -gt 80 ]
	# --redo ends with the same summary, the experiment chosen already.
	for cols in 80 40; do
		COLUMNS=$cols run -0 tend checkin --redo 1 < <(printf '%s\n' a b)
		[ "$(longest)" -le "$cols" ]
		assert_line --regexp "^Your experiment until the next check-in:"
		# The same words in the same order: only the line breaks moved.
		assert_equal "$(sed -n '/^Your experiment until/,$p' <<<"$output" | tr -s ' \n' ' ')" "$wide"
	done
}

@test "from a script, an answer another session saved meanwhile is kept; exit 1" {
	couple
	mkfifo "$BATS_TEST_TMPDIR/in"
	"$TEND" checkin --as Alex <"$BATS_TEST_TMPDIR/in" \
	    >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	local pid=$! i status=0
	exec 9>"$BATS_TEST_TMPDIR/in"
	# Once it waits for its first line it has read the slots, all open.
	for ((i = 0; i < 1000; i++)); do
		case $(cat "/proc/$pid/wchan" 2>/dev/null) in
		*pipe_read* | *pipe_wait*) break ;;
		esac
		sleep 0.01
	done
	[ "$i" -lt 1000 ]
	printf '%s\n' 'alex own words' proud walks yes work phones hugs 4 |
	    tend checkin --as Alex >/dev/null
	# What the journal holds (its file may change: the WAL is folded in).
	local before; before=$(sql "$J" .dump)
	printf 'typed in the first session\n' >&9
	exec 9>&-
	wait "$pid" || status=$?
	[ "$status" = 1 ]
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" "tend: line 1: Alex's answer to question 1 was saved in another session meanwhile; it is kept
Your answer, not saved:
typed in the first session"
	[ "$(sql "$J" .dump)" = "$before" ]
	[ "$(answer 2026-W47 Alex partner-appreciated)" = 'alex own words' ]
	[ "$(sql "$J" 'SELECT body FROM note')" = 'alex own words' ]
}

@test "the experiment handed out on Sunday evening stays on Monday, and the next check-in looks back at it" {
	couple
	TEND_NOW=2026-11-22T20:00:00Z COLUMNS=300 run -0 tend checkin < <(both)
	local title
	title=$(sed -n 's/^Your experiment until the next check-in: \(.*\) ([^)]*)$/\1/p' <<<"$output")
	[ -n "$title" ]
	TEND_NOW=2026-11-23T08:00:00Z run -0 tend experiment --json
	assert_equal "$(jq -r .title <<<"$output")" "$title"
	assert_equal "$(jq -r .week <<<"$output")" 2026-W48
	# One choice, not a new one on Monday.
	[ "$(sql "$J" 'SELECT count(*) FROM experiment')" = 1 ]
	TEND_NOW=2026-11-29T20:00:00Z run -0 tend checkin < <(printf 'yes\n4\n'; both)
	[ "$(sql "$J" "SELECT outcome || ' ' || felt FROM experiment WHERE week = '2026-W48'")" = "tried 4" ]
}
