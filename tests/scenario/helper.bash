# helper.bash - the scenario suites: a couple's journeys played step by
# step.  The conventions of tests/cli/helper.bash hold (each test in its own
# HOME, the clock in TEND_NOW); a scenario moves TEND_NOW with `at` and, after
# each step, checks that the views agree (views_agree) and that no view shows
# an answer not every partner has given yet (reveals_nothing).
load ../cli/helper.bash

# The CLI suites' setup is kept as cli_setup; a scenario sets its own zone.
eval "cli_$(declare -f setup)"
setup() {
	cli_setup
	export TZ=${SCENARIO_TZ:-Europe/Berlin} SCN_TMP=$BATS_TEST_TMPDIR
}

SCN=$BATS_TEST_DIRNAME/checks.sh
# shellcheck disable=SC2034 # the word in every answer (checks.sh says why)
MARK=tendscn
export TEND TEND_TOP

# at DATE-TIME: move the clock, in local time of $TZ (2027-03-28T20:00:00).
at() {
	export TEND_NOW=$1
}

# scn CHECK ARGS...: one check of checks.sh; its complaint fails the test.
scn() {
	local out

	out=$(bash "$SCN" "$@" 2>&1) || fail "$out"
}

# The checks, each described in checks.sh.
views_agree() { scn views_agree "$@"; }
reveals_nothing() { scn reveals_nothing "$@"; }
hint_once() { scn hint_once "$@"; }
ratings_hidden() { scn ratings_hidden "$@"; }
note_on_day() { scn note_on_day "$@"; }
notes_on_days() { scn notes_on_days "$@"; }
week_of() { bash "$SCN" week_of "$@"; }

# deck_lines TEXT RATING: one partner's answers to the weekly deck, a line
# each: "TEXT qN tendscn" for a text question, RATING for the scale.
deck_lines() { bash "$SCN" deck_lines "$@"; }

# deck_pair TEXT1 RATING1 TEXT2 RATING2: both partners' answers in turn
# order (question by question, Sam then Alex), as 'tend checkin' reads them.
deck_pair() { bash "$SCN" deck_pair "$@"; }


# answer_as NAME TEXT RATING [LOOKBACK...]: NAME answers the weekly deck
# alone from a pipe; the LOOKBACK lines (e.g. yes 4) come first, for the
# look-back at last week's experiment.
answer_as() {
	local who=$1 text=$2 rating=$3

	shift 3
	{
		[ $# -eq 0 ] || printf '%s\n' "$@"
		deck_lines "$text" "$rating"
	} | tend checkin --as "$who"
}

# answer_together TEXT1 RATING1 TEXT2 RATING2 [LOOKBACK...]: both answer.
answer_together() {
	local t1=$1 r1=$2 t2=$3 r2=$4

	shift 4
	{
		[ $# -eq 0 ] || printf '%s\n' "$@"
		deck_pair "$t1" "$r1" "$t2" "$r2"
	} | tend checkin
}
