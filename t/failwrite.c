/*
 * t/failwrite.c - an LD_PRELOAD shim for t/420-fault-writes.t: fails
 * one write, rename or file creation of the redo processes of a build,
 * the Nth of them all, with a chosen errno (the model is SQLite's I/O
 * error tests).  Linux: a process is redo's if /proc/self/exe is the
 * binary under test; sh, cat and the rest are never touched.
 *
 *   FAILWRITE_EXE    the redo binary, as readlink(/proc/self/exe) says
 *   FAILWRITE_COUNT  a file shared by every process of the build: each
 *                    counted call appends one byte to it (O_APPEND, a
 *                    descriptor of its own), and the offset after that
 *                    byte is the call's number, unique across processes
 *   FAILWRITE_N      the number of the call to fail (unset or 0: count)
 *   FAILWRITE_ERRNO  EIO (default) or ENOSPC
 *   FAILWRITE_LOG    where a line "N OP DETAIL" says which call failed
 *
 * Counted: write, rename, renameat, link, symlink, mkdir, mkstemp,
 * creat, and open/openat with O_CREAT (and glibc's aliases of those).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static void *real(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);
	if (!f) {
		static const char m[] = "failwrite: no next symbol\n";
		ssize_t r = ((ssize_t (*)(int, const void *, size_t))
			     dlsym(RTLD_NEXT, "write"))(2, m, sizeof m - 1);
		(void)r;
		abort();
	}
	return f;
}

#define REAL(type, name) ((type)real(name))
typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef int (*open_fn)(const char *, int, ...);
typedef int (*close_fn)(int);

/* Is this process the redo under test?  Decided once per process image
 * (a fork keeps the answer, an exec loads the shim afresh). */
static int is_redo(void)
{
	static int mine = -1;
	if (mine < 0) {
		char buf[4096];
		const char *want = getenv("FAILWRITE_EXE");
		ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
		mine = 0;
		if (want && n > 0) {
			buf[n] = 0;
			mine = strcmp(buf, want) == 0;
		}
	}
	return mine;
}

/* Counts one call; returns 1 if it is the one to fail (errno set). */
static int fault(const char *op, const char *detail)
{
	const char *count = getenv("FAILWRITE_COUNT");
	const char *n = getenv("FAILWRITE_N");
	const char *e = getenv("FAILWRITE_ERRNO");
	const char *log = getenv("FAILWRITE_LOG");
	long want = n ? atol(n) : 0;
	off_t at;
	int saved = errno, fd;
	if (!count || !is_redo())
		return 0;
	fd = REAL(open_fn, "open")(count, O_WRONLY | O_APPEND | O_CREAT |
				   O_CLOEXEC, 0600);
	if (fd < 0)
		return 0;
	if (REAL(write_fn, "write")(fd, "x", 1) != 1) {
		REAL(close_fn, "close")(fd);
		errno = saved;
		return 0;
	}
	at = lseek(fd, 0, SEEK_CUR);
	REAL(close_fn, "close")(fd);
	errno = saved;
	if (want <= 0 || at != (off_t)want)
		return 0;
	if (log) {
		char line[600];
		int len = snprintf(line, sizeof line, "%ld %s %.500s pid %ld\n",
				   want, op, detail, (long)getpid());
		fd = REAL(open_fn, "open")(log, O_WRONLY | O_APPEND | O_CREAT |
					   O_CLOEXEC, 0600);
		if (fd >= 0) {
			if (len > 0)
				REAL(write_fn, "write")(fd, line, (size_t)len);
			REAL(close_fn, "close")(fd);
		}
	}
	errno = e && strcmp(e, "ENOSPC") == 0 ? ENOSPC : EIO;
	return 1;
}

static const char *fd_detail(int fd, char *buf, size_t cap)
{
	char p[64];
	ssize_t n;
	snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
	n = readlink(p, buf, cap - 1);
	if (n < 0)
		n = 0;
	buf[n] = 0;
	return buf;
}

ssize_t write(int fd, const void *s, size_t n)
{
	char d[512];
	if (is_redo() && fault("write", fd_detail(fd, d, sizeof d)))
		return -1;
	return REAL(write_fn, "write")(fd, s, n);
}

int rename(const char *a, const char *b)
{
	if (fault("rename", b))
		return -1;
	return REAL(int (*)(const char *, const char *), "rename")(a, b);
}

int renameat(int da, const char *a, int db, const char *b)
{
	if (fault("renameat", b))
		return -1;
	return REAL(int (*)(int, const char *, int, const char *),
		    "renameat")(da, a, db, b);
}

int link(const char *a, const char *b)
{
	if (fault("link", b))
		return -1;
	return REAL(int (*)(const char *, const char *), "link")(a, b);
}

int symlink(const char *a, const char *b)
{
	if (fault("symlink", b))
		return -1;
	return REAL(int (*)(const char *, const char *), "symlink")(a, b);
}

int mkdir(const char *p, mode_t m)
{
	if (fault("mkdir", p))
		return -1;
	return REAL(int (*)(const char *, mode_t), "mkdir")(p, m);
}

int mkstemp(char *t)
{
	if (fault("mkstemp", t))
		return -1;
	return REAL(int (*)(char *), "mkstemp")(t);
}

int creat(const char *p, mode_t m)
{
	if (fault("creat", p))
		return -1;
	return REAL(int (*)(const char *, mode_t), "creat")(p, m);
}

/* open and its aliases: only a call that may create a file counts */
#define OPEN_BODY(name, call)                                           \
	mode_t m = 0;                                                   \
	if (flags & O_CREAT) {                                          \
		va_list ap;                                             \
		va_start(ap, flags);                                    \
		m = (mode_t)va_arg(ap, int);                            \
		va_end(ap);                                             \
		if (fault(name, p))                                     \
			return -1;                                      \
	}                                                               \
	return call

int open(const char *p, int flags, ...)
{
	OPEN_BODY("open", REAL(open_fn, "open")(p, flags, m));
}

int open64(const char *p, int flags, ...)
{
	OPEN_BODY("open", REAL(open_fn, "open64")(p, flags, m));
}

int openat(int dir, const char *p, int flags, ...)
{
	OPEN_BODY("openat", REAL(int (*)(int, const char *, int, ...),
				 "openat")(dir, p, flags, m));
}

int openat64(int dir, const char *p, int flags, ...)
{
	OPEN_BODY("openat", REAL(int (*)(int, const char *, int, ...),
				 "openat64")(dir, p, flags, m));
}
