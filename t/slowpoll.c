/* t/slowpoll.c - an LD_PRELOAD shim for t/506-token-race.t.  Once the
 * file $SLOWPOLL_ARM exists, the first poll() that reports the job
 * pool's read end readable (the pool named in GNUMAKEFLAGS or MAKEFLAGS,
 * --jobserver-auth=R,W) creates the file $SLOWPOLL_SIGNAL and returns
 * only when a child of the process has ended (seen with waitid's
 * WNOWAIT: the child stays for the caller to reap), so that the job
 * ending is handled in the same round as the token, every time: the
 * test makes that job end when it sees the signal file.  The hold
 * appends "hold" to $SLOWPOLL_LOG, if set, to show that the shim was in
 * effect.
 * For t/507, two more files tell where a redo waits for a token:
 * $SLOWPOLL_WAITING when a poll() is asked to wait on the pool's read
 * end without a timeout (the event loop wants a token and has nothing
 * else to wait for: no lock to try again), $SLOWPOLL_BLOCKREAD when read()
 * is called on it without a poll that found it readable just before
 * (a blocking read: the token taken back on the way out). */
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

/* The job pool's read end named in GNUMAKEFLAGS (redo's own pool) or
 * MAKEFLAGS, or -1 */
static int pool_fd(void)
{
	const char *mf = getenv("GNUMAKEFLAGS"), *a;
	int rfd, wfd;
	a = mf ? strstr(mf, "--jobserver-auth=") : NULL;
	if (!a && (mf = getenv("MAKEFLAGS")) != NULL)
		a = strstr(mf, "--jobserver-auth=");
	if (!a || sscanf(a + 17, "%d,%d", &rfd, &wfd) != 2)
		return -1;
	return rfd;
}

/* Is the job pool's read end among fds, with one of the flags? */
static int pool_has(struct pollfd *fds, nfds_t n, int wanted, int got)
{
	int rfd = pool_fd();
	nfds_t i;
	for (i = 0; rfd >= 0 && i < n; i++)
		if (fds[i].fd == rfd && ((fds[i].events & wanted) ||
					 (fds[i].revents & got)))
			return 1;
	return 0;
}

static int g_readable;   /* the last poll found the pool readable */

ssize_t read(int fd, void *buf, size_t n)
{
	static ssize_t (*real)(int, void *, size_t);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "read");
	if (fd >= 0 && fd == pool_fd()) {
		if (!g_readable)
			touch(getenv("SLOWPOLL_BLOCKREAD"), NULL);
		g_readable = 0;
	}
	return real(fd, buf, n);
}

int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	static int (*real)(struct pollfd *, nfds_t, int);
	static int held;
	const char *arm = getenv("SLOWPOLL_ARM");
	int r;
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "poll");
	if (timeout < 0 && pool_has(fds, n, POLLIN, 0))
		touch(getenv("SLOWPOLL_WAITING"), NULL);
	r = real(fds, n, timeout);
	g_readable = r > 0 && pool_has(fds, n, 0, POLLIN);
	if (!g_readable || held || !arm || access(arm, F_OK) != 0)
		return r;
	held = 1;
	touch(getenv("SLOWPOLL_SIGNAL"), NULL);
	await_child_end();
	touch(getenv("SLOWPOLL_LOG"), "hold\n");
	return r;
}
