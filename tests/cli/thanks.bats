#!/usr/bin/env bats
# thanks.bats - logging an appreciation note: to each partner, the sender,
# the text from arguments, standard input or an editor, back-dating, and
# every refusal leaving the journal as it was.

load helper

# body_hex N: the text of the Nth note saved (1 = the first), as hex, so that
# trailing newlines survive the shell.
body_hex() {
	sql "$J" "SELECT hex(body) FROM note ORDER BY id LIMIT 1 OFFSET $(($1 - 1))"
}

hex() {
	printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | tr a-f A-F
}

notes() {
	sql "$J" "SELECT count(*) FROM note"
}

# A fake editor: records the file's mode, path and first comment line,
# then runs the shell code in $ED_DO on the file ("$1", its last argument).
fake_editor() {
	ED=$BATS_TEST_TMPDIR/editor
	cat >"$ED" <<-'SH'
	#!/bin/sh
	for f; do :; done
	set -- "$f"
	stat -c %a "$1" >"$ED_LOG.mode"
	printf '%s\n' "$1" >"$ED_LOG.path"
	grep -m1 '^#' "$1" >"$ED_LOG.comment"
	cp "$1" "$ED_LOG.before"
	eval "$ED_DO"
	SH
	chmod +x "$ED"
	export ED_LOG=$BATS_TEST_TMPDIR/ed ED_DO=: TEND_EDITOR=$ED
}

@test "a note to each partner; in a couple the sender is the other one" {
	couple
	run -0 --separate-stderr tend thanks Alex for the dishes
	assert_output "Sam thanked Alex."
	assert_equal "$stderr" ""
	run -0 tend thanks sam 'for the  walk' today
	assert_output "Alex thanked Sam."
	run -0 sql "$J" "SELECT a.name || '>' || b.name || ':' || body || ':' ||
	    week || ':' || note.created FROM note JOIN partner a ON a.id = from_id
	    JOIN partner b ON b.id = to_id ORDER BY note.id"
	assert_line -n 0 "Sam>Alex:for the dishes:2026-W47:2026-11-21T10:00:00Z"
	assert_line -n 1 "Alex>Sam:for the  walk today:2026-W47:2026-11-21T10:00:00Z"
	run -0 sql "$J" "SELECT count(*) FROM note WHERE uuid GLOB
	    '[0-9a-f]*-*-*-*-*' AND length(uuid) = 36"
	assert_output 2
}

@test "an unknown partner is refused with the partners named, nothing stored" {
	couple
	local before; before=$(sum "$J")
	run -64 --separate-stderr tend thanks Robin for everything
	assert_equal "$stderr" "tend: no partner named 'Robin' (partners: Sam, Alex)"
	assert_output ""
	run -64 --separate-stderr tend thanks --from Robin Alex hi
	assert_equal "$stderr" "tend: no partner named 'Robin' (partners: Sam, Alex)"
	run -64 --separate-stderr tend thanks Al hi
	[ "$(sum "$J")" = "$before" ]
	[ "$(notes)" = 0 ]
}

@test "a note starting with '-' goes after '--'; without it, a hint" {
	couple
	run -0 tend thanks Alex -- -5 for the dishes
	[ "$(body_hex 1)" = "$(hex '-5 for the dishes')" ]
	run -64 --separate-stderr tend thanks Alex -5 for the dishes
	assert_equal "$stderr" "tend: unknown option '-5'; to start a note with '-', put '--' before it: tend thanks NAME -- TEXT"
	run -64 --separate-stderr tend thanks Alex --best
	assert_equal "$stderr" "tend: unknown option '--best'; to start a note with '-', put '--' before it: tend thanks NAME -- TEXT"
	# Options may come after the name, as everywhere.
	run -0 tend thanks Alex --date yesterday -- --and more
	[ "$(body_hex 2)" = "$(hex '--and more')" ]
	[ "$(notes)" = 2 ]
}

@test "the text comes from standard input, one trailing newline removed" {
	couple
	printf 'two\nlines  \n\n' | tend thanks Alex >/dev/null
	[ "$(body_hex 1)" = "$(hex $'two\nlines  \n')" ]
	printf 'no newline' | tend thanks Alex >/dev/null
	[ "$(body_hex 2)" = "$(hex 'no newline')" ]
	# Text in it is never read for dates or tags.
	printf '#date 2026-01-01 @Sam\n' | tend thanks Alex >/dev/null
	[ "$(body_hex 3)" = "$(hex '#date 2026-01-01 @Sam')" ]
	# Arguments win over standard input.
	echo piped | tend thanks Alex typed >/dev/null
	[ "$(body_hex 4)" = "$(hex typed)" ]
}

