/* greet.h - the one function the example program shares between files. */
#ifndef GREET_H
#define GREET_H

/* Prints a greeting for who on standard output. */
void greet(const char *who);

#endif
