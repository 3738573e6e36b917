# SPEC §10, issue 4: a job slot is counted right when a token comes in the same round as a job ends (forced with an LD_PRELOAD shim that slows poll): never more jobs than tokens.
. "$T_TOP/t/par.sh"
build_jstool
build_shim slowpoll
# redo -j3 runs a, b and c, and waits for a slot for d.  c ends first:
# redo hands c's token back and, in the next round, reads it again
# while (the shim holds poll for 600 ms) a ends too, 150 ms after c.  Right: d starts
# on that token and one token stays in the pool while b and d run.
# (The bug: the token read was handed straight back with a's, and d
# started anyway, leaving both tokens in the pool.)
do_file a.do <<'X'
touch started.a
i=0
while ! [ -e done.c ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
sleep 0.15
X
do_file b.do <<'X'
touch started.b
i=0
while ! [ -e started.d ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
X
do_file c.do <<'X'
i=0
while ! [ -e started.a ] || ! [ -e started.b ]; do
	[ $i -lt 500 ] || break
	sleep 0.01
	i=$((i + 1))
done
touch done.c
X
do_file d.do <<'X'
./jstool peek >peek.d
touch started.d
X
SLOWPOLL_LOG=$PWD/slow.log
SLOWPOLL_MS=600
export SLOWPOLL_LOG SLOWPOLL_MS
# Under the ASan build the shim comes before the ASan runtime; let it.
LD_PRELOAD=$SHIM to 30 redo -j3 a b c d 2>err || fail "redo: $(cat err)"
[ -s slow.log ] || skip "the LD_PRELOAD shim had no effect"
assert_eq "$(cat peek.d)" 1 "tokens in the pool while b and d ran"
