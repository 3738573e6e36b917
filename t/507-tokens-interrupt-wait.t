# SPEC §10, issue 4: tokens balance when redo is interrupted while it waits for a job token after waiting for a lock (it had given its own token back to the pool).
. "$T_TOP/t/par.sh"
build_jstool
# pool: 1 token.  all.do: redo-ifchange a b c.  a's redo builds t; b's
# (B) waits for t's lock and gives its slot to the pool, where c takes
# it.  t ends, a goes on running: B has t's lock and waits for a token.
# Then B alone gets SIGTERM (SIGINT is ignored in a background job),
# later everything SIGINT.  B must not leave without
# taking a token back, or the pool ends with one token too many.
do_file all.do <<'X'
redo-ifchange a b c
X
do_file a.do <<'X'
redo-ifchange t
i=0
while ! [ -e int ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
sleep 1
X
do_file b.do <<'X'
redo-ifchange t &
echo $! >B.pid
wait $!
X
do_file c.do <<'X'
touch go
i=0
while ! [ -e int ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
sleep 1
X
do_file t.do <<'X'
i=0
while ! [ -e go ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
touch t.finished
X
(
	i=0
	while ! [ -e t.finished ] && [ $i -lt 800 ]; do sleep 0.01; i=$((i + 1)); done
	sleep 0.5
	kill -TERM "$(cat B.pid)"
	sleep 0.3
	touch int
) &
to 90 ./jstool -i int pipe 1 redo all >res 2>err
wait
[ -e t.finished ] || fail "t never finished: $(cat err)"
assert_eq "$(cat res)" "exit=130 tokens=1" "the pool after the interrupt"
