/*
 * fuzz-import.c - libFuzzer target for tend_import, the import record
 * validator: arbitrary bytes as an export file, into a fresh journal.
 *
 * Oracle: whatever import accepts is exported, the export is imported into
 * a second fresh journal, which must succeed, and the second journal must
 * export the same records (the header line, which carries the export time,
 * is left out of the comparison).  Any difference aborts, which libFuzzer
 * reports as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend.h"

#define NOW	((time_t)1795255200)	/* 2026-11-21T10:00:00Z */

static char dir[256];
static char path1[300], path2[300];

struct input {
	const char	*p;
	size_t		 n, off;
};

struct output {
	char	*p;
	size_t	 len, cap;
};

static long
read_mem(void *arg, char *buf, size_t n)
{
	struct input *in = arg;
	size_t k = in->n - in->off;

	if (k > n)
		k = n;
	memcpy(buf, in->p + in->off, k);
	in->off += k;
	return (long)k;
}

static int
write_mem(void *arg, const char *buf, size_t n)
{
	struct output *out = arg;
	char *p;

	if (out->len + n + 1 > out->cap) {
		size_t cap = (out->len + n + 1) * 2;

		if ((p = realloc(out->p, cap)) == NULL)
			return -1;
		out->p = p;
		out->cap = cap;
	}
	memcpy(out->p + out->len, buf, n);
	out->len += n;
	out->p[out->len] = '\0';
	return 0;
}

static void
remove_journal(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char name[320];
	size_t i;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(name, sizeof(name), "%s%s", path, ext[i]);
		unlink(name);
	}
}

/* A fresh journal at path for an import, with the clock fixed. */
static struct tend *
fresh(const char *path)
{
	struct tend *t;

	remove_journal(path);
	if ((t = tend_new()) == NULL)
		abort();
	tend_set_clock(t, NOW, 0);
	if (tend_import_create(t, path) != TEND_OK) {
		fprintf(stderr, "fuzz-import: cannot create %s: %s\n", path,
		    tend_errmsg(t));
		abort();
	}
	return t;
}

static void
export_all(struct tend *t, struct output *out, const char *what)
{
	if (tend_export(t, TEND_EXPORT_JSONL, write_mem, out) != TEND_OK) {
		fprintf(stderr, "fuzz-import: export of %s failed: %s\n", what,
		    tend_errmsg(t));
		abort();
	}
	if (out->p == NULL)
		write_mem(out, "", 0);
}

/* The records: everything after the header line. */
static const char *
records(const char *s)
{
	const char *nl = strchr(s, '\n');

	return nl != NULL ? nl + 1 : "";
}

static void
cleanup(void)
{
	remove_journal(path1);
	remove_journal(path2);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *, char ***);
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	if (tmp == NULL || *tmp != '/')
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(dir, sizeof(dir), "%s/tend-fuzz-XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		perror("fuzz-import: mkdtemp");
		abort();
	}
	snprintf(path1, sizeof(path1), "%s/first.db", dir);
	snprintf(path2, sizeof(path2), "%s/second.db", dir);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tend_import_stats stats;
	struct input in = { (const char *)data, size, 0 };
	struct output a = { 0 }, b = { 0 };
	struct tend *t1, *t2;

	t1 = fresh(path1);
	if (tend_import(t1, read_mem, &in, 0, NULL, &stats) != TEND_OK) {
		tend_free(t1);
		remove_journal(path1);
		return 0;
	}
	export_all(t1, &a, "the first journal");
	tend_free(t1);
	remove_journal(path1);

	t2 = fresh(path2);
	in.p = a.p;
	in.n = a.len;
	in.off = 0;
	if (tend_import(t2, read_mem, &in, 0, NULL, &stats) != TEND_OK) {
		fprintf(stderr, "fuzz-import: the export of an accepted file "
		    "was refused: %s\n--- export:\n%s", tend_errmsg(t2), a.p);
		abort();
	}
	export_all(t2, &b, "the second journal");
	tend_free(t2);
	remove_journal(path2);

	if (strcmp(records(a.p), records(b.p)) != 0) {
		fprintf(stderr, "fuzz-import: export, import, export changed "
		    "the records\n--- first:\n%s--- second:\n%s", a.p, b.p);
		abort();
	}
	free(a.p);
	free(b.p);
	return 0;
}
