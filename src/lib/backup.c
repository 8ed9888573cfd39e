/*
 * backup.c - tend backup: a consistent copy of the open journal, taken
 * with SQLite's online backup API by db.c, after refusing the targets that
 * would lose data (the journal itself, its -wal or -shm, a folder).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <string.h>

#include "tend-int.h"

/* 1 when path names the same file as st. */
static int
same_file(const char *path, const struct stat *st)
{
	struct stat o;

	return stat(path, &o) == 0 && o.st_dev == st->st_dev &&
	    o.st_ino == st->st_ino;
}

/* Whether dest is the journal, or its -wal or -shm file. */
static int
is_journal(const struct tend *t, const struct stat *st)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char buf[4096];
	size_t i;

	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++)
		if (snprintf(buf, sizeof(buf), "%s%s", t->path, suffix[i]) <
		    (int)sizeof(buf) && same_file(buf, st))
			return 1;
	return 0;
}

int
tend_backup(struct tend *t, const char *dest, int force)
{
	struct stat st;

	if (t->db == NULL || t->path == NULL)
		return tend_seterr(t, TEND_EINVAL, "no journal is open");
	if (dest == NULL || *dest == '\0')
		return tend_seterr(t, TEND_EINVAL, "the backup needs a path");
	if (stat(dest, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return tend_seterr(t, TEND_EINVAL, "%s is a folder; "
			    "give the backup file's path, e.g. %s/journal.db",
			    dest, dest);
		if (is_journal(t, &st))
			return tend_seterr(t, TEND_EINVAL, "%s is the journal "
			    "itself; give another path for the backup", dest);
	}
	/* Early, for a clear message; db_backup's rename still refuses. */
	if (!force && lstat(dest, &st) == 0)
		return tend_seterr(t, TEND_EEXIST, "%s already exists; it was "
		    "left as it is (--force replaces it)", dest);
	return db_backup(t, dest, force);
}
