# SPEC §11 / issue 5: each .do's stderr is kept per target; redo-log replays it, -r follows targets built meanwhile, -u only those of that session, -f waits for a running build.
do_file x.do <<'X'
echo "x stderr one" >&2
[ "$REDO_LOG" = 1 ] || echo "REDO_LOG not exported" >&2
redo y
echo "x stderr two" >&2
echo x-out
X
do_file y.do <<'X'
echo "y stderr" >&2
echo y-out
X
ok redo x 2>build.err
grep -q "x stderr one" build.err || fail "x's stderr not shown while building"
grep -q "y stderr" build.err || fail "y's stderr not shown while building"
redo-log x >log1 || fail "redo-log x"
grep -qx "x stderr one" log1 || fail "x log misses its line"
grep -q "REDO_LOG not exported" log1 && fail "REDO_LOG not set for the .do"
grep -q "y stderr" log1 && fail "x's log holds y's output"
grep -q "x-out" log1 && fail "stdout went to the log"
redo-log -r x >log2 || fail "redo-log -r x"
grep -qx "y stderr" log2 || fail "-r did not follow y"
# order: x's header, x's lines, then y's header and lines
awk '/^redo  x$/{a=NR} /^redo    y$/{b=NR} /^y stderr$/{c=NR} END{exit !(a && b && c && a<b && b<c)}' log2 ||
	{ cat log2; fail "-r order or headers wrong"; }
# a log is replaced on each build
do_file y.do <<'X'
echo "y stderr again" >&2
X
ok redo y 2>/dev/null
redo-log y | grep -qx "y stderr again" || fail "y's log not replaced"
redo-log y | grep -q "^y stderr$" && fail "y's old log kept"
# -u: y was rebuilt in a later session than x: not followed
redo-log -ru x >log3 || fail "redo-log -ru x"
grep -q "y stderr" log3 && fail "-u followed a target rebuilt in another session"
redo-log -r x | grep -q "y stderr again" || fail "-r without -u follows y's current log"
# a .do that redirects its own stderr keeps that redirection for the redo it calls
do_file z.do <<'X'
redo w 2>w.err
X
do_file w.do <<'X'
echo "w speaks" >&2
X
ok redo z 2>z.err
grep -q "w speaks" w.err || fail "redirected stderr of a nested redo lost"
grep -q "w speaks" z.err && fail "redirected output leaked to the terminal"
fails redo-log nosuch

# -f waits for a build in progress: slow.do holds its lock until ./go,
# made only once redo-log -f has found that lock busy (t/lockbusy.c, an
# LD_PRELOAD shim, tells); then redo-log must print the whole log
do_file slow.do <<'X'
echo "slow starts" >&2
: >slow.started
while [ ! -e go ]; do sleep 0.01; done
echo "slow ends" >&2
X
. "$T_TOP/t/par.sh"
build_shim lockbusy
redo slow 2>/dev/null &
bg=$!
await test -e slow.started
LD_PRELOAD=$SHIM LOCKBUSY_SIGNAL=$PWD/busy redo-log -f slow >flog &
lg=$!
# until redo-log waits for the lock, or ends (without waiting: a bug)
await eval '[ -e busy ] || gone $lg'
[ -e busy ] || { cat flog; fail "-f ended while slow was being built"; }
touch go
wait $lg || fail "redo-log -f"
wait $bg
grep -qx "slow ends" flog || { cat flog; fail "-f did not wait for the running build"; }

# issue 14 fix 1: -r shows each child's log where its output happened,
# in the order the children ran, and after a failed build the child
# that failed, not the children of the build before
do_file p.do <<'X'
echo "p one" >&2
redo-ifchange a
echo "p two" >&2
redo-ifchange b
echo "p three" >&2
X
do_file a.do <<'X'
echo "a says" >&2
X
do_file b.do <<'X'
redo-ifchange b.src
echo "b says $(cat b.src)" >&2
[ "$(cat b.src)" = good ]
X
echo good >b.src
ok redo p 2>/dev/null
printf 'redo  p\np one\nredo    a\na says\np two\nredo    b\nb says good\np three\n' >want1
redo-log -r p >got1 || fail "redo-log -r p"
cmp -s want1 got1 || fail "-r order: $(cat got1)"
redo-log p >got2 || fail "redo-log p"
printf 'redo  p\np one\np two\np three\n' >want2
cmp -s want2 got2 || fail "the marks shown without -r: $(cat got2)"
echo bad >b.src
redo p 2>/dev/null && fail "p should fail"
printf 'redo  p\np one\np two\nredo    b\nb says bad\n' >want3
redo-log -r p >got3 || fail "redo-log -r p after the failure"
cmp -s want3 got3 || fail "-r after a failed build: $(cat got3)"
