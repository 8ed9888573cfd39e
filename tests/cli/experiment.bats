#!/usr/bin/env bats
# experiment.bats - the experiment of the week: chosen once and kept, no
# repeats, the intimacy setting, done / skip / new / list, and --json.

load helper

EXP=$TEND_TOP/data/experiments.json

# on DATE [ARGS...]: tend experiment on that day (noon UTC), as JSON.
on() {
	local day=$1
	shift
	TEND_NOW=$day "$TEND" experiment "$@" --json
}

# The date i weeks after 2026-11-21.
week_day() {
	date -u -d "2026-11-21 +$((7 * $1)) days" +%F
}

# field ITEM KEY: a field of a built-in experiment.
field() {
	jq -r --arg id "$1" --arg k "$2" '.experiments[] | select(.id == $id) | .[$k]' "$EXP"
}

@test "the first call chooses one and shows how, time and source" {
	couple
	COLUMNS=200 run -0 tend experiment
	assert_line -n 0 "This week's experiment (2026-W47)"
	local item; item=$(sql "$J" 'SELECT item FROM experiment')
	[ -n "$item" ]
	assert_line -n 1 "$(field "$item" title)"
	assert_output --partial "Takes: $(field "$item" time)"
	local src; src=$(field "$item" source)
	# The short name on screen; the full title stays in --json.
	local stitle; stitle=$(jq -r --arg s "$src" '.sources[] | select(.id == $s) | .short' "$TEND_TOP/data/sources.json")
	assert_line "from: $stitle"
	assert_line 'State: not logged yet'
	[ "$(sql "$J" 'SELECT count(*) FROM experiment')" = 1 ]
}

@test "--json has the documented fields" {
	couple
	run -0 tend experiment --json
	echo "$output" | jq -e '.week == "2026-W47" and (.id | test("^[0-9a-f-]{36}$"))
	    and (.item | length > 0) and (.title | length > 0)
	    and (.how | length > 0) and (.time | length > 0)
	    and (.intimacy | IN("none", "affection", "sexual"))
	    and (.source | has("id") and has("title") and has("by"))
	    and .outcome == null and .felt == null and .reflection == null'
}

@test "the same week always shows the same one, any day of it" {
	couple
	local a b c d
	a=$(on 2026-11-21 | jq -r .item)
	b=$(on 2026-11-21 | jq -r .item)
	c=$(on 2026-11-16 | jq -r .item)
	d=$(on 2026-11-22T23:59:00Z | jq -r .item)
	[ "$a" = "$b" ] && [ "$a" = "$c" ] && [ "$a" = "$d" ]
	[ "$(sql "$J" 'SELECT count(*) FROM experiment')" = 1 ]
	# The next Monday is another week with its own.
	on 2026-11-23 | jq -e '.week == "2026-W48"'
}

@test "twenty weeks in a row never repeat an experiment" {
	couple
	for ((i = 0; i < 20; i++)); do
		on "$(week_day $i)"
	done >"$BATS_TEST_TMPDIR/weeks"
	[ "$(jq -r .week "$BATS_TEST_TMPDIR/weeks" | sort -u | wc -l)" -eq 20 ]
	[ "$(jq -r .item "$BATS_TEST_TMPDIR/weeks" | sort -u | wc -l)" -eq 20 ]
}

@test "intimacy none never sees an affection or sexual experiment" {
	couple
	tend config intimacy none
	for ((i = 0; i < 32; i++)); do
		on "$(week_day $i)"
	done >"$BATS_TEST_TMPDIR/weeks"
	for ((i = 0; i < 8; i++)); do
		on 2026-11-21 new
	done >"$BATS_TEST_TMPDIR/new"
	[ "$(jq -r .intimacy "$BATS_TEST_TMPDIR/weeks" | sort -u)" = none ]
	[ "$(jq -r .intimacy "$BATS_TEST_TMPDIR/new" | sort -u)" = none ]
	# The same from the catalogue, not just from what the JSON says.
	for id in $(sql "$J" 'SELECT DISTINCT item FROM experiment'); do
		[ "$(field "$id" intimacy)" = none ] || fail "$id is $(field "$id" intimacy)"
	done
}

