#!/usr/bin/env bats
# every-command.bats - every tend command at least once, on the paths that
# allocate the most (a full journal, --json, a refused input), for the
# valgrind run CI can afford: tests/valgrind/run with this file.  Run by
# itself it checks only behaviour the CLI suites check too.

load ../cli/helper

@test "every command: init, checkin, thanks, experiment, assess" {
	full_journal
	run -0 tend
	run -0 tend status --json
}

@test "every command: history, show, notes, search, stats" {
	full_journal
	run -0 tend history
	run -0 tend history --limit 1 --json
	run -0 tend show
	run -0 tend show latest --as Sam --json
	run -0 tend notes
	run -0 tend notes --to Alex --json
	run -0 tend search coffee
	run -0 tend search 'walk NOT rain' --json
	run -64 tend search
	run -0 tend stats
	run -0 tend stats --weeks 26 --json
}

@test "every command: experiment list, new, skip; assess --show" {
	full_journal
	run -0 tend experiment list --json
	run -0 tend experiment new
	run -0 tend experiment skip
	run -0 tend assess --show
	run -0 tend assess --show --json
}

@test "every command: questions, tip, config, help" {
	couple
	run -0 tend questions
	run -0 tend questions --decks --json
	run -0 tend tip
	run -0 tend tip --topics --json
	run -0 tend tip --random --json
	run -0 tend config
	run -0 tend config intimacy affection
	run -0 tend config --json
	run -0 tend help
	run -0 tend help thanks
	run -0 tend --version
	run -0 tend --paths
	run -64 tend hsitory
}

@test "every command: export, import, backup, doctor" {
	full_journal
	run -0 tend export -o "$BATS_TEST_TMPDIR/a.jsonl"
	run -0 tend export --format json
	run -0 tend export --format markdown
	run -0 tend --db "$BATS_TEST_TMPDIR/b.db" import "$BATS_TEST_TMPDIR/a.jsonl"
	run -0 tend import --dry-run "$BATS_TEST_TMPDIR/a.jsonl"
	run -65 tend import "$TEND_TOP/tests/data/import/duplicate-key.jsonl"
	run -0 tend backup "$BATS_TEST_TMPDIR/c.db"
	run -0 tend doctor
	run -0 tend doctor --json
}

@test "every command: refusals free what they took" {
	run -66 tend status
	couple
	run -64 tend thanks Nobody for nothing
	run -64 tend --color=sometimes
	run -64 tend notes --since tomorrowish
	run -1 tend thanks Alex ''
	run -64 tend checkin --week 2999-W01
}

@test "every command: one partner alone, and the views that hide it" {
	couple
	tend checkin --as Sam < <(both | awk 'NR % 2 == 1') >/dev/null
	run -0 tend history --json
	run -0 tend --as Sam
	run -0 tend show --as Sam
	run -0 tend stats --as Alex --json
	run -0 tend search coffee --as Sam
	run -0 tend notes --as Sam --json
	run -65 tend checkin < <(printf ':foo\n')
	TZ=America/Santiago TEND_NOW=2027-09-06T00:10:00 \
	    run -0 tend thanks --date yesterday Sam for the short day
}
