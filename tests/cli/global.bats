#!/usr/bin/env bats
# global.bats - options every command shares: help, version, paths, the
# clock, colour, unknown commands and failed writes.

load helper

@test "--version prints tend's version, then its libraries'" {
	run -0 tend --version
	assert_line -n 0 --regexp '^tend [0-9]+\.[0-9]+\.[0-9]+$'
	assert_line --regexp '^SQLite 3\.[0-9]+'
	assert_line --regexp '^readline [0-9]'
	assert_line --regexp '^cJSON 1\.'
	assert_line --regexp '^libunistring [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "--help lists every command on stdout and exits 0" {
	run -0 --separate-stderr tend --help
	assert_line -n 0 --partial 'usage: tend'
	assert_line --regexp '^  init +create the journal'
	assert_line --regexp '^  status '
	assert_line --partial 'Examples:'
	[ -z "$stderr" ]
}

@test "--help says where a journal may be kept (issue 10, items 4 and 19)" {
	run -0 tend --help
	assert_output --partial 'folder others can write into, sticky or not'
	assert_output --partial 'on a read-only disk, shown without changes'
}

@test "help COMMAND, COMMAND --help and COMMAND -h say the same" {
	run -0 tend help init
	local a=$output
	run -0 tend init --help
	[ "$output" = "$a" ]
	run -0 tend init -h
	[ "$output" = "$a" ]
	assert_line -n 0 'usage: tend init [--partner NAME]... [--intimacy LEVEL | --no-sexual]'
	assert_output --partial 'Examples:'
}

@test "--help after -- is an argument, not a request for help" {
	run -64 --separate-stderr tend init -- --help
	assert_equal "$stderr" "tend: unexpected argument '--help'; name partners with --partner NAME"
}

@test "an unknown command suggests the nearest one and exits 64" {
	run -64 --separate-stderr tend stauts
	assert_equal "$stderr" "tend: 'stauts' is not a tend command. Did you mean 'status'?"
	[ -z "$output" ]
	run -64 --separate-stderr tend help stauts
	assert_equal "$stderr" "tend: 'stauts' is not a tend command. Did you mean 'status'?"
}

@test "a command is never matched by its prefix" {
	run -64 --separate-stderr tend stat
	assert_equal "$stderr" "tend: 'stat' is not a tend command. Did you mean 'stats'?"
	run -64 --separate-stderr tend hist
	assert_equal "$stderr" "tend: 'hist' is not a tend command; see 'tend --help'"
	run -64 --separate-stderr tend zzzzzzzz
	assert_equal "$stderr" "tend: 'zzzzzzzz' is not a tend command; see 'tend --help'"
}

@test "unknown options and missing values exit 64 with one line" {
	run -64 --separate-stderr tend --bogus
	assert_equal "$stderr" "tend: unknown option '--bogus'; see 'tend --help'"
	run -64 --separate-stderr tend -x
	assert_equal "$stderr" "tend: unknown option '-x'; see 'tend --help'"
	run -64 --separate-stderr tend --db
	assert_equal "$stderr" "tend: option '--db' needs a value; see 'tend --help'"
	run -64 --separate-stderr tend --color=sometimes
	assert_equal "$stderr" "tend: --color takes auto, always or never, not 'sometimes'"
	couple
	run -64 --separate-stderr tend status --bogus
	assert_equal "$stderr" "tend: unknown option '--bogus'; see 'tend status --help'"
}

@test "--paths follows --db, then TEND_DB, then XDG, then HOME" {
	run -0 tend --paths
	assert_line -n 0 "journal $HOME/.local/share/tend/journal.db"
	assert_line -n 1 "config  $HOME/.config/tend"
	assert_line -n 2 "state   $HOME/.local/state/tend"
	XDG_DATA_HOME=/x/data XDG_CONFIG_HOME=/x/config XDG_STATE_HOME=/x/state \
	    run -0 tend --paths
	assert_output "$(printf 'journal /x/data/tend/journal.db\nconfig  /x/config/tend\nstate   /x/state/tend')"
	TEND_DB=/t/j.db run -0 tend --paths
	assert_line -n 0 "journal /t/j.db"
	TEND_DB=/t/j.db run -0 tend --db /d/j.db --paths
	assert_line -n 0 "journal /d/j.db"
}

@test "relative XDG values are ignored" {
	XDG_DATA_HOME=rel/data XDG_CONFIG_HOME=rel XDG_STATE_HOME=./s \
	    run -0 tend --paths
	assert_line -n 0 "journal $HOME/.local/share/tend/journal.db"
	assert_line -n 1 "config  $HOME/.config/tend"
	assert_line -n 2 "state   $HOME/.local/state/tend"
}