@test "done logs a reflection and how it felt" {
	couple
	tend experiment >/dev/null
	run -0 tend experiment done --felt 4 we laughed a lot
	assert_output --regexp "^Logged '.+': tried, felt 4 of 5\.$"
	run -0 tend experiment --json
	echo "$output" | jq -e '.outcome == "tried" and .felt == 4
	    and .reflection == "we laughed a lot"'
	run -0 tend experiment
	assert_line 'State: tried, felt 4 of 5'
	assert_line '  we laughed a lot'
	# Other words replace the reflection only when asked to, and keep
	# how it felt.
	run -64 --separate-stderr tend experiment done -- -and again
	assert_equal "$stderr" "tend: '$(sql "$J" 'SELECT title FROM experiment')' is already logged as tried on 2026-11-21; add --yes to replace that"
	run -0 tend experiment done --yes -- -and again
	[ "$(sql "$J" 'SELECT felt || reflection FROM experiment')" = '4-and again' ]
}

@test "a reflection holding escapes prints none raw" {
	couple
	tend experiment >/dev/null
	tend experiment done $'wow\e[2J\e]0;x\a' >/dev/null
	run -0 tend experiment
	refute_output --partial $'\e'
	assert_line '  wow^[[2J^[]0;x^G'
	run -0 tend experiment list
	refute_output --partial $'\e'
}

@test "a bad --felt is refused and changes nothing" {
	couple
	tend experiment >/dev/null
	local before; before=$(sum "$J")
	for bad in 0 6 x 4.5 '' -1; do
		run -64 --separate-stderr tend experiment done --felt "$bad" fine
		assert_equal "$stderr" "tend: --felt takes a whole number from 1 to 5, not '$bad'"
	done
	[ "$(sum "$J")" = "$before" ]
	[ "$(sql "$J" 'SELECT outcome IS NULL FROM experiment')" = 1 ]
}

@test "bad reflections are refused" {
	couple
	tend experiment >/dev/null
	run -64 --separate-stderr tend experiment done $'bad \xff'
	assert_equal "$stderr" "tend: the reflection is not valid UTF-8; nothing was saved"
	run -64 tend experiment done "$(head -c 10001 /dev/zero | tr '\0' a)"
	[ "$(sql "$J" 'SELECT outcome IS NULL FROM experiment')" = 1 ]
}

@test "done before any experiment says how to get one" {
	couple
	run -64 --separate-stderr tend experiment done it was nice
	assert_equal "$stderr" "tend: no experiment was chosen for 2026-W47; 'tend experiment' chooses this week's"
	run -64 tend experiment skip
	[ "$(sql "$J" 'SELECT count(*) FROM experiment')" = 0 ]
}

@test "skip logs it as skipped" {
	couple
	tend experiment >/dev/null
	run -0 tend experiment skip
	assert_line -n 0 --regexp "^Logged '.+': skipped\.$"
	assert_line -n 1 "'tend experiment new' picks another in its place."
	on 2026-11-21 | jq -e '.outcome == "skipped" and .felt == null'
}

@test "new skips the current one and chooses another" {
	couple
	local first; first=$(on 2026-11-21 | jq -r .item)
	run -0 tend experiment new
	assert_line -n 0 "Skipped '$(field "$first" title)'. Here is another:"
	local second; second=$(on 2026-11-21 | jq -r .item)
	[ "$second" != "$first" ]
	[ "$(sql "$J" "SELECT outcome FROM experiment WHERE item = '$first'")" = skipped ]
	local third; third=$(on 2026-11-21 new | jq -r .item)
	[ "$third" != "$first" ] && [ "$third" != "$second" ]
	# Neither comes back in the next weeks.
	for ((i = 1; i <= 12; i++)); do
		on "$(week_day $i)"
	done | jq -r .item >"$BATS_TEST_TMPDIR/later"
	run grep -cxE "$first|$second" "$BATS_TEST_TMPDIR/later"
	assert_output 0
}

