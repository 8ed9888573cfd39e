#!/usr/bin/env bats
# search.bats - tend search: plain words, FTS5 syntax (phrase, NOT, prefix),
# punctuation in plain words, a malformed query, every filter, --json,
# the snippet's marks piped and in colour, and hostile text kept escaped.

load helper

# A journal with a check-in in 2026-W45, three notes this week (2026-W47)
# and this week's experiment tried, with a reflection.
journal() {
	couple
	TEND_NOW=2026-11-07T10:00:00Z "$TEND" checkin < <(both) >/dev/null
	TEND_NOW=2026-11-19T10:00:00Z "$TEND" thanks Alex -- "for the coffee, don't forget it" >/dev/null
	"$TEND" thanks Sam -- 'the long walk by the river' >/dev/null
	"$TEND" thanks Alex -- 'a walk in the rain, still lovely' >/dev/null
	"$TEND" experiment >/dev/null
	"$TEND" experiment done --felt 4 we had tea instead of coffee >/dev/null
}

# The snippets tend search --json gives, one per line, best first.
snippets() {
	"$TEND" search --json "$@" | jq -r '.[].snippet'
}

@test "plain words: every hit with date, week, kind and writer, the match in [ ]" {
	journal
	run -0 --separate-stderr tend search coffee
	[ -z "$stderr" ]
	assert_line -n 0 '2026-11-07  2026-W45  answer by Sam: What did your partner do this week that you appreciated?'
	assert_line -n 1 '  the [coffee] in bed'
	assert_line '2026-11-19  2026-W47  note from Sam to Alex'
	assert_line '  for the [coffee], don'"'"'t forget it'
	assert_line '2026-11-21  2026-W47  reflection on the experiment, by both'
	assert_line '  we had tea instead of [coffee]'
	# Three hits, a blank line between them.
	[ "${#lines[@]}" -eq 6 ]
	[ "$(printf '%s\n' "$output" | grep -c '^$')" -eq 2 ]
}

@test "all the words must be there, in any order and case" {
	journal
	run -0 snippets RAIN walk
	assert_output 'a [walk] in the [rain], still lovely'
}

@test "a quoted phrase matches the words together only" {
	journal
	run -0 snippets '"long walk"'
	assert_output 'the [long walk] by the river'
	run -0 snippets '"walk long"'
	assert_output ''
}

@test "NOT leaves out what holds the second word" {
	journal
	run -0 snippets 'walk NOT rain'
	assert_output "$(printf '%s\n' 'sunday [walk]' 'the long [walk] by the river')"
}

@test "a prefix with * matches every word that starts with it" {
	journal
	run -0 snippets 'lov*'
	assert_output 'a walk in the rain, still [lovely]'
	run -0 snippets 'tea OR tiling'
	assert_line 'we had [tea] instead of coffee'
	assert_line 'finishing the [tiling]'
}

@test "punctuation in plain words works as people expect" {
	journal
	run -0 snippets "don't"
	assert_output "for the coffee, [don't] forget it"
	run -0 snippets 'coffee?'
	[ "${#lines[@]}" -eq 3 ]
	run -0 snippets '"river'
	assert_output 'the long walk by the [river]'
	run -0 snippets 'river,' 'walk!'
	assert_output 'the long [walk] by the [river]'
}

