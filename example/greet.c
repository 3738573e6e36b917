/* greet.c - builds the greeting that main.c prints. */
#include <stdio.h>

#include "greet.h"

void greet(const char *who)
{
	printf("Hello, %s! (built by redo)\n", who);
}