@test "list --json: every week's experiment, newest first" {
	couple
	on 2026-11-07 >/dev/null
	on 2026-11-14 >/dev/null
	TEND_NOW=2026-11-14 "$TEND" experiment done --felt 5 'so "good"' >/dev/null
	on 2026-11-21 >/dev/null
	on 2026-11-21 new >/dev/null
	run -0 tend experiment list --json
	echo "$output" | jq -e 'length == 4
	    and map(.week) == ["2026-W47", "2026-W47", "2026-W46", "2026-W45"]
	    and map(.replaced) == [false, true, false, false]
	    and .[2].outcome == "tried" and .[2].felt == 5
	    and .[2].reflection == "so \"good\""
	    and .[0].outcome == null and .[1].outcome == "skipped"
	    and .[3].outcome == null
	    and all(.[]; (.id | test("^[0-9a-f-]{36}$")) and has("item")
	        and has("title") and has("how") and has("time")
	        and has("source"))'
	run -0 tend experiment list
	assert_line -n 0 --regexp '^2026-W47  .+ \(not logged yet\)$'
	assert_line -n 1 --regexp '^          .+ \(skipped, replaced\)$'
	assert_line -n 2 --regexp '^2026-W46  .+ \(tried, felt 5 of 5\)$'
	assert_line -n 3 '          so "good"'
}

@test "list on a new journal" {
	couple
	run -0 tend experiment list
	assert_output "No experiments yet; 'tend experiment' chooses this week's."
	run -0 tend experiment list --json
	assert_output '[]'
}

@test "unknown subcommands and stray arguments are usage errors" {
	couple
	run -64 --separate-stderr tend experiment redo
	assert_equal "$stderr" "tend: 'redo' is not an experiment subcommand: use done, skip, new or list"
	run -64 tend experiment list extra
	run -64 tend experiment skip --felt 3
	[ "$(sql "$J" 'SELECT count(*) FROM experiment')" = 0 ]
}

@test "--help shows the subcommands" {
	run -0 tend experiment --help
	assert_line -n 0 'usage: tend experiment [done [--felt 1-5] [REFLECTION...] | skip | new | list] [--yes] [--json]'
	assert_output --partial '  new                    choose another in its place; the one'
}

