/* t/nosleep.c - an LD_PRELOAD shim for t/172: every nanosleep(),
 * clock_nanosleep() or usleep() a process makes appends a line to the
 * file $NOSLEEP_LOG, if set, then sleeps as asked.  The test's .do
 * scripts (which inherit it) never sleep, so an empty log shows that no
 * redo process waited for the clock. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void note(const char *what)
{
	const char *log = getenv("NOSLEEP_LOG");
	int fd;
	if (!log || (fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0666)) < 0)
		return;
	if (write(fd, what, strlen(what)) < 0)
		what = NULL;
	close(fd);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	int (*real)(const struct timespec *, struct timespec *);
	note("nanosleep\n");
	*(void **)&real = dlsym(RTLD_NEXT, "nanosleep");
	return real ? real(req, rem) : 0;
}

int clock_nanosleep(clockid_t c, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	int (*real)(clockid_t, int, const struct timespec *,
		    struct timespec *);
	note("clock_nanosleep\n");
	*(void **)&real = dlsym(RTLD_NEXT, "clock_nanosleep");
	return real ? real(c, flags, req, rem) : 0;
}

int usleep(useconds_t us)
{
	int (*real)(useconds_t);
	note("usleep\n");
	*(void **)&real = dlsym(RTLD_NEXT, "usleep");
	return real ? real(us) : 0;
}
