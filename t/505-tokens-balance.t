# SPEC §10, issue 4: job tokens always balance: after a successful, failed (with and without -k) or interrupted (SIGINT) build the make-style pool holds what it started with.
. "$T_TOP/t/par.sh"
build_jstool
build_hold
# balanced WANT_EXIT JSTOOL_ARGS...: the pool must hold its 3 tokens again
balanced() {
	_want=$1
	shift
	rm -rf go started.* .redo
	to 90 ./jstool "$@" >res 2>err || fail "jstool $*: $(cat res err)"
	case $(cat res) in
	"exit=$_want tokens=3") ;;
	*) cat err; fail "$*: $(cat res), want exit=$_want tokens=3" ;;
	esac
}
do_file default.leaf.do <<'X'
. "$LEAF"
X
do_file all.do <<'X'
redo-ifchange a.leaf p q
X
do_file p.do <<'X'
redo-ifchange p1.leaf p2.leaf shared.leaf
X
do_file q.do <<'X'
redo-ifchange q1.leaf shared.leaf
# (make 4.3 cannot read make 4.4's fifo:PATH form)
case $MAKEFLAGS in
*fifo:*) ;;
*) make -s -f jobs.mk >&2 ;;
esac
X
cat >jobs.mk <<'X'
all: m1 m2
m1 m2:
	@sh "$(LEAF)" $@
.PHONY: all m1 m2
X
# successes, every way of naming the pool
BARRIER=4
balanced 0 pipe 3 redo all
assert_eq "$(maxconc)" 4 "the pool's 3 tokens and the implicit one were used"
balanced 0 fifo "$PWD/pool" 3 redo all
# a nested redo with its own -j starts a pool of its own
do_file q.do <<'X'
redo -j2 q1.leaf shared.leaf
X
balanced 0 pipe 3 redo all

# failures, with and without -k (the leaves need not wait now)
LEAF=/dev/null
do_file bad.do <<'X'
redo-ifchange p1.leaf
exit 1
X
do_file q.do <<'X'
redo-ifchange q1.leaf bad q2.leaf
X
gnu_make
balanced 1 pipe 3 redo all
balanced 1 fifo "$PWD/pool" 3 redo -k all
balanced 1 -f pipe 3 redo-ifchange all

# interrupted: SIGINT to the whole process group, or to redo alone,
# while .do scripts run at three levels
do_file q.do <<'X'
redo-ifchange slow1
X
do_file all.do <<'X'
redo-ifchange a.leaf b.leaf slow2 p q
X
do_file p.do <<'X'
redo-ifchange p1.leaf slow3
X
# slow1 and slow2 wait for the signal in t/hold, which makes started.$1
# first; slow3, once both wait, in a t/hold that makes ./go, on which
# jstool sends the SIGINT: it lands while the three wait, however long
# each step takes, and only the signal ends them
do_file default.do <<'X'
if [ "$1" = slow3 ]; then
	touch started.slow3
	while ! [ -e started.slow1 ] || ! [ -e started.slow2 ]; do
		sleep 0.01
	done
	exec "$HOLD" go
fi
exec "$HOLD" started.$1
X
BARRIER=1
balanced 130 -i go pipe 3 redo all
[ -e started.slow3 ] || fail "SIGINT came before the slow targets started"
balanced 130 -i go -1 pipe 3 redo all
balanced 130 -i go fifo "$PWD/pool" 3 redo all
