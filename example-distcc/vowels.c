/* vowels.c */
#include <string.h>
#include "hello.h"

int vowels(const char *s)
{
	int n = 0;
	for (; *s; s++)
		if (strchr("aeiouAEIOU", *s))
			n++;
	return n;
}
