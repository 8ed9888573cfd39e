#!/usr/bin/env bats
# notes.bats - listing the notes: order and layout, every filter, --json,
# escaping of hostile text (piped and on a terminal), the pager, and
# output cut short by a reader that stops.

load helper

# note FROM TO DAY TEXT: a note written at 10:00 UTC on DAY.
note() {
	TEND_NOW=${3}T10:00:00Z "$TEND" thanks --from "$1" "$2" -- "$4" >/dev/null
}

# Six notes over two ISO weeks, both ways.
some_notes() {
	couple
	note Sam Alex 2026-11-14 "Saturday dinner"		# W46
	note Alex Sam 2026-11-15 "Sunday walk"			# W46
	note Sam Alex 2026-11-16 "Monday coffee"		# W47
	note Alex Sam 2026-11-18 "Wednesday call"		# W47
	note Sam Alex 2026-11-20 "Friday flowers"		# W47
	note Alex Sam 2026-11-21 "Saturday lie-in"		# W47
}

# Enough notes that the output overflows a pipe's buffer.
many_notes() {
	sql "$J" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	    WHERE i < 3000) INSERT INTO note (uuid, from_id, to_id, body, week,
	    created) SELECT 'u' || i, 1, 2, 'thank you for all of it, again and
	    again, ' || i, '2026-W47', '2026-11-21T09:00:00Z' FROM n"
}

# The note texts tend notes prints, in order, one per line.
texts() {
	"$TEND" notes "$@" --json | jq -r '.[].text'
}

@test "no notes: nothing on stdout, a hint on stderr, [] in JSON" {
	couple
	run -0 --separate-stderr tend notes
	assert_output ""
	assert_equal "$stderr" "No notes yet; thank your partner with 'tend thanks NAME TEXT'."
	run -0 tend notes --json
	assert_output "[]"
}

@test "newest first: a header with date, sender and recipient, then the text" {
	some_notes
	run -0 --separate-stderr tend notes --limit 2
	assert_equal "$stderr" ""
	# The header ends with the note's id (tests/cli/undo.bats).
	assert_output --regexp "^2026-11-21 10:00  Alex to Sam  [0-9a-f]{7}
Saturday lie-in

2026-11-20 10:00  Sam to Alex  [0-9a-f]{7}
Friday flowers\$"
	run -0 tend notes
	[ "${#lines[@]}" -eq 12 ]
	assert_line -n 10 --regexp '^2026-11-14 10:00  Sam to Alex  [0-9a-f]{7}$'
}

@test "the header is in the local time zone" {
	some_notes
	TZ=Asia/Tokyo run -0 tend notes --limit 1
	assert_line -n 0 --regexp '^2026-11-21 19:00  Alex to Sam  [0-9a-f]{7}$'
}

@test "long text is wrapped to the width, its lines kept" {
	couple
	tend thanks Alex "$(printf 'one two three four five six seven\neight')" >/dev/null
	COLUMNS=20 run -0 tend notes
	assert_output --regexp "^2026-11-21 10:00  Sam to Alex  [0-9a-f]{7}
one two three four
five six seven
eight\$"
}

@test "--from and --to, any case; an unknown name is refused with the partners" {
	some_notes
	run -0 texts --from sam
	assert_output "$(printf '%s\n' 'Friday flowers' 'Monday coffee' 'Saturday dinner')"
	run -0 texts --to Sam
	assert_output "$(printf '%s\n' 'Saturday lie-in' 'Wednesday call' 'Sunday walk')"
	run -0 texts --from Sam --to Sam
	assert_output ""
	run -64 --separate-stderr tend notes --to Robin
	assert_equal "$stderr" "tend: no partner named 'Robin' (partners: Sam, Alex)"
	assert_output ""
}

