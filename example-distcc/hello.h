/* hello.h - the parts of the distcc example, one per .c file. */
#ifndef HELLO_H
#define HELLO_H
#include <stddef.h>

void greet(char *buf, size_t n, const char *who);   /* greet.c */
void shout(char *s);                                 /* shout.c */
int vowels(const char *s);                           /* vowels.c */
const char *version(void);                           /* version.c */

#endif
