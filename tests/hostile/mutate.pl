#!/usr/bin/perl
# mutate.pl SEED COUNT SOURCE OUTDIR - write COUNT copies of SOURCE, each
# with 1 to 8 bytes at random offsets replaced by random values, as
# OUTDIR/m0000.db ...  The same seed writes the same mutants.
use strict;
use warnings;
my ($seed, $count, $src, $dir) = @ARGV;
die "usage: mutate.pl SEED COUNT SOURCE OUTDIR\n" unless defined $dir;
srand($seed);
open(my $in, '<:raw', $src) or die "$src: $!\n";
local $/;
my $orig = <$in>;
close $in;
my $len = length $orig;
for my $i (0 .. $count - 1) {
	my $m = $orig;
	my $flips = 1 + int(rand(8));
	for (1 .. $flips) {
		# Half the flips in the first 4 KiB (header, schema page).
		my $off = rand() < 0.5 ? int(rand($len < 4096 ? $len : 4096))
		    : int(rand($len));
		my $b = int(rand(255)) + 1;
		substr($m, $off, 1) = chr(ord(substr($m, $off, 1)) ^ $b);
	}
	my $out = sprintf("%s/m%04d.db", $dir, $i);
	open(my $fh, '>:raw', $out) or die "$out: $!\n";
	print $fh $m;
	close $fh;
	chmod 0600, $out;
}
