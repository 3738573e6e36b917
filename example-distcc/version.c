/* version.c */
#include "hello.h"

const char *version(void)
{
	return "example-distcc 1";
}
