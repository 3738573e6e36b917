/*
 * t/hold.c - a .do's stand-in for a long command, for the interrupt
 * tests: creates FILE, then waits for a signal, with every signal at
 * its default action.
 *
 *   hold FILE
 *
 * A .do that runs `hold FILE` is in its foreground command, with no
 * handler of its own, by the time FILE exists: a signal sent once FILE
 * is seen reaches a command that dies of it.  (A .do that made FILE
 * itself and then started `sleep`, could get the signal between the
 * two: sh defers SIGINT until its foreground command ends, and that
 * command, started after the signal, would never see it.)
 * Exits 2 if FILE cannot be created; otherwise only a signal ends it.
 */
#define _XOPEN_SOURCE 700
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	FILE *f;
	if (argc != 2) {
		fprintf(stderr, "usage: hold FILE\n");
		return 2;
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if ((f = fopen(argv[1], "w")) == NULL || fclose(f) != 0) {
		perror(argv[1]);
		return 2;
	}
	for (;;)
		pause();
}
