#!/usr/bin/env bats
# layers.bats - the tree keeps the shape ARCHITECTURE.md draws (issue 12):
# the library speaks no front end's language, and no file grows past what
# one reader holds.

load helper

# Every string literal of src/lib, adjacent pieces joined as the compiler
# joins them, comments left out: "FILE:LINE: TEXT" a line.
lib_strings() {
	perl -0777 -ne '
		my $f = $ARGV;
		s{/\*.*?\*/}{my $c = $&; $c =~ tr/\n//cd; $c}gse;
		while (/((?:"(?:[^"\\\n]|\\.)*"\s*)+)/g) {
			my ($lit, $at) = ($1, $-[0]);
			my $line = 1 + (substr($_, 0, $at) =~ tr/\n//);
			my $s = join "", $lit =~ /"((?:[^"\\\n]|\\.)*)"/g;
			print "$f:$line: $s\n";
		}' "$TEND_TOP"/src/lib/*.c
}

@test "no library message names a tend command or option (issue 12)" {
	local cmds
	cmds=$(tend --help | awk '/^Commands:/ { on = 1; next }
	    /^$/ { on = 0 } on { print $1 }' | paste -sd'|')
	[ -n "$cmds" ]
	run lib_strings
	assert_success
	# The scan sees the messages: one that names a command today.
	assert_output --partial "is not a tend journal"
	run grep -E "'tend |tend ($cmds)( -|')|(^|[ (])--[a-z]|run 'tend" \
	    <<<"$output"
	assert_failure 1
	assert_output ''
}

@test "the mend of a library failure is tend(1)'s to word (issue 12)" {
	run --separate-stderr tend show
	assert_failure 66
	assert_equal "$stderr" "tend: no journal at $J; run 'tend init'"
	couple
	run --separate-stderr tend tip --topic gardening
	assert_failure 64
	assert_equal "$stderr" "tend: no topic 'gardening'; see 'tend tip --topics'"
}

@test "no file in src is over 800 lines, main.c under 350 (issue 12)" {
	run wc -l "$TEND_TOP"/src/*/*.[ch]
	assert_success
	run awk '$2 != "total" && $1 > 800 { print }' <<<"$output"
	assert_output ''
	run wc -l <"$TEND_TOP/src/cli/main.c"
	[ "$output" -lt 350 ]
}

# code FILE...: the C without its comments and string literals.
code() {
	perl -0777 -ne '
		s{/\*.*?\*/}{my $c = $&; $c =~ tr/\n//cd; $c}gse;
		s{"(?:[^"\\\n]|\\.)*"}{""}g;
		print "$ARGV: $_\n" for split /\n/;' "$@"
}

@test "the library never prints, prompts, reads the environment or exits" {
	run code "$TEND_TOP"/src/lib/*.c "$TEND_TOP"/src/lib/*.h
	assert_success
	assert_output --partial 'tend_seterr('
	run grep -E '\b(printf|puts|putchar|getenv|secure_getenv|exit|_exit|abort|readline|isatty)[[:space:]]*\(|\b(stdin|stdout|stderr)\b' <<<"$output"
	assert_failure 1
	run code "$TEND_TOP"/src/cli/*.c "$TEND_TOP"/src/cli/*.h
	assert_output --partial 'cli_fail('
	run grep -E 'sqlite3_|cJSON_|<sqlite3\.h>|<cjson/' <<<"$output"
	assert_failure 1
}

@test "every write of the library is a change that undo can take back (issue 13)" {
	# A write transaction begins in change.c (change_begin, undo and the
	# trash) or open.c (a journal made or upgraded: no change of the
	# couple's); everywhere else it is change_begin.
	run grep -n 'db_begin(' "$TEND_TOP"/src/lib/*.c
	assert_output --partial 'change.c'
	run grep -v -e '/change\.c:' -e '/open\.c:' -e '/db\.c:' <<<"$output"
	assert_output ''
	run grep -c 'change_begin(t' "$TEND_TOP"/src/lib/notes.c
	[ "$output" -ge 2 ]
	# And no statement the triggers cannot log: REPLACE deletes rows
	# without firing the delete triggers.
	run grep -n 'OR REPLACE INTO [a-z]' "$TEND_TOP"/src/lib/*.c
	run grep -v 'temp\.' <<<"$output"
	assert_output ''
}
