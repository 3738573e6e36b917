# SPEC §8 (pending: limitation left open): SIGTERM to a redo that does not lead its process group (started from a script, kill PID) stops only its own .do shells: a nested redo goes on, holds its lock and commits a record after the top level exited.
mkdir p && cd p || fail mkdir
do_file all.do <<'X'
redo-ifchange sub
X
do_file sub.do <<'X'
: >sub.started
sleep 3
echo sub >>after.log
X
# redo runs in the test's own process group: not a leader
redo all 2>/dev/null &
pid=$!
while [ ! -e sub.started ]; do sleep 0.05; done
kill -TERM $pid
wait $pid
assert_eq $? 130 "exit code"
sleep 4
[ -e after.log ] && fail "sub.do ran on after redo was interrupted"
[ -e .redo/r.sub ] && fail "a record was written after the interrupt"
exit 0