@test "without a terminal there is no prompt: empty input saves nothing" {
	couple
	local before; before=$(sum "$J")
	run -1 --separate-stderr timeout 5 "$TEND" thanks Alex </dev/null
	assert_equal "$stderr" "tend: empty note; nothing saved"
	run -1 --separate-stderr tend thanks Alex ''
	assert_equal "$stderr" "tend: empty note; nothing saved"
	[ "$(sum "$J")" = "$before" ]
}

@test "invalid UTF-8 and a NUL byte are refused with exit 65, journal unchanged" {
	couple
	local before; before=$(sum "$J")
	run -65 --separate-stderr sh -c 'printf "bad \377 byte\n" | "$TEND" thanks Alex'
	assert_equal "$stderr" "tend: the note is not valid UTF-8 text; save it as UTF-8 and try again; nothing saved"
	run -65 tend thanks Alex $'\xc3('
	run -65 --separate-stderr sh -c 'printf "a\0b" | "$TEND" thanks Alex'
	assert_equal "$stderr" "tend: standard input holds a NUL byte; a note is text only; nothing saved"
	[ "$(sum "$J")" = "$before" ]
}

@test "10,000 characters fit, 10,001 are refused with exit 65" {
	couple
	local before; before=$(sum "$J")
	run -65 --separate-stderr sh -c 'head -c 10001 /dev/zero | tr "\0" a | "$TEND" thanks Alex'
	assert_equal "$stderr" "tend: the note has 10001 characters; a note holds at most 10000; nothing saved"
	run -65 tend thanks Alex "$(head -c 10001 /dev/zero | tr '\0' a)"
	# A megabyte is refused without reading it all.
	run -65 --separate-stderr sh -c 'head -c 1000000 /dev/zero | tr "\0" a | "$TEND" thanks Alex'
	assert_equal "$stderr" "tend: standard input holds more than a note's 10000 characters; nothing saved"
	[ "$(sum "$J")" = "$before" ]
	# Characters are counted, not bytes: 10,000 of 'é' is 20,000 bytes.
	head -c 10000 /dev/zero | tr '\0' a | tend thanks Alex >/dev/null
	yes é | head -n 10000 | tr -d '\n' | tend thanks Alex >/dev/null
	run -0 sql "$J" "SELECT length(body), length(CAST(body AS BLOB)) FROM note ORDER BY id"
	assert_output $'10000|10000\n10000|20000'
}

@test "--date back-dates a note, keeping the time of day; never the future" {
	couple
	run -0 tend thanks --date 2026-11-15 Alex for Sunday
	run -0 tend thanks --date yesterday Alex for Friday
	run -0 tend thanks --date today Alex for now
	run -0 sql "$J" "SELECT created || ' ' || week FROM note ORDER BY id"
	assert_output $'2026-11-15T10:00:00Z 2026-W46\n2026-11-20T10:00:00Z 2026-W47\n2026-11-21T10:00:00Z 2026-W47'
	local before; before=$(sum "$J")
	run -64 --separate-stderr tend thanks --date 2026-11-22 Alex too soon
	assert_equal "$stderr" "tend: 2026-11-22 is still to come; give today or an earlier day"
	run -64 --separate-stderr tend thanks --date 'last tuesday' Alex hi
	assert_equal "$stderr" "tend: 'last tuesday' is not a day; write it as 2026-11-21, today or yesterday"
	run -64 tend thanks --date 2026-02-30 Alex hi
	[ "$(sum "$J")" = "$before" ]
}

@test "--date uses the local day and time of day" {
	couple
	TZ=Pacific/Auckland TEND_NOW=2026-11-21T23:30:00+13:00 "$TEND" thanks --date 2026-11-16 Alex hi >/dev/null
	run -0 sql "$J" "SELECT created || ' ' || week FROM note"
	assert_output "2026-11-16T10:30:00Z 2026-W47"
}

