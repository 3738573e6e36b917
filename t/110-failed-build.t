# SPEC §3, §5, §8 (issue 2): a failed build keeps the old target and record, says "redo: T: failed (exit N)", exits 1, and stays out of date.
do_file out.do <<'X'
echo out >>runs.log
redo-ifchange in
read v <in
[ "$v" != bad ] || exit 3
echo "built $v"
X
echo good >in
ok redo out
assert_eq "$(cat out)" "built good" "first build"
cp .redo/out,r rec.before
echo bad >in
redo-ifchange out 2>err
assert_eq "$?" 1 "redo-ifchange exit status"
grep -qx 'redo: out: failed (exit 3)' err || fail "message: $(cat err)"
assert_eq "$(cat out)" "built good" "old target kept"
ls | grep -q 'redo.tmp' && fail "temp file left: $(ls)"
grep -q '^dep c .* in$' .redo/out,r || fail "dependency list lost: $(cat .redo/out,r)"
grep -q '^run .* fail$' .redo/out,r || fail "failure not recorded: $(cat .redo/out,r)"
# still out of date: the next session tries again (and fails again)
fails redo-ifchange out 2>/dev/null
assert_eq "$(ran out)" 3 "out of date after a failure"
# redo exits 1 too, with the .do's own code in the message
redo out 2>err
assert_eq "$?" 1 "redo exit status"
grep -qx 'redo: out: failed (exit 3)' err || fail "message: $(cat err)"
# a dependent of a failed target fails without running
do_file top.do <<'X'
redo-ifchange out
echo top >>runs.log
X
fails redo top 2>/dev/null
assert_eq "$(ran top)" 0 "top.do stopped at the failed dependency"
# fix the input: it builds again
echo good2 >in
ok redo-ifchange top
assert_eq "$(cat out)" "built good2" "rebuilt"
assert_eq "$(ran top)" 1 "top built"
# out of date because it failed, even when no dependency changed
do_file flaky.do <<'X'
echo flaky >>runs.log
[ ! -e failflag ]     # not a dependency: only the failure says "rebuild"
echo ok
X
ok redo flaky
touch failflag
fails redo flaky 2>/dev/null
rm failflag
ok redo-ifchange flaky
assert_eq "$(ran flaky)" 3 "rebuilt after a failure with unchanged dependencies"
assert_eq "$(cat flaky)" ok "content"
ok redo-ifchange flaky
assert_eq "$(ran flaky)" 3 "then clean"
# a .do killed by a signal fails the same way
do_file killed.do <<'X'
[ -e killflag ] || { echo fine; exit 0; }
kill -9 $$
X
ok redo killed
touch killflag
redo killed 2>err
assert_eq "$?" 1 "killed .do: exit status"
grep -q '^redo: killed: failed (exit [0-9]*)$' err || fail "killed .do: message: $(cat err)"
assert_eq "$(cat killed)" fine "killed .do: old target kept"
# a failed .do's $3 (file or directory) is removed
do_file d3.do <<'X'
mkdir $3
echo x >$3/inside
exit 1
X
fails redo d3 2>/dev/null
[ -e d3.redo.tmp ] && fail "\$3 directory left behind"
[ -e d3 ] && fail "target created"
true
