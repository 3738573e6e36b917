# SPEC §2: a target found up to date earlier in the session is not examined again by redo-ifchange in that session (until redo-recheck).
# PENDING: redo.c memoizes only targets built or failed in the session
# (record.run == session); a target merely found clean leaves no trace,
# so a later redo-ifchange in another process examines it again.
do_file leaf.do <<'X'
echo leaf >>runs.log
redo-ifchange in
cat in
X
echo first >in
ok redo leaf
do_file r.do <<'X'
redo-ifchange leaf
echo again >in
redo-ifchange leaf
cp leaf leaf.2
redo-recheck leaf
redo-ifchange leaf
X
ok redo r
assert_eq "$(cat leaf.2)" first "found clean earlier in the session: not examined again"
assert_eq "$(cat leaf)" again "after redo-recheck it is"
assert_eq "$(ran leaf)" 2 "leaf ran once more"
