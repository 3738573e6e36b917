/*
 * t/lostwrites.c - a model of what a power loss does to the files of a
 * build, for t/430-lost-writes.t.  Two programs from one file:
 *
 * 1. Built as an LD_PRELOAD shim (cc -shared): notes the renames and
 *    fsyncs of the redo processes (Linux: a process is redo's if
 *    /proc/self/exe is LOSTW_EXE; sh, cat and the rest are never
 *    touched), and kills the build at the Kth rename.
 *      LOSTW_EXE    the redo binary, as readlink(/proc/self/exe) says
 *      LOSTW_LOG    the log shared by every process (O_APPEND, one
 *                   write(2) per line, so lines never mix):
 *                     R SEQ DEV INO DDEV DINO SAVED\tFROM\tTO  (before)
 *                     r SEQ                          (the rename worked)
 *                     S DEV INO      (fsync of a file returned 0)
 *                     D DEV INO      (fsync of a directory returned 0)
 *                     K SEQ          (the build is killed here)
 *                   DEV INO: the file renamed; DDEV DINO: the directory
 *                   of TO; SAVED 1 if the file TO named before was
 *                   kept (hard link LOSTW_SAVE/SEQ) for an undo.
 *      LOSTW_COUNT  a file shared by the processes: each rename appends
 *                   a byte; the offset after it is the rename's SEQ
 *      LOSTW_SAVE   the directory for the saved files (same file system)
 *      LOSTW_KILL   K: after rename number K (SEQ), SIGKILL the process
 *                   group, as a power cut stops everything at once.
 *                   Only in a process group that is its own session
 *                   (t/killer.c starts the build so), never elsewhere.
 *
 * 2. Built with -DLOSTWRITES_CRASH: `lwcrash LOG SAVE CUT LOSE` turns
 *    the files into what the disk may hold after the power came back:
 *    - a rename not followed (after its `r` line) by an fsync of the
 *      directory it renamed into is undone if its SEQ is above CUT
 *      (CUT "all": no rename is undone), latest first: the file goes
 *      back to FROM and the saved file back to TO.  Renames are thus
 *      lost as a suffix, except those a directory fsync made durable.
 *    - every file a kept rename put in place, and not fsynced since its
 *      previous rename (S line), loses its data: truncated to 0 bytes,
 *      its mtime and atime put back (a crash keeps the inode that the
 *      rename's journal entry wrote, not the data: DESIGN 3.9).  Which
 *      of them: LOSE "all", or "targets": only files outside .redo/
 *      (the records' data may have reached the disk while the
 *      targets' did not: the worst case for telling an edit from a
 *      crash), or "none".
 *    Prints one line per action on stdout; exits 0, 2 on a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef LOSTWRITES_CRASH
/* ==================== the shim ==================== */
#include <dlfcn.h>
#include <signal.h>

static void *real(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);
	if (!f)
		abort();
	return f;
}

#define REAL(type, name) ((type)real(name))

/* Is this process the redo under test?  Decided once per image. */
static int is_redo(void)
{
	static int mine = -1;
	if (mine < 0) {
		char buf[4096];
		const char *want = getenv("LOSTW_EXE");
		ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
		mine = 0;
		if (want && n > 0 && getenv("LOSTW_LOG")) {
			buf[n] = 0;
			mine = strcmp(buf, want) == 0;
		}
	}
	return mine;
}

static void log_line(const char *s)
{
	int e = errno;
	int fd = open(getenv("LOSTW_LOG"), O_WRONLY | O_APPEND | O_CREAT |
		      O_CLOEXEC, 0600);
	if (fd >= 0) {
		ssize_t w = write(fd, s, strlen(s));
		(void)w;
		close(fd);
	}
	errno = e;
}

/* The number of this rename among all of the build's. */
static long next_seq(void)
{
	const char *count = getenv("LOSTW_COUNT");
	long at = 0;
	int fd = count ? open(count, O_WRONLY | O_APPEND | O_CREAT |
			      O_CLOEXEC, 0600) : -1;
	if (fd >= 0) {
		if (write(fd, "x", 1) == 1)
			at = (long)lseek(fd, 0, SEEK_CUR);
		close(fd);
	}
	return at;
}

