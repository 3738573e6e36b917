/* t/slowpoll.c - an LD_PRELOAD shim for t/506-token-race.t.  A poll()
 * that reports the job pool's read end readable (the pool named in
 * MAKEFLAGS, --jobserver-auth=R,W) returns only SLOWPOLL_MS later, so
 * that a job ending meanwhile is handled in the same round as the token,
 * every time rather than once in a while.  Each such delay appends a
 * line to $SLOWPOLL_LOG, if set, to show that the shim was in effect. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	static int (*real)(struct pollfd *, nfds_t, int);
	const char *mf = getenv("MAKEFLAGS"), *a, *ms, *log;
	int r, rfd = -1, wfd;
	nfds_t i;
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "poll");
	r = real(fds, n, timeout);
	a = mf ? strstr(mf, "--jobserver-auth=") : NULL;
	if (r <= 0 || !a || sscanf(a + 17, "%d,%d", &rfd, &wfd) != 2)
		return r;
	for (i = 0; i < n; i++)
		if (fds[i].fd == rfd && (fds[i].revents & POLLIN)) {
			struct timespec ts;
			long d = (ms = getenv("SLOWPOLL_MS")) ? atol(ms) : 300;
			ts.tv_sec = d / 1000;
			ts.tv_nsec = d % 1000 * 1000000;
			nanosleep(&ts, NULL);
			if ((log = getenv("SLOWPOLL_LOG")) != NULL) {
				int fd = open(log, O_WRONLY | O_APPEND | O_CREAT,
					      0666);
				if (fd >= 0) {
					ssize_t w = write(fd, "delay\n", 6);
					(void)w;
					close(fd);
				}
			}
			break;
		}
	return r;
}
