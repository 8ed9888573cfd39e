#!/usr/bin/env bats
# history.bats - tend history: the check-ins newest first, their state
# derived from their answers, ratings hidden until both have answered.

load helper

# Issue 10, item 11: each partner answers on their own laptop, both
# import: every view agrees that the check-in is done.
@test "answers from two laptops, imported: done in every view" {
	couple
	printf '%s\n' a b c yes d e f 7 | tend checkin --as Sam >/dev/null
	tend export -o "$BATS_TEST_TMPDIR/sam.jsonl"
	local other=$BATS_TEST_TMPDIR/alex.db
	tend --db "$other" import "$BATS_TEST_TMPDIR/sam.jsonl" >/dev/null
	sql "$other" "DELETE FROM answer WHERE partner_id = (SELECT id FROM partner WHERE name = 'Sam'); DELETE FROM note"
	printf '%s\n' g h i no j k l 5 | tend --db "$other" checkin --as Alex >/dev/null
	tend --db "$other" export -o "$BATS_TEST_TMPDIR/alex.jsonl"
	tend import "$BATS_TEST_TMPDIR/alex.jsonl" >/dev/null
	run -0 --separate-stderr tend history
	assert_output '2026-W47  weekly     Sam 7, Alex 5  done'
	assert_equal "$stderr" ""
	run -0 tend show
	assert_line -n 0 '2026-W47: Weekly check-in (done)'
	run -0 tend stats --json
	echo "$output" | jq -e '.checkins == 1 and .streak == 1'
	run -0 tend status
	assert_line 'Check-in:   done (weekly, 2026-W47)'
}

@test "--as NAME: a partner sees their own rating; an unknown name is refused" {
	couple
	printf '%s\n' a b c yes d e f 7 | tend checkin --as Sam >/dev/null
	run -0 --separate-stderr tend history
	assert_output '2026-W47  weekly     in progress, waiting for Alex'
	run -0 tend history --as Sam
	assert_output '2026-W47  weekly     Sam 7  in progress, waiting for Alex'
	run -0 --separate-stderr tend history --as Alex
	assert_output '2026-W47  weekly     in progress, waiting for Alex'
	run -64 --separate-stderr tend history --as Kim
	assert_equal "$stderr" "tend: no partner named 'Kim' (partners: Sam, Alex)"
}
