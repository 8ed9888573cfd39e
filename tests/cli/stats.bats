#!/usr/bin/env bats
# stats.bats - tend stats on a known journal: the numbers, the streak and
# the longest one across a gap, appreciations against struggles, the
# experiments, and the chart with gaps in UTF-8 and ASCII, --weeks, --json.

load helper

# week WEEK FINISHED SAM ALEX: a check-in of WEEK (finished when FINISHED
# is 1) with each partner's connection rating; "-" for no rating.  'fill'
# then skips the rest of a finished one, so that it is complete.
week() {
	local fin=NULL
	[ "$2" = 1 ] && fin="'2026-01-01T00:00:00Z'"
	sql "$J" "INSERT INTO checkin (uuid, week, deck, started, finished)
	    VALUES ('c-$1', '$1', 'weekly', '2026-01-01T00:00:00Z', $fin)"
	rate "$1" 1 "$3"
	rate "$1" 2 "$4"
}

# rate WEEK PARTNER_ID VALUE: one connection rating, none for "-".
rate() {
	[ "$3" = - ] && return 0
	sql "$J" "INSERT INTO answer (uuid, checkin_id, partner_id, question,
	    prompt, kind, value, created, updated) VALUES ('a-$1-$2',
	    (SELECT id FROM checkin WHERE week = '$1'), $2, 'connection-rating',
	    'How connected?', 'scale', '$3', '2026-01-01T00:00:00Z',
	    '2026-01-01T00:00:00Z')"
}

# answer WEEK PARTNER_ID QUESTION VALUE: a text answer (VALUE may be NULL).
answer() {
	sql "$J" "INSERT INTO answer (uuid, checkin_id, partner_id, question,
	    prompt, kind, value, created, updated) VALUES ('t-$1-$2-$3',
	    (SELECT id FROM checkin WHERE week = '$1'), $2, '$3', 'Q?', 'text',
	    $4, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"
}

# A journal on 2026-11-21 (2026-W47): check-ins finished in W40-W42 and
# W45-W46, none in W43, W44 begun by Sam only, W47 not yet; three notes;
# two experiments tried (felt 4 and 5) and one skipped.
journal() {
	couple
	week 2026-W40 1 1 10
	week 2026-W41 1 5 5
	week 2026-W42 1 8 3
	week 2026-W44 0 6 -
	week 2026-W45 1 7 4
	week 2026-W46 1 9 2
	answer 2026-W45 1 partner-appreciated "'the tea'"
	answer 2026-W45 2 partner-appreciated "'  '"
	answer 2026-W45 1 biggest-struggle "'work'"
	answer 2026-W45 2 biggest-struggle NULL
	answer 2026-W45 2 most-proud "'the garden'"
	fill
	tend thanks Alex -- one >/dev/null
	tend thanks Alex -- two >/dev/null
	tend thanks Sam -- three >/dev/null
	# A note made from an appreciation answer holds the same words: once.
	sql "$J" "INSERT INTO note (uuid, from_id, to_id, body, week, created,
	    answer_id) VALUES ('n-1', 1, 2, 'the tea', '2026-W45',
	    '2026-11-05T10:00:00Z', (SELECT id FROM answer WHERE uuid =
	    't-2026-W45-1-partner-appreciated'))"
	# Day by day, as a couple lives it: a week's experiment is logged
	# before the next week's is chosen.
	TEND_NOW=2026-11-04T10:00:00Z "$TEND" experiment >/dev/null
	TEND_NOW=2026-11-04T10:00:00Z "$TEND" experiment skip >/dev/null
	TEND_NOW=2026-11-11T10:00:00Z "$TEND" experiment >/dev/null
	TEND_NOW=2026-11-11T10:00:00Z "$TEND" experiment done --felt 4 fun >/dev/null
	TEND_NOW=2026-11-18T10:00:00Z "$TEND" experiment >/dev/null
	TEND_NOW=2026-11-18T10:00:00Z "$TEND" experiment done --felt 5 ok >/dev/null
}

@test "the numbers of a known journal" {
	journal
	run -0 --separate-stderr tend stats
	# W44 is begun only: its rating is hidden, and stderr says why once.
	assert_equal "$stderr" "tend: 2026-W44: Sam, Alex have not yet; answers appear when both have, or use --as NAME"
	assert_line -n 0 'Check-ins:    5 done; streak 2 weeks, longest 3'
	assert_line -n 1 'Notes:        4 in all; Sam sent 3, received 1; Alex sent 1, received 3'
	assert_line -n 2 'Raised:       4 appreciations to 1 struggle (4.0 to 1)'
	assert_line -n 3 'Experiments:  2 tried, 1 skipped; felt 4.5 of 5 on average (2 told)'
}

@test "the streak runs back from last week until this week is done, across no gap" {
	journal
	run -0 tend stats --json
	echo "$output" | jq -e '.streak == 2 and .longest_streak == 3 and .checkins == 5'
	# This week done: the streak grows by one.
	week 2026-W47 1 6 6
	fill
	run -0 tend stats --json
	echo "$output" | jq -e '.streak == 3 and .longest_streak == 3 and .checkins == 6'
	# Two weeks later with nothing done, it is broken; the longest stays.
	TEND_NOW=2026-12-05T10:00:00Z run -0 tend stats --json
	echo "$output" | jq -e '.streak == 0 and .longest_streak == 3'
	# Closing the gap makes one run of eight.
	week 2026-W43 1 5 5
	sql "$J" "UPDATE checkin SET finished = '2026-01-01T00:00:00Z' WHERE week = '2026-W44'"
	fill
	run -0 tend stats --json
	echo "$output" | jq -e '.streak == 8 and .longest_streak == 8'
}

