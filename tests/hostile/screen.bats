#!/usr/bin/env bats
# screen.bats - hostile text on screen: an escape corpus (CSI, OSC 0/2/8/52,
# DCS, C1, bidi, BEL, BS, CR, DEL) written into every place user text can go
# (check-in answers, notes, experiment reflections; partner names and
# content.json refuse it), then every command that prints user text, piped
# and on a pseudo-terminal: not one raw control byte from user text may
# reach the output.  A tmux test shows that `tend show` of such an answer
# leaves the pane title and the screen alone.

load ../cli/helper

# The corpus, one piece per kind, and all of it in one string.
PIECES=(
	$'\e[2J' $'\e]0;t0\a' $'\e]2;owned\e\\'
	$'\e]8;;http://evil.example/\e\\link\e]8;;\e\\' $'\e]52;c;aGk=\a'
	$'\eP1$qm\e\\' $'\xc2\x9b31m' $'\xe2\x80\xae' $'\xe2\x81\xa6'
	$'\a' $'\b' $'\r' $'\x7f' $'\x1b' $'\x01'
)
PAY="dishes<$(IFS='|'; echo "${PIECES[*]}")>"

# Count the bytes a terminal would act on: C0 but tab and newline, DEL, C1
# (as UTF-8) and the bidi controls.  Reads standard input.
raw_controls() {
	LC_ALL=C grep -caP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' || :
}

# A journal with the corpus in answers (both partners), notes both ways and
# an experiment reflection.
hostile_journal() {
	couple
	both | awk -v p="$PAY" 'NR == 7 || NR == 8 || NR == 15 || NR == 16 {
	    print; next } { print $0 " " p }' | tend checkin >/dev/null
	tend thanks Alex "$PAY" >/dev/null
	tend thanks --from Alex Sam "$PAY" >/dev/null
	tend experiment >/dev/null
	tend experiment done --felt 4 "$PAY" >/dev/null
	# The corpus went in as it was typed.
	[ "$(sql "$J" "SELECT count(*) FROM note WHERE body LIKE '%' ||
	    char(27) || ']52;%'")" -ge 2 ]
}

# Every command that prints user text; those marked + must show the
# corpus (escaped) so that the test sees it went through.
COMMANDS=(
	'+show' '+show latest' 'show --json' 'history' 'history --json'
	'+notes' 'notes --json' '+search dishes' 'search --json dishes'
	'stats' 'stats --json' 'status' 'status --json' '+experiment'
	'experiment --json' '+experiment list' 'experiment list --json'
	'+export --format markdown' 'export' 'export --format json'
	'tip' 'tip --json' 'questions' 'questions --json' 'doctor'
	'doctor --json'
)

# check MODE: run every command, MODE pipe or pty, and check its output.
check_all() {
	local c cmd out n
	for c in "${COMMANDS[@]}"; do
		cmd=${c#+}
		if [ "$1" = pipe ]; then
			# shellcheck disable=SC2086
			out=$("$TEND" --no-pager --color=never $cmd 2>&1 </dev/null |
			    od -An -v -tx1 | tr -d ' \n')
		else
			# On a pseudo-terminal, colour on: tend's own escapes
			# are SGR sequences only; drop them and script's
			# CR before each newline.
			out=$(script -qec "$TEND --no-pager --color=$2 $cmd" \
			    /dev/null </dev/null | perl -pe \
			    's/\r\n/\n/g; s/\e\[[0-9;]*m//g' |
			    od -An -v -tx1 | tr -d ' \n')
		fi
		out=$(xxd -r -p <<<"$out")
		[ -n "$out" ] || fail "$cmd ($1): no output"
		n=$(printf '%s' "$out" | raw_controls)
		[ "$n" -eq 0 ] || fail "$cmd ($1): $n raw control bytes: $(printf '%s' "$out" | cat -v | head -c 600)"
		if [[ $c == +* ]]; then
			[[ $out == *'^[[2J'* ]] ||
			    fail "$cmd ($1): the corpus is not shown: $out"
		fi
		if [[ $cmd == *json* || $cmd == export || $cmd == 'export --format json' ]]; then
			printf '%s' "$out" | jq -e . >/dev/null ||
			    fail "$cmd ($1): not JSON"
		fi
	done
}

@test "the corpus in answers, notes and reflections never reaches a pipe raw" {
	hostile_journal
	check_all pipe
	# The JSON forms carry the text exactly, as \u escapes.
	run -0 bash -c '"$TEND" notes --json | jq -r ".[0].text"'
	assert_equal "$output" "$PAY"
}

@test "nor a pseudo-terminal, with colour on or off" {
	hostile_journal
	check_all pty never
	check_all pty always
}

@test "partner names refuse every control; the error shows none raw" {
	local p
	cd "$BATS_TEST_TMPDIR"
	for p in "${PIECES[@]}"; do
		run -64 --separate-stderr tend --db "x.db" init \
		    --partner "Sam${p}x" --partner Alex
		[ "${#stderr_lines[@]}" -eq 1 ] || fail "$stderr"
		[ "$(printf '%s' "$stderr" | raw_controls)" -eq 0 ] ||
		    fail "raw in: $(cat -v <<<"$stderr")"
		[ ! -e x.db ]
	done
	# A hostile name given where a partner is looked up, likewise.
	couple
	run -64 --separate-stderr tend thanks "Al${PIECES[0]}ex" hi
	[ "$(printf '%s' "$stderr" | raw_controls)" -eq 0 ]
	assert_equal "$stderr" "tend: no partner named 'Al^[[2Jex' (partners: Sam, Alex)"
}

@test "a content.json tip or deck: controls refused, bidi shown escaped" {
	couple
	mkdir -p "$XDG_CONFIG_HOME/tend"
	local p want
	for p in "${PIECES[@]}"; do
		# Bidi controls are not control characters: content.json may
		# hold them, and they are shown escaped like everything else.
		want=78
		[[ $p == $'\xe2'* ]] && want=0
		jq -n --arg t "Keep${p}pancakes" '{topics: [{id: "our-rituals",
		    title: "Our rituals"}], tips: [{id: "pancakes",
		    topic: "our-rituals", title: $t, body: "Make them.",
		    intimacy: "none", source: "first-thing"}]}' \
		    >"$XDG_CONFIG_HOME/tend/content.json"
		run --separate-stderr tend tip --topic our-rituals
		[ "$status" -eq "$want" ] || fail "$(cat -v <<<"$p"): exit $status"
		[ "$(printf '%s%s' "$output" "$stderr" | raw_controls)" -eq 0 ] ||
		    fail "raw in: $(cat -v <<<"$output$stderr")"
		if [ "$want" = 78 ]; then
			assert_equal "$stderr" "tend: content.json: tip 'pancakes': 'title' holds a control character"
			[ -z "$output" ]
		else
			assert_line -n 0 --regexp '^Keep\\u20(2e|66)pancakes$'
		fi
		jq -n --arg t "Ours${p}" '{decks: [{id: "ours", title: $t,
		    about: "a", lookback: false, source: "first-thing",
		    questions: [{id: "q1", text: "How?", kind: "text",
		    source: "first-thing"}]}]}' \
		    >"$XDG_CONFIG_HOME/tend/content.json"
		run --separate-stderr tend --no-pager questions --decks
		[ "$(printf '%s%s' "$output" "$stderr" | raw_controls)" -eq 0 ] ||
		    fail "raw in: $(cat -v <<<"$output$stderr")"
		if [ "$want" = 78 ]; then
			assert_equal "$stderr" "tend: content.json: deck 'ours': 'title' holds a control character"
		else
			[ "$status" -eq 0 ] || fail "deck: exit $status: $stderr"
			assert_line --regexp '^ours +Ours\\u20(2e|66) \(1 questions\)$'
		fi
	done
}

