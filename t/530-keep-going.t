# SPEC §10, issue 4: -k builds everything that does not depend on a failure, then exits non-zero; without -k no new .do starts after a failure.
. "$T_TOP/t/par.sh"
for t in a c d y z; do
	echo "echo $t >>runs.log" >$t.do
done
do_file b.do <<'X'
echo b >>runs.log
exit 1
X
do_file x.do <<'X'
redo-ifchange b
echo x >>runs.log
X
do_file p.do <<'X'
redo-ifchange b c
echo p >>runs.log
X
do_file q.do <<'X'
redo-ifchange d
echo q >>runs.log
X
do_file all.do <<'X'
redo-ifchange a x y b z
X
do_file nest.do <<'X'
redo-ifchange p q
X
order() { tr '\n' ' ' <runs.log; }
clean() { rm -rf .redo runs.log; }

# serial, without -k: the later siblings never run
fails to 30 redo all 2>err
assert_eq "$(order)" "a b " "what ran with -j1"
grep -q 'redo: b: failed' err || fail "no failure message: $(cat err)"
clean
fails to 30 redo nest 2>err
assert_eq "$(order)" "b " "what ran with -j1, nested"
clean
fails to 30 redo a b c d 2>err
assert_eq "$(order)" "a b " "what ran with -j1, from the command line"

# -k: everything that does not depend on b
clean
fails to 30 redo -k all 2>err
assert_eq "$(sort runs.log | tr '\n' ' ')" "a b y z " "what ran with -k"
clean
fails to 30 redo -k nest 2>err
assert_eq "$(sort runs.log | tr '\n' ' ')" "b c d q " "what ran with -k, nested"
clean
fails to 30 redo --keep-going -j3 all nest 2>err
assert_eq "$(sort runs.log | tr '\n' ' ')" "a b c d q y z " "what ran with -k -j3"
clean
REDO_KEEP_GOING=1 fails to 30 redo all 2>err
assert_eq "$(sort runs.log | tr '\n' ' ')" "a b y z " "what ran with REDO_KEEP_GOING=1"

# -j2 without -k: s1 runs beside f (f fails only once s1 has started)
# and ends only after redo reported f's failure; then s2 and s3 must
# not start
clean
ERRLOG=$PWD/err
export ERRLOG
do_file f.do <<'X'
while ! [ -e s1.started ]; do sleep 0.01; done
exit 1
X
do_file s1.do <<'X'
: >s1.started
while ! grep -q 'f: failed' "$ERRLOG"; do sleep 0.01; done
echo s1 >>runs.log
X
for t in s2 s3; do
	echo "echo $t >>runs.log" >$t.do
done
fails to 30 redo -j2 f s1 s2 s3 2>err
assert_eq "$(order)" "s1 " "what ran with -j2 after a failure"
