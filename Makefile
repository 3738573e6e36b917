# Makefile for redo: a build system in one C file.
#   make              build ./redo (the other commands are links made at run time)
#   make test         build and run every test in t/
#   make check-asan   the test suite against an ASan+UBSan build
#   make check-valgrind  the test suite under valgrind
#   make example      build the example project, then show a no-op rebuild
#   make install PREFIX=/usr/local DESTDIR=   install the binary, links, man
#                     pages, bash completion (COMPDIR)
#   make STATIC=0     a dynamic ./redo.  By default ./redo is static: each
#                     .do starts a redo-ifchange, and a static one starts
#                     without the dynamic loader (bench/README.md: what it
#                     gains); where $(CC) cannot link a static binary,
#                     ./redo is dynamic and the build says so.
#                     CC=musl-gcc: faster still to start, slower to check
#                     (bench/README.md).
#                     The LD_PRELOAD tests run against ./redo-dyn, always
#                     dynamic (a static binary loads no shim).
CC ?= cc
CFLAGS ?= -O2
WARN = -std=c99 -pedantic -Wall -Wextra
STATIC = 1
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
# beside the man pages: $(PREFIX)/share/bash-completion/completions
COMPDIR ?= $(MANDIR)/../bash-completion/completions
NAMES = redo-ifchange redo-ifcreate redo-always redo-stamp redo-targets \
	redo-sources redo-ood redo-whichdo redo-log redo-recheck redo-dot \
	redo-clean redo-affects
MANPAGES = doc/redo.1 doc/redo-ifchange.1 doc/redo-ifcreate.1 \
	doc/redo-always.1 doc/redo-stamp.1 doc/redo-targets.1 \
	doc/redo-sources.1 doc/redo-ood.1 doc/redo-whichdo.1 doc/redo-log.1 \
	doc/redo-recheck.1 doc/redo-dot.1 doc/redo-clean.1 doc/redo-affects.1

all: redo

redo: redo.c redo.h
	@if [ "$(STATIC)" = 0 ]; then set -- $(CC); \
	else set -- $(CC) -static; fi; \
	echo "$$* $(WARN) $(CFLAGS) -o $@ redo.c"; \
	"$$@" $(WARN) $(CFLAGS) -o $@ redo.c && exit 0; \
	[ "$(STATIC)" != 0 ] || exit 1; \
	echo "make: the static link failed: ./redo is dynamic instead"; \
	echo "$(CC) $(WARN) $(CFLAGS) -o $@ redo.c"; \
	$(CC) $(WARN) $(CFLAGS) -o $@ redo.c

# always dynamic: the LD_PRELOAD tests and valgrind need one
redo-dyn: redo.c redo.h
	$(CC) $(WARN) $(CFLAGS) -o $@ redo.c

# The unit tests link redo.c without its main().
t/unit: t/unit.c redo.c redo.h
	$(CC) $(WARN) $(CFLAGS) -DREDO_NO_MAIN -I. -o $@ t/unit.c redo.c

test: redo redo-dyn t/unit
	T_DYN=./redo-dyn sh t/run.sh ./redo

SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
redo-asan: redo.c redo.h
	$(CC) $(WARN) $(SANFLAGS) -o $@ redo.c
t/unit-asan: t/unit.c redo.c redo.h
	$(CC) $(WARN) $(SANFLAGS) -DREDO_NO_MAIN -I. -o $@ t/unit.c redo.c

check-asan: redo-asan t/unit-asan
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	UNIT=t/unit-asan sh t/run.sh ./redo-asan

check-valgrind: redo-dyn t/unit
	REDO_VALGRIND=1 sh t/run.sh ./redo-dyn

# the suite on a file system with 1-second mtimes (root: a loop mount)
check-coarse: redo redo-dyn t/unit
	T_DYN=./redo-dyn sh t/coarse-suite.sh ./redo

