/* t/lockbusy.c - an LD_PRELOAD shim for t/190: tells the test that a
 * process has found a lock busy and is waiting for it.  Every fcntl()
 * F_SETLK (or F_SETLK64) that fails because another process holds
 * the lock (EACCES or EAGAIN) creates the file $LOCKBUSY_SIGNAL, if
 * set.  redo waits for a
 * lock by retrying F_SETLK, so the file appears once the process is
 * waiting, which the test takes as the moment to end the build that
 * holds the lock.  The third argument is passed on as a pointer, as
 * every lock command takes one (the other commands' int travels the
 * same way on the ABIs the shim is built for). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static void touch(const char *path)
{
	FILE *f;
	if (path && (f = fopen(path, "w")) != NULL)
		fclose(f);
}

/* F_SETLK, or its 64-bit-offset twin (a 32-bit redo built with
 * _FILE_OFFSET_BITS=64 calls fcntl64 with F_SETLK64) */
static int is_setlk(int cmd)
{
#ifdef F_SETLK64
	if (cmd == F_SETLK64)
		return 1;
#endif
	return cmd == F_SETLK;
}

static int lock_call(const char *name, int fd, int cmd, void *arg)
{
	int (*real)(int, int, ...);
	int r, e;
	*(void **)&real = dlsym(RTLD_NEXT, name);
	if (!real) {
		errno = ENOSYS;
		return -1;
	}
	r = real(fd, cmd, arg);
	e = errno;
	if (r < 0 && is_setlk(cmd) && (e == EACCES || e == EAGAIN))
		touch(getenv("LOCKBUSY_SIGNAL"));
	errno = e;
	return r;
}

int fcntl(int fd, int cmd, ...);
int fcntl64(int fd, int cmd, ...);

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;
	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	return lock_call("fcntl", fd, cmd, arg);
}

int fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;
	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	return lock_call("fcntl64", fd, cmd, arg);
}
