# SPEC §1 (issue 2): empty target names are rejected (usage error, exit 2), at top level and nested, and nothing is built.
do_file all.do <<'X'
echo all >>runs.log
X
redo "" 2>err
assert_eq "$?" 2 "redo ''"
[ -s err ] || fail "no message"
redo-ifchange all "" 2>err
assert_eq "$?" 2 "redo-ifchange all ''"
assert_eq "$(ran all)" 0 "nothing built"
do_file nest.do <<'X'
redo-ifchange "" || echo "rc=$?" >rc
redo-ifcreate "" || echo "rc=$?" >>rc
X
ok redo nest 2>/dev/null
assert_eq "$(cat rc)" "rc=2
rc=2" "nested redo-ifchange/redo-ifcreate ''"
