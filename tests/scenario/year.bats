#!/usr/bin/env bats
# year.bats - Sam and Alex's 2027 in Europe/Berlin, the clock moved day by
# day from Monday 2027-01-04 to Sunday 2028-01-02, across both transitions
# (2027-03-28 and 2027-10-31); in make check-all also in America/Santiago,
# whose clocks change at midnight (2027-04-04 and 2027-09-05).  Most weeks they check in together on Sunday
# evening; some weeks Sam answers alone on Wednesday and Alex on Sunday; some
# weeks they pause on Saturday and go on on Sunday; one week they skip.  Sam
# thanks Alex every Monday just after midnight, Alex thanks Sam on some
# Fridays, and twice a note is back-dated across a transition.  The
# experiment handed out at each check-in is the one shown on Monday and the
# one the next check-in looks back at.
#
# tend runs only on the days something happens; after every step and on
# every Sunday and Monday the views must agree (views_agree) and no view may
# show what not every partner has answered (reveals_nothing).  A failed
# check is written down with its day and the year goes on, so that one run
# lists every step that fails; the test fails at the end if any did.

load helper

ALONE=' 5 12 30 43 '	# Sam answers on Wednesday, Alex on Sunday
PAUSED=' 8 26 '		# paused on Saturday, finished on Sunday
SKIPPED=20		# no check-in at all

# days START COUNT: "YYYY-MM-DD weekday(1-7) ISO-week", one line a day.
days() {
	seq 0 $(($2 - 1)) | sed "s/.*/$1 + & days/" | date -f - '+%F %u %G-W%V'
}

# check CHECK...: one check of checks.sh; a failure is written down with
# the step and the year goes on.
check() {
	local out

	out=$(bash "$SCN" "$@" 2>&1) || failed "$*" "$out"
}

# failed WHAT WHY: write a failed check down, WHY indented.
failed() {
	{
		printf '%s (TEND_NOW=%s): %s\n' "$week $day" "$TEND_NOW" "$1"
		printf '%s\n' "$2" | head -10 | cut -c1-160 | sed 's/^/    /'
	} >>"$FAILS"
}

# summary: how many steps failed each kind of check, and the first failure
# of each kind in full.
summary() {
	awk '/^[0-9]/ { split($0, a, "): "); split(a[2], w, " "); k = w[1]
	    if (!(k in n)) { order[++m] = k; first[k] = $0; show = 1 }
	    else show = 0
	    n[k]++; next }
	    show { first[k] = first[k] "\n" $0 }
	    END { for (i = 1; i <= m; i++)
	        printf "%d steps failed %s; the first:\n%s\n", n[order[i]],
	        order[i], first[order[i]] }' "$FAILS"
}

