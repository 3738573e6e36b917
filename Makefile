# Makefile for redo: a build system in one C file.
#   make              build ./redo (the other commands are links made at run time)
#   make test         build and run every test in t/
#   make check-asan   the test suite against an ASan+UBSan build
#   make check-valgrind  the test suite under valgrind
#   make example      build the example project, then show a no-op rebuild
#   make install PREFIX=/usr/local DESTDIR=   install the binary, links, man pages
CC ?= cc
CFLAGS ?= -O2
WARN = -std=c99 -pedantic -Wall -Wextra
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
NAMES = redo-ifchange redo-ifcreate redo-always redo-stamp redo-targets \
	redo-sources redo-ood redo-whichdo redo-log redo-recheck
MANPAGES = doc/redo.1 doc/redo-ifchange.1 doc/redo-ifcreate.1 \
	doc/redo-always.1 doc/redo-stamp.1 doc/redo-targets.1 \
	doc/redo-sources.1 doc/redo-ood.1 doc/redo-whichdo.1 doc/redo-log.1 \
	doc/redo-recheck.1

all: redo

redo: redo.c redo.h
	$(CC) $(WARN) $(CFLAGS) -o $@ redo.c

# The unit tests link redo.c without its main().
t/unit: t/unit.c redo.c redo.h
	$(CC) $(WARN) $(CFLAGS) -DREDO_NO_MAIN -I. -o $@ t/unit.c redo.c

test: redo t/unit
	sh t/run.sh ./redo

SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
redo-asan: redo.c redo.h
	$(CC) $(WARN) $(SANFLAGS) -o $@ redo.c
t/unit-asan: t/unit.c redo.c redo.h
	$(CC) $(WARN) $(SANFLAGS) -DREDO_NO_MAIN -I. -o $@ t/unit.c redo.c

check-asan: redo-asan t/unit-asan
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	UNIT=t/unit-asan sh t/run.sh ./redo-asan

check-valgrind: redo t/unit
	REDO_VALGRIND=1 sh t/run.sh ./redo

example: redo
	@cd example && rm -rf .redo hello *.o && \
	echo '$$ ../redo' && ../redo && \
	echo '$$ ./hello' && ./hello && \
	echo '$$ ../redo-ifchange (nothing changed: a no-op)' && \
	../redo && echo '(done: nothing was rebuilt)'

install: redo
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	cp redo $(DESTDIR)$(BINDIR)/redo
	chmod 755 $(DESTDIR)$(BINDIR)/redo
	for n in $(NAMES); do \
		rm -f $(DESTDIR)$(BINDIR)/$$n; \
		ln -s redo $(DESTDIR)$(BINDIR)/$$n; \
	done
	for m in $(MANPAGES); do \
		if [ -f $$m ]; then cp $$m $(DESTDIR)$(MANDIR)/man1/; fi; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/redo
	for n in $(NAMES); do rm -f $(DESTDIR)$(BINDIR)/$$n; done
	for m in $(MANPAGES); do rm -f $(DESTDIR)$(MANDIR)/man1/$${m#doc/}; done

clean:
	rm -f redo redo-asan t/unit t/unit-asan

.PHONY: all test check-asan check-valgrind example install uninstall clean

# ---- bench: owned by bench/ (see bench/README.md); not part of `make test` ----
#   make bench [SIZES="1000 10000 100000"] [REPS=3] [QREPS=9]
#        time ./redo against GNU make and ninja; report in bench/out/report.md
#   make bench-profile [N=10000]
#        callgrind and strace of ./redo's no-op; report in bench/out/profile.md
bench: redo
	sh bench/setup.sh
	sh bench/bench.sh

bench-profile: redo
	sh bench/setup.sh profile
	sh bench/profile.sh

.PHONY: bench bench-profile
# ---- end bench ----