@test "with three partners --from is required" {
	tend init -p Sam -p Alex -p Kim >/dev/null
	local before; before=$(sum "$J")
	run -64 --separate-stderr tend thanks Alex hi
	assert_equal "$stderr" "tend: with 3 partners, tend cannot tell who the note is from; say who with --from NAME"
	run -64 --separate-stderr tend thanks --from alex Alex hi
	assert_equal "$stderr" "tend: a note goes to someone else; Alex cannot thank themselves"
	[ "$(sum "$J")" = "$before" ]
	run -0 tend thanks --from kim Alex hi
	assert_output "Kim thanked Alex."
	run -0 sql "$J" "SELECT name FROM partner WHERE id = (SELECT from_id FROM note)"
	assert_output Kim
}

@test "usage errors: no name, a bad option, --help" {
	couple
	run -64 --separate-stderr tend thanks
	assert_equal "$stderr" "tend: say whom to thank: tend thanks NAME [TEXT...]"
	run -64 tend thanks --from
	run -0 tend thanks --help
	assert_line -n 0 "usage: tend thanks [--from NAME] [--date DAY] [--edit] NAME [TEXT...]"
	[ "$(notes)" = 0 ]
}

@test "--edit: the note written in the editor is saved, '#' lines left out" {
	couple
	fake_editor
	ED_DO='printf "\n\nThank you\n\n# not this\nfor everything \n  \n\n" >"$1"' \
	    run -0 --separate-stderr tend thanks --edit Alex
	assert_output "Sam thanked Alex."
	[ "$(body_hex 1)" = "$(hex $'Thank you\n\nfor everything ')" ]
	# The file was 0600 in $XDG_RUNTIME_DIR, explained, and is gone.
	[ "$(cat "$ED_LOG.mode")" = 600 ]
	local path; path=$(cat "$ED_LOG.path")
	[ "$(dirname "$path")" = "$XDG_RUNTIME_DIR" ]
	[ ! -e "$path" ]
	[ -z "$(ls -A "$XDG_RUNTIME_DIR")" ]
	assert_equal "$(cat "$ED_LOG.comment")" "# Write your note to Alex above.  Lines starting with '#' are left out,"
}

@test "--edit with words starts the editor with them" {
	couple
	fake_editor
	ED_DO='sed -i "s/^hello\$/hello there/" "$1"' run -0 tend thanks Alex --edit hello
	[ "$(head -1 "$ED_LOG.before")" = hello ]
	[ "$(body_hex 1)" = "$(hex 'hello there')" ]
}

@test "--edit: an empty note aborts, saves nothing, leaves no file" {
	couple
	fake_editor
	local before; before=$(sum "$J")
	run -1 --separate-stderr tend thanks --edit Alex
	assert_equal "$stderr" "tend: empty note; nothing saved"
	[ ! -e "$(cat "$ED_LOG.path")" ]
	ED_DO='printf "# only\n\n  \n# comments\n" >"$1"' run -1 tend thanks --edit Alex
	[ ! -e "$(cat "$ED_LOG.path")" ]
	[ -z "$(ls -A "$XDG_RUNTIME_DIR")" ]
	[ "$(sum "$J")" = "$before" ]
}

@test "--edit: a note refused after editing is handed back, not lost" {
	couple
	fake_editor
	local before; before=$(sum "$J")
	ED_DO='printf "keep me \377\n" >"$1"' run -65 --separate-stderr tend thanks --edit Alex
	assert_equal "$stderr" "$(printf '%s\n' "tend: the note is not valid UTF-8 text; save it as UTF-8 and try again; nothing saved" "Your note, not saved:" $'keep me \xef\xbf\xbd')"
	[ ! -e "$(cat "$ED_LOG.path")" ]
	[ "$(sum "$J")" = "$before" ]
	# Text from the arguments is still in the user's hands: not repeated.
	run -65 --separate-stderr tend thanks Alex $'bad \xff'
	[[ "$stderr" != *"Your note"* ]]
}

@test "--edit: a failing editor saves nothing and leaves no file" {
	couple
	fake_editor
	local before; before=$(sum "$J")
	ED_DO='echo typed >"$1"; exit 3' run -1 --separate-stderr tend thanks --edit Alex
	assert_equal "$stderr" "tend: the editor '$ED' failed (exit status 3); nothing saved"
	[ ! -e "$(cat "$ED_LOG.path")" ]
	ED_DO='rm "$1"' run -74 tend thanks --edit Alex
	[ -z "$(ls -A "$XDG_RUNTIME_DIR")" ]
	TEND_EDITOR=/nonexistent/editor run -1 tend thanks --edit Alex
	[ -z "$(ls -A "$XDG_RUNTIME_DIR")" ]
	[ "$(sum "$J")" = "$before" ]
}

