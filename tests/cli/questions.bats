#!/usr/bin/env bats
# questions.bats - what the decks ask, listed without a journal.

load helper

@test "the default deck is the weekly check-in with first-thing's questions" {
	run -0 tend questions
	assert_line -n 0 'Weekly check-in'
	for q in 'Are your needs getting met?' \
	    'Is there anything I could be doing better to make you feel loved?' \
	    'What are you most proud of this week?' \
	    'What was your biggest struggle this week?' \
	    'What do you think is going well for us?' \
	    'Where could we improve?'; do
		assert_output --partial "$q"
	done
	assert_line --regexp '^ 8\. .*connected.*\[1-10\]$'
	assert_output --partial "look back at the experiment since the last check-in"
	[ ! -e "$XDG_DATA_HOME" ]
}

@test "--decks lists the decks, weekly first as the default" {
	run -0 tend questions --decks
	assert_line -n 0 --regexp '^weekly +Weekly check-in \(8 questions, the default\)$'
	[ "${#lines[@]}" -ge 5 ]
	assert_line --regexp '^repair '
}

@test "--deck shows another deck; an unknown one is a usage error" {
	run -0 tend questions --deck repair
	refute_line -n 0 'Weekly check-in'
	run -64 --separate-stderr tend questions --deck nope
	assert_equal "$stderr" "tend: no deck named 'nope'; see 'tend questions --decks'"
	run -64 tend questions --decks --deck repair
}

@test "--json gives the deck with its questions, and the deck list" {
	run -0 tend questions --json
	echo "$output" | jq -e '.id == "weekly" and .lookback == true
	    and (.questions | length == 8)
	    and .questions[-1].kind == "scale" and .questions[-1].role == "connection"
	    and all(.questions[]; .id and .text and .kind and .source)'
	run -0 tend questions --decks --json
	echo "$output" | jq -e 'length >= 5 and .[0].id == "weekly"
	    and all(.[]; (.questions | type) == "number")'
}

@test "a deck of the user's own is listed and shown" {
	mkdir -p "$XDG_CONFIG_HOME/tend"
	cat >"$XDG_CONFIG_HOME/tend/content.json" <<-'JSON'
	{"decks": [{"id": "sunday", "title": "Sunday walk", "about": "Three questions for the walk.",
	  "source": "first-thing", "questions": [
	    {"id": "sunday-best", "text": "What was the best moment of the week?", "kind": "text", "source": "first-thing"},
	    {"id": "sunday-rate", "text": "How rested do you feel?", "kind": "scale", "hint": "1 worn out, 10 fresh.", "source": "first-thing"}]}]}
	JSON
	run -0 tend questions --decks
	assert_line --regexp '^sunday +Sunday walk \(2 questions\)$'
	run -0 tend questions --deck sunday
	assert_line ' 2. How rested do you feel?  [1-10]'
}

@test "a broken content.json stops questions with the file and field named" {
	mkdir -p "$XDG_CONFIG_HOME/tend"
	printf '{"decks": [{"id": "d", "title": "D", "about": "A.", "source": "first-thing", "questions": [{"id": "q1", "text": "Q?", "kind": "essay", "source": "first-thing"}]}]}\n' \
	    >"$XDG_CONFIG_HOME/tend/content.json"
	run -78 --separate-stderr tend questions
	assert_equal "$stderr" "tend: content.json: question 'q1': 'kind' must be text, scale or yesno"
}

@test "decks above the intimacy setting are neither listed nor shown" {
	# No journal yet: the default a new one starts with (affection).
	run -0 tend questions --decks
	refute_line --regexp '^intimacy-talk '
	refute_line --regexp '^desire '
	assert_line --regexp '^emotional-distance '
	run -0 tend questions --decks --json
	echo "$output" | jq -e 'all(.[]; .id != "intimacy-talk" and .id != "desire")'
	run -64 --separate-stderr tend questions --deck intimacy-talk
	assert_equal "$stderr" "tend: the deck 'intimacy-talk' is above the journal's intimacy setting (affection); to use it: tend config intimacy sexual"
	[ -z "$output" ]
	couple
	tend config intimacy none
	run -0 tend questions --decks
	refute_line --regexp '^emotional-distance '
	run -64 --separate-stderr tend questions --deck emotional-distance --json
	assert_equal "$stderr" "tend: the deck 'emotional-distance' is above the journal's intimacy setting (none); to use it: tend config intimacy affection"
	tend config intimacy sexual
	run -0 tend questions --decks
	assert_line --regexp '^intimacy-talk '
	run -0 tend questions --decks --json
	echo "$output" | jq -e 'any(.[]; .id == "intimacy-talk")'
	run -0 tend questions --deck intimacy-talk
	assert_line -n 0 'Talking about intimacy'
}
