/*
 * t/killer.c - run a command in its own session and SIGKILL its whole
 * process group after a delay; used by the crash-consistency tests.
 *
 *   killer DELAY_US COMMAND [ARG...]
 *
 * The command is started with setsid(), so it and every process it
 * forks (the .do shells, the nested redo commands) share one process
 * group.  After DELAY_US microseconds that group gets SIGKILL, all at
 * once, as a power cut would.  killer then waits until every process
 * of the group is gone (on Linux it adopts the orphans as a subreaper,
 * elsewhere it polls the group), so that the caller looks at the files
 * only once nothing can write them any more.
 * Prints "killed" or "finished N" (the command exited with N before
 * the delay ran out) on stdout; exits 0, or 2 on a usage error.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* Waits until no process of group pg is left (orphans included). */
static void reap_group(pid_t pg)
{
	int i;
#ifdef PR_SET_CHILD_SUBREAPER
	/* the orphans are our children now: wait for every one */
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
#endif
	/* elsewhere (or if the subreaper call failed): poll, 10 s at most */
	for (i = 0; i < 10000 && kill(-pg, 0) == 0; i++) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		nap(1000);
	}
}

int main(int argc, char **argv)
{
	long delay, waited = 0;
	pid_t pid;
	int st, done = 0;
	if (argc < 3 || (delay = atol(argv[1])) < 0) {
		fprintf(stderr, "usage: killer DELAY_US COMMAND [ARG...]\n");
		return 2;
	}
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
		execvp(argv[2], argv + 2);
		perror("killer: exec");
		_exit(127);
	}
	/* sleep in small steps, so that a command that ends early is seen */
	while (waited < delay) {
		long step = delay - waited < 2000 ? delay - waited : 2000;
		if (waitpid(pid, &st, WNOHANG) == pid) {
			done = 1;
			break;
		}
		nap(step);
		waited += step;
	}
	if (!done && waitpid(pid, &st, WNOHANG) == pid)
		done = 1;
	kill(-pid, SIGKILL);
	if (!done)
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	reap_group(pid);
	if (done)
		printf("finished %d\n", WIFEXITED(st) ? WEXITSTATUS(st) :
		       128 + WTERMSIG(st));
	else
		printf("killed\n");
	return 0;
}
