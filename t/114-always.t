# SPEC §9, §6 (issue 2): redo-always: out of date in every new session, built at most once per session.
do_file stamp.do <<'X'
redo-always
echo stamp >>runs.log
echo "$$"
X
do_file a.do <<'X'
redo-ifchange stamp
echo a >>runs.log
X
do_file b.do <<'X'
redo-ifchange stamp
echo b >>runs.log
X
do_file all.do <<'X'
redo-ifchange a b stamp
redo-ifchange stamp
X
ok redo all
assert_eq "$(ran stamp)" 1 "built once in a session that asks three times"
assert_eq "$(ran a)" 1 "a"
assert_eq "$(ran b)" 1 "b"
ok redo-ifchange all
assert_eq "$(ran stamp)" 2 "built again in the next session"
assert_eq "$(ran a)" 2 "its dependents too (no redo-stamp: new content)"
ok redo-ifchange stamp
assert_eq "$(ran stamp)" 3 "asked directly"
ok redo-ifchange a
assert_eq "$(ran stamp)" 4 "asked through a dependent"
assert_eq "$(ran a)" 3 "the dependent rebuilt"
