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
REDO_DEBUG=2 redo-ifchange all 2>err2 || fail "no-op"
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

# issue 14 fix 7: each reason once in a three-level tree, every name
# relative to where the user stands, times readable, `up to date` only
# at -dd
mkdir sub
do_file top.do <<'X'
redo-ifchange sub/mid
X
do_file sub/mid.do <<'X'
redo-ifchange leaf
X
do_file sub/leaf.do <<'X'
redo-ifchange leaf.src
cat leaf.src
X
echo 'one' >sub/leaf.src
TZ=UTC0 touch -t 202001020304.05 sub/leaf.src
ok redo top 2>/dev/null
echo 'two' >sub/leaf.src         # the same size: the mtime tells
TZ=UTC0 touch -t 202001020304.09 sub/leaf.src
TZ=UTC0 REDO_DEBUG=1 redo-ifchange top 2>err6 || fail "rebuild of the tree"
grep '^redo: -d: ' err6 >reasons
assert_eq "$(grep -c 'sub/leaf: dependency sub/leaf.src changed' reasons)" 1 "the leaf's reason, once: $(cat err6)"
assert_eq "$(grep -c 'sub/mid: ' reasons)" 1 "mid's reason, once: $(cat err6)"
assert_eq "$(lines reasons)" 3 "one reason a target: $(cat err6)"
grep -qx 'redo: -d: sub/leaf: dependency sub/leaf.src changed (mtime 2020-01-02 03:04:05.00 -> 2020-01-02 03:04:09.00)' reasons ||
	fail "the time not readable: $(cat reasons)"
grep -qx 'redo: -d: sub/mid: dependency sub/leaf is out of date' reasons || fail "mid: $(cat reasons)"
grep -qx 'redo: -d: top: dependency sub/mid is out of date' reasons || fail "top: $(cat reasons)"
# from the subdirectory: names relative to it
echo 'six' >sub/leaf.src
TZ=UTC0 touch -t 202001020304.10 sub/leaf.src
(cd sub && TZ=UTC0 REDO_DEBUG=1 redo-ifchange mid 2>../err7) || fail "rebuild from sub"
grep -qx 'redo: -d: leaf: dependency leaf.src changed (mtime 2020-01-02 03:04:09.00 -> 2020-01-02 03:04:10.00)' err7 ||
	fail "from sub: $(cat err7)"
# up to date: only at -dd
redo -d top 2>err8 || fail "redo -d top"
grep -q 'up to date' err8 && fail "-d says up to date: $(cat err8)"
redo -dd top 2>err9 || fail "redo -dd top"
grep -qx 'redo: -d: sub/mid: up to date' err9 || fail "-dd does not say up to date: $(cat err9)"
REDO_DEBUG=1 redo-ifchange top 2>err10 || fail "REDO_DEBUG=1 no-op"
grep -q 'up to date' err10 && fail "REDO_DEBUG=1 says up to date"
true
