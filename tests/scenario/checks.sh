#!/bin/bash
# checks.sh - the checks of the scenario suites, and the answers they type,
# as plain bash run in a process of its own: `checks.sh FUNCTION ARGS...`.
# Run inside a bats test, every shell command would pay for bats' traps; a
# year of weeks would not fit in the time the suite may take.  A failed check
# says why on stderr and exits 1; helper.bash turns that into a test failure.
# It needs TEND (the build under test), SCN_TMP (a folder of the test's own)
# and the environment of the test (HOME, TEND_NOW, TZ, ...).
set -u
set -f	# no file names here: "samsecre*" is a search, not a glob

tend() {
	"$TEND" "$@"
}

fail() {
	printf '%s\n' "$*" >&2
	return 1
}

# Every text answer given by deck_lines holds this word, so that one search
# finds them all and views_agree can compare search with show and notes.
MARK=tendscn

# week_of DAY: the ISO week of a day, as tend names it (2027-W12).
# In UTC, as midnight does not exist everywhere every day (Santiago,
# 2027-09-05).
week_of() {
	TZ=UTC date -d "$1" +%G-W%V
}

# day_number Y M D: days since 1970-01-01; day_name N: YYYY-MM-DD back;
# monday_of WEEK: the Monday that starts an ISO week (2027-W12: 2027-03-22).
# Each leaves its answer in REPLY: plain arithmetic (H. Hinnant's
# algorithms), no process per date.
# shellcheck disable=SC2017 # whole 400-year eras: the division truncates
day_number() {
	local y=$(($1 - (10#$2 <= 2))) m=$((10#$2)) d=$((10#$3)) yoe doy

	yoe=$((y % 400))
	doy=$(((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1))
	REPLY=$((y / 400 * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468))
}

# shellcheck disable=SC2017
day_name() {
	local z=$(($1 + 719468)) doe yoe doy mp y m d

	doe=$((z % 146097))
	yoe=$(((doe - doe / 1460 + doe / 36524 - doe / 146096) / 365))
	doy=$((doe - (365 * yoe + yoe / 4 - yoe / 100)))
	mp=$(((5 * doy + 2) / 153))
	d=$((doy - (153 * mp + 2) / 5 + 1))
	m=$((mp < 10 ? mp + 3 : mp - 9))
	y=$((z / 146097 * 400 + yoe + (m <= 2)))
	printf -v REPLY '%04d-%02d-%02d' "$y" "$m" "$d"
}

monday_of() {
	day_number "${1%-W*}" 1 4
	day_name $((REPLY - (REPLY + 3) % 7 + 7 * (10#${1#*-W} - 1)))
}

# deck_kinds: $SCN_TMP/deck.kinds, one line per question of the weekly deck,
# "id kind role", made once per test.
deck_kinds() {
	local f=$SCN_TMP/deck.kinds

	[ -s "$f" ] || tend questions --json | jq -r '.questions[] |
	    "\(.id) \(.kind) \(.role // "-")"' >"$f"
}

# deck_roles: CONN and APPR, the ids of the weekly questions with the roles
# connection and appreciation.
deck_roles() {
	local id kind role

	deck_kinds || return 1
	while read -r id kind role; do
		case $role in
		connection) CONN=$id ;;
		appreciation) APPR=$id ;;
		esac
	done <"$SCN_TMP/deck.kinds"
}

# answer_line TEXT RATING N KIND: one partner's answer to question N.
answer_line() {
	case $4 in
	text) printf '%s q%s %s\n' "$1" "$3" "$MARK" ;;
	scale) printf '%s\n' "$2" ;;
	yesno) echo yes ;;
	*) echo "answer_line: no answer for a '$4' question" >&2; return 1 ;;
	esac
}

# deck_lines TEXT RATING: one partner's answers to the weekly deck, a line
# each, as 'tend checkin --as NAME' reads them: "TEXT qN tendscn" for a text
# question, RATING for the connection scale.
deck_lines() {
	local n=0 id kind role

	deck_kinds || return 1
	while read -r id kind role; do
		n=$((n + 1))
		answer_line "$1" "$2" "$n" "$kind" || return 1
	done <"$SCN_TMP/deck.kinds"
}

# deck_pair TEXT1 RATING1 TEXT2 RATING2: both partners' answers in turn
# order (question by question, Sam then Alex), as 'tend checkin' reads them.
deck_pair() {
	local n=0 id kind role

	deck_kinds || return 1
	while read -r id kind role; do
		n=$((n + 1))
		answer_line "$1" "$2" "$n" "$kind" || return 1
		answer_line "$3" "$4" "$n" "$kind" || return 1
	done <"$SCN_TMP/deck.kinds"
}

# The views_agree checks, one jq program over every view's output.
# shellcheck disable=SC2016
AGREE_JQ='
def num: if . == null then null else tostring | tonumber end;
($quick == "1") as $quick
| $ARGS.positional as $weeks
| ($weeks | length) as $n
| [$showtxt | split("@@@@ ")[1:][] | split("\n")[1] // ""] as $showfirst
| $status[0] as $st | $stats[0] as $sx | $history[0] as $hi
| $notes[0] as $no | $search[0] as $se
| [$st.partners[].name] as $names
| ([$hi[] | select(.state == "done")] | length) as $done
| ($sttxt | split("\n")) as $stl
| ($hitxt | split("\n")) as $hil
| (
  (if $streak == "" then empty
   else ($streak | split(" ") | map(tonumber)) as [$s, $l]
   | (if [$sx.streak, $sx.longest_streak] != [$s, $l] then "stats --json: streak \($sx.streak), longest \($sx.longest_streak), not \($s) and \($l)" else empty end),
     (if $quick then empty
      else ([$stl[] | select(startswith("Streak:"))][0] // "") as $line
      | (if $s > 0 then $s else $l end) as $want
      | if ($line | test("(^|[^0-9])\($want)([^0-9]|$)")) and ($line | contains("none yet") | not) then empty
        else "status says \"\($line)\" for a streak of \($s), longest \($l)" end end) end),
  (if $oitem == "" then empty
   else ([$list[0][] | select(.item == $oitem)][0] | [.outcome, .felt]) as $got
   | if $got == ($outcome | fromjson) then empty else "experiment \($oitem) is logged \($got | tojson), not \($outcome)" end end),
  (if $item == "" or $experiment[0].item == $item then empty else "tend experiment shows \($experiment[0].item), not \($item) handed out at the last check-in" end),
  (if $sx.checkins != $done then "stats --json counts \($sx.checkins) check-ins done, history --json \($done)" else empty end),
  (if $quick or ($sxtxt | test("Check-ins: +\($sx.checkins) done")) then empty else "stats does not say \($sx.checkins) check-ins done" end),
  (if $sx.notes != ($no | length) then "stats --json counts \($sx.notes) notes, notes --json lists \($no | length)" else empty end),
  ($names[] as $p
   | ([$no[] | select(.from == $p)] | length) as $sent
   | ([$no[] | select(.to == $p)] | length) as $recv
   | ([$no[] | select(.week == $st.week and .from == $p)] | length) as $wsent
   | ([$no[] | select(.week == $st.week and .to == $p)] | length) as $wrecv
   | ($sx.partners[] | select(.name == $p) | .notes) as $sn
   | ($st.partners[] | select(.name == $p) | .notes) as $tn
   | (if $sn.sent != $sent or $sn.received != $recv then "stats --json: \($p) sent \($sn.sent) and received \($sn.received) notes; notes --json: \($sent) and \($recv)" else empty end),
     (if $tn.sent != $wsent or $tn.received != $wrecv then "status --json: \($p) sent \($tn.sent) and received \($tn.received) notes in \($st.week); notes --json: \($wsent) and \($wrecv)" else empty end)),
  (range(0; $n) as $i
   | $weeks[$i] as $w | $shows[$i] as $s | $showfirst[$i] as $stx
   | ($s.state // "due") as $S
   | ([$hi[] | select(.week == $w and .deck == "weekly")][0]) as $h
   | ($h.state // "due") as $H
   | [$hil[] | select(startswith($w + " "))] as $hl
   | (if $S != $H then "\($w): show --json says \($S), history --json says \($H)" else empty end),
     (if $st.week == $w and $st.checkin != $S then "\($w): show --json says \($S), status --json says \($st.checkin)" else empty end),
     (if ($quick | not) and $st.week == $w and ([$stl[] | select(test("^Check-in: +\($S)\\b"))] | length) != 1 then "\($w): status does not say \"Check-in: \($S)\"" else empty end),
     (if ($quick | not) and $s != null and ($stx | contains($w) and contains($S)) != true then "\($w): show\u0027s first line does not name \($w) and \($S)" else empty end),
     (if $quick then empty
      elif $S == "due" then (if $hl != [] then "\($w): history lists a week with no check-in: \($hl)" else empty end)
      elif ($hl | length) != 1 or ($hl[0] | contains($S) | not) then "\($w): history\u0027s line is \($hl), not \($S)"
      else empty end),
     ((if $s == null then {} else ([$s.questions[] | select(.id == $conn) | .answers[] | {(.partner): (.value | num)}] | add // {}) end) as $rs
      | (if $h == null then {} else ([$h.ratings[] | {(.partner): .rating}] | add // {}) end) as $rh
      | ($sx.weeks | index($w)) as $k
      | $names[] as $p
      | $rs[$p] as $a | $rh[$p] as $b
      | (if $a != $b then "\($w): \($p)\u0027s rating is \($a) in show --json, \($b) in history --json" else empty end),
        (if $k == null then empty else ($sx.partners[] | select(.name == $p) | .connection[$k]) as $c
         | if $c != $a then "\($w): \($p)\u0027s rating is \($a) in show --json, \($c) in stats --json" else empty end end),
        (if $quick or $hl == [] then empty
         elif $a != null and ($hl[0] | test("\\b\($p) \($a)\\b") | not) then "\($w): history\u0027s line \($hl[0]) lacks \($p) \($a)"
         elif $a == null and ($hl[0] | test("\\b\($p) [0-9]")) then "\($w): history\u0027s line \($hl[0]) shows a rating of \($p)"
         else empty end)),
     ([$s.questions[]? | select(.kind == "text") | .answers[] | select(.value != null and (.value | contains($mark))) | .partner] | sort) as $sa
   | ([$se[] | select(.kind == "answer" and .week == $w) | .from] | sort) as $ha
   | (if $sa != $ha then "\($w): show --json has answers of \($sa), search --json finds \($ha)" else empty end),
     [$s.questions[]? | select(.id == $appr) | .answers[] | select(.value != null) | .value] as $av
   | ([$no[] | select(.week == $w and (.text | contains($mark)) and (.text | IN($av[]) | not)) | .id] | sort) as $nw
   | ([$se[] | select(.kind == "note" and .week == $w) | .id] | sort) as $sw
   | (if $nw != $sw then "\($w): notes --json lists \($nw | length) notes (not from answers), search --json finds \($sw | length)" else empty end),
     ($av[] as $v
      | ([$no[] | select(.text == $v)] | length) as $c
      | if $c != 1 then "\($w): the appreciation \"\($v)\" is \($c) notes in notes --json, not 1" else empty end))
)'

# views_agree [--quick] [--as NAME] [--streak N LONGEST] [--experiment ITEM]
#     [--outcome ITEM OUTCOME] WEEK...: show, history, status, stats, search and notes, in text and
# --json, say the same about each WEEK: its state (due, in progress, done;
# status only for this week), each partner's connection rating (show,
# history, the stats chart), the answers search finds (those show shows)
# and the notes (stats' and status' counts, search's note hits (search
# leaves out the notes made from answers), one note for each appreciation
# answer shown).  --quick compares the --json forms only; --streak checks
# the streak and longest streak of stats and the one status shows (the
# longest when the streak is broken); --experiment the experiment tend
# shows now; --outcome ITEM '["tried",4]' what experiment list logs for the
# experiment ITEM (its newest choice).
views_agree() {
	local as=() d=$SCN_TMP/agree w rc quick=0 streak='' item='' since
	local oitem='' outcome=''

	while [ $# -gt 0 ]; do
		case $1 in
		--quick) quick=1; shift ;;
		--as) as=(--as "$2"); shift 2 ;;
		--streak) streak="$2 $3"; shift 3 ;;
		--experiment) item=$2; shift 2 ;;
		--outcome) oitem=$2; outcome=$3; shift 3 ;;
		*) break ;;
		esac
	done
	mkdir -p "$d"
	deck_roles || return
	# What search finds of the weeks, not of a whole year: from the day
	# before the first week (a day's bounds may be UTC or local).
	since=9999-W99
	for w; do
		[[ $w > $since ]] || since=$w
	done
	monday_of "$since"
	# shellcheck disable=SC2086 # the year, month and day as 3 words
	day_number ${REPLY//-/ }
	day_name $((REPLY - 1))
	since=$REPLY
	: >"$d/shows.json"
	: >"$d/shows.txt"
	for w; do
		rc=0
		tend show "$w" "${as[@]}" --json >>"$d/shows.json" \
		    2>"$d/show.err" || rc=$?
		case $rc in
		0) ;;
		66) echo null >>"$d/shows.json" ;;
		*) fail "tend show $w ${as[*]} --json: exit $rc: $(<"$d/show.err")" || return ;;
		esac
		echo "@@@@ $w" >>"$d/shows.txt"
		[ $quick = 1 ] || tend show "$w" "${as[@]}" >>"$d/shows.txt" 2>/dev/null
	done
	: >"$d/history.txt"
	: >"$d/status.txt"
	: >"$d/stats.txt"
	if [ $quick = 0 ]; then
		tend history "${as[@]}" >"$d/history.txt" &&
		    tend status "${as[@]}" >"$d/status.txt" &&
		    tend stats --weeks 60 "${as[@]}" >"$d/stats.txt" ||
		    fail "views_agree ${as[*]} $*: a view failed (exit $?)" ||
		    return
	fi
	echo null >"$d/experiment.json"
	echo null >"$d/list.json"
	if [ -n "$oitem" ]; then
		tend experiment list --json >"$d/list.json" ||
		    fail "tend experiment list --json failed (exit $?)" || return
	fi
	if [ -n "$item" ]; then
		tend experiment --json >"$d/experiment.json" ||
		    fail "tend experiment --json failed (exit $?)" || return
	fi
	tend history "${as[@]}" --json >"$d/history.json" &&
	    tend status "${as[@]}" --json >"$d/status.json" &&
	    tend stats --weeks 60 "${as[@]}" --json >"$d/stats.json" &&
	    tend notes "${as[@]}" --json >"$d/notes.json" &&
	    tend search --limit 5000 --since "$since" "${as[@]}" --json "$MARK" \
	    >"$d/search.json" 2>"$d/search.err" ||
	    fail "views_agree ${as[*]} $*: a view failed (exit $?)" || return
	# No hit at all is a message on stderr and no JSON.
	[ -s "$d/search.json" ] || echo '[]' >"$d/search.json"
	jq -nr --slurpfile shows "$d/shows.json" \
	    --slurpfile history "$d/history.json" \
	    --slurpfile status "$d/status.json" \
	    --slurpfile stats "$d/stats.json" \
	    --slurpfile notes "$d/notes.json" \
	    --slurpfile search "$d/search.json" \
	    --slurpfile experiment "$d/experiment.json" \
	    --slurpfile list "$d/list.json" \
	    --arg oitem "$oitem" --arg outcome "$outcome" \
	    --rawfile hitxt "$d/history.txt" --rawfile sttxt "$d/status.txt" \
	    --rawfile sxtxt "$d/stats.txt" --rawfile showtxt "$d/shows.txt" \
	    --arg conn "$CONN" --arg appr "$APPR" --arg mark "$MARK" \
	    --arg quick $quick --arg streak "$streak" --arg item "$item" \
	    "$AGREE_JQ" --args "$@" >"$d/disagree" ||
	    fail "views_agree: jq failed on the views in $d" || return
	if [ -s "$d/disagree" ]; then
		fail "$(printf 'views disagree (%s %s, TEND_NOW=%s):\n' \
		    "${as[*]}" "$*" "$TEND_NOW"; cat "$d/disagree")" || return
	fi
}

# reveals_nothing [--as NAME] SENTINEL...: no view run without --as (or
# with --as NAME) shows any SENTINEL: bare tend, status, show, history,
# stats, notes and search, each in text and --json, stdout and stderr.
reveals_nothing() {
	local out=$SCN_TMP/reveal v s as=() bad=''
	local views=(status 'status --json' show 'show --json' history
	    'history --json' 'stats --weeks 60' 'stats --weeks 60 --json'
	    notes 'notes --json')

	if [ "${1-}" = --as ]; then
		as=(--as "$2")
		shift 2
	else
		views+=('')
	fi
	: >"$out"
	# Searched for as a prefix (samsecre*), so that the query said back
	# ("Nothing found for ...") is not taken for a hit.
	for s; do
		views+=("search ${s%?}*" "search --json ${s%?}*"
		    "search --kind note ${s%?}*")
	done
	for v in "${views[@]}"; do
		echo "== tend $v ${as[*]}" >>"$out"
		# A view that fails shows nothing, and proves nothing.
		# shellcheck disable=SC2086 # $v is the words of one view
		tend $v "${as[@]}" >>"$out" 2>&1 || bad+="'tend $v ${as[*]}' exit $?; "
	done
	[ -z "$bad" ] || fail "views failed: $bad" || return
	for s; do
		if grep -qF -- "$s" "$out"; then
			fail "$(printf 'a view %s shows "%s":\n' \
			    "${as[*]:-without --as}" "$s"
			    grep -F -- "$s" "$out" | head -5 | cut -c1-160)" ||
			    return
		fi
	done
}

# hint_once VIEW...: the view, run without --as, says on stderr in one line
# that a partner has not answered yet, and prints no placeholder per answer.
hint_once() {
	local err=$SCN_TMP/hint.err n

	"$TEND" "$@" >"$SCN_TMP/hint.out" 2>"$err" ||
	    fail "tend $*: exit $?: $(cat "$err")" || return
	n=$(grep -c 'has not yet' "$err" || true)
	[ "$n" = 1 ] ||
	    fail "tend $* says 'has not yet' on $n lines of stderr: $(cat "$err")" || return
	n=$(cat "$SCN_TMP/hint.out" "$err" | grep -ci hidden || true)
	[ "$n" -le 1 ] ||
	    fail "tend $* prints $n lines about hidden answers" || return
}

# ratings_hidden WEEK: no view without --as shows a connection rating for
# WEEK: null in history --json and the stats chart, none in history's line.
ratings_hidden() {
	local w=$1 h s line

	h=$(tend history --json | jq -c --arg w "$w" \
	    '[.[] | select(.week == $w) | .ratings[].rating]')
	s=$(tend stats --weeks 60 --json | jq -c --arg w "$w" \
	    '(.weeks | index($w)) as $k | [.partners[].connection[$k]]')
	line=$(tend history | grep "^$w " || true)
	[ "$h" = '[null,null]' ] ||
	    fail "history --json shows ratings $h for $w" || return
	[ "$s" = '[null,null]' ] ||
	    fail "stats --json charts ratings $s for $w" || return
	if [[ $line =~ (Sam|Alex)\ [0-9] ]]; then
		fail "history shows a rating for $w: $line" || return
	fi
}

# note_on_day TEXT DAY: the note TEXT is shown on DAY (local time) and is
# found in DAY's ISO week, in --since DAY --until DAY, and nowhere else.
note_on_day() {
	local text=$1 day=$2 w j shown

	w=$(week_of "$day")
	j=$(tend notes --json | jq -c --arg t "$text" \
	    '[.[] | select(.text == $t) | .week]')
	[ "$j" = "[\"$w\"]" ] ||
	    fail "note '$text' of $day: weeks $j in notes --json, not $w" || return
	shown=$(tend notes | grep -B1 -xF -- "$text" | head -1 | cut -c1-10)
	[ "$shown" = "$day" ] ||
	    fail "note '$text' of $day is shown on '$shown'" || return
	tend notes --week "$w" | grep -qxF -- "$text" ||
	    fail "note '$text' of $day is not in notes --week $w" || return
	tend notes --since "$day" --until "$day" | grep -qxF -- "$text" ||
	    fail "note '$text' is not in notes --since $day --until $day" || return
	# shellcheck disable=SC2086 # the year, month and day as 3 words
	day_number ${day//-/ }
	local n=$REPLY
	day_name $((n - 7))
	local before=$REPLY
	day_name $((n + 7))
	for w in "$(week_of "$before")" "$(week_of "$REPLY")"; do
		if tend notes --week "$w" | grep -qxF -- "$text"; then
			fail "note '$text' of $day is in notes --week $w" || return
		fi
	done
}

# notes_on_days DAY...: the notes "dst DAY 0010" and "dst DAY 2350" (written
# with --date DAY at those times of day) are shown on DAY, are in DAY's ISO
# week in notes --json, and are exactly what --since DAY --until DAY and
# --week of DAY's week list.
notes_on_days() {
	local d=$SCN_TMP/days day w got want

	mkdir -p "$d"
	tend notes >"$d/notes.txt" && tend notes --json >"$d/notes.json" ||
	    fail "tend notes failed" || return
	# "text<TAB>shown day" for every note.
	awk '/^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] / {
	    d = substr($0, 1, 10); next } d != "" { print $0 "\t" d; d = "" }' \
	    "$d/notes.txt" >"$d/shown"
	jq -r '.[] | "\(.text)\t\(.week)"' "$d/notes.json" >"$d/weeks"
	: >"$d/want-weeks"
	for day; do
		w=$(week_of "$day")
		printf 'dst %s %s\t%s\n' "$day" 0010 "$w" "$day" 2350 "$w" \
		    >>"$d/want-weeks"
		want=$(printf 'dst %s 0010\tDAY\ndst %s 2350\tDAY' "$day" "$day")
		got=$(grep "^dst $day " "$d/shown" | sort)
		[ "$got" = "${want//DAY/$day}" ] ||
		    fail "the notes of $day are shown as: $got" || return
		got=$(tend notes --since "$day" --until "$day" | grep '^dst ' | sort)
		[ "$got" = "$(cut -f1 <<<"$want")" ] ||
		    fail "notes --since $day --until $day lists: $got" || return
	done
	got=$(grep '^dst ' "$d/weeks" | sort)
	want=$(sort "$d/want-weeks")
	[ "$got" = "$want" ] ||
	    fail "$(printf 'notes --json weeks:\n%s\nnot:\n%s' "$got" "$want")" ||
	    return
	while read -r w; do
		got=$(tend notes --week "$w" | grep '^dst ' | sort)
		want=$(grep -P "\t$w\$" "$d/want-weeks" | cut -f1 | sort)
		[ "$got" = "$want" ] ||
		    fail "$(printf 'notes --week %s lists:\n%s\nnot:\n%s' "$w" \
		    "$got" "$want")" || return
	done < <(cut -f2 "$d/want-weeks" | sort -u)
}

# own_visible NAME WEEK RATING: with --as NAME, NAME's answers and rating.
own_visible() {
	local got

	got=$(tend show "$2" --as "$1" --json | jq -c --arg p "$1" \
	    '[.questions[].answers[] | select(.partner == $p) | .value] |
	    [(map(select(. != null)) | length), .[-1]]')
	[ "$got" = "[8,\"$3\"]" ] ||
	    fail "show --as $1: $got, not all 8 answers and rating $3" || return
}

"$@"
