#!/usr/bin/env bats
# export.bats - tend export: jsonl, json and markdown on standard output,
# and -o written the careful way (0600, refused without --force).

load helper

# Files the tests write go to their own temporary folder.
cdtmp() {
	cd "$BATS_TEST_TMPDIR"
}

@test "jsonl: a header line, then one record a line, every type" {
	full_journal
	run -0 --separate-stderr tend export
	[ -z "$stderr" ]
	echo "$output" | head -1 | jq -e '.format == "tend-export" and
	    .version == 1 and .tend != null and
	    .exported == "2026-11-21T10:00:00Z"'
	for t in partner checkin answer note experiment assessment setting; do
		echo "$output" | grep -q "^{\"type\":\"$t\"," ||
		    fail "no $t record"
	done
	# Every line is one JSON value; every record has an id or a key.
	[ "$(echo "$output" | tail -n +2 | jq -c 'select(.id // .key)' |
	    wc -l)" -eq "$(($(echo "$output" | wc -l) - 1))" ]
	echo "$output" | grep '"type":"answer"' | head -1 | jq -e \
	    '.checkin | test("^[0-9a-f-]{36}$")'
	echo "$output" | grep '"type":"assessment"' | jq -e \
	    '(.answers | length) > 0 and (.scores | length) > 0 and
	    (.partner | test("^[0-9a-f-]{36}$"))'
}

@test "records come after the records they name" {
	full_journal
	run -0 tend export
	echo "$output" | tail -n +2 | jq -rs '
	    reduce .[] as $r ({seen: {}, bad: []};
	      .bad += [($r | [.checkin, .partner, .from, .to, .answer][]
	        | select(. != null)) as $ref
	        | select(.seen[$ref] | not) | $ref]
	      | .seen[$r.id // "-"] = true) | .bad | length' | grep -qx 0
}

@test "json: one document, the same records, a record a line" {
	cdtmp
	full_journal
	tend export >a.jsonl
	run -0 tend export --format json
	echo "$output" | jq -e '.header.format == "tend-export"' >/dev/null
	diff <(echo "$output" | jq -c '.records[]') <(tail -n +2 a.jsonl)
	[ "$(echo "$output" | wc -l)" -eq "$(($(wc -l <a.jsonl) + 1))" ]
}

@test "markdown: a readable journal by week" {
	full_journal
	run -0 tend export --format markdown
	assert_line -n 0 '# tend journal'
	assert_line '## 2026-W47'
	assert_line '### Check-in (weekly), finished'
	assert_line '- **Sam**, *What did your partner do this week that you appreciated?*'
	assert_line '  the coffee in bed'
	assert_line '### Notes'
	assert_line '- 2026-11-21, **Sam** to **Alex**:'
	assert_line '  for the dishes'
	assert_line --regexp '^### Experiment: .+'
	assert_line 'Outcome: tried, felt 4/5.'
	assert_line '> we laughed a lot'
}

@test "-o writes a 0600 file even under umask 022" {
	cdtmp
	full_journal
	umask 022
	run -0 tend export -o out.jsonl
	[ -z "$output" ]
	[ "$(stat -c %a out.jsonl)" = 600 ]
	cmp out.jsonl <(tend export)
	# No temporary file is left beside it.
	[ "$(ls -A | grep -c 'out.jsonl')" -eq 1 ]
}

@test "-o refuses a file that exists (exit 73) and leaves it; --force replaces it" {
	cdtmp
	full_journal
	echo keep >out.jsonl
	run -73 --separate-stderr tend export -o out.jsonl
	assert_equal "$stderr" "tend: out.jsonl already exists; it was left as it is (--force replaces it)"
	[ "$(cat out.jsonl)" = keep ]
	ln -s out.jsonl link.jsonl
	run -64 --separate-stderr tend export --force -o link.jsonl
	assert_equal "$stderr" "tend: link.jsonl is not a regular file; give the path of a file for the export"
	[ "$(cat out.jsonl)" = keep ]
	[ -L link.jsonl ]
	run -0 tend export --force -o out.jsonl
	head -1 out.jsonl | jq -e '.format == "tend-export"'
	[ "$(stat -c %a out.jsonl)" = 600 ]
}

@test "-o into a missing folder is exit 73; a full disk is exit 74" {
	cdtmp
	couple
	run -73 --separate-stderr tend export -o nowhere/out.jsonl
	assert_regex "$stderr" "^tend: cannot create nowhere/out.jsonl: "
	run -74 sh -c '"$TEND" export >/dev/full'
}

@test "a bad --format is a usage error" {
	couple
	run -64 --separate-stderr tend export --format xml
	assert_equal "$stderr" "tend: --format takes jsonl, json or markdown, not 'xml'"
}

@test "-o never names the journal, its -wal or -shm, or a device, even with --force (issue 10, item 5)" {
	cdtmp
	full_journal
	local before; before=$(sum "$J")
	run -64 --separate-stderr tend export --force -o "$J"
	assert_equal "$stderr" "tend: $J is the journal itself; give another path for the export"
	[ -z "$output" ]
	# Another name for it: compared by device and inode, not by name.
	ln -s "$(dirname "$J")" jdir
	run -64 --separate-stderr tend export --force -o jdir/journal.db
	assert_equal "$stderr" "tend: jdir/journal.db is the journal itself; give another path for the export"
	run -64 --separate-stderr tend export --force -o "$J-wal"
	assert_equal "$stderr" "tend: $J-wal is the journal's -wal file; give another path for the export"
	run -64 tend export --force -o "$J-shm"
	[ "$(sum "$J")" = "$before" ]
	run -0 tend notes
	assert_output --partial 'for the dishes'
	# A device is never replaced by a file (root could have).
	run -64 --separate-stderr tend export --force -o /dev/full
	assert_equal "$stderr" "tend: /dev/full is not a regular file; give the path of a file for the export"
	[ -c /dev/full ]
	mkfifo pipe
	run -64 tend export --force -o pipe
	[ -p pipe ]
	# Backup shares the rule.
	run -64 --separate-stderr tend backup --force /dev/full
	assert_equal "$stderr" "tend: /dev/full is not a regular file; give the path of a file for the backup"
	[ -c /dev/full ]
}