@test "an empty journal: zeros, no ratio, a chart of gaps" {
	couple
	run -0 tend stats
	assert_line -n 0 'Check-ins:    0 done; streak 0 weeks, longest 0'
	assert_line -n 2 'Raised:       0 appreciations to 0 struggles'
	assert_line -n 3 'Experiments:  0 tried, 0 skipped'
	run -0 tend stats --json
	echo "$output" | jq -e '.ratio == null and .experiments.felt_average == null
	    and (.partners[0].connection | length == 12 and all(. == null))'
}

@test "the chart in UTF-8: a block per rating, a dot for a missed week, a week axis" {
	journal
	LC_ALL=C.UTF-8 run -0 tend stats --weeks 8
	assert_line 'Connection (1-10) by week, 2026-W40 to 2026-W47; · no rating:'
	assert_line '  Sam   ▁ ▄ ▆ · · ▆ ▇ ·'
	# Sam sees Sam's own rating of the week begun.
	LC_ALL=C.UTF-8 run -0 tend stats --weeks 8 --as Sam
	assert_line '  Sam   ▁ ▄ ▆ · ▅ ▆ ▇ ·'
	assert_line '  Alex  █ ▄ ▃ · · ▃ ▂ ·'
	assert_line '              43      47'
}

@test "the chart in ASCII when the locale is not UTF-8" {
	journal
	LC_ALL=C run -0 tend stats --weeks 8
	assert_line 'Connection (1-10) by week, 2026-W40 to 2026-W47; . no rating:'
	assert_line '  Sam   1 5 8 . . 7 9 .'
	assert_line '  Alex  X 5 3 . . 4 2 .'
	[[ "$output" != *[$'\x80'-$'\xff']* ]]
	LC_ALL=C run -0 tend stats --as sam
	assert_line '  Sam   . . . . 1 5 8 . 6 7 9 .'
}

@test "--weeks: the chart's length, ending this week; a bad number is refused" {
	journal
	run -0 tend stats --weeks 3 --json
	echo "$output" | jq -e '.weeks == ["2026-W45", "2026-W46", "2026-W47"]
	    and .partners[0].connection == [7, 9, null]
	    and .partners[1].connection == [4, 2, null]'
	run -0 tend stats -w 1
	assert_line '  Sam   ·'
	for bad in 0 261 x 3x -2; do
		run -64 --separate-stderr tend stats --weeks "$bad"
		assert_equal "$stderr" "tend: --weeks takes a whole number from 1 to 260, not '$bad'"
	done
	run -0 tend stats --weeks 260 --json
	echo "$output" | jq -e '.weeks | length == 260 and .[259] == "2026-W47"'
}

@test "a narrow terminal gets one column a week" {
	journal
	COLUMNS=30 run -0 tend stats --weeks 12
	assert_line '  Sam   ····▁▄▆··▆▇·'
	assert_line '  Alex  ····█▄▃··▃▂·'
	assert_line '           39  43  47'
	COLUMNS=30 LC_ALL=C run -0 tend stats --weeks 12 --as Sam
	assert_line '  Sam   ....158.679.'
}

@test "--json: the same numbers, every documented field" {
	journal
	run -0 tend stats --json
	echo "$output" | jq -e '
	    (keys == (["appreciations", "checkins", "experiments", "hidden", "longest_streak",
	      "notes", "partners", "ratio", "streak", "struggles", "week", "weeks"] | sort))
	    and .week == "2026-W47" and .notes == 4 and .hidden == 1
	    and .appreciations == 4 and .struggles == 1 and .ratio == 4
	    and .experiments == {tried: 2, skipped: 1, felt_average: 4.5, felt_count: 2}
	    and (.weeks | length == 12 and .[0] == "2026-W36" and .[11] == "2026-W47")
	    and (.partners | map(.name) == ["Sam", "Alex"])
	    and .partners[0].notes == {sent: 3, received: 1}
	    and (.partners[0].id | test("^[0-9a-f-]{36}$"))
	    and .partners[0].connection == [null, null, null, null, 1, 5, 8, null, null, 7, 9, null]'
	run -0 tend stats --json --as Sam
	echo "$output" | jq -e '.hidden == 0
	    and .partners[0].connection == [null, null, null, null, 1, 5, 8, null, 6, 7, 9, null]'
	run -0 tend --color=always stats --json
	[[ "$output" != *$'\e'* ]]
}

@test "colour only with --color=always, and names are escaped" {
	couple
	sql "$J" "UPDATE partner SET name = 'S' || char(27) || ']0;x' || char(7) || 'm' WHERE id = 1"
	run -0 tend stats
	[[ "$output" != *$'\e'* ]]
	assert_line --partial 'S^[]0;x^Gm sent 0'
	run -0 tend --color=always stats
	[[ "$output" == *$'\e[1mCheck-ins:\e[0m'* ]]
	[[ "$output" != *$'\e]'* ]]
}

@test "help shows the usage and examples" {
	run -0 tend stats --help
	assert_line -n 0 'usage: tend stats [--weeks N] [--as NAME] [--json]'
	assert_line '  tend stats --weeks 26'
}

@test "on a terminal the stats go through the pager; piped they do not" {
	journal
	local log=$BATS_TEST_TMPDIR/pager
	PAGER="touch $log.used; cat" run -0 tend stats
	[ ! -e "$log.used" ]
	PAGER="cat >$log" run -0 script -qec "$TEND stats" /dev/null
	grep -q '^Check-ins:    5 done' "$log"
	grep -q '^  Sam   ' "$log"
}
