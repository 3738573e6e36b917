/* main.c - prints a greeting built by the other objects. */
#include <stdio.h>
#include "hello.h"

int main(int argc, char **argv)
{
	char buf[128];
	greet(buf, sizeof buf, argc > 1 ? argv[1] : "redo and distcc");
	shout(buf);
	printf("%s (%d vowels) [%s]\n", buf, vowels(buf), version());
	return 0;
}
