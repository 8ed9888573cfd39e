#!/usr/bin/env bats
# man.bats - the manual is clean, and it agrees with the built-in help.

load helper

MAN=$TEND_TOP/man/tend.1

# The manual as plain text, one space between words.
man_text() {
	mandoc -Tascii -Owidth=300 "$MAN" | sed -e 's/.\x08//g' -e 's/  */ /g'
}

# The commands 'tend --help' lists.
commands() {
	"$TEND" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }'
}

@test "mandoc -Tlint finds no warning" {
	run -0 mandoc -Tlint -W warning "$MAN"
	[ -z "$output" ]
}

@test "every command in the table has its entry in the manual" {
	local n=0
	for c in $(commands); do
		grep -q "^\.It Cm $c\b" "$MAN" || fail "no '.It Cm $c' in tend.1"
		n=$((n + 1))
	done
	[ "$n" -ge 3 ]
}

@test "every usage line in the table is the manual's, word for word" {
	local text; text=$(man_text)
	for c in $(commands); do
		local usage; usage=$("$TEND" help "$c" | head -1 | sed 's/^usage: //')
		[[ "$text" == *"$usage"* ]] || fail "manual lacks: $usage"
	done
}

@test "the manual has every section the conventions name" {
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS ENVIRONMENT FILES \
	    "EXIT STATUS" EXAMPLES "SEE ALSO" CAVEATS "SECURITY CONSIDERATIONS"; do
		grep -q "^\.Sh $s\$" "$MAN" || fail "no section $s"
	done
}

@test "provenance: five articles, not 'couples therapists' advice'; the safety note is tend's own" {
	run -0 tend --help
	refute_output --partial "therapists' advice"
	assert_output --partial 'drawn from five articles on ruts and intimacy'
	run -0 man_text
	refute_output --partial "therapists' advice"
	refute_output --partial 'advice comes from couples therapists'
	refute_output --partial 'therapist is the next step'
	assert_output --partial 'five articles on ruts and intimacy'
	assert_output --partial "A note of tend's own, not from the articles: if you feel unsafe with your partner, talk to someone on your own first (a doctor, a counsellor, a local support line)."
	# The full titles stay in the manual.
	assert_output --partial 'Dead Bedroom? Couples Therapist Explains'
	run -0 cat "$TEND_TOP/README.md"
	refute_output --partial "therapists' advice"
	assert_output --partial "a note of tend's own, not from the"
	# The assessment's concern names no couples therapist as the step.
	run -0 jq -r '.outcomes[] | select(.kind == "concern") | .about' "$TEND_TOP/data/assessment.json"
	refute_output --partial 'couples therapist'
}
