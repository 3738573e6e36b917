# SPEC §2 (issue 2): in one session, a target built, found clean, or failed is not examined again by redo-ifchange; a failed one fails again at once; redo-recheck forgets.
do_file leaf.do <<'X'
echo leaf >>runs.log
redo-ifchange in
cat in
X
do_file a.do <<'X'
redo-ifchange leaf
X
do_file b.do <<'X'
# leaf changes under our feet in the same session: the memo keeps it built
echo changed >in
redo-ifchange leaf
X
do_file top.do <<'X'
redo-ifchange a
redo-ifchange b
X
echo first >in
ok redo top
assert_eq "$(ran leaf)" 1 "leaf built once in the session"
assert_eq "$(cat leaf)" first "content as built"
ok redo-ifchange leaf
assert_eq "$(ran leaf)" 2 "a new session sees the change"
# a failed target fails again at once, without running again
do_file bad.do <<'X'
echo bad >>runs.log
exit 1
X
do_file twice.do <<'X'
redo-ifchange bad || echo first-failed >>runs.log
redo-ifchange bad || echo second-failed >>runs.log
X
ok redo twice 2>err
assert_eq "$(ran bad)" 1 "bad ran once in the session"
assert_eq "$(ran second-failed)" 1 "and failed again at once"
# redo-recheck: the session examines it afresh
do_file r.do <<'X'
redo-ifchange leaf
cp leaf leaf.1
echo again >in
redo-ifchange leaf
cp leaf leaf.2
redo-recheck leaf
redo-ifchange leaf
X
echo before >in
n=$(ran leaf)
ok redo r
assert_eq "$(cat leaf.1)" before "built once in the session"
assert_eq "$(cat leaf.2)" before "the memo kept it"
assert_eq "$(cat leaf)" again "redo-recheck made the session look again"
assert_eq "$(ran leaf)" $((n + 2)) "leaf ran twice in that session"
