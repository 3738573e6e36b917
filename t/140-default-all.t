# SPEC §1 (issue 2): redo with no arguments at top level builds "all" (in the current directory).
do_file all.do <<'X'
echo all >>runs.log
redo-ifchange x
X
do_file x.do <<'X'
echo x >>runs.log
X
ok redo
assert_eq "$(ran all)" 1 "all built"
assert_eq "$(ran x)" 1 "x built"
ok redo
assert_eq "$(ran all)" 2 "redo (forced) runs all.do again"
# from a subdirectory: its own all
mkdir sub
do_file sub/all.do <<'X'
echo suball >>../runs.log
X
(cd sub && redo) || fail "redo in sub"
assert_eq "$(ran suball)" 1 "sub/all built"
assert_eq "$(ran all)" 2 "not the parent's all"
# no all.do (and no default.do): an error
mkdir empty
(cd empty && redo 2>../err)
assert_eq "$?" 1 "no rule for all"
grep -q 'all: no rule to build it' err || fail "message: $(cat err)"
