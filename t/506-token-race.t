# SPEC §10, issue 4: a job slot is counted right when a token comes in the same round as a job ends (forced with an LD_PRELOAD shim that slows poll): never more jobs than tokens.
. "$T_TOP/t/par.sh"
build_jstool
build_shim slowpoll
# redo -j3 runs a, b and c, and waits for a slot for d.  c ends first:
# redo hands c's token back and, in the next round, reads it again,
# while the shim holds that poll until a has ended too (a ends when it
# sees the shim's signal file).  Right: d starts on that token and one
# token stays in the pool while b and d run.  (The bug: the token read
# was handed straight back with a's, and d started anyway, leaving both
# tokens in the pool.)  Every wait is for an event.
do_file a.do <<'X'
touch started.a
while ! [ -e poll.held ]; do sleep 0.01; done
X
do_file b.do <<'X'
touch started.b
while ! [ -e started.d ]; do sleep 0.01; done
X
do_file c.do <<'X'
while ! [ -e started.a ] || ! [ -e started.b ]; do sleep 0.01; done
touch done.c
X
do_file d.do <<'X'
./jstool peek >peek.d
touch started.d
X
SLOWPOLL_LOG=$PWD/slow.log
SLOWPOLL_ARM=$PWD/done.c
SLOWPOLL_SIGNAL=$PWD/poll.held
export SLOWPOLL_LOG SLOWPOLL_ARM SLOWPOLL_SIGNAL
# Under the ASan build the shim comes before the ASan runtime; let it.
LD_PRELOAD=$SHIM to 30 redo -j3 a b c d 2>err || fail "redo: $(cat err)"
[ -s slow.log ] || fail "the shim never held a poll"
assert_eq "$(cat peek.d)" 1 "tokens in the pool while b and d ran"
