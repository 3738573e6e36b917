/* t/stallstat.c - an LD_PRELOAD shim for t/411, t/512 and t/513.  The
 * first stat (of any kind) of a file named $STALLSTAT_NAME stops the
 * process: it creates the file $STALLSTAT_SIGNAL, then waits (up to 20 s)
 * until $STALLSTAT_RESUME exists before doing the stat.  The test uses
 * the pause to let another process commit the target between this one's
 * reading of the target's record and its stat of the target.  Only one
 * stall in all: none once $STALLSTAT_SIGNAL exists.  The stat functions
 * are declared here with void * for the buffer, to stay clear of the
 * many ways libc headers spell them.  In the same way, STALLRENAME_NAME,
 * _SIGNAL and _RESUME stop the first rename() onto a file of that name
 * (t/513: a commit held between its record and its rename).  And
 * every stat of a file named $COUNTSTAT_NAME appends a line to the file
 * $COUNTSTAT_LOG: the $REDO_TARGET of the process, "-" if none (t/187:
 * which processes look at a chain's bottom). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void stall_on(const char *path, const char *name, const char *sig,
		     const char *res);

/* Is name (if set) the last part of path? */
static int named(const char *path, const char *name)
{
	const char *base = strrchr(path, '/');
	return name && strcmp(base ? base + 1 : path, name) == 0;
}

static void count(const char *path)
{
	const char *log = getenv("COUNTSTAT_LOG");
	int fd;
	if (!log || !named(path, getenv("COUNTSTAT_NAME")))
		return;
	fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0666);
	if (fd >= 0) {
		const char *by = getenv("REDO_TARGET");
		char line[4096];
		int n = snprintf(line, sizeof line, "%s\n", by ? by : "-");
		if (n < 0 || n >= (int)sizeof line ||
		    write(fd, line, (size_t)n) != n)
			abort();
		close(fd);
	}
}

static void stall(const char *path)
{
	count(path);
	stall_on(path, getenv("STALLSTAT_NAME"), getenv("STALLSTAT_SIGNAL"),
		 getenv("STALLSTAT_RESUME"));
}

static void stall_on(const char *path, const char *name, const char *sig,
		     const char *res)
{
	struct timespec ts = { 0, 10000000 };
	FILE *f;
	int i;
	if (!sig || !res || !named(path, name) || access(sig, F_OK) == 0)
		return;
	if ((f = fopen(sig, "w")) != NULL)
		fclose(f);
	for (i = 0; i < 2000 && access(res, F_OK) != 0; i++)
		nanosleep(&ts, NULL);
}

#define REAL(name, type) \
	static type real; \
	if (!real) *(void **)&real = dlsym(RTLD_NEXT, name)

typedef int (*at_fn)(int, const char *, void *, int);
typedef int (*path_fn)(const char *, void *);

int fstatat(int fd, const char *p, void *st, int fl);
int fstatat64(int fd, const char *p, void *st, int fl);
int lstat(const char *p, void *st);
int lstat64(const char *p, void *st);
int stat(const char *p, void *st);
int stat64(const char *p, void *st);

int fstatat(int fd, const char *p, void *st, int fl)
{
	REAL("fstatat", at_fn);
	stall(p);
	return real(fd, p, st, fl);
}

int fstatat64(int fd, const char *p, void *st, int fl)
{
	REAL("fstatat64", at_fn);
	stall(p);
	return real(fd, p, st, fl);
}

int lstat(const char *p, void *st)
{
	REAL("lstat", path_fn);
	stall(p);
	return real(p, st);
}

int lstat64(const char *p, void *st)
{
	REAL("lstat64", path_fn);
	stall(p);
	return real(p, st);
}

int stat(const char *p, void *st)
{
	REAL("stat", path_fn);
	stall(p);
	return real(p, st);
}

int stat64(const char *p, void *st)
{
	REAL("stat64", path_fn);
	stall(p);
	return real(p, st);
}

typedef int (*rename_fn)(const char *, const char *);
int rename(const char *from, const char *to);

int rename(const char *from, const char *to)
{
	REAL("rename", rename_fn);
	stall_on(to, getenv("STALLRENAME_NAME"), getenv("STALLRENAME_SIGNAL"),
		 getenv("STALLRENAME_RESUME"));
	return real(from, to);
}
