# SPEC §1, §13 (issue 2, 3): redo-ifcreate, redo-always and redo-stamp outside a .do fail with exit 3 and a message; redo-ifchange outside a .do just builds.
touch x
redo-ifcreate nothere 2>err
assert_eq "$?" 3 "redo-ifcreate"
grep -q 'redo-ifcreate' err || fail "redo-ifcreate message: $(cat err)"
redo-always 2>err
assert_eq "$?" 3 "redo-always"
grep -q 'redo-always' err || fail "redo-always message: $(cat err)"
echo data | redo-stamp 2>err
assert_eq "$?" 3 "redo-stamp"
grep -q 'redo-stamp' err || fail "redo-stamp message: $(cat err)"
[ -e .redo ] && fail "state written"
# redo-ifchange outside a .do builds and records nothing in a caller
do_file t.do <<'X'
echo t >>runs.log
X
ok redo-ifchange t
assert_eq "$(ran t)" 1 "built"
ok redo-ifchange t
assert_eq "$(ran t)" 1 "then clean"