/* An absolute version of p (the crash tool runs elsewhere). */
static void absolute(const char *p, char *out, size_t cap)
{
	char cwd[PATH_MAX];
	if (p[0] == '/' || !getcwd(cwd, sizeof cwd))
		snprintf(out, cap, "%s", p);
	else
		snprintf(out, cap, "%s/%s", cwd, p);
}

/* Logs the rename about to happen and saves what `to` holds now. */
static long note_rename(const char *from, const char *to)
{
	char a[PATH_MAX], b[PATH_MAX], dir[PATH_MAX], save[PATH_MAX];
	char line[3 * PATH_MAX];
	struct stat sf, sd, st;
	const char *sdir = getenv("LOSTW_SAVE");
	char *slash;
	long seq;
	int saved = 0, e = errno;
	if (lstat(from, &sf) < 0)
		return 0;
	absolute(from, a, sizeof a);
	absolute(to, b, sizeof b);
	snprintf(dir, sizeof dir, "%s", b);
	slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = 0;
	if (stat(dir, &sd) < 0)
		return 0;
	seq = next_seq();
	if (lstat(to, &st) == 0 && !S_ISDIR(st.st_mode) && sdir) {
		snprintf(save, sizeof save, "%s/%ld", sdir, seq);
		saved = link(to, save) == 0;
	}
	snprintf(line, sizeof line, "R %ld %lu %lu %lu %lu %d\t%s\t%s\n", seq,
		 (unsigned long)sf.st_dev, (unsigned long)sf.st_ino,
		 (unsigned long)sd.st_dev, (unsigned long)sd.st_ino, saved,
		 a, b);
	log_line(line);
	errno = e;
	return seq;
}

/* After a rename that worked: note it, and cut the power at the Kth. */
static void renamed(long seq)
{
	char line[64];
	const char *k = getenv("LOSTW_KILL");
	snprintf(line, sizeof line, "r %ld\n", seq);
	log_line(line);
	if (k && atol(k) == seq && seq > 0 && getpgrp() == getsid(0)) {
		snprintf(line, sizeof line, "K %ld\n", seq);
		log_line(line);
		kill(0, SIGKILL);
	}
}

int rename(const char *a, const char *b)
{
	long seq = is_redo() ? note_rename(a, b) : 0;
	int rc = REAL(int (*)(const char *, const char *), "rename")(a, b);
	if (rc == 0 && seq > 0)
		renamed(seq);
	return rc;
}

int renameat(int da, const char *a, int db, const char *b)
{
	/* redo renames by path; a call relative to a directory is noted
	 * only when both names are absolute or both relative to cwd */
	long seq = is_redo() && da == AT_FDCWD && db == AT_FDCWD ?
		   note_rename(a, b) : 0;
	int rc = REAL(int (*)(int, const char *, int, const char *),
		      "renameat")(da, a, db, b);
	if (rc == 0 && seq > 0)
		renamed(seq);
	return rc;
}

static void synced(int fd)
{
	struct stat st;
	char line[80];
	if (!is_redo() || fstat(fd, &st) < 0)
		return;
	snprintf(line, sizeof line, "%c %lu %lu\n",
		 S_ISDIR(st.st_mode) ? 'D' : 'S',
		 (unsigned long)st.st_dev, (unsigned long)st.st_ino);
	log_line(line);
}

int fsync(int fd)
{
	int rc = REAL(int (*)(int), "fsync")(fd);
	if (rc == 0)
		synced(fd);
	return rc;
}

int fdatasync(int fd)
{
	int rc = REAL(int (*)(int), "fdatasync")(fd);
	if (rc == 0)
		synced(fd);
	return rc;
}

#else
/* ==================== the crash ==================== */
#include <sys/time.h>

typedef struct ev {
	char kind;                  /* R r S D K */
	long seq;
	unsigned long dev, ino, ddev, dino;
	int saved;
	char *from, *to;
} ev;

static ev *evs;
static size_t nev;

