/*
 * t/killer.c - run a command in its own session and signal its whole
 * process group after a delay; used by the crash and interrupt tests.
 *
 *   killer [-s SIGNUM] [-w FILE] [-l LOG N] [-1] DELAY_US COMMAND [ARG...]
 *
 * The command is started with setsid(), so it and every process it
 * forks (the .do shells, the nested redo commands) share one process
 * group.  DELAY_US microseconds after the start the group gets SIGNUM
 * (default 9, SIGKILL: all at once, as a power cut would); with -1 only
 * the command's own process gets it, as from `kill PID`.  With -w the
 * delay counts from the moment FILE exists; with -l, from the moment
 * LOG holds N lines (an event log the .do files append to, so that a
 * kill lands at the N-th event of a build however fast the machine);
 * with both, from whichever comes first.  Waiting for an event has no
 * bound of its own: the test's time limit is the bound.  killer then waits for the command, gives the rest
 * of the group 2 seconds to go away, SIGKILLs whatever is left, and
 * waits until every process of the group is gone (on Linux it adopts
 * the orphans as a subreaper, elsewhere it polls the group), so that
 * the caller looks at the files only once nothing can write them.
 * Prints one line on stdout: "killed RC" (the signal was sent while the
 * command ran; RC is its exit status, 128+N if a signal N ended it) or
 * "finished RC" (it ended before the delay ran out), followed by
 * " stragglers" if processes of the group outlived the command.
 * Exits 0, or 2 on a usage error.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static void nap(long us)
{
	struct timespec ts;
	ts.tv_sec = us / 1000000;
	ts.tv_nsec = (us % 1000000) * 1000;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Is any process of group pg left?  Reaps our own zombies first (the
 * orphans are ours when we are a subreaper). */
static int group_alive(pid_t pg)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return kill(-pg, 0) == 0;
}

/* Gives the group up to ms milliseconds to vanish; 1 if it did not. */
static int group_linger(pid_t pg, int ms)
{
	int i;
	for (i = 0; i < ms && group_alive(pg); i++)
		nap(1000);
	return group_alive(pg);
}

/* Lines counted so far in the event log: reads what was appended since
 * the last call (the log may not exist yet). */
static long log_lines(const char *path)
{
	static int fd = -1;
	static long n;
	char buf[4096];
	ssize_t r, j;
	if (fd < 0 && (fd = open(path, O_RDONLY)) < 0)
		return 0;
	while ((r = read(fd, buf, sizeof buf)) > 0)
		for (j = 0; j < r; j++)
			n += buf[j] == '\n';
	return n;
}

/* Has the awaited event happened: FILE exists (-w) or LOG reached N
 * lines (-l)?  With neither option there is nothing to wait for. */
static int event_seen(const char *wfile, const char *lfile, long lines)
{
	struct stat sb;
	if (!wfile && !lfile)
		return 1;
	if (wfile && stat(wfile, &sb) == 0)
		return 1;
	return lfile && log_lines(lfile) >= lines;
}

static int status_code(int st)
{
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void usage(void)
{
	fprintf(stderr, "usage: killer [-s SIGNUM] [-w FILE] [-l LOG N] [-1] "
		"DELAY_US COMMAND [ARG...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long delay, waited = 0, lines = 0;
	const char *wfile = NULL, *lfile = NULL;
	int sig = SIGKILL, leader_only = 0, st = 0, done = 0, strag, i;
	pid_t pid;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-s") && i + 1 < argc)
			sig = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-w") && i + 1 < argc)
			wfile = argv[++i];
		else if (!strcmp(argv[i], "-l") && i + 2 < argc) {
			lfile = argv[++i];
			lines = atol(argv[++i]);
		} else if (!strcmp(argv[i], "-1"))
			leader_only = 1;
		else
			usage();
	}
	if (argc - i < 2 || (delay = atol(argv[i])) < 0)
		usage();
#ifdef PR_SET_CHILD_SUBREAPER
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
#endif
	pid = fork();
	if (pid < 0) {
		perror("killer: fork");
		return 2;
	}
	if (pid == 0) {
		setsid();
		execvp(argv[i + 1], argv + i + 1);
		perror("killer: exec");
		_exit(127);
	}
	/* sleep in small steps, so that a command that ends early is seen */
	for (;;) {
		if (waitpid(pid, &st, WNOHANG) == pid) {
			done = 1;
			break;
		}
		if (!event_seen(wfile, lfile, lines)) {
			nap(1000);
			continue;
		}
		wfile = lfile = NULL;
		if (waited >= delay)
			break;
		nap(delay - waited < 1000 ? delay - waited : 1000);
		waited += 1000;
	}
	if (!done) {
		kill(leader_only ? pid : -pid, sig);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	/* the command is gone: anything left of its group is a straggler */
	strag = group_linger(pid, sig == SIGKILL ? 5000 : 2000);
	if (strag) {
		kill(-pid, SIGKILL);
		group_linger(pid, 10000);
	}
	printf("%s %d%s\n", done ? "finished" : "killed", status_code(st),
	       strag ? " stragglers" : "");
	return 0;
}
