#!/usr/bin/env bats
# status.bats - this week at a glance, for people and for scripts.

load helper

# checkin WEEK FINISHED ANSWERED_AT: a check-in with one answer from Sam,
# and, when FINISHED is a time, every other answer skipped.
checkin() {
	sql "$J" "INSERT INTO checkin (uuid, week, deck, started, finished)
	    VALUES ('c-$1', '$1', 'weekly', '$3', $2);
	    INSERT INTO answer (uuid, checkin_id, partner_id, question, prompt,
	    kind, value, created, updated) VALUES ('a-$1',
	    (SELECT id FROM checkin WHERE week = '$1'), 1, 'q', 'Q?', 'text',
	    'fine', '$3', '$3')"
	fill
}

FRESH="Sam & Alex
This week:  2026-W47
Check-in:   due (weekly; none yet)
Experiment: none yet; 'tend experiment' chooses one
Notes:      0 from Sam, 0 from Alex this week
Streak:     none yet"

@test "a fresh journal: partners, this week, due, none yet" {
	couple
	run -0 tend status
	assert_output "$FRESH"
	run -0 tend
	assert_output "$FRESH"
}

# note FROM TO WEEK: an appreciation note between partners (ids 1 and 2).
note() {
	sql "$J" "INSERT INTO note (uuid, from_id, to_id, body, week, created)
	    VALUES (lower(hex(randomblob(16))), $1, $2, 'thanks', '$3',
	    '2026-11-20T10:00:00Z')"
}

@test "this week's experiment and its state; status never chooses one" {
	couple
	run -0 tend status
	assert_line "Experiment: none yet; 'tend experiment' chooses one"
	[ "$(sql "$J" 'SELECT count(*) FROM experiment')" = 0 ]
	tend experiment >/dev/null
	local title; title=$(sql "$J" 'SELECT title FROM experiment')
	run -0 tend status
	assert_line "Experiment: $title (not tried yet)"
	tend experiment done >/dev/null
	run -0 tend status
	assert_line "Experiment: $title (tried)"
	run -0 tend status --json
	echo "$output" | jq -e --arg t "$title" '.experiment.state == "tried"
	    and .experiment.title == $t
	    and .experiment.item == "'"$(sql "$J" 'SELECT item FROM experiment')"'"'
	tend experiment skip --yes >/dev/null
	run -0 tend status
	assert_line "Experiment: $title (skipped)"
	# Last week's experiment is not this week's.
	TEND_NOW=2026-11-28 run -0 tend status
	assert_line "Experiment: none yet; 'tend experiment' chooses one"
	TEND_NOW=2026-11-28 run -0 tend status --json
	echo "$output" | jq -e '.experiment == {"state": "none", "item": null, "title": null, "week": null}'
	[ "$(sql "$J" 'SELECT count(*) FROM experiment')" = 1 ]
}

@test "notes this week per partner" {
	couple
	note 1 2 2026-W47
	note 1 2 2026-W47
	note 2 1 2026-W47
	note 1 2 2026-W46
	run -0 tend status
	assert_line 'Notes:      2 from Sam, 1 from Alex this week'
	run -0 tend status --json
	echo "$output" | jq -e '.partners == [
	    {"id": .partners[0].id, "name": "Sam", "answered": false, "notes": {"sent": 2, "received": 1}},
	    {"id": .partners[1].id, "name": "Alex", "answered": false, "notes": {"sent": 1, "received": 2}}]'
}

@test "the streak counts finished check-ins in a row" {
	couple
	checkin 2026-W42 "'2026-10-16T20:00:00Z'" 2026-10-16T20:00:00Z
	checkin 2026-W44 "'2026-10-30T20:00:00Z'" 2026-10-30T20:00:00Z
	checkin 2026-W45 "'2026-11-06T20:00:00Z'" 2026-11-06T20:00:00Z
	checkin 2026-W46 "'2026-11-13T20:00:00Z'" 2026-11-13T20:00:00Z
	# This week's is not done yet: the streak runs to last week.
	run -0 tend status
	assert_line 'Streak:     3 weeks in a row (longest 3)'
	# Begun is not done.
	checkin 2026-W47 NULL 2026-11-20T19:00:00Z
	run -0 tend status
	assert_line 'Streak:     3 weeks in a row (longest 3)'
	sql "$J" "UPDATE checkin SET finished = '2026-11-21T09:00:00Z' WHERE week = '2026-W47'"
	fill
	run -0 tend status
	assert_line 'Streak:     4 weeks in a row (longest 4)'
	run -0 tend status --json
	echo "$output" | jq -e '.streak == 4 and .longest_streak == 4'
	# A week with no check-in ends it: two weeks on, it is broken, and
	# says so (not "none yet").
	TEND_NOW=2026-12-05 run -0 tend status
	assert_line 'Streak:     0 weeks (longest 4)'
	TEND_NOW=2026-11-28 run -0 tend status
	assert_line 'Streak:     4 weeks in a row (longest 4)'
}

