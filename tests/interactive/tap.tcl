# tap.tcl - what every expect script shares: TAP output, a fresh home with
# the clock fixed, and helpers to drive tend in a pseudo-terminal.
# Spawned output is not echoed (log_user 0), so stdout is TAP alone.

log_user 0
set timeout 10
set tap_n 0
set tap_failed 0

proc plan {n} {
	puts "1..$n"
}

proc ok {cond name} {
	global tap_n tap_failed
	incr tap_n
	if {$cond} {
		puts "ok $tap_n - $name"
	} else {
		puts "not ok $tap_n - $name"
		incr tap_failed
	}
}

proc diag {msg} {
	foreach line [split $msg "\n"] {
		puts "# $line"
	}
}

# A new empty home for one test; TERM=dumb keeps readline free of
# bracketed-paste and keypad escapes.
proc fresh_home {} {
	global env
	set dir [exec mktemp -d]
	set env(HOME) $dir/home
	file mkdir $env(HOME)
	set env(XDG_DATA_HOME) $dir/home/.local/share
	set env(XDG_CONFIG_HOME) $dir/home/.config
	set env(XDG_STATE_HOME) $dir/home/.local/state
	set env(TEND_NOW) 2026-11-21T10:00:00Z
	set env(TZ) UTC
	set env(LC_ALL) C.UTF-8
	set env(TERM) dumb
	set env(INPUTRC) /dev/null
	foreach v {TEND_DB NO_COLOR COLUMNS} {
		array unset env $v
	}
	return $env(XDG_DATA_HOME)/tend/journal.db
}

# Wait for text from the spawned tend; 1 when it came, 0 on timeout/EOF.
proc saw {pattern} {
	expect {
		-exact $pattern { return 1 }
		timeout { diag "timed out waiting for: $pattern"; return 0 }
		eof { diag "ended before: $pattern"; return 0 }
	}
}

# The exit status of the spawned process once it ends.
proc exit_status {} {
	expect eof
	lassign [wait] pid spawnid oserr status
	return $status
}

proc sql {db query} {
	if {[catch {exec sqlite3 -batch $db $query} out]} {
		return "error: $out"
	}
	return $out
}

proc finish {} {
	global tap_failed
	exit [expr {$tap_failed > 0}]
}