@test "--since and --until take days, both included" {
	some_notes
	run -0 texts --since 2026-11-16 --until 2026-11-20
	assert_output "$(printf '%s\n' 'Friday flowers' 'Wednesday call' 'Monday coffee')"
	run -0 texts --since yesterday
	assert_output "$(printf '%s\n' 'Saturday lie-in' 'Friday flowers')"
	run -0 texts --until 2026-11-15
	assert_output "$(printf '%s\n' 'Sunday walk' 'Saturday dinner')"
	run -0 texts --since today --until today
	assert_output 'Saturday lie-in'
	run -64 --separate-stderr tend notes --since 2026-11-20 --until 2026-11-16
	assert_equal "$stderr" "tend: --since 2026-11-20 is after --until 2026-11-16; swap them"
	run -64 --separate-stderr tend notes --since 'last week'
	assert_equal "$stderr" "tend: 'last week' is not a day; write it as 2026-11-21, today or yesterday"
}

@test "--week takes a week key, this-week or last-week" {
	some_notes
	run -0 texts --week 2026-W46
	assert_output "$(printf '%s\n' 'Sunday walk' 'Saturday dinner')"
	run -0 texts --week last-week
	assert_output "$(printf '%s\n' 'Sunday walk' 'Saturday dinner')"
	run -0 texts --week this-week --from Alex
	assert_output "$(printf '%s\n' 'Saturday lie-in' 'Wednesday call')"
	run -0 texts --week 2026-W40
	assert_output ""
	run -64 --separate-stderr tend notes --week 2026-47
	assert_equal "$stderr" "tend: '2026-47' is not a week; write it as 2026-W47, this-week or last-week"
}

@test "--limit takes a positive number" {
	some_notes
	run -0 texts --limit 1
	assert_output 'Saturday lie-in'
	run -0 texts --limit 100 --from Alex
	[ "${#lines[@]}" -eq 3 ]
	for bad in 0 -1 abc 3x '' 99999999999999999999999; do
		run -64 --separate-stderr tend notes --limit "$bad"
		assert_equal "$stderr" "tend: --limit takes a positive whole number, not '$bad'"
	done
	run -64 tend notes extra
	run -64 tend notes --bogus
}

