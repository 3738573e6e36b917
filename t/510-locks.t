# SPEC §10, issue 4: at most one process builds a target at any moment, across independent top-level redo runs and nested calls; a waiting process then sees the result: up to date (no rebuild) or failed (it fails too, without rebuilding).
. "$T_TOP/t/par.sh"
# t.do marks its run, then waits for ./go (made by the test once the
# other processes wait for t), then succeeds, or fails if ./fail exists
do_file t.do <<'X'
echo "start t" >>"$CONC"
echo t >>runs.log
while ! [ -e go ]; do sleep 0.01; done   # the test's limit bounds it
echo "end t" >>"$CONC"
[ -e go ] || { echo "t: no go" >&2; exit 9; }
[ ! -e fail ] || exit 1
echo built
X
# waitfor FILE TEXT [PID]: until FILE holds TEXT, or process PID has
# ended (then it did not wait: the assertions below say so)
waitfor() {
	while ! grep -q "$2" "$1" 2>/dev/null; do
		[ -z "${3:-}" ] || kill -0 "$3" 2>/dev/null || return 0
		sleep 0.01
	done
}
# race CMD2 CMD3: runs 'redo-ifchange t' (p1), then once t is being
# built CMD2 (p2) and CMD3 (p3) in the background with -d output in
# err2/err3; lets t finish when both wait for its lock
race() {
	rm -rf .redo runs.log go "$CONC" t err*
	to 300 redo-ifchange t 2>err1 &
	p1=$!
	waitfor "$CONC" "start t" $p1
	REDO_DEBUG=1 to 300 $1 2>err2 &
	p2=$!
	REDO_DEBUG=1 to 300 $2 2>err3 &
	p3=$!
	waitfor err2 "locked" $p2
	waitfor err3 "locked" $p3
	touch go
	wait $p1; rc1=$?
	wait $p2; rc2=$?
	wait $p3; rc3=$?
	assert_eq "$(maxconc)" 1 "builds of t at once"
}

# independent top-level runs; the waiters find t up to date
race "redo-ifchange t" "redo-ifchange t"
assert_eq "$rc1 $rc2 $rc3" "0 0 0" "exit codes"
assert_eq "$(ran t)" 1 "t's .do ran once"
assert_eq "$(cat t)" built "t"
# a waiting 'redo t' runs t's .do again, after the first
race "redo t" "redo-ifchange t"
assert_eq "$rc1 $rc2 $rc3" "0 0 0" "exit codes"
assert_eq "$(ran t)" 2 "t's .do ran twice"
# a failure is seen by the waiters, which fail without rebuilding
touch fail
race "redo-ifchange t" "redo -j2 t"
assert_eq "$(ran t)" 1 "t's .do ran once"
[ $rc1 -ne 0 ] && [ $rc2 -ne 0 ] && [ $rc3 -ne 0 ] ||
	fail "exit codes $rc1 $rc2 $rc3: all should fail"
grep -q 'no go' err1 && fail "t did not wait for the others"
rm -f fail

# nested calls in one session: x, y and z all need t; the two that wait
# give their job token back, so w (which makes ./go) can run
do_file x.do <<'X'
redo-ifchange t
X
cp x.do y.do
cp x.do z.do
do_file w.do <<'X'
touch go
X
do_file all.do <<'X'
redo-ifchange x y z w
X
rm -rf .redo runs.log go "$CONC" t
ok to 300 redo -j3 all 2>err
assert_eq "$(ran t)" 1 "t's .do ran once in the session"
assert_eq "$(maxconc)" 1 "builds of t at once"
# and a failure of t fails x, y and z, without running t again
rm -rf .redo runs.log go "$CONC" t
touch fail
fails to 300 redo -j3 -k all 2>err
assert_eq "$(ran t)" 1 "t's .do ran once in the session"
for d in x y z; do
	grep -q "redo: $d: failed" err || fail "$d did not fail: $(cat err)"
done
grep -q 'no go' err && fail "t did not get ./go"
rm -f fail

# waiting for a sibling that is being built is no cycle
do_file b.do <<'X'
redo-ifchange c
cat c
X
do_file c.do <<'X'
redo-ifchange t
echo c
X
rm -rf .redo runs.log go "$CONC" t
touch go
ok to 300 redo -j2 b c 2>err
assert_eq "$(cat b)" c "b"