# The second run must print only "redo  all": all.do runs (redo always
# runs the .do of a target it is given), and nothing below it is rebuilt.
example: redo
	@cd example && rm -rf .redo hello ./*.o && \
	echo '$$ ../redo' && ../redo && \
	echo '$$ ./hello' && ./hello && \
	echo '$$ ../redo    (again, nothing changed)' && \
	out=$$(../redo 2>&1) && printf '%s\n' "$$out" && \
	test "$$out" = "redo  all" && \
	echo '(a no-op: only all.do ran; hello and the .o files were up to date)'

install: redo
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	cp redo $(DESTDIR)$(BINDIR)/redo
	chmod 755 $(DESTDIR)$(BINDIR)/redo
	for n in $(NAMES); do \
		rm -f $(DESTDIR)$(BINDIR)/$$n; \
		ln -s redo $(DESTDIR)$(BINDIR)/$$n; \
	done
	for m in $(MANPAGES); do \
		if [ -f "$$m" ]; then \
			cp "$$m" $(DESTDIR)$(MANDIR)/man1/ && \
			chmod 644 $(DESTDIR)$(MANDIR)/man1/$${m#doc/}; \
		fi; \
	done
	mkdir -p $(DESTDIR)$(COMPDIR)
	cp doc/redo.bash-completion $(DESTDIR)$(COMPDIR)/redo
	chmod 644 $(DESTDIR)$(COMPDIR)/redo
	for n in $(NAMES); do \
		rm -f $(DESTDIR)$(COMPDIR)/$$n; \
		ln -s redo $(DESTDIR)$(COMPDIR)/$$n; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/redo
	for n in $(NAMES); do rm -f $(DESTDIR)$(BINDIR)/$$n; done
	for m in $(MANPAGES); do rm -f $(DESTDIR)$(MANDIR)/man1/$${m#doc/}; done
	rm -f $(DESTDIR)$(COMPDIR)/redo
	for n in $(NAMES); do rm -f $(DESTDIR)$(COMPDIR)/$$n; done

clean:
	rm -f redo redo-dyn redo-asan t/unit t/unit-asan

.PHONY: all test check-asan check-valgrind check-coarse example install uninstall clean

# ==== reliability (issue 7): stress and fuzz targets ====================
#   make stress      the long versions of the t/4NN tests: 1,000 SIGKILLs in a
#                    293-target project, a 10,000-target chain, ...
#   make fuzz        the record parser under libFuzzer for FUZZ_TIME seconds,
#                    seeded with records made at run time (t/fuzz-seed.sh);
#                    new inputs collect in t/fuzz-corpus, crashes in
#                    t/fuzz-crash-*
#   make fuzz-short  the same for 30 seconds, for CI
FUZZ_TIME = 300
FUZZCC = clang
FUZZFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined
STRESS_TESTS = $(notdir $(wildcard t/4[0-9][0-9]-*.t))

stress: redo redo-dyn t/unit
	T_DYN=./redo-dyn T_STRESS=1 T_KILLS=1000 T_TIMEOUT=7200 sh t/run.sh ./redo $(STRESS_TESTS)

t/fuzz-record: t/fuzz-record.c redo.c redo.h
	$(FUZZCC) $(WARN) $(FUZZFLAGS) -DREDO_NO_MAIN -I. -o $@ \
		t/fuzz-record.c redo.c

fuzz: redo t/fuzz-record
	rm -rf t/fuzz-seed
	sh t/fuzz-seed.sh ./redo t/fuzz-seed
	mkdir -p t/fuzz-corpus
	t/fuzz-record -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
		-artifact_prefix=t/fuzz-crash- t/fuzz-corpus t/fuzz-seed

fuzz-short:
	$(MAKE) fuzz FUZZ_TIME=30

.PHONY: stress fuzz fuzz-short
# ==== end of reliability targets ========================================
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
# ==== other architectures (issue 18) =====================================
#   make check-i686     a static i686 build (gcc-i686-linux-gnu), its unit
#                       tests and the suite, run natively (or through
#                       qemu-user where the kernel has no IA-32 emulation)
#   make check-i686-dynamic  a dynamic i686 build against the cross libc:
#                       the suite with the LD_PRELOAD tests (their shims
#                       built for i686 and for the host, T_SHIM_CC)
#   make check-s390x    a static s390x build (big-endian,
#                       gcc-s390x-linux-gnu), its unit tests and the suite
#                       through qemu-user-static, registered with
#                       binfmt_misc by t/qemu-binfmt.sh (root, or
#                       registered already)
#   TESTS="502-make-child.t ..."   only these tests (default: all)
I686CC = i686-linux-gnu-gcc
I686LIB = /usr/i686-linux-gnu/lib
I686DYN = -Wl,--dynamic-linker=$(I686LIB)/ld-linux.so.2 -Wl,-rpath=$(I686LIB)
S390XCC = s390x-linux-gnu-gcc
TESTS =

redo-i686: redo.c redo.h
	$(I686CC) -static $(WARN) $(CFLAGS) -o $@ redo.c
t/unit-i686: t/unit.c redo.c redo.h
	$(I686CC) -static $(WARN) $(CFLAGS) -DREDO_NO_MAIN -I. -o $@ t/unit.c redo.c
redo-i686-dyn: redo.c redo.h
	$(I686CC) $(I686DYN) $(WARN) $(CFLAGS) -o $@ redo.c
redo-s390x: redo.c redo.h
	$(S390XCC) -static $(WARN) $(CFLAGS) -o $@ redo.c
t/unit-s390x: t/unit.c redo.c redo.h
	$(S390XCC) -static $(WARN) $(CFLAGS) -DREDO_NO_MAIN -I. -o $@ t/unit.c redo.c

check-i686: redo-i686 t/unit-i686
	sh t/qemu-binfmt.sh i386 ./redo-i686
	UNIT=t/unit-i686 sh t/run.sh ./redo-i686 $(TESTS)

check-i686-dynamic: redo-i686-dyn t/unit-i686
	sh t/qemu-binfmt.sh i386 ./redo-i686-dyn
	T_SHIM_CC="$(I686CC)" UNIT=t/unit-i686 \
		sh t/run.sh ./redo-i686-dyn $(TESTS)

check-s390x: redo-s390x t/unit-s390x
	sh t/qemu-binfmt.sh s390x ./redo-s390x
	UNIT=t/unit-s390x sh t/run.sh ./redo-s390x $(TESTS)

clean-cross:
	rm -f redo-i686 redo-i686-dyn redo-s390x t/unit-i686 t/unit-s390x

.PHONY: check-i686 check-i686-dynamic check-s390x clean-cross
# ==== end of other architectures ==========================================
