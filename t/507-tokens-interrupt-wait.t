# SPEC §10, issue 4: tokens balance when redo is interrupted while it waits for a job token after waiting for a lock (it had given its own token back to the pool).
. "$T_TOP/t/par.sh"
build_jstool
build_hold
build_shim slowpoll
# pool: 1 token.  all.do: redo-ifchange a b c.  a's redo builds t; b's
# (B) waits for t's lock and gives its slot to the pool, where c takes
# it.  t ends, a goes on running: B has t's lock and waits for a token.
# Then B alone gets SIGTERM (SIGINT is ignored in a background job),
# later everything SIGINT.  B must not leave without
# taking a token back, or the pool ends with one token too many.
do_file all.do <<'X'
redo-ifchange a b c
X
# Every step waits for an event: a and c hold their job (t/hold) until
# the SIGINT; the shim t/slowpoll.c, in B only, tells when B polls the
# pool for a token with nothing else to wait for (B.waits: it has
# had t's lock and wants its lent slot back) and when, after SIGTERM,
# it reads a token back (B.readback) before it leaves.
do_file a.do <<'X'
redo-ifchange t
exec "$HOLD" a.held
X
do_file b.do <<'X'
while ! [ -e t.started ]; do sleep 0.01; done   # a's redo builds t
SLOWPOLL_WAITING=$PWD/B.waits SLOWPOLL_BLOCKREAD=$PWD/B.readback \
	LD_PRELOAD=$SHIM redo-ifchange t &
echo $! >B.pid
wait $!
X
do_file c.do <<'X'
touch go
exec "$HOLD" c.held
X
do_file t.do <<'X'
touch t.started
while ! [ -e go ]; do sleep 0.01; done
touch t.finished
X
(
	await test -e B.waits
	kill -TERM "$(cat B.pid)"
	# B takes its token back (it waits for one: c holds the pool's
	# only token), or leaves without it (the bug)
	await eval '[ -e B.readback ] || gone "$(cat B.pid)"'
	touch int
) &
to 90 ./jstool -i int pipe 1 redo all >res 2>err
wait
[ -e t.finished ] || fail "t never finished: $(cat err)"
[ -e B.readback ] || fail "B left without reading its token back"
assert_eq "$(cat res)" "exit=130 tokens=1" "the pool after the interrupt"
