#!/bin/bash
# run.sh - the benchmark of issue 7: every row of its table measured side by
# side with its reference in one run, printed as one table and written to
# tests/bench/RESULTS.md with the machine it ran on.
#
# Usage: tests/bench/run.sh TEND BENCHDIR   (run by 'make bench', which
# builds BENCHDIR/floor and BENCHDIR/insert first)
#
# The journals are made through tend's own import and kept in BENCHDIR
# (build/bench, never committed) for the next run:
#   10y.db  520 weekly check-ins of a couple, every answer and rating, with
#           the two appreciation notes each makes (gen-checkins)
#   1m.db   1,000,000 notes (gen-notes)
# 'tend thanks' and its reference add one note per run to 1m.db; the notes
# they added are deleted again at the end, so 1m.db keeps 1,000,000.
#
# Times are hyperfine medians with min-max (no shell, warmups first); peak
# memory is /usr/bin/time -v's maximum resident set size.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tend=${1:?usage: run.sh TEND BENCHDIR}
dir=${2:?usage: run.sh TEND BENCHDIR}
floor=$dir/floor
insert=$dir/insert
for x in hyperfine sqlite3 jq /usr/bin/time "$floor" "$insert"; do
	command -v "$x" >/dev/null || { echo "run.sh: needs $x" >&2; exit 1; }
done
mkdir -p "$dir/home" "$dir/out"
export TEND_NOW=2026-11-21T10:00:00Z TZ=UTC LC_ALL=C.UTF-8 TERM=dumb
export HOME="$dir/home" XDG_DATA_HOME="$dir/home/data" \
    XDG_CONFIG_HOME="$dir/home/config" XDG_STATE_HOME="$dir/home/state"
unset TEND_DB TEND_PAGER PAGER LESS
out=$dir/out
y10=$dir/10y.db
m1=$dir/1m.db

say() { printf '%s\n' "$*" >&2; }

# ---- The journals --------------------------------------------------------

[ -s "$dir/notes-100k.jsonl" ] ||
	"$top/tests/bench/gen-notes" 100000 >"$dir/notes-100k.jsonl"
[ -s "$dir/notes-1m.jsonl" ] ||
	"$top/tests/bench/gen-notes" 1000000 >"$dir/notes-1m.jsonl"
if [ ! -s "$y10" ]; then
	say "making $y10 (10 years of check-ins)"
	"$top/tests/bench/gen-checkins" 520 >"$dir/checkins.jsonl"
	"$tend" --db "$y10" import "$dir/checkins.jsonl" >/dev/null
fi
if [ ! -s "$m1" ]; then
	say "making $m1 (1,000,000 notes)"
	"$tend" --db "$m1" import "$dir/notes-1m.jsonl" >/dev/null
fi
# A journal left longer by an interrupted run: back to 1,000,000 notes.
sqlite3 "$m1" "DELETE FROM note WHERE id > 1000000" >/dev/null

# ---- Measuring -----------------------------------------------------------

# Commands of a few milliseconds get 100-200 runs: on a shared machine a
# median of fewer moves by a millisecond from one run to the next.
# hf NAME RUNS WARMUP [hyperfine options] -- COMMAND...: the JSON of one
# hyperfine run of the commands (without a shell) in $out/NAME.json.
hf() {
	local name=$1 runs=$2 warm=$3
	shift 3
	say "== $name"
	hyperfine -N --style basic --runs "$runs" --warmup "$warm" \
	    --export-json "$out/$name.json" "$@" >&2
}

