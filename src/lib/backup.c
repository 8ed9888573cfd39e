/*
 * backup.c - tend backup: a consistent copy of the open journal, taken
 * with SQLite's online backup API by open.c, after refusing the targets that
 * would lose data (the journal itself, its -wal or -shm, a folder, a
 * device); export -o refuses the same ones (file.c).
 */
#include <sys/stat.h>

#include <stdio.h>
#include <string.h>

#include "tend-int.h"

int
tend_backup(struct tend *t, const char *dest, int force)
{
	struct stat st;
	int rc;

	if (t->db == NULL || t->path == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	if (dest == NULL || *dest == '\0')
		return tend_seterr(t, TEND_EINVAL, "the backup needs a path");
	if ((rc = file_check_output(t, dest, "the backup")) != TEND_OK)
		return rc;
	/* Early, for a clear message; db_backup's rename still refuses. */
	if (!force && lstat(dest, &st) == 0)
		return tend_seterr(t, TEND_EEXIST, "%s already exists; it was "
		    "left as it is", dest);
	return db_backup(t, dest, force);
}
