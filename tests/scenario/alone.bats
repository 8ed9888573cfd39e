#!/usr/bin/env bats
# alone.bats - Sam answers the week alone on Wednesday: until Alex has
# answered too, no view shows a word or the rating of it, except to Sam with
# --as Sam; once Alex answers, every view shows it all.  Then the same week
# answered on two laptops, one partner each, merged by export and import.

load helper

W=2027-W05

# Sam's part, on Wednesday evening: a sentinel in every text answer, 9.
sam_alone() {
	couple
	at 2027-02-03T21:00:00
	run -0 answer_as Sam samsecret 9
}

@test "Sam alone: no view without --as shows Sam's words, rating or note" {
	sam_alone
	reveals_nothing samsecret
	ratings_hidden $W
	views_agree $W
	run -0 tend stats --json
	assert_equal "$(jq -c '[.checkins, .appreciations, .struggles, .notes]' <<<"$output")" '[0,0,0,0]'
	run -0 tend status --json
	assert_equal "$(jq -c '[.checkin, [.partners[].notes.sent]]' <<<"$output")" '["in progress",[0,0]]'
	run -0 tend history --json
	assert_equal "$(jq -c '.[0] | [.state, [.ratings[].rating]]' <<<"$output")" '["in progress",[null,null]]'
}

@test "Sam alone: each view says once that Alex has not answered yet" {
	sam_alone
	hint_once show
	hint_once history
	hint_once stats
	hint_once notes
	# status says it in its check-in line, once; --json says it as data.
	run -0 --separate-stderr tend status
	[ "$(grep -c 'has not yet' <<<"$output")" = 1 ]
	run -0 --separate-stderr tend
	[ "$(grep -c 'has not yet' <<<"$output")" = 1 ]
	run -0 --separate-stderr tend show --json
	assert_equal "$(jq -c '[.state, ([.questions[].answers[].hidden] | unique)]' <<<"$output")" '["in progress",[true]]'
	run -0 --separate-stderr tend status --json
	assert_equal "$(jq -c '[.partners[].answered]' <<<"$output")" '[true,false]'
}

@test "Sam alone: Alex's views show none of Sam's answers before Alex answers" {
	sam_alone
	reveals_nothing --as Alex samsecret
	views_agree --as Alex $W
	run -0 tend show --as Alex --json
	assert_equal "$(jq -c '[.questions[].answers[].value] | unique' <<<"$output")" '[null]'
}

@test "Sam alone: with --as Sam every view shows Sam's own answers and rating" {
	sam_alone
	views_agree --as Sam $W
	run -0 tend show --as Sam --json
	assert_equal "$(jq -c '.state' <<<"$output")" '"in progress"'
	assert_equal "$(jq -c '[.questions[].answers[] | select(.partner == "Sam") | .value]' <<<"$output")" \
	    "$(deck_lines samsecret 9 | jq -Rcs 'split("\n")[:-1]')"
	assert_equal "$(jq -c '[.questions[].answers[] | select(.partner == "Alex") | .value] | unique' <<<"$output")" '[null]'
	run -0 tend history --as Sam --json
	assert_equal "$(jq -c '.[0].ratings' <<<"$output")" '[{"partner":"Sam","answered":true,"rating":9},{"partner":"Alex","answered":false,"rating":null}]'
	run -0 tend stats --as Sam --weeks 4 --json
	assert_equal "$(jq -c '[.partners[].connection[-1]]' <<<"$output")" '[9,null]'
	run -0 tend search --as Sam --json samsecret
	assert_equal "$(jq -c '[.[] | [.kind, .from]] | unique' <<<"$output")" '[["answer","Sam"]]'
	assert_equal "$(jq length <<<"$output")" 7
	run -0 tend search --as Sam --kind note --json samsecret
	assert_equal "$(jq -c '[.[] | [.kind, .from, .to]]' <<<"$output")" '[["note","Sam","Alex"]]'
	run -0 tend notes --as Sam --json
	assert_equal "$(jq -c '[.[] | [.from, .to, .text]]' <<<"$output")" '[["Sam","Alex","samsecret q1 tendscn"]]'
	run -0 tend status --as Sam --json
	assert_equal "$(jq -c '[.partners[].notes.sent]' <<<"$output")" '[1,0]'
}