# med NAME I: "median min max cpu" in ms of the I-th command of NAME, cpu
# the mean user + system time: on a shared machine the wall time also holds
# the time spent waiting for a core, the CPU time only the work done.
med() {
	jq -r ".results[$2] | [.median, .min, .max, .user + .system] |
	    map(. * 1000) |
	    map(tostring) | join(\" \")" "$out/$1.json"
}

# rss COMMAND...: peak resident set size in KiB of one run; output dropped.
rss() {
	/usr/bin/time -f '%M' -o "$out/rss" "$@" >/dev/null
	tail -n 1 "$out/rss"
}

# fmt MS MIN MAX CPU: "12.3 ms (11.9–13.0), CPU 9.8 ms", in seconds past
# 1,000 ms.
fmt() {
	awk -v m="$1" -v a="$2" -v b="$3" -v c="$4" 'BEGIN {
		if (m >= 1000)
			printf "%.2f s (%.2f–%.2f), CPU %.2f s", m / 1000,
			    a / 1000, b / 1000, c / 1000
		else if (m >= 100)
			printf "%.0f ms (%.0f–%.0f), CPU %.0f ms", m, a, b, c
		else
			printf "%.1f ms (%.1f–%.1f), CPU %.1f ms", m, a, b, c
	}'
}

rows=()
verdicts=()
# row OPERATION TEND REFERENCE RATIO TARGET VERDICT
row() {
	rows+=("| $1 | $2 | $3 | $4 | $5 | $6 |")
	verdicts+=("$6")
}

# ratio_row OP TENDM REFM MAXRATIO TARGET-TEXT: a row judged on tend/ref.
ratio_row() {
	local op=$1 t=$2 r=$3 max=$4 target=$5 ratio v
	set -- $t
	local tm=$1 tf
	tf=$(fmt "$@")
	set -- $r
	local rm=$1 rf
	rf=$(fmt "$@")
	ratio=$(awk -v a="$tm" -v b="$rm" 'BEGIN { printf "%.2fx", a / b }')
	v=$(awk -v a="$tm" -v b="$rm" -v m="$max" \
	    'BEGIN { print a / b <= m ? "holds" : "MISSED" }')
	row "$op" "$tf" "$rf" "$ratio" "$target" "$v"
}

# 1. Start-up: tip and --version against the floor.
hf startup 200 10 "$floor" "$tend --db $y10 tip" "$tend --version"
ratio_row '`tend tip`' "$(med startup 1)" "$(med startup 0)" 1.3 '≤ 1.3x'
ratio_row '`tend --version`' "$(med startup 2)" "$(med startup 0)" 1.3 \
    '≤ 1.3x'

# 2. One note: tend thanks against one INSERT with the same pragmas.
hf thanks 20 3 "$insert $m1" "$tend --db $m1 thanks Alex for the benchmark"
ratio_row '`tend thanks` (1M)' "$(med thanks 1)" "$(med thanks 0)" 1.2 \
    '≤ 1.2x'
sqlite3 "$m1" "DELETE FROM note WHERE id > 1000000" >/dev/null

# 3. The newest notes: tend notes against its query in the shell, the
# exact SQL of src/lib/notes.c with the parameters bound as tend binds them
# (?1-?5 NULL: no filter; ?6 the limit), read from a file by '.read'.
cat >"$out/notes.sql" <<'SQL'
.parameter set ?6 20
SELECT n.uuid, a.name, b.name, n.body, n.created, n.week
 FROM note n JOIN partner a ON a.id = n.from_id
 JOIN partner b ON b.id = n.to_id
 WHERE (?1 IS NULL OR n.from_id = ?1)
 AND (?2 IS NULL OR n.to_id = ?2)
 AND (?3 IS NULL OR n.created >= ?3)
 AND (?4 IS NULL OR n.created < ?4)
 AND (?5 IS NULL OR n.week = ?5)
 ORDER BY n.created DESC, n.id DESC LIMIT ?6;
SQL
hf notes 100 10 "sqlite3 -readonly $m1 \".read $out/notes.sql\"" \
    "$tend --db $m1 notes --limit 20"
ratio_row '`tend notes --limit 20` (1M)' "$(med notes 1)" "$(med notes 0)" \
    1.0 '≤ 1.0x'

