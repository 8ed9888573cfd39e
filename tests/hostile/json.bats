#!/usr/bin/env bats
# json.bats - hostile JSON through tend import: a JSONTestSuite-like corpus
# of must-reject documents (tests/data/json/n_*, one or more per category of
# test_parsing), tend-specific cases (t_*), each wrapped as a record of an
# export, and the same templates with benign values (y_*) that must import.
# Each rejection: exit 65, one stderr line naming the line (and the field
# where there is one), nothing on stdout, the journal byte for byte as it
# was, no crash.

load ../cli/helper

CORPUS=$TEND_TOP/tests/data/json

@test "every must-reject file is refused with one line naming line and field" {
	couple
	tend thanks Alex 'already here' >/dev/null
	local before n=0 file re
	before=$(sum "$J")
	while IFS=$'\t' read -r file re; do
		[[ $file == \#* || $re == OK ]] && continue
		run --separate-stderr timeout 20 "$TEND" import "$CORPUS/$file"
		[ "$status" -eq 65 ] || fail "$file: exit $status: $stderr"
		[ "${#stderr_lines[@]}" -eq 1 ] ||
		    fail "$file: ${#stderr_lines[@]} lines: $stderr"
		[[ $stderr =~ $re ]] || fail "$file: '$stderr' !~ $re"
		[ -z "$output" ] || fail "$file: said '$output'"
		[ "$(sum "$J")" = "$before" ] || fail "$file changed the journal"
		n=$((n + 1))
	done <"$CORPUS/EXPECT"
	[ "$n" -ge 70 ]
	# The journal still reads, with only the note it had.
	run -0 tend notes
	assert_output --partial 'already here'
}

@test "the same record templates with benign values import" {
	local file re n=0
	cd "$BATS_TEST_TMPDIR"
	while IFS=$'\t' read -r file re; do
		[ "$re" = OK ] || continue
		run -0 --separate-stderr tend --db "y$n.db" import "$CORPUS/$file"
		[ -z "$stderr" ] || fail "$file: $stderr"
		n=$((n + 1))
	done <"$CORPUS/EXPECT"
	[ "$n" -ge 3 ]
	# The C1 control arrives as text and is shown escaped, never raw.
	run -0 tend --db y3.db --no-pager notes
	assert_output --partial 'a\u009bb'
}

@test "the corpus covers every must-reject category and all is in EXPECT" {
	local cat
	for cat in array object string number structure; do
		ls "$CORPUS"/n_"$cat"_*.jsonl >/dev/null ||
		    fail "no n_$cat file"
	done
	for cat in duplicate_key escaped_nul invalid_unicode_escape \
	    unescaped_ctrl felt_1e400 past_2_53 deep_nesting huge_string bom; do
		ls "$CORPUS"/*"$cat"* >/dev/null || fail "no $cat file"
	done
	local listed
	listed=$(grep -v '^#' "$CORPUS/EXPECT" | cut -f1 | sort)
	assert_equal "$listed" "$(cd "$CORPUS" && ls | grep -vx EXPECT | sort)"
}

@test "a 2 MB line, the corpus on standard input and as one .json file" {
	couple
	local before; before=$(sum "$J")
	cd "$BATS_TEST_TMPDIR"
	{ head -3 "$CORPUS/y_note.jsonl"
	  printf '{"type":"note","text":"'
	  head -c 2000000 /dev/zero | tr '\0' a; printf '"}\n'; } >big.jsonl
	run -65 --separate-stderr timeout 20 "$TEND" import big.jsonl
	assert_equal "$stderr" "tend: line 4: longer than 1048576 bytes; not a tend export"
	# Through standard input the same rules hold.
	run -65 --separate-stderr sh -c \
	    '"$TEND" import - <"$1"' _ "$CORPUS/n_number_leading_zero.jsonl"
	assert_equal "$stderr" "tend: line 4: not valid JSON (a malformed number)"
	# A hostile record inside a .json document: line named the same way.
	{ echo '{"header":{"format":"tend-export","version":1,"tend":"0.1.0","exported":"2026-11-21T10:00:00Z"},"records":['
	  sed -n '2,3p' "$CORPUS/y_note.jsonl" | sed 's/$/,/'
	  sed -n 4p "$CORPUS/n_number_trailing_dot.jsonl"
	  echo ']}'; } >doc.json
	run -65 --separate-stderr "$TEND" import doc.json
	[ "${#stderr_lines[@]}" -eq 1 ] || fail "$stderr"
	[[ $stderr == "tend: line 4: "* ]] || fail "$stderr"
	[ "$(sum "$J")" = "$before" ]
}
