/*
 * t/sigdfl.c - runs a command with SIGINT at its default action.
 *
 *   sigdfl COMMAND [ARG...]
 *
 * A background job of a script starts with SIGINT ignored, and redo
 * keeps an ignored SIGINT ignored, as make does (t/181).  A test that
 * interrupts such a job with SIGINT, standing for a user's ^C or
 * `kill -INT PID` on a redo started normally, runs it through this.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: sigdfl COMMAND [ARG...]\n", stderr);
		return 2;
	}
	signal(SIGINT, SIG_DFL);
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
