#!/usr/bin/env bats
# import.bats - tend import: round trips through jsonl and json, merging
# two journals both ways, idempotence, --dry-run, standard input, and a
# corpus of malformed files each refused with one line naming the line,
# the journal untouched.

load helper

CORPUS=$TEND_TOP/tests/data/import

# The notes of the journal at $1: "from>to: text", sorted.
notes_of() {
	sql "$1" "SELECT f.name || '>' || t.name || ': ' || n.body FROM note n
	    JOIN partner f ON f.id = n.from_id JOIN partner t ON t.id = n.to_id
	    ORDER BY 1"
}

@test "round trip through jsonl: a new journal exports the same records" {
	full_journal
	cd "$BATS_TEST_TMPDIR"
	tend export >a.jsonl
	TEND_NOW=2027-01-05T08:00:00Z run -0 --separate-stderr \
	    tend --db new/journal.db import a.jsonl
	assert_equal "$output" "imported 2 partners, 1 check-in, 16 answers, 3 notes, 1 experiment, 2 assessments, 1 setting"
	[ "$(stat -c %a new/journal.db)" = 600 ]
	TEND_NOW=2027-01-05T08:00:00Z tend --db new/journal.db export >b.jsonl
	diff <(tail -n +2 a.jsonl) <(tail -n +2 b.jsonl)
	[ "$(head -1 b.jsonl | jq -r .exported)" = 2027-01-05T08:00:00Z ]
}

@test "round trip through json: the same, as one document" {
	full_journal
	cd "$BATS_TEST_TMPDIR"
	tend export --format json >a.json
	run -0 tend --db new.db import a.json
	tend --db new.db export --format json >b.json
	diff <(tail -n +2 a.json) <(tail -n +2 b.json)
	diff <(jq -S .records a.json) <(jq -S .records b.json)
}

@test "two journals merge both ways; a second import changes nothing" {
	cd "$BATS_TEST_TMPDIR"
	tend --db a.db init --partner Sam --partner Alex >/dev/null
	tend --db b.db init --partner alex --partner sam >/dev/null
	tend --db a.db thanks Alex 'written in a' >/dev/null
	TEND_NOW=2026-11-22T09:00:00Z tend --db b.db thanks --from alex sam \
	    'written in b' >/dev/null
	tend --db a.db export >a.jsonl
	tend --db b.db export >b.jsonl
	# b's note is of a later time than a's clock: a imports it later.
	export TEND_NOW=2026-11-22T10:00:00Z
	run -0 tend --db a.db import b.jsonl
	assert_output "imported 1 note; skipped 2 already present; 1 setting kept as this journal has it"
	run -0 tend --db b.db import a.jsonl
	assert_output "imported 1 note; skipped 2 already present; 1 setting kept as this journal has it"
	assert_equal "$(notes_of a.db)" "$(printf '%s\n' \
	    'Alex>Sam: written in b' 'Sam>Alex: written in a')"
	assert_equal "$(notes_of b.db)" "$(printf '%s\n' \
	    'alex>sam: written in b' 'sam>alex: written in a')"
	# Again, and with the merged exports: nothing changes.
	local sa sb; sa=$(sum a.db) sb=$(sum b.db)
	tend --db a.db export >a2.jsonl
	run -0 tend --db b.db import a2.jsonl
	assert_output "imported nothing new; skipped 4 already present; 1 setting kept as this journal has it"
	run -0 tend --db a.db import b.jsonl
	assert_output --partial "imported nothing new"
	assert_equal "$(sum a.db)" "$sa"
	assert_equal "$(sum b.db)" "$sb"
}

@test "tend import - reads standard input" {
	full_journal
	cd "$BATS_TEST_TMPDIR"
	run -0 sh -c '"$TEND" export | "$TEND" --db copy.db import -'
	assert_output --partial "imported 2 partners"
	[ "$(notes_of copy.db)" = "$(notes_of "$J")" ]
}

@test "--dry-run says what would change and changes nothing" {
	full_journal
	cd "$BATS_TEST_TMPDIR"
	tend export >a.jsonl
	tend --db b.db init --partner Sam --partner Alex >/dev/null
	local before; before=$(sum b.db)
	run -0 tend --db b.db import --dry-run a.jsonl
	assert_output "would import 1 check-in, 16 answers, 3 notes, 1 experiment, 2 assessments; skipped 2 already present; 1 setting kept as this journal has it (dry run: nothing changed)"
	assert_equal "$(sum b.db)" "$before"
	run -0 tend --db none.db import -n a.jsonl
	[ ! -e none.db ]
}