@test "no HOME and no --db is a configuration error" {
	run -78 --separate-stderr env -u HOME -u XDG_DATA_HOME -u XDG_CONFIG_HOME \
	    -u XDG_STATE_HOME "$TEND" status
	assert_equal "$stderr" "tend: HOME is not set to an absolute path; set it, or give the journal with --db"
}

@test "a malformed TEND_NOW is refused with exit 78" {
	couple
	TEND_NOW=yesterday run -78 --separate-stderr tend status
	assert_equal "$stderr" "tend: TEND_NOW='yesterday' is not an ISO 8601 date or date-time; use e.g. 2026-11-21 or 2026-11-21T20:30:00Z"
	TEND_NOW=2026-02-30 run -78 tend status
}

@test "TEND_NOW places this week, by date or date-time with offset" {
	couple
	TEND_NOW=2024-12-30 run -0 tend status
	assert_line 'This week:  2025-W01'
	TEND_NOW=2027-01-03T23:30:00Z run -0 tend status
	assert_line 'This week:  2026-W53'
	# Monday 00:30 at +02:00 is still Sunday in UTC: the local date counts.
	TZ=Europe/Berlin TEND_NOW=2026-11-23T00:30:00+01:00 run -0 tend status
	assert_line 'This week:  2026-W48'
	TZ=UTC TEND_NOW=2026-11-23T00:30:00+01:00 run -0 tend status
	assert_line 'This week:  2026-W47'
}

@test "a failed write to stdout exits 74" {
	run -74 --separate-stderr sh -c '"$TEND" --version >/dev/full'
	assert_equal "$stderr" "tend: cannot write to standard output: No space left on device"
	couple
	run -74 sh -c '"$TEND" status >/dev/full'
	run -74 sh -c '"$TEND" --help >/dev/full'
}

@test "colour: never when piped, always on request, never with NO_COLOR" {
	couple
	run -0 tend status
	refute_output --partial $'\e'
	run -0 tend --color=always status
	assert_output --partial $'\e[1mSam & Alex\n\e[0m'
	NO_COLOR=1 run -0 tend status
	refute_output --partial $'\e'
	run -0 tend --color=never status
	refute_output --partial $'\e'
}

@test "colour auto: on a terminal unless NO_COLOR or TERM=dumb" {
	couple
	TERM=xterm run -0 script -qec "$TEND status" /dev/null
	assert_output --partial $'\e[1m'
	TERM=xterm NO_COLOR=1 run -0 script -qec "$TEND status" /dev/null
	refute_output --partial $'\e['
	TERM=dumb run -0 script -qec "$TEND status" /dev/null
	refute_output --partial $'\e['
}

@test "a prompt never blocks when stdin is not a terminal" {
	run -64 --separate-stderr timeout 5 "$TEND" init </dev/null
	assert_equal "$stderr" "tend: name the partners: tend init --partner NAME --partner NAME"
	run -66 timeout 5 "$TEND" status </dev/null
}

@test "a global option alone shows the status, as bare tend does (issue 10, item 1)" {
	couple
	run -0 --separate-stderr tend
	local bare=$output
	[ -n "$bare" ]
	run -0 --separate-stderr tend --no-pager
	assert_equal "$output" "$bare"
	run -0 --separate-stderr tend --color=never
	assert_equal "$output" "$bare"
	run -0 --separate-stderr tend --no-input
	assert_equal "$output" "$bare"
	run -0 --separate-stderr tend --db "$J"
	assert_equal "$output" "$bare"
	run -0 --separate-stderr tend --db "$J" --no-pager --color=never --no-input
	assert_equal "$output" "$bare"
	[ -z "$stderr" ]
}

@test "bare tend --as NAME is the status as NAME sees it; with a command, --as goes after it" {
	couple
	tend checkin --as Sam < <(both | awk 'NR % 2 == 1') >/dev/null
	run -0 tend
	assert_line 'Notes:      0 from Sam, 0 from Alex this week'
	run -0 tend --as Sam
	assert_line 'Notes:      1 from Sam, 0 from Alex this week'
	local before; before=$(sum "$J")
	run -64 --separate-stderr tend --as Kim
	assert_equal "$stderr" "tend: no partner named 'Kim' (partners: Sam, Alex)"
	run -64 --separate-stderr tend --as Sam show
	assert_equal "$stderr" "tend: --as goes after the command: 'tend show --as Sam'"
	assert_equal "$(sum "$J")" "$before"
}
