/* greet.c */
#include <stdio.h>
#include "hello.h"

void greet(char *buf, size_t n, const char *who)
{
	snprintf(buf, n, "hello, %s", who);
}