@test "Alex answers on Sunday: every view shows both, and the hint is gone" {
	sam_alone
	at 2027-02-07T20:00:00
	run -0 answer_as Alex alexwords 6
	assert_line "Check-in $W done."
	views_agree $W
	run -0 --separate-stderr tend show
	assert_equal "$stderr" ''
	assert_output --partial 'samsecret q2 tendscn'
	assert_output --partial 'alexwords q2 tendscn'
	run -0 tend history --json
	assert_equal "$(jq -c '.[0] | [.state, [.ratings[] | {partner, rating}]]' <<<"$output")" '["done",[{"partner":"Sam","rating":9},{"partner":"Alex","rating":6}]]'
	run -0 tend stats --weeks 4 --json
	assert_equal "$(jq -c '[.checkins, .appreciations, .struggles, .notes, [.partners[].connection[-1]]]' <<<"$output")" '[1,2,2,2,[9,6]]'
	run -0 tend search --json samsecret
	assert_equal "$(jq -c '[.[] | [.kind, .from]] | unique' <<<"$output")" '[["answer","Sam"]]'
	assert_equal "$(jq length <<<"$output")" 7
	run -0 tend search --kind note --json samsecret
	assert_equal "$(jq -c '[.[] | [.kind, .from, .to]]' <<<"$output")" '[["note","Sam","Alex"]]'
	run -0 tend notes --json
	assert_equal "$(jq -c '[.[] | [.from, .to, .text]] | sort' <<<"$output")" \
	    '[["Alex","Sam","alexwords q1 tendscn"],["Sam","Alex","samsecret q1 tendscn"]]'
	run -0 tend status --json
	assert_equal "$(jq -c '[.checkin, [.partners[].notes.sent]]' <<<"$output")" '["done",[1,1]]'
}

@test "two laptops, one partner each: importing both exports converges on done" {
	local b=$BATS_TEST_TMPDIR/alex.db x
	couple
	TEND_DB=$b tend init --partner Sam --partner Alex >/dev/null
	at 2027-02-03T21:00:00
	run -0 answer_as Sam samsecret 9
	at 2027-02-06T10:00:00
	TEND_DB=$b run -0 answer_as Alex alexwords 6
	at 2027-02-07T20:00:00
	tend export -o "$BATS_TEST_TMPDIR/sam.jsonl"
	TEND_DB=$b tend export -o "$BATS_TEST_TMPDIR/alex.jsonl"
	run -0 tend import "$BATS_TEST_TMPDIR/alex.jsonl"
	TEND_DB=$b run -0 tend import "$BATS_TEST_TMPDIR/sam.jsonl"
	for x in "$J" "$b"; do
		TEND_DB=$x views_agree $W
		run -0 env TEND_DB="$x" "$TEND" history --json
		assert_equal "$(jq -c '.[0] | [.state, [.ratings[] | {partner, rating}]]' <<<"$output")" '["done",[{"partner":"Sam","rating":9},{"partner":"Alex","rating":6}]]'
		run -0 env TEND_DB="$x" "$TEND" stats --json
		assert_equal "$(jq -c '[.checkins, .streak]' <<<"$output")" '[1,1]'
		run -0 env TEND_DB="$x" "$TEND" status --json
		assert_equal "$(jq -c '.checkin' <<<"$output")" '"done"'
	done
	assert_equal "$(tend show --json | jq -S .)" "$(TEND_DB=$b tend show --json | jq -S .)"
	assert_equal "$(tend history --json)" "$(TEND_DB=$b tend history --json)"
	assert_equal "$(tend stats --json | jq -S 'del(.partners[].id)')" \
	    "$(TEND_DB=$b tend stats --json | jq -S 'del(.partners[].id)')"
}
