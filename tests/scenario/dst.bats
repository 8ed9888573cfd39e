#!/usr/bin/env bats
# dst.bats - a note a day, back-dated with --date, for the ten days around
# each daylight-saving change of 2027 in two zones: Santiago, whose clocks
# change at midnight, and Lord Howe, whose change is half an hour.  Each
# note is written once at 00:10 and once at 23:50 (--date keeps the time of
# day), five days after the last one, so that each day's offset, not
# today's, decides its date.  Then the date shown, notes --json's week,
# --since/--until and --week must all say the same day.

load helper

# dst_days ZONE CHANGE: the notes of CHANGE-5 ... CHANGE+4, then the checks.
dst_days() {
	local zone=$1 change=$2 days=() i day hm

	export TZ=$zone
	couple
	for i in -5 -4 -3 -2 -1 0 1 2 3 4; do
		days+=("$(TZ=UTC date -d "$change $i days" +%F)")
	done
	for hm in 0010 2350; do
		at "$(TZ=UTC date -d "$change 10 days" +%F)T${hm:0:2}:${hm:2}:00"
		for day in "${days[@]}"; do
			tend thanks --date "$day" Alex "dst $day $hm" >/dev/null
		done
	done
	notes_on_days "${days[@]}"
	# --date yesterday, just after midnight, the day after the change.
	at "$(TZ=UTC date -d "$change 1 day" +%F)T00:10:00"
	run -0 tend thanks --date yesterday Alex "yesterday $MARK"
	note_on_day "yesterday $MARK" "$change"
	views_agree "$(week_of "$change")"
}

@test "America/Santiago, back at midnight on 2027-04-04: each note keeps its day" {
	dst_days America/Santiago 2027-04-04
}

@test "America/Santiago, forward at midnight on 2027-09-05: each note keeps its day" {
	dst_days America/Santiago 2027-09-05
}

@test "Australia/Lord_Howe, back half an hour on 2027-04-04: each note keeps its day" {
	dst_days Australia/Lord_Howe 2027-04-04
}

@test "Australia/Lord_Howe, forward half an hour on 2027-10-03: each note keeps its day" {
	dst_days Australia/Lord_Howe 2027-10-03
}
