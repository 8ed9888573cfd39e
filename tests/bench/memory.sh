#!/bin/sh
# memory.sh - peak memory of tend import and tend export on journals of
# 100,000 and 1,000,000 notes (issue 6: the 1M figure within 1.2x of the
# 100k one), measured with /usr/bin/time -v, and the import times.
# Usage: tests/bench/memory.sh [TEND]   (run by 'make bench')
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
tend=${1:-$top/tend}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tend-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export TEND_NOW=2026-11-21T10:00:00Z TZ=UTC LC_ALL=C.UTF-8
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
    XDG_STATE_HOME="$tmp/state"
unset TEND_DB
[ -x /usr/bin/time ] || { echo "memory.sh: needs /usr/bin/time" \
    "(apt-get install time)" >&2; exit 1; }

# measure LABEL COMMAND...: "KB SECONDS" of one run; its output discarded.
measure() {
	label=$1
	shift
	/usr/bin/time -v -o "$tmp/time.$label" "$@" >/dev/null
	awk -F': ' '/Maximum resident set size/ { kb = $2 }
	    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0
	    for (i = 1; i <= n; i++) s = s * 60 + p[i] }
	    END { printf "%d %.2f\n", kb, s }' "$tmp/time.$label"
}

printf '%-8s %14s %10s %14s %10s\n' notes "import peak KB" "import s" \
    "export peak KB" "export s"
for n in 100000 1000000; do
	"$top/tests/bench/gen-notes" "$n" >"$tmp/notes.jsonl"
	set -- $(measure import.$n "$tend" --db "$tmp/j$n.db" import \
	    "$tmp/notes.jsonl")
	ikb=$1 is=$2
	set -- $(measure export.$n "$tend" --db "$tmp/j$n.db" export)
	ekb=$1 es=$2
	printf '%-8s %14s %10s %14s %10s\n' "$n" "$ikb" "$is" "$ekb" "$es"
	eval "ikb_$n=$ikb ekb_$n=$ekb"
	rm -f "$tmp/notes.jsonl" "$tmp/j$n.db"*
done
awk -v i1="$ikb_100000" -v i2="$ikb_1000000" -v e1="$ekb_100000" \
    -v e2="$ekb_1000000" 'BEGIN {
	printf "ratio 1M/100k: import %.2f, export %.2f (target <= 1.20)\n",
	    i2 / i1, e2 / e1
	exit !(i2 / i1 <= 1.2 && e2 / e1 <= 1.2)
}'