# 4. Search: the exact SQL of src/lib/search.c's run_query(), ?1 the word
# quoted as tend quotes it, ?2-?4 NULL (no filter), ?5 20 (tend's default
# limit).  tend then makes a snippet of each of the 20 hits kept.
search_sql() {
	cat <<SQL
.parameter set ?1 '"$1"'
.parameter set ?5 20
SELECT h.r,
 coalesce(a.uuid, n.uuid, e.uuid),
 coalesce(c.week, n.week, e.week),
 coalesce(a.created, n.created, e.updated, e.chosen),
 w.name, r.name, a.prompt,
 CAST(h.score * 1000000 AS INTEGER)
 FROM (SELECT rowid AS r, bm25(fts) AS score FROM fts
  WHERE fts MATCH ?1) h
 LEFT JOIN answer a ON h.r % 4 = 1 AND a.id = h.r / 4
 LEFT JOIN checkin c ON c.id = a.checkin_id
 LEFT JOIN note n ON h.r % 4 = 2 AND n.id = h.r / 4
 LEFT JOIN experiment e ON h.r % 4 = 3 AND e.id = h.r / 4
 LEFT JOIN partner w ON w.id = coalesce(a.partner_id, n.from_id)
 LEFT JOIN partner r ON r.id = n.to_id
 WHERE coalesce(a.id, n.id, e.id) IS NOT NULL
 AND (?2 IS NULL OR h.r % 4 = ?2)
 AND (?3 IS NULL OR w.name = ?3)
 AND (?4 IS NULL OR coalesce(a.created, n.created, e.updated,
  e.chosen) >= ?4)
 AND NOT (h.r % 4 = 2 AND n.answer_id IS NOT NULL
  AND coalesce(?2, 0) <> 2)
 ORDER BY h.score, h.r DESC LIMIT ?5;
SQL
}
# 'thank' is in every note, 'bike' in one in ten, '123457' in one.
for w in 123457 bike thank; do
	search_sql "$w" >"$out/search-$w.sql"
	n=10
	[ "$w" != 123457 ] || n=100
	hf "search-$w" "$n" 2 "sqlite3 -readonly $m1 \".read $out/search-$w.sql\"" \
	    "$tend --db $m1 search $w"
	case $w in
	123457) what='a word in 1 note';;
	bike) what='a word in 100k notes';;
	thank) what='a word in all 1M notes';;
	esac
	ratio_row "\`tend search $w\` (1M, $what)" "$(med "search-$w" 1)" \
	    "$(med "search-$w" 0)" 1.2 '≤ 1.2x'
done

# 5. Export: tend export against sqlite3 -json of the same notes.
export_sql="SELECT n.uuid AS id, f.uuid AS [from], o.uuid AS [to],
 n.body AS text, n.week, n.created, a.uuid AS answer
 FROM note n JOIN partner f ON f.id = n.from_id
 JOIN partner o ON o.id = n.to_id
 LEFT JOIN answer a ON a.id = n.answer_id ORDER BY n.id"
hf export 5 1 "sqlite3 -readonly -json $m1 \"$export_sql\"" \
    "$tend --db $m1 export"
set -- $(med export 1)
et=$1 etf=$(fmt "$@")
set -- $(med export 0)
xt=$1 xtf=$(fmt "$@")
ekb=$(rss "$tend" --db "$m1" export)
xkb=$(rss sqlite3 -readonly -json "$m1" "$export_sql")
row '`tend export` (1M)' \
    "$etf; peak $(awk -v k="$ekb" 'BEGIN { printf "%.1f MiB", k / 1024 }')" \
    "$xtf; peak $(awk -v k="$xkb" 'BEGIN { printf "%.1f MiB", k / 1024 }')" \
    "$(awk -v a="$et" -v b="$xt" 'BEGIN { printf "%.2fx", a / b }')" \
    '≤ 1.5x time, ≤ 10 MiB peak' \
    "$(awk -v a="$et" -v b="$xt" -v k="$ekb" \
    'BEGIN { print a / b <= 1.5 && k <= 10240 ? "holds" : "MISSED" }')"

