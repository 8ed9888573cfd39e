/*
 * failsync.c - an LD_PRELOAD shim for tests/fault/faults.bats: fsync(2)
 * and fdatasync(2) succeed for the first FAILSYNC_AFTER calls (0 when
 * unset), then fail with EIO without syncing, as a dying disk would.
 * With FAILSYNC_STALL=N each call first waits N seconds, as a slow disk
 * would, so that a test can signal tend in the middle of writing.
 * Built by 'make build/failsync.so'; a test helper, never installed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <dlfcn.h>

int fsync(int);
int fdatasync(int);

static long calls;

static int
failing(void)
{
	const char *s = getenv("FAILSYNC_AFTER");
	const char *stall = getenv("FAILSYNC_STALL");

	if (stall != NULL)
		sleep((unsigned)atoi(stall));

	return calls++ >= (s != NULL ? atol(s) : 0);
}

static int
real(const char *name, int fd)
{
	int (*fn)(int) = (int (*)(int))dlsym(RTLD_NEXT, name);

	if (fn == NULL) {
		errno = ENOSYS;
		return -1;
	}
	return fn(fd);
}

int
fsync(int fd)
{
	if (failing()) {
		errno = EIO;
		return -1;
	}
	return real("fsync", fd);
}

int
fdatasync(int fd)
{
	if (failing()) {
		errno = EIO;
		return -1;
	}
	return real("fdatasync", fd);
}
