/* t/slowpoll.c - an LD_PRELOAD shim for t/506-token-race.t.  Once the
 * file $SLOWPOLL_ARM exists, the first poll() that reports the job
 * pool's read end readable (the pool named in MAKEFLAGS,
 * --jobserver-auth=R,W) creates the file $SLOWPOLL_SIGNAL and returns
 * only when a child of the process has ended (seen with waitid's
 * WNOWAIT: the child stays for the caller to reap), so that the job
 * ending is handled in the same round as the token, every time: the
 * test makes that job end when it sees the signal file.  The hold
 * appends "hold" to $SLOWPOLL_LOG, if set, to show that the shim was in
 * effect; loading the shim creates $SLOWPOLL_LOADED, if set. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void touch(const char *path, const char *line)
{
	int fd;
	if (!path || (fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0666)) < 0)
		return;
	if (line) {
		ssize_t w = write(fd, line, strlen(line));
		(void)w;
	}
	close(fd);
}

#ifdef __GNUC__
__attribute__((constructor))
#endif
static void loaded(void)
{
	touch(getenv("SLOWPOLL_LOADED"), NULL);
}

/* Until a child has ended (a zombie, left for the caller to reap). */
static void await_child_end(void)
{
	struct timespec ts = { 0, 1000000 };
	for (;;) {
		siginfo_t si;
		memset(&si, 0, sizeof si);
		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) < 0 ||
		    si.si_pid != 0)
			return;
		nanosleep(&ts, NULL);
	}
}

/* Is the job pool's read end among fds, reported readable? */
static int pool_readable(struct pollfd *fds, nfds_t n)
{
	const char *mf = getenv("MAKEFLAGS"), *a;
	int rfd, wfd;
	nfds_t i;
	a = mf ? strstr(mf, "--jobserver-auth=") : NULL;
	if (!a || sscanf(a + 17, "%d,%d", &rfd, &wfd) != 2)
		return 0;
	for (i = 0; i < n; i++)
		if (fds[i].fd == rfd && (fds[i].revents & POLLIN))
			return 1;
	return 0;
}

int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	static int (*real)(struct pollfd *, nfds_t, int);
	static int held;
	const char *arm = getenv("SLOWPOLL_ARM");
	int r;
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "poll");
	r = real(fds, n, timeout);
	if (r <= 0 || held || !arm || access(arm, F_OK) != 0 ||
	    !pool_readable(fds, n))
		return r;
	held = 1;
	touch(getenv("SLOWPOLL_SIGNAL"), NULL);
	await_child_end();
	touch(getenv("SLOWPOLL_LOG"), "hold\n");
	return r;
}
