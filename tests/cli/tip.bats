#!/usr/bin/env bats
# tip.bats - a tip a day: its text and source, the rotation, the topic and
# intimacy filters, and the user's own tips.

load helper

# tip_id DATE: the id of that day's tip, with any extra options.
tip_id() {
	local day=$1
	shift
	TEND_NOW=$day "$TEND" tip --json "$@" | jq -r .id
}

# The date whose day number (days since 1970-01-01) is n.
day() {
	date -u -d "@$(($1 * 86400))" +%F
}

# How many built-in tips have topic $1 (any: all) within intimacy levels $2.
count() {
	jq --arg t "$1" --argjson ok "$2" '[.tips[] | select(($t == "any"
	    or .topic == $t) and (.intimacy as $i | $ok | index($i)))] | length' \
	    "$TEND_TOP/data/tips.json"
}

@test "a tip has a title, a body and the article it is from" {
	couple
	# Wide enough that the source stays on one line.
	COLUMNS=200 run -0 tend tip
	local id; id=$(tip_id 2026-11-21)
	local title; title=$(jq -r --arg id "$id" '.tips[] | select(.id == $id) | .title' "$TEND_TOP/data/tips.json")
	local src; src=$(jq -r --arg id "$id" '.tips[] | select(.id == $id) | .source' "$TEND_TOP/data/tips.json")
	# The short name on screen; the full title stays in --json.
	local stitle; stitle=$(jq -r --arg s "$src" '.sources[] | select(.id == $s) | .short' "$TEND_TOP/data/sources.json")
	assert_line -n 0 "$title"
	assert_line "from: $stitle"
}

@test "--json has the documented fields" {
	couple
	run -0 tend tip --json
	echo "$output" | jq -e '(.id | length > 0) and (.topic | length > 0)
	    and (.title | length > 0) and (.body | length > 0)
	    and (.intimacy | IN("none", "affection", "sexual"))
	    and (.source | has("id") and has("title") and has("by"))'
}

@test "the same tip all day, another the next day" {
	couple
	[ "$(tip_id 2026-11-21T00:05:00Z)" = "$(tip_id 2026-11-21T23:55:00Z)" ]
	[ "$(tip_id 2026-11-21)" != "$(tip_id 2026-11-22)" ]
}

@test "no tip comes back before every tip has had its day" {
	couple
	tend config intimacy sexual
	local n; n=$(count any '["none","affection","sexual"]')
	[ "$n" -ge 60 ]
	# Start on a day number that begins a pass of n days.
	local now; now=$(($(date -u -d 2026-11-21 +%s) / 86400))
	local start=$(( (now / n + 1) * n ))
	# A whole pass in make check-all; in make check its first 25 days
	# (the unit test test-tip walks whole passes through the library).
	local span=$n
	[ -n "${TEND_TEST_FULL:-}" ] || span=$((n < 25 ? n : 25))
	for ((d = start; d < start + span; d++)); do
		tip_id "$(day $d)"
	done >"$BATS_TEST_TMPDIR/ids"
	[ "$(sort -u "$BATS_TEST_TMPDIR/ids" | wc -l)" -eq "$span" ]
}

@test "--topic keeps to one topic and rotates within it" {
	couple
	tend config intimacy sexual
	local n; n=$(count conflict '["none","affection","sexual"]')
	[ "$n" -ge 3 ]
	local now; now=$(($(date -u -d 2026-11-21 +%s) / 86400))
	local start=$(( (now / n + 1) * n ))
	for ((d = start; d < start + n; d++)); do
		TEND_NOW=$(day $d) "$TEND" tip --json --topic conflict
	done >"$BATS_TEST_TMPDIR/tips"
	[ "$(jq -r .topic "$BATS_TEST_TMPDIR/tips" | sort -u)" = conflict ]
	[ "$(jq -r .id "$BATS_TEST_TMPDIR/tips" | sort -u | wc -l)" -eq "$n" ]
}

@test "intimacy none never shows an affection or sexual tip" {
	couple
	tend config intimacy none
	local days=120 picks=60
	[ -n "${TEND_TEST_FULL:-}" ] || { days=25; picks=12; }
	for ((d = 0; d < days; d++)); do
		TEND_NOW=$(day $((20800 + d))) "$TEND" tip --json
	done >"$BATS_TEST_TMPDIR/tips"
	[ "$(jq -r .intimacy "$BATS_TEST_TMPDIR/tips" | sort -u)" = none ]
	for ((i = 0; i < picks; i++)); do
		"$TEND" tip --json --random
	done >"$BATS_TEST_TMPDIR/random"
	[ "$(jq -r .intimacy "$BATS_TEST_TMPDIR/random" | sort -u)" = none ]
}

