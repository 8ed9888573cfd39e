#!/usr/bin/env bats
# completion.bats - the shell completions: bash's for real (the function
# called as bash calls it, COMPREPLY checked), the candidates all from
# 'tend --complete' and so from the command table, and the zsh and fish
# scripts at least parsed when those shells are installed.

load helper

BASH_COMP=$TEND_TOP/completions/tend.bash

# complete [--loaded] WORD...: COMPREPLY, one a line, for the command line
# "$TEND WORD..." with the cursor at the end of the last word.  --loaded
# first loads bash-completion, as an interactive Debian shell has it.
complete_bash() {
	local pre=:
	if [ "$1" = --loaded ]; then
		pre='. /usr/share/bash-completion/bash_completion'
		shift
	fi
	bash --norc --noprofile -c '
		'"$pre"'
		. "$1"; shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		complete -p tend >/dev/null || exit 2
		_tend tend "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"
	' complete "$BASH_COMP" "$TEND" "$@"
}

@test "bash: commands, and only those that match" {
	run -0 complete_bash ''
	assert_line checkin
	assert_line thanks
	assert_line backup
	assert_line doctor
	assert_equal "${#lines[@]}" "$("$TEND" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1' | wc -l)"
	run -0 complete_bash ch
	assert_output checkin
	run -0 complete_bash --n
	assert_output "$(printf '%s\n' --no-input --no-pager)"
}

@test "bash: a command's options come from its usage line" {
	run -0 complete_bash backup --
	assert_output "$(printf '%s\n' --force --help)"
	run -0 complete_bash checkin --
	assert_line --week
	assert_line --as
	assert_line --deck
	assert_line --redo
	run -0 complete_bash doctor --j
	assert_output --json
	run -0 complete_bash assess --
	assert_output "$(printf '%s\n' --as --show --json --help)"
}

@test "bash: partner names from a real journal, for thanks NAME and --from" {
	tend init --partner Sam --partner 'Mary Ann' >/dev/null
	run -0 complete_bash thanks ''
	assert_output "$(printf '%s\n' Sam 'Mary\ Ann')"
	run -0 complete_bash thanks --from S
	assert_output Sam
	run -0 complete_bash notes --to M
	assert_output 'Mary\ Ann'
	run -0 complete_bash checkin --as ''
	assert_line Sam
	run -0 complete_bash assess --as M
	assert_output 'Mary\ Ann'
}

@test "bash: partners of the journal --db names; none without a journal" {
	tend --db "$BATS_TEST_TMPDIR/other.db" init -p Kim -p Lee >/dev/null
	run -0 complete_bash --db "$BATS_TEST_TMPDIR/other.db" thanks ''
	assert_output "$(printf '%s\n' Kim Lee)"
	run -0 complete_bash thanks ''
	assert_output ''
	run -0 --separate-stderr "$TEND" --complete partners
	assert_output ''
	[ -z "$stderr" ]
}

@test "bash: decks, topics, subcommands, keys, weeks, --color, --kind" {
	run -0 complete_bash checkin --deck ''
	assert_line weekly
	assert_line repair
	# Only the decks the intimacy setting allows (the default: affection).
	refute_line intimacy-talk
	assert_line emotional-distance
	run -0 complete_bash questions --deck rep
	assert_output repair
	run -0 complete_bash tip --topic conf
	assert_output conflict
	run -0 complete_bash experiment ''
	assert_output "$(printf '%s\n' done skip new list)"
	run -0 complete_bash config ''
	assert_output intimacy
	run -0 complete_bash config intimacy ''
	assert_output "$(printf '%s\n' none affection sexual)"
	run -0 complete_bash checkin --week ''
	assert_output "$(printf '%s\n' this-week last-week)"
	run -0 complete_bash show l
	assert_output "$(printf '%s\n' latest last-week)"
	run -0 complete_bash --color a
	assert_output "$(printf '%s\n' auto always)"
	run -0 complete_bash help do
	assert_output doctor
	run -0 complete_bash search --kind ''
	assert_output "$(printf '%s\n' answer note reflection)"
}

@test "bash: nothing where a file or free text goes, so bash lists files" {
	couple
	run -0 complete_bash backup ''
	assert_output ''
	run -0 complete_bash thanks Sam for
	assert_output ''
	run -0 complete_bash thanks Sam -- ''
	assert_output ''
}

@test "bash: the same with bash-completion loaded" {
	[ -r /usr/share/bash-completion/bash_completion ] ||
	    skip "bash-completion is not installed"
	couple
	run -0 complete_bash --loaded thanks ''
	assert_output "$(printf '%s\n' Sam Alex)"
	run -0 complete_bash --loaded tip --topic conf
	assert_output conflict
	run -0 complete_bash --loaded backup --f
	assert_output --force
}

@test "--complete lists: commands, options, subcommands, values, keys" {
	run -0 "$TEND" --complete commands
	assert_line doctor
	run -0 "$TEND" --complete options experiment
	assert_output "$(printf '%s\n' --felt --yes --json --help)"
	run -0 "$TEND" --complete subcommands experiment
	assert_output "$(printf '%s\n' done skip new list)"
	run -0 "$TEND" --complete values experiment --felt
	assert_output "$(printf '%s\n' 1 2 3 4 5)"
	run -0 "$TEND" --complete keys
	assert_output intimacy
	run -0 "$TEND" --complete topics
	assert_line conflict
	run -0 "$TEND" --complete decks
	assert_line weekly
	run -0 --separate-stderr "$TEND" --complete nonsense
	assert_output ''
	[ -z "$stderr" ]
}

@test "zsh parses _tend" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	run -0 zsh -n "$TEND_TOP/completions/_tend"
}

@test "fish parses tend.fish and completes with it" {
	command -v fish >/dev/null || skip "fish is not installed"
	run -0 fish -n "$TEND_TOP/completions/tend.fish"
	couple
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	ln -s "$TEND" "$BATS_TEST_TMPDIR/bin/tend"
	run -0 env PATH="$BATS_TEST_TMPDIR/bin:$PATH" fish --no-config -c '
		source $argv[1]
		complete -C "tend thanks "
		complete -C "tend tip --topic conf"
		complete -C "tend doc"' "$TEND_TOP/completions/tend.fish"
	assert_output "$(printf '%s\n' Alex Sam conflict doctor)"
}
