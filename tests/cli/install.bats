#!/usr/bin/env bats
# install.bats - make install and uninstall honour PREFIX and DESTDIR and
# put the binary, the manual and the shell completions where a packager
# expects them.

load helper

@test "install puts tend, tend.1 and the completions under DESTDIR/PREFIX; uninstall removes them" {
	local d=$BATS_TEST_TMPDIR/dest
	run -0 make -s -C "$TEND_TOP" -o all install DESTDIR="$d" PREFIX=/usr
	run -0 bash -c "find '$d' -type f -printf '%P %m\\n' | sort"
	assert_output "$(printf '%s\n' 'usr/bin/tend 755' \
	    'usr/share/man/man1/tend.1 644' \
	    'usr/share/bash-completion/completions/tend 644' \
	    'usr/share/zsh/site-functions/_tend 644' \
	    'usr/share/fish/vendor_completions.d/tend.fish 644' | sort)"
	run -0 "$d/usr/bin/tend" --version
	run -0 make -s -C "$TEND_TOP" uninstall DESTDIR="$d" PREFIX=/usr
	run -0 find "$d" -type f
	assert_output ''
}
