/* t/jstool.c - a GNU make style job pool for the tests in t/5*.t.
 *
 *   jstool [-f] [-1] [-i FILE] pipe N CMD...       a pipe holding N tokens
 *   jstool [-f] [-1] [-i FILE] fifo PATH N CMD...  a new named fifo holding N
 *
 * Runs CMD with MAKEFLAGS=" -j(N+1) --jobserver-auth=R,W" (or
 * "--jobserver-fds=R,W" with -f, or "--jobserver-auth=fifo:PATH"), in a
 * process group of its own, waits until CMD and everything it started
 * have exited (they all inherit one end of a sentinel pipe), then counts
 * the tokens left in the pool with non-blocking reads and prints
 *   exit=STATUS tokens=COUNT
 *   jstool count PATH   prints how many bytes a fifo holds now (someone
 *                       else must hold it open, or they are lost)
 *   jstool peek         prints how many tokens the pool named in GNUMAKEFLAGS
 *                       or MAKEFLAGS (--jobserver-auth=R,W) holds now, and
 *                       puts them back
 * With -i FILE, as soon as FILE exists the whole process group gets
 * SIGINT, like a Ctrl-C at the terminal (with -1, CMD's process alone
 * gets it, like a kill -INT PID).  Gives up after 60 seconds.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "jstool: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void usage(void)
{
	fprintf(stderr, "usage: jstool [-f] [-1] [-i FILE] pipe N CMD...\n"
			"       jstool [-f] [-1] [-i FILE] fifo PATH N CMD...\n"
			"       jstool count FIFO\n"
			"       jstool peek\n");
	exit(2);
}

static void fill(int fd, int n)
{
	int i;
	for (i = 0; i < n; i++)
		if (write(fd, "+", 1) != 1)
			die("write token");
}

static int count(int fd)
{
	char buf[256];
	int n = 0;
	ssize_t r;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	while ((r = read(fd, buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR))
		if (r > 0)
			n += (int)r;
	return n;
}

int main(int argc, char **argv)
{
	const char *intr = NULL, *fifo = NULL;
	int fds = 0, one = 0, n, rfd, wfd, sent[2], status = 0, i = 1, done = 0;
	char flags[512];
	pid_t pid;
	time_t start;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-f") == 0)
			fds = 1;
		else if (strcmp(argv[i], "-1") == 0)
			one = 1;
		else if (strcmp(argv[i], "-i") == 0 && i + 1 < argc)
			intr = argv[++i];
		else
			usage();
	}
	if (i + 1 < argc && strcmp(argv[i], "count") == 0) {
		int fd = open(argv[i + 1], O_RDWR | O_NONBLOCK);
		if (fd < 0)
			die(argv[i + 1]);
		printf("%d\n", count(fd));
		return 0;
	}
	if (i < argc && strcmp(argv[i], "peek") == 0) {
		/* redo's own pool: in GNUMAKEFLAGS (MAKEFLAGS has bmake's -J) */
		const char *mf = getenv("GNUMAKEFLAGS"), *a;
		int r = -1, w = -1, fl, k;
		a = mf ? strstr(mf, "--jobserver-auth=") : NULL;
		if (!a && (mf = getenv("MAKEFLAGS")) != NULL)
			a = strstr(mf, "--jobserver-auth=");
		if (!a || sscanf(a + 17, "%d,%d", &r, &w) != 2)
			die("no --jobserver-auth=R,W in (GNU)MAKEFLAGS");
		fl = fcntl(r, F_GETFL);
		k = count(r);
		fcntl(r, F_SETFL, fl);
		fill(w, k);
		printf("%d\n", k);
		return 0;
	}
	if (i < argc && strcmp(argv[i], "fifo") == 0 && i + 1 < argc)
		fifo = argv[++i];
	else if (i >= argc || strcmp(argv[i], "pipe") != 0)
		usage();
	if (++i >= argc - 1)
		usage();
	n = atoi(argv[i++]);
	if (fifo) {
		if (mkfifo(fifo, 0600) < 0)
			die(fifo);
		rfd = wfd = open(fifo, O_RDWR);
		if (rfd < 0)
			die(fifo);
		fcntl(rfd, F_SETFD, FD_CLOEXEC);
		snprintf(flags, sizeof flags,
			 " -j%d --jobserver-auth=fifo:%s", n + 1, fifo);
	} else {
		int p[2];
		if (pipe(p) < 0)
			die("pipe");
		rfd = p[0];
		wfd = p[1];
		snprintf(flags, sizeof flags, " -j%d --jobserver-%s=%d,%d",
			 n + 1, fds ? "fds" : "auth", rfd, wfd);
	}
	fill(wfd, n);
	if (pipe(sent) < 0)
		die("pipe");
	fcntl(sent[0], F_SETFD, FD_CLOEXEC);
	setenv("MAKEFLAGS", flags, 1);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		setpgid(0, 0);
		execvp(argv[i], argv + i);
		fprintf(stderr, "jstool: %s: %s\n", argv[i], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	close(sent[1]);
	start = time(NULL);
	for (;;) {
		struct pollfd p;
		char c;
		if (!done && waitpid(pid, &status, WNOHANG) == pid)
			done = 1;
		if (intr && access(intr, F_OK) == 0) {
			kill(one ? pid : -pid, SIGINT);
			intr = NULL;
		}
		if (time(NULL) - start > 60) {
			fprintf(stderr, "jstool: timed out\n");
			kill(-pid, SIGKILL);
			return 3;
		}
		p.fd = sent[0];
		p.events = POLLIN;
		if (poll(&p, 1, 10) == 1 && read(sent[0], &c, 1) == 0 && done)
			break;
	}
	printf("exit=%d tokens=%d\n",
	       WIFEXITED(status) ? WEXITSTATUS(status)
				 : 128 + WTERMSIG(status),
	       count(rfd));
	if (fifo)
		unlink(fifo);
	return 0;
}