@test "--json is one array with the documented fields" {
	some_notes
	run -0 tend notes --json
	echo "$output" | jq -e 'type == "array" and length == 6
	    and all(.[]; keys == ["created", "from", "id", "short", "text", "to", "week"])
	    and all(.[]; .short as $s | .id | gsub("-"; "") | startswith($s))
	    and all(.[]; .id | test("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
	    and all(.[]; .created | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"))
	    and all(.[]; .week | test("^[0-9]{4}-W[0-9]{2}$"))
	    and (map(.id) | unique | length) == 6
	    and .[0] == {id: .[0].id, short: .[0].short, from: "Alex", to: "Sam",
	        text: "Saturday lie-in", created: "2026-11-21T10:00:00Z",
	        week: "2026-W47"}
	    and .[5].week == "2026-W46"'
	run -0 tend notes --json --from Alex --week 2026-W47 --limit 1
	echo "$output" | jq -e 'length == 1 and .[0].text == "Saturday lie-in"'
	# The text is there exactly, escapes and all, and never coloured.
	tend thanks Alex $'\e[31mred\e[0m\n"quoted"' >/dev/null
	run -0 tend --color=always notes --json --limit 1
	echo "$output" | jq -e '.[0].text == "\u001b[31mred\u001b[0m\n\"quoted\""'
}

@test "a note holding terminal escapes prints with no raw ESC or BEL, piped" {
	couple
	tend thanks Alex $'\e[2J\e]0;x\a and \e]52;c;aGk=\a thanks' >/dev/null
	printf 'bidi \xe2\x80\xae and C1 \xc2\x9b2J\n' | tend thanks Alex >/dev/null
	run -0 tend notes
	[[ "$output" != *$'\e'* ]]
	[[ "$output" != *$'\a'* ]]
	[[ "$output" != *$'\xc2\x9b'* ]]
	[[ "$output" != *$'\xe2\x80\xae'* ]]
	assert_line '^[[2J^[]0;x^G and ^[]52;c;aGk=^G thanks'
	assert_line 'bidi \u202e and C1 \u009b2J'
	run -0 tend --color=always notes
	[[ "$output" != *$'\e[2J'* ]] && [[ "$output" != *$'\e]'* ]]
}

@test "on a terminal too, no raw ESC from a note" {
	couple
	tend thanks Alex $'\e[2J\e]0;x\a' >/dev/null
	run -0 script -qec "$TEND --no-pager notes" /dev/null
	[[ "$output" != *$'\e'* ]]
	[[ "$output" != *$'\a'* ]]
	[[ "$output" == *'^[[2J^[]0;x^G'* ]]
	# Through a pager, the pager is all that may add escapes.
	TEND_PAGER=cat run -0 script -qec "$TEND notes" /dev/null
	[[ "$output" != *$'\e'* ]]
	[[ "$output" == *'^[[2J^[]0;x^G'* ]]
	# With colour, only tend's own bold and reset.
	TERM=xterm TEND_PAGER=cat run -0 script -qec "$TEND notes" /dev/null
	[[ "$output" == *$'\e[1m2026-11-21 10:00  Sam to Alex\e[0m'* ]]
	[[ "$output" != *$'\e[2J'* ]] && [[ "$output" != *$'\e]'* ]]
}

@test "the pager: only on a terminal, TEND_PAGER over PAGER, LESS=FRX unless set" {
	some_notes
	local log=$BATS_TEST_TMPDIR/paged
	# Piped: no pager at all.
	PAGER="touch $log.used; cat" run -0 tend notes
	[ ! -e "$log.used" ]
	# On a terminal: PAGER, given LESS=FRX.
	PAGER="echo \"\$LESS\" >$log.less; cat >$log" run -0 script -qec "$TEND notes" /dev/null
	[ "$(cat "$log.less")" = FRX ]
	[[ "$(head -1 "$log")" =~ ^'2026-11-21 10:00  Alex to Sam  '[0-9a-f]{7}$ ]]
	[ "$(wc -l <"$log")" -eq 17 ]
	# The user's LESS is left alone; TEND_PAGER wins over PAGER.
	LESS=-S PAGER=false TEND_PAGER="echo \"\$LESS\" >$log.less; cat >/dev/null" \
	    run -0 script -qec "$TEND notes" /dev/null
	[ "$(cat "$log.less")" = -S ]
	# No pager named and no less installed: straight to the terminal.
	run -0 script -qec "PATH=/nonexistent $TEND notes" /dev/null
	[[ "$output" == *'Saturday dinner'* ]]
	# --no-pager and --json print straight.
	rm -f "$log.used"
	PAGER="touch $log.used; cat" run -0 script -qec "$TEND --no-pager notes" /dev/null
	PAGER="touch $log.used; cat" run -0 script -qec "$TEND notes --json" /dev/null
	[ ! -e "$log.used" ]
}

@test "PAGER=false: exit 0, piped or on a terminal" {
	some_notes
	PAGER=false run -0 --separate-stderr tend notes
	assert_equal "$stderr" ""
	[ "${#lines[@]}" -eq 12 ]
	# On a terminal the pager quits at once, or after a few bytes, long
	# before the end: no error, and nothing of the rest on the terminal.
	many_notes
	PAGER=false run -0 script -qec "$TEND notes; echo \"status \$?\"" /dev/null
	assert_output $'status 0\r'
	PAGER='head -c 10 >/dev/null' run -0 script -qec "$TEND notes; echo \"status \$?\"" /dev/null
	assert_output $'status 0\r'
}

@test "tend notes | head -1 just ends" {
	couple
	many_notes
	run -0 --separate-stderr bash -c 'set -o pipefail; "$TEND" notes | head -1; s=$?; [ "$s" = 0 ] || [ "$s" = 141 ]'
	assert_output --regexp '^2026-11-21 09:00  Sam to Alex  [0-9a-z]+$'
	assert_equal "$stderr" ""
	run -0 --separate-stderr bash -c '"$TEND" notes --json | head -c 10 >/dev/null'
	assert_equal "$stderr" ""
}
