#!/bin/bash
# runall.sh FILE... - run the reading commands of $TEND against each journal
# and print one line for every run that breaks the rules: an exit status
# that is not documented (0, 1, 65, 66, 74, 78), a hang, or stderr that is not
# at most one "tend: " line (or, on success, notes' hint that there are no
# notes, which a flip in the notes table can rightly bring about).  Prints
# nothing when every run behaved.
# Also prints "ran N" at the end.  EVERY=one runs each file through one of
# the commands in turn instead of all four.
cmds=(status history "show latest" notes)
n=0 i=0
for f in "$@"; do
	i=$((i + 1))
	pick=("${cmds[@]}")
	[ "${EVERY:-all}" = one ] && pick=("${cmds[i % 4]}")
	for cmd in "${pick[@]}"; do
		# shellcheck disable=SC2086
		timeout -k 2 10 "$TEND" --no-pager --color=never --db "$f" \
		    $cmd >/dev/null 2>"$f.err" </dev/null
		rc=$?
		n=$((n + 1))
		case $rc in
		0 | 1 | 65 | 66 | 74 | 78) ;;
		*) echo "$f $cmd: exit $rc: $(head -c 300 "$f.err")"; continue ;;
		esac
		lines=$(wc -l <"$f.err")
		[ "$rc" -eq 0 ] && [ "$cmd" = notes ] &&
		    grep -qx "No notes yet; thank your partner with 'tend thanks NAME TEXT'." \
		    "$f.err" && lines=0
		if [ "$lines" -gt 1 ] ||
		    { [ "$lines" -eq 1 ] && ! grep -q '^tend: ' "$f.err"; } ||
		    { [ "$rc" -ne 0 ] && [ "$lines" -ne 1 ]; }; then
			echo "$f $cmd: exit $rc, stderr: $(head -c 300 "$f.err")"
		fi
	done
	rm -f "$f.err"
done
echo "ran $n"
