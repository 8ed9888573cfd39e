#!/usr/bin/env bats
# dst.bats - dates across changes of the UTC offset: each date is placed
# with the offset in force at its own instant, never today's.  Real zones
# from tzdata, both changes of 2026: New York and Berlin (02:00 and 03:00),
# Santiago (its clocks skip midnight in September and read 23:00 twice in
# April) and Lord Howe (half an hour).

load helper

# across ZONE NOW DAY TIME: with the clock at NOW (local time in ZONE,
# shortly after a change of offset), a note back-dated to DAY (before it)
# is shown on DAY at TIME by notes and search, is kept in DAY's ISO week,
# and --since/--until DAY and --week find it while the days around do not.
across() {
	local day=$3 time=$4 week before after
	export TZ=$1 TEND_NOW=$2
	week=$(date -u -d "$day" +%G-W%V)
	before=$(date -u -d "$day -1 day" +%F)
	after=$(date -u -d "$day +1 day" +%F)
	couple
	tend thanks --date "$day" Alex flowers >/dev/null
	run -0 tend notes
	assert_line -n 0 --regexp "^$day $time  Sam to Alex  [0-9a-f]{7}\$"
	run -0 tend search flowers
	assert_line -n 0 "$day  $week  note from Sam to Alex"
	run -0 sql "$J" "SELECT week FROM note"
	assert_output "$week"
	run -0 tend notes --since "$day" --until "$day" --json
	assert_output --partial '"text":"flowers"'
	run -0 tend notes --week "$week" --json
	assert_output --partial '"text":"flowers"'
	run -0 tend notes --until "$before" --json
	assert_output "[]"
	run -0 tend notes --since "$after" --json
	assert_output "[]"
}

@test "New York: a Monday before the clocks go forward, dated after" {
	across America/New_York 2026-03-09T00:30 2026-03-02 00:30
}

@test "New York: a Sunday before the clocks go back, dated late after" {
	across America/New_York 2026-11-02T23:30 2026-10-25 23:30
}

@test "New York: the 25-hour day the clocks go back, to its last hour" {
	across America/New_York 2026-11-02T23:30 2026-11-01 23:30
}

@test "New York: the 23-hour day the clocks go forward" {
	across America/New_York 2026-03-09T23:30 2026-03-08 23:30
}

@test "Berlin: a Monday before the clocks go forward" {
	across Europe/Berlin 2026-03-30T00:30 2026-03-23 00:30
}

@test "Berlin: a Sunday before the clocks go back" {
	across Europe/Berlin 2026-10-26T23:30 2026-10-18 23:30
}

@test "Santiago: a Sunday before the clocks go back at midnight" {
	across America/Santiago 2026-04-06T23:30 2026-03-29 23:30
}

@test "Santiago: the day the clocks read 23:00 twice" {
	across America/Santiago 2026-04-06T23:30 2026-04-04 23:30
}

@test "Santiago: a Monday before the clocks skip midnight" {
	across America/Santiago 2026-09-07T00:30 2026-08-31 00:30
}

@test "Lord Howe: half an hour forward" {
	across Australia/Lord_Howe 2026-10-05T00:10 2026-09-28 00:10
}

@test "Lord Howe: half an hour back" {
	across Australia/Lord_Howe 2026-04-06T23:40 2026-03-29 23:40
}

@test "Santiago: --date yesterday after the clocks skipped midnight is yesterday" {
	export TZ=America/Santiago TEND_NOW=2026-09-07T00:30
	couple
	run -0 tend thanks --date yesterday Alex for Sunday
	# 00:30 did not happen on the 6th: the clocks went from 00:00 to 01:00.
	run -0 tend notes
	assert_line -n 0 --regexp '^2026-09-06 01:30  Sam to Alex  [0-9a-f]{7}$'
	run -0 sql "$J" "SELECT created || ' ' || week FROM note"
	assert_output "2026-09-06T04:30:00Z 2026-W36"
	run -0 tend notes --since yesterday --until yesterday --json
	assert_output --partial '"text":"for Sunday"'
	run -0 tend notes --since today --json
	assert_output "[]"
}

@test "TEND_NOW without an offset: a skipped time moves forward, a repeated one is the first" {
	couple
	TZ=America/New_York TEND_NOW=2026-03-08T02:30 tend thanks Alex a >/dev/null
	TZ=America/New_York TEND_NOW=2026-11-01T01:30 tend thanks Alex b >/dev/null
	TZ=America/Santiago TEND_NOW=2026-09-06T00:15 tend thanks Alex c >/dev/null
	TZ=America/Santiago TEND_NOW=2026-04-04T23:30 tend thanks Alex d >/dev/null
	TZ=Australia/Lord_Howe TEND_NOW=2026-10-04T02:10 tend thanks Alex e >/dev/null
	TZ=Australia/Lord_Howe TEND_NOW=2026-04-05T01:45 tend thanks Alex f >/dev/null
	TZ=Europe/Berlin TEND_NOW=2026-10-25T02:30 tend thanks Alex g >/dev/null
	TZ=Europe/Berlin TEND_NOW=2026-10-25T02:30+01:00 tend thanks Alex h >/dev/null
	run -0 sql "$J" "SELECT body || ' ' || created FROM note ORDER BY id"
	assert_output "$(printf '%s\n' 'a 2026-03-08T07:30:00Z' \
	    'b 2026-11-01T05:30:00Z' 'c 2026-09-06T04:15:00Z' \
	    'd 2026-04-05T02:30:00Z' 'e 2026-10-03T15:40:00Z' \
	    'f 2026-04-04T14:45:00Z' 'g 2026-10-25T00:30:00Z' \
	    'h 2026-10-25T01:30:00Z')"
}

@test "an assessment shows the local date it was taken, not UTC's" {
	couple
	# Taken at 2026-11-21T19:00:00Z, one "3" per statement.
	TZ=Pacific/Auckland TEND_NOW=2026-11-22T08:00 run -0 --separate-stderr \
	    tend assess --as Sam < <(jq -r '.statements[]
	    | select(.intimacy != "sexual") | "3"' "$TEND_TOP/data/assessment.json")
	assert_line -n 0 "Sam's assessment of 2026-11-22"
	TZ=America/Santiago run -0 --separate-stderr tend assess --show --as Sam
	assert_line -n 0 "Sam's assessment of 2026-11-21"
}

@test "--date today is now, even in the hour the clocks read twice" {
	couple
	TZ=America/New_York TEND_NOW=2026-11-01T01:30-05:00 tend thanks --date today Alex hi >/dev/null
	run -0 sql "$J" "SELECT created || ' ' || week FROM note"
	assert_output "2026-11-01T06:30:00Z 2026-W44"
}