# shown_experiment: the item of the experiment tend shows now, in ITEM.
shown_experiment() {
	run -0 tend experiment --json
	[[ $output =~ \"item\":\"([^\"]+)\" ]]
	ITEM=${BASH_REMATCH[1]}
}

# The look-back lines for the experiment handed out last, and what they log.
lookback() {
	lb=()
	expect=
	[ -n "$handed" ] || return 0
	if [ $((n % 3)) -eq 0 ]; then
		lb=(no)
		expect='["skipped",null]'
	else
		lb=(yes 4)
		expect='["tried",4]'
	fi
}

# The look-back just answered: OUTCOME, the views_agree options that check
# it is logged for the experiment handed out.
looked_back() {
	OUTCOME=()
	[ -n "$expect" ] || return 0
	OUTCOME=(--outcome "$handed" "$expect")
	handed=''
	expect=''
}

monday() {
	echo "$week $day: Monday"
	if [ "$n" -eq 1 ]; then
		at "${day}T09:00:00"
		tend init --partner Sam --partner Alex >/dev/null
	else
		at "${day}T00:10:00"
	fi
	run -0 tend thanks Alex "monday w$nn $MARK"
	if [ "$day" = 2027-03-29 ]; then
		run -0 tend thanks --from Alex --date 2027-03-22 Sam \
		    "back-filled w12 $MARK"
		check note_on_day "back-filled w12 $MARK" 2027-03-22
	fi
	if [ -n "$handed" ]; then
		# Over breakfast, they look at this week's experiment.
		shown_experiment
		[ "$ITEM" = "$handed" ] || failed "experiment on Monday" \
		    "tend experiment shows $ITEM, not $handed, handed out on Sunday"
	fi
	if [ "$n" -eq $((SKIPPED + 1)) ]; then
		# The streak is broken: status shows the longest one.
		check views_agree --streak 0 $((SKIPPED - 1)) "$prev" "$week"
	else
		check views_agree --quick "$week"
	fi
}

tuesday() {
	if [ "$n" -eq "$SKIPPED" ]; then
		echo "$week $day: the experiment skipped"
		at "${day}T12:00:00"
		run -0 tend experiment skip
		check views_agree --outcome "$handed" '["skipped",null]' "$week"
		handed=''
	elif [ "$day" = 2027-11-02 ]; then
		echo "$week $day: a note back-dated"
		at "${day}T23:50:00"
		run -0 tend thanks --from Alex --date 2027-10-24 Sam \
		    "back-filled w42 $MARK"
		check note_on_day "back-filled w42 $MARK" 2027-10-24
		check views_agree "$week"
	fi
}

wednesday() {
	[[ $ALONE == *" $n "* ]] || return 0
	echo "$week $day: Sam answers alone"
	at "${day}T21:00:00"
	lookback
	run -0 answer_as Sam "samsecret$nn" 9 "${lb[@]}"
	assert_output "Your part of $week is saved; the check-in is done once everyone has answered."
	looked_back
	hidden=("samsecret$nn")
	check reveals_nothing "${hidden[@]}"
	check reveals_nothing --as Alex "${hidden[@]}"
	check ratings_hidden "$week"
	check hint_once show
	check own_visible Sam "$week" 9
	check views_agree "${OUTCOME[@]}" "$week"
	check views_agree --as Sam "$week"
}

friday() {
	[ $((n % 4)) -eq 2 ] || return 0
	echo "$week $day: a note on Friday"
	at "${day}T18:00:00"
	run -0 tend thanks --from Alex Sam "friday w$nn $MARK"
	check views_agree --quick "$week"
	[ ${#hidden[@]} -eq 0 ] || check reveals_nothing "${hidden[@]}"
}

saturday() {
	[[ $PAUSED == *" $n "* ]] || return 0
	echo "$week $day: a check-in paused"
	at "${day}T22:00:00"
	lookback
	run -0 --separate-stderr tend checkin < <(
	    [ ${#lb[@]} -eq 0 ] || printf '%s\n' "${lb[@]}"
	    deck_pair "sam$nn" 7 "alex$nn" 8 | head -6)
	assert_regex "$stderr" '^Paused\.'
	looked_back
	hidden=("sam$nn" "alex$nn")
	check reveals_nothing "${hidden[@]}"
	check views_agree "${OUTCOME[@]}" "$week"
}

sunday() {
	echo "$week $day: Sunday"
	if [ "$n" -eq "$SKIPPED" ]; then
		check views_agree "$week"
		streak=0
		prev=$week
		return
	fi
	at "${day}T20:00:00"
	if [[ $ALONE == *" $n "* ]]; then
		run -0 answer_as Alex "alex$nn" 6
	elif [[ $PAUSED == *" $n "* ]]; then
		run -0 tend checkin < <(deck_pair "sam$nn" 7 "alex$nn" 8 |
		    tail -n +7)
	else
		lookback
		run -0 answer_together "sam$nn" $((5 + n % 5)) \
		    "alex$nn" $((3 + n % 7)) "${lb[@]}"
	fi
	assert_line -n 0 "Check-in $week done."
	looked_back
	hidden=()
	streak=$((streak + 1))
	longest=$((streak > longest ? streak : longest))
	done=$((done + 1))
	shown_experiment
	handed=$ITEM
	# The text forms every fourth week (and after every step with hidden
	# answers): the run stays short.
	if [ $((n % 4)) -eq 1 ]; then
		check views_agree --streak $streak $longest "${OUTCOME[@]}" "$week"
	else
		check views_agree --quick --streak $streak $longest \
		    "${OUTCOME[@]}" "$week"
	fi
	prev=$week
}

# play_year: the year in $TZ, checked step by step.
play_year() {
	local day dow week n nn prev=2026-W53 handed='' expect='' lb=() hidden=()
	local OUTCOME=()
	local streak=0 longest=0 done=0

	# The steps are not traced command by command (bats' trap would take
	# most of the run time); a failed step is named by the line calling it
	# and the day it prints.
	set +T
	FAILS=$BATS_TEST_TMPDIR/fails
	: >"$FAILS"
	while read -r day dow week; do
		n=$((10#${week#*-W}))
		nn=${week#*-W}
		case $dow in
		1) monday ;;
		2) tuesday ;;
		3) wednesday ;;
		5) friday ;;
		6) saturday ;;
		7) sunday ;;
		esac
	done < <(days 2027-01-04 364)
	assert_equal "$prev $done $longest" '2027-W52 51 32'
	run -0 tend stats --json
	assert_equal "$(jq -c '[.checkins, .streak, .longest_streak]' <<<"$output")" '[51,32,32]'
	[ ! -s "$FAILS" ] || fail "$(summary)"
}

@test "a couple's 2027 in Berlin: every view agrees after every step" {
	play_year
}

# The clocks of Santiago change at midnight (a Saturday night that skips
# its last hour, another that repeats it), in April and September.
@test "a couple's 2027 in Santiago, clocks changing at midnight (check-all)" {
	[ -n "${TEND_TEST_FULL:-}" ] ||
	    skip "the second zone's year runs in make check-all"
	export TZ=America/Santiago
	play_year
}