@test "--edit: Ctrl-C in the editor saves nothing and leaves no file" {
	couple
	fake_editor
	# The whole process group gets SIGINT, as from a terminal's Ctrl-C;
	# perl undoes the SIG_IGN that a background job starts with.
	ED_DO='echo typed >"$1"; touch "$ED_LOG.ready"; sleep 10' \
	    perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' setsid "$TEND" \
	    thanks --edit Alex >"$BATS_TEST_TMPDIR/out" \
	    2>"$BATS_TEST_TMPDIR/err" &
	local pid=$!
	for ((i = 0; i < 100; i++)); do
		[ -e "$ED_LOG.ready" ] && break
		sleep 0.05
	done
	[ -e "$ED_LOG.ready" ]
	kill -INT -- "-$pid"
	local status=0
	wait "$pid" || status=$?
	[ "$status" = 130 ]
	# tend itself lived on to clean up and say so.
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" "tend: the editor was interrupted; nothing saved"
	[ ! -e "$(cat "$ED_LOG.path")" ]
	[ -z "$(ls -A "$XDG_RUNTIME_DIR")" ]
	[ "$(notes)" = 0 ]
}

@test "--edit: a SIGTERM during the edit waits until the file is gone" {
	couple
	fake_editor
	ED_DO='touch "$ED_LOG.ready"; sleep 0.5; echo typed >"$1"' \
	    "$TEND" thanks --edit Alex >/dev/null 2>&1 &
	local pid=$!
	for ((i = 0; i < 100; i++)); do
		[ -e "$ED_LOG.ready" ] && break
		sleep 0.05
	done
	kill -TERM "$pid"
	local status=0
	wait "$pid" || status=$?
	[ "$status" = 143 ]
	[ ! -e "$(cat "$ED_LOG.path")" ]
	[ "$(notes)" = 0 ]
}

@test "--edit: without XDG_RUNTIME_DIR the file goes in the state folder, 0700" {
	couple
	fake_editor
	unset XDG_RUNTIME_DIR
	ED_DO='echo hi >"$1"' run -0 tend thanks --edit Alex
	local path; path=$(cat "$ED_LOG.path")
	[ "$(dirname "$path")" = "$XDG_STATE_HOME/tend" ]
	[ "$(stat -c %a "$XDG_STATE_HOME/tend")" = 700 ]
	[ "$(cat "$ED_LOG.mode")" = 600 ]
	[ ! -e "$path" ]
}

@test "--edit: a path with spaces and quotes is passed safely" {
	couple
	fake_editor
	export XDG_RUNTIME_DIR="$BATS_TEST_TMPDIR/run dir 'q' \$(touch pwned)"
	mkdir -m 700 "$XDG_RUNTIME_DIR"
	# An editor given with arguments, as EDITOR often is.
	TEND_EDITOR="$ED --wait" ED_DO='echo hi >"$1"' run -0 tend thanks --edit Alex
	[ "$(dirname "$(cat "$ED_LOG.path")")" = "$XDG_RUNTIME_DIR" ]
	[ ! -e pwned ] && [ ! -e "$BATS_TEST_TMPDIR/pwned" ]
	[ "$(body_hex 1)" = "$(hex hi)" ]
}

@test "--edit: TEND_EDITOR, then VISUAL unless TERM is dumb, then EDITOR" {
	couple
	for e in te vi ed; do
		printf '#!/bin/sh\necho %s >"$1"\n' "$e" >"$BATS_TEST_TMPDIR/$e"
		chmod +x "$BATS_TEST_TMPDIR/$e"
	done
	export VISUAL=$BATS_TEST_TMPDIR/vi EDITOR=$BATS_TEST_TMPDIR/ed
	TERM=xterm TEND_EDITOR=$BATS_TEST_TMPDIR/te tend thanks --edit Alex
	TERM=xterm tend thanks --edit Alex
	TERM=dumb tend thanks --edit Alex
	run -0 sql "$J" "SELECT group_concat(body, ' ') FROM note"
	assert_output "te vi ed"
	unset VISUAL EDITOR
	run -78 --separate-stderr tend thanks --edit Alex
	assert_equal "$stderr" "tend: no editor for a dumb terminal; set TEND_EDITOR or EDITOR, or give the note as arguments"
}
