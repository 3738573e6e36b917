# issue 5 / SPEC §11: redo -d (and REDO_DEBUG=1) explains why each target is or is not rebuilt.
umask 022
do_file all.do <<'X'
redo-ifchange hello.o
X
do_file hello.o.do <<'X'
redo-ifchange hello.c hello.h
cat hello.c hello.h
X
echo 'int main(void) { return 0; }' >hello.c
echo '#define X 1' >hello.h
redo -d all 2>err1 || fail "first build"
grep -q 'redo: -d: hello.o: it was never built' err1 || fail "never built not explained"
redo-ifchange all 2>/dev/null
REDO_DEBUG=1 redo-ifchange all 2>err2 || fail "no-op"
grep -q 'redo: -d: all: up to date' err2 || fail "up to date not explained"
echo '#define X 2 /* longer */' >hello.h
REDO_DEBUG=1 redo-ifchange all 2>err3 || fail "rebuild"
grep -q 'redo: -d: hello.o: dependency hello.h changed (size 12 -> 25)' err3 || { cat err3; fail "size change not explained"; }
grep -q 'redo: -d: all: dependency hello.o is out of date' err3 || fail "parent reason missing"
chmod 600 hello.c
REDO_DEBUG=1 redo-ifchange all 2>err4 || fail "rebuild after chmod"
grep -q 'dependency hello.c changed (mode 100644 -> 100600)' err4 || { cat err4; fail "mode change not explained"; }
rm hello.c
redo -d hello.o 2>err5 && fail "build without hello.c should fail"
grep -q 'hello.c: no rule to build it' err5 || fail "missing source not reported"