@test "a malformed query fails with one line and exit 64" {
	journal
	for q in 'walk NOT' '(coffee' 'tea OR' 'NEAR(walk'; do
		run -64 --separate-stderr tend search "$q"
		assert_output ''
		[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
		[[ "$stderr" == "tend: '$q' is not a valid search"* ]]
	done
	run -64 --separate-stderr tend search
	[[ "$stderr" == 'tend: what should tend search for?'* ]]
	run -64 --separate-stderr tend search '   '
	assert_equal "$stderr" 'tend: nothing to search for; give a word or two'
}

@test "nothing found: empty stdout, a word on stderr, [] in JSON" {
	journal
	run -0 --separate-stderr tend search zebra
	assert_output ''
	assert_equal "$stderr" "Nothing found for 'zebra'."
	run -0 tend search --json zebra
	assert_output '[]'
}

@test "--kind keeps one kind; an appreciation answer is found once" {
	journal
	run -0 snippets --kind note coffee
	# The check-in's appreciation is a note too: found as such only here.
	assert_output "$(printf '%s\n' 'the [coffee] in bed' "for the [coffee], don't forget it")"
	run -0 snippets --kind answer coffee
	assert_output 'the [coffee] in bed'
	run -0 snippets --kind reflection coffee
	assert_output 'we had tea instead of [coffee]'
	run -64 --separate-stderr tend search --kind letter coffee
	assert_equal "$stderr" "tend: --kind takes answer, note or reflection, not 'letter'"
}

@test "--from keeps what one partner wrote, any case; an unknown one is refused" {
	journal
	run -0 snippets --from alex walk
	assert_output "$(printf '%s\n' 'the long [walk] by the river')"
	run -0 snippets --from SAM walk
	assert_output "$(printf '%s\n' 'sunday [walk]' 'a [walk] in the rain, still lovely')"
	run -64 --separate-stderr tend search --from Robin walk
	assert_equal "$stderr" "tend: no partner named 'Robin' (partners: Sam, Alex)"
}

@test "--since keeps what was written from that day on" {
	journal
	run -0 snippets --since 2026-11-19 coffee
	[ "${#lines[@]}" -eq 2 ]
	assert_line "for the [coffee], don't forget it"
	assert_line 'we had tea instead of [coffee]'
	run -0 snippets --since today coffee
	assert_output 'we had tea instead of [coffee]'
	run -64 --separate-stderr tend search --since 2026-13-01 coffee
	[[ "$stderr" == "tend: '2026-13-01' is not a day"* ]]
}

@test "--limit keeps the best N" {
	journal
	run -0 snippets --limit 1 coffee
	[ "${#lines[@]}" -eq 1 ]
	run -0 tend search -n 2 coffee
	[ "$(printf '%s\n' "$output" | grep -c '^  ')" -eq 2 ]
	run -64 tend search --limit 0 coffee
}

@test "--json: one array of documented fields" {
	journal
	run -0 tend search --json coffee
	echo "$output" | jq -e 'length == 3 and all(.[];
	    (keys == (["created", "from", "id", "kind", "question", "snippet", "to", "week"] | sort))
	    and (.id | test("^[0-9a-f-]{36}$"))
	    and (.created | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")))'
	echo "$output" | jq -e '(.[] | select(.kind == "answer")) as $a | $a == ($a | {kind: "answer", week: "2026-W45",
	    created: "2026-11-07T10:00:00Z", from: "Sam", to: null,
	    question: "What did your partner do this week that you appreciated?",
	    snippet: "the [coffee] in bed", id: .id})'
	echo "$output" | jq -e '.[] | select(.kind == "note") | .from == "Sam" and .to == "Alex" and .question == null'
	echo "$output" | jq -e '.[] | select(.kind == "reflection") | .from == null and .to == null and .week == "2026-W47"'
}

@test "hostile text is escaped, piped and in colour; only tend's own colours are raw" {
	couple
	tend thanks Alex -- $'the \e]0;owned\a coffee \e[2J again' >/dev/null
	run -0 tend search coffee
	assert_line '  the ^[]0;owned^G [coffee] ^[[2J again'
	[[ "$output" != *$'\e'* ]]
	[[ "$output" != *$'\a'* ]]
	run -0 tend --color=always search coffee
	[[ "$output" == *$'^[]0;owned^G \e[1m\e[33mcoffee\e[0m ^[[2J again'* ]]
	[[ "$output" != *$'\e]'* ]]
	[[ "$output" != *$'\e[2J'* ]]
	[[ "$output" != *$'\a'* ]]
	# JSON keeps the text exactly, escaped as JSON strings are.
	run -0 tend search --json coffee
	[ "$(echo "$output" | jq -r '.[0].snippet')" = $'the \e]0;owned\a [coffee] \e[2J again' ]
}

@test "colour is never used when piped without --color=always, nor in JSON" {
	journal
	NO_COLOR= run -0 tend search coffee
	[[ "$output" != *$'\e'* ]]
	run -0 tend --color=always search --json coffee
	[[ "$output" != *$'\e'* ]]
	[[ "$output" == *'[coffee]'* ]]
}

@test "help shows the usage and examples" {
	run -0 tend search --help
	assert_line -n 0 'usage: tend search [--kind KIND] [--from NAME] [--since DAY] [--limit N] [--as NAME] [--json] QUERY...'
	assert_line '  tend search coffee'
}

@test "on a terminal: colour by default and the pager; piped: neither" {
	journal
	local log=$BATS_TEST_TMPDIR/pager
	PAGER="touch $log.used; cat" run -0 tend search coffee
	[ ! -e "$log.used" ]
	TERM=xterm PAGER="cat >$log" run -0 script -qec "$TEND search river" /dev/null
	grep -q $'the long walk by the \e\[1m\e\[33mriver\e\[0m' "$log"
	run -0 script -qec "$TEND --no-pager search river" /dev/null
	[[ "$output" == *'the long walk by the [river]'* ]]
}