# ---- tmux: the pane title and the screen ------------------------------

SOCK=tend-screen-$$

teardown() {
	tmux -L "$SOCK" kill-server 2>/dev/null || :
}

# wait_for TEXT: poll the pane (at most 10 s) until TEXT is on it.
wait_for() {
	local i
	for ((i = 0; i < 100; i++)); do
		tmux -L "$SOCK" capture-pane -p -t t | grep -qF -- "$1" &&
		    return 0
		sleep 0.1
	done
	fail "'$1' never came: $(tmux -L "$SOCK" capture-pane -p -t t)"
}

title() {
	tmux -L "$SOCK" display -p -t t '#{pane_title}'
}

@test "tmux: tend show of a hostile answer leaves the title and screen" {
	command -v tmux >/dev/null || skip "no tmux"
	couple
	local evil=$'\e]2;owned\a\e[2J'
	both | awk -v p="$evil" 'NR == 1 { print $0 p; next } { print }' |
	    tend checkin >/dev/null
	tend thanks Alex "note $evil" >/dev/null
	cd "$BATS_TEST_TMPDIR"
	{
		printf 'export HOME=%q XDG_DATA_HOME=%q XDG_CONFIG_HOME=%q\n' \
		    "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
		printf 'export XDG_STATE_HOME=%q TEND_NOW=%q TZ=UTC LC_ALL=C.UTF-8\n' \
		    "$XDG_STATE_HOME" "$TEND_NOW"
		printf 'clear; echo BEFORE-MARK\n'
		printf '%q --no-pager show\n' "$TEND"
		printf '%q --no-pager notes\n' "$TEND"
		printf 'echo SHOW-DONE\n'
	} >show.sh
	# The control: the same bytes printed raw do set the title and clear.
	printf 'clear; echo BEFORE-MARK; printf %q; echo AFTER-MARK\n' \
	    "$evil" >raw.sh
	tmux -L "$SOCK" -f /dev/null new-session -d -s t -x 80 -y 24 \
	    "bash --norc --noprofile"
	tmux -L "$SOCK" select-pane -t t -T calm
	[ "$(title)" = calm ]
	tmux -L "$SOCK" send-keys -t t "bash raw.sh" Enter
	wait_for AFTER-MARK
	[ "$(title)" = owned ] || fail "the control did not set the title"
	run -1 bash -c "tmux -L $SOCK capture-pane -p -t t | grep -F BEFORE-MARK"
	# Now tend, on the same pane.
	tmux -L "$SOCK" select-pane -t t -T calm
	# A mark of its own: AFTER-MARK is still on the pane from raw.sh,
	# and waiting for it raced a slow (sanitized) tend.
	tmux -L "$SOCK" send-keys -t t "bash show.sh" Enter
	wait_for SHOW-DONE
	local screen; screen=$(tmux -L "$SOCK" capture-pane -p -t t -S -200)
	[ "$(title)" = calm ] || fail "the title became '$(title)'"
	[[ $screen == *BEFORE-MARK* ]] || fail "the screen was cleared: $screen"
	[[ $screen == *'^[]2;owned^G^[[2J'* ]] || fail "not shown: $screen"
}
