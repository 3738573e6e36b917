# issue 12: a target whose lock another process holds waits in the
# scheduler's loop without stopping it: the process builds its other
# targets meanwhile, waits for two busy locks at once (noting both for
# the cycle search), and takes what the holder built as built (its .do
# does not run again).
. "$T_TOP/t/par.sh"
for h in hold1 hold2; do
	do_file $h.do <<'X'
echo "$1" >>runs.log
touch "$1.started"
while ! [ -e release ]; do sleep 0.01; done
echo "$1"
X
done
do_file outer.do <<'X'
redo-ifchange hold1 free hold2
X
do_file free.do <<'X'
echo free >>runs.log
echo free
X
# waitfor FILE: until FILE exists (the test's time limit bounds it)
waitfor() {
	while ! [ -e "$1" ]; do sleep 0.01; done
}
to 120 redo -j2 hold1 hold2 2>A.err &
a=$!
waitfor hold1.started
waitfor hold2.started
REDO_DEBUG=1 to 120 redo -j2 outer 2>B.err &
b=$!
# free is built while both locks are still held
waitfor free
[ -e release ] && fail "release exists already"
waitfor B.err
while [ "$(grep -c 'locked by another process; waiting' B.err)" -lt 2 ]; do
	kill -0 $b 2>/dev/null || break
	sleep 0.01
done
assert_eq "$(grep -c 'locked by another process; waiting' B.err)" 2 \
	"targets B waits for at once"
kill -0 $b 2>/dev/null || { cat B.err; fail "B ended while the locks were held"; }
touch release
wait $a
rca=$?
wait $b
rcb=$?
assert_eq "$rca $rcb" "0 0" "exit codes of A and B"
assert_eq "$(ran hold1) $(ran hold2) $(ran free)" "1 1 1" "runs of hold1 hold2 free"
assert_eq "$(cat hold1 hold2 free | tr '\n' ' ')" "hold1 hold2 free " "outputs"