@test "every malformed file of the corpus: one line naming the line, journal unchanged" {
	couple
	tend thanks Alex 'already here' >/dev/null
	local before n=0 file re
	before=$(sum "$J")
	while IFS=$'\t' read -r file re; do
		[[ $file == \#* ]] && continue
		run --separate-stderr tend import "$CORPUS/$file"
		[ "$status" -eq 65 ] || fail "$file: exit $status"
		[ "${#stderr_lines[@]}" -eq 1 ] ||
		    fail "$file: ${#stderr_lines[@]} lines: $stderr"
		[[ $stderr =~ $re ]] || fail "$file: '$stderr' !~ $re"
		[ -z "$output" ] || fail "$file: said '$output'"
		[ "$(sum "$J")" = "$before" ] || fail "$file changed the journal"
		n=$((n + 1))
	done <"$CORPUS/EXPECT"
	[ "$n" -ge 45 ]
	[ "$(ls "$CORPUS" | wc -l)" -eq $((n + 1)) ] ||
	    fail "a corpus file is not in EXPECT"
}

@test "records tend would refuse are refused: intimacy=banana never reaches tip" {
	couple
	local before; before=$(sum "$J")
	cd "$BATS_TEST_TMPDIR"
	tend export >good.jsonl
	# A valid export with one setting changed by hand.
	sed 's/"key":"journal-id","value":"[^"]*"/"key":"intimacy","value":"banana"/' \
	    good.jsonl >bad.jsonl
	run -65 --separate-stderr tend import bad.jsonl
	assert_equal "$stderr" "tend: line 4: setting: 'value': intimacy must be none, affection or sexual"
	[ "$(sum "$J")" = "$before" ]
	run -0 tend tip
	run -0 tend doctor
}

@test "strings planted by hand, which import refuses, print escaped" {
	full_journal
	tend experiment >/dev/null
	sql "$J" "UPDATE checkin SET deck = 'week' || char(0x202e) || 'ly';
	    UPDATE experiment SET week = '2026-W4' || char(0x202e) || '7';
	    UPDATE assessment SET taken = '2026' || char(0x1b) || '[31m-11-21'"
	run -0 tend --no-pager history
	assert_output --partial '2026-W47  week\u202ely '
	[[ $output != *$'\u202e'* ]]
	run -0 tend experiment list
	assert_output --partial '2026-W4\u202e7'
	[[ $output != *$'\u202e'* ]]
	run -0 tend assess --show
	assert_line -n 0 "Your assessments: Sam's of 2026^[[31m-, Alex's of 2026^[[31m-"
	[[ $output != *$'\e'* ]]
	sql "$J" "UPDATE note SET week = '2026-W4' || char(0x202e) || '7'"
	run -0 tend search --kind note dishes
	assert_output --partial '2026-W4\u202e7'
	[[ $output != *$'\u202e'* ]]
}

@test "100,000-deep nesting and a 50 MB string are refused at once" {
	couple
	local before; before=$(sum "$J")
	cd "$BATS_TEST_TMPDIR"
	{ head -1 "$CORPUS/wrong-type.jsonl"
	  head -c 100000 /dev/zero | tr '\0' '['; echo; } >deep.jsonl
	run -65 --separate-stderr timeout 10 "$TEND" import deep.jsonl
	assert_equal "$stderr" "tend: line 2: nested more than 8 levels deep"
	{ head -1 "$CORPUS/wrong-type.jsonl"
	  printf '{"type":"note","text":"'
	  head -c 50000000 /dev/zero | tr '\0' a; printf '"}\n'; } >big.jsonl
	run -65 --separate-stderr timeout 10 "$TEND" import big.jsonl
	assert_equal "$stderr" "tend: line 2: longer than 1048576 bytes; not a tend export"
	assert_equal "$(sum "$J")" "$before"
}

@test "a failed import into no journal leaves no journal" {
	cd "$BATS_TEST_TMPDIR"
	run -65 tend --db j.db import "$CORPUS/unknown-partner.jsonl"
	[ ! -e j.db ] && [ ! -e j.db-wal ]
	run -65 tend --db j.db import "$CORPUS/empty.jsonl"
	[ ! -e j.db ]
}

@test "a file of one partner cannot make a journal" {
	cd "$BATS_TEST_TMPDIR"
	head -2 "$CORPUS/wrong-type.jsonl" >one.jsonl
	run -65 --separate-stderr tend --db j.db import one.jsonl
	assert_regex "$stderr" "fewer than two partners"
	[ ! -e j.db ]
}

@test "a missing file is exit 66, no file is a usage error" {
	couple
	run -66 --separate-stderr tend import nothing.jsonl
	assert_equal "$stderr" "tend: cannot open nothing.jsonl: No such file or directory"
	run -64 tend import
	run -64 tend import a b
}

@test "no progress line when standard error is not a terminal" {
	full_journal
	cd "$BATS_TEST_TMPDIR"
	tend export >a.jsonl
	run -0 --separate-stderr tend --db b.db import a.jsonl
	[ -z "$stderr" ]
	[[ $output != *$'\r'* ]]
}
