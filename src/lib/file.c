/*
 * file.c - files as the journal's safety asks, with no SQLite: the checks
 * ssh would make of a journal, its folder and its -wal and -shm before
 * anything opens them, and durable new files (a 0600 temporary file beside
 * the target, synced, renamed into place only when whole, the folder
 * synced) for new journals, backups and exports.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend-int.h"

/*
 * What ssh would refuse about the journal file: a link, someone else's
 * file, a file others can read or write, a hard-linked one.  Nothing is
 * changed: the problem goes to the handle's message, and what to do goes
 * to fix (may be "") or to the handle's mend, so that open can refuse with
 * both and doctor report them apart.
 */
static int
check_file(struct tend *t, const char *path, int side, char *fix,
    size_t nfix)
{
	struct stat st;

	*fix = '\0';
	if (lstat(path, &st) == -1) {
		if (errno == ENOENT && side)
			return TEND_OK;
		if (errno == ENOENT)
			return tend_setfix(t, tend_seterr(t, TEND_ENOJOURNAL,
			    "no journal at %s", path), TEND_FIX_CREATE, NULL);
		return tend_seterr(t, errno == EACCES ? TEND_EPERM : TEND_EIO,
		    "cannot read %s: %s", path, strerror(errno));
	}
	/*
	 * A -wal or -shm that is a link, not a file, or someone else's was
	 * not made by the user's tend: it would show or replace the journal.
	 */
	if (side && (!S_ISREG(st.st_mode) || st.st_uid != geteuid())) {
		snprintf(fix, nfix, "tend did not make it: remove it, and keep "
		    "the journal in a folder only you can write");
		return tend_seterr(t, TEND_EPERM, "%s is %s", path,
		    S_ISLNK(st.st_mode) ? "a symbolic link" :
		    !S_ISREG(st.st_mode) ? "not a regular file" :
		    "another user's file");
	}
	if (S_ISLNK(st.st_mode))
		return tend_setfix(t, tend_seterr(t, TEND_EPERM, "%s is a "
		    "symbolic link", path), TEND_FIX_LINK, NULL);
	if (S_ISDIR(st.st_mode)) {
		snprintf(fix, nfix, "give the journal file's path");
		return tend_seterr(t, TEND_EDATA, "%s is a directory, not a "
		    "tend journal", path);
	}
	if (!S_ISREG(st.st_mode))
		return tend_seterr(t, TEND_EDATA, "%s is not a regular file, "
		    "so not a tend journal", path);
	if (st.st_uid != geteuid()) {
		snprintf(fix, nfix, "tend opens only your own journal");
		return tend_seterr(t, TEND_EPERM, "%s belongs to another user "
		    "(uid %u)", path, (unsigned)st.st_uid);
	}
	if (st.st_mode & 077) {
		snprintf(fix, nfix, "run 'chmod 600 %s'", path);
		return tend_seterr(t, TEND_EPERM, "%s can be read by others "
		    "(mode %04o)", path, (unsigned)(st.st_mode & 07777));
	}
	if (st.st_nlink > 1) {
		snprintf(fix, nfix, "keep one name for it");
		return tend_seterr(t, TEND_EPERM, "%s has %lu hard links, so "
		    "others may reach it", path, (unsigned long)st.st_nlink);
	}
	if (access(path, R_OK) == -1) {
		/*
		 * Another tend closing last removes its -wal and -shm: gone
		 * since lstat is as good as never there.
		 */
		if (errno == ENOENT && side)
			return TEND_OK;
		snprintf(fix, nfix, "run 'chmod 600 %s'", path);
		return tend_seterr(t, TEND_EPERM, "cannot read %s: %s", path,
		    strerror(errno));
	}
	return TEND_OK;
}

int
file_check_journal(struct tend *t, const char *path, char *fix, size_t nfix)
{
	return check_file(t, path, 0, fix, nfix);
}

int
file_check_side(struct tend *t, const char *side, char *fix, size_t nfix)
{
	return check_file(t, side, 1, fix, nfix);
}