@test "a streak of one week" {
	couple
	checkin 2026-W46 "'2026-11-13T20:00:00Z'" 2026-11-13T20:00:00Z
	run -0 tend status
	assert_line 'Streak:     1 week in a row (longest 1)'
}

@test "a check-in begun this week is in progress" {
	couple
	checkin 2026-W47 NULL 2026-11-20T19:00:00Z
	run -0 tend status
	assert_line 'Check-in:   in progress (weekly; Sam, Alex have not yet)'
}

@test "a finished check-in is done; days count between local dates" {
	couple
	checkin 2026-W47 "'2026-11-21T09:00:00Z'" 2026-11-21T09:00:00Z
	run -0 tend status
	assert_line 'Check-in:   done (weekly, 2026-W47)'
}

@test "a check-in last week leaves this week due" {
	couple
	checkin 2026-W46 "'2026-11-12T20:00:00Z'" 2026-11-12T20:00:00Z
	run -0 tend status
	assert_line 'Check-in:   due (weekly; the last one was 9 days ago, 2026-W46)'
}

@test "--json is one valid object with the documented fields" {
	couple
	run -0 tend status --json
	echo "$output" | jq -e '.week == "2026-W47" and .checkin == "due"
	    and .days_since_last == null and .last_week == null
	    and (.partners | map(.name)) == ["Sam", "Alex"]
	    and (.partners[0].id | test("^[0-9a-f-]{36}$"))'
	checkin 2026-W46 "'2026-11-12T20:00:00Z'" 2026-11-12T20:00:00Z
	run -0 tend status --json
	echo "$output" | jq -e '.days_since_last == 9 and .last_week == "2026-W46"'
}

@test "--json never carries colour" {
	couple
	run -0 tend --color=always status --json
	refute_output --partial $'\e'
}

@test "status takes no arguments" {
	couple
	run -64 --separate-stderr tend status now
	assert_equal "$stderr" "tend: unexpected argument 'now'; see 'tend status --help'"
}

@test "a long partner line wraps to the width, later lines indented" {
	tend init -p Samantha-Jane -p 'Alexander the Great' -p Kim -p Lee-Ann \
	    -p 'Zoë' >/dev/null
	COLUMNS=30 run -0 tend status
	assert_line -n 0 'Samantha-Jane, Alexander the'
	assert_line -n 1 '  Great, Kim, Lee-Ann & Zoë'
	run -0 tend status
	assert_line -n 0 'Samantha-Jane, Alexander the Great, Kim, Lee-Ann & Zoë'
}

# Issue 10, item 15: the week named is the last complete check-in's own
# week key, in a year of 53 weeks; the check-in in progress is not "the
# last one"; a repair-deck check-in does not make the weekly one done.
@test "the last check-in is named by its week, across 2026-W53" {
	couple
	# 2026-W53 runs 2026-12-28 to 2027-01-03; W52's check-in back-filled
	# on 2027-01-03, after W53's.
	both | TEND_NOW=2027-01-02T10:00:00Z tend checkin --week 2026-W53 >/dev/null
	both | TEND_NOW=2027-01-03T10:00:00Z tend checkin --week 2026-W52 >/dev/null
	TEND_NOW=2027-01-03T12:00:00Z run -0 tend status
	assert_line 'This week:  2026-W53'
	assert_line 'Check-in:   done (weekly, 2026-W53)'
	assert_line 'Streak:     2 weeks in a row (longest 2)'
	TEND_NOW=2027-01-05T12:00:00Z run -0 tend status
	assert_line 'This week:  2027-W01'
	assert_line 'Check-in:   due (weekly; the last one was 3 days ago, 2026-W53)'
	# Begun this week (after the look-back at W53's experiment): in
	# progress, saying who has answered.
	TEND_NOW=2027-01-05T12:00:00Z run -0 tend checkin --as Sam < <(printf '%s\n' no a b c yes d e f 7)
	TEND_NOW=2027-01-05T12:00:00Z run -0 tend status
	assert_line 'Check-in:   in progress (weekly; Sam has answered, Alex has not yet; answers'
	assert_line '            appear when both have, or use --as NAME)'
	TEND_NOW=2027-01-05T12:00:00Z run -0 tend status --json
	echo "$output" | jq -e '.checkin == "in progress" and .last_week == "2026-W53"
	    and ([.partners[].answered] == [true, false])'
}

@test "a repair-deck check-in does not make this week's weekly one done" {
	couple
	# Each question answered by both, as its kind wants.
	tend questions --deck repair --json | jq -r '.questions[] |
	    (if .kind == "scale" then "5" elif .kind == "yesno" then "yes"
	    else "fine" end) as $a | $a, $a' | tend checkin --deck repair >/dev/null
	run -0 tend history
	assert_line --partial 'repair'
	run -0 tend status
	assert_line 'Check-in:   due (weekly; none yet)'
	run -0 tend status --json
	echo "$output" | jq -e '.checkin == "due" and .deck == "weekly"'
}
