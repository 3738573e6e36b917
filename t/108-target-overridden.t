# SPEC §3 (issue 2): a target edited by hand is overridden: warned about, never overwritten (not even by redo T), its dependents rebuilt; deleting it hands it back.
do_file mid.do <<'X'
redo-ifchange in
cat in
echo mid >>runs.log
X
do_file top.do <<'X'
redo-ifchange mid
echo "top: $(cat mid)"
echo top >>runs.log
X
echo gen >in
ok redo top
assert_eq "$(cat top)" "top: gen" "first build"
echo "by hand" >mid
ok redo-ifchange top 2>err
grep -qx 'redo: mid - you modified it; skipping' err ||
	fail "no override warning: $(cat err)"
assert_eq "$(cat mid)" "by hand" "the edited target kept"
assert_eq "$(ran mid)" 1 "its .do did not run"
assert_eq "$(ran top)" 2 "its dependent was rebuilt"
assert_eq "$(cat top)" "top: by hand" "against the user's version"
# not even an input change or an explicit redo overwrites it
echo gen2 >in
ok redo-ifchange top 2>err
ok redo mid 2>err2
grep -qx 'redo: mid - you modified it; skipping' err2 ||
	fail "redo mid: no override warning: $(cat err2)"
assert_eq "$(cat mid)" "by hand" "still the user's version"
assert_eq "$(ran mid)" 1 "mid.do never ran"
assert_eq "$(ran top)" 2 "top clean: it was built against the user's mid"
# the warning is printed once per session
do_file both.do <<'X'
redo-ifchange mid
redo-ifchange mid
redo mid
X
ok redo both 2>err3
assert_eq "$(grep -c 'mid - you modified it' err3)" 1 "one warning per session"
# again after redo-recheck; never from redo-ood
do_file again.do <<'X'
redo-ifchange mid
redo-recheck mid
redo-ifchange mid
X
ok redo again 2>err5
assert_eq "$(grep -c 'mid - you modified it' err5)" 2 "warned again after redo-recheck"
redo-ood >/dev/null 2>err6
grep -q modified err6 && fail "redo-ood warned: $(cat err6)"
# a second edit of the user's file rebuilds its dependents
echo "by hand 2" >mid
ok redo-ifchange top 2>/dev/null
assert_eq "$(cat top)" "top: by hand 2" "dependents follow the user's edits"
assert_eq "$(ran mid)" 1 "mid.do still never ran"
# deleting it hands it back to redo
rm mid
ok redo-ifchange top 2>err4
assert_eq "$(ran mid)" 2 "mid.do ran again once the file was deleted"
assert_eq "$(cat mid)" gen2 "regenerated"
assert_eq "$(cat top)" "top: gen2" "dependent rebuilt"
grep -q 'modified' err4 && fail "warning after the file was handed back: $(cat err4)"
ok redo-ifchange top
assert_eq "$(ran mid)" 2 "and it is a plain target again"
# a touch alone (same bytes, the mtime moves back) is no edit: the
# content is the one redo wrote (issue 13); with REDO_VERIFY=0 it is
do_file tt.do <<'X'
echo tt >>runs.log
echo tt
X
ok redo tt
touch -d '2001-01-01' tt
ok redo-ifchange tt 2>err7
grep -q 'modified' err7 && fail "touch: taken for an edit: $(cat err7)"
assert_eq "$(ran tt)" 1 "touch: nothing to do"
touch -d '2001-01-02' tt
ok redo tt 2>err8
grep -q 'modified' err8 && fail "touch: taken for an edit by redo: $(cat err8)"
assert_eq "$(ran tt)" 2 "redo tt after a touch builds it"
touch -d '2001-01-03' tt
REDO_VERIFY=0 redo tt 2>err9 || fail "REDO_VERIFY=0 redo tt"
grep -qx 'redo: tt - you modified it; skipping' err9 ||
	fail "REDO_VERIFY=0: touch is no override: $(cat err9)"
assert_eq "$(ran tt)" 2 "REDO_VERIFY=0: tt.do did not run"