/*
 * The journal's folder, refused when others may write into it, sticky or
 * not: in a sticky /tmp another user can still make the -wal and -shm
 * before tend does, and read or replace every word.  Reported as
 * file_check_journal does.
 */
int
file_check_folder(struct tend *t, const char *path, char *fix, size_t nfix)
{
	struct stat st;
	char *copy, *dir;
	int rc = TEND_OK;

	*fix = '\0';
	if ((copy = strdup(path)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	dir = dirname(copy);
	if (stat(dir, &st) == 0 && (st.st_mode & 022)) {
		rc = tend_seterr(t, TEND_EPERM, "%s can be written by others "
		    "(mode %04o)", dir, (unsigned)(st.st_mode & 07777));
		/* chmod would break a shared folder such as /tmp. */
		if ((st.st_mode & S_ISVTX) || st.st_uid != geteuid())
			tend_setfix(t, rc, TEND_FIX_FOLDER, NULL);
		else
			snprintf(fix, nfix, "run 'chmod 700 %s'", dir);
	}
	free(copy);
	return rc;
}

/*
 * Refuse an unsafe journal with the problem and its fix in one message (or
 * its mend, for the front end to word): the file, its folder, and its -wal
 * and -shm before SQLite opens them.
 */
int
file_check_safe(struct tend *t, const char *path)
{
	static const char *const suffix[] = { "-wal", "-shm" };
	char fix[4200], problem[sizeof(t->err)], side[4096];
	size_t i;
	int rc;

	if ((rc = file_check_journal(t, path, fix, sizeof(fix))) != TEND_OK ||
	    (rc = file_check_folder(t, path, fix, sizeof(fix))) != TEND_OK)
		goto refuse;
	for (i = 0; i < sizeof(suffix) / sizeof(*suffix); i++) {
		if (snprintf(side, sizeof(side), "%s%s", path, suffix[i]) >=
		    (int)sizeof(side))
			return tend_seterr(t, TEND_EINVAL, "path too long: %s",
			    path);
		if ((rc = file_check_side(t, side, fix, sizeof(fix))) != TEND_OK)
			goto refuse;
	}
	return TEND_OK;
refuse:
	if (*fix == '\0')
		return rc;
	snprintf(problem, sizeof(problem), "%s", t->err);
	return tend_seterr(t, rc, "%s; %s", problem, fix);
}

/* Give tmp the name dest only if dest does not exist, with no race. */
static int
rename_new(const char *tmp, const char *dest)
{
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dest, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
		return -1;
	/* A file system without it: link(2) refuses an existing name too. */
	if (link(tmp, dest) == -1)
		return -1;
	unlink(tmp);
	return 0;
}

/* fsync a file's folder, so that a rename into it survives a power cut. */
int
file_sync_folder(const char *path)
{
	char *copy;
	int fd, rc = -1;

	if ((copy = strdup(path)) == NULL)
		return -1;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(copy);
	if (fd == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
file_io_code(int err)
{
	if (err == EACCES || err == EROFS || err == EPERM)
		return TEND_EREADONLY;
	if (err == ENOSPC || err == EDQUOT || err == EFBIG)
		return TEND_EFULL;
	return TEND_EIO;
}

/* 1 when path names the same file as st. */
static int
same_file(const char *path, const struct stat *st)
{
	struct stat o;

	return stat(path, &o) == 0 && o.st_dev == st->st_dev &&
	    o.st_ino == st->st_ino;
}

int
file_check_output(struct tend *t, const char *dest, const char *what)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char buf[4096];
	struct stat st;
	size_t i;

	if (t->path == NULL)
		return tend_seterr(t, TEND_EINVAL, "no journal is open");
	/* By name too: a -wal or -shm that is not there yet. */
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++)
		if (snprintf(buf, sizeof(buf), "%s%s", t->path, suffix[i]) <
		    (int)sizeof(buf) && (strcmp(buf, dest) == 0 ||
		    (stat(dest, &st) == 0 && same_file(buf, &st))))
			return i == 0 ? tend_seterr(t, TEND_EINVAL, "%s is the "
			    "journal itself; give another path for %s", dest,
			    what) : tend_seterr(t, TEND_EINVAL, "%s is the "
			    "journal's %s file; give another path for %s",
			    dest, suffix[i], what);
	if (stat(dest, &st) == 0 && S_ISDIR(st.st_mode))
		return tend_seterr(t, TEND_EINVAL, "%s is a folder; give the "
		    "path of a file in it for %s", dest, what);
	/* Never replaced: a device, a pipe, a socket, a link. */
	if (lstat(dest, &st) == 0 && !S_ISREG(st.st_mode))
		return tend_seterr(t, TEND_EINVAL, "%s is not a regular file; "
		    "give the path of a file for %s", dest, what);
	return TEND_OK;
}

int
file_rename(const char *tmp, const char *dest, int replace)
{
	return replace ? rename(tmp, dest) : rename_new(tmp, dest);
}

int
file_temp(struct tend *t, const char *dest, char *tmp, size_t size, int *fd)
{
	if (snprintf(tmp, size, "%s.tmp-XXXXXX", dest) >= (int)size)
		return tend_seterr(t, TEND_EINVAL, "path too long: %s", dest);
	/* mkostemp opens with O_EXCL, mode 0600, whatever the umask. */
	if ((*fd = mkostemp(tmp, O_NOFOLLOW | O_CLOEXEC)) == -1)
		return tend_seterr(t, file_io_code(errno), "cannot create %s: "
		    "%s", dest, strerror(errno));
	return TEND_OK;
}

int
file_publish(struct tend *t, int fd, const char *tmp, const char *dest,
    int replace)
{
	int err;

	if (fsync(fd) == -1 || file_rename(tmp, dest, replace) == -1) {
		err = errno;
		return err == EEXIST ? tend_seterr(t, TEND_EEXIST, "%s already "
		    "exists; it was left as it is", dest) : tend_seterr(t,
		    file_io_code(err), "cannot save %s: %s", dest,
		    strerror(err));
	}
	if (file_sync_folder(dest) == -1)
		return tend_seterr(t, TEND_EIO, "cannot sync the folder of %s: "
		    "%s", dest, strerror(errno));
	return TEND_OK;
}

/* ---- Files a front end writes: export -o ------------------------------ */

int
tend_output_check(struct tend *t, const char *dest, const char *what)
{
	if (t->path == NULL)
		return tend_seterr(t, TEND_ENOJOURNAL, "no journal is open");
	return file_check_output(t, dest, what);
}

int
tend_outfile_open(struct tend *t, const char *dest, const char *what,
    int replace, struct tend_outfile *f)
{
	struct stat st;
	int rc;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	if ((rc = tend_output_check(t, dest, what)) != TEND_OK)
		return rc;
	/* Early, for a clear message; the rename still refuses. */
	if (!replace && lstat(dest, &st) == 0)
		return tend_seterr(t, TEND_EEXIST, "%s already exists; it was "
		    "left as it is", dest);
	if ((f->dest = strdup(dest)) == NULL)
		return tend_seterr(t, TEND_ENOMEM, "out of memory");
	if ((rc = file_temp(t, dest, f->tmp, sizeof(f->tmp), &f->fd)) !=
	    TEND_OK) {
		free(f->dest);
		f->dest = NULL;
		return rc;
	}
	f->replace = replace;
	return TEND_OK;
}

int
tend_outfile_commit(struct tend *t, struct tend_outfile *f)
{
	int rc = file_publish(t, f->fd, f->tmp, f->dest, f->replace);

	if (rc != TEND_OK)
		unlink(f->tmp);
	close(f->fd);
	f->fd = -1;
	f->tmp[0] = '\0';
	free(f->dest);
	f->dest = NULL;
	return rc;
}

void
tend_outfile_abandon(struct tend_outfile *f)
{
	if (f->fd != -1) {
		close(f->fd);
		unlink(f->tmp);
	}
	f->fd = -1;
	f->tmp[0] = '\0';
	free(f->dest);
	f->dest = NULL;
}
