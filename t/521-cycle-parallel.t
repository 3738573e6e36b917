# SPEC §10, issue 4: a cycle between targets built at the same time (siblings under -j, or two redo processes) fails with 'redo: cycle: ...'; it never hangs.
. "$T_TOP/t/par.sh"
echo 'redo-ifchange c' >b.do
echo 'redo-ifchange b' >c.do
echo 'redo-ifchange b c' >all.do
# cycle CMD...: CMD must fail, with a cycle message (a hang ends at the
# test's time limit: no bound of our own)
cycle() {
	"$@" 2>err
	_rc=$?
	[ $_rc -ne 0 ] || fail "$*: succeeded"
	grep -q '^redo: cycle: ' err || fail "$*: no 'redo: cycle:' message: $(cat err)"
}
# b and c start together; each one's redo-ifchange then waits for the
# other's lock, held by the same parent process
cycle redo -j2 all
cycle redo -j2 b c
# two independent redo processes: one holds b and waits for c, the
# other holds c and waits for b
echo 'echo b >>started; while [ "$(wc -l <started)" -lt 2 ]; do sleep 0.01; done; redo-ifchange c' >b.do
echo 'echo c >>started; while [ "$(wc -l <started)" -lt 2 ]; do sleep 0.01; done; redo-ifchange b' >c.do
rm -rf .redo started
redo b 2>err1 &
redo c 2>err2
rc2=$?
wait $!
rc1=$?
[ $rc1 -ne 0 ] || [ $rc2 -ne 0 ] || fail "two processes: both succeeded"
cat err1 err2 | grep -q '^redo: cycle: ' || fail "two processes: no cycle message"
