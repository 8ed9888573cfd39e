#!/usr/bin/env bats
# config.bats - the journal's settings: listed, read, set, and refused.

load helper

@test "the settings and their defaults" {
	couple
	run -0 tend config
	assert_output 'intimacy = sexual'
	run -0 tend config intimacy
	assert_output sexual
	run -0 tend config --json
	echo "$output" | jq -e '. == {"intimacy": "sexual"}'
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
