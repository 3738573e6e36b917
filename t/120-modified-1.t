# SPEC §8, §13 (issue 2): a .do that writes $1 directly fails with exit 206; deleting $1 is allowed.
do_file out.do <<'X'
echo direct >$1
X
redo out 2>err
assert_eq "$?" 206 "the redo that ran the .do exits 206"
grep -qx 'redo: out: failed (code 206; the .do exited 0)' err || fail "message: $(cat err)"
# over an existing target, too
do_file out.do <<'X'
echo good
X
ok redo out
do_file out.do <<'X'
echo direct >$1
X
redo out 2>err
grep -qx 'redo: out: failed (code 206; the .do exited 0)' err || fail "existing target: $(cat err)"
# deleting $1 and writing $3 is fine
do_file out.do <<'X'
rm -f $1
echo fine >$3
X
ok redo out
assert_eq "$(cat out)" fine "rm \$1 then \$3"
