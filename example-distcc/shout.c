/* shout.c */
#include <ctype.h>
#include "hello.h"

void shout(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}
