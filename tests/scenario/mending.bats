#!/usr/bin/env bats
# mending.bats - a couple's mistakes with their notes, mended with tend
# alone, and taken back when the mend was the mistake (issue 13).

load helper

W=2027-W06

@test "a note to the wrong partner and a typo: deleted, written again, edited; every view agrees" {
	couple
	at 2027-02-08T20:00:00
	answer_together 'first' 7 'second' 6 >/dev/null
	# Tuesday: Alex made the pancakes, but Alex is at the keyboard and
	# thanks Sam for them: the note goes the wrong way.
	at 2027-02-09T08:00:00
	tend thanks Sam for the pancakes >/dev/null
	# Wednesday: Sam thanks Alex, with a typo.
	at 2027-02-10T21:00:00
	tend thanks Alex for listning last night >/dev/null
	local wrong typo
	wrong=$(tend notes --json | jq -r '.[] | select(.text | test("pancakes")) | .short')
	typo=$(tend notes --json | jq -r '.[] | select(.text | test("listning")) | .short')
	[ -n "$wrong" ] && [ -n "$typo" ] && [ "$wrong" != "$typo" ]

	# Thursday: they notice, and mend both with tend alone.
	at 2027-02-11T19:00:00
	run -0 tend notes delete "$wrong"
	assert_output "Deleted the note $wrong from Alex to Sam; 'tend undo' takes that back."
	tend thanks --from Sam Alex for the pancakes >/dev/null
	run -0 tend notes edit "$typo" for listening last night
	assert_output "Edited the note $typo from Sam to Alex; 'tend undo' takes that back."

	# Every view sees the mended notes and nothing of the mistakes.
	run -0 tend notes --week $W --json
	assert_equal "$(jq -c '[.[] | [.from, .to, .text]]' <<<"$output")" \
	    '[["Sam","Alex","for the pancakes"],["Sam","Alex","for listening last night"],["Alex","Sam","second q1 tendscn"],["Sam","Alex","first q1 tendscn"]]'
	[ "$(tend search listning --json | jq length)" = 0 ]
	[ "$(tend search pancakes --json | jq -c '[.[] | .from]')" = '["Sam"]' ]
	# Four notes: Sam sent three (the check-in's, the pancakes, the
	# edited one), Alex one (the check-in's); the deleted one counts nowhere.
	run -0 tend stats --json
	assert_equal "$(jq -c '[.notes, [.partners[] | [.name, .notes.sent, .notes.received]]]' <<<"$output")" \
	    '[4,[["Sam",3,1],["Alex",1,3]]]'
	views_agree $W

	# What was deleted and replaced waits in the trash, out of sight.
	run -0 tend trash
	assert_line -n 0 --regexp "^2027-02-11 19:00  edited the note $typo from Sam to Alex$"
	assert_line -n 1 --regexp "^2027-02-11 19:00  deleted the note $wrong from Alex to Sam$"

	# The edit was fine after all?  Undo takes back the newest mend only.
	run -0 tend undo
	assert_output "Undid: edited the note $typo from Sam to Alex."
	[ "$(tend search listning --json | jq length)" = 1 ]
	run -0 tend notes edit "$typo" for listening last night
	views_agree $W

	# A month on, the trash has emptied itself: nothing of the mistakes
	# is left in the journal's files.
	at 2027-03-15T10:00:00
	tend thanks Alex for the month >/dev/null
	run -0 --separate-stderr tend trash
	assert_equal "$stderr" "The trash is empty."
	sqlite3 "$J" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	[ "$(sql "$J" "SELECT count(*) FROM change_step WHERE undo LIKE '%listning%' OR undo LIKE '%pancakes%'")" = 0 ]
	# The deletion's tombstone stays, for another laptop to learn of it.
	[ "$(sql "$J" "SELECT count(*) FROM tombstone WHERE kind = 'note'")" = 1 ]
}
