#!/usr/bin/env bats
# config.bats - the journal's settings: listed, read, set, and refused.

load helper

@test "the settings and their defaults" {
	couple
	run -0 tend config
	assert_output 'intimacy = affection'
	run -0 tend config intimacy
	assert_output affection
	run -0 tend config --json
	echo "$output" | jq -e '. == {"intimacy": "affection"}'
}

@test "a setting is saved in the journal" {
	couple
	run -0 tend config intimacy affection
	[ -z "$output" ]
	run -0 tend config intimacy
	assert_output affection
	[ "$(sql "$J" "SELECT value FROM setting WHERE key = 'intimacy'")" = affection ]
}

@test "a bad value or key is refused and changes nothing" {
	couple
	local before; before=$(sum "$J")
	run -64 --separate-stderr tend config intimacy lots
	assert_equal "$stderr" "tend: intimacy must be none, affection or sexual"
	run -64 --separate-stderr tend config colour blue
	assert_equal "$stderr" "tend: no setting 'colour'; settings: intimacy"
	run -64 --separate-stderr tend config colour
	assert_equal "$stderr" "tend: no setting 'colour'; settings: intimacy"
	run -64 --separate-stderr tend config journal-id x
	assert_equal "$stderr" "tend: no setting 'journal-id'; settings: intimacy"
	run -64 tend config a b c
	[ "$(sum "$J")" = "$before" ]
}

@test "init --no-sexual starts at affection" {
	run -0 tend init -p Sam -p Alex --no-sexual
	run -0 tend config intimacy
	assert_output affection
}

@test "init without a terminal never chooses sexual" {
	run -0 tend init --partner Sam --partner Alex </dev/null
	run -0 tend config intimacy
	assert_output affection
	run -0 tend tip --json
	echo "$output" | jq -e '.intimacy != "sexual"'
}

@test "init --intimacy chooses the level; --no-sexual caps it at affection" {
	run -0 tend init -p Sam -p Alex --intimacy sexual
	run -0 tend config intimacy
	assert_output sexual
	[ "$(sql "$J" "SELECT value FROM setting WHERE key = 'intimacy'")" = sexual ]
	rm -f "$J"
	run -0 tend init -p Sam -p Alex --intimacy none --no-sexual
	run -0 tend config intimacy
	assert_output none
}

@test "init --intimacy refuses a bad level or a contradiction, creating nothing" {
	run -64 --separate-stderr tend init -p Sam -p Alex --intimacy lots
	assert_equal "$stderr" "tend: --intimacy must be none, affection or sexual"
	[ ! -e "$J" ]
	run -64 --separate-stderr tend init -p Sam -p Alex --intimacy sexual --no-sexual
	assert_equal "$stderr" "tend: --no-sexual and --intimacy sexual disagree; give one of them"
	[ ! -e "$J" ]
}

@test "a value planted by hand prints escaped, and doctor names it with the fix" {
	couple
	sql "$J" "INSERT OR REPLACE INTO setting(key, value, updated)
	    VALUES ('intimacy', 'no' || char(0x202e) || 'ne', '2026-11-21T10:00:00Z')"
	run -0 tend config
	assert_output 'intimacy = no\u202ene'
	run -0 tend config intimacy
	assert_output 'no\u202ene'
	[[ $output != *$'\u202e'* ]]
	sql "$J" "UPDATE setting SET value = 'banana' WHERE key = 'intimacy'"
	run -1 tend doctor
	assert_line "problem settings: 1 setting is not valid; the first: setting 'intimacy' = 'banana': intimacy must be none, affection or sexual"
	assert_line "        fix: set it with 'tend config intimacy none|affection|sexual'"
	run -0 tend config intimacy affection
	run -0 tend doctor
	assert_line "ok      settings: every setting is one tend knows, with a valid value"
}

@test "doctor finds a setting tend does not know" {
	couple
	sql "$J" "INSERT INTO setting(key, value, updated)
	    VALUES ('colour', 'blue', '2026-11-21T10:00:00Z')"
	run -1 tend doctor
	assert_line "problem settings: 1 setting is not valid; the first: setting 'colour' = 'blue': no setting 'colour'; settings: intimacy"
	assert_line "        fix: restore a copy made with 'tend backup', or delete the row with sqlite3(1): tend does not use it"
}
