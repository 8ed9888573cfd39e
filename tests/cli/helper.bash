# helper.bash - every CLI test runs in its own empty home with the clock,
# time zone and locale fixed, against $TEND (the build under test).
bats_require_minimum_version 1.5.0
load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

: "${TEND:=$BATS_TEST_DIRNAME/../../tend}"
: "${TEND_TOP:=$BATS_TEST_DIRNAME/../..}"
# Exported: some tests run tend through sh -c.
export TEND TEND_TOP

setup() {
	export HOME=$BATS_TEST_TMPDIR/home
	export XDG_DATA_HOME=$HOME/.local/share
	export XDG_CONFIG_HOME=$HOME/.config
	export XDG_STATE_HOME=$HOME/.local/state
	export XDG_RUNTIME_DIR=$BATS_TEST_TMPDIR/run
	mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
	chmod 700 "$XDG_RUNTIME_DIR"
	export TEND_NOW=2026-11-21T10:00:00Z TZ=UTC LC_ALL=C.UTF-8 TERM=dumb
	unset TEND_DB NO_COLOR COLUMNS VISUAL EDITOR PAGER TEND_EDITOR \
	    TEND_PAGER LESS
	J=$XDG_DATA_HOME/tend/journal.db
}

tend() {
	"$TEND" "$@"
}

# sanitized: $TEND is the AddressSanitizer build, ten times slower to
# start.  Debian's gcc links libasan dynamically, so the binary names
# __asan_init, not "AddressSanitizer".
sanitized() {
	grep -q __asan_init "$TEND"
}

# A journal for Sam and Alex at the default path.
couple() {
	tend init --partner Sam --partner Alex >/dev/null
}

sum() {
	sha256sum "$1" | cut -d' ' -f1
}

# sql FILE STATEMENT: run SQL on a journal the way a test sets one up.
sql() {
	sqlite3 -batch "$1" "$2"
}

# Answers for the weekly deck: both partners, question by question.
both() {
	printf '%s\n' \
	    'the coffee in bed' 'the note in my bag' \
	    'finishing the tiling' 'calling my sister' \
	    'sunday walk' 'we laughed a lot' \
	    yes mostly \
	    'work deadlines' 'sleep' \
	    'phones at dinner' 'plan a date' \
	    'ask me about my day' 'a long hug' \
	    7 4
}

# A couple's journal with something of every kind: a check-in (with its
# appreciation notes), a note, an experiment logged, an assessment each
# (the statements asked at the default intimacy, affection).
full_journal() {
	local p
	couple
	both | tend checkin >/dev/null
	tend thanks Alex 'for the dishes' >/dev/null
	tend experiment >/dev/null
	tend experiment done --felt 4 we laughed a lot >/dev/null
	for p in Sam Alex; do
		jq -r '.statements[] | select(.intimacy != "sexual")
		    | if .reverse then "5" else "1" end' \
		    "$TEND_TOP/data/assessment.json" |
		    tend assess --as "$p" >/dev/null 2>&1
	done
}

# fill: every check-in marked finished gets a skipped answer (NULL) from
# every partner to every question of its deck it has no answer to, so that
# it is complete as tend counts it (from the answers, not the mark).
fill() {
	local deck ids
	for deck in $(sql "$J" "SELECT DISTINCT deck FROM checkin WHERE finished IS NOT NULL"); do
		ids=$("$TEND" questions --deck "$deck" --json | jq -c '[.questions[].id]')
		sql "$J" "INSERT OR IGNORE INTO answer (uuid, checkin_id,
		    partner_id, question, prompt, kind, value, created, updated)
		    SELECT 'fill-' || c.id || '-' || p.id || '-' || q.value, c.id,
		    p.id, q.value, 'Q', 'text', NULL, c.started, c.started
		    FROM checkin c, partner p, json_each('$ids') q
		    WHERE c.finished IS NOT NULL AND c.deck = '$deck'"
	done
}
