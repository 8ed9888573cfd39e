#!/usr/bin/env bats
# status.bats - this week at a glance, for people and for scripts.

load helper

# checkin WEEK FINISHED ANSWERED_AT: a check-in with one answer from Sam.
checkin() {
	sql "$J" "INSERT INTO checkin (uuid, week, deck, started, finished)
	    VALUES ('c-$1', '$1', 'weekly', '$3', $2);
	    INSERT INTO answer (uuid, checkin_id, partner_id, question, prompt,
	    kind, value, created, updated) VALUES ('a-$1',
	    (SELECT id FROM checkin WHERE week = '$1'), 1, 'q', 'Q?', 'text',
	    'fine', '$3', '$3')"
}

@test "a fresh journal: partners, this week, due, none yet" {
	couple
	run -0 tend status
	assert_output "$(printf 'Sam & Alex\nThis week: 2026-W47\nCheck-in:  due (none yet)')"
	run -0 tend
	assert_output "$(printf 'Sam & Alex\nThis week: 2026-W47\nCheck-in:  due (none yet)')"
}

@test "a check-in begun this week is in progress" {
	couple
	checkin 2026-W47 NULL 2026-11-20T19:00:00Z
	run -0 tend status
	assert_line 'Check-in:  in progress (the last one was 1 day ago, 2026-W47)'
}

@test "a finished check-in is done; days count between local dates" {
	couple
	checkin 2026-W47 "'2026-11-21T09:00:00Z'" 2026-11-21T09:00:00Z
	run -0 tend status
	assert_line 'Check-in:  done (the last one was today, 2026-W47)'
}

@test "a check-in last week leaves this week due" {
	couple
	checkin 2026-W46 "'2026-11-12T20:00:00Z'" 2026-11-12T20:00:00Z
	run -0 tend status
	assert_line 'Check-in:  due (the last one was 9 days ago, 2026-W46)'
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
