/*
 * fuzz-args.c - libFuzzer target for tend's command line: global options,
 * the command table, "did you mean", each command's own options and
 * arguments, up to the point where a command would act on the journal.
 *
 * src/cli/main.c is compiled into this file with its main() renamed, so
 * run() is driven exactly as tend runs it.  The input is split at NUL
 * bytes into at most 24 arguments after "tend --no-input --no-pager".
 * Nothing can act: the fuzzer is linked with tend_open, tend_create,
 * tend_create_with and tend_import_create replaced (ld --wrap) by
 * stand-ins that find no journal and make none, whatever --db says, so every command that needs a journal
 * stops at opening it; the paths lie under /dev/null; stdin is /dev/null, so nothing waits for input; standard
 * output goes to /dev/null (run libFuzzer with -close_fd_mask=3 to silence
 * the error messages too).  ASan and UBSan watch every path, and a leak on
 * any of them is reported as well.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int tend_cli_main(int, char **);
#define main tend_cli_main
#include "../../src/cli/main.c"
#undef main

#include "tend-int.h"

#define MAXARGS	24

int __wrap_tend_open(struct tend *, const char *);
int __wrap_tend_create(struct tend *, const char *, const char *const *,
    size_t);
int __wrap_tend_create_with(struct tend *, const char *, const char *const *,
    size_t, const char *const *, size_t);
int __wrap_tend_import_create(struct tend *, const char *);

int
__wrap_tend_open(struct tend *t, const char *path)
{
	return tend_seterr(t, TEND_ENOJOURNAL, "no journal at %s (fuzzing)",
	    path);
}

int
__wrap_tend_create(struct tend *t, const char *path,
    const char *const *names, size_t n)
{
	(void)names;
	(void)n;
	return tend_seterr(t, TEND_EREADONLY, "cannot create %s (fuzzing)",
	    path);
}

int
__wrap_tend_create_with(struct tend *t, const char *path,
    const char *const *names, size_t n, const char *const *settings,
    size_t nsettings)
{
	(void)settings;
	(void)nsettings;
	return __wrap_tend_create(t, path, names, n);
}

int
__wrap_tend_import_create(struct tend *t, const char *path)
{
	return tend_seterr(t, TEND_EREADONLY, "cannot create %s (fuzzing)",
	    path);
}

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TEND_DB", "/dev/null/tend/journal.db", 1);
	setenv("HOME", "/dev/null/home", 1);
	setenv("XDG_DATA_HOME", "/dev/null/data", 1);
	setenv("XDG_CONFIG_HOME", "/dev/null/config", 1);
	setenv("XDG_STATE_HOME", "/dev/null/state", 1);
	setenv("TEND_NOW", "2026-11-21T10:00:00Z", 1);
	setenv("TZ", "UTC", 1);
	unsetenv("TEND_EDITOR");
	unsetenv("TEND_PAGER");
	if (freopen("/dev/null", "r", stdin) == NULL ||
	    freopen("/dev/null", "w", stdout) == NULL)
		abort();
	umask(077);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy, *argv[MAXARGS + 4], *p, *end;
	char a0[] = "tend", a1[] = "--no-input", a2[] = "--no-pager";
	struct cli c = { 0 };
	int argc = 0;

	if ((copy = malloc(size + 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[argc++] = a0;
	argv[argc++] = a1;
	argv[argc++] = a2;
	end = copy + size;
	for (p = copy; p < end && argc < MAXARGS + 3; p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;

	optind = 0;
	(void)run(&c, argc, argv);
	cli_pager_close(&c);
	tend_free(c.t);
	tend_paths_release(&c.paths);
	fflush(stdout);
	clearerr(stdout);
	free(copy);
	return 0;
}