@test "init --no-sexual never shows a sexual tip" {
	tend init -p Sam -p Alex --no-sexual >/dev/null
	local days=150
	[ -n "${TEND_TEST_FULL:-}" ] || days=40
	for ((d = 0; d < days; d++)); do
		TEND_NOW=$(day $((20800 + d))) "$TEND" tip --json
	done >"$BATS_TEST_TMPDIR/tips"
	run -0 jq -r .intimacy "$BATS_TEST_TMPDIR/tips"
	refute_output --partial sexual
	assert_output --partial affection
}

@test "--random picks from the whole scope" {
	couple
	for ((i = 0; i < 40; i++)); do
		"$TEND" tip --json --random
	done >"$BATS_TEST_TMPDIR/random"
	[ "$(jq -r .id "$BATS_TEST_TMPDIR/random" | sort -u | wc -l)" -gt 10 ]
}

@test "--topics lists every topic, also as JSON" {
	couple
	run -0 tend tip --topics
	assert_line --regexp '^communication +Communication$'
	[ "${#lines[@]}" -eq "$(jq '.topics | length' "$TEND_TOP/data/tips.json")" ]
	run -0 tend tip --topics --json
	echo "$output" | jq -e 'length >= 10 and all(.[]; has("id") and has("title"))'
}

@test "an unknown topic is a usage error" {
	couple
	run -64 --separate-stderr tend tip --topic gardening
	assert_equal "$stderr" "tend: no topic 'gardening'; see 'tend tip --topics'"
	run -64 tend tip --topics --topic conflict
	run -64 tend tip extra
}

@test "a tip of the user's own joins the rotation under its topic" {
	couple
	mkdir -p "$XDG_CONFIG_HOME/tend"
	cat >"$XDG_CONFIG_HOME/tend/content.json" <<-'JSON'
	{
	  "topics": [{"id": "our-rituals", "title": "Our rituals"}],
	  "tips": [{"id": "sunday-pancakes", "topic": "our-rituals",
	    "title": "Keep Sunday pancakes", "body": "Make them together. Talk about the week ahead.",
	    "intimacy": "none", "source": "first-thing"}]
	}
	JSON
	run -0 tend tip --topic our-rituals
	assert_line -n 0 'Keep Sunday pancakes'
	run -0 tend tip --topics
	assert_line --regexp '^our-rituals +Our rituals$'
}

@test "a broken content.json is named, and other commands go on" {
	couple
	mkdir -p "$XDG_CONFIG_HOME/tend"
	printf '{"tips": [{"id": "x", "topic": "communication", "title": "T", "body": "", "intimacy": "none", "source": "first-thing"}]}\n' \
	    >"$XDG_CONFIG_HOME/tend/content.json"
	run -78 --separate-stderr tend tip
	assert_equal "$stderr" "tend: content.json: tip 'x': 'body' is empty"
	run -0 tend status
}

# fits WIDTH: no line of standard input is wider than WIDTH columns.
fits() {
	local line
	while IFS= read -r line; do
		[ "${#line}" -le "$1" ] || fail "too wide: $line"
	done
}

@test "the from: line is wrapped to the terminal, no word cut" {
	couple
	local d id src want got
	for d in 0 1 2 3 4 5 6 7 8 9 10 11; do
		id=$(tip_id "$(day $((20600 + d)))")
		src=$(jq -r --arg id "$id" '.tips[] | select(.id == $id) | .source' "$TEND_TOP/data/tips.json")
		want=$(jq -r --arg s "$src" '.sources[] | select(.id == $s) | "from: \(.short)"' "$TEND_TOP/data/sources.json")
		for w in 40 80; do
			COLUMNS=$w TEND_NOW=$(day $((20600 + d))) "$TEND" tip >"$BATS_TEST_TMPDIR/out"
			fits "$w" <"$BATS_TEST_TMPDIR/out"
			# The from: lines, joined again, are the source whole.
			got=$(sed -n '/^from: /,$p' "$BATS_TEST_TMPDIR/out" | sed 's/^ *//' | paste -sd' ')
			assert_equal "$got" "$want"
		done
	done
}
