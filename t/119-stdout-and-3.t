# SPEC §8, §13 (issue 2): a .do that writes both stdout and $3 fails with exit 207; the old target is untouched.
do_file out.do <<'X'
echo "$(cat mode)"
X
echo old >mode
ok redo out
assert_eq "$(cat out)" old "first build"
do_file out.do <<'X'
echo to-stdout
echo to-file >$3
X
redo out 2>err
assert_eq "$?" 207 "the redo that ran the .do exits 207"
grep -qx 'redo: out: failed (code 207; the .do exited 0)' err || fail "message: $(cat err)"
# issue 14 fix 5: the message says what to do
grep -qx 'redo: out: the .do wrote to stdout and to \$3: write the result to \$3 or to stdout, not both' err ||
	fail "no advice: $(cat err)"
assert_eq "$(cat out)" old "target untouched"
[ -e out.redo.tmp ] && fail "\$3 left behind"
# and the same from a nested redo-ifchange: the caller fails
do_file top.do <<'X'
redo-ifchange out
echo top >>runs.log
X
fails redo top 2>/dev/null
assert_eq "$(ran top)" 0 "caller stopped"