# 6. Import of 1M notes into a new journal, and its memory against 100k.
scratch=$dir/import.db
hf import 3 0 --prepare "rm -f $scratch $scratch-wal $scratch-shm" \
    "$tend --db $scratch import $dir/notes-1m.jsonl"
rm -f "$scratch" "$scratch-wal" "$scratch-shm"
ikb1=$(rss "$tend" --db "$scratch" import "$dir/notes-1m.jsonl")
rm -f "$scratch" "$scratch-wal" "$scratch-shm"
ikb0=$(rss "$tend" --db "$scratch" import "$dir/notes-100k.jsonl")
rm -f "$scratch" "$scratch-wal" "$scratch-shm"
set -- $(med import 0)
it=$1
row '`tend import` (1M)' \
    "$(fmt "$@"); peak $(awk -v k="$ikb1" \
    'BEGIN { printf "%.1f MiB", k / 1024 }')" \
    "100k import: peak $(awk -v k="$ikb0" \
    'BEGIN { printf "%.1f MiB", k / 1024 }')" \
    "$(awk -v a="$ikb1" -v b="$ikb0" 'BEGIN { printf "%.2fx peak", a / b }')" \
    '≤ 10 s, peak ≤ 1.2x of 100k' \
    "$(awk -v t="$it" -v a="$ikb1" -v b="$ikb0" \
    'BEGIN { print t <= 10000 && a / b <= 1.2 ? "holds" : "MISSED" }')"

# 7. Reading ten years: show, history and stats against the floor, as a
# ratio: the floor itself was 1.1 ms on one machine and 3.7 ms on another
# (issue 12).
hf years 100 10 "$floor" "$tend --db $y10 show" "$tend --db $y10 history" \
    "$tend --db $y10 stats"
i=1
for c in show history stats; do
	ratio_row "\`tend $c\` (10 years)" "$(med years "$i")" "$(med years 0)" \
	    2 '≤ 2x the floor'
	i=$((i + 1))
done

# ---- The table -----------------------------------------------------------

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
{
	echo "# tend benchmark results"
	echo
	echo "Made by \`make bench\` (tests/bench/run.sh); issue 7 has the targets."
	echo "Times are hyperfine medians (min–max) of warm runs, and the mean"
	echo "CPU time (user + system); ratios and verdicts are of the medians."
	echo "Peak is the maximum resident set size from \`/usr/bin/time -v\`."
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- machine: $(nproc) cores, ${cpu:-unknown CPU}," \
	    "Linux $(uname -r) ($(uname -m))"
	echo "- tend: $("$tend" --version | head -n 1);" \
	    "SQLite $(sqlite3 -version | cut -d' ' -f1) (library and shell)"
	echo "- journals: 1M = 1,000,000 notes (gen-notes); 10 years = 520" \
	    "weekly check-ins, 8,320 answers, 1,040 notes (gen-checkins);" \
	    "both made by \`tend import\`"
	echo "- \`tend thanks\` and its reference each add a note per run to" \
	    "the 1M journal; they are deleted after the row"
	echo
	echo "| operation | tend | reference | ratio | target | verdict |"
	echo "|---|---|---|---|---|---|"
	printf '%s\n' "${rows[@]}"
} >"$out/RESULTS.md"
cp "$out/RESULTS.md" "$top/tests/bench/RESULTS.md"
echo
sed -n '/^| operation/,$p' "$out/RESULTS.md"
echo
echo "written to tests/bench/RESULTS.md"
missed=0
for v in "${verdicts[@]}"; do
	[ "$v" = holds ] || missed=$((missed + 1))
done
[ "$missed" = 0 ] || echo "$missed target(s) missed"
exit 0