static void load(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[3 * PATH_MAX];
	size_t cap = 0;
	if (!f) {
		perror(path);
		exit(2);
	}
	while (fgets(line, sizeof line, f)) {
		ev e;
		char *t1, *t2;
		memset(&e, 0, sizeof e);
		e.kind = line[0];
		line[strcspn(line, "\n")] = 0;
		if (e.kind == 'R') {
			t1 = strchr(line, '\t');
			t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
			if (!t2 || sscanf(line + 2, "%ld %lu %lu %lu %lu %d",
					  &e.seq, &e.dev, &e.ino, &e.ddev,
					  &e.dino, &e.saved) != 6)
				continue;
			*t2 = 0;
			e.from = strdup(t1 + 1);
			e.to = strdup(t2 + 1);
		} else if (e.kind == 'S' || e.kind == 'D') {
			if (sscanf(line + 2, "%lu %lu", &e.dev, &e.ino) != 2)
				continue;
		} else if (e.kind == 'r' || e.kind == 'K') {
			e.seq = atol(line + 2);
		} else {
			continue;
		}
		if (nev == cap) {
			cap = cap ? cap * 2 : 256;
			evs = realloc(evs, cap * sizeof *evs);
			if (!evs)
				abort();
		}
		evs[nev++] = e;
	}
	fclose(f);
}

/* Where the rename R (index i) ended in the log ("r" line), or nev. */
static size_t done_at(size_t i)
{
	size_t k;
	for (k = i + 1; k < nev; k++)
		if (evs[k].kind == 'r' && evs[k].seq == evs[i].seq)
			return k;
	return nev;
}

/* Did an fsync of the directory renamed into follow rename i? */
static int dir_synced_after(size_t i)
{
	size_t k;
	for (k = done_at(i) + 1; k < nev; k++)
		if (evs[k].kind == 'D' && evs[k].dev == evs[i].ddev &&
		    evs[k].ino == evs[i].dino)
			return 1;
	return 0;
}

/* Was the file renamed by i fsynced after its previous rename? */
static int data_synced(size_t i)
{
	size_t k = i;
	while (k > 0) {
		k--;
		if (evs[k].kind == 'R' && evs[k].dev == evs[i].dev &&
		    evs[k].ino == evs[i].ino)
			return 0;
		if (evs[k].kind == 'S' && evs[k].dev == evs[i].dev &&
		    evs[k].ino == evs[i].ino)
			return 1;
	}
	return 0;
}

static int is_file(const char *p, const ev *e, struct stat *st)
{
	return lstat(p, st) == 0 && st->st_dev == e->dev &&
	       st->st_ino == e->ino;
}

/* Undoes rename i if it happened: the file back to FROM, the saved
 * file back to TO.  The saved link goes either way. */
static void undo(const ev *e, const char *sdir)
{
	char save[PATH_MAX];
	struct stat st;
	snprintf(save, sizeof save, "%s/%ld", sdir, e->seq);
	if (is_file(e->to, e, &st) && rename(e->to, e->from) == 0) {
		printf("undo rename %s -> %s\n", e->from, e->to);
		if (e->saved && rename(save, e->to) < 0)
			perror(save);
	}
	unlink(save);
}

/* The data of the file rename i put in place never reached the disk. */
static void lose_data(const ev *e)
{
	struct stat st;
	struct timespec ts[2];
	if (!is_file(e->to, e, &st) || !S_ISREG(st.st_mode) ||
	    st.st_size == 0)
		return;
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	if (truncate(e->to, 0) < 0 ||
	    utimensat(AT_FDCWD, e->to, ts, AT_SYMLINK_NOFOLLOW) < 0) {
		perror(e->to);
		exit(1);
	}
	printf("lose data %s (%ld bytes)\n", e->to, (long)st.st_size);
}

int main(int argc, char **argv)
{
	size_t i;
	long cut;
	if (argc != 5) {
		fprintf(stderr, "usage: lwcrash LOG SAVEDIR CUT|all "
			"all|targets|none\n");
		return 2;
	}
	load(argv[1]);
	cut = strcmp(argv[3], "all") == 0 ? LONG_MAX : atol(argv[3]);
	for (i = nev; i-- > 0;)
		if (evs[i].kind == 'R' && evs[i].seq > cut &&
		    !dir_synced_after(i))
			undo(&evs[i], argv[2]);
	for (i = 0; i < nev; i++)
		if (evs[i].kind == 'R' && !data_synced(i) &&
		    (strcmp(argv[4], "all") == 0 ||
		     (strcmp(argv[4], "targets") == 0 &&
		      !strstr(evs[i].to, "/.redo/"))))
			lose_data(&evs[i]);
	for (i = 0; i < nev; i++) {
		char save[PATH_MAX];
		if (evs[i].kind != 'R')
			continue;
		snprintf(save, sizeof save, "%s/%ld", argv[2], evs[i].seq);
		unlink(save);
	}
	return 0;
}
#endif