# A Sunday evening check-in of W47 hands out W48's experiment (the row
# tend_experiment_handout saves; here put in place as it would).
handout_w48() {
	printf ':skip\n' | TEND_NOW=2026-11-22T20:00:00Z tend checkin --as Sam >/dev/null
	local item; item=$(jq -r '[.experiments[] | select(.intimacy == "none")][0].id' "$EXP")
	sql "$J" "INSERT INTO experiment(uuid, week, item, title, chosen) VALUES
	    ('11111111-2222-4333-8444-555555555555', '2026-W48', '$item',
	    '$(field "$item" title | sed "s/'/''/g")', '2026-11-22T20:00:00Z')"
	echo "$item"
}

@test "the experiment handed out on Sunday evening stays on Monday" {
	couple
	local item; item=$(handout_w48)
	run -0 env TEND_NOW=2026-11-22T20:30:00Z "$TEND" experiment
	assert_line -n 0 "Your experiment until the next check-in (2026-W48)"
	assert_line -n 1 "$(field "$item" title)"
	run -0 env TEND_NOW=2026-11-23T08:00:00Z "$TEND" experiment
	assert_line -n 0 "This week's experiment (2026-W48)"
	assert_line -n 1 "$(field "$item" title)"
	# Nothing new was chosen on Sunday night or Monday morning.
	[ "$(sql "$J" 'SELECT count(*) FROM experiment')" = 1 ]
	run -0 env TEND_NOW=2026-11-23T08:00:00Z "$TEND" status --json
	echo "$output" | jq -e --arg i "$item" '.experiment.item == $i
	    and .experiment.week == "2026-W48" and .experiment.state == "chosen"'
	# done on Sunday night logs the one handed out.
	TEND_NOW=2026-11-22T21:00:00Z "$TEND" experiment done >/dev/null
	[ "$(sql "$J" "SELECT week || outcome FROM experiment")" = 2026-W48tried ]
}

@test "before this week's check-in, next week's experiment is not current" {
	couple
	local item; item=$(handout_w48)
	sql "$J" "DELETE FROM answer; DELETE FROM checkin"
	run -0 env TEND_NOW=2026-11-22T20:30:00Z "$TEND" experiment --json
	echo "$output" | jq -e '.week == "2026-W47"'
}

@test "skip over a logged done is refused without a terminal, journal unchanged" {
	couple
	tend experiment >/dev/null
	tend experiment done --felt 4 it was lovely >/dev/null
	local before; before=$(sum "$J")
	local title; title=$(sql "$J" 'SELECT title FROM experiment')
	run -64 --separate-stderr tend experiment skip
	assert_equal "$stderr" "tend: '$title' is already logged as tried on 2026-11-21; add --yes to replace that"
	assert_output ''
	[ "$(sum "$J")" = "$before" ]
	run -0 tend experiment skip --force
	assert_line -n 0 "Logged '$title': skipped."
	[ "$(sql "$J" 'SELECT outcome || ":" || reflection FROM experiment')" = 'skipped:it was lovely' ]
	# The same outcome again asks nothing.
	run -0 tend experiment skip
}

@test "new keeps the replaced experiment, its outcome and reflection" {
	couple
	tend experiment >/dev/null
	tend experiment done --felt 2 we argued about the picnic >/dev/null
	local title; title=$(sql "$J" 'SELECT title FROM experiment')
	run -0 tend experiment new
	assert_line -n 0 "'$title' stays in the list with what you logged. Here is another:"
	run -0 tend experiment list
	assert_line -n 1 "          $title (tried, felt 2 of 5, replaced)"
	assert_line -n 2 "          we argued about the picnic"
	run -0 tend search picnic
	assert_output --partial picnic
}

@test "the experiment's from: line is wrapped to the terminal" {
	couple
	local w line item src want got
	for d in 0 1 2 3 4 5; do
		TEND_NOW=$(week_day $d) "$TEND" experiment >/dev/null
		item=$(on "$(week_day $d)" | jq -r .item)
		src=$(field "$item" source)
		want=$(jq -r --arg s "$src" '.sources[] | select(.id == $s) | "from: \(.short)"' "$TEND_TOP/data/sources.json")
		for w in 40 80; do
			COLUMNS=$w TEND_NOW=$(week_day $d) run -0 tend experiment
			for line in "${lines[@]}"; do
				[ "${#line}" -le "$w" ] || fail "too wide at $w: $line"
			done
			got=$(printf '%s\n' "${lines[@]}" | sed -n '/^from: /,/^State: /p' | sed '$d; s/^ *//' | paste -sd' ')
			assert_equal "$got" "$want"
		done
	done
}

@test "an experiment that assumes something offers another way, also in --json" {
	couple
	tend experiment >/dev/null
	sql "$J" "UPDATE experiment SET item = 'swap-a-chore'"
	local alt; alt=$(jq -r '.experiments[] | select(.id == "swap-a-chore") | .alternative' "$TEND_TOP/data/experiments.json")
	COLUMNS=1000 run -0 tend experiment
	assert_line "Another way: $alt"
	run -0 tend experiment --json
	assert_equal "$(jq -r .alternative <<<"$output")" "$alt"
	assert_equal "$(jq -c .needs <<<"$output")" "$(jq -c '.experiments[] | select(.id == "swap-a-chore") | .needs' "$TEND_TOP/data/experiments.json")"
}
