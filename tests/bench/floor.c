/*
 * floor.c - the floor of the benchmark: a C program that does nothing,
 * linked (with --no-as-needed, by make bench) to every library tend is
 * linked to, so that what it costs is exec, the dynamic loader and
 * relocating those libraries: what no tend command can go below.
 */
int
main(void)
{
	return 0;
}
